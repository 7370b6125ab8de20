"""The learned combiner: the overall score as a probability, from the seven steps' outputs.

Pure Python; the runtime needs only this module and ``data/combiner.json`` (written by
``training/train_combiner.py``, which uses the same :func:`features`). Each known step gives
its centred score; an unknown step gives nothing (no information, never a penalty). The
source step has an explicit ``known`` indicator (an unknown source is not a middle rating)
and gives its rating at full resolution (0-100, centred) with where it comes from; finding
codes from the model's list (declared rules: ``load_combiner(RULES)`` checks) are binary
indicators.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from factcheck.report import StepResult

COMBINER_FILE = "data/combiner.json"

STEPS = ("source", "headline", "author", "date", "evidence", "bias", "factcheckers")
SCORED = frozenset({"pass", "warn", "fail"})
#: Steps with an explicit "known" indicator. Only the source: a missing rating is not a
#: middle rating. For the other steps the indicator learnt each set's artefacts (CHECKED's
#: rumours are short, so "bias unknown" meant "rumour") and turned a missing signal into a
#: penalty; without it a missing step adds nothing (evaluation/overall.py).
INDICATOR_STEPS = frozenset({"source"})


@dataclass(frozen=True)
class StepView:
    """The part of a step result the combiner reads."""

    status: str
    score: int | None
    codes: frozenset[str] = frozenset()
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def known(self) -> bool:
        return self.status in SCORED and self.score is not None


def _centred(value: float | None) -> float:
    return 0.0 if value is None else (float(value) - 50.0) / 50.0


def _source_features(step: StepView) -> dict[str, float]:
    """The rating at full resolution and where it comes from; all 0 for an unknown source."""
    data = step.data
    rating = data.get("rating")
    origin = str(data.get("rating_origin") or "")
    category = str(data.get("category") or "unknown")
    return {
        "source.rated": float(rating is not None),
        "source.rating": _centred(rating) if rating is not None else 0.0,
        "source.curated": float(rating is not None and origin.startswith("curated")),
        "source.authority_unrated": float(rating is None and category == "reliable"),
        "source.cat_fake": float(category == "fake"),
        "source.cat_unreliable": float(category == "unreliable"),
        "source.cat_satire": float(category == "satire"),
        "source.official_tld": float(bool(data.get("official_tld"))),
    }


def features(
    steps: Mapping[str, StepView], language: str, codes: Sequence[str]
) -> dict[str, float]:
    """Named feature values for one report (absent names are 0): a step's centred score
    only when the step is known; for :data:`INDICATOR_STEPS` also a ``known`` indicator,
    so an unknown source is not a middle rating."""
    out: dict[str, float] = {}
    for step_id in STEPS:
        step = steps.get(step_id) or StepView("unknown", None)
        if step.known:
            if step_id in INDICATOR_STEPS:
                out[f"{step_id}.known"] = 1.0
            out[f"{step_id}.score"] = _centred(step.score)
    out.update(_source_features(steps.get("source") or StepView("unknown", None)))
    present = set().union(*(s.codes for s in steps.values())) if steps else set()
    for code in codes:
        out[f"code:{code}"] = float(code in present)
    return out


def names(codes: Sequence[str]) -> list[str]:
    """Every feature name, in the order the weights are stored."""
    per_step = [f"{s}.score" for s in STEPS] + [f"{s}.known" for s in INDICATOR_STEPS]
    source = _source_features(StepView("unknown", None))
    return sorted([*per_step, *source, *(f"code:{c}" for c in codes)])


@dataclass(frozen=True)
class Combiner:
    """A logistic model over :func:`features`: probability that the page is reliable."""

    intercept: float
    weights: Mapping[str, float]
    codes: tuple[str, ...]
    meta: Mapping[str, Any] = field(default_factory=dict)

    def logit(self, steps: Mapping[str, StepView], language: str) -> float:
        values = features(steps, language, self.codes)
        return self.intercept + sum(w * values.get(k, 0.0) for k, w in self.weights.items())

    def probability(self, steps: Mapping[str, StepView], language: str) -> float:
        return 1.0 / (1.0 + math.exp(-self.logit(steps, language)))

    def contributions(
        self, steps: Mapping[str, StepView], language: str
    ) -> list[tuple[str, float]]:
        """Each non-zero term of the logit, largest first (for technical details)."""
        values = features(steps, language, self.codes)
        terms = [(k, w * values.get(k, 0.0)) for k, w in self.weights.items()]
        return sorted((t for t in terms if t[1]), key=lambda t: -abs(t[1]))

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Combiner:
        return cls(
            float(raw["intercept"]),
            {str(k): float(v) for k, v in raw["weights"].items()},
            tuple(raw["codes"]),
            raw.get("meta", {}),
        )


def load_combiner(declared: Collection[str] | None = None) -> Combiner:
    """The shipped model (``data/combiner.json``). With ``declared`` (the codes of
    ``factcheck.steps.RULES``), every finding code the model weighs must be a declared rule
    (the tests check it; at run time the codes are data, compared with the findings')."""
    text = resources.files("factcheck").joinpath(COMBINER_FILE).read_text("utf-8")
    combiner = Combiner.from_dict(json.loads(text))
    unknown = sorted(set(combiner.codes) - set(declared)) if declared is not None else []
    if unknown:
        raise ValueError(f"{COMBINER_FILE} weighs undeclared finding codes: {unknown}")
    return combiner


def views_from_steps(steps: Iterable[StepResult]) -> dict[str, StepView]:
    """StepViews of a report's step results."""
    return {
        s.id: StepView(s.status.value, s.score, frozenset(f.code for f in s.findings), s.data)
        for s in steps
    }


def views_from_record(steps: Mapping[str, Mapping[str, Any]]) -> dict[str, StepView]:
    """StepViews from a cached evaluation record (``evaluation.labelled``)."""
    return {
        sid: StepView(s["status"], s["score"], frozenset(s.get("codes", ())), s.get("data", {}))
        for sid, s in steps.items()
    }


def code_counts(records: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for rec in records:
        for step in rec["steps"].values():
            for code in step.get("codes", ()):
                counts[code] = counts.get(code, 0) + 1
    return counts
