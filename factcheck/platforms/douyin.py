"""抖音 video and note pages (douyin.com, iesdouyin.com): the account's nickname from the
page's data (``"nickname"``) or the title ("…的抖音"), the caption as the title, the
``create_time`` (Unix, China time) as the date."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from factcheck.platforms.base import (
    PlatformSource,
    PlatformSpec,
    china_day,
    json_string,
    jsonld_author,
)

if TYPE_CHECKING:
    from factcheck.page.model import Page

_TITLE_ACCOUNT = re.compile(r"^(.{1,40}?)的(?:抖音|个人主页|主页|小红书|笔记|视频)")
_CREATED = re.compile(r'"(?:create_time|createTime)"\s*:\s*"?(1\d{9})')


def title_account(title: str) -> str:
    """ "张三的抖音" -> "张三"."""
    match = _TITLE_ACCOUNT.match(title or "")
    return match.group(1).strip() if match else ""


def title_tag(page: Page) -> str:
    return next((el.text_content() or "" for el in page.tree.iter("title")), "")


def read(page: Page, platform: str) -> PlatformSource:
    scripts = page.scripts_text
    candidates = (
        (json_string(scripts, "nickname"), '"nickname" in page script'),
        (jsonld_author(page), "json-ld author"),
        (page.meta_first("author"), "meta author"),
        (title_account(page.meta_first("og:title") or title_tag(page)), "title"),
    )
    account, evidence = next(((a, e) for a, e in candidates if a), ("", ""))
    created = _CREATED.search(scripts)
    return PlatformSource(
        platform,
        account=account,
        evidence=evidence,
        title=json_string(scripts, "desc") or page.meta_first("og:title"),
        published=china_day(created.group(1)) if created else None,
        published_evidence=created.group(0) if created else "",
    )


PLATFORM = PlatformSpec("douyin", ("Douyin", "抖音"), ("douyin.com", "iesdouyin.com"), read)
