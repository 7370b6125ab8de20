"""The page's links: every ``<a href>`` with an http(s) target, resolved, and whether it sits
in the main text (where a link is a cited source rather than navigation)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from factcheck.knowledge.domains import host_of, registered_domain
from factcheck.page.text import clean_text
from factcheck.page.urls import _is_absolute, resolve_url, url_origin


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


def page_links(
    anchors: Iterable[HtmlElement], base: str, main: Collection[str]
) -> tuple[PageLink, ...]:
    """The http(s) links of ``anchors`` resolved against ``base``, in order; a link is in the
    main text when its href, as written or resolved, is in ``main``."""
    origin = url_origin(base)
    out = []
    hosts: dict[str, str] = {}  # netloc -> host: pages repeat a few hosts many times
    for a in anchors:
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
