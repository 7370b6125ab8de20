"""WeChat 公众号 articles (mp.weixin.qq.com).

Templates met on real pages: the 2022-23 article (``#activity-name``, ``#meta_content`` with
the writer in ``#js_author_name`` or a ``rich_media_meta_text`` span or ``<em>``, the account
in ``#js_name``), the 2025 article (same ids, writer in a plain ``rich_media_meta_text``
span, a reward button "赞赏" nearby), the text-share post (``item_show_type`` 10: no
``#activity-name``/``#js_name``; the account in ``.wx_follow_nickname``), and the pages shown
instead of an article: the anti-bot verification page and the deleted-article notice. The
date is only in script (``var ct``/``create_time``, Unix time, shown in China time).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree

from factcheck.platforms.base import (
    PageState,
    PlatformSource,
    PlatformSpec,
    china_day,
    clean,
    first_text,
    script_var,
    snippet,
)

if TYPE_CHECKING:
    from factcheck.page.model import Page

_VERIFY = ("环境异常", "完成验证后即可继续访问", "去验证", "secitptpage/verify")
_DELETED = (
    "该内容已被发布者删除",
    "此内容因违规无法查看",
    "此内容被投诉且经审核涉嫌",
    "该公众号已迁移",
    "内容已删除",
    "此内容发送失败无法查看",
    "The content has been deleted by the author",
)
#: WeChat's article ids.
_IDS = frozenset({"js_name", "js_content", "activity-name"})
#: Words in the meta line that are not a writer: badges, buttons, the IP line.
_NOT_WRITER = re.compile(
    r"^(?:原创|Original|赞赏|Reward|发表于.*|Posted on.*|修改于.*|已付费|付费|"
    r"\d{4}[-年].*|\d+ ?(?:分钟|小时|天)前)$"
)
_WRITER_XPATH = etree.XPath(
    '//*[@id="meta_content"]//*[contains(concat(" ", @class, " "), " rich_media_meta_text ")]'
    '[not(@id="publish_time") and not(@id="js_ip_wording_wrp") and not(@id="js_title_modify_wrp")]'
)
#: A Unix time in script under a create-time key, and under ``publish_time`` (which the date
#: step reads too). No leading ``\b``: with it re tries the pattern at every position of the
#: scripts (65 ms on a 3 MB page, 14 without); :func:`script_times` checks the word boundary.
#: ``publish_time`` is found by ``str.find``: in the alternation it costs 10 ms more a scan.
_CREATED = re.compile(r"(ct|ori_create_time|create_time)\s*[=:]\s*[\"']?(1\d{9})[\"']?")
_PUBLISHED = re.compile(r"(publish_time)\s*[=:]\s*[\"']?(1\d{9})[\"']?")


def looks_like_wechat(page: Page) -> bool:
    """WeChat article markup, for HTML sent without its URL (the extension may do that)."""
    return not _IDS.isdisjoint(page.element_ids) or "var nickname" in page.scripts_text


def wechat_account(page: Page) -> tuple[str, str]:
    """The 公众号 behind a WeChat article, and where it was read ("" when none is shown)."""
    for xpath, evidence in (
        ('//*[@id="js_name"]', "#js_name"),
        ('//*[contains(@class, "wx_follow_nickname")]', ".wx_follow_nickname"),
    ):
        account = first_text(page, xpath)
        if account:
            return account, evidence
    account = script_var(page.scripts_text, r"(?:var\s+|window\.)nickname")
    if account and not re.fullmatch(r"[\w-]+-[\w-]+", account):
        return account, "var nickname"
    account = first_text(page, '//*[contains(@class, "profile_nickname")]')
    return account, ".profile_nickname" if account else ""


def wechat_writer(page: Page) -> str:
    """The article's writer: ``#js_author_name``, the meta line's text span or ``<em>``
    (never the reward button or a badge), else ``<meta name="author">``."""
    found = first_text(page, '//*[@id="js_author_name" or @id="js_author_name_text"]')
    if found:
        return found
    for node in _WRITER_XPATH(page.tree):
        text = clean(node.text_content())
        if text and not _NOT_WRITER.match(text) and len(text) <= 30:
            return text
    return page.meta_first("author")


def wechat_title(page: Page) -> str:
    """``#activity-name`` without its badges (已付费), else og:title."""
    for node in page.tree.xpath('//*[@id="activity-name"]'):
        inner = node.xpath('.//*[contains(@class, "js_title_inner")]')
        text = clean((inner[0] if inner else node).text_content())
        if text:
            return text
    return page.meta_first("og:title", "twitter:title")


@lru_cache(maxsize=1)  # the platform reader and the date step read the same scripts
def script_times(scripts: str) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """The first Unix time under any key, and the first under a create-time key (``ct``,
    ``create_time``, ``ori_create_time``), each key a whole word."""
    created = next(_own_keys(_CREATED.finditer(scripts)), None)
    before = created.start() if created else len(scripts)
    published = next(_own_keys(_published(scripts, before)), None)
    return published or created, created


def _published(scripts: str, end: int) -> Iterator[re.Match[str]]:
    at = scripts.find("publish_time", 0, end)
    while at != -1:
        match = _PUBLISHED.match(scripts, at)
        if match:
            yield match
        at = scripts.find("publish_time", at + 1, end)


def _own_keys(matches: Iterable[re.Match[str]]) -> Iterator[re.Match[str]]:
    """Matches whose key is a word of its own ("abstract = ..." and "product_ct: ..." are not)."""
    for match in matches:
        before = match.string[match.start() - 1 : match.start()]
        if not (before.isalnum() or before == "_"):
            yield match


def _placeholder(page: Page, platform: str) -> PlatformSource | None:
    """The verification or deleted-article page shown instead of an article, if it is one."""
    head = page.tree.text_content()[:4000] if page.tree is not None else ""
    if any(m in head or m in page.html[:20000] for m in _VERIFY):
        return PlatformSource(platform, PageState.VERIFICATION, evidence=snippet(head))
    if any(marker in page.html for marker in _DELETED):
        return PlatformSource(platform, PageState.DELETED, evidence=snippet(head))
    return None


_BODY = '//*[@id="js_content"]'


def read(page: Page, platform: str) -> PlatformSource:
    body = first_text(page, _BODY)
    placeholder = None if body else _placeholder(page, platform)
    if placeholder is not None:
        return placeholder
    account, evidence = wechat_account(page)
    description = first_text(page, '//*[@id="js_profile_desc"]') or first_text(
        page, '//*[contains(@class, "profile_meta_value")]'
    )
    time = script_times(page.scripts_text)[1]
    return PlatformSource(
        platform,
        account=account,
        description=description,
        author=wechat_writer(page),
        evidence=evidence,
        title=wechat_title(page),
        published=china_day(time.group(2)) if time else None,
        published_evidence=time.string[time.start() : time.end(2)] if time else "",
        body=body,
        body_path=_BODY if body else "",
    )


PLATFORM = PlatformSpec("wechat", ("WeChat", "微信公众号"), ("mp.weixin.qq.com",), read)
