"""Which outbound links of a page count as its evidence, and what kind each one is.

Links to the page's own site are not evidence. Links inside the main text are preferred
(trafilatura's ``main_hrefs``); when it kept none, links inside the article container
(``<article>``, ``<main>``, WeChat's ``#js_content``, ``itemprop=articleBody``) stand in;
failing that, the whole page's links are reported for information only, because menus and
footers link to shops and social networks on every site.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin

from factcheck.knowledge.domains import registered_domain
from factcheck.steps.evidence.lexicon import is_widget_link
from factcheck.steps.evidence.linkkinds import LinkClass, classify_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from factcheck.knowledge.sources import SourceDB
    from factcheck.page.model import Page

SCOPE_MAIN = "main_text"
SCOPE_ARTICLE = "article"
SCOPE_PAGE = "page"  # information only: links anywhere on the page
SCOPE_NONE = "none"

#: Links inside an article container, by container; only the containers the page can have
#: are searched (each ``//*[@attr]`` part is a walk over the whole tree).
_CONTAINER_LINKS = {
    "element": "//article//a[@href] | //main//a[@href]",
    "wechat": '//*[@id="js_content"]//a[@href]',
    "microdata": '//*[@itemprop="articleBody"]//a[@href]',
}
MAX_LINKS = 400  # classified per page; a link farm cannot make the step slow


@dataclass(frozen=True)
class LinkSurvey:
    """The page's outbound links, classified."""

    scope: str  # which links count as evidence (see the SCOPE_* constants)
    evidence: tuple[LinkClass, ...]  # distinct external links in that scope
    all_external: tuple[LinkClass, ...]  # distinct external links anywhere on the page
    same_site: int  # links to the page's own site (never evidence)
    widgets: int = 0  # share buttons and social profile links (never evidence)

    @property
    def scored(self) -> bool:
        """Do the evidence links carry points (main text or article), or only information?"""
        return self.scope in (SCOPE_MAIN, SCOPE_ARTICLE)

    def counts(self) -> dict[str, int]:
        return dict(Counter(link.kind.value for link in self.evidence).most_common())

    def counts_all(self) -> dict[str, int]:
        return dict(Counter(link.kind.value for link in self.all_external).most_common())


def survey_links(page: Page, sources: SourceDB | None) -> LinkSurvey:
    """Classify every distinct external link once and pick the evidence scope."""
    own = page.domain
    seen: dict[str, LinkClass] = {}
    in_main: list[str] = []
    same_site = widgets = 0
    for link in page.links:
        if own and link.host and (link.host == own or link.host.endswith("." + own)):
            same_site += 1
            continue
        url = urldefrag(link.url)[0]
        if is_widget_link(url, link.host, registered_domain(link.host) if link.host else ""):
            widgets += 1
            continue
        if url not in seen:
            if len(seen) >= MAX_LINKS:
                continue
            seen[url] = classify_url(url, sources, host=link.host)
        if link.in_main_text:
            in_main.append(url)
    scope, chosen = _scope(page, seen, in_main)
    return LinkSurvey(
        scope=scope,
        evidence=tuple(seen[url] for url in dict.fromkeys(chosen)),
        all_external=tuple(seen.values()),
        same_site=same_site,
        widgets=widgets,
    )


def _scope(page: Page, seen: dict[str, LinkClass], in_main: list[str]) -> tuple[str, list[str]]:
    if in_main:
        return SCOPE_MAIN, in_main
    if not seen:
        return SCOPE_NONE, []
    article = []
    for a in _article_links(page):
        href = (a.get("href") or "").strip()
        if href.startswith("//"):  # protocol-relative; relative links are same-site anyway
            href = urljoin(page.address or "https:", href)
        url = urldefrag(href)[0]
        if url in seen:
            article.append(url)
    if article:
        return SCOPE_ARTICLE, article
    return SCOPE_PAGE, list(seen)


def _article_links(page: Page) -> list[HtmlElement]:
    """``<a href>`` inside ``<article>``, ``<main>``, WeChat's ``#js_content`` or
    ``itemprop=articleBody``, in page order (one XPath union: it sorts and de-duplicates)."""
    parts = [_CONTAINER_LINKS["element"]]
    if "js_content" in page.element_ids:
        parts.append(_CONTAINER_LINKS["wechat"])
    if any(el.get("itemprop") == "articleBody" for el in page.itemprop_elements):
        parts.append(_CONTAINER_LINKS["microdata"])
    found = page.tree.xpath(" | ".join(parts))
    return found if isinstance(found, list) else []
