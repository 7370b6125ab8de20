"""factcheck.metadata must give exactly what trafilatura.extract_metadata gives for every field
the checks read, on every fixture page, and leave the shared tree untouched."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import trafilatura
from lxml import etree

from benchmarks.common import PAGES_DIR, bench_pages, real_pages
from factcheck.page.metadata import page_metadata, searched_author

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.html"))
FIELDS = ("title", "author", "date", "sitename", "description", "image", "url")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_same_fields_as_trafilatura(path):
    html = path.read_bytes()
    url = f"https://site.example.org/{path.name}"
    tree = trafilatura.load_html(html)
    ours = page_metadata(tree, url, tree.iter("script"))
    ours.author = ours.author or searched_author(tree)  # the author step asks when it must
    theirs = trafilatura.extract_metadata(trafilatura.load_html(html), default_url=url)
    assert {f: getattr(ours, f) for f in FIELDS} == {f: getattr(theirs, f) for f in FIELDS}


def test_fixtures_exercise_the_fields():
    found = {f: 0 for f in FIELDS}
    for path in FIXTURES:
        tree = trafilatura.load_html(path.read_bytes())
        md = page_metadata(tree, "https://x.example.org/a", tree.iter("script"))
        md.author = md.author or searched_author(tree)
        for f in FIELDS:
            found[f] += bool(getattr(md, f))
    assert all(found[f] >= 3 for f in ("title", "author", "date", "sitename")), found


def test_the_shared_tree_is_not_modified():
    html = (Path(__file__).parent / "fixtures" / "engine_news_jsonld.html").read_bytes()
    tree = trafilatura.load_html(html)
    before = etree.tostring(tree)
    page_metadata(tree, "https://www.reuters.com/x", tree.iter("script"))
    searched_author(tree)
    assert etree.tostring(tree) == before


TRAFILATURA_PAGES = PAGES_DIR.parent / "pages-metadata" / "trafilatura"
REAL_PAGES = [
    *(page.raw for page in real_pages()),
    *(page.raw for page in (bench_pages() if PAGES_DIR.is_dir() else ())),
    *(gzip.decompress(p.read_bytes()) for p in sorted(TRAFILATURA_PAGES.rglob("*.html.gz"))[:200]),
]


@pytest.mark.skipif(not REAL_PAGES, reason="needs ../shared/data")
def test_the_byline_search_finds_what_trafilatura_finds_on_real_pages():
    """factcheck.page.bylines narrows trafilatura's author XPaths to candidate elements: on
    real pages it must return exactly what trafilatura.metadata.extract_author returns (a
    word added upstream to those XPaths would show here)."""
    from trafilatura.metadata import extract_author as upstream

    from factcheck.page.bylines import extract_author

    differ, found = [], 0
    for number, raw in enumerate(REAL_PAGES):
        tree = trafilatura.load_html(raw)
        if tree is None:
            continue
        theirs = upstream(tree)
        found += theirs is not None
        if extract_author(tree) != theirs:
            differ.append(number)
    assert not differ
    assert found >= 100  # the pages exercise the search


@pytest.mark.skipif(not REAL_PAGES, reason="needs ../shared/data")
def test_the_json_ld_reading_finds_what_trafilatura_finds_on_real_pages():
    """factcheck.page.metadata reads JSON-LD from the walk's scripts, not trafilatura's XPath:
    on real pages every field must be what trafilatura.metadata.extract_meta_json gives."""
    from trafilatura.metadata import extract_meta_json
    from trafilatura.settings import Document

    from factcheck.page.metadata import _json_metadata
    from factcheck.page.parse import parse_html
    from factcheck.page.walk import index_elements

    differ, found = [], 0
    for number, raw in enumerate(REAL_PAGES):
        tree = parse_html(raw.decode("utf-8", "replace"))
        if tree is None:
            continue
        scripts = index_elements(tree).by_tag.get("script", ())
        ours = _json_metadata(tree, scripts, Document())
        theirs = extract_meta_json(tree, Document())
        found += bool(theirs.title or theirs.author)
        if _fields(ours) != _fields(theirs):
            differ.append(number)
    assert not differ
    assert found >= 100  # the pages exercise the reading


@pytest.mark.parametrize(
    "html",
    [
        "<html><head>{inside}</head></html><html><head>{beside}</head></html>",  # two <html>
        "<div>{inside}<p>x</p></div></html><div>{beside}</div>",  # lxml hands back the div
    ],
)
def test_json_ld_outside_the_tree_is_not_read(html):
    """Like trafilatura's XPath, only scripts inside the tree count: the page's walk also
    holds the elements libxml2 leaves beside the root lxml hands back."""
    from trafilatura.metadata import extract_meta_json
    from trafilatura.settings import Document

    from factcheck.page.metadata import _json_metadata
    from factcheck.page.parse import parse_html
    from factcheck.page.walk import index_elements

    script = (
        '<script type="application/ld+json">{{"@context": "https://schema.org", "@type": '
        '"NewsArticle", "author": {{"@type": "Person", "name": "{}"}}}}</script>'
    )
    tree = parse_html(html.format(inside=script.format("Jane Roe"), beside=script.format("Max Mo")))
    scripts = index_elements(tree).by_tag["script"]
    assert len(scripts) == 2
    assert _json_metadata(tree, scripts, Document()).author == "Jane Roe"
    assert extract_meta_json(tree, Document()).author == "Jane Roe"


def _fields(document):
    """A Document's values, but for the empty ``<body>`` elements each new one holds."""
    return {k: v for k, v in document.as_dict().items() if k not in ("body", "commentsbody")}


@pytest.mark.parametrize(
    "text",
    [
        '{ "a" : "b c",\n\t"d": [1, 2] }',
        '{"q": "say \\"hi\\" twice", "p": "a\\\\"}',  # escaped quotes, a trailing backslash
        '{"open": "never closed  }',  # an unterminated string
        '{"x": "line\\\nbreak",  "y" : 1}',  # a backslash before a line break
        '  "  \\"  " " ',
    ],
)
def test_json_minification_is_trafilaturas(text):
    """The faster minification leaves what trafilatura's JSON_MINIFY leaves."""
    from trafilatura.metadata import JSON_MINIFY

    from factcheck.page.metadata import _JSON_MINIFY

    assert _JSON_MINIFY.sub(r"\1", text) == JSON_MINIFY.sub(r"\1", text)
