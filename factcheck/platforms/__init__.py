"""Who is speaking on a platform page: the account, not the platform. One registry.

A WeChat article is not "qq.com": its source is the 公众号 that published it. Every platform
is one module here with a reader (:class:`~factcheck.platforms.base.Platform`); this registry
is the only list of platforms: step 1 asks it whose page it is (:func:`platform_of`,
:func:`identify`), steps 3 and 4 read the post's writer, title and date from the same reader,
and step 5 takes its social-media hosts from :data:`SOCIAL_HOSTS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.knowledge.domains import domain_candidates
from factcheck.platforms import (
    baijiahao,
    douyin,
    social,
    toutiao,
    wechat,
    weibo,
    xiaohongshu,
    zhihu,
)
from factcheck.platforms.base import PageState, Platform, PlatformSource, PlatformSpec
from factcheck.platforms.wechat import looks_like_wechat, wechat_account

if TYPE_CHECKING:
    from factcheck.page.model import Page

__all__ = [
    "PLATFORM_HOSTS",
    "PLATFORM_NAMES",
    "REGISTRY",
    "SOCIAL_HOSTS",
    "PageState",
    "Platform",
    "PlatformSource",
    "PlatformSpec",
    "identify",
    "looks_like_wechat",
    "platform_domain",
    "platform_of",
    "read_page",
    "wechat_account",
]

#: Every platform, Chinese ones first (their readers know the most).
REGISTRY: tuple[Platform, ...] = (
    wechat.PLATFORM,
    weibo.PLATFORM,
    zhihu.PLATFORM,
    toutiao.PLATFORM,
    baijiahao.PLATFORM,
    douyin.PLATFORM,
    xiaohongshu.PLATFORM,
    *social.PLATFORMS,
)
_BY_ID: dict[str, Platform] = {p.id: p for p in REGISTRY}
#: Host (or parent domain) -> platform id.
PLATFORM_HOSTS: dict[str, str] = {host: p.id for p in REGISTRY for host in p.hosts}
#: Platform id -> (English name, Chinese name).
PLATFORM_NAMES: dict[str, tuple[str, str]] = {p.id: p.names for p in REGISTRY}
#: Hosts of posts by anyone: a link to them is social media, not a source (step 5).
SOCIAL_HOSTS: frozenset[str] = frozenset(h for p in REGISTRY if p.social for h in p.hosts)


def platform_of(host: str) -> str | None:
    """The platform id for ``host`` (label-wise: ``notweibo.com`` is not Weibo)."""
    for candidate in domain_candidates(host) if host else ():
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


def identify(page: Page, platform: str) -> PlatformSource:
    """Read the account (and the post) behind ``page`` on ``platform``."""
    reader = _BY_ID.get(platform)
    if reader is None:
        return social.generic(page, platform)
    return reader.read(page)


def read_page(page: Page) -> PlatformSource | None:
    """The platform reading of ``page``: by its host, or WeChat markup sent without a URL;
    ``None`` on an ordinary site."""
    platform = platform_of(page.host) or ("wechat" if looks_like_wechat(page) else None)
    return identify(page, platform) if platform else None
