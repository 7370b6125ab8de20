"""Impersonation: precision and recall on the labelled lookalike/legitimate case file.

The cases (``tests/data/impersonation_cases.yaml``) were written by hand: real and plausible
lookalikes of institutions' domains and accounts, and legitimate sites and accounts that
share a name with an institution. Batch 1 was written first and the detector tuned on it;
batch 2 was written afterwards, measured, and the generic gaps it showed were fixed once
(so neither batch is a pristine test set; the first batch-2 measurement is in the report).
Each case runs through the functions step 1 uses (``judge_domain``, ``account_lookalike``)
against the shipped knowledge base; a detection counts only when it names the right
official domain.
"""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from factcheck.knowledge.sources import SourceDB
from factcheck.steps.source.impersonation import account_lookalike, judge_domain

from .common import REPO, Row

CASES = REPO / "tests" / "data" / "impersonation_cases.yaml"


def load_cases() -> dict[str, list[dict[str, str]]]:
    return yaml.safe_load(CASES.read_text(encoding="utf-8"))


def predict(case: dict[str, str], db: SourceDB) -> tuple[str, ...] | None:
    """The official domains of what the case is judged to imitate, or None."""
    if "host" in case:
        hit = judge_domain(case["host"], str(case.get("names") or ""), db)
    else:
        hit = account_lookalike(case["platform"], case["name"], db)
    return hit.target.official or (hit.official_domain,) if hit is not None else None


def score(cases: list[dict[str, str]], db: SourceDB) -> tuple[float, float, int, list[str]]:
    """Precision, recall, n and the misjudged cases."""
    tp = fp = fn = 0
    errors = []
    for case in cases:
        predicted = predict(case, db)
        positive = case["label"] == "impersonation"
        label = case.get("host") or f"{case['platform']}:{case['name']}"
        if positive and predicted is not None and case.get("target") in predicted:
            tp += 1
        elif positive:
            fn += 1
            fp += predicted is not None  # flagged, but as the wrong institution
            errors.append(f"missed {label} (got {predicted and predicted[0]})")
        elif predicted is not None:
            fp += 1
            errors.append(f"false alarm {label} -> {predicted[0]}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, len(cases), errors


def run(shared: Path) -> list[Row]:
    db = SourceDB.load(overlays=())
    cases = load_cases()
    rows = []
    for kind in ("domains", "accounts"):
        for batch, note in ((1, "tuned on"), (2, "written after tuning; gaps fixed once")):
            subset = [c for c in cases[kind] if int(c.get("batch", 1)) == batch]
            precision, recall, n, errors = score(subset, db)
            data = f"impersonation_cases.yaml {kind} batch {batch} ({note})"
            misses = "; ".join(errors) or "no errors"
            rows.append(Row("impersonation", f"{kind} precision", precision, n, data, misses))
            rows.append(Row("impersonation", f"{kind} recall", recall, n, data, ""))
    rows.append(false_alarms_on_news_domains(shared))
    return rows


def false_alarms_on_news_domains(shared: Path) -> Row:
    """Strong detections among the real news domains Lin et al. rate, with the imported layer
    removed (otherwise every one of them is "listed" and exempt): the raw false-alarm rate."""
    path = shared / "data" / "sources" / "lin2023-domain-ratings" / "data" / "domain_pc1.csv"
    with path.open(encoding="utf-8") as handle:
        hosts = [r["domain"] for r in csv.DictReader(handle) if "/" not in r["domain"]]
    db = SourceDB.load(overlays=(), imported={})
    flagged = [h for h in hosts if judge_domain(h, "", db) is not None]
    return Row(
        "impersonation",
        "false alarms per 1,000 real news domains",
        1000 * len(flagged) / len(hosts),
        len(hosts),
        "Lin et al. 2023 domains, imported layer removed, no page text",
        "flagged: " + ", ".join(flagged),
    )


if __name__ == "__main__":
    for row in run(Path(".")):
        print(" | ".join(row.cells()))
