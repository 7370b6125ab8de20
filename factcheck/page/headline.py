"""The article's own headline, without the site's name around it.

``<title>`` and og:title carry affixes ("… - BBC News", "…--健康·生活--人民网",
"…_新闻频道_中国青年网", "… | 政治 | 中央社 CNA") and the first ``<h1>`` is often page
furniture (全部导航, a logo, a "全新首页" banner). The resolver therefore prefers a heading
the page *proves* to be the headline: one whose text is the title or og:title up to a
separator. A platform reader's title comes first (WeChat, Zhihu, Weibo ...). Without proof it
takes a headline-classed ``<h1>``, then JSON-LD ``headline``, then og:title and ``<title>``,
cutting only affixes it can show are the site's: the site's name (og:site_name, JSON-LD
publisher, the platform account, the host), channel and section names next to it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from factcheck.lang.script import has_han
from factcheck.page.jsonld import ARTICLE_TYPES, node_types

if TYPE_CHECKING:
    from factcheck.page.model import Page

#: How many of :attr:`Page.heading_elements` are read (a page of titled list items has more).
_MAX_HEADINGS = 200
#: A separator between a headline and an affix.
_TAIL = re.compile(r"\s*(?:--|—|–|\s-\s|-|_|\|)\s*([^-–—_|]+?)\s*$")
_HEAD = re.compile(r"^\s*([^_|]+?)\s*(?:--|—|–|\s-\s|_|\|)\s*")
#: Channel and section words of Chinese portals ("宏观频道首页", "新闻频道", "资讯").
_ZH_SECTION = re.compile(
    r"(频道|頻道|首页|首頁|栏目|欄目|新闻|新聞|资讯|資訊|订阅|訂閱|网|網|在线|在線|报|報|号|號)$"
    r"|^【[^】]{1,8}】$"
)
_HOSTLIKE = re.compile(r"\b[\w-]+\.(?:com|cn|net|org|gov|co|tw|hk)(?:\.[a-z]{2})?\b", re.I)
#: Words a heading shows beside the title: badges and buttons ("已付费", "播报文章").
_BADGE_MAX = 6
_LOGGED_IN = re.compile(r"^\(\d+\+? 封私信 / \d+ 条消息\)\s*")


def normal(text: str) -> str:
    """Comparison form: NFKC, case folded, no white space."""
    return "".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def resolve_headline(page: Page, platform_title: str = "") -> str:
    """The page's headline (see the module docstring); "" when the page shows none."""
    if platform_title:
        return platform_title
    titles = _title_texts(page)
    headings = _heading_texts(page)
    proven = _proven(headings, titles)
    if proven:
        return proven
    names = site_names(page)
    classed = _classed_h1(page, names)
    if classed:
        return classed
    for title in titles:
        stripped = strip_affixes(title, names)
        if stripped and normal(stripped) not in {normal(n) for n in names}:
            if not _generic(stripped):
                return stripped
            break
    return next((h for h in headings if len(h) >= 8), titles[0] if titles else "")


def _generic(title: str) -> bool:
    """A page-type title made of short parts ("科普中国-辟谣文章"): the site and a kind of
    page, not an article's headline."""
    parts = [p for p in re.split(r"\s*(?:--|—|–|-|_|\|)\s*", title) if p]
    return len(parts) >= 2 and all(_short(p) and len(p) <= 6 for p in parts)


def _title_texts(page: Page) -> list[str]:
    """JSON-LD headline, og:title and twitter:title (every value), ``<title>``."""
    found: list[str] = []
    for node in page.jsonld.nodes:
        if ARTICLE_TYPES & {t.lower() for t in node_types(node)}:
            value = node.get("headline")
            if isinstance(value, str):
                found.append(value)
    found += page.meta.get("og:title", []) + page.meta.get("twitter:title", [])
    first_title = next(page.tree.iter("title"), None)
    found += [] if first_title is None else [first_title.text_content()]
    texts = [_LOGGED_IN.sub("", clean(t)) for t in found]
    return list(dict.fromkeys(t for t in texts if t))


def _heading_texts(page: Page) -> list[str]:
    found: list[str] = []
    for el in page.heading_elements[:_MAX_HEADINGS]:
        text = clean(el.text_content())
        if 4 <= len(text) <= 300:
            found.append(text)
    return found


def _proven(headings: Iterable[str], titles: list[str]) -> str:
    """A heading that a title confirms: equal, or the title's start up to a separator; or
    a title that is a heading without its badge ("…已付费", "…播报文章")."""
    normal_titles = [normal(t) for t in titles]
    for heading in headings:
        key = normal(heading)
        if len(key) < 4:
            continue
        for title, full in zip(titles, normal_titles, strict=True):
            if full == key or (full.startswith(key) and _separator_at(full, len(key))):
                return heading
            if key.startswith(full) and 0 < len(key) - len(full) <= _BADGE_MAX and len(full) >= 6:
                return title
    return ""


def _separator_at(text: str, index: int) -> bool:
    return text[index : index + 1] in ("-", "_", "|", "–", "—")


def _classed_h1(page: Page, names: list[str]) -> str:
    """The one ``<h1>`` marked as the entry's title (``entry-title``, ``headline``)."""
    marked = [
        clean(h.text_content())
        for h in page.elements("h1")
        if re.search(r"entry-title|headline|article-title|post-title", h.get("class") or "")
    ]
    marked = [m for m in marked if len(m) >= 12 and normal(m) not in {normal(n) for n in names}]
    return marked[0] if len(set(marked)) == 1 else ""


def site_names(page: Page) -> list[str]:
    """Names the page gives itself: og:site_name, application-name, JSON-LD publisher."""
    names = page.meta.get("og:site_name", []) + page.meta.get("application-name", [])
    for node in page.jsonld.nodes:
        publisher = node.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(publisher["name"])
    host = page.host.removeprefix("www.") if page.host else ""
    if host:
        names += [host, host.split(".")[0]]
    return [clean(n) for n in names if clean(n)]


def title_affixes(page: Page) -> list[str]:
    """The site and section names cut from the page's titles ("财新网", "新闻频道")."""
    names = site_names(page)
    found: list[str] = []
    for title in _title_texts(page):
        kept = strip_affixes(title, names)
        rest = title[len(kept) :] if title.startswith(kept) else ""
        found += [p for p in re.split(r"\s*(?:--|—|–|\s-\s|-|_|\|)\s*", rest) if p.strip()]
    return list(dict.fromkeys(found))


def strip_affixes(title: str, names: list[str]) -> str:
    """``title`` without the site affixes it can prove (site name, host, and section names
    next to them), at either end."""
    keys = [normal(n) for n in names if len(normal(n)) >= 2]
    text, cut_site = clean(title), False
    for _ in range(6):
        match = _TAIL.search(text)
        if not match or match.start() < 4:
            break
        affix, spaced_dash = match.group(1), bool(re.match(r"\s+[-–—]\s", match.group(0)))
        if _is_site(affix, keys):
            cut_site = True
        elif spaced_dash or not (_ZH_SECTION.search(affix) or (cut_site and _short(affix))):
            break  # " — Major Expedition" is the headline's own dash; sections use _ | --
        text = text[: match.start()].rstrip()
    match = _HEAD.match(text)
    if match and _is_site(match.group(1), keys) and len(text) - match.end() >= 4:
        text = text[match.end() :]
    return text


def _is_site(affix: str, keys: list[str]) -> bool:
    key = normal(affix)
    if not key:
        return False
    if _HOSTLIKE.search(affix):
        return True
    return any(
        key == k
        or (len(k) >= 3 and k in key and len(key) <= len(k) + 8)
        or (key in k and len(key) >= 3)
        for k in keys
    )


def _short(affix: str) -> bool:
    """A section name: a few Chinese characters or words ("数据", "政治", "Health News")."""
    if has_han(affix):
        return len(affix.replace(" ", "")) <= 8
    return len(affix.split()) <= 3
