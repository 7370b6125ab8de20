"""Step 7: Turn to fact-checkers.

Three sources of evidence, strongest first:

1. ClaimReview markup on the page (:mod:`.claimreview`): the page is a fact-check (a plus),
   or the page is where a claim rated false or misleading appeared (a red flag that caps the
   overall score, see :mod:`.rules`).
2. The offline debunk index: the page's check-worthy claims (:mod:`.claims`) are looked up
   (:mod:`.debunks`) and each candidate is verified as the *same claim* (:mod:`.verify`).
   A verified match lowers the score, or raises it when the page refutes the claim; the
   matched debunk is the first link of the step. Related debunks are for reading only.
3. Optionally, Google Fact Check Tools (:mod:`.google`) when a key is set.

Finding nothing proves nothing: a claim nobody has checked yet is not thereby true. Then
the step stays ``unknown`` (no points either way) and offers the search links.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factcheck.i18n import LocalText, T
from factcheck.report import Finding, Link, Status
from factcheck.steps.base import Check, CheckContext, StepOutcome
from factcheck.steps.factcheckers import google as factcheck_api
from factcheck.steps.factcheckers import rules
from factcheck.steps.factcheckers.claimreview import ClaimReview, Relation, read_claim_reviews
from factcheck.steps.factcheckers.claims import extract_claims, refutes
from factcheck.steps.factcheckers.debunks import Candidate
from factcheck.steps.factcheckers.findings import debunk_findings, debunk_link, review_findings
from factcheck.steps.factcheckers.relation import reads_like_fact_check, with_relation
from factcheck.steps.factcheckers.searchlinks import all_links
from factcheck.steps.factcheckers.verify import Matcher

if TYPE_CHECKING:
    from factcheck.page.model import Page

#: Sites whose pages about a debunked claim refute it (they publish corrections).
REFUTER_KINDS = frozenset(
    {
        "fact_checker",
        "health_authority",
        "international_org",
        "medical_association",
        "hospital",
        "government",
    }
)
#: Related debunks listed for reading, at most.
MAX_RELATED = 3


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
        findings += online_findings + review_findings(reviews)
        matcher: Matcher = ctx.resources.debunks
        claims = page_claims(page)
        found = matcher.match(claims) if claims else []
        stance = page_refutes(page, reviews, ctx)
        verified, related = _split(matcher, found, refutes=stance)
        listed_debunk = matcher.index.by_url(page.address)
        listed = listed_debunk.url if listed_debunk else None
        findings += debunk_findings(
            verified, related[:MAX_RELATED], refutes=stance, page_is_debunk=listed
        )
        search = tuple(_links(page, ctx))
        links = tuple(debunk_link(c) for c in verified[:1]) + search
        data: dict[str, Any] = {
            "claim_reviews": [r.to_dict() for r in reviews],
            "search_links": [link.to_dict() for link in search],
            "claims": list(claims),
            "debunk_matches": [c.to_dict() for c in verified],
            "related_debunks": [c.to_dict() for c in related[:MAX_RELATED]],
            "refutes": stance,
            "debunk_index": {
                "size": len(matcher.index),
                "version": matcher.index.version,
                "same_claim_check": matcher.encode is not None,
            },
            "is_fact_check": any(r.relation is Relation.IS_FACT_CHECK for r in reviews)
            or listed is not None,
            "online_lookup": online_state,
        }
        return _outcome(findings, data, links, len(matcher.index))


def page_refutes(page: Page, reviews: Sequence[ClaimReview], ctx: CheckContext) -> bool:
    """The page refutes what it quotes: a fact-check (markup or layout), a page of a
    fact-checker or health authority, or a page framed as a refutation."""
    if any(r.relation is Relation.IS_FACT_CHECK for r in reviews):
        return True
    source = ctx.sources.lookup(page.host)
    if source is not None and source.kind in REFUTER_KINDS:
        return True
    return reads_like_fact_check(page.title, page.text) or refutes(page.title, page.text)


def _split(
    matcher: Matcher, found: Sequence[Candidate], *, refutes: bool
) -> tuple[list[Candidate], list[Candidate]]:
    """(verified matches that count, related debunks for reading). A page that neither
    refutes nor states the claim (it only asks "X？") is not accused: its match is related."""
    verified = [c for c in found if matcher.verified(c)]
    counted = verified if refutes else [c for c in verified if matcher.asserted(c)]
    rest = [c for c in verified if c not in counted]
    return counted, rest + [c for c in found if not matcher.verified(c) and matcher.related(c)]


def page_claims(page: Page) -> tuple[str, ...]:
    """The headline and the assertions of the description and the text."""
    description = page.meta_first("description", "og:description") or ""
    return extract_claims(page.title, f"{description}\n{page.text}")


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
    return [rules.CLAIM_REVIEW_UNREADABLE.finding("; ".join(page.jsonld.errors), "json-ld")]


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
        failed = rules.ONLINE_LOOKUP_FAILED.finding(
            exc.reason, "google-factcheck-api", reason=exc.reason
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
    red_flag = any(f.code == rules.CLAIM_RATED_FALSE.code for f in scored)
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
            "Fact-checkers have examined this claim: read their article (the first link below) "
            "and compare with the health authorities before you believe or share it.",
            "事实核查机构已核查过这一说法：请先阅读其文章（下方第一个链接），并与卫生部门的信息对照，"
            "再决定是否相信或转发。",
        )
    return T(
        "This page is a fact-check or a refutation. Fact-checkers can err too: look at the "
        "sources it cites.",
        "本网页是一篇事实核查或辟谣文章。核查者也可能出错：请查看它引用的来源。",
    )
