"""Shared plumbing for evaluation modules: where the data is, and how a result row looks.

Each evaluation module exposes ``run(shared: Path) -> list[Row]``; ``python -m evaluation``
runs them all and prints one table. Modules never train on what they test.
"""

from __future__ import annotations

import csv
import gzip
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """``../shared`` beside the repository, or ``$FACTCHECK_SHARED``."""
    return Path(os.environ.get("FACTCHECK_SHARED", REPO.parent / "shared")).resolve()


def read_gz(path: Path) -> bytes:
    """Bytes of a gzipped page."""
    with gzip.open(path, "rb") as handle:
        return handle.read()


@dataclass(frozen=True)
class Row:
    """One measured number, with what it was measured on and how it compares."""

    area: str  # e.g. "date", "author", "clickbait-en"
    metric: str  # e.g. "published-date accuracy"
    value: float
    n: int  # how many items it was measured on
    data: str  # which data set / split
    comparison: str = ""  # baseline(s) measured in the same run, e.g. "htmldate 0.71"

    def cells(self) -> list[str]:
        value = f"{self.value:.3f}" if isinstance(self.value, float) else str(self.value)
        return [self.area, self.metric, value, str(self.n), self.data, self.comparison]


def auc(scores_pos: list[float], scores_neg: list[float]) -> float:
    """Area under the ROC curve: the chance a random positive outranks a random negative
    (ties count half). Rank-based, O(n log n), no scikit-learn needed."""
    labelled = sorted([(s, 1) for s in scores_pos] + [(s, 0) for s in scores_neg])
    rank_sum, i = 0.0, 0
    while i < len(labelled):
        j = i
        while j < len(labelled) and labelled[j][0] == labelled[i][0]:
            j += 1
        mean_rank = (i + j + 1) / 2  # ranks are 1-based
        rank_sum += mean_rank * sum(label for _, label in labelled[i:j])
        i = j
    n_pos, n_neg = len(scores_pos), len(scores_neg)
    if not n_pos or not n_neg:
        return float("nan")
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def auc_labelled(labels: Sequence[int], scores: Sequence[float]) -> float:
    """:func:`auc` for parallel lists of 0/1 labels and scores (1 = positive)."""
    pairs = list(zip(labels, scores, strict=True))
    return auc([s for y, s in pairs if y], [s for y, s in pairs if not y])


def recovery_articles(shared: Path) -> list[dict[str, str]]:
    """Every row of ReCOVery's per-publisher CSVs (``reliability`` is per publisher)."""
    csv.field_size_limit(sys.maxsize)
    rows: list[dict[str, str]] = []
    for path in sorted((shared / "data/articles-en/dataset").glob("*/*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows
