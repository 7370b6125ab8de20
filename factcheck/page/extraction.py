"""trafilatura's work on the shared tree: one main-text extraction plus its metadata steps."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement, document_fromstring

from factcheck.page.bounds import cap_attributes
from factcheck.page.decode import decode_bytes
from factcheck.page.maintext import main_text
from factcheck.page.metadata import page_metadata
from factcheck.page.parse import parse_html
from factcheck.page.text import clean_text, without_link_markup
from factcheck.page.walk import ElementIndex

log = logging.getLogger(__name__)

#: HTML larger than this is cut before parsing: pages worth analysing are far smaller.
MAX_HTML_CHARS = 5_000_000
#: trafilatura's main-text extraction takes seconds on trees this large (real article pages
#: have at most ~10,000 elements); above it the page's plain text stands in for the main text.
MAX_EXTRACTION_ELEMENTS = 30_000


@dataclass(frozen=True)
class Extraction:
    """What trafilatura found on the shared tree: main text (one extraction) and metadata.
    ``text`` and ``main_hrefs`` are empty where no extraction ran: on a platform page whose
    reader found the post's body, which stands for them (:attr:`Page.text`, :attr:`Page.links`)."""

    text: str
    title: str
    author: str
    date: str
    sitename: str
    description: str
    image: str
    main_hrefs: tuple[str, ...]  # the hrefs, as written, of the main text's links
    #: Whether the whole-page searches may run on this tree (not too large to search).
    thorough: bool = False


def decode_html(data: bytes, notes: list[str] | None = None) -> str:
    """Decode bytes of unknown encoding: BOM, then ``<meta charset>``, then detection."""
    text, note = decode_bytes(data)
    if note and notes is not None:
        notes.append(note)
    return text


def _parse(html: str, notes: list[str]) -> HtmlElement:
    tree = parse_html(cap_attributes(html, notes)) if html.strip() else None
    if tree is None:
        if html.strip():
            notes.append("the HTML could not be parsed")
        tree = document_fromstring("<html><body></body></html>")
    return tree


@dataclass(frozen=True)
class _PlainText:
    """Stand-in for trafilatura's document when the tree is too large to extract from."""

    text: str
    body: None = None


def _extract(
    tree: HtmlElement,
    url: str | None,
    index: ElementIndex,
    *,
    find_dates: bool = True,
    find_text: bool = True,
) -> Extraction:
    """One trafilatura text extraction plus its metadata steps (:mod:`factcheck.metadata`);
    ``index``: the walk over the tree's document (over :data:`MAX_EXTRACTION_ELEMENTS`
    elements, its plain text instead); ``find_dates=False``: without htmldate's date search;
    ``find_text=False``: metadata only (no main text, no main-text links)."""
    doc: Any = None
    meta: Any = None
    too_large = index.size > MAX_EXTRACTION_ELEMENTS
    scripts = index.by_tag.get("script", ())
    try:
        meta = page_metadata(tree, url, scripts, thorough=not too_large, find_dates=find_dates)
        if find_text and too_large:
            log.warning(
                "%s has over %d elements: plain text instead of extraction",
                url,
                MAX_EXTRACTION_ELEMENTS,
            )
            doc = _PlainText(clean_text(tree.text_content())[:MAX_HTML_CHARS])
        elif find_text:
            doc = main_text(tree, index)
    except Exception:  # trafilatura bug on odd markup: analyse without its output
        log.exception("trafilatura failed on %s", url)
    if meta is None:
        return Extraction("", "", "", "", "", "", "", ())
    return Extraction(
        text=without_link_markup(getattr(doc, "text", None) or "").strip(),
        title=clean_text(meta.title),
        author=clean_text(meta.author),
        date=meta.date or "",
        sitename=clean_text(meta.sitename),
        description=clean_text(meta.description),
        image=meta.image or "",
        main_hrefs=_main_hrefs(getattr(doc, "body", None)),
        thorough=not too_large,
    )


def _main_hrefs(body: Any) -> tuple[str, ...]:
    """The hrefs, as written, of the links in trafilatura's main text (its ``ref`` elements)."""
    if body is None:
        return ()
    return tuple((ref.get("target") or "").strip() for ref in body.iter("ref") if ref.get("target"))
