"""Text helpers shared by the page modules."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

_SPACES = re.compile(r"\s+")


def clean_text(text: object) -> str:
    """Collapse white space; ``None`` and non-strings (trafilatura passes a JSON-LD
    ``headline`` given as a list, number or object on as is) become ""."""
    return _SPACES.sub(" ", text).strip() if isinstance(text, str) else ""


def text_nodes(root: etree._Element, skip: frozenset[str], *, with_tail: bool) -> Iterator[str]:
    """The text nodes under ``root`` in document order, as XPath's ``text()`` finds them,
    leaving out those inside an element named in ``skip`` (at any depth); ``with_tail``:
    also ``root``'s own tail, as lxml's text serialisation includes it.

    One walk of the tree: XPath predicates over every text node (``//text()[not(ancestor::
    script)]``) take time quadratic in the page's size in libxml2 (25 s on a page of
    20,000 paragraphs).
    """
    inside = 0  # how many skipped elements enclose the walk's position
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag in skip:
                inside += 1
            elif not inside and element.text and isinstance(tag, str):  # not comments' text
                yield element.text
            continue
        if tag in skip:
            inside -= 1
        if not inside and element.tail and (with_tail or element is not root):
            yield element.tail
