"""Global social networks and other hosts of posts by anyone.

On X, YouTube, TikTok, Facebook, Instagram and Kuaishou the account's handle is in the URL;
a video page also names its channel. The other hosts listed here (Reddit, Medium, Telegram
...) get the generic reader: JSON-LD or meta author, else nothing. Every host here is social
media for step 5 too (a link to it is a post, not a source).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.platforms.base import (
    PlatformSource,
    PlatformSpec,
    json_string,
    jsonld_author,
    path_handle,
)

if TYPE_CHECKING:
    from factcheck.page.model import Page

_RESERVED_PATHS = frozenset(
    {"watch", "shorts", "channel", "c", "user", "i", "home", "search", "share", "video",
     "photo", "groups", "story.php", "permalink.php", "hashtag", "explore", "intent", "embed",
     "p", "reel", "reels", "tv", "stories", "short-video", "profile"}
)  # fmt: skip


def by_handle(page: Page, platform: str) -> PlatformSource:
    """The account's handle is the first path segment (``@name`` on YouTube and TikTok)."""
    pattern = r"^/(@[^/?#]+)" if platform in ("youtube", "tiktok") else r"^/([^/?#]+)"
    handle = path_handle(page, pattern)
    if handle.lower() in _RESERVED_PATHS:
        handle = ""
    account = (
        json_string(page.scripts_text, "ownerChannelName")
        or jsonld_author(page)
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


def generic(page: Page, platform: str) -> PlatformSource:
    account = jsonld_author(page) or page.meta_first("author", "article:author")
    if account.startswith("http"):
        account = ""
    return PlatformSource(platform, account=account, evidence="meta/json-ld" if account else "")


_HANDLE_PLATFORMS = (
    ("x", ("X (Twitter)", "X（推特）"), ("x.com", "twitter.com")),
    ("youtube", ("YouTube", "YouTube"), ("youtube.com", "youtu.be")),
    ("tiktok", ("TikTok", "TikTok"), ("tiktok.com",)),
    ("facebook", ("Facebook", "Facebook"), ("facebook.com", "fb.com", "fb.me")),
    ("instagram", ("Instagram", "Instagram"), ("instagram.com",)),
    ("kuaishou", ("Kuaishou", "快手"), ("kuaishou.com",)),
)
_GENERIC_PLATFORMS = (
    ("bilibili", ("Bilibili", "哔哩哔哩"), ("bilibili.com", "b23.tv")),
    ("threads", ("Threads", "Threads"), ("threads.net",)),
    ("linkedin", ("LinkedIn", "领英"), ("linkedin.com",)),
    ("reddit", ("Reddit", "Reddit"), ("reddit.com",)),
    ("pinterest", ("Pinterest", "Pinterest"), ("pinterest.com",)),
    ("tumblr", ("Tumblr", "Tumblr"), ("tumblr.com",)),
    ("telegram", ("Telegram", "Telegram"), ("t.me", "telegram.me", "telegram.org")),
    ("whatsapp", ("WhatsApp", "WhatsApp"), ("whatsapp.com", "wa.me")),
    ("vk", ("VK", "VK"), ("vk.com",)),
    ("snapchat", ("Snapchat", "Snapchat"), ("snapchat.com",)),
    ("quora", ("Quora", "Quora"), ("quora.com",)),
    ("medium", ("Medium", "Medium"), ("medium.com",)),
    ("substack", ("Substack", "Substack"), ("substack.com",)),
    ("rumble", ("Rumble", "Rumble"), ("rumble.com",)),
    ("bitchute", ("BitChute", "BitChute"), ("bitchute.com",)),
    ("gab", ("Gab", "Gab"), ("gab.com",)),
    ("truthsocial", ("Truth Social", "Truth Social"), ("truthsocial.com",)),
    ("parler", ("Parler", "Parler"), ("parler.com",)),
    ("odysee", ("Odysee", "Odysee"), ("odysee.com",)),
    ("xigua", ("Xigua Video", "西瓜视频"), ("ixigua.com",)),
    ("douban", ("Douban", "豆瓣"), ("douban.com",)),
    ("tieba", ("Baidu Tieba", "百度贴吧"), ("tieba.baidu.com",)),
    ("twitter-links", ("X (Twitter) links", "X（推特）短链接"), ("t.co",)),
    ("weibo-links", ("Weibo links", "微博短链接"), ("t.cn",)),
    ("weixin", ("Weixin", "微信"), ("weixin.qq.com",)),
)

PLATFORMS = tuple(PlatformSpec(i, n, h, by_handle) for i, n, h in _HANDLE_PLATFORMS) + tuple(
    PlatformSpec(i, n, h, generic) for i, n, h in _GENERIC_PLATFORMS
)
