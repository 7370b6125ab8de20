"""The page's main pictures and reverse-image searches for them.

Pictures are often re-used out of context: an old photo presented as today's. A reverse
image search shows where and when a picture appeared before. We pick the main images
(og:image / twitter:image, then the first content images, WeChat's lazy ``data-src``) and
build search links; nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from factcheck.page.model import resolve_url, url_origin

if TYPE_CHECKING:
    from factcheck.page.model import Page

MAX_IMAGES = 3
_SKIP = ("logo", "icon", "avatar", "sprite", "pixel", "spacer", "blank", "1x1", "qrcode", "emoji")

#: Reverse image search engines, as (name, URL template taking the quoted image URL).
ENGINES: tuple[tuple[str, str], ...] = (
    ("Google Lens", "https://lens.google.com/uploadbyurl?url={url}"),
    ("Bing", "https://www.bing.com/images/search?view=detailv2&iss=sbi&q=imgurl:{url}"),
    ("Yandex", "https://yandex.com/images/search?rpt=imageview&url={url}"),
    ("Baidu", "https://graph.baidu.com/details?isfromtusoupc=1&tn=pc&image={url}"),
    ("TinEye", "https://tineye.com/search?url={url}"),
)


@dataclass(frozen=True, slots=True)
class ImageSearch:
    """One main image and where to look it up."""

    image: str
    origin: str  # og:image | twitter:image | content | wechat
    searches: tuple[tuple[str, str], ...]  # (engine, search URL)

    def to_dict(self) -> dict[str, object]:
        return {"image": self.image, "origin": self.origin, "searches": dict(self.searches)}


def main_images(page: Page, limit: int = MAX_IMAGES) -> list[tuple[str, str]]:
    """(absolute image URL, origin) for the page's main pictures, best first."""
    found: list[tuple[str, str]] = []
    for key in ("og:image", "og:image:url", "twitter:image"):
        value = page.meta_first(key)
        if value:
            found.append((value, key.split(":image")[0] + ":image"))
            break
    for count, img in enumerate(page.elements("img")):
        if count >= 30:
            break
        lazy = img.get("data-src")  # WeChat and other lazy loaders keep the real URL here
        src = lazy or img.get("src") or ""
        if src and not src.startswith("data:") and not any(s in src.lower() for s in _SKIP):
            found.append((src, "wechat" if lazy and "mmbiz" in lazy else "content"))
    return _absolute_unique(page, found, limit)


def image_searches(page: Page, limit: int = MAX_IMAGES) -> tuple[ImageSearch, ...]:
    return tuple(_searches(url, origin) for url, origin in main_images(page, limit))


def _searches(url: str, origin: str) -> ImageSearch:
    quoted = quote(url, safe="")  # once for all the engines
    return ImageSearch(url, origin, tuple((name, tpl.format(url=quoted)) for name, tpl in ENGINES))


def _absolute_unique(page: Page, found: list[tuple[str, str]], limit: int) -> list[tuple[str, str]]:
    """The first ``limit`` distinct absolute http(s) URLs (the rest are never shown)."""
    out: dict[str, str] = {}
    base = page.address or ""
    base_origin = url_origin(base)
    for src, origin in found:
        if len(out) >= limit:
            break
        try:
            absolute = resolve_url(base, src.strip(), base_origin)
        except ValueError:
            continue
        if absolute.startswith("//"):
            absolute = "https:" + absolute
        if absolute.startswith(("http://", "https://")):
            out.setdefault(absolute, origin)
    return list(out.items())
