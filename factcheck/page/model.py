"""The page, parsed once and shared read-only by every check.

A :class:`Page` holds one lxml tree and derives everything else from it lazily, at most
once: trafilatura's extraction (main text, plus its metadata steps on the same tree), the JSON-LD
nodes, the language, the links. Checks read these properties and never parse again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from factcheck.errors import InvalidInputError
from factcheck.knowledge.domains import host_of, registered_domain
from factcheck.lang.detect import detect_language
from factcheck.page.extraction import (
    MAX_EXTRACTION_ELEMENTS,
    MAX_HTML_CHARS,
    Extraction,
    _extract,
    _parse,
    decode_html,
)
from factcheck.page.headline import resolve_headline
from factcheck.page.jsonld import JsonLd
from factcheck.page.links import PageLink, page_links
from factcheck.page.text import clean_text, text_nodes
from factcheck.page.urls import resolve_url, url_origin
from factcheck.page.walk import INDEXED_TAGS, ElementIndex, index_elements
from factcheck.platforms import PageState, PlatformSource, read_page
from factcheck.platforms.base import first_node
from factcheck.report import Retrieval

__all__ = [
    "MAX_EXTRACTION_ELEMENTS",
    "MAX_HTML_CHARS",
    "Extraction",
    "Page",
    "PageLink",
    "clean_text",
    "decode_html",
    "resolve_url",
    "url_origin",
]


#: Elements whose text no reader sees where Chinese credits are read (script source, style
#: sheets, ``noscript``).
_HIDDEN = frozenset(["script", "style", "noscript"])
#: Text nodes outside script and style. ``parent::``, not ``ancestor::`` (quadratic in
#: libxml2 on deep trees): libxml2 reads script and style bodies as raw text, no elements.
#: Half the cost of walking the tree in Python (:func:`text_nodes`), the same text.
_TEXT_OUTSIDE_CODE = etree.XPath(
    "descendant::text()[not(parent::script or parent::style)]", smart_strings=False
)


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
        tree = _parse(html, notes)  # NULs and other control characters: repaired there
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
        """trafilatura's text and metadata; no htmldate search (0.1-0.3 s on a WeChat page)
        where the platform dated the post, a date step 4 ranks above htmldate's, and no
        main-text extraction (0.1 s there) where the platform reader found the post's body."""
        platform = self.platform
        dated = platform is not None and platform.published is not None
        bodied = platform is not None and bool(platform.body_path)
        return _extract(
            self.tree,
            self.address,
            self._index,
            find_dates=not dated,
            find_text=not bodied,
        )

    @cached_property
    def jsonld(self) -> JsonLd:
        return JsonLd.from_scripts(self.elements("script"))

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
        return page_links(self.elements("a"), self.address or "", self._main_hrefs)

    @cached_property
    def _main_hrefs(self) -> frozenset[str]:
        """The hrefs of the main text: the platform reader's post body where it found one,
        else trafilatura's main text."""
        path = self.platform.body_path if self.platform is not None else ""
        if not path:
            return frozenset(self.extraction.main_hrefs)
        body = first_node(self, path)
        anchors = body.iter("a") if body is not None else ()
        return frozenset((a.get("href") or "").strip() for a in anchors)

    # -- whole-tree views shared by the checks ----------------------------------------------

    def elements(self, *tags: str) -> tuple[HtmlElement, ...]:
        """Elements with any of ``tags``, in document order; for the :data:`INDEXED_TAGS`
        from the one walk shared by every caller (:mod:`factcheck.page.walk`)."""
        if not INDEXED_TAGS.issuperset(tags):
            return tuple(self.tree.iter(*tags))
        if len(tags) == 1:
            return self._index.by_tag.get(tags[0], ())
        wanted = frozenset(tags)
        return tuple(el for el in self._index.indexed if el.tag in wanted)

    @property
    def heading_elements(self) -> tuple[HtmlElement, ...]:
        """``<h1>``, ``<h2>`` and elements whose class or id says "title" (not ``<a>``,
        ``<meta>``, ``<title>``, script or style), in document order: where a page puts its
        headline."""
        return self._index.headings

    @property
    def classed_elements(self) -> tuple[tuple[HtmlElement, str], ...]:
        """Every element with a ``class`` attribute, and its value, in document order."""
        return self._index.classed

    @property
    def element_ids(self) -> frozenset[str]:
        """Every ``id`` value of the page."""
        return self._index.ids

    @property
    def itemprop_elements(self) -> tuple[HtmlElement, ...]:
        """Elements carrying microdata ``itemprop``, in document order."""
        return self._index.itemprop

    @cached_property
    def _index(self) -> ElementIndex:
        return index_elements(self.tree)

    @cached_property
    def flat_text(self) -> str:
        """Every text node of the page outside script and style, in order, as one string.

        Labels and their values often sit in different elements ("Published <time>May
        1</time>") and outside the main text, so dates are searched here. Script source
        (3 MB of library code on a WeChat article) is read apart: :attr:`scripts_text`."""
        found = _TEXT_OUTSIDE_CODE(self.tree)
        return "".join(found if isinstance(found, list) else ()) + (self.tree.tail or "")

    @cached_property
    def visible_text(self) -> str:
        """The body's text without script and style, white space collapsed: where Chinese
        credits (记者, 责编 ...) are read."""
        body = next(self.tree.iter("body"), None)
        nodes = () if body is None else text_nodes(body, _HIDDEN, with_tail=False)
        return clean_text(" ".join(nodes))

    @cached_property
    def scripts_text(self) -> str:
        """Inline script source (WeChat keeps account name and create time there)."""
        scripts = self.elements("script")
        return "\n".join(s.text or "" for s in scripts if not s.get("src"))
