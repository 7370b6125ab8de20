"""小红书 note pages (xiaohongshu.com, xhslink.com): the author's nickname in the note's
author box (``.author-wrapper .username``) or the page data (``"nickname"``), the note's
title (``#detail-title``), its date (``.date``: "2024-05-13" or "05-13"; "编辑于" kept) and
its text (``#detail-desc``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.platforms.base import (
    PlatformSource,
    PlatformSpec,
    first_text,
    json_string,
    local_day,
)
from factcheck.platforms.douyin import title_account, title_tag

if TYPE_CHECKING:
    from factcheck.page.model import Page


def read(page: Page, platform: str) -> PlatformSource:
    candidates = (
        (
            first_text(
                page, '//*[contains(@class, "author-wrapper")]//*[contains(@class, "username")]'
            ),
            ".author-wrapper .username",
        ),
        (json_string(page.scripts_text, "nickname"), '"nickname" in page script'),
        (title_account(page.meta_first("og:title") or title_tag(page)), "title"),
    )
    account, evidence = next(((a, e) for a, e in candidates if a), ("", ""))
    when = first_text(page, '//*[contains(@class, "note-content")]//*[contains(@class, "date")]')
    body = first_text(page, '//*[@id="detail-desc"]')
    return PlatformSource(
        platform,
        account=account,
        author=account,
        evidence=evidence,
        title=first_text(page, '//*[@id="detail-title"]'),
        published=local_day(when) if when else None,
        published_evidence=when,
        body=body,
        body_path='//*[@id="detail-desc"]' if body else "",
    )


PLATFORM = PlatformSpec(
    "xiaohongshu", ("Xiaohongshu", "小红书"), ("xiaohongshu.com", "xhslink.com"), read
)
