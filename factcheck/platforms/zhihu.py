"""Zhihu questions, answers and column articles (zhihu.com, zhuanlan.zhihu.com).

An answer page also shows the question (its own date) and other answers with their own
authors and dates: the answer in the URL is found by its ``itemprop="url"``. Its author is
the ``itemprop="author"`` block's name (never the "关注她" follow button); times are UTC in
microdata and shown in China time. A question page is spoken by Zhihu itself (several
answerers), dated by the question. The headline is the question title (``QuestionHeader-title``)
or the article's ``Post-Title``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from factcheck.platforms.base import PlatformSource, PlatformSpec, china_day, clean, first_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from factcheck.page.model import Page

_ANSWER = re.compile(r"/answer/(\d+)")


def _answer_item(page: Page) -> HtmlElement | None:
    match = _ANSWER.search(page.address or "")
    if not match:
        return None
    for meta in page.tree.xpath(
        f'//meta[@itemprop="url"][contains(@content, "/answer/{match.group(1)}")]'
    ):
        node = meta.getparent()
        if node is not None:
            return node
    return None


def _author_of(node: HtmlElement) -> str:
    for block in node.xpath('.//*[@itemprop="author"]')[:1]:
        names = block.xpath('.//meta[@itemprop="name"]/@content')
        if names and clean(names[0]):
            return clean(names[0])
    return first_text_in(node, './/*[contains(@class, "AuthorInfo-name")]//a')


def first_text_in(node: HtmlElement, xpath: str) -> str:
    for found in node.xpath(xpath):
        text = clean(found.text_content())
        if text:
            return text
    return ""


def _created(node: HtmlElement) -> str:
    values = node.xpath('./meta[@itemprop="dateCreated"]/@content')
    return str(values[0]) if values else ""


def read(page: Page, platform: str) -> PlatformSource:
    title = first_text(page, '//h1[contains(@class, "QuestionHeader-title")]') or first_text(
        page, '//h1[contains(@class, "Post-Title")]'
    )
    answer = _answer_item(page)
    if answer is not None:
        author, created = _author_of(answer), _created(answer)
        evidence = "answer author (itemprop=author)"
    elif "/p/" in (page.address or ""):  # a column article
        author = first_text(page, '//*[contains(@class, "AuthorInfo-name")]') or page.meta_first(
            "author"
        )
        created = page.meta_first("article:published_time") or _first_created(page)
        evidence = ".AuthorInfo-name"
    else:  # a question page: Zhihu speaks; the question's own date
        author, evidence = "", "question page"
        question = page.tree.xpath('//*[@itemtype="http://schema.org/Question"]')
        created = _created(question[0]) if question else _first_created(page)
    body = first_text_in(answer, './/*[contains(@class, "RichText")]') if answer is not None else ""
    return PlatformSource(
        platform,
        account=author or ("知乎" if answer is None and "/p/" not in (page.address or "") else ""),
        author=author,
        evidence=evidence,
        title=title,
        published=china_day(created) if created else None,
        published_evidence=f'dateCreated "{created}"' if created else "",
        body=body,
    )


def _first_created(page: Page) -> str:
    values = page.tree.xpath('//meta[@itemprop="dateCreated"]/@content')
    return str(values[0]) if values else ""


PLATFORM = PlatformSpec("zhihu", ("Zhihu", "知乎"), ("zhihu.com",), read)
