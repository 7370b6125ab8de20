"""What each piece of evidence is worth on step 5, and how each finding is explained.

The points and messages are declared in :mod:`factcheck.steps.evidence.rules`; this module
decides which rule each piece of evidence earns and at what rank. The check itself
(:mod:`factcheck.steps.evidence.check`) gathers the sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.i18n import LocalText, T
from factcheck.knowledge.domains import host_of
from factcheck.report import Finding
from factcheck.steps.evidence.citations import TextEvidence
from factcheck.steps.evidence.linkkinds import LinkKind, Reputation
from factcheck.steps.evidence.links import LinkSurvey
from factcheck.steps.evidence.rules import (
    ATTRIBUTED_NUMBERS,
    CITES,
    KIND_NOTE,
    LADDER,
    LINK_TO_FAKE,
    LINK_TO_SHOP,
    LINK_TO_UNRELIABLE,
    LINKS,
    LINKS_OUTSIDE_TEXT,
    MORE,
    NAMED_EXPERT_QUOTE,
    NAMES_INSTITUTION,
    NO_SOURCES,
    ONLY_SOCIAL,
    REFERENCE_LIST,
    REFERENCE_MARKERS,
    REPORTS_NAMED_EXPERT,
    UNATTRIBUTED_NUMBERS,
    UNNAMED_QUOTE,
    VAGUE_APPEAL,
)

UNATTRIBUTED_FROM = 3
MANY_UNATTRIBUTED_FROM = 6
MANY_UNATTRIBUTED_POINTS = -8
SHORT_TEXT_WEIGHT = 600  # below this (CJK characters count 3), a post is too short to cite

KIND_NAMES: dict[LinkKind, LocalText] = {
    LinkKind.SCHOLARLY: T("a research paper or journal", "研究论文或学术期刊"),
    LinkKind.OFFICIAL: T("official guidance or data", "官方指南或数据"),
    LinkKind.ACADEMIC: T("a university or research institute", "大学或研究机构"),
    LinkKind.FACT_CHECKER: T("a fact-checker", "事实核查机构"),
    LinkKind.NEWS: T("a news outlet", "新闻媒体"),
    LinkKind.REFERENCE: T("an encyclopedia", "百科全书"),
    LinkKind.PRESS_RELEASE: T("a press release wire", "新闻稿发布平台"),
    LinkKind.SOCIAL: T("social media", "社交媒体"),
    LinkKind.COMMERCIAL: T("a shop or product page", "商店或商品页面"),
    LinkKind.UNKNOWN: T("a site we do not know", "未收录的网站"),
}


@dataclass(frozen=True, slots=True)
class Support:
    """One source the page offers, from a link or from its text."""

    kind: LinkKind
    key: str  # de-duplicates a DOI linked and also written out
    label: str  # what the reader sees: the URL, "DOI 10.1/x", "《中华医学杂志》"
    origin: str  # "link" or "text"
    points: int  # what the best item of its kind would earn
    reputation: Reputation = Reputation.UNRATED
    note: str = ""  # e.g. the rule that classified a link

    def to_dict(self) -> dict[str, str]:
        return {
            "kind": self.kind.value,
            "ref": self.label,
            "origin": self.origin,
            "reputation": self.reputation.value,
        }


def evidence_findings(
    links: LinkSurvey, found: TextEvidence, supports: list[Support], text: str
) -> list[Finding]:
    """Every finding of the step, each with its points, message and evidence."""
    findings = _support_findings(supports)
    text_findings = _text_findings(found)
    findings += text_findings + _link_notes(links, supports)
    specific = any(s.kind in (LinkKind.SCHOLARLY, LinkKind.OFFICIAL) for s in supports)
    if found.vague_appeals and not specific:
        findings.append(VAGUE_APPEAL.finding(found.vague_appeals[0][:300], "text"))
    if not any(s.points > 0 for s in supports) and not any(f.impact > 0 for f in text_findings):
        findings.append(_no_sources(supports, text))
    return findings


def _no_sources(supports: list[Support], text: str) -> Finding:
    """Nothing positive at all: say so, more gently when social media posts are cited."""
    social = next((s for s in supports if s.origin == "link" and s.kind is LinkKind.SOCIAL), None)
    if social is not None:
        return ONLY_SOCIAL.finding(social.label, "url")
    return NO_SOURCES.finding(" ".join(text.split())[:160], "text")


def _support_findings(supports: list[Support]) -> list[Finding]:
    """Points per item with diminishing returns within each kind; negatives likewise."""
    by_group: dict[str, list[Support]] = {}
    for support in supports:
        if support.points:
            bad = support.reputation in (Reputation.BAD, Reputation.LOW)
            group = "bad" if bad else support.kind.value
            by_group.setdefault(group, []).append(support)
    findings = []
    for group, items in by_group.items():
        items.sort(key=lambda s: -abs(s.points))
        for rank, support in enumerate(items[: len(LADDER)]):
            impact = round(support.points * LADDER[rank])
            if impact:
                findings.append(_support_finding(support, impact, group == "bad"))
        if len(items) > len(LADDER):
            extra = items[len(LADDER)]
            findings.append(
                MORE[group].finding(extra.label, extra.origin, n=len(items) - len(LADDER))
            )
    return findings


def _support_finding(support: Support, impact: int, bad: bool) -> Finding:
    origin = (
        "sources.yaml"
        if bad or support.note.startswith("sources.yaml")
        else ("text" if support.origin == "text" else "url")
    )
    lead = (
        T("Outside the article text, the page links to", "正文之外，页面链接到")
        if support.origin == "page_link"
        else T("Links to", "链接到")
    )
    if bad:
        rule = LINK_TO_FAKE if support.reputation is Reputation.BAD else LINK_TO_UNRELIABLE
        site = host_of(support.label)
        return rule.finding(
            support.label, origin, points=impact, site=site, lead_en=lead.en, lead_zh=lead.zh
        )
    if support.kind is LinkKind.COMMERCIAL:
        return LINK_TO_SHOP.finding(
            support.label, origin, points=impact, lead_en=lead.en, lead_zh=lead.zh
        )
    name = KIND_NAMES[support.kind]
    rule = (CITES if support.origin == "text" else LINKS)[support.kind]
    message = None  # the rule's own words: "Links to ..." or "Cites ... in the text"
    if support.key.startswith("institution:") and support.origin != "link":
        message = NAMES_INSTITUTION
    elif support.origin not in ("link", "text"):
        message = CITES[support.kind].message
    evidence = support.label if support.origin == "link" else (support.note or support.label)
    return rule.finding(
        evidence[:300],
        origin,
        points=impact,
        message=message,
        name_en=name.en,
        name_zh=name.zh,
        label=support.label,
    )


def around(text: str, phrase: str, width: int = 70) -> str:
    """The words around ``phrase`` in ``text``: the sentence a reader can find on the page."""
    at = max(0, text.find(phrase))
    return text[max(0, at - width) : at + len(phrase) + width].strip()


def _text_findings(found: TextEvidence) -> list[Finding]:
    findings = []
    section = found.reference_section
    if section is not None:
        points = REFERENCE_LIST.points if section.items >= 2 else REFERENCE_LIST.points // 2
        findings.append(
            REFERENCE_LIST.finding(
                section.first_items[0] if section.first_items else section.heading,
                "html" if section.origin == "html" else "text",
                points=points,
                heading=section.heading,
                items=section.items,
            )
        )
    elif found.markers >= 2:
        findings.append(
            REFERENCE_MARKERS.finding(f"[1] ... [{found.markers}]", "text", n=found.markers)
        )
    findings += _quote_findings(found)
    findings += _number_findings(found)
    return findings


def _quote_findings(found: TextEvidence) -> list[Finding]:
    named = [q for q in found.quotes if q.named]
    findings = [
        NAMED_EXPERT_QUOTE.finding(
            q.context[:300],
            "text",
            points=round(NAMED_EXPERT_QUOTE.points * LADDER[rank]),
            message=None if q.direct else REPORTS_NAMED_EXPERT,
        )
        for rank, q in enumerate(named[:2])
    ]
    unnamed = [q for q in found.quotes if not q.named]
    if unnamed and not named:
        findings.append(UNNAMED_QUOTE.finding(unnamed[0].context[:300], "text"))
    return findings


def _number_findings(found: TextEvidence) -> list[Finding]:
    attributed, unattributed = found.attributed_numbers, found.unattributed_numbers
    findings = []
    missing = [s for s in found.statistics if not s.attributed]
    if unattributed >= UNATTRIBUTED_FROM and unattributed >= attributed:
        many = unattributed >= MANY_UNATTRIBUTED_FROM and unattributed >= 2 * attributed
        findings.append(
            UNATTRIBUTED_NUMBERS.finding(
                missing[0].sentence[:300],
                "text",
                points=MANY_UNATTRIBUTED_POINTS if many else UNATTRIBUTED_NUMBERS.points,
                missing=unattributed,
                total=attributed + unattributed,
            )
        )
    elif attributed >= 2:
        findings.append(
            ATTRIBUTED_NUMBERS.finding(
                next(s.sentence for s in found.statistics if s.attributed)[:300],
                "text",
                attributed=attributed,
                total=attributed + unattributed,
            )
        )
    return findings


def _link_notes(links: LinkSurvey, supports: list[Support]) -> list[Finding]:
    """Zero-point notes (press releases, social media, unknown sites) and the social-only case."""
    findings = []
    if not links.scored:
        if links.all_external:
            findings.append(
                LINKS_OUTSIDE_TEXT.finding(
                    links.all_external[0].url, "url", n=len(links.all_external)
                )
            )
        return findings
    linked = [s for s in supports if s.origin == "link"]
    for kind in (LinkKind.PRESS_RELEASE, LinkKind.SOCIAL, LinkKind.UNKNOWN):
        items = [s for s in linked if s.kind is kind and s.reputation is not Reputation.BAD]
        if items:
            findings.append(
                LINKS[kind].finding(
                    items[0].label,
                    "url",
                    points=0,
                    message=KIND_NOTE,
                    n=len(items),
                    name_en=KIND_NAMES[kind].en,
                    name_zh=KIND_NAMES[kind].zh,
                    note_en=_NOTE_EN.get(kind, "."),
                    note_zh=_NOTE_ZH.get(kind, "。"),
                )
            )
    return findings


_NOTE_EN = {
    LinkKind.PRESS_RELEASE: ": a company's own announcement, not independent evidence.",
    LinkKind.SOCIAL: ": posts anyone can write, not evidence by themselves.",
}
_NOTE_ZH = {
    LinkKind.PRESS_RELEASE: "：这是企业自己的宣传，不是独立证据。",
    LinkKind.SOCIAL: "：任何人都可以发帖，本身不构成证据。",
}
