"""今日头条 articles (toutiao.com): the 头条号 in ``.article-meta .name``, the local time
beside it, the title in the article's ``<h1>``; JSON-LD repeats them in UTC."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.platforms.base import (
    PlatformSource,
    PlatformSpec,
    first_text,
    jsonld_author,
    local_day,
)

if TYPE_CHECKING:
    from factcheck.page.model import Page


def read(page: Page, platform: str) -> PlatformSource:
    account = first_text(page, '//*[contains(@class, "article-meta")]//*[contains(@class, "name")]')
    evidence = ".article-meta .name"
    if not account:
        account, evidence = jsonld_author(page), "json-ld author"
    if not account:
        account, evidence = page.meta_first("author"), "meta author"
    when = first_text(page, '//*[contains(@class, "article-meta")]/span[1]')
    body = first_text(page, "//article")
    return PlatformSource(
        platform,
        account=account,
        evidence=evidence if account else "",
        title=first_text(page, '//*[contains(@class, "article-content")]//h1'),
        published=local_day(when) if when else None,
        published_evidence=when,
        body=body,
        body_path="//article" if body else "",
    )


PLATFORM = PlatformSpec("toutiao", ("Toutiao", "今日头条"), ("toutiao.com",), read)
