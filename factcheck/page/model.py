"""The page, parsed once and shared read-only by every check.

A :class:`Page` holds one lxml tree and derives everything else from it lazily, at most
once: trafilatura's extraction (main text, plus its metadata steps on the same tree), the JSON-LD
nodes, the language, the links. Checks read these properties and never parse again.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml import etree
from lxml.html import HtmlElement, document_fromstring

from factcheck.errors import InvalidInputError
from factcheck.knowledge.domains import host_of, registered_domain
from factcheck.lang.detect import detect_language
from factcheck.page.decode import decode_bytes
from factcheck.page.headline import resolve_headline
from factcheck.page.jsonld import JsonLd
from factcheck.page.metadata import page_metadata
from factcheck.platforms import PageState, PlatformSource, read_page
from factcheck.report import Retrieval

log = logging.getLogger(__name__)

#: HTML larger than this is cut before parsing: pages worth analysing are far smaller.
MAX_HTML_CHARS = 5_000_000
#: trafilatura's main-text extraction takes seconds on trees this large (real article pages
#: have at most ~10,000 elements); above it the page's plain text stands in for the main text.
MAX_EXTRACTION_ELEMENTS = 30_000

_SPACES = re.compile(r"\s+")

#: Tags the checks read element by element (links, images, scripts, meta, time, reference
#: markers, headings). Each ``tree.iter(tag)`` is a walk over the whole tree; one walk for
#: all of them costs little more than one of those.
INDEXED_TAGS = frozenset(
    {"a", "img", "script", "meta", "time", "sup", "strong", "b", "dt", "summary"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
#: From the root element down: a little cheaper than ``//*[@itemprop]`` (same elements).
_ITEMPROP = etree.XPath("descendant-or-self::*[@itemprop]")


@dataclass(frozen=True, slots=True)
class PageLink:
    """An ``<a href>`` resolved against the page URL."""

    url: str
    host: str
    in_main_text: bool
    rel: str = ""
    element: HtmlElement | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        """Anchor text, white space collapsed, at most 200 characters.

        Read from the element on demand: it costs more than the rest of the link, and most
        readers of ``page.links`` only need the URL.
        """
        return clean_text(self.element.text_content())[:200] if self.element is not None else ""

    @property
    def domain(self) -> str:
        return registered_domain(self.host) if self.host else ""


@dataclass(frozen=True)
class Extraction:
    """What trafilatura found on the shared tree: main text (one extraction) and metadata."""

    text: str
    title: str
    author: str
    date: str
    sitename: str
    description: str
    image: str
    main_links: tuple[tuple[str, str], ...]  # (href, anchor text) inside the main text


@dataclass(frozen=True)
class Page:
    """One page: URL, HTML and its single parse, plus lazily derived views."""

    html: str
    tree: HtmlElement
    url: str | None = None
    final_url: str | None = None
    retrieval: Retrieval = Retrieval.PROVIDED
    lang_hint: str | None = None
    notes: tuple[str, ...] = field(default=())  # problems met while decoding/parsing

    @classmethod
    def from_html(
        cls,
        html: str | bytes,
        url: str | None = None,
        *,
        final_url: str | None = None,
        retrieval: Retrieval = Retrieval.PROVIDED,
        lang_hint: str | None = None,
    ) -> Page:
        """Parse ``html`` once. Never raises for bad markup: an empty tree is a valid page."""
        notes: list[str] = []
        if isinstance(html, bytes | bytearray):
            html = decode_html(bytes(html), notes)
        elif not isinstance(html, str):
            raise InvalidInputError(f"html must be str or bytes, not {type(html).__name__}")
        if len(html) > MAX_HTML_CHARS:
            notes.append(f"HTML cut to its first {MAX_HTML_CHARS:,} characters")
            html = html[:MAX_HTML_CHARS]
        html = html.replace("\x00", "")
        tree = _parse(html, notes)
        return cls(
            html=html,
            tree=tree,
            url=url,
            final_url=final_url or url,
            retrieval=retrieval,
            lang_hint=lang_hint,
            notes=tuple(notes),
        )

    # -- addresses ---------------------------------------------------------------------

    @property
    def address(self) -> str | None:
        """The URL the content really came from (after redirects), if any is known."""
        return self.final_url or self.url

    @cached_property
    def host(self) -> str:
        return host_of(self.address)

    @cached_property
    def domain(self) -> str:
        return registered_domain(self.host) if self.host else ""

    @property
    def is_https(self) -> bool | None:
        if not self.address:
            return None
        return urlsplit(self.address).scheme.lower() == "https"

    # -- extraction ----------------------------------------------------------------------

    @cached_property
    def extraction(self) -> Extraction:
        return _extract(self.tree, self.address)

    @cached_property
    def jsonld(self) -> JsonLd:
        return JsonLd.from_tree(self.tree)

    @cached_property
    def meta(self) -> dict[str, list[str]]:
        """``<meta>`` values by lower-cased name/property/itemprop, in page order."""
        found: dict[str, list[str]] = {}
        for el in self.elements("meta"):
            key = el.get("name") or el.get("property") or el.get("itemprop") or ""
            value = (el.get("content") or "").strip()
            if key and value:
                found.setdefault(key.strip().lower(), []).append(value)
        return found

    def meta_first(self, *keys: str) -> str:
        """First non-empty meta value among ``keys`` (tried in order)."""
        for key in keys:
            values = self.meta.get(key.lower())
            if values:
                return values[0]
        return ""

    @cached_property
    def platform(self) -> PlatformSource | None:
        """The platform reading (account, writer, title, date, body) of a platform page;
        ``None`` on an ordinary site."""
        return read_page(self)

    @cached_property
    def title(self) -> str:
        """The article's own headline (:mod:`factcheck.page.headline`); "" on a platform's
        deleted or verification page."""
        platform = self.platform
        if platform is not None and platform.state is not PageState.CONTENT:
            return ""
        return resolve_headline(self, platform.title if platform else "")

    @cached_property
    def text(self) -> str:
        """Main text; a platform reader's post body when it finds one (WeChat's
        ``#js_content`` is script-hidden, a Zhihu page holds several answers)."""
        platform = self.platform
        if platform is not None and platform.body:
            return platform.body
        return self.extraction.text

    @cached_property
    def declared_language(self) -> str:
        return (self.tree.get("lang") or self.meta_first("og:locale", "language") or "").lower()

    @cached_property
    def language(self) -> str:
        """ "en", "zh" or "other" (the caller's hint wins when given)."""
        if self.lang_hint:
            return self.lang_hint
        return detect_language(f"{self.title}\n{self.text}", declared=self.declared_language)

    @cached_property
    def links(self) -> tuple[PageLink, ...]:
        """Every ``<a href>`` with an http(s) target, resolved, in page order."""
        main = {href for href, _ in self.extraction.main_links}
        base = self.address or ""
        origin = url_origin(base)
        out = []
        hosts: dict[str, str] = {}  # netloc -> host: pages repeat a few hosts many times
        for a in self.elements("a"):
            href = (a.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            plain = _is_absolute(href) and not href.endswith(("?", "#"))
            absolute = resolve_url(base, href, origin) if base and not plain else href
            if not _is_absolute(absolute):
                continue
            netloc = absolute.split("/", 3)[2]
            host = hosts.get(netloc)
            if host is None:
                host = hosts[netloc] = host_of(absolute)
            out.append(
                PageLink(
                    url=absolute,
                    host=host,
                    in_main_text=href in main or absolute in main,
                    rel=(a.get("rel") or "").lower(),
                    element=a,
                )
            )
        return tuple(out)

    # -- whole-tree views shared by the checks ----------------------------------------------

    def elements(self, *tags: str) -> tuple[HtmlElement, ...]:
        """Elements with any of ``tags``, in document order, as ``tree.iter(*tags)`` finds
        them; for the :data:`INDEXED_TAGS` from one walk shared by every caller."""
        if not INDEXED_TAGS.issuperset(tags):
            return tuple(self.tree.iter(*tags))
        ordered, by_tag = self._tag_index
        if len(tags) == 1:
            return by_tag.get(tags[0], ())
        wanted = frozenset(tags)
        return tuple(el for el in ordered if el.tag in wanted)

    @cached_property
    def _tag_index(
        self,
    ) -> tuple[tuple[HtmlElement, ...], dict[str, tuple[HtmlElement, ...]]]:
        ordered = tuple(self.tree.iter(*INDEXED_TAGS))
        by_tag: dict[str, list[HtmlElement]] = {}
        for el in ordered:
            by_tag.setdefault(el.tag, []).append(el)
        return ordered, {tag: tuple(found) for tag, found in by_tag.items()}

    @cached_property
    def flat_text(self) -> str:
        """Every text node of the page, in order (script text included), as one string.

        Labels and their values often sit in different elements ("Published <time>May
        1</time>") and outside the main text, so bylines and dates are searched here. lxml's
        text serialisation is the cheapest way to get it.
        """
        try:
            return str(etree.tostring(self.tree, method="text", encoding="unicode"))
        except (ValueError, etree.LxmlError):  # pragma: no cover - lxml refuses odd trees
            return ""

    @cached_property
    def itemprop_elements(self) -> tuple[HtmlElement, ...]:
        """Elements carrying microdata ``itemprop``, in document order."""
        found = _ITEMPROP(self.tree)
        return tuple(found) if isinstance(found, list) else ()

    @cached_property
    def scripts_text(self) -> str:
        """Inline script source (WeChat keeps account name and create time there)."""
        scripts = self.elements("script")
        return "\n".join(s.text or "" for s in scripts if not s.get("src"))


def _is_absolute(url: str) -> bool:
    """An http(s) URL: ``urljoin`` returns it unchanged unless it ends in an empty ? or #."""
    return url[:8].lower().startswith(("http://", "https://"))


#: What ``urljoin`` would rewrite in a root-relative href: dot segments, ``;params``, tabs and
#: line breaks (removed), an empty query or fragment (dropped).
_NOT_PLAIN_PATH = re.compile(r"/\.|[;\t\r\n]|\?#|[?#]$")


def url_origin(base: str) -> str:
    """``scheme://netloc`` of an http(s) base URL, as ``urljoin`` would write it; else ""."""
    try:
        parts = urlsplit(base)
    except ValueError:
        return ""
    return (
        f"{parts.scheme}://{parts.netloc}"
        if parts.scheme in ("http", "https") and parts.netloc
        else ""
    )


def resolve_url(base: str, href: str, origin: str | None = None) -> str:
    """``urljoin(base, href)``, without its cost for the common root-relative href.

    Most links of a page are ``/path?query``: joined to the base's origin they come out of
    ``urljoin`` unchanged, so the parsing (two ``urlparse`` calls per link) is skipped for
    them. Pass ``origin`` (:func:`url_origin` of ``base``) when resolving many hrefs.
    """
    if origin is None:
        origin = url_origin(base)
    if origin and href[:1] == "/" and href[1:2] != "/" and _NOT_PLAIN_PATH.search(href) is None:
        return origin + href
    return urljoin(base, href)


def clean_text(text: str | None) -> str:
    """Collapse white space; ``None`` becomes ""."""
    return _SPACES.sub(" ", text or "").strip()


def decode_html(data: bytes, notes: list[str] | None = None) -> str:
    """Decode bytes of unknown encoding: BOM, then ``<meta charset>``, then detection."""
    text, note = decode_bytes(data)
    if note and notes is not None:
        notes.append(note)
    return text


def _parse(html: str, notes: list[str]) -> HtmlElement:
    tree = trafilatura.load_html(html) if html.strip() else None
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


def _too_large(tree: HtmlElement) -> bool:
    """More than :data:`MAX_EXTRACTION_ELEMENTS` elements (stops counting there)."""
    return any(count > MAX_EXTRACTION_ELEMENTS for count, _ in enumerate(tree.iter(), start=1))


def _extract(tree: HtmlElement, url: str | None) -> Extraction:
    """One trafilatura text extraction plus its metadata steps (:mod:`factcheck.metadata`)."""
    doc: Any = None
    meta: Any = None
    try:
        too_large = _too_large(tree)
        meta = page_metadata(tree, url, thorough=not too_large)
        if too_large:
            log.warning(
                "%s has over %d elements: plain text instead of extraction",
                url,
                MAX_EXTRACTION_ELEMENTS,
            )
            doc = _PlainText(clean_text(tree.text_content())[:MAX_HTML_CHARS])
        else:
            doc = trafilatura.bare_extraction(
                tree,
                url=url or meta.url,  # what bare_extraction does when it reads metadata itself
                with_metadata=False,
                fast=True,
                include_comments=False,
                include_links=True,
            )
    except Exception:  # trafilatura bug on odd markup: analyse without its output
        log.exception("trafilatura failed on %s", url)
    if meta is None:
        return Extraction("", "", "", "", "", "", "", ())
    body = getattr(doc, "body", None)
    main_links: tuple[tuple[str, str], ...] = ()
    if body is not None:
        main_links = tuple(
            (ref.get("target") or "", clean_text("".join(ref.itertext())))
            for ref in body.iter("ref")
            if ref.get("target")
        )
    return Extraction(
        text=(getattr(doc, "text", None) or "").strip(),
        title=clean_text(meta.title),
        author=clean_text(meta.author),
        date=meta.date or "",
        sitename=clean_text(meta.sitename),
        description=clean_text(meta.description),
        image=meta.image or "",
        main_links=main_links,
    )
