"""Text helpers shared by the page modules."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

_SPACES = re.compile(r"\s+")
#: A link as trafilatura writes it into the main text when it keeps links: ``[anchor](target)``,
#: brackets in the anchor escaped, a target with spaces or brackets inside ``<...>``.
_MARKDOWN_LINK = re.compile(r"\[((?:\\[\[\]]|[^\[\]])*)\]\((?:<(?:\\.|[^<>\\\n])*>|[^\s<>()]*)\)")
_ESCAPED_BRACKET = re.compile(r"\\([\[\]])")


def clean_text(text: object) -> str:
    """Collapse white space; ``None`` and non-strings (trafilatura passes a JSON-LD
    ``headline`` given as a list, number or object on as is) become ""."""
    return _SPACES.sub(" ", text).strip() if isinstance(text, str) else ""


def without_link_markup(text: str) -> str:
    """trafilatura's main text with each ``[anchor](target)`` read back to its anchor: the
    prose the page shows, without the addresses its links lead to."""
    if "](" not in text:
        return text
    return _MARKDOWN_LINK.sub(lambda m: _ESCAPED_BRACKET.sub(r"\1", m.group(1)), text)


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
