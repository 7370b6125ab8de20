"""Step 5's findings: code, points and message, declared once (see :mod:`factcheck.rules`).

What a piece of evidence is worth depends on its kind and its rank among items of that kind
(diminishing returns, :mod:`factcheck.steps.evidence.worth`), so the per-kind rules are
``variable`` between the worst and the best a single item can earn.
"""

from __future__ import annotations

from factcheck.i18n import LocalText, T
from factcheck.rules import Rule
from factcheck.steps.evidence.linkkinds import LinkKind

#: Points of the best item of each kind; the 2nd and 3rd get a share (see ``LADDER``).
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
_BEST = max(LINK_POINTS.values())

VAGUE_APPEAL = Rule(
    "evidence.vague_appeal",
    -2,
    T(
        'Appeals to unnamed authorities ("studies show", "experts say", '
        '"据说") without saying which study or which expert.',
        "诉诸匿名权威（如“研究表明”“专家称”“据说”），却没有说明是哪项研究、哪位专家。",
    ),
)
ONLY_SOCIAL = Rule(
    "evidence.only_social",
    -6,  # instead of NO_SOURCES: posts are weak sources, not none
    T(
        "Its only sources are social media posts: anyone can write those. Look for a "
        "study or official guidance behind the claim.",
        "其唯一的来源是社交媒体帖子，任何人都可以发帖。请查找说法背后的研究或官方指南。",
    ),
)
NO_SOURCES = Rule(
    "evidence.no_sources",
    -10,  # lands the step at "warn": the reader should look for sources
    T(
        "The page gives no sources for what it says: no study, no official guidance, "
        "no named expert. Look for the evidence elsewhere before you trust it.",
        "该网页没有给出任何依据：没有研究、没有官方指南、也没有具名专家。相信之前，请自行查找证据。",
    ),
)
_MORE = T(
    "{n} more of the same kind (no extra points: quality, not quantity).",
    "另有 {n} 个同类来源（不再加分：看质量而非数量）。",
)
LINK_TO_FAKE = Rule(
    "evidence.link_to_fake",
    BAD_LINK_POINTS,
    T(
        "{lead_en} {site}, a site listed as publishing fake news.",
        "{lead_zh} {site}，该网站被列为发布虚假信息的网站。",
    ),
    variable=(BAD_LINK_POINTS, -1),  # less for the 2nd and 3rd link of the kind
)
LINK_TO_UNRELIABLE = Rule(
    "evidence.link_to_unreliable",
    LOW_LINK_POINTS,
    T(
        "{lead_en} {site}, a site rated unreliable.",
        "{lead_zh} {site}，该网站的可靠性评级较低。",
    ),
    variable=(BAD_LINK_POINTS, -1),  # ranked with links to fake-news sites
)
LINK_TO_SHOP = Rule(
    "evidence.link_to_shop",
    LINK_POINTS[LinkKind.COMMERCIAL],
    T(
        "{lead_en} a shop or product page: the page may be selling something.",
        "{lead_zh}商店或商品页面：该网页可能在推销商品。",
    ),
    variable=(LINK_POINTS[LinkKind.COMMERCIAL], round(LINK_POINTS[LinkKind.COMMERCIAL] * 0.15)),
)
_LINKS = T("Links to {name_en}.", "链接到{name_zh}。")
_CITES = T("Cites {name_en} in the text: {label}.", "正文引用了{name_zh}：{label}。")
NAMES_INSTITUTION = T("Names {label} as the origin of a claim.", "注明说法来自{label}。")
KIND_NOTE = T("{n} link(s) to {name_en}{note_en}", "{n} 个链接指向{name_zh}{note_zh}")


def _per_kind(prefix: str, message: LocalText) -> dict[LinkKind, Rule]:
    """One rule per kind: its best item's points, less for later items (``LADDER``)."""
    return {
        kind: Rule(
            f"{prefix}{kind.value}",
            LINK_POINTS.get(kind, 0),
            message,
            variable=(BAD_LINK_POINTS, _BEST),  # journals and institutions named in text too
        )
        for kind in LinkKind
    }


#: A linked source of each kind (press releases, social media, unknown sites: 0-point notes).
LINKS = _per_kind("evidence.links_", _LINKS)
#: A source written in the text (a DOI, a journal or institution named as the origin).
CITES = _per_kind("evidence.cites_", _CITES)
#: Items beyond the third of a kind, or of bad sources: no extra points.
MORE = {
    group: Rule(f"evidence.more_{group}", 0, _MORE)
    for group in [*(kind.value for kind in LinkKind), "bad"]
}

REFERENCE_LIST = Rule(
    "evidence.reference_list",
    6,
    T(
        "Has a reference list ({heading}, {items} entries).",
        "附有参考文献列表（{heading}，{items} 条）。",
    ),
    variable=(3, 6),  # half for a list of one entry
)
REFERENCE_MARKERS = Rule(
    "evidence.reference_markers",
    2,
    T("Uses numbered reference markers ({n}).", "使用了编号引用标记（{n} 个）。"),
)
NAMED_EXPERT_QUOTE = Rule(
    "evidence.named_expert_quote",
    4,
    T("Quotes a named person or expert.", "引用了具名人士或专家的话。"),
    variable=(2, 4),  # the second quote earns less
)
REPORTS_NAMED_EXPERT = T("Reports what a named expert said.", "转述了具名专家的观点。")
UNNAMED_QUOTE = Rule(
    "evidence.unnamed_quote",
    0,
    T(
        "Quotes someone without saying who they are: you cannot check them.",
        "引用了某人的话，却没有说明是谁，无法核实。",
    ),
)
UNATTRIBUTED_NUMBERS = Rule(
    "evidence.unattributed_numbers",
    -5,  # 3 or more figures without a source, and most of them
    T(
        "{missing} of {total} figures do not say where they come from.",
        "{total} 个数字中有 {missing} 个没有说明来源。",
    ),
    variable=(-8, -5),  # -8 when 6 or more, and twice the attributed ones
)
ATTRIBUTED_NUMBERS = Rule(
    "evidence.attributed_numbers",
    3,
    T(
        "{attributed} of {total} figures say where they come from.",
        "{total} 个数字中有 {attributed} 个注明了来源。",
    ),
)
LINKS_OUTSIDE_TEXT = Rule(
    "evidence.links_outside_text",
    0,
    T(
        "No links inside the article text; the page links elsewhere {n} times (menus, "
        "footers), which says little about its evidence.",
        "正文内没有链接；页面其他位置（菜单、页脚）有 {n} 个外链，说明不了其依据。",
    ),
)

RULES: tuple[Rule, ...] = (
    VAGUE_APPEAL,
    ONLY_SOCIAL,
    NO_SOURCES,
    LINK_TO_FAKE,
    LINK_TO_UNRELIABLE,
    LINK_TO_SHOP,
    *LINKS.values(),
    *CITES.values(),
    *MORE.values(),
    REFERENCE_LIST,
    REFERENCE_MARKERS,
    NAMED_EXPERT_QUOTE,
    UNNAMED_QUOTE,
    UNATTRIBUTED_NUMBERS,
    ATTRIBUTED_NUMBERS,
    LINKS_OUTSIDE_TEXT,
)
