"""schema.org ClaimReview: what fact-checkers say about a claim, read and normalised.

Fact-checkers mark their articles up with ``ClaimReview`` (the claim, who made it, where
it appeared, and a rating). Ratings are free text in every language ("Pants on Fire",
"Missing context", "谣言", "部分属实") or numbers against ``bestRating``/``worstRating``;
:func:`normalise_rating` maps both to five values: false, misleading, mixed, true, unproven.

:func:`relation_to_page` decides what the review means for the page being checked: the
page *is* the fact-check, or the page is where the reviewed claim appeared (then a
"false" rating is a red flag for the page), or neither.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from factcheck.knowledge.domains import host_of, registered_domain
from factcheck.page.jsonld import JsonLd, node_types
from factcheck.steps.factcheckers.debunks import tokens


class Rating(StrEnum):
    FALSE = "false"
    MISLEADING = "misleading"
    MIXED = "mixed"
    TRUE = "true"
    UNPROVEN = "unproven"
    UNKNOWN = "unknown"  # a rating we cannot read


class Relation(StrEnum):
    """What a ClaimReview means for the page under check."""

    IS_FACT_CHECK = "is_fact_check"  # the page is the fact-check itself
    CLAIM_ON_PAGE = "claim_on_page"  # the page is (an appearance of) the reviewed claim
    RELATED = "related"  # a review of some claim; not tied to this page


@dataclass(frozen=True, slots=True)
class ClaimReview:
    """One fact-checker's verdict on one claim, normalised."""

    claim: str
    rating: Rating
    rating_text: str  # as published ("Pants on Fire", "谣言", "1/5")
    reviewer: str
    reviewer_url: str
    date: str
    url: str
    appearances: tuple[str, ...] = ()  # URLs where the claim appeared
    claimant: str = ""
    language: str = ""
    origin: str = "json-ld"  # json-ld | google-factcheck-api
    relation: Relation = Relation.RELATED

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "rating": self.rating.value,
            "rating_text": self.rating_text,
            "reviewer": self.reviewer,
            "reviewer_url": self.reviewer_url,
            "date": self.date,
            "url": self.url,
            "appearances": list(self.appearances),
            "claimant": self.claimant,
            "language": self.language,
            "origin": self.origin,
            "relation": self.relation.value,
        }


# -- ratings -------------------------------------------------------------------------------

#: Checked in this order: the first rule whose pattern occurs wins. Order matters because
#: ratings nest: "部分属实" contains "属实", "partly false" contains "false", "not true"
#: contains "true", "inaccurate" contains "accurate". Mixed, then misleading, then negated
#: forms therefore come before plain ones; "true" comes last.
_RATING_RULES: tuple[tuple[Rating, re.Pattern[str]], ...] = (
    (
        Rating.MIXED,
        re.compile(
            r"\bmix(?:ed|ture)\b|half[- ]true|partly (?:true|false)|"
            r"partially (?:true|false|correct)|part(?:ly)? correct|"
            r"部分属实|部分正确|部分错误|部分不实|半真半假|真假参半|有真有假|部分真实"
        ),
    ),
    (
        Rating.MISLEADING,
        re.compile(
            r"misleading|missing context|lacks context|out of context|needs context|exaggerat|"
            r"distort|cherry[- ]pick|mostly false|manipulated|miscaptioned|"
            r"误导|夸大|断章取义|片面|不准确|不严谨|以偏概全|张冠李戴|言过其实|偷换概念"
        ),
    ),
    (
        Rating.FALSE,
        re.compile(
            r"\bfalse\b|pants on fire|\bfake\b|incorrect|inaccurate|\bwrong\b|\buntrue\b|"
            r"not true|fabricat|\bhoax\b|\bscam\b|debunked|baseless|four pinocchios|"
            r"谣言|不实|虚假|假的|错误|伪科学|失实|捏造|编造|造谣|假新闻|不属实|不正确|不靠谱|"
            r"没有科学依据|无科学依据|并非如此|不是真的|假消息|不真实|不可信"
        ),
    ),
    (
        Rating.UNPROVEN,
        re.compile(
            r"unproven|unverified|unsubstantiated|unsupported|no evidence|insufficient evidence|"
            r"not proven|research in progress|too early|尚无定论|未经证实|有待证实|证据不足|"
            r"无法证实|尚无证据|没有证据|暂无定论|存疑|有待研究|待证实"
        ),
    ),
    (
        Rating.TRUE,
        re.compile(
            r"\btrue\b|\bcorrect\b|\baccurate\b|\bverified\b|geppetto checkmark|"
            r"属实|正确|真实|确有其事|是真的|可信|有科学依据"
        ),
    ),
)


def rating_from_text(text: str) -> Rating:
    """Map a textual rating in any of the known forms to a :class:`Rating`."""
    value = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not value:
        return Rating.UNKNOWN
    for rating, pattern in _RATING_RULES:
        if pattern.search(value):
            return rating
    return Rating.UNKNOWN


def rating_from_number(value: float, best: float = 5.0, worst: float = 1.0) -> Rating:
    """Place ``value`` on the ``worst``..``best`` scale (schema.org defaults 1..5)."""
    if best == worst:
        return Rating.UNKNOWN
    share = (value - worst) / (best - worst)
    if not 0.0 <= share <= 1.0:
        return Rating.UNKNOWN
    if share <= 0.2:
        return Rating.FALSE
    if share <= 0.45:
        return Rating.MISLEADING
    if share < 0.65:
        return Rating.MIXED
    return Rating.TRUE


def normalise_rating(rating: Mapping[str, Any] | str | None) -> tuple[Rating, str]:
    """A ``reviewRating`` node (or bare text) -> (normalised rating, rating as published).

    The published words win over the number: fact-checkers' scales differ, words do not lie
    about direction.
    """
    if rating is None:
        return Rating.UNKNOWN, ""
    if isinstance(rating, str):
        return rating_from_text(rating), rating.strip()
    words = _text(rating.get("alternateName")) or _text(rating.get("name"))
    by_words = rating_from_text(words)
    if by_words is not Rating.UNKNOWN:
        return by_words, words
    value = _number(rating.get("ratingValue"))
    if value is not None:
        best = _number(rating.get("bestRating"))
        worst = _number(rating.get("worstRating"))
        best = 5.0 if best is None else best
        worst = 1.0 if worst is None else worst
        shown = words or f"{value:g}/{best:g}"
        return rating_from_number(value, best, worst), shown
    return Rating.UNKNOWN, words


# -- reading JSON-LD -----------------------------------------------------------------------


def read_claim_reviews(jsonld: JsonLd) -> list[ClaimReview]:
    """Every ClaimReview node on the page, nested ones included, in page order."""
    reviews = []
    for node in jsonld.walk():
        if "claimreview" in {t.lower() for t in node_types(node)}:
            review = _review(node, jsonld)
            if review.claim or review.rating_text or review.url:  # skip empty shells
                reviews.append(review)
    return reviews


def _review(node: Mapping[str, Any], jsonld: JsonLd) -> ClaimReview:
    rating_node = jsonld.resolve(_first(node.get("reviewRating")))
    rating, rating_text = normalise_rating(
        rating_node if isinstance(rating_node, Mapping | str) else None
    )
    reviewer = jsonld.resolve(_first(node.get("author"))) or jsonld.resolve(
        _first(node.get("publisher"))
    )
    item = jsonld.resolve(_first(node.get("itemReviewed")))
    item = item if isinstance(item, Mapping) else {}
    claim = _text(node.get("claimReviewed")) or _text(item.get("text")) or _text(item.get("name"))
    return ClaimReview(
        claim=claim,
        rating=rating,
        rating_text=rating_text,
        reviewer=_name(reviewer),
        reviewer_url=_url(reviewer),
        date=_text(node.get("datePublished"))[:10],
        url=_text(node.get("url")) or _text(node.get("@id")),
        appearances=_appearances(item, jsonld),
        claimant=_name(jsonld.resolve(_first(item.get("author")))),
        language=_text(node.get("inLanguage")),
    )


def _appearances(item: Mapping[str, Any], jsonld: JsonLd) -> tuple[str, ...]:
    urls: list[str] = []
    for key in ("appearance", "firstAppearance", "url", "sameAs"):
        values = item.get(key)
        for value in values if isinstance(values, list) else [values]:
            resolved = jsonld.resolve(value)
            url = _url(resolved) if isinstance(resolved, Mapping) else _text(resolved)
            if url.startswith(("http://", "https://")) and url not in urls:
                urls.append(url)
    return tuple(urls)


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _text(value: Any) -> str:
    value = _first(value)
    if isinstance(value, Mapping):
        value = value.get("@value") or value.get("name") or ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return " ".join(value.split()) if isinstance(value, str) else ""


def _number(value: Any) -> float | None:
    value = _first(value)
    try:
        return float(value) if value not in (None, "", True, False) else None
    except (TypeError, ValueError):
        return None


def _name(value: Any) -> str:
    if isinstance(value, Mapping):
        return _text(value.get("name")) or _text(value.get("alternateName"))
    return _text(value)


def _url(value: Any) -> str:
    if isinstance(value, Mapping):
        return _text(value.get("url")) or _text(value.get("@id")) or _text(value.get("sameAs"))
    return ""


# -- what a review means for the page ------------------------------------------------------

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
