"""Scoring rules: the learned combiner, confidence, floors, red-flag caps, verdict bands."""

from __future__ import annotations

import io
from datetime import timedelta

import factcheck
from factcheck import scoring
from factcheck.cli.render import render
from factcheck.combiner import load_combiner, names
from factcheck.i18n import T
from factcheck.report import Finding, Status, StepResult, Verdict
from factcheck.steps import CAPS, RULES


def step(step_id: str, status: Status, score: int | None, *codes: str) -> StepResult:
    findings = tuple(Finding(code=c, impact=-10, message=T("x", "x")) for c in codes)
    return StepResult(
        id=step_id,
        number=1,
        title=T("t", "t"),
        status=status,
        score=score,
        findings=findings,
        data={},
        advice=T("a", "a"),
    )


def test_only_scored_steps_count():
    steps = [step("source", Status.PASS, 80), step("author", Status.UNKNOWN, None)]
    assert scoring.overall(steps, CAPS).score == 80


def test_weighted_mean_uses_the_documented_weights():
    steps = [step("source", Status.PASS, 100), step("bias", Status.FAIL, 0)]
    expected = round(
        100 * scoring.WEIGHTS["source"] / (scoring.WEIGHTS["source"] + scoring.WEIGHTS["bias"])
    )
    assert scoring.overall(steps, CAPS).score == expected


def test_red_flag_caps_the_score_and_is_reported():
    steps = [
        step("source", Status.FAIL, 90, "source.listed_fake"),
        step("author", Status.PASS, 100),
    ]
    result = scoring.overall(steps, CAPS)
    assert result.score == CAPS["source.listed_fake"]
    assert result.verdict is Verdict.UNRELIABLE
    assert [f.code for f in result.caps] == ["source.listed_fake"]


def test_nothing_scored_means_unknown_not_zero():
    result = scoring.overall([step("source", Status.UNKNOWN, None)], CAPS)
    assert result.score is None and result.verdict is Verdict.UNKNOWN


def test_bands_and_step_status_thresholds():
    assert [scoring.verdict_for(s) for s in (100, 75, 74, 55, 54, 35, 34, 0)] == [
        Verdict.RELIABLE,
        Verdict.RELIABLE,
        Verdict.MIXED,
        Verdict.MIXED,
        Verdict.DOUBTFUL,
        Verdict.DOUBTFUL,
        Verdict.UNRELIABLE,
        Verdict.UNRELIABLE,
    ]
    assert scoring.status_for(scoring.PASS_AT) is Status.PASS
    assert scoring.status_for(scoring.PASS_AT - 1) is Status.WARN
    assert scoring.status_for(scoring.WARN_AT - 1) is Status.FAIL
    assert scoring.step_score([]) == scoring.STEP_BASE


# -- issue 12: learned combiner, confidence, floors ---------------------------------------------


def _rich(step_id: str, status: Status, score: int | None, data: dict | None = None) -> StepResult:
    return StepResult(
        id=step_id,
        number=1,
        title=T("t", "t"),
        status=status,
        score=score,
        findings=(),
        data=data or {},
        advice=T("a", "a"),
    )


def _combiner():  # type: ignore[no-untyped-def]
    return load_combiner()


def test_shipped_combiner_weighs_only_declared_codes_and_known_features():
    combiner = load_combiner(RULES)  # raises if a code is not a declared rule
    assert set(combiner.weights) <= set(names(combiner.codes))
    assert combiner.meta["script"] == "training/train_combiner.py"


def test_weak_signals_alone_give_low_confidence_and_never_reliable():
    steps = [
        _rich("source", Status.UNKNOWN, None, {"platform": "wechat", "category": "unknown"}),
        _rich("headline", Status.PASS, 100),
        _rich("author", Status.PASS, 100),
        _rich("date", Status.PASS, 100),
        _rich("evidence", Status.PASS, 100),
        _rich("bias", Status.PASS, 100),
    ]
    result = scoring.overall(steps, CAPS, _combiner(), "zh")
    assert result.score is not None
    assert scoring.WEAK_RANGE[0] <= result.score <= scoring.WEAK_RANGE[1]
    assert result.verdict is not Verdict.RELIABLE
    assert result.confidence is not None and result.confidence.level != "high"


def test_no_signal_at_all_is_unknown_not_a_middle_score():
    result = scoring.overall([_rich("source", Status.UNKNOWN, None)], CAPS, _combiner(), "en")
    assert result.score is None and result.verdict is Verdict.UNKNOWN
    assert result.confidence is None


def test_a_well_rated_source_with_poor_other_steps_stays_mixed_or_better():
    source = {"rating": 90, "category": "reliable", "rating_origin": "curated sources.yaml"}
    steps = [
        _rich("source", Status.PASS, 90, source),
        _rich("headline", Status.FAIL, 10),
        _rich("date", Status.WARN, 40),
        _rich("bias", Status.FAIL, 0),
    ]
    result = scoring.overall(steps, CAPS, _combiner(), "zh")
    assert result.score is not None and result.score >= scoring.SOURCE_FLOOR["reliable"]
    assert result.verdict in (Verdict.MIXED, Verdict.RELIABLE)
    assert result.confidence is not None and result.confidence.level in ("medium", "high")


def test_a_low_rating_gives_a_low_score_with_high_confidence():
    source = {"rating": 10, "category": "unreliable", "rating_origin": "Lin et al. 2023 pc1"}
    steps = [_rich("source", Status.FAIL, 10, source), _rich("headline", Status.PASS, 80)]
    result = scoring.overall(steps, CAPS, _combiner(), "en")
    assert result.score is not None and result.score < 35
    assert result.confidence is not None and result.confidence.level == "high"
    assert (
        "Strong evidence" in result.confidence.reason.en
        and "证据充分" in result.confidence.reason.zh
    )


def test_learned_score_ranks_by_the_source_rating():
    def score(rating: int) -> int | None:
        data = {"rating": rating, "category": "reliable", "rating_origin": "Lin et al. 2023 pc1"}
        steps = [_rich("source", Status.PASS, rating, data)]
        return scoring.overall(steps, CAPS, _combiner()).score

    assert score(70) < score(82) < score(95)  # type: ignore[operator]


def _dated_page(title: str, body: str, published: str) -> str:
    return (
        f'<html><head><title>{title}</title><meta property="article:published_time" '
        f'content="{published}"></head><body><article><h1>{title}</h1><p>{body}</p>'
        "</article></body></html>"
    )


def test_an_old_reputable_article_is_mixed_or_better_with_a_date_warning(now):
    html = _dated_page(
        "How to wash your hands properly",
        "Wash your hands with soap and water for at least 20 seconds, the WHO advises.",
        "2016-03-01",
    )
    report = factcheck.check_html(html, "https://www.who.int/news/item/handwashing", now=now)
    date_step = report.step("date")
    assert date_step.status is Status.WARN
    assert any(f.code == "date.stale" and "2016-03-01" in f.message.en for f in date_step.findings)
    assert report.verdict in (Verdict.MIXED, Verdict.RELIABLE)


def test_fast_moving_topics_still_warn_earlier(now):
    published = (now - timedelta(days=540)).date().isoformat()
    evergreen = factcheck.check_html(
        _dated_page("Eat more vegetables", "A balanced diet helps.", published),
        "https://www.who.int/a",
        now=now,
    )
    covid = factcheck.check_html(
        _dated_page("COVID-19 vaccine advice", "Who should get a COVID-19 vaccine.", published),
        "https://www.who.int/b",
        now=now,
    )
    assert [f.code for f in evergreen.step("date").findings if f.code.startswith("date.")] and any(
        f.code == "date.current" for f in evergreen.step("date").findings
    )
    assert any(f.code == "date.stale" for f in covid.step("date").findings)
    assert covid.verdict in (Verdict.MIXED, Verdict.RELIABLE)


def test_cli_shows_the_confidence_in_the_readers_language(now):
    html = (
        '<html><body><a id="js_name">小林的生活记录</a><h1 id="activity-name">周末散步的体会</h1>'
        '<div id="js_content"><p>周末天气很好，我们一家去公园散步，看到很多人在锻炼。</p></div>'
        "</body></html>"
    )
    report = factcheck.check_html(html, "https://mp.weixin.qq.com/s/Ab1", now=now)
    assert report.confidence is not None
    zh, en = io.StringIO(), io.StringIO()
    render(report, zh, lang="zh")
    render(report, en, lang="en")
    zh_line = next(line for line in zh.getvalue().splitlines() if line.startswith("可信程度"))
    assert report.confidence.reason.zh in zh_line and "Limited" not in zh_line
    assert any(
        line.startswith("Confidence: low") and "Limited evidence" in line
        for line in en.getvalue().splitlines()
    )
