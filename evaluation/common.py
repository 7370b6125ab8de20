"""Shared plumbing for evaluation modules: where the data is, and how a result row looks.

Each evaluation module exposes ``run(shared: Path) -> list[Row]``; ``python -m evaluation``
runs them all and prints one table. Modules never train on what they test.
"""

from __future__ import annotations

import gzip
import os
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
