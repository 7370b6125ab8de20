"""Step 7: Turn to fact-checkers.

Three sources of evidence, strongest first:

1. ClaimReview markup on the page (:mod:`factcheck.claimreview`): the page is a fact-check
   (labelled so, a plus), or the page is where a claim rated false or misleading appeared
   (a red flag that caps the overall score, see :data:`factcheck.scoring.CAPS`).
2. The offline debunk index (:mod:`factcheck.debunks`): a debunk whose claim the page
   repeats almost word for word is a warning, with the debunk as evidence.
3. Optionally, Google Fact Check Tools (:mod:`factcheck.factcheck_api`) when a key is set.

Finding nothing proves nothing: a claim nobody has checked yet is not thereby true. Then
the step stays ``unknown`` (no points either way) and offers the search links.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factcheck.i18n import LocalText, T
from factcheck.report import Finding, Link, Status
from factcheck.steps.base import Check, CheckContext, StepOutcome
from factcheck.steps.factcheckers import debunks, rules
from factcheck.steps.factcheckers import google as factcheck_api
from factcheck.steps.factcheckers.claimreview import (
    ClaimReview,
    Rating,
    Relation,
    read_claim_reviews,
    reads_like_fact_check,
    same_url,
    with_relation,
)
from factcheck.steps.factcheckers.rules import CLAIM_RATED_FALSE, CLAIM_RATED_MISLEADING
from factcheck.steps.factcheckers.searchlinks import all_links

if TYPE_CHECKING:
    from factcheck.page.model import Page

#: A debunk is a strong match when this share of its claim terms (IDF-weighted) is on the
#: page and at least this many terms are shared (6 Chinese bigrams is a 7-character claim).
#: Chosen on the even-numbered half of CHECKED's posts; evaluation/debunks.py reports the
#: odd half (fake posts warned vs real posts falsely warned).
STRONG_SIMILARITY = 0.7
STRONG_MIN_TERMS = {"zh": 6, "en": 4}
#: Debunks shown to the reader at all (below this they are noise).
SHOWN_SIMILARITY = 0.4
MAX_MATCHES = 5
#: Headline plus the start of the text: where a page states its claim.
QUERY_TEXT_CHARS = 400

#: Points for what a fact-checker said about the claim this page makes.
RATING_IMPACT: dict[Rating, int] = {
    Rating.FALSE: -40,
    Rating.MISLEADING: -25,
    Rating.MIXED: -10,
    Rating.UNPROVEN: -10,
    Rating.TRUE: 20,
    Rating.UNKNOWN: 0,
}
IS_FACT_CHECK_IMPACT = 20
DEBUNK_MATCH_IMPACT = -15

_RATING_NAMES: dict[Rating, LocalText] = {
    Rating.FALSE: T("false", "不实"),
    Rating.MISLEADING: T("misleading", "误导"),
    Rating.MIXED: T("partly true", "部分属实"),
    Rating.UNPROVEN: T("unproven", "尚无定论"),
    Rating.TRUE: T("true", "属实"),
    Rating.UNKNOWN: T("rated (rating not recognised)", "已评级（评级无法识别）"),
}


class FactcheckersCheck(Check):
    id = "factcheckers"
    number = 7
    rules = rules.RULES
    title = T("Turn to fact-checkers", "求助事实核查机构")
    advice = T(
        "See whether fact-checkers or health authorities have already examined this claim.",
        "查看事实核查机构或卫生部门是否已核查过这一说法。",
    )

    def run(self, page: Page, ctx: CheckContext) -> StepOutcome:
        reviews = _relate(page, read_claim_reviews(page.jsonld))
        findings = _unreadable_markup(page, reviews)
        online_state, online_reviews, online_findings = _online_lookup(page, ctx)
        reviews += online_reviews
        findings += online_findings + _review_findings(reviews)
        index = ctx.resources.debunks
        found = index.search(debunk_query(page), limit=MAX_MATCHES)
        matches = [m for m in found if m.similarity >= SHOWN_SIMILARITY]
        is_fact_check = any(r.relation is Relation.IS_FACT_CHECK for r in reviews)
        source = ctx.sources.lookup(page.host)
        on_fact_checker_site = source is not None and source.kind == "fact_checker"
        findings += _debunk_findings(page, matches, is_fact_check or on_fact_checker_site)
        links = tuple(_links(page, ctx))
        data: dict[str, Any] = {
            "claim_reviews": [r.to_dict() for r in reviews],
            "search_links": [link.to_dict() for link in links],
            "debunk_matches": [m.to_dict() for m in matches],
            "debunk_index": {"size": len(index), "version": index.version},
            "is_fact_check": is_fact_check
            or any(f.code == "factcheckers.page_is_debunk" for f in findings),
            "online_lookup": online_state,
        }
        return _outcome(findings, data, links, len(index))


def debunk_query(page: Page) -> str:
    """What the page claims, as far as a lexical matcher can tell: headline, description
    and the start of the text."""
    description = page.meta_first("description", "og:description")
    return "\n".join(p for p in (page.title, description, page.text[:QUERY_TEXT_CHARS]) if p)


def is_strong_match(match: debunks.DebunkMatch) -> bool:
    """A debunk whose claim the page repeats nearly in full (see the module constants)."""
    needed = STRONG_MIN_TERMS.get(match.language, STRONG_MIN_TERMS["zh"])
    return match.similarity >= STRONG_SIMILARITY and len(match.matched_terms) >= needed


def _links(page: Page, ctx: CheckContext) -> list[Link]:
    headline = page.title
    text = f"{headline}\n{page.text[:20000]}"
    named = [
        (inst.domain, inst.name.en, inst.name.zh) for inst, _ in ctx.sources.find_institutions(text)
    ]
    query = headline or page.text[:60]
    return all_links(query, page.language, named[:4], skip_domain=page.domain)


def _unreadable_markup(page: Page, reviews: Sequence[ClaimReview]) -> list[Finding]:
    """Broken JSON-LD that seems to hold a ClaimReview: say so, it may hide a verdict."""
    if reviews or not page.jsonld.errors or "claimreview" not in page.html.lower():
        return []
    return [
        Finding(
            code="factcheckers.claim_review_unreadable",
            impact=0,
            message=T(
                "The page seems to carry fact-check markup (ClaimReview) that cannot be read: "
                "the JSON-LD is malformed. Check the page by eye.",
                "网页似乎带有事实核查标记（ClaimReview），但其 JSON-LD 格式有误，"
                "无法读取。请人工查看网页。",
            ),
            evidence="; ".join(page.jsonld.errors),
            origin="json-ld",
        )
    ]


def _review_findings(reviews: Sequence[ClaimReview]) -> list[Finding]:
    findings = []
    for review in reviews:
        if review.relation is Relation.IS_FACT_CHECK:
            findings.append(_fact_check_finding(review))
        elif review.relation is Relation.CLAIM_ON_PAGE:
            findings.append(_rated_claim_finding(review))
    related = [r for r in reviews if r.relation is Relation.RELATED]
    if related:
        findings.append(
            Finding(
                code="factcheckers.related_reviews",
                impact=0,
                message=T(
                    f"{len(related)} fact-check(s) of related claims were found; read them to see "
                    "whether they concern what this page says.",
                    f"找到 {len(related)} 条相关说法的事实核查，请阅读并判断是否与本网页内容有关。",
                ),
                evidence=" | ".join(
                    f"{r.claim[:80]} -> {r.rating_text} ({r.url})" for r in related[:3]
                ),
                origin=related[0].origin,
            )
        )
    return findings


def _fact_check_finding(review: ClaimReview) -> Finding:
    reviewer = review.reviewer or "?"
    return Finding(
        code="factcheckers.page_is_fact_check",
        impact=IS_FACT_CHECK_IMPACT,
        message=T(
            f"This page is itself a fact-check by {reviewer} (ClaimReview markup), "
            f"rating the claim {_RATING_NAMES[review.rating].en}. It is not the claim.",
            f"本网页本身就是{reviewer}发布的事实核查（ClaimReview 标记），"
            f"将该说法评为“{_RATING_NAMES[review.rating].zh}”，并非谣言本身。",
        ),
        evidence=f"{review.claim[:200]} -> {review.rating_text}",
        origin=review.origin,
    )


def _rated_claim_finding(review: ClaimReview) -> Finding:
    name = _RATING_NAMES[review.rating]
    code = {
        Rating.FALSE: CLAIM_RATED_FALSE.code,
        Rating.MISLEADING: CLAIM_RATED_MISLEADING.code,
    }.get(review.rating, f"factcheckers.claim_rated_{review.rating.value}")
    reviewer = review.reviewer or T("a fact-checker", "事实核查机构").en
    return Finding(
        code=code,
        impact=RATING_IMPACT[review.rating],
        message=T(
            f"{reviewer} rated the claim this page makes as {name.en} "
            f'("{review.rating_text}"{", " + review.date if review.date else ""}). '
            "Read the fact-check.",
            f"{reviewer}已将本网页的说法评为“{name.zh}”（原文评级：{review.rating_text}"
            f"{'，' + review.date if review.date else ''}）。请阅读该核查文章。",
        ),
        evidence=f"{review.claim[:200]} -> {review.rating_text} ({review.url})",
        origin=review.origin,
    )


def _debunk_findings(
    page: Page, matches: Sequence[debunks.DebunkMatch], debunking_page: bool
) -> list[Finding]:
    """A strong match warns, unless the page itself debunks (then matches corroborate it)."""
    if not matches:
        return []
    if any(same_url(m.url, page.address or "") for m in matches):
        return [
            Finding(
                code="factcheckers.page_is_debunk",
                impact=IS_FACT_CHECK_IMPACT,
                message=T(
                    "This page is a debunk article listed in factcheck's debunk index.",
                    "本网页是辟谣索引收录的辟谣文章。",
                ),
                evidence=page.address or "",
                origin="debunk-index",
            )
        ]
    strong = [m for m in matches if is_strong_match(m)]
    if strong and not debunking_page and not reads_like_fact_check(page.title, page.text):
        best = strong[0]
        return [
            Finding(
                code="factcheckers.debunk_match",
                impact=DEBUNK_MATCH_IMPACT,
                message=T(
                    "A fact-checker has debunked a claim that this page repeats almost word for "
                    f'word: "{best.title}" ({best.outlet}, {best.date or "undated"}). '
                    "Read it before sharing.",
                    f"已有辟谣文章针对与本网页几乎相同的说法：“{best.title}”（{best.outlet}，"
                    f"{best.date or '日期不详'}）。转发前请先阅读。",
                ),
                evidence=f"{best.url} (similarity {best.similarity:.2f}; shared terms: "
                f"{' '.join(best.matched_terms[:12])})",
                origin="debunk-index",
            )
        ]
    return [
        Finding(
            code="factcheckers.similar_debunks",
            impact=0,
            message=T(
                f"{len(matches)} debunk article(s) on similar topics were found (listed below); "
                "read them to see whether they concern this page's claim.",
                f"找到 {len(matches)} 篇话题相近的辟谣文章（见下方列表），"
                "请阅读并判断是否针对本网页的说法。",
            ),
            evidence=" | ".join(f"{m.title} ({m.url})" for m in matches[:3]),
            origin="debunk-index",
        )
    ]


def _relate(page: Page, reviews: Sequence[ClaimReview]) -> list[ClaimReview]:
    """``reviews`` with their relation to this page (fact-check, claim, related)."""
    return with_relation(
        reviews,
        page_url=page.address,
        page_domain=page.domain,
        headline=page.title,
        site_name=page.meta_first("og:site_name") or page.extraction.sitename,
        text=page.text,
    )


def _online_lookup(page: Page, ctx: CheckContext) -> tuple[str, list[ClaimReview], list[Finding]]:
    """("off" | "ok" | "failed", reviews found online, findings about the lookup itself)."""
    config = ctx.resources.online
    if config is None or not page.title:
        return "off", [], []
    try:
        found = factcheck_api.search_claims(page.title, config, language=page.language)
    except factcheck_api.OnlineLookupError as exc:
        failed = Finding(
            code="factcheckers.online_lookup_failed",
            impact=0,
            message=T(
                f"The online fact-check lookup (Google Fact Check Tools) failed: {exc.reason}. "
                "The offline checks still ran; use the search links.",
                f"在线事实核查查询（Google Fact Check Tools）失败：{exc.reason}。"
                "离线检查已完成，请使用下方搜索链接。",
            ),
            evidence=exc.reason,
            origin="google-factcheck-api",
        )
        return "failed", [], [failed]
    return "ok", _relate(page, found), []


def _outcome(
    findings: list[Finding], data: dict[str, Any], links: tuple[Link, ...], size: int
) -> StepOutcome:
    scored = [f for f in findings if f.impact]
    online = data["online_lookup"] == "ok"
    if not scored:
        return StepOutcome(
            findings=tuple(findings),
            data=data,
            links=links,
            status=Status.UNKNOWN,
            reason=T(
                "No fact-check of this page's claim was found (page markup, "
                f"{size:,} indexed debunks{', online lookup' if online else ''}). "
                "That is not evidence that the claim is true: many claims are never checked.",
                f"未找到针对本网页说法的事实核查（已查网页标记和 {size:,} 篇辟谣文章"
                f"{'及在线数据库' if online else ''}）。"
                "这并不说明该说法属实：很多说法从未被核查过。",
            ),
            advice=None,
        )
    red_flag = any(f.code == CLAIM_RATED_FALSE.code for f in scored)
    return StepOutcome(
        findings=tuple(findings),
        data=data,
        links=links,
        status=Status.FAIL if red_flag else None,
        advice=_advice(scored),
    )


def _advice(scored: Sequence[Finding]) -> LocalText:
    if any(f.impact < 0 for f in scored):
        return T(
            "Fact-checkers have examined this claim: read their article (linked in the evidence) "
            "and compare with the health authorities below before you believe or share it.",
            "事实核查机构已核查过这一说法：请先阅读其文章（见证据中的链接），并与下方卫生部门的信息对照，再决定是否相信或转发。",
        )
    return T(
        "This page is a fact-check. Fact-checkers can err too: look at the sources it cites.",
        "本网页是一篇事实核查文章。核查者也可能出错：请查看它引用的来源。",
    )
