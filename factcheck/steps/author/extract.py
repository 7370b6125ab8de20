"""Who wrote the page, who reviewed it, and what they claim to be.

Bylines are read from JSON-LD (string, object or list, ``@id`` references resolved),
``<meta>`` (author, article:author, dc.creator, WeChat's author meta), microdata
(``itemprop=author``), ``rel=author`` links and visible bylines in English and Chinese
(By ..., 作者：, 文/, 记者, 通讯员, 审核专家, 医学审核, 责任编辑). Each name is split from
its credentials (Dr., MD, 主任医师 ...) and affiliation (hospital, university, department)
and classed as a person, an organisation or a placeholder (admin, 小编, 佚名 ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from factcheck.lang.script import has_han
from factcheck.page.headline import site_names, title_affixes
from factcheck.page.language import is_chinese
from factcheck.page.metadata import searched_author
from factcheck.page.text import clean_text
from factcheck.steps.author.names import (
    AUTHOR,
    EDITOR,
    ORGANISATION,
    PERSON,
    PLACEHOLDER,
    REVIEWER,
    Contributor,
    classify,
    contributors,
    split_credentials,
)
from factcheck.steps.author.sources import (
    byline_contributors,
    jsonld_contributors,
    meta_contributors,
    microdata_contributors,
    rel_author_contributors,
)
from factcheck.steps.author.zh_credits import zh_credits

if TYPE_CHECKING:
    from factcheck.page.model import Page

__all__ = [
    "AUTHOR",
    "EDITOR",
    "ORGANISATION",
    "PERSON",
    "PLACEHOLDER",
    "REVIEWER",
    "SOURCES",
    "Authorship",
    "Contributor",
    "best_authors",
    "classify",
    "contributors",
    "page_authorship",
    "split_credentials",
]


@dataclass(frozen=True, slots=True)
class Authorship:
    """Authors, reviewers and editors found on a page, plus the platform account if any."""

    authors: tuple[Contributor, ...]
    reviewers: tuple[Contributor, ...]
    editors: tuple[Contributor, ...]
    account: str = ""  # a WeChat account publishes; it is not the author

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.authors]


def zh_credit_contributors(page: Page) -> Iterator[Contributor]:
    """Chinese bylines, datelines, signatures and editor credits in the visible text."""
    if not is_chinese(page):
        return
    outlets = tuple(site_names(page) + title_affixes(page))
    if page.platform is not None:
        outlets += (page.platform.account,)
    for credit in zh_credits(page.visible_text, outlets):
        people = contributors(credit.detail, origin="byline", role=credit.role)
        if not people or people[0].name != credit.name:
            people = contributors(credit.name, origin="byline", role=credit.role)
        for person in people[:1]:
            yield replace(person, evidence=credit.evidence)


def trafilatura_contributors(page: Page) -> list[Contributor]:
    """trafilatura's author (meta tags and JSON-LD, else its search of the page's bylines)
    on pages not in Chinese, where it picks up comment names; always the author role."""
    if is_chinese(page):
        return []
    extraction = page.extraction
    author = extraction.author
    if not author and extraction.thorough:
        author = clean_text(searched_author(page.tree))
    return contributors(author, origin="trafilatura") if author else []


def platform_contributors(page: Page) -> Iterator[Contributor]:
    """The writer a platform reader found (WeChat's writer, a Zhihu answerer)."""
    platform = page.platform
    if platform is not None and platform.author:
        yield from contributors(platform.author, origin=platform.platform)


#: Sources tried in order; the first that names a person wins (reviewers and editors are
#: collected from all of them). A platform reader knows its page best; on Chinese pages the
#: visible credits come before ``<meta name="author">``, which often holds the editor, an
#: internal id or the portal's name.
SOURCES = (
    ("platform", platform_contributors),
    ("json-ld", jsonld_contributors),
    ("zh-credits", zh_credit_contributors),
    ("meta", meta_contributors),
    ("microdata", microdata_contributors),
    ("rel-author", rel_author_contributors),
    ("byline", byline_contributors),
)
#: Platforms whose reader alone decides the author: other names on the page are other
#: answerers or commenters.
_READER_DECIDES = frozenset({"zhihu", "weibo"})


def page_authorship(page: Page) -> Authorship:
    """Authors from the most trusted source naming a person (else an organisation, else a
    placeholder); reviewers and editors collected from every source."""
    found = {origin: list(source(page)) for origin, source in SOURCES}
    everyone = [c for group in found.values() for c in group]
    editors = [c for c in everyone if c.role == EDITOR]
    reviewers = [c for c in everyone if c.role == REVIEWER]
    edited = {e.name for e in editors}
    candidates = [
        [c for c in group if c.role == AUTHOR and not _is_editor(c.name, edited)]
        for group in found.values()
    ]
    if not any(_named_person(c) for group in candidates for c in group):
        candidates.append(  # last resort, and the only one worth its cost then
            [c for c in trafilatura_contributors(page) if not _is_editor(c.name, edited)]
        )
    platform = page.platform
    if platform is not None and platform.platform in _READER_DECIDES:
        authors = candidates[0]
    else:
        authors = best_authors(candidates)
        if platform is not None and platform.platform == "wechat":
            authors += [c for c in found["zh-credits"] if c.role == AUTHOR]  # 文/珠珠 in body
    publishers = _publisher_keys(page)
    authors = [  # an "author" that is the account's or the site's own name is the publisher
        replace(a, kind=ORGANISATION) if _key(a.name) in publishers else a for a in authors
    ]
    return Authorship(
        authors=_unique(authors),
        reviewers=_unique(reviewers),
        editors=_unique(editors),
        account=platform.account if platform is not None and platform.platform == "wechat" else "",
    )


def _is_editor(name: str, editors: set[str]) -> bool:
    """A byline name that the page credits as an editor ("青网新闻杨逸凡" is 杨逸凡)."""
    return any(name == e or (len(e) >= 2 and name.endswith(e)) for e in editors)


def _publisher_keys(page: Page) -> frozenset[str]:
    """The names the page publishes under (site, title affixes, a WeChat account), as
    :func:`_key` reads them."""
    names = site_names(page) + title_affixes(page)
    platform = page.platform
    if platform is not None and platform.platform == "wechat" and platform.account:
        names.append(platform.account)
    return frozenset(_key(n) for n in names if n)


def _key(name: str) -> str:
    return name.casefold().replace(" ", "").replace(".", "")


def best_authors(candidates: list[list[Contributor]]) -> list[Contributor]:
    """The first source that names a real-looking person; organisations and placeholders
    (often the site's own name or "admin") only when no source names a person."""
    for wanted in (_named_person, _is_person, lambda c: c.kind == ORGANISATION, lambda c: True):
        for found in candidates:
            if found and any(wanted(c) for c in found):
                return found
    return []


def _is_person(person: Contributor) -> bool:
    return person.kind == PERSON


def _named_person(person: Contributor) -> bool:
    """A person written as a name (not a user handle such as "jane.doe" or "jdoe")."""
    name = person.name
    if person.kind != PERSON:
        return False
    if has_han(name):
        return True
    return " " in name and "." not in name.replace(". ", " ").rstrip(".") and name != name.lower()


def _unique(found: Iterable[Contributor]) -> tuple[Contributor, ...]:
    seen: dict[str, Contributor] = {}
    for person in found:
        key = person.name.lower()
        if key not in seen or (person.credentials and not seen[key].credentials):
            seen[key] = person
    return tuple(seen.values())
