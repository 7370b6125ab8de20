"""Step 7's findings from ClaimReview markup and from the debunk index.

A *verified* debunk match that the page states (the page makes the claim a debunk refutes,
not only asks it) lowers the score, unless the page refutes the claim itself: a fact-check,
a page on a fact-checker's or a health authority's site, or a page framed as a refutation
(:func:`.claims.refutes`). Then it is a refutation, and it gains. Debunks that are only
related are listed for reading, with zero points.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.i18n import LocalText, T
from factcheck.report import Finding, Link
from factcheck.rules import Rule
from factcheck.steps.factcheckers import rules
from factcheck.steps.factcheckers.claimreview import ClaimReview, Rating, Relation
from factcheck.steps.factcheckers.debunks import Candidate

ORIGIN = "debunk-index"

RATING_NAMES: dict[Rating, LocalText] = {
    Rating.FALSE: T("false", "不实"),
    Rating.MISLEADING: T("misleading", "误导"),
    Rating.MIXED: T("partly true", "部分属实"),
    Rating.UNPROVEN: T("unproven", "尚无定论"),
    Rating.TRUE: T("true", "属实"),
    Rating.UNKNOWN: T("rated (rating not recognised)", "已评级（评级无法识别）"),
}
RATED_RULES: dict[Rating, Rule] = {
    Rating.FALSE: rules.CLAIM_RATED_FALSE,
    Rating.MISLEADING: rules.CLAIM_RATED_MISLEADING,
    Rating.MIXED: rules.CLAIM_RATED_MIXED,
    Rating.UNPROVEN: rules.CLAIM_RATED_UNPROVEN,
    Rating.TRUE: rules.CLAIM_RATED_TRUE,
    Rating.UNKNOWN: rules.CLAIM_RATED_UNKNOWN,
}


def review_findings(reviews: Sequence[ClaimReview]) -> list[Finding]:
    """The page is a fact-check, or the page's claim was rated, or related reviews exist."""
    findings = []
    for review in reviews:
        name = RATING_NAMES[review.rating]
        if review.relation is Relation.IS_FACT_CHECK:
            findings.append(
                rules.PAGE_IS_FACT_CHECK.finding(
                    f"{review.claim[:200]} -> {review.rating_text}",
                    review.origin,
                    reviewer=review.reviewer or "?",
                    rating_en=name.en,
                    rating_zh=name.zh,
                )
            )
        elif review.relation is Relation.CLAIM_ON_PAGE:
            findings.append(
                RATED_RULES[review.rating].finding(
                    f"{review.claim[:200]} -> {review.rating_text} ({review.url})",
                    review.origin,
                    reviewer=review.reviewer or "?",
                    rating_en=name.en,
                    rating_zh=name.zh,
                    rating_text=review.rating_text,
                    date=f", {review.date}" if review.date else "",
                    date_zh=f"，{review.date}" if review.date else "",
                )
            )
    related = [r for r in reviews if r.relation is Relation.RELATED]
    if related:
        evidence = " | ".join(f"{r.claim[:80]} -> {r.rating_text} ({r.url})" for r in related[:3])
        findings.append(
            rules.RELATED_REVIEWS.finding(evidence, related[0].origin, count=len(related))
        )
    return findings


def debunk_findings(
    verified: Sequence[Candidate],
    related: Sequence[Candidate],
    *,
    refutes: bool,
    page_is_debunk: str | None,
) -> list[Finding]:
    """The page is a listed debunk; or it makes (or refutes) a debunked claim; or related
    debunks exist."""
    if page_is_debunk:
        return [rules.PAGE_IS_DEBUNK.finding(page_is_debunk, ORIGIN)]
    findings = []
    if verified:
        best = verified[0]
        rule = rules.REFUTES_DEBUNKED_CLAIM if refutes else rules.DEBUNK_MATCH
        d = best.debunk
        findings.append(
            rule.finding(
                _evidence(best),
                ORIGIN,
                title=d.title,
                outlet=d.outlet,
                date_en=d.date or "undated",
                date_zh=d.date or "日期不详",
            )
        )
    if related:
        evidence = " | ".join(f"{c.debunk.title} ({c.debunk.url})" for c in related[:3])
        findings.append(rules.RELATED_DEBUNKS.finding(evidence, ORIGIN, count=len(related)))
    return findings


def debunk_link(candidate: Candidate) -> Link:
    """The debunk as a link to read: title, then outlet and date (no words to translate)."""
    d = candidate.debunk
    meta = " · ".join(p for p in (d.outlet, d.date) if p)
    return Link(f"{d.title} — {meta}" if meta else d.title, d.url)


def _evidence(candidate: Candidate) -> str:
    score = "" if candidate.score is None else f"same-claim score {candidate.score:.2f}; "
    return (
        f"{candidate.debunk.url} ({score}page claim: {candidate.claim[:120]}; "
        f"shared terms: {' '.join(candidate.shared[:12])})"
    )
