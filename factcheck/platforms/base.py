"""What a platform reader returns, the Platform protocol, and the helpers readers share.

A platform page (a WeChat article, a Zhihu answer, a Weibo post ...) is spoken by an
account, not by the platform. Each platform module reads what its HTML shows: the
account, the writer (when it is not the account), the post's title, its date and its body,
and whether the page is the content at all (WeChat's verification and deleted pages).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from factcheck.page.model import Page

#: Chinese platforms show times in China Standard Time.
CHINA_TIME = timezone(timedelta(hours=8))
#: Zero-width and formatting characters platforms put around names (Zhihu: "等风\u200b").
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")


class PageState(StrEnum):
    """Whether the platform served the content or something in its place."""

    CONTENT = "content"
    VERIFICATION = "verification"  # WeChat's "环境异常 / 去验证" anti-bot page
    DELETED = "deleted"  # removed by the author or the platform


@dataclass(frozen=True, slots=True)
class PlatformSource:
    """The account behind a platform page, and the post, as far as the page shows them."""

    platform: str
    state: PageState = PageState.CONTENT
    account: str = ""  # display name: the 公众号, the Weibo screen name, the Zhihu answerer
    handle: str = ""  # id in the URL: x.com/WHO -> "WHO", youtube.com/@WHO -> "@WHO"
    description: str = ""  # the account's own description (WeChat #js_profile_desc)
    author: str = ""  # the post's writer when the page names one (not the account)
    verified: bool | None = None  # the platform's own verification badge, when shown
    verified_reason: str = ""  # the badge's words or type (微博个人认证, 金V ...)
    evidence: str = ""  # where the account name was read (selector / script / url)
    title: str = ""  # the post's own title (a Weibo post: its 【…】 lead)
    published: date | None = None  # the post's date, in the platform's local time
    published_evidence: str = ""
    body: str = ""  # the post's text when the reader finds it
    #: Where the body was read (an XPath), when one path holds it: the page's main text is
    #: then the body, its links the post's own, and trafilatura's extraction is not needed.
    body_path: str = ""


class Platform(Protocol):
    """One platform: its id, names, hosts, and the reader for its pages."""

    @property
    def id(self) -> str: ...

    @property
    def names(self) -> tuple[str, str]: ...  # (en, zh)

    @property
    def hosts(self) -> tuple[str, ...]: ...  # registered hosts (label-wise match)

    @property
    def social(self) -> bool: ...  # posts by anyone: a link to it is social media

    def read(self, page: Page) -> PlatformSource: ...


@dataclass(frozen=True, slots=True)
class PlatformSpec:
    """A :class:`Platform` from plain values and a reader function."""

    id: str
    names: tuple[str, str]
    hosts: tuple[str, ...]
    reader: Callable[[Page, str], PlatformSource]
    social: bool = True

    def read(self, page: Page) -> PlatformSource:
        return self.reader(page, self.id)


# -- helpers shared by the readers -----------------------------------------------------------


def clean(text: str | None) -> str:
    """White space collapsed, invisible characters removed."""
    return " ".join(_INVISIBLE.sub("", text or "").split())


def first_text(page: Page, xpath: str) -> str:
    """Text of the first element ``xpath`` finds that has any."""
    return next((text for _, text in _with_text(page, xpath)), "")


def first_node(page: Page, xpath: str) -> Any:
    """The element :func:`first_text` reads (None when none has text)."""
    return next((node for node, _ in _with_text(page, xpath)), None)


def _with_text(page: Page, xpath: str) -> Iterator[tuple[Any, str]]:
    for node in page.tree.xpath(xpath):
        text = clean(node.text_content() if hasattr(node, "text_content") else str(node))
        if text:
            yield node, text


def script_var(scripts: str, name: str) -> str:
    """``var nickname = "健康中国";`` or ``nickname = htmlDecode("...")`` in page script."""
    match = re.search(
        rf"""\b{name}\s*[=:]\s*(?:htmlDecode\()?\s*(["'])(.*?)\1""", scripts, flags=re.S
    )
    return clean(html.unescape(match.group(2))) if match else ""


def json_string(scripts: str, key: str) -> str:
    """The first ``"key": "value"`` in page script, JSON-unescaped."""
    match = re.search(rf'"{key}"\s*:\s*"((?:[^"\\]|\\.)*)"', scripts)
    if not match:
        return ""
    try:
        return clean(str(json.loads(f'"{match.group(1)}"')))
    except ValueError:
        return clean(match.group(1))


def jsonld_author(page: Page) -> str:
    for node in page.elements("script"):
        if (node.get("type") or "").lower() != "application/ld+json":
            continue
        match = re.search(r'"author"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]+)"', node.text or "")
        if match:
            return clean(match.group(1))
    return ""


def path_handle(page: Page, pattern: str) -> str:
    path = unquote(urlsplit(page.address or "").path)
    match = re.match(pattern, path)
    return match.group(1) if match else ""


def snippet(text: str) -> str:
    return " ".join(text.split())[:160]


def china_day(value: str | None) -> date | None:
    """The China-time calendar day of an ISO time with zone ("2023-03-01T06:29:33.000Z"),
    a Unix time, or a local "2024-05-09 22:30"."""
    value = (value or "").strip()
    if re.fullmatch(r"1\d{9}", value):
        return datetime.fromtimestamp(int(value), tz=CHINA_TIME).date()
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return local_day(value)
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(CHINA_TIME).date()


_LOCAL_DAY = re.compile(r"(?<!\d)((?:19|20)?\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})(?!\d)")


def local_day(text: str) -> date | None:
    """A date as a platform prints it: "2024-05-09 22:30", "24-5-13 17:07" (two-digit year),
    "2023年03月01日"."""
    match = _LOCAL_DAY.search(text or "")
    if not match:
        return None
    year = int(match.group(1))
    year += 2000 if year < 100 else 0
    try:
        return date(year, int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def utc_now_day() -> date:
    return datetime.now(UTC).date()
