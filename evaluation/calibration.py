"""Calibration and ranking helpers for :mod:`evaluation.overall`: ECE, the reliability
diagram (written as a markdown table, ``evaluation/CALIBRATION.md``) and AUC within folds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .common import REPO, auc

NAMES = {"recovery": "ReCOVery", "checked": "CHECKED", "ced": "CED", "pages": "pages-real"}


def fold_auc(labels: Sequence[int], scores: Sequence[float], folds: Sequence[int]) -> float:
    """AUC over the pairs that share a test fold: each fold's model is compared only with
    itself (on CHECKED every real post is from one account, hence in one fold)."""
    pairs, total = 0, 0.0
    for k in sorted(set(folds)):
        pos = [s for y, s, f in zip(labels, scores, folds, strict=True) if f == k and y == 1]
        neg = [s for y, s, f in zip(labels, scores, folds, strict=True) if f == k and y == 0]
        if pos and neg:
            total += auc(pos, neg) * len(pos) * len(neg)
            pairs += len(pos) * len(neg)
    return total / pairs if pairs else float("nan")


def ece(labels: Sequence[int], prob: Sequence[float], *, balanced: bool = False) -> float:
    """Expected calibration error, 10 equal bins; ``balanced`` reweights the classes to
    50/50 (the prior the model is fitted for)."""
    weights = class_weights(labels) if balanced else [1.0] * len(labels)
    total = sum(weights)
    return sum(w / total * abs(p - r) for _, _, w, p, r in reliability(labels, prob, weights))


def class_weights(labels: Sequence[int]) -> list[float]:
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    return [0.5 / n_pos if y else 0.5 / n_neg for y in labels]


def reliability(
    labels: Sequence[int], prob: Sequence[float], weights: Sequence[float] | None = None
) -> list[tuple[float, float, float, float, float]]:
    """(low, high, weight, mean predicted, observed share reliable) per non-empty bin."""
    weights = weights or [1.0] * len(labels)
    out = []
    for b in range(10):
        lo, hi = b / 10, (b + 1) / 10
        idx = [i for i, p in enumerate(prob) if lo <= p < hi or (b == 9 and p == 1.0)]
        if idx:
            w = sum(weights[i] for i in idx)
            mean_p = sum(weights[i] * prob[i] for i in idx) / w
            out.append((lo, hi, w, mean_p, sum(weights[i] * labels[i] for i in idx) / w))
    return out


def write_calibration(records: list[dict[str, Any]], cols: dict[str, list[Any]]) -> None:
    lines = [
        "# Calibration of the overall score (reliability diagram)",
        "",
        "Made by `.venv/bin/python -m evaluation overall`. Score / 100 read as the probability",
        "that the page is reliable; grouped out-of-fold scores (the model never saw the",
        "publisher or account). A calibrated score has observed share close to predicted.",
        "",
    ]
    for dataset in ("all", "recovery", "checked", "ced", "pages"):
        idx = [i for i, r in enumerate(records) if dataset in ("all", r["dataset"])]
        labels = [records[i]["label"] for i in idx]
        prob = [cols["overall"][i] / 100 for i in idx]
        lines += [
            f"## {NAMES.get(dataset, 'all sets')} (n={len(idx)}, ECE {ece(labels, prob):.3f}; "
            f"classes reweighted 50/50: {ece(labels, prob, balanced=True):.3f})",
            "",
            "| score bin | n | mean predicted | observed reliable | |",
            "|---|---|---|---|---|",
        ]
        for lo, hi, n, mean_p, rate in reliability(labels, prob):  # n: pages in the bin
            bar = "#" * round(20 * rate)
            lines.append(
                f"| {100 * lo:.0f}-{100 * hi:.0f} | {n:.0f} | {mean_p:.2f} | {rate:.2f} | `{bar}` |"
            )
        lines.append("")
    (REPO / "evaluation" / "CALIBRATION.md").write_text("\n".join(lines), encoding="utf-8")
