"""Every number that turns findings into scores, in one place.

Step score
    Each scored step starts at :data:`STEP_BASE` (neutral) and adds the signed ``impact`` of
    its findings, clamped to 0..100. Status follows :data:`PASS_AT` / :data:`WARN_AT`,
    unless the check reports UNKNOWN or NOT_APPLICABLE (no signal: the step gets no score
    and is left out of the overall score, so absence of data is never a penalty) or forces
    FAIL on a red flag.

Overall score
    With a learned :class:`~factcheck.combiner.Combiner` (the engine's resources load
    ``data/combiner.json``): 100 x the model's probability that the page is reliable, from
    every step's score, an explicit "unknown" per step (a missing signal is no information,
    never a middle score), the source rating at full resolution and step 6's finding codes;
    fitted and validated by ``training/train_combiner.py`` and ``evaluation/overall.py``.
    Without one (a test's bare resources): the weighted mean of the scored steps
    (:data:`WEIGHTS`). Either way hard red flags cap it (the ``cap`` of a rule declared in
    ``steps/<step>/rules.py``). With no scored step at all the score is ``None`` and the
    verdict ``unknown``.

Confidence
    How much the score rests on: **high** when a strong signal (a rated source, a red flag,
    a fact-check) backs a clear-cut score, **medium** with a strong signal, **low** when only
    weak signals (wording, style, layout) were seen. Without a strong signal the score stays
    within :data:`WEAK_RANGE` and the verdict is "mixed" ("limited evidence: check who
    published it"): when unsure, the tool calls a page neither doubtful nor reliable. A
    source rated "reliable" or "mixed" keeps the page at "mixed" or better
    (:data:`SOURCE_FLOOR`) unless a red flag caps it: age or wording alone never make a
    reputable page doubtful.

Verdict bands
    :data:`BANDS`: reliable >= 75 > mixed >= 55 > doubtful >= 35 > unreliable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from factcheck.combiner import Combiner, StepView, views_from_steps
from factcheck.i18n import LocalText, T
from factcheck.report import Confidence, Finding, Status, StepResult, Verdict

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


#: Confidence: "high" needs a strong signal (a rated source, a red flag, a fact-check) and a
#: probability at least this far from 0.5; a strong signal alone is "medium"; else "low".
HIGH_AT = 0.3
#: Without a strong signal the score stays in this range: the page's own wording and layout
#: separate reliable from unreliable pages only weakly (AUC 0.57-0.67 on the Weibo sets), so
#: they can raise doubt but never vouch for a page, nor condemn it alone.
WEAK_RANGE = (35, 74)
#: A source the knowledge base rates "reliable" or "mixed" keeps the page at "mixed" or
#: better unless a red flag caps it: the other steps (age, wording, layout) move the score
#: within that, never below the source's own word. Never worse than the strongest signal.
SOURCE_FLOOR: dict[str, int] = {"reliable": 55, "mixed": 55}
CONFIDENCE_REASONS: dict[str, LocalText] = {
    "high": T(
        "Strong evidence: a known rating of the source, a red flag or a fact-check, and a "
        "clear-cut score.",
        "证据充分：有信息来源的已知评级、明显警示或事实核查，且得分明确。",
    ),
    "medium_strong": T(
        "Some evidence: a known rating of the source, a red flag or a fact-check, but the "
        "other signals are mixed.",
        "有一定证据：有信息来源的已知评级、明显警示或事实核查，但其他信号不一致。",
    ),
    "low": T(
        "Limited evidence: only weak signals (wording, style, layout); the source is unknown. "
        "Check who published it.",
        "证据有限：只有较弱的信号（措辞、文风、版面），信息来源未知。请核实发布者。",
    ),
}


@dataclass(frozen=True)
class Overall:
    """The overall score, its verdict, the red flags that capped it and its confidence."""

    score: int | None
    verdict: Verdict
    caps: tuple[Finding, ...]  # findings whose cap lowered the score
    confidence: Confidence | None = None


def overall(
    steps: Sequence[StepResult],
    caps: Mapping[str, int],
    combiner: Combiner | None = None,
    language: str = "other",
) -> Overall:
    """The overall score of a report's steps (``caps``: finding code -> cap, from the steps'
    rule declarations; ``combiner``: the learned model, or None for the weighted mean)."""
    scored = [s for s in steps if s.status.scored and s.score is not None]
    if not scored:
        return Overall(None, Verdict.UNKNOWN, ())
    if combiner is None:
        total_weight = sum(WEIGHTS.get(s.id, 0.0) for s in scored) or 1.0
        mean = sum(WEIGHTS.get(s.id, 0.0) * (s.score or 0) for s in scored) / total_weight
        probability = mean / 100
    else:
        probability = combiner.probability(views_from_steps(steps), language)
    findings = [f for step in steps for f in step.findings]
    return finish(probability, findings, caps, views_from_steps(steps))


def finish(
    probability: float,
    findings: Sequence[Finding],
    caps: Mapping[str, int],
    views: Mapping[str, StepView],
) -> Overall:
    """Caps, confidence and verdict for a probability (shared with the evaluation)."""
    score = max(round(100 * probability), _source_floor(views))
    applied = [f for f in findings if f.code in caps and score > caps[f.code]]
    if applied:
        score = min(score, *(caps[f.code] for f in applied))
    strong = bool(applied) or _strong_signal(views)
    if not strong:  # weak signals alone: at most "mixed", at worst "doubtful"
        score = min(max(score, WEAK_RANGE[0]), WEAK_RANGE[1])
    confidence = confidence_for(probability, strong)
    # when unsure, say so: a low-confidence score reads "mixed" ("check it yourself")
    verdict = Verdict.MIXED if confidence.level == "low" else verdict_for(score)
    return Overall(score, verdict, tuple(applied), confidence)


def _source_floor(views: Mapping[str, StepView]) -> int:
    source = views.get("source")
    if source is None or not source.known:
        return 0
    return SOURCE_FLOOR.get(str(source.data.get("category")), 0)


def _strong_signal(views: Mapping[str, StepView]) -> bool:
    """A rated (or official, or impersonated) source, or a fact-check on the claim."""
    source, checkers = views.get("source"), views.get("factcheckers")
    return bool(source and source.known) or bool(checkers and checkers.known)


def confidence_for(probability: float, strong: bool) -> Confidence:
    """High: a strong signal and a clear-cut score; medium: a strong signal; low: only weak
    signals (on the Weibo sets, weak signals alone flagged real posts about as often as
    rumours: evaluation/overall.py), whatever the score."""
    clear = abs(probability - 0.5)
    level = "low" if not strong else "high" if clear >= HIGH_AT else "medium"
    key = {"high": "high", "medium": "medium_strong", "low": "low"}[level]
    return Confidence(level, round(2 * clear, 2), CONFIDENCE_REASONS[key])
