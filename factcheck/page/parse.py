"""The page's one parse: libxml2's HTML parser with trafilatura's settings and repairs
(:func:`trafilatura.load_html`), its elements' Python class found in C.

lxml.html's parsers choose each element's class (form, input, label ...) in a Python method,
called whenever lxml hands Python an element: thousands of calls per page, across the
extraction and every step. Here every element is a plain :class:`~lxml.html.HtmlElement`
(nothing in factcheck or trafilatura uses the form classes' extra methods), so the choice
stays in libxml2's side of lxml.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction, fromstring
from trafilatura.utils import repair_faulty_html

#: trafilatura's ``HTML_PARSER`` settings, with the C-side class lookup.
_PARSER = etree.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement,
        comment=HtmlComment,
        pi=HtmlProcessingInstruction,
        entity=HtmlEntity,
    )
)


def parse_html(html: str) -> HtmlElement | None:
    """``html`` parsed as :func:`trafilatura.load_html` parses a string: repaired, parsed as
    text, again as UTF-8 bytes when that found nothing (lxml refuses a string that declares
    its encoding), and ``None`` when it parses to nothing or is not-quite-HTML (no "html" in
    its first 50 characters and fewer than two elements)."""
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    tree = _fromstring(html)
    if tree is None or len(tree) < 1:
        tree = _fromstring(html.encode("utf-8", "surrogatepass"))
    if tree is not None and "html" not in beginning and len(tree) < 2:
        return None
    return tree


def _fromstring(markup: str | bytes) -> HtmlElement | None:
    try:
        return fromstring(markup, parser=_PARSER)
    except (ValueError, etree.LxmlError):  # an empty document; an encoding declared in a str
        return None
