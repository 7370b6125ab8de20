"""Step 3: Identify the author.

The WHO asks: search the author's name - are they real, are they credible? We find who
wrote and who medically reviewed the page (:mod:`factcheck.authors`), state their claimed
credentials and affiliation, and give searches to verify them. No byline at all is
``unknown`` (absence of a signal is not a penalty); a placeholder such as "admin" or 小编
is information we state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote, quote_plus

from factcheck.i18n import LocalText, T
from factcheck.lang.script import HAN_CHAR
from factcheck.report import Finding, Link, Status
from factcheck.steps.author import rules
from factcheck.steps.author.extract import (
    ORGANISATION,
    PERSON,
    PLACEHOLDER,
    Authorship,
    Contributor,
    page_authorship,
)
from factcheck.steps.base import Check, CheckContext, StepOutcome

if TYPE_CHECKING:
    from factcheck.page.model import Page


class AuthorCheck(Check):
    id = "author"
    number = 3
    rules = rules.RULES
    title = T("Identify the author", "确认作者")
    advice = T(
        "Search the author's name: are they real, and are they qualified?",
        "搜索作者姓名：此人是否真实存在、是否具备相关资质？",
    )

    def run(self, page: Page, ctx: CheckContext) -> StepOutcome:
        found = page_authorship(page)
        zh = page.language == "zh"
        links = _search_links(found, zh)
        data = _data(found)
        if not found.authors and not found.reviewers:
            return StepOutcome(
                data=data,
                links=links,
                status=Status.UNKNOWN,
                reason=T("No author is named on the page.", "页面上没有署名作者。"),
                advice=_no_author_advice(found),
            )
        return StepOutcome(
            findings=tuple(_findings(found)), data=data, links=links, advice=_advice(found)
        )


# -- findings --------------------------------------------------------------------------------


def _findings(found: Authorship) -> list[Finding]:
    findings: list[Finding] = []
    kinds = {a.kind for a in found.authors}
    people = [a for a in found.authors if a.kind == PERSON]
    if people:
        findings.append(
            rules.NAMED_PERSON.finding(
                people[0].evidence or people[0].name, people[0].origin, n=_names(people)
            )
        )
    elif ORGANISATION in kinds:
        org = next(a for a in found.authors if a.kind == ORGANISATION)
        findings.append(
            rules.ORGANISATION.finding(org.evidence or org.name, org.origin, n=org.name)
        )
    elif PLACEHOLDER in kinds:
        holder = found.authors[0]
        findings.append(
            rules.PLACEHOLDER.finding(holder.evidence or holder.name, holder.origin, n=holder.name)
        )
    findings.extend(_qualification_findings([*people, *found.reviewers]))
    findings.extend(_reviewer_findings(found.reviewers))
    return findings


def _qualification_findings(people: list[Contributor]) -> list[Finding]:
    findings: list[Finding] = []
    credentialed = next((p for p in people if p.credentials), None)
    if credentialed:
        creds = ", ".join(credentialed.credentials)
        findings.append(
            rules.CREDENTIALS.finding(
                f"{credentialed.name}, {creds}",
                credentialed.origin,
                n=credentialed.name,
                c=creds,
            )
        )
    affiliated = next((p for p in people if p.affiliation), None)
    if affiliated:
        findings.append(
            rules.AFFILIATION.finding(
                affiliated.affiliation,
                affiliated.origin,
                n=affiliated.name,
                a=affiliated.affiliation,
            )
        )
    profiled = next((p for p in people if p.profile_url), None)
    if profiled:
        findings.append(
            rules.PROFILE_LINK.finding(profiled.profile_url, profiled.origin, n=profiled.name)
        )
    return findings


def _reviewer_findings(reviewers: tuple[Contributor, ...]) -> list[Finding]:
    named = [r for r in reviewers if r.kind == PERSON]
    if not named:
        return []
    first = named[0]
    creds = f" ({', '.join(first.credentials)})" if first.credentials else ""
    return [
        rules.MEDICAL_REVIEWER.finding(
            first.evidence or first.name, first.origin, n=first.name, c=creds
        )
    ]


# -- data, advice, links -------------------------------------------------------------------------


def _data(found: Authorship) -> dict[str, object]:
    primary = found.authors[0] if found.authors else None
    credentials = [c for person in (*found.authors, *found.reviewers) for c in person.credentials]
    return {
        "authors": found.names,
        "kind": primary.kind if primary else None,
        "credentials": list(dict.fromkeys(credentials)),
        "affiliation": next(
            (p.affiliation for p in (*found.authors, *found.reviewers) if p.affiliation), None
        ),
        "reviewer": found.reviewers[0].name if found.reviewers else None,
        "profile_url": next((p.profile_url for p in found.authors if p.profile_url), None),
        "contributors": [c.to_dict() for c in (*found.authors, *found.reviewers, *found.editors)],
        "editors": [e.name for e in found.editors],
        "account": found.account or None,
    }


def _advice(found: Authorship) -> LocalText:
    if found.authors and all(a.kind == PLACEHOLDER for a in found.authors):
        return T(
            "The page does not say who really wrote it. Treat the claims with care and look for "
            "the same information from a named expert or a health authority.",
            "页面没有说明真正的作者。请谨慎对待其中的说法，并查找署名专家或卫生部门发布的同类信息。",
        )
    return T(
        "Search the names below: are they real people, do they work where the page says, and "
        "are they qualified on this health topic? A title on a page is a claim, not a proof.",
        "用下方链接搜索这些姓名：此人是否真实存在、是否在页面所说的机构工作、是否具备该健康话题的专业资质？"
        "网页上的头衔只是自称，并非证明。",
    )


def _no_author_advice(found: Authorship) -> LocalText:
    base = T(
        "No author is named. Look for a byline at the top or bottom of the article, or an "
        "'About us' page; search the headline to find who first wrote it.",
        "页面未署名作者。请在文章开头或结尾查找署名，或查看“关于我们”页面；也可搜索标题，找出最初的作者。",
    )
    if found.account:
        return T(
            f"{base.en} The account '{found.account}' published it, "
            "but an account is not an author.",
            f"{base.zh}本文由公众号“{found.account}”发布，但公众号并不等于作者。",
        )
    return base


def _search_links(found: Authorship, zh: bool) -> tuple[Link, ...]:
    links: list[Link] = []
    people = [p for p in (*found.authors, *found.reviewers) if p.kind == PERSON][:3]
    for person in people:
        links.extend(person_search_links(person, zh=zh or bool(HAN_CHAR.search(person.name))))
    return tuple(links)


def person_search_links(person: Contributor, *, zh: bool) -> list[Link]:
    """Where to look a person up: a web search with their claimed credentials, and for
    clinicians and researchers the registries that would know them."""
    name, creds = person.name, " ".join(person.credentials)
    if zh:
        query = " ".join(x for x in (name, creds, person.affiliation) if x)
        links = [Link(f"百度搜索：{name}", f"https://www.baidu.com/s?wd={quote_plus(query)}")]
        if person.medical:
            for site, label in (("haodf.com", "好大夫在线"), ("dxy.com", "丁香园")):
                links.append(
                    Link(
                        f"{label}：{name}",
                        f"https://www.baidu.com/s?wd={quote_plus(f'site:{site} {name}')}",
                    )
                )
        return links
    query = f'"{name}" {creds} {person.affiliation}'.strip()
    links = [Link(f"Web search: {name}", f"https://www.google.com/search?q={quote_plus(query)}")]
    if person.medical or person.researcher or person.role == "reviewer":
        links.append(
            Link(
                f"PubMed author search: {name}",
                f"https://pubmed.ncbi.nlm.nih.gov/?term={quote(name)}%5BAuthor%5D",
            )
        )
    if person.researcher:
        links.append(
            Link(
                f"ORCID search: {name}",
                f"https://orcid.org/orcid-search/search?searchQuery={quote(name)}",
            )
        )
    return links


def _names(people: list[Contributor]) -> str:
    return ", ".join(p.name for p in people[:4]) + (" ..." if len(people) > 4 else "")
