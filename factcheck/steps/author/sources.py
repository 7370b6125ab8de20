"""Where bylines are read: JSON-LD, meta tags, microdata, rel=author links, visible bylines."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from factcheck.lang.script import HAN
from factcheck.page.bounds import without_code
from factcheck.page.jsonld import ARTICLE_TYPES, node_types
from factcheck.steps.author.names import (
    _EN_CREDENTIAL_WORDS,
    AUTHOR,
    EDITOR,
    REVIEWER,
    Contributor,
    contributors,
)

if TYPE_CHECKING:
    from factcheck.page.model import Page

_EDITOR_LABEL = re.compile(r"\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯)\s*[:：]")
_CJK_NAME = re.compile(f"[{HAN}]{{2,4}}")
_PAGE_TYPES = frozenset(["webpage", "itempage", "profilepage", "qapage", "faqpage"])
# A capitalised name of 2-4 words, optionally "Dr." before and ", MD, PhD" after.
_EN_NAME = (
    r"(?:(?:Dr|Prof)\.?\s+)?[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,3}"
    rf"(?:,\s*(?:{_EN_CREDENTIAL_WORDS})(?![\w]))*"
)
#: What opens a visible byline. Each ends in "by" or "By", where :func:`_bylines` looks first.
_BYLINE_LABELS = (
    "By",
    "by",
    "Written by",
    "Reviewed by",
    "Medically reviewed by",
    "Fact checked by",
    "Abridged by",
    "Edited by",
)
#: The words before "by" in the longer labels ("Written ", "Medically reviewed " ...).
_LABEL_HEADS = tuple(label[:-2] for label in _BYLINE_LABELS if len(label) > 2)
_EN_BYLINE = re.compile(
    f"({'|'.join(_BYLINE_LABELS)})"
    r"\s+(?:<a\s[^<>]{0,300}>\s*)?"
    rf"({_EN_NAME}(?:\s*(?:,|and|&)\s*{_EN_NAME}){{0,3}})"
    r"(?=\s*(?:$|<|\n|[|·•,;:(]|\d|[A-Z][a-z]+\s+\d|Updated|Published|on\s))"
)


# -- sources -------------------------------------------------------------------------------


def jsonld_contributors(page: Page) -> Iterator[Contributor]:
    """Authors of the page's main node (article types first, then web pages), reviewers of any."""
    for node in _main_nodes(page):
        for key, role in (
            ("author", AUTHOR),
            ("creator", AUTHOR),
            ("reviewedBy", REVIEWER),
            ("editor", EDITOR),
        ):
            if key == "creator" and "author" in node:
                continue
            for value in _as_list(node.get(key)):
                yield from _jsonld_person(page, value, role)


def _main_nodes(page: Page) -> list[Mapping[str, Any]]:
    """Article-like nodes, else page-like nodes, else all: image credits stay out."""
    for wanted in (ARTICLE_TYPES, _PAGE_TYPES):
        chosen = [n for n in page.jsonld.nodes if wanted & {t.lower() for t in node_types(n)}]
        if chosen:
            return chosen
    return list(page.jsonld.nodes)


def _jsonld_person(page: Page, value: Any, role: str) -> Iterator[Contributor]:
    value = page.jsonld.resolve(value)
    if isinstance(value, str):
        if not value.startswith("http"):
            yield from contributors(value, origin="json-ld", role=role)
        return
    if not isinstance(value, Mapping):
        return
    name = value.get("name")
    if isinstance(name, list):
        name = next((n for n in name if isinstance(n, str)), "")
    if not isinstance(name, str) or not name.strip():
        given, family = value.get("givenName"), value.get("familyName")
        name = " ".join(n for n in (given, family) if isinstance(n, str))
    types = node_types(value)
    hinted = types[0] if types else ""
    profile = _first_str(value.get("url")) or _first_str(value.get("sameAs"))
    for person in contributors(name, origin="json-ld", role=role, hinted=hinted, profile=profile):
        creds = list(person.credentials)
        for extra in (
            _as_list(value.get("jobTitle"))
            + _as_list(value.get("honorificPrefix"))
            + _as_list(value.get("honorificSuffix"))
        ):
            if isinstance(extra, str) and extra.strip():
                creds.extend(c for c in re.split(r"\s*,\s*", extra.strip()) if c)
        affiliation = person.affiliation or _org_name(
            page, value.get("affiliation") or value.get("worksFor")
        )
        yield replace(person, credentials=tuple(dict.fromkeys(creds)), affiliation=affiliation)


def _org_name(page: Page, value: Any) -> str:
    for item in _as_list(value):
        item = page.jsonld.resolve(item)
        if isinstance(item, str):
            return item
        if isinstance(item, Mapping) and isinstance(item.get("name"), str):
            return str(item["name"])
    return ""


_META_AUTHOR = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
    "citation_author",
    "og:article:author",
)


def meta_contributors(page: Page) -> Iterator[Contributor]:
    for key in _META_AUTHOR:
        values = page.meta.get(key, ())
        if key == "citation_author":
            for value in values[:20]:
                yield from contributors(value, origin="meta")
            continue
        for value in values[:1]:
            if value.startswith("http"):
                continue  # article:author is often a profile URL, not a name
            # A Chinese name in the meta author of an English page is the CMS user who
            # posted it (China Daily's editors), not the writer.
            role = EDITOR if page.language == "en" and _CJK_NAME.fullmatch(value) else AUTHOR
            role = EDITOR if _EDITOR_LABEL.match(value) else role  # "责编：周小"
            found = contributors(value, origin="meta", role=role)
            if found:
                yield from found
                return


def microdata_contributors(page: Page) -> Iterator[Contributor]:
    found = [
        el
        for el in page.itemprop_elements
        if el.get("itemprop") in ("author", "reviewedBy") and el.tag != "meta"
    ]
    # Sidebars repeat itemprop=author for other stories: keep the first byline's siblings.
    first_parent = found[0].getparent() if found else None
    for el in found[:10]:
        if el.getparent() is not first_parent and el.get("itemprop") == "author":
            continue
        role = REVIEWER if el.get("itemprop") == "reviewedBy" else AUTHOR
        names = el.xpath(".//*[@itemprop='name']")
        node = names[0] if names else el
        text = node.get("content") or node.text_content() or ""
        profile = el.get("href") or next(iter(el.xpath(".//a/@href")), "")
        yield from contributors(text, origin="microdata", role=role, profile=str(profile))


def rel_author_contributors(page: Page) -> Iterator[Contributor]:
    links = [a for a in page.elements("a") if "author" in (a.get("rel") or "").lower().split()]
    # Lists of other stories repeat rel=author: keep the first byline's own links.
    first_parent = links[0].getparent() if links else None
    for link in links[:5]:
        if link.get("href") and link.getparent() is first_parent:
            profile = _absolute(page, link.get("href") or "")
            yield from contributors(link.text_content() or "", origin="rel-author", profile=profile)


def _absolute(page: Page, href: str) -> str:
    try:
        return urljoin(page.address or "", href.strip())
    except ValueError:  # malformed href (e.g. a bracketed non-IP host)
        return ""


_EN_ROLE = {
    "reviewed": REVIEWER,
    "medically": REVIEWER,
    "fact": REVIEWER,
    "abridged": EDITOR,
    "edited": EDITOR,
}


def byline_contributors(page: Page) -> Iterator[Contributor]:
    """Visible English bylines: "By Jane Roe", "Medically reviewed by ..." (Chinese credits:
    :mod:`factcheck.steps.author.zh_credits`)."""
    html = without_code(page.html)  # names end at the next tag; flat text glues paragraphs
    seen: set[str] = set()  # the first byline of each role: later ones credit quoted stories
    for match in _bylines(html):
        if match.start() and (html[match.start() - 1].isalnum() or html[match.start() - 1] == "-"):
            continue  # "Standby ..." is not a byline
        if match.group(1) == "by" and (
            not html[max(0, match.start() - 200) : match.start()].rstrip().endswith(">")
            or "<a" in match.group(0)
        ):
            continue  # a lower-case "by" starts a byline only as an element's own text
        role = _EN_ROLE.get(match.group(1).split()[0].lower(), AUTHOR)
        if role in seen:
            continue
        found = contributors(match.group(2), origin="byline", role=role)
        seen.update(c.role for c in found)
        yield from found


def _bylines(html: str) -> Iterator[re.Match[str]]:
    """``_EN_BYLINE.finditer(html)``, the pattern tried only where a label may start: at each
    "by" and "By" (found by ``str.find``, a quarter of the time of the pattern's own scan
    over the page) and where a longer label's head ("Written ") stands before one."""
    starts: set[int] = set()
    for word in ("by", "By"):
        at = html.find(word)
        while at != -1:
            starts.add(at)
            starts.update(
                at - len(head)
                for head in _LABEL_HEADS
                if at >= len(head) and html.startswith(head, at - len(head))
            )
            at = html.find(word, at + 1)
    end = 0
    for start in sorted(starts):
        match = _EN_BYLINE.match(html, start) if start >= end else None
        if match:
            yield match
            end = match.end()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first_str(value: Any) -> str:
    for item in _as_list(value):
        if isinstance(item, str) and item.startswith("http"):
            return item
    return ""
