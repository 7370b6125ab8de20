"""Resolving hrefs cheaply (:func:`factcheck.page.urls.resolve_url`) must give what
``urljoin`` gives, on every link of the real pages (``../shared/data``) and on the hrefs
where the two could part."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml.html import document_fromstring

from factcheck.page.urls import resolve_url, url_origin

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
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
    """(page URL, href) for every link of the bench pages (with their URLs) and pages-real."""
    found = []
    bench = SHARED / "pages-bench"
    urls = json.loads((bench / "ground-truth.json").read_text()) if bench.is_dir() else {}
    for path in sorted(bench.glob("html/*.html.gz")) if bench.is_dir() else ():
        url = urls.get(path.name.split(".")[0], {}).get("url") or "https://www.example.com/a/b"
        tree = document_fromstring(gzip.decompress(path.read_bytes()))
        found += [(url, a.get("href")) for a in tree.iter("a") if a.get("href") is not None]
    for path in sorted((SHARED / "pages-real").rglob("*.htm*")):
        tree = document_fromstring(path.read_bytes())
        found += [("https://www.example.com/a/b", a.get("href")) for a in tree.iter("a")]
    return [(url, href) for url, href in found if href is not None]


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
