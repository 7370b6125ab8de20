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
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, repair_faulty_html

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
    html = _repaired(html, beginning)
    tree = _fromstring(html)
    if tree is None or len(tree) < 1:
        tree = _fromstring(html.encode("utf-8", "surrogatepass"))
    if tree is not None and "html" not in beginning and len(tree) < 2:
        return None
    return tree


#: What trafilatura's repair removes first (its ``INVALID_XML_CHARS``): control characters
#: and non-characters libxml2 refuses.
_REFUSED = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]))


def _repaired(html: str, beginning: str) -> str:
    """``repair_faulty_html(html, beginning)``: its removal of refused characters, a regular
    expression's scan of the whole page, runs only when the page has one (a look for each
    with ``str.find``: a third of the time); its other two repairs are trafilatura's as
    written (the first line's doctype, a self-closing ``<html/>`` in the first four lines)."""
    if any(char in html for char in _REFUSED):
        return repair_faulty_html(html, beginning)
    if "doctype" in beginning:
        firstline, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", html, count=1)
    return html


def _fromstring(markup: str | bytes) -> HtmlElement | None:
    try:
        return fromstring(markup, parser=_PARSER)
    except (ValueError, etree.LxmlError):  # an empty document; an encoding declared in a str
        return None
