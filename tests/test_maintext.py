"""factcheck.page.maintext must give exactly what ``trafilatura.bare_extraction`` gives with the
same options, on every real page and on pages built to take each of its shortcuts' branches,
and leave the shared tree untouched."""

from __future__ import annotations

import gzip
from collections import Counter
from functools import cache

import pytest
import trafilatura
from lxml import etree
from trafilatura.baseline import html2txt

from benchmarks.common import PAGES_DIR, bench_pages, real_pages
from factcheck.page import maintext
from factcheck.page.maintext import MAIN_TEXT, main_text, text_bound
from factcheck.page.parse import parse_html
from factcheck.page.walk import index_elements

TRAFILATURA_PAGES = PAGES_DIR.parent / "pages-metadata" / "trafilatura"


def _real_pages() -> list[str]:
    pages = [page.html for page in real_pages()]
    if PAGES_DIR.is_dir():
        pages += [page.html for page in bench_pages()]
    for path in sorted(TRAFILATURA_PAGES.rglob("*.html.gz"))[:200]:
        pages.append(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
    return pages


def _compare(tree: etree._Element) -> tuple[bool, int]:
    """Whether main_text's text or tree differs from bare_extraction's on ``tree``, and the
    length of bare_extraction's text."""
    before = etree.tostring(tree)
    ours = main_text(tree, index_elements(tree))
    assert etree.tostring(tree) == before  # the shared tree is left as it was
    theirs = trafilatura.bare_extraction(tree, options=MAIN_TEXT)
    if ours is None or theirs is None:
        return (ours is None) != (theirs is None), 0
    differs = ours.text != theirs.text or etree.tostring(ours.body) != etree.tostring(theirs.body)
    return differs, len(theirs.text)


def test_the_options_are_those_the_port_follows():
    """The sequence's steps are run as written for these options only."""
    assert (MAIN_TEXT.fast, MAIN_TEXT.comments, MAIN_TEXT.focus) == (True, False, "balanced")
    assert (MAIN_TEXT.format, MAIN_TEXT.lang, MAIN_TEXT.dedup) == ("python", None, False)
    assert MAIN_TEXT.max_tree_size is None
    assert trafilatura.__version__ == "2.3.1"  # the version ported: see the module's notes


REAL = _real_pages()


@cache
def _survey() -> Counter[str]:
    """Over the real pages: how many differ from bare_extraction, how many break the bound,
    and how often each shortcut's branches are taken (the comparison is evidence only if real
    pages take them all)."""
    found: Counter[str] = Counter()
    for html in REAL:
        tree = parse_html(html)
        if tree is None:
            continue
        differs, length = _compare(tree)
        found["differ"] += differs
        values = maintext._attribute_values(index_elements(tree))
        pruned = any(word in values for word in maintext._COMMENTS[1])
        found["comments pruned" if pruned else "comments prune skipped"] += 1
        raw = maintext._pruned_copy(tree, values)
        bound, measured = text_bound(tree), len(html2txt(raw))
        found["bound broken"] += bound < measured
        if 0 < length < 3000:
            found["bound decides" if length >= 0.2 * bound else "page measured"] += 1
    return found


@pytest.mark.skipif(not REAL, reason="needs ../shared/data")
def test_the_same_text_as_bare_extraction_on_real_pages():
    assert len(REAL) >= 400
    assert _survey()["differ"] == 0


@pytest.mark.skipif(not REAL, reason="needs ../shared/data")
def test_the_bound_bounds_the_page_text_on_real_pages():
    assert _survey()["bound broken"] == 0


@pytest.mark.skipif(not REAL, reason="needs ../shared/data")
def test_real_pages_take_every_branch():
    branches = ("comments pruned", "comments prune skipped", "bound decides", "page measured")
    assert all(_survey()[branch] >= 10 for branch in branches), _survey()


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>t</title>{head}</head><body>{body}</body></html>"


_ARTICLE = (
    "<article>"
    + "".join(
        f"<p>Paragraph {n} of the article says something long enough to be kept as text.</p>"
        for n in range(12)
    )
    + "</article>"
)
_SHORT = f"<article><p>{'Short news. ' * 20}</p></article>"
_NAV = "".join(
    f"<li><a href='/s{n}'>Section {n} of a site, a long name</a></li>" for n in range(300)
)
_FORUM = (
    '<script type="application/ld+json">{"@context":"https://schema.org",'
    '"@type":"DiscussionForumPosting","headline":"t"}</script>'
)
_REPLIES = f"<p>{'A reader writes. ' * 30}</p>"

BUILT = {
    "comments": _page(f"{_ARTICLE}<div id='comments'>{_REPLIES}</div>"),
    "comment class, ul": _page(f"{_ARTICLE}<ul class='comment-list'><li>{_REPLIES}</li></ul>"),
    "commentary kept": _page(f"<div class='commentary'>{_ARTICLE}</div>"),
    "disqus": _page(f"{_ARTICLE}<div id='disqus_thread'>{_REPLIES}</div>"),
    "dsq": _page(f"{_ARTICLE}<section id='dsq-comments'>{_REPLIES}</section>"),
    "comol": _page(f"{_ARTICLE}<div id='comol'>{_REPLIES}</div>"),
    "Comments id": _page(f"{_ARTICLE}<div id='Comments'>{_REPLIES}</div>"),
    "post-comments class": _page(f"{_ARTICLE}<div class='wp post-comments'>{_REPLIES}</div>"),
    "comment, not first": _page(f"{_ARTICLE}<div class='wp comment'>{_REPLIES}</div>"),
    "follow-up": _page(f"<h1>t</h1>{_ARTICLE}<div class='infinite-scroll'>{_ARTICLE}</div>"),
    "share buttons": _page(f"{_ARTICLE}<div class='elementor-share-buttons'>Share</div>"),
    "forum": _page(f"{_ARTICLE}<div class='comment'>{_REPLIES}</div>", _FORUM),
    "short, among much navigation": _page(f"<ul>{_NAV}</ul>{_SHORT}"),
    "short, alone": _page(f"{_SHORT}<footer>f</footer>"),
    "scripts and styles": _page(
        f"<script>{'var x = 1; ' * 500}</script><style>{'p {color: red} ' * 300}</style>"
        f"{_SHORT}<aside><script>a b c</script>x</aside>"
    ),
    "no body text": _page("<div><img src='a.png'></div>"),
}


@pytest.mark.parametrize("html", BUILT.values(), ids=BUILT.keys())
def test_the_same_text_as_bare_extraction_on_built_pages(html):
    differs, _ = _compare(parse_html(html))
    assert not differs


def test_the_prunes_run_where_they_match():
    tree = parse_html(BUILT["comments"])
    found = main_text(tree, index_elements(tree))
    assert found is not None and "A reader" not in found.text and "Paragraph 11" in found.text


_BOUND_PAGES = [
    *BUILT.values(),
    _page("a<div>b</div>c<p>d<br>e</p>f" * 50),  # block elements split words
    _page("x\x01y <span>\x02</span> z" * 20),  # control characters
    _page("<aside>one <script>two three</script> four</aside>five<script> </script>six"),
    _page("<svg><style>s t</style></svg>u<template>v w</template>x"),
]


@pytest.mark.parametrize("html", _BOUND_PAGES)
def test_the_bound_bounds_the_page_text(html):
    tree = parse_html(html)
    raw = maintext._pruned_copy(tree, maintext._attribute_values(index_elements(tree)))
    assert text_bound(tree) >= max(len(html2txt(tree)), len(html2txt(raw)))
