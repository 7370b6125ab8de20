"""The page's whole-tree text views: one linear walk, the text XPath would select."""

from __future__ import annotations

import pytest
from lxml import etree

from factcheck.page.model import Page
from factcheck.page.text import text_nodes

TRICKY = (
    "<html><head><title>T</title><script>var x = '发布时间：2020-01-01';</script>"
    "<style>p {}</style></head><body>lead<!-- a comment -->after comment"
    "<p>one <b>bold</b> tail<script>code()</script>script tail</p>"
    "<noscript><img src=x>inside noscript<noscript>nested</noscript>still inside</noscript>"
    "after noscript<?pi data?>after pi<div>发布时间：2024-05-01</div></body></html>"
)


@pytest.mark.parametrize(
    ("skip", "xpath"),
    [
        (frozenset(["script", "style"]), "//text()[not(parent::script or parent::style)]"),
        (
            frozenset(["script", "style", "noscript"]),
            "//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]",
        ),
    ],
)
def test_the_walk_selects_what_the_xpath_selects(skip, xpath) -> None:
    page = Page.from_html(TRICKY, "https://example.org/a")
    walked = list(text_nodes(page.tree, skip, with_tail=False))
    assert walked == [str(s) for s in page.tree.xpath(xpath)]
    assert "var x" not in "".join(walked) and "after pi" in "".join(walked)


def test_flat_text_is_the_text_serialisation_without_code() -> None:
    page = Page.from_html(TRICKY, "https://example.org/a")
    serialised = etree.tostring(page.tree, method="text", encoding="unicode")
    assert page.flat_text == serialised.replace("var x = '发布时间：2020-01-01';", "").replace(
        "p {}", ""
    ).replace("code()", "")
    assert "inside noscript" in page.flat_text  # only the Chinese credits skip noscript
    assert "inside noscript" not in page.visible_text
    assert page.visible_text.startswith("leadafter comment one bold tail script tail")
