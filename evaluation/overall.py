"""The learned overall score, judged on data it was not fitted on (issue 12).

Records come from :mod:`evaluation.labelled` (the real engine over ReCOVery, CHECKED, CED and
pages-real, cached under .cache/combiner; ``python -m evaluation.labelled --refresh``
rebuilds them after an engine change, ~4 minutes). Splits, never random rows:

* grouped 5-fold on the training sets (ReCOVery, CHECKED, CED): a salted hash of the
  publisher / posting account picks the fold (``training.train_combiner.fold_of``), so one
  publisher is never on both sides. AUC counts the pairs within a test fold (each fold's
  model is compared with itself: on CHECKED every real post is from one account, so all of
  them share one fold).
* leave-one-set-out: fitted on the other training sets only, tested on the left-out set.
* pages-real is never fitted on: it is scored by the model fitted on all training sets.

Per set: AUC of the overall score (learned, floors and caps applied by the engine's own
:func:`factcheck.scoring.finish`), of the former hand-weighted mean of the same steps, of
each step alone (an unknown step ranks at 50: the overall score lives with that too), of
the source step alone and of a plain Lin et al. pc1 lookup, of the score without the source
step (refitted without it), calibration (ECE, 10 bins, also with the classes reweighted to
the 50/50 prior the model is fitted for), the false-alarm rate (reputable pages whose
verdict is doubtful or unreliable), the share of misinformation scored "reliable", and how
often each confidence level is right. ``python -m evaluation overall`` also writes
``evaluation/CALIBRATION.md`` (reliability diagram as a table).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from factcheck.combiner import STEPS, Combiner, views_from_record
from factcheck.i18n import T
from factcheck.report import Finding, Verdict
from factcheck.scoring import WEIGHTS, Overall, finish, verdict_for
from factcheck.steps import CAPS
from training.train_combiner import FOLDS, TRAIN_SETS, fit, fold_of, load_all, select_codes

from .calibration import NAMES, ece, fold_auc, write_calibration
from .common import Row, auc_labelled, shared_dir
from .labelled import load
from .sources import _importer

Record = dict[str, Any]
BAD_VERDICTS = frozenset({Verdict.DOUBTFUL, Verdict.UNRELIABLE})


def _findings(rec: Record) -> list[Finding]:
    return [Finding(c, 0, T("", "")) for s in rec["steps"].values() for c in s.get("codes", ())]


def judged(rec: Record, probability: float) -> Overall:
    """What the engine makes of a probability: caps, confidence, verdict (the real code)."""
    return finish(probability, _findings(rec), CAPS, views_from_record(rec["steps"]))


def hand_weighted(rec: Record) -> Overall:
    """The former overall score: the weighted mean of the scored steps, capped."""
    known = {k: v for k, v in views_from_record(rec["steps"]).items() if v.known}
    if not known:
        return Overall(None, Verdict.UNKNOWN, ())
    total = sum(WEIGHTS[k] for k in known)
    score = round(sum(WEIGHTS[k] * (v.score or 0) for k, v in known.items()) / total)
    caps = [CAPS[f.code] for f in _findings(rec) if f.code in CAPS]
    score = min([score, *caps])
    return Overall(score, verdict_for(score), ())


def _predict(model: dict, recs: Sequence[Record]) -> list[float]:
    combiner = Combiner.from_dict(model)
    return [combiner.probability(views_from_record(r["steps"]), r["language"]) for r in recs]


def out_of_fold(records: Sequence[Record], drop: Sequence[str] = ()) -> list[float]:
    """Probability for each record from a model fitted without its group's fold."""
    codes = select_codes(records)
    folds = [fold_of(r["group"]) for r in records]
    prob = [0.0] * len(records)
    for k in range(FOLDS):
        train = [r for r, f in zip(records, folds, strict=True) if f != k]
        test = [i for i, f in enumerate(folds) if f == k]
        model = fit(train, codes, drop)
        for i, p in zip(test, _predict(model, [records[i] for i in test]), strict=True):
            prob[i] = p
    return prob


def leave_one_set_out(records: Sequence[Record]) -> list[float]:
    prob = [0.0] * len(records)
    for dataset in sorted({r["dataset"] for r in records}):
        train = [r for r in records if r["dataset"] != dataset]
        test = [i for i, r in enumerate(records) if r["dataset"] == dataset]
        model = fit(train, select_codes(train))
        for i, p in zip(test, _predict(model, [records[i] for i in test]), strict=True):
            prob[i] = p
    return prob


def lin_rating(rec: Record, table: dict[str, int]) -> float:
    """Lin et al. pc1 (x100) of the page's host or its nearest listed parent; 50 if none."""
    data = rec["steps"].get("source", {}).get("data", {})
    host = str(data.get("host") or data.get("domain") or "").removeprefix("www.")
    labels = host.split(".")
    for i in range(len(labels) - 1):
        value = table.get(".".join(labels[i:]))
        if value is not None:
            return float(value)
    return 50.0


def step_score(step_id: str) -> Callable[[Record], float]:
    def value(rec: Record) -> float:
        step = rec["steps"].get(step_id, {})
        known = step.get("status") in ("pass", "warn", "fail") and step.get("score") is not None
        return float(step["score"]) if known else 50.0

    return value


def set_rows(dataset: str, recs: list[Record], cols: dict[str, list[Any]]) -> list[Row]:
    labels = [r["label"] for r in recs]
    n = len(recs)
    held_out = dataset not in TRAIN_SETS  # one model scored all of it: every pair counts
    folds = [0] * n if held_out else [fold_of(r["group"]) for r in recs]
    data = f"{NAMES[dataset]}: {sum(labels)} reliable vs {n - sum(labels)} misinformation"
    steps = {s: fold_auc(labels, [step_score(s)(r) for r in recs], folds) for s in STEPS}
    best = max((v, s) for s, v in steps.items())
    lodo = auc_labelled(labels, cols["lodo"])
    prob = [p / 100 for p in cols["overall"]]
    out = [
        Row(
            "overall",
            "AUC overall (learned), grouped folds",
            fold_auc(labels, cols["overall"], folds),
            n,
            data,
            f"best single step: {best[1]} {best[0]:.3f}; hand weights "
            f"{fold_auc(labels, cols['former'], folds):.3f}",
        ),
        Row(
            "overall",
            "AUC overall (learned), leave-set-out",
            lodo,
            n,
            data,
            "fitted on the other sets only",
        ),
        Row(
            "overall",
            "AUC without the source step (refitted), grouped folds",
            fold_auc(labels, cols["without_source"], folds),
            n,
            data,
            f"source step alone {steps['source']:.3f}; Lin pc1 lookup alone "
            f"{fold_auc(labels, cols['lin'], folds):.3f}",
        ),
        Row(
            "overall",
            "AUC per step alone (unknown = 50), best",
            best[0],
            n,
            data,
            ", ".join(f"{s} {v:.3f}" for s, v in steps.items()),
        ),
        Row(
            "overall",
            "ECE (10 bins), classes reweighted 50/50",
            ece(labels, prob, balanced=True),
            n,
            data,
            f"as sampled {ece(labels, prob):.3f}; leave-set-out "
            f"{ece(labels, [p / 100 for p in cols['lodo']], balanced=True):.3f}",
        ),
    ]
    return out + verdict_rows(recs, cols, data) + confidence_rows(recs, cols, data)


def verdict_rows(recs: list[Record], cols: dict[str, list[Any]], data: str) -> list[Row]:
    out = []
    good = [i for i, r in enumerate(recs) if r["reputable"]]
    bad = [i for i, r in enumerate(recs) if r["label"] == 0]
    for name, idx, hit in (
        ("false-alarm rate (reputable: doubtful or unreliable)", good, BAD_VERDICTS),
        ("misinformation scored reliable", bad, frozenset({Verdict.RELIABLE})),
    ):
        if idx:
            now = sum(cols["verdict"][i] in hit for i in idx) / len(idx)
            was = sum(cols["former_verdict"][i] in hit for i in idx) / len(idx)
            out.append(Row("overall", name, now, len(idx), data, f"hand weights {was:.3f}"))
    return out


def confidence_rows(recs: list[Record], cols: dict[str, list[Any]], data: str) -> list[Row]:
    """Share of pages at each confidence level, and how often the verdict side is right."""
    out = []
    for level in ("high", "medium", "low"):
        idx = [i for i, c in enumerate(cols["confidence"]) if c == level]
        if idx:
            right = sum((cols["overall"][i] >= 50) == bool(recs[i]["label"]) for i in idx)
            out.append(
                Row(
                    "overall",
                    f"confidence {level}: share of pages",
                    len(idx) / len(recs),
                    len(idx),
                    data,
                    f"score on the right side of 50: {right / len(idx):.3f}",
                )
            )
    return out


def columns(records: list[Record], held_out: list[Record]) -> dict[str, list[Any]]:
    """Scores of ``records`` (training sets: grouped out-of-fold and leave-set-out) followed
    by ``held_out`` (pages-real: the model fitted on every training record, never on it)."""
    full = fit(records, select_codes(records))
    kept = _predict(full, held_out)
    oof = [*out_of_fold(records), *kept]
    lodo = [*leave_one_set_out(records), *kept]
    without = fit(records, select_codes(records), ["source"])
    everything = [*records, *held_out]
    judged_oof = [judged(r, p) for r, p in zip(everything, oof, strict=True)]
    former = [hand_weighted(r) for r in everything]
    table = lin_table()
    return {
        "overall": [_score(o) for o in judged_oof],
        "verdict": [o.verdict for o in judged_oof],
        "confidence": [o.confidence.level if o.confidence else "none" for o in judged_oof],
        "lodo": [_score(judged(r, p)) for r, p in zip(everything, lodo, strict=True)],
        "without_source": [
            *out_of_fold(records, drop=["source"]),
            *_predict(without, held_out),
        ],
        "former": [_score(o) for o in former],
        "former_verdict": [o.verdict for o in former],
        "lin": [lin_rating(r, table) for r in everything],
    }


def _score(result: Overall) -> float:
    return float(result.score if result.score is not None else 50)


def lin_table() -> dict[str, int]:
    """Lin et al. pc1 x100 per domain, read by the shipped importer's own code."""
    rows = _importer().build(shared_dir() / "data" / "sources", ("mbfc", "opensources"))
    return {d: row.ratings["lin"] for d, row in rows.items() if "lin" in row.ratings}


def run(shared: Path) -> list[Row]:
    held_out = [r for r in load("pages") if r["label"] is not None]
    records = [*load_all(), *held_out]
    cols = columns(records[: -len(held_out)], held_out)
    rows: list[Row] = []
    for dataset in ("recovery", "checked", "ced", "pages"):
        idx = [i for i, r in enumerate(records) if r["dataset"] == dataset]
        if idx:
            sub = {k: [v[i] for i in idx] for k, v in cols.items()}
            rows.extend(set_rows(dataset, [records[i] for i in idx], sub))
    write_calibration(records, cols)
    return rows
