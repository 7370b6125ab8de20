"""What a ClaimReview means for the page being checked: the page *is* the fact-check, or the
page is where the reviewed claim appeared (then a "false" rating is a red flag for the page),
or neither."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import urlsplit

from factcheck.knowledge.domains import host_of, registered_domain
from factcheck.steps.factcheckers.claimreview import ClaimReview, Relation
from factcheck.steps.factcheckers.debunks import tokens

#: Headline-to-claim similarity (Dice over claim terms) above which the page is taken to
#: make the reviewed claim.
CLAIM_MATCH_AT = 0.6

_FACT_CHECK_WORDS = re.compile(
    r"fact[- ]?check|\bfalse\b|\bmisleading\b|\bdebunk|\bmyth\b|辟谣|谣言|真相|不实|核查|查证|较真",
    re.IGNORECASE,
)
_NOT_A_DEBUNK = re.compile(
    r"不是谣言|并非谣言|不是假的|not a myth|not fake|not false", re.IGNORECASE
)
#: How a fact-check lays out its body ("CLAIM: ... VERDICT: False", "核查结论：").
_VERDICT_MARKERS = re.compile(
    r"\b(?:verdict|our rating|rating|claim)\s*[:：]|fact[- ]?check|辟谣|核查结论|查证结果|"
    r"(?:真相|结论|谣言|流言)\s*[:：]",
    re.IGNORECASE,
)
_EN_NEGATIONS = frozenset(
    (
        "not", "no", "never", "cannot", "can't", "doesn't", "don't", "isn't", "aren't",
        "won't", "wasn't", "didn't", "nor", "false", "fake", "myth", "hoax", "untrue",
        "debunked",
    )
)  # fmt: skip
_ZH_NEGATIONS = (
    "不能",
    "不会",
    "不是",
    "不可",
    "不要",
    "不宜",
    "不用",
    "并不",
    "并非",
    "没有",
    "没用",
    "无法",
    "无效",
    "别再",
    "未能",
    "假的",
    "不实",
    "谣言",
)


def reads_like_fact_check(headline: str, text: str = "") -> bool:
    """A headline that announces a check ("Fact check:", "辟谣") or a body laid out as one."""
    if _NOT_A_DEBUNK.search(headline):
        return False
    return bool(_FACT_CHECK_WORDS.search(headline) or _VERDICT_MARKERS.search(text[:3000]))


def negates(claim: str, headline: str) -> bool:
    """Does the headline add a negation the claim lacks ("X does *not* cure Y", "X不能Y")?"""
    words = set(re.findall(r"[a-z']+", unicodedata.normalize("NFKC", headline).lower()))
    claim_words = set(re.findall(r"[a-z']+", unicodedata.normalize("NFKC", claim).lower()))
    if (words - claim_words) & _EN_NEGATIONS:
        return True
    return any(word in headline and word not in claim for word in _ZH_NEGATIONS)


def claim_similarity(claim: str, headline: str) -> float:
    """Dice coefficient of the two texts' terms (character bigrams for Chinese)."""
    a, b = set(tokens(claim)), set(tokens(headline))
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def same_url(a: str, b: str) -> bool:
    """Same page, ignoring scheme, ``www.``, trailing slash, query order and fragment."""
    if not a or not b:
        return False
    pa, pb = urlsplit(a.strip()), urlsplit(b.strip())
    path_a, path_b = pa.path.rstrip("/") or "/", pb.path.rstrip("/") or "/"
    return (
        host_of(a) == host_of(b)
        and path_a == path_b
        and sorted(pa.query.split("&")) == sorted(pb.query.split("&"))
    )


def relation_to_page(
    review: ClaimReview,
    *,
    page_url: str | None,
    page_domain: str,
    headline: str,
    site_name: str = "",
    text: str = "",
) -> Relation:
    """Is the page the fact-check, the claim's appearance, or unrelated to this review?

    Order: an appearance URL equal to the page wins (the page is where the claim was made);
    then the review's own URL or reviewer domain equal to the page's (the page is the
    fact-check); then a headline that restates the claim closely: a fact-check when the
    headline negates the claim or the page reads like a check ("Fact check:", "辟谣",
    "VERDICT:") or the review sits in the page's markup without saying who wrote it;
    otherwise the claim's appearance.
    """
    page_url = page_url or ""
    if any(same_url(url, page_url) for url in review.appearances):
        return Relation.CLAIM_ON_PAGE
    if same_url(review.url, page_url):
        return Relation.IS_FACT_CHECK
    reviewer_domain = _domain(review.reviewer_url) or _domain(review.url)
    if page_domain and reviewer_domain == page_domain:
        return Relation.IS_FACT_CHECK
    if site_name and review.reviewer and site_name.strip().lower() == review.reviewer.lower():
        return Relation.IS_FACT_CHECK
    if claim_similarity(review.claim, headline) >= CLAIM_MATCH_AT:
        if negates(review.claim, headline) or reads_like_fact_check(headline, text):
            return Relation.IS_FACT_CHECK
        if review.origin == "json-ld" and not reviewer_domain:
            return Relation.IS_FACT_CHECK  # an unattributed review in the page's own markup
        return Relation.CLAIM_ON_PAGE
    return Relation.RELATED


def with_relation(
    reviews: Iterable[ClaimReview],
    *,
    page_url: str | None,
    page_domain: str,
    headline: str,
    site_name: str = "",
    text: str = "",
) -> list[ClaimReview]:
    """``reviews`` with :attr:`ClaimReview.relation` filled in for this page."""
    return [
        replace(
            r,
            relation=relation_to_page(
                r,
                page_url=page_url,
                page_domain=page_domain,
                headline=headline,
                site_name=site_name,
                text=text,
            ),
        )
        for r in reviews
    ]


def _domain(url: str) -> str:
    host = host_of(url)
    return registered_domain(host) if host else ""
