"""The engine end to end: the report contract, isolation of steps, parse-once, bad input."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

import numpy as np
import pytest
import trafilatura

import factcheck
from factcheck import InvalidInputError, Report, Status, Verdict, check_html, check_url, engine
from factcheck.engine import Engine
from factcheck.page.model import Page
from factcheck.resources import Resources, default_resources
from factcheck.steps import ALL_CHECKS, Check, StepOutcome

FIXTURES = [
    ("engine_wechat_article.html", "https://mp.weixin.qq.com/s/AbCdEf123"),
    ("engine_news_jsonld.html", "https://www.reuters.com/health/measles-europe-2024-03-12/"),
    ("engine_health_citations.html", "https://www.health.example.org/vitamin-d-evidence"),
    ("engine_sensational.html", "https://kuaibao.example.cn/a/20260101/123.html"),
    (
        "engine_claimreview.html",
        "https://healthfeedback.org/claimreview/drinking-hot-water-does-not-kill-coronavirus/",
    ),
]
STEP_IDS = ["source", "headline", "author", "date", "evidence", "bias", "factcheckers"]
REQUIRED_DATA = {
    "source": ["domain"],
    "headline": ["headline", "clickbait_probability"],
    "author": ["authors"],
    "date": ["published", "modified"],
    "evidence": ["links"],
    "factcheckers": ["claim_reviews", "search_links"],
}


@pytest.mark.parametrize(("name", "url"), FIXTURES)
def test_report_contract(fixture_html, now, name, url):
    report = check_html(fixture_html(name), url, now=now)
    data = report.to_dict()
    json.dumps(data)  # JSON-serialisable all the way down
    assert data["schema_version"] == "1"
    assert data["url"] == url
    assert data["checked_at"] == "2026-11-22T12:00:00Z"
    assert data["language"] in ("en", "zh", "other")
    assert data["verdict"] in {v.value for v in Verdict}
    assert isinstance(data["score"], int) and 0 <= data["score"] <= 100
    assert set(data["summary"]) == set(data["disclaimer"]) == {"en", "zh"}
    assert [s["id"] for s in data["steps"]] == STEP_IDS
    assert [s["number"] for s in data["steps"]] == list(range(1, 8))
    for step in data["steps"]:
        assert step["status"] in {s.value for s in Status}
        assert (step["score"] is None) == (step["status"] in ("unknown", "not_applicable"))
        assert step["advice"]["en"] and step["advice"]["zh"]
        for finding in step["findings"]:
            assert set(finding) == {"code", "impact", "message", "evidence", "origin"}
            assert finding["code"].startswith(step["id"] + ".")
            assert finding["message"]["en"] and finding["message"]["zh"]
        for link in step["links"]:
            assert link["url"].startswith(("http://", "https://"))
        for key in REQUIRED_DATA.get(step["id"], []):
            assert key in step["data"], f"{step['id']}.data.{key} missing"


def test_required_values_have_documented_types(fixture_html, now):
    report = check_html(fixture_html("engine_news_jsonld.html"), FIXTURES[1][1], now=now)
    assert report.step("source").data["domain"] == "reuters.com"
    probability = report.step("headline").data["clickbait_probability"]
    assert 0.0 <= probability <= 1.0
    assert "Jennifer Rigby" in report.step("author").data["authors"]
    assert report.step("date").data["published"] == "2024-03-12"
    assert all(isinstance(n, int) for n in report.step("evidence").data["links"].values())


def test_language_detected_for_en_and_zh(fixture_html, now):
    assert check_html(fixture_html("engine_wechat_article.html"), now=now).language == "zh"
    assert check_html(fixture_html("engine_news_jsonld.html"), now=now).language == "en"


def test_lang_hint_overrides_detection_and_is_validated(fixture_html, now):
    html = fixture_html("engine_news_jsonld.html")
    assert check_html(html, now=now, lang="zh").language == "zh"
    with pytest.raises(InvalidInputError):
        check_html(html, now=now, lang="klingon")


class _BrokenCheck(Check):
    id = "evidence"
    number = 5
    rules = ()
    title = ALL_CHECKS[4].title
    advice = ALL_CHECKS[4].advice

    def run(self, page, ctx):
        raise RuntimeError("boom")


def test_a_failing_check_becomes_unknown_and_the_rest_survive(fixture_html, now, caplog):
    page = Page.from_html(fixture_html("engine_news_jsonld.html"), FIXTURES[1][1])
    checks = (*ALL_CHECKS[:4], _BrokenCheck(), *ALL_CHECKS[5:])
    report = Engine(default_resources(), checks).analyse(page, now=now)
    broken = report.step("evidence")
    assert broken.status is Status.UNKNOWN and broken.score is None
    assert "RuntimeError" in broken.advice.en and "RuntimeError" in broken.advice.zh
    assert "check evidence failed" in caplog.text
    assert report.step("source").status is not Status.UNKNOWN


def test_unknown_steps_do_not_lower_the_score(now):
    class Silent(Check):
        id, number, rules = "author", 3, ()
        title = ALL_CHECKS[2].title
        advice = ALL_CHECKS[2].advice

        def run(self, page, ctx):
            return StepOutcome(status=Status.UNKNOWN)

    page = Page.from_html("<html><body><p>text</p></body></html>", "https://www.who.int/news")
    alone = Engine(default_resources(), (ALL_CHECKS[0],)).analyse(page, now=now)
    with_unknown = Engine(default_resources(), (ALL_CHECKS[0], Silent())).analyse(page, now=now)
    assert alone.score == with_unknown.score


def test_page_is_parsed_and_extracted_once(fixture_html, now, monkeypatch):
    from factcheck.page import extraction

    calls = {"parse_html": 0, "load_html": 0, "main_text": 0}

    def counting(name, real):
        def count(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return count

    monkeypatch.setattr(extraction, "parse_html", counting("parse_html", extraction.parse_html))
    monkeypatch.setattr(trafilatura, "load_html", counting("load_html", trafilatura.load_html))
    monkeypatch.setattr(extraction, "main_text", counting("main_text", extraction.main_text))
    check_html(fixture_html("engine_news_jsonld.html"), FIXTURES[1][1], now=now)
    assert calls == {"parse_html": 1, "load_html": 0, "main_text": 1}


def test_htmldate_is_skipped_where_the_platform_dates_the_post(fixture_html, now, monkeypatch):
    """A WeChat article's create time outranks htmldate's guess, and htmldate's search of
    its megabytes of script costs 0.1-0.3 s: it is not run there; elsewhere it is."""
    from factcheck.page import metadata

    calls: list[str] = []
    real = metadata.find_date

    def counting(tree, **kwargs):
        calls.append(kwargs.get("url") or "")
        return real(tree, **kwargs)

    monkeypatch.setattr(metadata, "find_date", counting)
    wechat = check_html(fixture_html("engine_wechat_article.html"), FIXTURES[0][1], now=now)
    assert calls == [] and wechat.step("date").data["published"] == "2024-11-13"
    check_html(fixture_html("engine_news_jsonld.html"), FIXTURES[1][1], now=now)
    assert len(calls) == 1


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html></html>",
        "<html><body><script>var a = 1;</script></body></html>",
        b"\xff\xfe\x00\x00garbage\x00\x00",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20,
        "<html><head><script type='application/ld+json'>{not json</script></head>"
        "<body><p>x</p></body></html>",
        "<" * 10_000,
        "<div>" * 5_000 + "deep" + "</div>" * 5_000,
        "<html><body>\x00\x01 text with control chars \ud800</body></html>",
    ],
)
def test_hostile_html_gives_a_report_not_a_crash(html, now):
    report = check_html(html, "https://example.org/x", now=now)
    assert isinstance(report, Report)
    assert len(report.steps) == 7
    json.dumps(report.to_dict())


def test_empty_page_says_unknown_with_a_reason(now):
    report = check_html("", None, now=now)
    assert report.step("author").status in (Status.UNKNOWN, Status.NOT_APPLICABLE)
    assert report.step("date").status in (Status.UNKNOWN, Status.NOT_APPLICABLE)


def test_non_text_input_is_a_typed_value_error(now):
    with pytest.raises(InvalidInputError):
        check_html(12345, now=now)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        check_html(None, now=now)  # type: ignore[arg-type]


def test_naive_now_is_taken_as_utc(fixture_html):
    report = check_html(fixture_html("engine_news_jsonld.html"), now=datetime(2026, 1, 2, 3, 4))
    assert report.to_dict()["checked_at"] == "2026-01-02T03:04:00Z"


def test_check_url_fetches_from_a_real_local_server(httpserver, fixture_html, now):
    httpserver.expect_request("/health/measles").respond_with_data(
        fixture_html("engine_news_jsonld.html").encode(), content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/health/measles")
    report = check_url(url, now=now, allow_loopback=True)
    assert report.retrieval.value == "fetched"
    assert report.final_url == url
    assert report.title.startswith("Measles cases rise in Europe")
    assert report.step("author").data["authors"]


def test_check_url_follows_a_shortener_to_its_target(httpserver, fixture_html, now):
    from werkzeug import Response

    httpserver.expect_request("/s/x1").respond_with_response(
        Response(status=301, headers={"Location": "/article"})
    )
    httpserver.expect_request("/article").respond_with_data(
        fixture_html("engine_claimreview.html"), content_type="text/html"
    )
    report = check_url(httpserver.url_for("/s/x1"), now=now, allow_loopback=True)
    assert report.url == httpserver.url_for("/s/x1")
    assert report.final_url == httpserver.url_for("/article")


def test_check_url_errors_are_typed(httpserver):
    httpserver.expect_request("/gone").respond_with_data(
        "gone", status=404, content_type="text/html"
    )
    with pytest.raises(factcheck.HTTPStatusError):
        check_url(httpserver.url_for("/gone"), allow_loopback=True)
    with pytest.raises(factcheck.BlockedURLError):
        check_url("http://169.254.169.254/latest/meta-data/")
    with pytest.raises(factcheck.InvalidURLError):
        check_url("gopher://example.org/")


def test_public_api_is_small_and_explicit():
    assert "check_url" in factcheck.__all__ and "check_html" in factcheck.__all__
    for name in factcheck.__all__:
        assert hasattr(factcheck, name), name


def test_huge_tree_is_read_as_plain_text_not_dropped(now):
    from factcheck.page.model import MAX_EXTRACTION_ELEMENTS

    sentence = "<p>Doctors don't want you to know: share this before they delete it!</p>"
    html = "<html><head><title>Miracle cure</title></head><body>"
    html += sentence * (MAX_EXTRACTION_ELEMENTS + 1_000) + "</body></html>"
    page = Page.from_html(html, "https://example.org/huge")
    assert "share this before they delete it" in page.text
    report = Engine(default_resources()).analyse(page, now=now)
    assert report.language == "en"
    assert report.step("bias").status is not Status.UNKNOWN


class _Refuse:
    """An encoder that must not be called."""

    calls = 0

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        _Refuse.calls += 1
        raise AssertionError("the warm-up ran the encoder")


def test_warm_up_hands_the_engine_no_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    base = default_resources()
    spied = replace(base, debunks=replace(base.debunks, encode=_Refuse()))
    seen: list[Resources] = []
    real_engine_for = engine.engine_for

    def spy_engine_for(sources: object = None, resources: Resources | None = None) -> object:
        assert resources is not None
        seen.append(resources)
        return real_engine_for(resources=resources)

    monkeypatch.setattr(engine, "engine_for", spy_engine_for)
    engine.warm_up(spied)
    assert len(seen) == 1
    assert seen[0].debunks.encode is None
    assert seen[0].sources is base.sources  # everything else is the real thing
    assert _Refuse.calls == 0
