"""The two labelled page sets of ``shared/data/pages-metadata`` (htmldate's, trafilatura's).

Pages are gzipped HTML; the URL in each JSON file is the page's own URL (handed to the
extractors as ``url``, never fetched).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .common import read_gz


@dataclass(frozen=True)
class LabelledPage:
    url: str
    path: Path
    label: dict[str, str]

    def html(self) -> bytes:
        return read_gz(self.path)


def htmldate_pages(shared: Path) -> Iterator[LabelledPage]:
    """htmldate's 800 pages with their true publication date (``label["date"]``)."""
    yield from _pages(shared / "data/pages-metadata/htmldate/tests", "eval_default.json")


def trafilatura_pages(shared: Path) -> Iterator[LabelledPage]:
    """trafilatura's 990 pages with expected title, author, date ... (empty keys included)."""
    yield from _pages(shared / "data/pages-metadata/trafilatura/tests", "evaldata.json")


def _pages(root: Path, index: str) -> Iterator[LabelledPage]:
    labels = json.loads((root / index).read_text(encoding="utf-8"))
    for url, label in labels.items():
        for folder in ("eval", "cache"):
            path = root / folder / f"{label['file']}.gz"
            if path.exists():
                yield LabelledPage(
                    url.strip(), path, {k: v for k, v in label.items() if isinstance(v, str)}
                )
                break
