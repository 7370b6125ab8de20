"""百家号 articles (baijiahao.baidu.com): the account in the author box (``.author-name``,
``_2gGWi``-style hashed classes keep ``data-testid="author-name"``), the date beside it
("2024-05-13 10:20" or "05-13 10:20"), the title in ``.index-module_articleTitle``/``<h1>``.
The sidebar's "作者最新文章" list repeats other titles: it is never the title."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.platforms.base import (
    PlatformSource,
    PlatformSpec,
    first_text,
    json_string,
    local_day,
)

if TYPE_CHECKING:
    from factcheck.page.model import Page

_ACCOUNT = (
    '//*[@data-testid="author-name"]',
    '//*[contains(@class, "author-name")]',
    '//*[contains(@class, "authorName")]',
)
_TITLE = (
    '//*[contains(@class, "articleTitle")]',
    '//*[contains(@class, "article-title")]//h2',
    '//div[contains(@class, "article")]//h1',
)


def read(page: Page, platform: str) -> PlatformSource:
    account = next((found for x in _ACCOUNT if (found := first_text(page, x))), "")
    evidence = "author box"
    if not account:
        account, evidence = json_string(page.scripts_text, "author_name"), "page script"
    when = first_text(page, '//*[@data-testid="updatetime"]') or first_text(
        page, '//*[contains(@class, "date") or contains(@class, "time")]'
    )
    return PlatformSource(
        platform,
        account=account,
        evidence=evidence if account else "",
        title=next((found for x in _TITLE if (found := first_text(page, x))), ""),
        published=local_day(when) if when else None,
        published_evidence=when,
    )


PLATFORM = PlatformSpec(
    "baijiahao", ("Baijiahao", "百家号"), ("baijiahao.baidu.com", "mbd.baidu.com"), read
)
