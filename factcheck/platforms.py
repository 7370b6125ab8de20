"""Who is speaking on a platform page: the account, not the platform.

A WeChat article is not "qq.com": its source is the 公众号 that published it. This module
recognises the platform from the host (or, for WeChat HTML sent without a URL, from its
markup), pulls the account name, handle, description and any verification the page shows,
and recognises WeChat's verification (anti-bot) and deleted-article pages, which carry no
article at all.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from lxml import etree

from .domains import domain_candidates

if TYPE_CHECKING:
    from .page import Page

#: Host (or parent domain) -> platform id.
PLATFORM_HOSTS: dict[str, str] = {
    "mp.weixin.qq.com": "wechat",
    "weibo.com": "weibo",
    "weibo.cn": "weibo",
    "zhihu.com": "zhihu",
    "douyin.com": "douyin",
    "iesdouyin.com": "douyin",
    "xiaohongshu.com": "xiaohongshu",
    "xhslink.com": "xiaohongshu",
    "toutiao.com": "toutiao",
    "bilibili.com": "bilibili",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "x.com": "x",
    "twitter.com": "x",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "tiktok.com": "tiktok",
}

PLATFORM_NAMES = {
    "wechat": ("WeChat", "微信公众号"),
    "weibo": ("Weibo", "微博"),
    "zhihu": ("Zhihu", "知乎"),
    "douyin": ("Douyin", "抖音"),
    "xiaohongshu": ("Xiaohongshu", "小红书"),
    "toutiao": ("Toutiao", "今日头条"),
    "bilibili": ("Bilibili", "哔哩哔哩"),
    "facebook": ("Facebook", "Facebook"),
    "x": ("X (Twitter)", "X（推特）"),
    "youtube": ("YouTube", "YouTube"),
    "tiktok": ("TikTok", "TikTok"),
}


class PageState(StrEnum):
    """Whether the platform served the content or something in its place."""

    CONTENT = "content"
    VERIFICATION = "verification"  # WeChat's "环境异常 / 去验证" anti-bot page
    DELETED = "deleted"  # removed by the author or the platform


@dataclass(frozen=True, slots=True)
class PlatformSource:
    """The account behind a platform page, as far as the page shows it."""

    platform: str
    state: PageState = PageState.CONTENT
    account: str = ""  # display name: the 公众号, the Weibo screen name ...
    handle: str = ""  # id in the URL: x.com/WHO -> "WHO", youtube.com/@WHO -> "@WHO"
    description: str = ""  # the account's own description (WeChat #js_profile_desc)
    author: str = ""  # the article's author (not the account)
    verified: bool | None = None  # the platform's own verification badge, when shown
    verified_reason: str = ""
    evidence: str = ""  # where the account name was read (selector / script / url)


_WECHAT_VERIFY = ("环境异常", "完成验证后即可继续访问", "去验证", "secitptpage/verify")
_WECHAT_DELETED = (
    "该内容已被发布者删除",
    "此内容因违规无法查看",
    "此内容被投诉且经审核涉嫌",
    "该公众号已迁移",
    "内容已删除",
    "此内容发送失败无法查看",
    "The content has been deleted by the author",
)


def platform_of(host: str) -> str | None:
    """The platform id for ``host`` (label-wise: ``notweibo.com`` is not Weibo)."""
    if not host:
        return None
    for candidate in domain_candidates(host):
        platform = PLATFORM_HOSTS.get(candidate)
        if platform:
            return platform
    return None


def platform_domain(host: str) -> str:
    """The listed platform host ``host`` belongs to (``mp.weixin.qq.com``, ``weibo.cn`` ...)."""
    for candidate in domain_candidates(host) if host else ():
        if candidate in PLATFORM_HOSTS:
            return candidate
    return ""


#: WeChat's article ids. Searching the ``id`` attributes themselves is about three times
#: faster than testing every element (``//*[@id=...]``).
_WECHAT_IDS = etree.XPath('//@id[.="js_name" or .="js_content" or .="activity-name"]')


def looks_like_wechat(page: Page) -> bool:
    """WeChat article markup, for HTML sent without its URL (the extension may do that)."""
    return bool(_WECHAT_IDS(page.tree)) or "var nickname" in page.scripts_text


def identify(page: Page, platform: str) -> PlatformSource:
    """Extract the account behind ``page`` on ``platform``."""
    extractor = _EXTRACTORS.get(platform, _generic)
    return extractor(page, platform)


# -- WeChat ----------------------------------------------------------------------------------


def wechat_account(page: Page) -> tuple[str, str]:
    """The 公众号 behind a WeChat article, and where it was read ("" when none is shown)."""
    account, evidence = _first_text(page, '//*[@id="js_name"]'), "#js_name"
    if not account:
        account, evidence = _script_var(page.scripts_text, "nickname"), "var nickname"
    if not account:
        account = _first_text(page, '//*[contains(@class, "profile_nickname")]')
        evidence = ".profile_nickname"
    return account, evidence if account else ""


def _wechat(page: Page, platform: str) -> PlatformSource:
    body = page.tree.text_content() if page.tree is not None else ""
    head = body[:4000]
    if any(marker in head or marker in page.html[:20000] for marker in _WECHAT_VERIFY) and not (
        _first_text(page, '//*[@id="js_content"]')
    ):
        return PlatformSource(platform, PageState.VERIFICATION, evidence=_snippet(head))
    if any(marker in head for marker in _WECHAT_DELETED) and not _first_text(
        page, '//*[@id="js_content"]'
    ):
        return PlatformSource(platform, PageState.DELETED, evidence=_snippet(head))
    account, evidence = wechat_account(page)
    description = _first_text(page, '//*[@id="js_profile_desc"]') or _first_text(
        page, '//*[contains(@class, "profile_meta_value")]'
    )
    author = page.meta_first("author")
    return PlatformSource(
        platform,
        account=account,
        description=description,
        author=author,
        evidence=evidence,
    )


# -- Weibo -----------------------------------------------------------------------------------


def _weibo(page: Page, platform: str) -> PlatformSource:
    scripts = page.scripts_text
    account = _json_string(scripts, "screen_name")
    evidence = '"screen_name" in page script'
    if not account:
        account = _first_text(page, '//*[contains(@class, "m-text-cut") or @usercard]')
        evidence = "user card"
    verified = None
    match = re.search(r'"verified"\s*:\s*(true|false)', scripts)
    if match:
        verified = match.group(1) == "true"
    reason = _json_string(scripts, "verified_reason")
    handle = _path_handle(page, r"^/(?:u/)?([^/?#]+)")
    if not account and handle and not handle.isdigit():
        account, evidence = handle, "url"
    return PlatformSource(
        platform,
        account=account,
        handle=handle,
        verified=verified,
        verified_reason=reason,
        description=_json_string(scripts, "description"),
        evidence=evidence if account else "",
    )


# -- handle-in-URL platforms (X, YouTube, TikTok, Facebook) -------------------------------------


_RESERVED_PATHS = frozenset(
    {"watch", "shorts", "channel", "c", "user", "i", "home", "search", "share", "video",
     "photo", "groups", "story.php", "permalink.php", "hashtag", "explore", "intent", "embed"}
)  # fmt: skip


def _by_handle(page: Page, platform: str) -> PlatformSource:
    """X, YouTube, TikTok, Facebook: the account's handle is the first path segment."""
    pattern = r"^/(@[^/?#]+)" if platform in ("youtube", "tiktok") else r"^/([^/?#]+)"
    handle = _path_handle(page, pattern)
    if handle.lower() in _RESERVED_PATHS:
        handle = ""
    # The handle in the URL is the surest name; a video page also names its channel.
    account = (
        _json_string(page.scripts_text, "ownerChannelName")
        or _jsonld_author(page)
        or page.meta_first("author")
    )
    if platform == "x" and handle:
        handle = handle.lstrip("@")
    return PlatformSource(
        platform,
        account=account or handle,
        handle=handle,
        evidence="url" if handle else ("meta/json-ld" if account else ""),
    )


# -- Zhihu, Douyin, Xiaohongshu, Toutiao, Bilibili -------------------------------------------------


def _generic(page: Page, platform: str) -> PlatformSource:
    scripts = page.scripts_text
    candidates = (
        (_jsonld_author(page), "json-ld author"),
        (page.meta_first("author", "og:article:author", "article:author"), "meta author"),
        (_json_string(scripts, "nickname"), '"nickname" in page script'),
        (_json_string(scripts, "mediaName") or _json_string(scripts, "media_name"), "script"),
        (_first_text(page, '//*[contains(@class, "AuthorInfo-name")]'), ".AuthorInfo-name"),
        (_title_account(page.title), "title"),
    )
    account, evidence = next(((a, e) for a, e in candidates if a), ("", ""))
    return PlatformSource(platform, account=account, evidence=evidence)


_EXTRACTORS = {
    "wechat": _wechat,
    "weibo": _weibo,
    "x": _by_handle,
    "youtube": _by_handle,
    "tiktok": _by_handle,
    "facebook": _by_handle,
}


# -- helpers ---------------------------------------------------------------------------------


def _first_text(page: Page, xpath: str) -> str:
    for node in page.tree.xpath(xpath):
        text = " ".join(node.text_content().split())
        if text:
            return text
    return ""


def _script_var(scripts: str, name: str) -> str:
    """``var nickname = "健康中国";`` or ``nickname = htmlDecode("...")`` in WeChat's script."""
    match = re.search(
        rf"""\b{name}\s*[=:]\s*(?:htmlDecode\()?\s*(["'])(.*?)\1""", scripts, flags=re.S
    )
    return html.unescape(match.group(2)).strip() if match else ""


def _json_string(scripts: str, key: str) -> str:
    match = re.search(rf'"{key}"\s*:\s*"((?:[^"\\]|\\.)*)"', scripts)
    if not match:
        return ""
    try:
        return str(json.loads(f'"{match.group(1)}"')).strip()
    except ValueError:
        return match.group(1).strip()


def _jsonld_author(page: Page) -> str:
    for node in page.tree.xpath('//script[@type="application/ld+json"]'):
        match = re.search(r'"author"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]+)"', node.text or "")
        if match:
            return match.group(1).strip()
    return ""


def _path_handle(page: Page, pattern: str) -> str:
    path = unquote(urlsplit(page.address or "").path)
    match = re.match(pattern, path)
    return match.group(1) if match else ""


_TITLE_ACCOUNT = re.compile(r"^(.{1,40}?)的(?:抖音|个人主页|主页|小红书|笔记|视频)")


def _title_account(title: str) -> str:
    match = _TITLE_ACCOUNT.match(title or "")
    return match.group(1).strip() if match else ""


def _snippet(text: str) -> str:
    return " ".join(text.split())[:160]
