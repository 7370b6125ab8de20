"""Every number that turns findings into scores, in one place.

Step score
    Each scored step starts at :data:`STEP_BASE` (neutral) and adds the signed ``impact`` of
    its findings, clamped to 0..100. Status follows :data:`PASS_AT` / :data:`WARN_AT`,
    unless the check reports UNKNOWN or NOT_APPLICABLE (no signal: the step gets no score
    and is left out of the overall score, so absence of data is never a penalty) or forces
    FAIL on a red flag.

Overall score
    The weighted mean of the scored steps (:data:`WEIGHTS`, renormalised over the steps that
    have a score), then capped by hard red flags (the ``cap`` of a rule declared in
    ``steps/<step>/rules.py``).
    With no scored step at all the score is ``None`` and the verdict ``unknown``.

Verdict bands
    :data:`BANDS`: reliable >= 75 > mixed >= 55 > doubtful >= 35 > unreliable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from factcheck.report import Finding, Status, StepResult, Verdict

STEP_BASE = 50
PASS_AT = 65
WARN_AT = 40

#: Weight of each step in the overall score. The bias step informs the reader more than it
#: judges the page, so it weighs least.
WEIGHTS: dict[str, float] = {
    "source": 0.25,
    "headline": 0.12,
    "author": 0.15,
    "date": 0.10,
    "evidence": 0.20,
    "bias": 0.06,
    "factcheckers": 0.12,
}

#: Lower bound of each verdict band, best first.
BANDS: tuple[tuple[int, Verdict], ...] = (
    (75, Verdict.RELIABLE),
    (55, Verdict.MIXED),
    (35, Verdict.DOUBTFUL),
    (0, Verdict.UNRELIABLE),
)


def step_score(findings: Iterable[Finding]) -> int:
    """Neutral base plus the findings' points, clamped to 0..100."""
    return max(0, min(100, STEP_BASE + sum(f.impact for f in findings)))


def status_for(score: int) -> Status:
    if score >= PASS_AT:
        return Status.PASS
    if score >= WARN_AT:
        return Status.WARN
    return Status.FAIL


def verdict_for(score: int | None) -> Verdict:
    if score is None:
        return Verdict.UNKNOWN
    for floor, verdict in BANDS:
        if score >= floor:
            return verdict
    return Verdict.UNRELIABLE


@dataclass(frozen=True)
class Overall:
    """The overall score, its verdict and the red flags that capped it."""

    score: int | None
    verdict: Verdict
    caps: tuple[Finding, ...]  # findings whose cap lowered the score


def overall(steps: Sequence[StepResult], caps: Mapping[str, int]) -> Overall:
    """Weighted mean of the scored steps, capped by the red flags found (``caps``: finding
    code -> cap, from the steps' rule declarations)."""
    scored = [s for s in steps if s.status.scored and s.score is not None]
    if not scored:
        return Overall(None, Verdict.UNKNOWN, ())
    total_weight = sum(WEIGHTS.get(s.id, 0.0) for s in scored) or 1.0
    score = round(sum(WEIGHTS.get(s.id, 0.0) * (s.score or 0) for s in scored) / total_weight)
    applied = []
    for step in steps:
        for finding in step.findings:
            cap = caps.get(finding.code)
            if cap is not None and score > cap:
                applied.append(finding)
    if applied:
        score = min(score, *(caps[f.code] for f in applied))
    return Overall(score, verdict_for(score), tuple(applied))
