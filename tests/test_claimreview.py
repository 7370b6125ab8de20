"""ClaimReview reading, rating normalisation and the page relation (step 7)."""

from __future__ import annotations

import json

import pytest

from factcheck.page.jsonld import JsonLd
from factcheck.steps.factcheckers.claimreview import (
    ClaimReview,
    Rating,
    Relation,
    normalise_rating,
    rating_from_number,
    rating_from_text,
    read_claim_reviews,
)
from factcheck.steps.factcheckers.relation import (
    claim_similarity,
    reads_like_fact_check,
    relation_to_page,
    same_url,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("False", Rating.FALSE),
        ("Pants on Fire!", Rating.FALSE),
        ("FAKE", Rating.FALSE),
        ("Incorrect", Rating.FALSE),
        ("Not true", Rating.FALSE),
        ("谣言", Rating.FALSE),
        ("不实", Rating.FALSE),
        ("虚假信息", Rating.FALSE),
        ("伪科学", Rating.FALSE),
        ("不属实", Rating.FALSE),
        ("Misleading", Rating.MISLEADING),
        ("Missing context", Rating.MISLEADING),
        ("Mostly False", Rating.MISLEADING),
        ("误导", Rating.MISLEADING),
        ("夸大其词", Rating.MISLEADING),
        ("Mixture", Rating.MIXED),
        ("Half True", Rating.MIXED),
        ("Partly false", Rating.MIXED),
        ("部分属实", Rating.MIXED),
        ("真假参半", Rating.MIXED),
        ("True", Rating.TRUE),
        ("Correct", Rating.TRUE),
        ("属实", Rating.TRUE),
        ("确有其事", Rating.TRUE),
        ("Unproven", Rating.UNPROVEN),
        ("Unverified", Rating.UNPROVEN),
        ("尚无定论", Rating.UNPROVEN),
        ("未经证实", Rating.UNPROVEN),
        ("Satire", Rating.UNKNOWN),
        ("", Rating.UNKNOWN),
    ],
)
def test_textual_ratings_normalise_across_languages(text: str, expected: Rating) -> None:
    assert rating_from_text(text) is expected


def test_full_width_and_case_do_not_matter() -> None:
    assert rating_from_text("ＦＡＬＳＥ") is Rating.FALSE
    assert rating_from_text("  pants ON fire ") is Rating.FALSE


@pytest.mark.parametrize(
    ("value", "best", "worst", "expected"),
    [
        (1, 5, 1, Rating.FALSE),
        (2, 5, 1, Rating.MISLEADING),
        (3, 5, 1, Rating.MIXED),
        (5, 5, 1, Rating.TRUE),
        (0, 10, 0, Rating.FALSE),
        (9, 10, 0, Rating.TRUE),
        (7, 5, 1, Rating.UNKNOWN),  # outside the scale
        (3, 3, 3, Rating.UNKNOWN),  # no scale
    ],
)
def test_numeric_ratings_against_best_and_worst(value, best, worst, expected) -> None:  # type: ignore[no-untyped-def]
    assert rating_from_number(value, best, worst) is expected


def test_words_win_over_numbers_and_numbers_fill_in() -> None:
    assert normalise_rating({"ratingValue": 5, "alternateName": "False"}) == (Rating.FALSE, "False")
    assert normalise_rating({"ratingValue": "2", "bestRating": "5"}) == (Rating.MISLEADING, "2/5")
    assert normalise_rating({"ratingValue": "n/a"}) == (Rating.UNKNOWN, "")
    assert normalise_rating(None) == (Rating.UNKNOWN, "")


def _jsonld(*blocks: object) -> JsonLd:
    return JsonLd.from_blocks(json.dumps(b) if not isinstance(b, str) else b for b in blocks)


def test_reads_claim_review_from_graph_with_id_references() -> None:
    jsonld = _jsonld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "Organization",
                    "@id": "#fc",
                    "name": "Snopes",
                    "url": "https://www.snopes.com",
                },
                {
                    "@type": ["ClaimReview"],
                    "url": "https://www.snopes.com/fact-check/garlic/",
                    "claimReviewed": "Garlic cures COVID-19",
                    "author": {"@id": "#fc"},
                    "datePublished": "2020-03-05T10:00:00Z",
                    "itemReviewed": {
                        "@type": "Claim",
                        "author": {"@type": "Person", "name": "A blogger"},
                        "appearance": [
                            {"@type": "CreativeWork", "url": "https://blog.example/garlic"},
                            "https://other.example/post",
                        ],
                    },
                    "reviewRating": [{"@type": "Rating", "alternateName": "Pants on Fire"}],
                },
            ],
        }
    )
    (review,) = read_claim_reviews(jsonld)
    assert review.claim == "Garlic cures COVID-19"
    assert review.rating is Rating.FALSE
    assert review.rating_text == "Pants on Fire"
    assert review.reviewer == "Snopes"
    assert review.reviewer_url == "https://www.snopes.com"
    assert review.date == "2020-03-05"
    assert review.url == "https://www.snopes.com/fact-check/garlic/"
    assert review.appearances == ("https://blog.example/garlic", "https://other.example/post")
    assert review.claimant == "A blogger"


def test_nested_claim_review_inside_an_article_is_found() -> None:
    jsonld = _jsonld(
        {
            "@type": "NewsArticle",
            "headline": "辟谣：喝热水不能杀死新冠病毒",
            "review": {
                "@type": "ClaimReview",
                "claimReviewed": "喝热水可以杀死新冠病毒",
                "reviewRating": {"@type": "Rating", "name": "谣言"},
            },
        }
    )
    (review,) = read_claim_reviews(jsonld)
    assert review.rating is Rating.FALSE and review.claim == "喝热水可以杀死新冠病毒"


def test_malformed_block_loses_only_itself() -> None:
    good = {"@type": "ClaimReview", "claimReviewed": "X cures Y", "reviewRating": {"name": "False"}}
    jsonld = _jsonld('{"@type": "ClaimReview", "claimReviewed": "broken', good)
    assert [r.claim for r in read_claim_reviews(jsonld)] == ["X cures Y"]
    assert jsonld.errors


def _review(**kwargs: object) -> ClaimReview:
    base: dict[str, object] = {
        "claim": "Garlic cures COVID-19",
        "rating": Rating.FALSE,
        "rating_text": "False",
        "reviewer": "Snopes",
        "reviewer_url": "https://www.snopes.com",
        "date": "2020-03-05",
        "url": "https://www.snopes.com/fact-check/garlic/",
    }
    base.update(kwargs)
    return ClaimReview(**base)  # type: ignore[arg-type]


def test_relation_page_is_the_fact_check() -> None:
    review = _review()
    kwargs = {"page_domain": "snopes.com", "headline": "Does garlic cure COVID-19?"}
    assert (
        relation_to_page(review, page_url="https://snopes.com/fact-check/garlic", **kwargs)
        is Relation.IS_FACT_CHECK
    )
    # same reviewer domain, different URL (e.g. an AMP copy)
    assert (
        relation_to_page(review, page_url="https://www.snopes.com/amp/garlic", **kwargs)
        is Relation.IS_FACT_CHECK
    )


def test_relation_page_is_the_claims_appearance() -> None:
    review = _review(appearances=("https://blog.example/garlic/",))
    relation = relation_to_page(
        review,
        page_url="http://www.blog.example/garlic",
        page_domain="blog.example",
        headline="Anything",
    )
    assert relation is Relation.CLAIM_ON_PAGE


def test_relation_by_headline_needs_a_close_match() -> None:
    review = _review()
    close = relation_to_page(
        review,
        page_url="https://x.example/a",
        page_domain="x.example",
        headline="Garlic cures COVID-19!",
    )
    assert close is Relation.CLAIM_ON_PAGE
    far = relation_to_page(
        review,
        page_url="https://x.example/a",
        page_domain="x.example",
        headline="Vitamin D and the flu",
    )
    assert far is Relation.RELATED
    # a headline that reads like a fact-check restating the claim is the fact-check
    debunk = relation_to_page(
        review,
        page_url="https://x.example/a",
        page_domain="x.example",
        headline="Fact check: garlic cures COVID-19?",
    )
    assert debunk is Relation.IS_FACT_CHECK


def test_claim_similarity_in_chinese_without_a_segmenter() -> None:
    assert claim_similarity("喝热水可以杀死新冠病毒", "喝热水可以杀死新冠病毒！") == 1.0
    assert claim_similarity("喝热水可以杀死新冠病毒", "今天天气很好") == 0.0


def test_same_url_ignores_scheme_www_slash_and_fragment() -> None:
    assert same_url("https://www.a.example/x/?b=1&a=2#top", "http://a.example/x?a=2&b=1")
    assert not same_url("https://a.example/x", "https://a.example/y")
    assert not same_url("", "https://a.example/x")


@pytest.mark.parametrize(
    ("claim", "headline", "text"),
    [
        # the headline negates the claim: a fact-check restating it, not the claim
        (
            "Drinking hot water kills the coronavirus",
            "Drinking hot water does not kill the coronavirus",
            "",
        ),
        ("喝热水可以杀死新冠病毒", "喝热水不能杀死新冠病毒", ""),
        # the body is laid out as a fact-check
        (
            "Garlic cures COVID-19",
            "Garlic cures COVID-19",
            "CLAIM: Garlic cures COVID-19. VERDICT: False.",
        ),
    ],
)
def test_a_fact_check_restating_the_claim_is_not_the_claim(
    claim: str, headline: str, text: str
) -> None:
    review = _review(claim=claim)
    relation = relation_to_page(
        review,
        page_url="https://mirror.example/a",
        page_domain="mirror.example",
        headline=headline,
        text=text,
    )
    assert relation is not Relation.CLAIM_ON_PAGE


def test_reads_like_fact_check_but_not_when_it_denies_being_a_rumour() -> None:
    assert reads_like_fact_check("辟谣：喝热水不能杀死新冠病毒")
    assert reads_like_fact_check("Fact check: garlic and COVID-19")
    assert not reads_like_fact_check("这不是谣言！喝热水可以杀死新冠病毒")
    assert not reads_like_fact_check("Garlic cures COVID-19", "Share this before it is deleted")


def test_empty_or_odd_claim_review_nodes_are_skipped_without_error() -> None:
    jsonld = _jsonld(
        {"@type": "ClaimReview", "reviewRating": [], "itemReviewed": "x", "author": [None]},
        {
            "@type": "ClaimReview",
            "claimReviewed": ["Listed claim"],
            "reviewRating": "Pants on Fire",
        },
    )
    (review,) = read_claim_reviews(jsonld)
    assert review.claim == "Listed claim" and review.rating is Rating.FALSE


# -- issue 15: ratings in Traditional Chinese, Spanish, French and the English house scales ----


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("錯誤", Rating.FALSE),
        ("部分錯誤", Rating.MIXED),
        ("事實釐清", Rating.UNPROVEN),
        ("易誤解", Rating.MISLEADING),
        ("含有不實訊息", Rating.FALSE),
        ("正確", Rating.TRUE),
        ("Falso", Rating.FALSE),
        ("Engañoso", Rating.MISLEADING),
        ("Parcialmente falso", Rating.MIXED),
        ("Verdadero", Rating.TRUE),
        ("Bulo", Rating.FALSE),
        ("Insostenible", Rating.UNPROVEN),
        ("Faux", Rating.FALSE),
        ("Trompeur", Rating.MISLEADING),
        ("Partiellement faux", Rating.MIXED),
        ("Vrai", Rating.TRUE),
        ("Plutôt faux", Rating.MISLEADING),
        ("Pants on Fire!", Rating.FALSE),
        ("Mostly False", Rating.MISLEADING),
        ("Half True", Rating.MIXED),
        ("Mostly True", Rating.TRUE),
        ("Unfounded", Rating.UNPROVEN),
        ("Miscaptioned", Rating.MISLEADING),
        ("Altered", Rating.MISLEADING),
        ("Labeled Satire", Rating.UNKNOWN),
    ],
)
def test_rating_words_worldwide(text, rating):
    assert rating_from_text(text) is rating


def test_taiwan_factcheck_center_claimreview_is_read():
    from pathlib import Path

    html = (Path(__file__).parent / "fixtures/real/zh_tw_claimreview.html").read_text("utf-8")
    from factcheck.page.model import Page

    reviews = read_claim_reviews(
        Page.from_html(html, "https://tfc-taiwan.org.tw/articles/0001").jsonld
    )
    assert [(r.rating, r.rating_text, r.reviewer) for r in reviews] == [
        (Rating.FALSE, "錯誤", "台灣事實查核中心")
    ]
