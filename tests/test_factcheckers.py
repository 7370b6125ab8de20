"""Step 7, turn to fact-checkers: ClaimReview, the debunk index, the online lookup, links."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import factcheck
from factcheck.report import Report, Status, StepResult
from factcheck.resources import Resources, default_resources
from factcheck.steps import CAPS
from factcheck.steps.factcheckers import google as factcheck_api

CLAIM_PAGE_URL = "https://natural-cures.example/garlic-covid"
API_KEY = "test-key-do-not-log-7f3a"


def step(report: Report) -> StepResult:
    return report.step("factcheckers")


def codes(result: StepResult) -> list[str]:
    return [f.code for f in result.findings]


def link_titles(result: StepResult) -> list[str]:
    return [link["title"] for link in result.data["search_links"]]


def test_online_lookup_is_configured_at_the_edge_not_in_the_step() -> None:
    """The key is read from the environment once, by Resources.load, never inside step 7."""
    env = {factcheck_api.KEY_ENV: API_KEY}
    assert Resources.load(environ=env).online == factcheck_api.ApiConfig(API_KEY)
    assert Resources.load(environ={}).online is None


def test_fact_check_page_is_labelled_a_fact_check(fixture_html, now: datetime) -> None:
    url = "https://healthfeedback.org/claimreview/eating-garlic-prevents-covid-19/"
    report = factcheck.check_html(fixture_html("factcheckers_en_factcheck.html"), url, now=now)
    result = step(report)
    assert result.status is Status.PASS
    assert "factcheckers.page_is_fact_check" in codes(result)
    assert not [c for c in codes(result) if c in CAPS]
    (review,) = result.data["claim_reviews"]
    assert review["rating"] == "false" and review["rating_text"] == "Incorrect"
    assert review["reviewer"] == "Health Feedback" and review["relation"] == "is_fact_check"
    assert result.data["is_fact_check"] is True
    assert report.to_dict()["steps"][6]["data"]["claim_reviews"][0]["claim"].startswith(
        "Eating garlic"
    )


def test_page_whose_claim_is_rated_false_fails_and_caps_the_score(
    fixture_html, now: datetime
) -> None:
    report = factcheck.check_html(
        fixture_html("factcheckers_en_claim_rated_false.html"), CLAIM_PAGE_URL, now=now
    )
    result = step(report)
    assert result.status is Status.FAIL
    (finding,) = [f for f in result.findings if f.code == "factcheckers.claim_rated_false"]
    assert finding.impact < 0
    assert "healthfeedback.org/claimreview/eating-garlic-prevents-covid-19" in finding.evidence
    assert "Health Feedback" in finding.message.en and "不实" in finding.message.zh
    assert report.score is not None and report.score <= CAPS["factcheckers.claim_rated_false"]
    assert result.data["claim_reviews"][0]["relation"] == "claim_on_page"


def test_zh_rumour_matching_a_debunk_warns_with_the_debunk(fixture_html, now: datetime) -> None:
    """A real rumour re-spread (HRDE, 百度辟谣 2020): the verified debunk is a finding that
    lowers the score and the first link of the step."""
    report = factcheck.check_html(
        fixture_html("factcheckers_zh_rumour.html"), "https://rumour.example/lemon", now=now
    )
    result = step(report)
    assert result.status in (Status.WARN, Status.FAIL)
    (finding,) = [f for f in result.findings if f.code == "factcheckers.debunk_match"]
    assert finding.impact < 0
    assert "baijiahao.baidu.com" in finding.evidence and "百度辟谣" in finding.message.zh
    assert "2020-04-09" in finding.message.zh and "日期不详" not in finding.message.zh
    best = result.data["debunk_matches"][0]
    assert best["title"] == "喝柠檬苏打水可以预防新冠肺炎？"
    assert best["outlet"] == "百度辟谣" and best["date"] == "2020-04-09"
    assert best["score"] >= 0.5 and best["refutes"] is True
    first = result.links[0]
    assert first.url == best["url"] and first.title.startswith("喝柠檬苏打水可以预防新冠肺炎？")
    assert "百度辟谣" in first.title and "2020-04-09" in first.title
    assert "第一个链接" in (result.advice.zh if result.advice else "")
    titles = link_titles(result)
    assert titles[:3] == ["中国互联网联合辟谣平台", "腾讯较真", "丁香医生"]
    assert any("nhc.gov.cn" in t for t in titles) and any("chinacdc.cn" in t for t in titles)


def test_hospital_flu_vaccine_article_is_not_accused(fixture_html, now: datetime) -> None:
    """Reduction of the reported false alarm: a hospital's flu-vaccine article (世界卫生组织,
    甲型流感) was matched to the 2013 "世界卫生组织：甲型肝炎" entry and lost 15 points."""
    url = "https://www.city-hospital.example/news/2024/flu-vaccine.html"
    report = factcheck.check_html(fixture_html("factcheckers_zh_hospital_flu.html"), url, now=now)
    result = step(report)
    assert all(f.impact >= 0 for f in result.findings)
    assert result.data["debunk_matches"] == []
    related = [d["title"] for d in result.data["related_debunks"]]
    assert "世界卫生组织：甲型肝炎" not in related
    assert result.data["debunk_index"]["same_claim_check"] is True
    assert not any(link.title.startswith("世界卫生组织") for link in result.links)


def test_a_page_refuting_a_debunked_rumour_gains(fixture_html, now: datetime) -> None:
    """A hospital's 辟谣 article quotes the rumour: a refutation, not an appearance."""
    url = "https://www.city-hospital.example/kepu/lemon-soda.html"
    report = factcheck.check_html(fixture_html("factcheckers_zh_refutation.html"), url, now=now)
    result = step(report)
    assert "factcheckers.debunk_match" not in codes(result)
    (finding,) = [f for f in result.findings if f.code == "factcheckers.refutes_debunked_claim"]
    assert finding.impact > 0 and "百度辟谣" in finding.message.zh
    assert result.data["refutes"] is True and result.status is Status.PASS
    assert result.links[0].url == result.data["debunk_matches"][0]["url"]


def test_english_claim_review_page_is_a_fact_check_not_an_accused_page(
    fixture_html, now: datetime
) -> None:
    url = "https://healthfeedback.org/claimreview/eating-garlic-prevents-covid-19/"
    result = step(
        factcheck.check_html(fixture_html("factcheckers_en_factcheck.html"), url, now=now)
    )
    assert "factcheckers.page_is_fact_check" in codes(result)
    assert "factcheckers.debunk_match" not in codes(result)
    assert all(f.impact >= 0 for f in result.findings) and result.data["refutes"] is True


def test_the_debunk_article_itself_is_not_warned_about(fixture_html, now: datetime) -> None:
    debunk_url = "https://baijiahao.baidu.com/s?id=1663484428886062769"
    report = factcheck.check_html(fixture_html("factcheckers_zh_rumour.html"), debunk_url, now=now)
    result = step(report)
    assert "factcheckers.debunk_match" not in codes(result)
    assert "factcheckers.page_is_debunk" in codes(result)
    assert result.status is Status.PASS


def test_malformed_json_ld_is_reported_not_fatal(fixture_html, now: datetime) -> None:
    report = factcheck.check_html(
        fixture_html("factcheckers_malformed_jsonld.html"), "https://x.example/vitc", now=now
    )
    result = step(report)
    assert result.status is Status.UNKNOWN and result.score is None
    (finding,) = [f for f in result.findings if f.code == "factcheckers.claim_review_unreadable"]
    assert finding.impact == 0 and "JSON-LD block 1 skipped" in finding.evidence
    assert result.data["claim_reviews"] == []
    assert "Snopes" in link_titles(result)


def test_nothing_found_is_unknown_not_a_reward(now: datetime) -> None:
    html = (
        "<html lang='en'><head><title>Our community garden opens on Saturday</title></head>"
        "<body><article><h1>Our community garden opens on Saturday</h1><p>Volunteers have "
        "planted tomatoes, beans and herbs. Everyone is welcome to visit the garden and bring "
        "their families along.</p></article></body></html>"
    )
    result = step(factcheck.check_html(html, "https://garden.example/open", now=now))
    assert result.status is Status.UNKNOWN and result.score is None
    assert all(f.impact == 0 for f in result.findings)
    assert "not evidence that the claim is true" in result.advice.en
    assert "并不说明该说法属实" in result.advice.zh
    assert result.links and [link.to_dict() for link in result.links] == result.data["search_links"]


def test_english_search_links_are_prefilled_and_quoted(fixture_html, now: datetime) -> None:
    report = factcheck.check_html(
        fixture_html("factcheckers_en_claim_rated_false.html"), CLAIM_PAGE_URL, now=now
    )
    links = {link["title"]: link["url"] for link in step(report).data["search_links"]}
    for name in (
        "Google Fact Check Explorer",
        "Snopes",
        "AP Fact Check",
        "Reuters Fact Check",
        "AFP Fact Check",
        "Health Feedback",
    ):
        assert name in links
    headline = "Eating garlic prevents infection with the new coronavirus"
    assert parse_qs(urlsplit(links["Snopes"]).query)["q"] == [headline]
    assert parse_qs(urlsplit(links["AFP Fact Check"]).query)["q"] == [
        f"site:factcheck.afp.com {headline}"
    ]
    assert " " not in links["Google Fact Check Explorer"]
    cdc = next(url for title, url in links.items() if "cdc.gov" in title)
    assert parse_qs(urlsplit(cdc).query)["q"] == [f"site:cdc.gov {headline}"]


def test_institutions_named_on_the_page_get_site_searches(now: datetime) -> None:
    html = (
        "<html lang='en'><head><title>The WHO says hot baths prevent the flu</title></head>"
        "<body><article><h1>The WHO says hot baths prevent the flu</h1><p>According to the "
        "World Health Organization, a hot bath every evening prevents the flu, and doctors "
        "agree.</p></article></body></html>"
    )
    report = factcheck.check_html(html, "https://baths.example/who", now=now)
    titles = link_titles(step(report))
    who = [t for t in titles if "who.int" in t]
    assert len(who) == 1  # named on the page and a topic authority: searched once


def test_check_url_through_a_local_server(
    httpserver: HTTPServer, fixture_html, now: datetime
) -> None:
    httpserver.expect_request("/garlic-covid").respond_with_data(
        fixture_html("factcheckers_en_claim_rated_false.html"),
        content_type="text/html; charset=utf-8",
    )
    report = factcheck.check_url(httpserver.url_for("/garlic-covid"), now=now, allow_loopback=True)
    result = step(report)
    # The appearance URL names the public site, not 127.0.0.1: the headline restating the
    # reviewed claim is what ties the review to this page.
    assert result.status is Status.FAIL
    assert "factcheckers.claim_rated_false" in codes(result)
    assert report.score is not None and report.score <= CAPS["factcheckers.claim_rated_false"]


GOOGLE_RESPONSE = {
    "claims": [
        {
            "text": "Drinking hot water every fifteen minutes kills the coronavirus",
            "claimant": "Viral message",
            "claimDate": "2020-03-10T00:00:00Z",
            "claimReview": [
                {
                    "publisher": {"name": "AFP Fact Check", "site": "factcheck.afp.com"},
                    "url": "https://factcheck.afp.com/hot-water-coronavirus",
                    "title": "Drinking hot water does not kill the coronavirus",
                    "reviewDate": "2020-03-12T00:00:00Z",
                    "textualRating": "False",
                    "languageCode": "en",
                }
            ],
        },
        {
            "text": "Vitamin C megadoses cure COVID-19",
            "claimReview": [
                {
                    "publisher": {"name": "Health Feedback", "site": "healthfeedback.org"},
                    "url": "https://healthfeedback.org/vitamin-c",
                    "textualRating": "Unsupported",
                    "languageCode": "en",
                }
            ],
        },
    ],
    "nextPageToken": "abc",
}

HOT_WATER_PAGE = (
    "<html lang='en'><head>"
    "<title>Drinking hot water every fifteen minutes kills the coronavirus</title></head>"
    "<body><article><h1>Drinking hot water every fifteen minutes kills the coronavirus</h1>"
    "<p>A nurse in Wuhan says drinking hot water every fifteen minutes washes the virus into "
    "the stomach, where acid kills it. Share with your family.</p></article></body></html>"
)


def _fake_api(url: str) -> Resources:
    """The shipped resources with the online lookup pointed at a local fake."""
    return replace(default_resources(), online=factcheck_api.ApiConfig(API_KEY, url))


def test_google_fact_check_api_against_a_local_fake(
    httpserver: HTTPServer, monkeypatch, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    seen: list[dict[str, str]] = []

    def answer(request: Request) -> Response:
        seen.append({**request.args, "api_key_header": request.headers.get("X-Goog-Api-Key", "")})
        return Response(json.dumps(GOOGLE_RESPONSE), content_type="application/json")

    httpserver.expect_request("/v1alpha1/claims:search").respond_with_handler(answer)
    resources = _fake_api(httpserver.url_for("/v1alpha1/claims:search"))
    report = factcheck.check_html(
        HOT_WATER_PAGE, "https://hot-water.example/post", now=now, resources=resources
    )
    result = step(report)
    assert seen and seen[0]["api_key_header"] == API_KEY and "key" not in seen[0]
    assert seen[0]["languageCode"] == "en"
    assert seen[0]["query"] == "Drinking hot water every fifteen minutes kills the coronavirus"
    assert result.data["online_lookup"] == "ok"
    reviews = {r["reviewer"]: r for r in result.data["claim_reviews"]}
    assert (
        reviews["AFP Fact Check"]["relation"] == "claim_on_page"
        and reviews["AFP Fact Check"]["rating"] == "false"
    )
    assert (
        reviews["Health Feedback"]["relation"] == "related"
        and reviews["Health Feedback"]["rating"] == "unproven"
    )
    (finding,) = [f for f in result.findings if f.code == "factcheckers.claim_rated_false"]
    assert finding.origin == "google-factcheck-api" and "factcheck.afp.com" in finding.evidence
    assert result.status is Status.FAIL
    assert API_KEY not in json.dumps(report.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("failure", ["http_500", "not_json", "unreachable"])
def test_online_lookup_failure_is_a_finding_not_a_crash(
    httpserver: HTTPServer,
    monkeypatch,
    now: datetime,
    caplog,
    failure: str,  # type: ignore[no-untyped-def]
) -> None:
    path = "/v1alpha1/claims:search"
    if failure == "http_500":
        httpserver.expect_request(path).respond_with_data("oops", status=500)
        url = httpserver.url_for(path)
    elif failure == "not_json":
        httpserver.expect_request(path).respond_with_data(
            "<html>quota</html>", content_type="text/html"
        )
        url = httpserver.url_for(path)
    else:
        url = "http://127.0.0.1:9/v1alpha1/claims:search"  # discard port: nothing listens
    report = factcheck.check_html(
        HOT_WATER_PAGE, "https://hot-water.example/post", now=now, resources=_fake_api(url)
    )
    result = step(report)
    assert result.data["online_lookup"] == "failed"
    (finding,) = [f for f in result.findings if f.code == "factcheckers.online_lookup_failed"]
    assert finding.impact == 0 and "Google Fact Check Tools" in finding.message.en
    assert result.status is Status.UNKNOWN  # the offline part found nothing either
    assert API_KEY not in json.dumps(report.to_dict(), ensure_ascii=False)
    assert API_KEY not in caplog.text


def test_api_config_hides_the_key() -> None:
    config = factcheck_api.config_from({"google_factcheck_api_key": API_KEY}, environ={})
    assert config is not None and API_KEY not in repr(config)
    assert factcheck_api.config_from({}, environ={}) is None


def test_page_without_text_gets_fact_checker_home_pages(now: datetime) -> None:
    result = step(
        factcheck.check_html("<html><body></body></html>", "https://empty.example/", now=now)
    )
    assert result.status is Status.UNKNOWN
    urls = [link["url"] for link in result.data["search_links"]]
    assert "https://www.snopes.com/" in urls and all("?" not in u for u in urls)


def test_a_copy_of_a_fact_check_elsewhere_is_still_a_fact_check(
    fixture_html, now: datetime
) -> None:
    # Not on the reviewer's domain, but its headline announces a check and negates the claim.
    report = factcheck.check_html(
        fixture_html("factcheckers_en_factcheck.html"), "https://mirror.example/copy", now=now
    )
    result = step(report)
    assert "factcheckers.page_is_fact_check" in codes(result)
    assert not [c for c in codes(result) if c in CAPS]


def test_misleading_rating_on_this_page_caps_at_the_misleading_cap(now: datetime) -> None:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.afp.com/vitamin-d-covid",
        "claimReviewed": "Vitamin D protects everyone from COVID-19",
        "author": {
            "@type": "Organization",
            "name": "AFP Fact Check",
            "url": "https://factcheck.afp.com",
        },
        "itemReviewed": {"@type": "Claim", "appearance": "https://sunshine.example/vitamin-d"},
        "reviewRating": {"@type": "Rating", "alternateName": "Missing context"},
    }
    html = (
        "<html lang='en'><head><title>Sunshine vitamin: what they do not tell you</title>"
        f"<script type='application/ld+json'>{json.dumps(review)}</script></head><body><article>"
        "<h1>Sunshine vitamin: what they do not tell you</h1><p>Take vitamin D every day and "
        "you will be safe from the virus, whatever your age.</p></article></body></html>"
    )
    report = factcheck.check_html(html, "https://sunshine.example/vitamin-d", now=now)
    result = step(report)
    (finding,) = [f for f in result.findings if f.code == "factcheckers.claim_rated_misleading"]
    assert finding.impact < 0 and "Missing context" in finding.message.en
    assert result.status in (Status.WARN, Status.FAIL)
    assert report.score is not None and report.score <= CAPS["factcheckers.claim_rated_misleading"]
