"""The one walk over the page's elements (:mod:`factcheck.page.walk`) finds what each
whole-tree XPath it replaced found, in the same order, on every real page and on documents
that keep elements outside the root libxml2 hands back."""

from __future__ import annotations

import pytest
from lxml import etree

from benchmarks.common import bench_pages, real_pages
from factcheck.page.model import Page
from factcheck.page.parse import parse_html
from factcheck.page.walk import INDEXED_TAGS, index_elements

PAGES = [*real_pages(), *bench_pages()]

#: The searches the walk replaced, as they were written.
HEADINGS = etree.XPath(
    "//h1|//h2|(//@class[contains(., 'title')]/..|//@id[contains(., 'title')]/..)"
    "[not(self::title or self::meta or self::a or self::script or self::style)]"
)
ITEMPROP = etree.XPath("//@itemprop/..")
CLASSED = etree.XPath("//@class/..")
IDS = etree.XPath("//@id")
JSON_LD = etree.XPath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]')


def same_as_xpaths(tree: etree._Element) -> list[str]:
    """The names of the walk's findings that differ from the XPaths' (none, if it is right)."""
    index = index_elements(tree)
    expected = {
        "headings": list(HEADINGS(tree)),
        "itemprop": list(ITEMPROP(tree)),
        "classed": [(el, el.get("class")) for el in CLASSED(tree)],
        "ids": set(IDS(tree)),
        "size": int(tree.xpath("count(//*)")),
        "indexed": tree.xpath("|".join(f"//{tag}" for tag in sorted(INDEXED_TAGS))),
    }
    found = {
        "headings": list(index.headings),
        "itemprop": list(index.itemprop),
        "classed": list(index.classed),
        "ids": set(index.ids),
        "size": index.size,
        "indexed": list(index.indexed),
    }
    return [name for name in expected if expected[name] != found[name]]


@pytest.mark.skipif(not PAGES, reason="needs ../shared/data")
def test_the_walk_finds_what_the_xpaths_found_on_every_real_and_bench_page():
    differ = {}
    for page in PAGES:
        tree = parse_html(page.html)
        assert tree is not None
        wrong = same_as_xpaths(tree)
        if wrong:
            differ[page.id] = wrong
    assert not differ


@pytest.mark.parametrize(
    "html",
    [
        # a second <html> that libxml2 leaves beside the root
        "<html><body><p class='x'>a</p></body></html>"
        "<html><body><h1 class='headline-title' id='t'>b</h1><a class='title'>c</a></body></html>",
        # a fragment: lxml hands back the body's one child, the rest stays in the document
        "<p>x</p></html><h1 class='title'>after</h1><span itemprop='name'>n</span>",
        "<div><h2>one</h2><p class='pubdate'>May 1</p></div><div><b id='js_name'>two</b></div>",
    ],
)
def test_elements_outside_the_handed_back_root_are_found_as_xpath_finds_them(html):
    tree = parse_html(html)
    assert tree is not None
    assert same_as_xpaths(tree) == []


def test_the_page_views_read_the_walk():
    page = Page.from_html(
        '<html><head><script type=\'Application/LD+JSON\'>{"@type": "NewsArticle",'
        ' "headline": "Flu season starts"}</script></head><body>'
        "<h1 class='entry-title'>Flu season starts</h1><div class='meta publish-date'>"
        "<span itemprop='datePublished'>2024-01-05</span></div>"
        "<div id='js_content'><p>Text.</p></div><a href='https://who.int/flu'>WHO</a>"
        "</body></html>",
        "https://news.example.org/flu",
    )
    assert [el.tag for el in page.heading_elements] == ["h1"]
    assert [names for _, names in page.classed_elements] == ["entry-title", "meta publish-date"]
    assert [el.get("itemprop") for el in page.itemprop_elements] == ["datePublished"]
    assert page.element_ids == frozenset({"js_content"})
    assert [el.get("href") for el in page.elements("a")] == ["https://who.int/flu"]
    assert [node.get("headline") for node in page.jsonld.nodes] == ["Flu season starts"]
