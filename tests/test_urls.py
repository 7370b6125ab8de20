"""Resolving hrefs cheaply (:func:`factcheck.page.urls.resolve_url`) must give what
``urljoin`` gives, on every link of the real pages (``../shared/data``) and on the hrefs
where the two could part."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from lxml.html import document_fromstring

from benchmarks.common import PAGES_DIR, bench_pages, real_pages
from factcheck.page.urls import resolve_url, url_origin

EDGES = [
    "/a/b?x=1",
    "/a/../b",
    "/./a",
    "/a;p",
    "/a?",
    "/a#",
    "/a?#f",
    "/a\n/b",
    "//cdn.example.net/x.js",
    "https://other.example.org/p?q#f",
    "https://www.example.com/same",
    "http://www.example.com/other-scheme",
    "https://www.example.com/x?#y",
    "HTTPS://www.example.com/Upper",
    "https://www.example.com/tab\there",
    "relative/path",
    "../up",
    "?only=query",
    "#fragment",
    "{template}",
    "mailto:a@example.com",
    " /leading-space",
    "/",
    "",
]


def _page_links() -> list[tuple[str, str]]:
    """(page URL, href) for every link of the bench and pages-real pages."""
    pages = [*real_pages(), *(bench_pages() if PAGES_DIR.is_dir() else ())]
    return [
        (page.url, href)
        for page in pages
        for href in (a.get("href") for a in document_fromstring(page.raw).iter("a"))
        if href is not None
    ]


LINKS = _page_links()


def test_the_edges_resolve_as_urljoin_resolves_them():
    page = "https://www.example.com/news/2024/story.html"
    for href in EDGES:
        assert resolve_url(page, href) == urljoin(page, href), href
        assert resolve_url(page, href, url_origin(page)) == urljoin(page, href), href


@pytest.mark.skipif(len(LINKS) < 1000, reason="needs ../shared/data")
def test_every_link_of_the_real_pages_resolves_as_urljoin_resolves_it():
    differ = [href for url, href in LINKS if resolve_url(url, href) != urljoin(url, href)]
    assert not differ, differ[:10]
