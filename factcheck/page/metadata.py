"""Page metadata as trafilatura extracts it, without the parts no step reads.

``trafilatura.extract_metadata`` also collects categories, tags and the licence, which cost
about a fifth of the call and which factcheck never shows. This runs the same steps, in the
same order and with the same date settings as ``bare_extraction(fast=True,
with_metadata=True)`` uses, minus those three, so every field we read (title, author, date,
site name, description, image, URL) is the same: ``tests/test_metadata.py`` checks it against
``extract_metadata`` itself, so an upstream change is caught. The JSON-LD scripts come from the
page's walk over its elements rather than from a search of the whole tree of their own.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import json_metadata
from trafilatura import metadata as trafilatura_metadata
from trafilatura.settings import Document, set_date_params

from factcheck.page import datefallback
from factcheck.page.bylines import extract_author

datefallback.install()  # htmldate's dateparser fallback stalls the first call by ~1.9 s


def page_metadata(
    tree: HtmlElement,
    url: str | None,
    scripts: Iterable[HtmlElement],
    *,
    thorough: bool = True,
    find_dates: bool = True,
) -> Document:
    """Title, author, date, site name, description, image and URL of ``tree`` (not modified);
    ``scripts``: the document's ``<script>`` elements (the page's walk has them).

    ``thorough=False`` reads only the meta tags and JSON-LD: the searches through the whole
    page (title, htmldate) take seconds on trees of hundreds of thousands of elements. The
    author comes from the meta tags and JSON-LD only: trafilatura's search of the page
    (:func:`searched_author`, 2 ms on a page of four in ten) runs only
    when the author step finds no one else.
    ``find_dates=False`` skips htmldate (no date), for pages whose date is known otherwise.
    """
    md = trafilatura_metadata.examine_meta(tree)
    if md.author and " " not in md.author:
        md.author = None  # trafilatura drops one-word authors (often a site handle)
    # trafilatura's JSON-LD reader has bugs on odd pages: keep the meta tags then
    with contextlib.suppress(Exception):
        md = _json_metadata(tree, scripts, md)
    if not thorough:
        md.clean_and_trim()
        return md
    if not md.title:
        md.title = trafilatura_metadata.extract_title(tree)
    if not md.url:
        md.url = trafilatura_metadata.extract_url(tree, url)
    if find_dates:
        date_params = set_date_params(True)  # bare_extraction: extensive=True with fast=True
        date_params["url"] = md.url
        md.date = find_date(tree, **date_params)
    md.sitename = _sitename(tree, md)
    md.clean_and_trim()
    return md


#: The scripts trafilatura reads metadata from, by ``type``.
_JSON_TYPES = frozenset({"application/ld+json", "application/settings+json"})
#: trafilatura's ``JSON_MINIFY`` (white space outside strings), a run of spaces at a time and
#: each string read as an unrolled loop (runs of plain characters between escapes): the same
#: output in a third of the time.
_JSON_MINIFY = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")|\s+')


def _json_metadata(tree: HtmlElement, scripts: Iterable[HtmlElement], md: Document) -> Document:
    """``trafilatura.metadata.extract_meta_json(tree, md)`` over the scripts already found:
    its XPath is a walk of the whole tree (0.19 ms a page), its minification 0.12 ms (0.04 here).
    The JSON reading is trafilatura's own."""
    for script in scripts:
        if script.get("type") not in _JSON_TYPES or not script.text or not _under(script, tree):
            continue
        text = json_metadata.normalize_json(_JSON_MINIFY.sub(r"\1", script.text))
        try:
            md = json_metadata.extract_json(json.loads(text, strict=False), md)
        except json.JSONDecodeError:
            md = json_metadata.extract_json_parse_error(text, md)
    return md


def _under(element: HtmlElement, tree: HtmlElement) -> bool:
    """``element`` is inside ``tree`` (the walk also covers elements beside the root)."""
    return any(ancestor is tree for ancestor in element.iterancestors())


def searched_author(tree: HtmlElement) -> str | None:
    """trafilatura's search of the page for an author (its byline XPaths,
    :mod:`factcheck.page.bylines`), trimmed as :func:`page_metadata` trims every field: with
    it, the author is ``extract_metadata``'s."""
    md = Document()
    md.author = extract_author(tree)
    md.clean_and_trim()
    return md.author


def _sitename(tree: HtmlElement, md: Document) -> str | None:
    """trafilatura's site-name rules: meta, then the page, then the URL's host."""
    name = md.sitename or trafilatura_metadata.extract_sitename(tree)
    if name:
        name = name.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name
    if md.url:
        match = trafilatura_metadata.META_URL.match(md.url)
        if match:
            return str(match[1])
    return None
