"""schema.org ClaimReview: what fact-checkers say about a claim, read and normalised.

Fact-checkers mark their articles up with ``ClaimReview`` (the claim, who made it, where
it appeared, and a rating). Ratings are free text in every language ("Pants on Fire",
"Missing context", "谣言", "部分属实") or numbers against ``bestRating``/``worstRating``;
:func:`normalise_rating` maps both to five values: false, misleading, mixed, true, unproven.

What a review means for the page being checked: :mod:`factcheck.steps.factcheckers.relation`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from factcheck.page.jsonld import JsonLd, node_types
from factcheck.steps.factcheckers.ratings import Rating, rating_from_number, rating_from_text

__all__ = [
    "ClaimReview",
    "Rating",
    "Relation",
    "normalise_rating",
    "rating_from_number",
    "rating_from_text",
]


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


# -- ratings (the table: :mod:`factcheck.steps.factcheckers.ratings`) --------------------


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
