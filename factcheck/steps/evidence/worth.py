"""What each piece of evidence is worth on step 5, and how each finding is explained.

All the points of the evidence step live here, with the bilingual messages that justify
them, so the weighing can be read (and argued with) in one place. The check itself
(:mod:`factcheck.checks.evidence`) gathers the sources; this module turns them into findings.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.i18n import LocalText, T
from factcheck.knowledge.domains import host_of
from factcheck.report import Finding
from factcheck.steps.evidence.citations import TextEvidence
from factcheck.steps.evidence.linkkinds import LinkKind, Reputation
from factcheck.steps.evidence.links import LinkSurvey

#: Points of the best item of each kind; the 2nd and 3rd get a share (:data:`LADDER`).
LINK_POINTS: dict[LinkKind, int] = {
    LinkKind.SCHOLARLY: 14,
    LinkKind.OFFICIAL: 12,
    LinkKind.ACADEMIC: 5,
    LinkKind.FACT_CHECKER: 5,
    LinkKind.NEWS: 3,
    LinkKind.REFERENCE: 1,
    LinkKind.COMMERCIAL: -6,
}
JOURNAL_NAMED_POINTS = 8  # "a study in The Lancet" without a link or id
INSTITUTION_NAMED_POINTS = 6  # "according to the WHO", "据国家卫健委通报"
BAD_LINK_POINTS = -10  # a link to a domain sources.yaml lists as fake news
LOW_LINK_POINTS = -5  # a link to a domain sources.yaml rates unreliable
LADDER = (1.0, 0.4, 0.15)  # diminishing returns: the 4th item of a kind adds nothing
REFERENCE_LIST_POINTS = 6
MARKERS_POINTS = 2
NAMED_QUOTE_POINTS = 4
ATTRIBUTED_NUMBERS_POINTS = 3
UNATTRIBUTED_NUMBERS_POINTS = -5  # 3 or more figures without a source, and most of them
UNATTRIBUTED_FROM = 3
MANY_UNATTRIBUTED_FROM = 6
MANY_UNATTRIBUTED_POINTS = -8
SOCIAL_ONLY_POINTS = -6  # instead of NO_EVIDENCE_POINTS: posts are weak sources, not none
VAGUE_APPEAL_POINTS = -2
NO_EVIDENCE_POINTS = -10  # lands the step at "warn": the reader should look for sources
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
        findings.append(
            Finding(
                "evidence.vague_appeal",
                VAGUE_APPEAL_POINTS,
                T(
                    'Appeals to unnamed authorities ("studies show", "experts say", '
                    '"据说") without saying which study or which expert.',
                    "诉诸匿名权威（如“研究表明”“专家称”“据说”），却没有说明是哪项研究、哪位专家。",
                ),
                found.vague_appeals[0][:300],
                "text",
            )
        )
    if not any(s.points > 0 for s in supports) and not any(f.impact > 0 for f in text_findings):
        findings.append(_no_sources(supports, text))
    return findings


def _no_sources(supports: list[Support], text: str) -> Finding:
    """Nothing positive at all: say so, more gently when social media posts are cited."""
    social = next((s for s in supports if s.origin == "link" and s.kind is LinkKind.SOCIAL), None)
    if social is not None:
        return Finding(
            "evidence.only_social",
            SOCIAL_ONLY_POINTS,
            T(
                "Its only sources are social media posts: anyone can write those. Look for a "
                "study or official guidance behind the claim.",
                "其唯一的来源是社交媒体帖子，任何人都可以发帖。请查找说法背后的研究或官方指南。",
            ),
            social.label,
            "url",
        )
    return Finding(
        "evidence.no_sources",
        NO_EVIDENCE_POINTS,
        T(
            "The page gives no sources for what it says: no study, no official guidance, "
            "no named expert. Look for the evidence elsewhere before you trust it.",
            "该网页没有给出任何依据：没有研究、没有官方指南、也没有具名专家。相信之前，请自行查找证据。",
        ),
        " ".join(text.split())[:160],
        "text",
    )


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
            findings.append(
                Finding(
                    f"evidence.more_{group}",
                    0,
                    T(
                        f"{len(items) - len(LADDER)} more of the same kind "
                        "(no extra points: quality, not quantity).",
                        f"另有 {len(items) - len(LADDER)} 个同类来源（不再加分：看质量而非数量）。",
                    ),
                    evidence=items[len(LADDER)].label,
                    origin=items[len(LADDER)].origin,
                )
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
        site = host_of(support.label)
        if support.reputation is Reputation.BAD:
            message = T(
                f"{lead.en} {site}, a site listed as publishing fake news.",
                f"{lead.zh} {site}，该网站被列为发布虚假信息的网站。",
            )
            return Finding("evidence.link_to_fake", impact, message, support.label, origin)
        message = T(
            f"{lead.en} {site}, a site rated unreliable.",
            f"{lead.zh} {site}，该网站的可靠性评级较低。",
        )
        return Finding("evidence.link_to_unreliable", impact, message, support.label, origin)
    if support.kind is LinkKind.COMMERCIAL:
        return Finding(
            "evidence.link_to_shop",
            impact,
            T(
                f"{lead.en} a shop or product page: the page may be selling something.",
                f"{lead.zh}商店或商品页面：该网页可能在推销商品。",
            ),
            support.label,
            origin,
        )
    name = KIND_NAMES[support.kind]
    if support.origin == "link":
        message = T(f"Links to {name.en}.", f"链接到{name.zh}。")
    elif support.key.startswith("institution:"):
        message = T(
            f"Names {support.label} as the origin of a claim.", f"注明说法来自{support.label}。"
        )
    else:
        message = T(
            f"Cites {name.en} in the text: {support.label}.",
            f"正文引用了{name.zh}：{support.label}。",
        )
    code = (
        "evidence.cites_" + support.kind.value
        if support.origin == "text"
        else "evidence.links_" + support.kind.value
    )
    evidence = support.label if support.origin == "link" else (support.note or support.label)
    return Finding(code, impact, message, evidence[:300], origin)


def around(text: str, phrase: str, width: int = 70) -> str:
    """The words around ``phrase`` in ``text``: the sentence a reader can find on the page."""
    at = max(0, text.find(phrase))
    return text[max(0, at - width) : at + len(phrase) + width].strip()


def _text_findings(found: TextEvidence) -> list[Finding]:
    findings = []
    section = found.reference_section
    if section is not None:
        points = REFERENCE_LIST_POINTS if section.items >= 2 else REFERENCE_LIST_POINTS // 2
        findings.append(
            Finding(
                "evidence.reference_list",
                points,
                T(
                    f"Has a reference list ({section.heading}, {section.items} entries).",
                    f"附有参考文献列表（{section.heading}，{section.items} 条）。",
                ),
                section.first_items[0] if section.first_items else section.heading,
                "html" if section.origin == "html" else "text",
            )
        )
    elif found.markers >= 2:
        findings.append(
            Finding(
                "evidence.reference_markers",
                MARKERS_POINTS,
                T(
                    f"Uses numbered reference markers ({found.markers}).",
                    f"使用了编号引用标记（{found.markers} 个）。",
                ),
                f"[1] ... [{found.markers}]",
                "text",
            )
        )
    findings += _quote_findings(found)
    findings += _number_findings(found)
    return findings


def _quote_findings(found: TextEvidence) -> list[Finding]:
    named = [q for q in found.quotes if q.named]
    findings = [
        Finding(
            "evidence.named_expert_quote",
            round(NAMED_QUOTE_POINTS * LADDER[rank]),
            T("Quotes a named person or expert.", "引用了具名人士或专家的话。")
            if q.direct
            else T("Reports what a named expert said.", "转述了具名专家的观点。"),
            q.context[:300],
            "text",
        )
        for rank, q in enumerate(named[:2])
    ]
    unnamed = [q for q in found.quotes if not q.named]
    if unnamed and not named:
        findings.append(
            Finding(
                "evidence.unnamed_quote",
                0,
                T(
                    "Quotes someone without saying who they are: you cannot check them.",
                    "引用了某人的话，却没有说明是谁，无法核实。",
                ),
                unnamed[0].context[:300],
                "text",
            )
        )
    return findings


def _number_findings(found: TextEvidence) -> list[Finding]:
    attributed, unattributed = found.attributed_numbers, found.unattributed_numbers
    findings = []
    missing = [s for s in found.statistics if not s.attributed]
    if unattributed >= UNATTRIBUTED_FROM and unattributed >= attributed:
        many = unattributed >= MANY_UNATTRIBUTED_FROM and unattributed >= 2 * attributed
        findings.append(
            Finding(
                "evidence.unattributed_numbers",
                MANY_UNATTRIBUTED_POINTS if many else UNATTRIBUTED_NUMBERS_POINTS,
                T(
                    f"{unattributed} of {attributed + unattributed} figures do not say "
                    "where they come from.",
                    f"{attributed + unattributed} 个数字中有 {unattributed} 个没有说明来源。",
                ),
                missing[0].sentence[:300],
                "text",
            )
        )
    elif attributed >= 2:
        findings.append(
            Finding(
                "evidence.attributed_numbers",
                ATTRIBUTED_NUMBERS_POINTS,
                T(
                    f"{attributed} of {attributed + unattributed} figures say "
                    "where they come from.",
                    f"{attributed + unattributed} 个数字中有 {attributed} 个注明了来源。",
                ),
                next(s.sentence for s in found.statistics if s.attributed)[:300],
                "text",
            )
        )
    return findings


def _link_notes(links: LinkSurvey, supports: list[Support]) -> list[Finding]:
    """Zero-point notes (press releases, social media, unknown sites) and the social-only case."""
    findings = []
    if not links.scored:
        if links.all_external:
            findings.append(
                Finding(
                    "evidence.links_outside_text",
                    0,
                    T(
                        "No links inside the article text; the page links elsewhere "
                        f"{len(links.all_external)} times (menus, footers), which says little "
                        "about its evidence.",
                        "正文内没有链接；页面其他位置（菜单、页脚）有 "
                        f"{len(links.all_external)} 个外链，说明不了其依据。",
                    ),
                    links.all_external[0].url,
                    "url",
                )
            )
        return findings
    linked = [s for s in supports if s.origin == "link"]
    for kind in (LinkKind.PRESS_RELEASE, LinkKind.SOCIAL, LinkKind.UNKNOWN):
        items = [s for s in linked if s.kind is kind and s.reputation is not Reputation.BAD]
        if items:
            findings.append(
                Finding(
                    f"evidence.links_{kind.value}",
                    0,
                    T(
                        f"{len(items)} link(s) to {KIND_NAMES[kind].en}" + _NOTE_EN.get(kind, "."),
                        f"{len(items)} 个链接指向{KIND_NAMES[kind].zh}" + _NOTE_ZH.get(kind, "。"),
                    ),
                    items[0].label,
                    "url",
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
