"""One walk over the page's elements for every view that finds elements by tag or attribute.

Each whole-tree XPath (``//@class[contains(., 'title')]/..``, ``//@itemprop/..``) is a walk
of its own in libxml2: 0.15-0.4 ms each on an ordinary article, five of them per page. One
walk in Python, with lxml's element classes looked up in C (:mod:`factcheck.page.parse`),
collects what they found in about the time of two. Like XPath's ``//``, the walk covers the
whole document: libxml2 can leave a second ``<html>`` beside the root element.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

#: Tags the checks read element by element (links, images, scripts, meta, time, reference
#: markers, headings).
INDEXED_TAGS = frozenset(
    {"a", "img", "script", "meta", "time", "sup", "strong", "b", "dt", "summary"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
#: Where a page puts its headline: ``<h1>``, ``<h2>``, and elements whose class or id says
#: "title" (except the elements below, where the word means something else).
_HEADING_TAGS = frozenset({"h1", "h2"})
_NOT_HEADINGS = frozenset({"title", "meta", "a", "script", "style"})


@dataclass(frozen=True, slots=True)
class ElementIndex:
    """The page's elements by tag and by attribute, each in document order."""

    indexed: tuple[HtmlElement, ...]  # elements with one of :data:`INDEXED_TAGS`
    by_tag: Mapping[str, tuple[HtmlElement, ...]]  # the same, by tag
    headings: tuple[HtmlElement, ...]  # h1, h2 and elements named as titles
    classed: tuple[tuple[HtmlElement, str], ...]  # elements with a class attribute, and it
    itemprop: tuple[HtmlElement, ...]  # elements with a microdata ``itemprop``
    ids: frozenset[str]  # every ``id`` value
    size: int  # how many elements the document holds


def index_elements(tree: HtmlElement) -> ElementIndex:
    """Walk every element of ``tree``'s document once."""
    indexed: list[HtmlElement] = []
    headings: list[HtmlElement] = []
    classed: list[tuple[HtmlElement, str]] = []
    itemprop: list[HtmlElement] = []
    ids: set[str] = set()
    size = 0
    for top in _tops(tree):
        for element in top.iter(etree.Element):
            size += 1
            tag = element.tag
            name, ident = element.get("class"), element.get("id")
            if tag in INDEXED_TAGS:
                indexed.append(element)
            if name is not None:
                classed.append((element, name))
            if ident is not None:
                ids.add(ident)
            if element.get("itemprop") is not None:
                itemprop.append(element)
            if tag in _HEADING_TAGS or (
                tag not in _NOT_HEADINGS and ("title" in (name or "") or "title" in (ident or ""))
            ):
                headings.append(element)
    return ElementIndex(
        indexed=tuple(indexed),
        by_tag=_by_tag(indexed),
        headings=tuple(headings),
        classed=tuple(classed),
        itemprop=tuple(itemprop),
        ids=frozenset(ids),
        size=size,
    )


def _tops(tree: HtmlElement) -> list[HtmlElement]:
    """The document's top-level elements, in order: its root and any siblings."""
    root = tree.getroottree().getroot()
    if root is None:
        return []
    before = list(root.itersiblings(etree.Element, preceding=True))
    return [*reversed(before), root, *root.itersiblings(etree.Element)]


def _by_tag(elements: list[HtmlElement]) -> dict[str, tuple[HtmlElement, ...]]:
    found: dict[str, list[HtmlElement]] = {}
    for element in elements:
        found.setdefault(element.tag, []).append(element)
    return {tag: tuple(group) for tag, group in found.items()}
