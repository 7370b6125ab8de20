"""The page's one parse and its main text.

The parse (:mod:`factcheck.page.parse`) must build the tree ``trafilatura.load_html`` builds,
node for node, on real pages and on the inputs it repairs or rejects; the main text must
read as the page's prose, the targets of its links kept apart (``page.links``).
"""

from __future__ import annotations

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import repair_faulty_html

from benchmarks.common import real_pages
from factcheck.page.model import Page
from factcheck.page.parse import _repaired, parse_html
from factcheck.page.text import without_link_markup

REAL = real_pages()


def _same_tree(ours: HtmlElement | None, theirs: HtmlElement | None) -> bool:
    if ours is None or theirs is None:
        return ours is theirs
    return etree.tostring(ours, encoding="unicode") == etree.tostring(theirs, encoding="unicode")


@pytest.mark.skipif(not REAL, reason="needs ../shared/data")
def test_the_parse_builds_trafilaturas_tree_on_every_real_page():
    differ = [
        page.id
        for page in REAL
        if not _same_tree(parse_html(page.html), trafilatura.load_html(page.html))
    ]
    assert not differ


@pytest.mark.parametrize(
    "html",
    [
        "<!DOCTYPE html><html><body><p>doctype first</p></body></html>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared</p></body></html>',
        "<html/><body><p>self-closing html</p></body>",
        "<p>a fragment</p>",
        "just some text, no markup at all",
        "<div><p>one</p></div><div><p>two</p></div>",
        "\x0bcontrol\x0c characters <html><body>x</body></html>",
        "<html><body><p>a NUL\x00, an escape\x1b and a non-character\ufffe</p></body></html>",
        "<!DOCTYPE html/>\n<html><body><p>a doctype with a slash</p></body></html>",
        "<!DOCTYPE html/><html><body><p>one line, no line break</p></body></html>",
        "<!doctype html>\n<html lang='en'/>\n<body><p>self-closing html, line 2</p></body>",
        "<html/><body><p>self-closing html \x01 and a control character</p></body>",
    ],
)
def test_the_parse_repairs_and_rejects_as_trafilatura_does(html):
    assert _same_tree(parse_html(html), trafilatura.load_html(html))
    assert _repaired(html, html[:50].lower()) == repair_faulty_html(html, html[:50].lower())


def test_the_repair_looks_for_the_characters_trafilatura_removes():
    from trafilatura.utils import INVALID_XML_CHARS

    from factcheck.page.parse import _REFUSED

    removed = {c for c in map(chr, range(0x110000)) if INVALID_XML_CHARS.fullmatch(c)}
    assert removed == set(_REFUSED)


@pytest.mark.skipif(not REAL, reason="needs ../shared/data")
def test_the_repair_is_trafilaturas_on_every_real_page():
    for page in REAL:
        beginning = page.html[:50].lower()
        assert _repaired(page.html, beginning) == repair_faulty_html(page.html, beginning), page.id


def test_every_element_is_a_plain_html_element():
    tree = parse_html(
        "<html><body><form><input name=q><label>L</label><select><option>o</option></select>"
        "<textarea>t</textarea></form><p>text</p></body></html>"
    )
    assert tree is not None
    assert {type(el) for el in tree.iter()} == {HtmlElement}
    assert tree.text_content() == "Lottext"


def test_the_main_text_reads_links_as_their_anchors():
    html = (
        "<html><head><title>Study on sleep</title></head><body><article><h1>Study on sleep</h1>"
        + "<p>Adults who sleep less than six hours a night had more colds, according to "
        '<a href="/research/sleep-colds-2024">a study [PDF]</a> in a journal. The '
        '<a href="https://www.who.int/news (2024)">WHO</a> has said so for years, and the '
        "authors repeated it in three interviews with reporters this spring.</p>"
        * 3
        + "</article><nav><a href='/about'>About us</a></nav></body></html>"
    )
    page = Page.from_html(html, "https://news.example.org/health/sleep.html")
    assert "](" not in page.text and "https://" not in page.text
    assert "according to a study [PDF] in a journal. The WHO has said" in page.text
    main = {link.url for link in page.links if link.in_main_text}
    assert main == {
        "https://news.example.org/research/sleep-colds-2024",
        "https://www.who.int/news (2024)",
    }


@pytest.mark.parametrize(
    ("markup", "prose"),
    [
        ("see [a paper](https://x.org/a_b?c=1).", "see a paper."),
        ("[x \\[1\\]](<https://x.org/a b>) and [y](<https://x.org/\\<z\\>>)", "x [1] and y"),
        ("[1] (a note) and [2](not a link", "[1] (a note) and [2](not a link"),
        ("no links here", "no links here"),
    ],
)
def test_link_markup_is_read_back_to_its_anchor(markup, prose):
    assert without_link_markup(markup) == prose
