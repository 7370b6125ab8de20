"""Scoring rules: weights over scored steps only, red-flag caps, verdict bands."""

from __future__ import annotations

from factcheck import scoring
from factcheck.i18n import T
from factcheck.report import Finding, Status, StepResult, Verdict
from factcheck.steps import CAPS


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
