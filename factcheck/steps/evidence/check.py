"""Step 5: Examine the supporting evidence.

The WHO asks the reader to look at what backs the claims. This step gathers every source
the page offers (outbound links, DOIs and trial numbers written in the text, journals and
institutions named as the origin of a claim, a reference list, quoted experts) and weighs
them by quality, with diminishing returns: one paper in a journal is worth more than ten
links to social media, and the fifth paper adds little to the first. Links to shops and to
sites listed as fake cost points; numbers that say nowhere where they come from cost a few.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote_plus

from factcheck.i18n import LocalText, T
from factcheck.lang.script import count_han
from factcheck.report import Finding, Link, Status
from factcheck.steps.base import Check, CheckContext, StepOutcome
from factcheck.steps.evidence import rules
from factcheck.steps.evidence.citations import TextEvidence, analyse_text
from factcheck.steps.evidence.linkkinds import LinkClass, LinkKind, Reputation, kb_link_kind
from factcheck.steps.evidence.links import LinkSurvey, survey_links
from factcheck.steps.evidence.rules import (
    BAD_LINK_POINTS,
    INSTITUTION_NAMED_POINTS,
    JOURNAL_NAMED_POINTS,
    LINK_POINTS,
    LINK_TO_FAKE,
    LINK_TO_SHOP,
    LINK_TO_UNRELIABLE,
    LOW_LINK_POINTS,
    NO_SOURCES,
    ONLY_SOCIAL,
)
from factcheck.steps.evidence.worth import (
    SHORT_TEXT_WEIGHT,
    Support,
    around,
    evidence_findings,
)

if TYPE_CHECKING:
    from factcheck.knowledge.sources import SourceDB
    from factcheck.page.model import Page


class EvidenceCheck(Check):
    id = "evidence"
    number = 5
    rules = rules.RULES
    title = T("Examine the supporting evidence", "检查支持证据")
    advice = T(
        "Look for sources you can verify: studies, official guidance, named experts.",
        "寻找可核实的依据：研究论文、官方指南、具名专家。",
    )

    def run(self, page: Page, ctx: CheckContext) -> StepOutcome:
        text = page.text
        links = survey_links(page, ctx.sources)
        if not text.strip():
            return StepOutcome(
                data={"links": links.counts(), "links_scope": links.scope},
                status=Status.UNKNOWN,
                reason=T(
                    "No main text was found, so there is no evidence to examine.",
                    "未找到正文，无法检查其依据。",
                ),
            )
        found = analyse_text(text, page)
        supports = _supports(links, found, ctx.sources)
        data = _data(links, found, supports)
        if not supports and _is_short(text):
            return StepOutcome(
                data=data,
                status=Status.NOT_APPLICABLE,
                reason=T(
                    "This is a short post: posts this short rarely cite sources. Ask where "
                    "its claim comes from before you share it.",
                    "这是一条简短的帖子，通常不附出处。转发前请先问问：这个说法从何而来？",
                ),
            )
        findings = evidence_findings(links, found, supports, text)
        return StepOutcome(
            findings=tuple(findings),
            data=data,
            advice=_advice(supports, findings),
            links=_reader_links(page, supports),
        )


# -- gathering ---------------------------------------------------------------------------------


def _supports(links: LinkSurvey, found: TextEvidence, sources: SourceDB) -> list[Support]:
    """Every distinct source, links first (a linked DOI and the same DOI in text count once)."""
    out: dict[str, Support] = {}
    for link in links.evidence:
        support = _from_link(link)
        if not links.scored:
            # links outside the article text (menus, sidebars) cite nothing, but what the
            # page sends readers to still says something: negatives only, at half strength
            if support.points >= 0:
                continue
            support = replace(support, points=int(support.points / 2), origin="page_link")
        out.setdefault(support.key, support)
    for citation in found.citations:
        if citation.kind == "journal":
            key, points = f"journal:{citation.value.lower()}", JOURNAL_NAMED_POINTS
        else:
            key, points = citation.value.lower(), LINK_POINTS[LinkKind.SCHOLARLY]
        label = (
            citation.value
            if citation.kind == "journal"
            else f"{citation.kind.upper()} {citation.value}"
        )
        out.setdefault(
            key, Support(LinkKind.SCHOLARLY, key, label, "text", points, note=citation.evidence)
        )
    if found.source_snippets:
        named = sources.find_institutions("\n".join(found.source_snippets))
        for institution, alias in named:
            kind = kb_link_kind(institution.kind) or LinkKind.ACADEMIC
            if kind not in (LinkKind.OFFICIAL, LinkKind.ACADEMIC, LinkKind.SCHOLARLY):
                continue
            points = INSTITUTION_NAMED_POINTS if kind is LinkKind.OFFICIAL else 3
            key = f"institution:{institution.key}"
            note = around(next((s for s in found.source_snippets if alias in s), alias), alias)
            out.setdefault(key, Support(kind, key, alias, "text", points, note=note))
    return list(out.values())


def _from_link(link: LinkClass) -> Support:
    key = link.identifier.lower() if link.identifier else link.url
    if link.reputation is Reputation.BAD:
        points = BAD_LINK_POINTS
    elif link.reputation is Reputation.LOW:
        points = LOW_LINK_POINTS
    else:
        points = LINK_POINTS.get(link.kind, 0)
        if link.kind is LinkKind.NEWS and link.reputation is not Reputation.GOOD:
            points -= 1
    return Support(link.kind, key, link.url, "link", points, link.reputation, link.reason)


# -- data, advice, links -----------------------------------------------------------------------


def _data(links: LinkSurvey, found: TextEvidence, supports: list[Support]) -> dict[str, Any]:
    ranked = sorted(supports, key=lambda s: -abs(s.points))
    section = found.reference_section
    return {
        "links": links.counts(),
        "links_scope": links.scope,
        "links_all": links.counts_all(),
        "same_site_links": links.same_site,
        "share_and_profile_links": links.widgets,
        "references": [s.to_dict() for s in ranked[:10]],
        "citations_in_text": len(found.citations),
        "reference_section": None
        if section is None
        else {"heading": section.heading, "items": section.items},
        "reference_markers": found.markers,
        "attributed_numbers": found.attributed_numbers,
        "unattributed_numbers": found.unattributed_numbers,
        "quotes": {
            "named": sum(q.named for q in found.quotes),
            "unnamed": sum(not q.named for q in found.quotes),
        },
        "examples": {
            "unattributed_numbers": [
                s.sentence[:200] for s in found.statistics if not s.attributed
            ][:3],
            "attributed_numbers": [s.sentence[:200] for s in found.statistics if s.attributed][:3],
            "named_quotes": [q.text[:200] for q in found.quotes if q.named][:2],
            "vague_appeals": list(found.vague_appeals[:3]),
        },
    }


def _advice(supports: list[Support], findings: list[Finding]) -> LocalText:
    codes = {f.code for f in findings}
    if codes & {LINK_TO_FAKE.code, LINK_TO_UNRELIABLE.code}:
        return T(
            "Some of its sources are sites known for false stories: check the claims with a "
            "health authority instead.",
            "部分来源是以虚假信息著称的网站：请向卫生部门核实这些说法。",
        )
    if LINK_TO_SHOP.code in codes:
        return T(
            "It links to shops: treat it as advertising and look for independent evidence.",
            "它链接到商店：请把它当作广告看待，另找独立证据。",
        )
    if codes & {NO_SOURCES.code, ONLY_SOCIAL.code}:
        return T(
            "No sources are given. Search for the study or official guidance behind the claim "
            "before you believe or share it.",
            "没有给出任何来源。相信或转发之前，请查找其背后的研究或官方指南。",
        )
    if any(s.kind in (LinkKind.SCHOLARLY, LinkKind.OFFICIAL) for s in supports):
        return T(
            "It cites studies or official sources: open one and check it says what the page "
            "claims.",
            "它引用了研究或官方来源：打开看看，核实其内容是否与网页所说一致。",
        )
    return EvidenceCheck.advice


def _reader_links(page: Page, supports: list[Support]) -> tuple[Link, ...]:
    """The first cited papers to open, and literature searches prefilled with the headline."""
    out = []
    for support in supports:
        if support.kind is LinkKind.SCHOLARLY and support.origin == "text" and " " in support.label:
            kind, value = support.label.split(" ", 1)
            url = _ID_URLS.get(kind)
            if url:
                out.append(Link(f"Open {support.label}", url.format(value)))
        if len(out) >= 3:
            break
    topic = page.title[:120]
    if topic:
        out.append(Link("PubMed", f"https://pubmed.ncbi.nlm.nih.gov/?term={quote_plus(topic)}"))
        out.append(
            Link("Google Scholar", f"https://scholar.google.com/scholar?q={quote_plus(topic)}")
        )
        if page.language == "zh":
            out.append(
                Link("中国知网 CNKI", f"https://kns.cnki.net/kns8s/search?q={quote_plus(topic)}")
            )
    return tuple(out)


_ID_URLS = {
    "DOI": "https://doi.org/{}",
    "PMID": "https://pubmed.ncbi.nlm.nih.gov/{}/",
    "PMCID": "https://www.ncbi.nlm.nih.gov/pmc/articles/{}/",
    "NCT": "https://clinicaltrials.gov/study/{}",
    "ARXIV": "https://arxiv.org/abs/{}",
}


def _is_short(text: str) -> bool:
    cjk = count_han(text)
    return (len(text) - cjk) + 3 * cjk < SHORT_TEXT_WEIGHT
