"""What ``factcheck batch`` writes: JSONL reports or CSV rows, resumable, and a summary."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from factcheck.batch import Outcome
from factcheck.errors import FactcheckError
from factcheck.report import Report

STEP_IDS = ("source", "headline", "author", "date", "evidence", "bias", "factcheckers")
CSV_FIELDS = (
    "url",
    "final_url",
    "verdict",
    "score",
    "language",
    "title",
    *(f"{step}_status" for step in STEP_IDS),
    "error_code",
    "error_message",
)

# -- output -----------------------------------------------------------------------------


def already_done(output: Path, *, as_csv: bool) -> set[str]:
    """URLs recorded in an earlier run's output (a cut-off last line is ignored)."""
    if not output.exists():
        return set()
    text = output.read_text(encoding="utf-8-sig", errors="replace")
    if as_csv:
        return {row.get("url", "") for row in csv.DictReader(io.StringIO(text))} - {""}
    return {r["url"] for r in iter_records(text.splitlines()) if isinstance(r.get("url"), str)}


class open_output:
    """stdout, or the output file opened for appending (a cut-off last line is ended)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.stream: TextIO = sys.stdout

    def __enter__(self) -> TextIO:
        if self.path is not None:
            needs_newline = _ends_without_newline(self.path)
            self.stream = self.path.open("a", encoding="utf-8", newline="")
            if needs_newline:
                self.stream.write("\n")
        return self.stream

    def __exit__(self, *exc: object) -> None:
        if self.path is not None:
            self.stream.close()
        else:
            self.stream.flush()


def _ends_without_newline(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    with path.open("rb") as handle:
        handle.seek(-1, 2)
        return handle.read(1) != b"\n"


class RecordWriter:
    """Writes one record per outcome and flushes it, so every finished URL survives a stop."""

    def __init__(self, stream: TextIO, *, as_csv: bool) -> None:
        self.stream = stream
        self.csv = csv.DictWriter(stream, CSV_FIELDS, lineterminator="\n") if as_csv else None
        if self.csv is not None and _at_start(stream):
            if _fresh_file(stream):  # a byte-order mark: Excel then reads Chinese as UTF-8
                stream.write("\ufeff")
            self.csv.writeheader()

    def write(self, url: str, outcome: Outcome) -> None:
        if self.csv is not None:
            self.csv.writerow(csv_row(url, outcome))
        else:
            self.stream.write(json.dumps(record(url, outcome), ensure_ascii=False) + "\n")
        self.stream.flush()


def _fresh_file(stream: TextIO) -> bool:
    """An empty file (not a pipe or a terminal), so the first bytes are ours."""
    try:
        return stream.seekable() and stream.tell() == 0 and not stream.isatty()
    except (OSError, ValueError):
        return False


def _at_start(stream: TextIO) -> bool:
    try:
        return stream.tell() == 0
    except (OSError, ValueError):
        return True  # stdout pipe


def record(url: str, outcome: Outcome) -> dict[str, Any]:
    """The JSONL record: the report's JSON with ``url`` as given, or the error."""
    if isinstance(outcome, Report):
        data = outcome.to_dict()
        data["url"] = url
        return data
    return {"url": url, "error": error_dict(outcome)}


def error_dict(error: FactcheckError) -> dict[str, str]:
    return {"code": error.code, "message": str(error)}


def csv_row(url: str, outcome: Outcome) -> dict[str, Any]:
    if not isinstance(outcome, Report):
        return {"url": url, "error_code": outcome.code, "error_message": str(outcome)}
    row: dict[str, Any] = {
        "url": url,
        "final_url": outcome.final_url or "",
        "verdict": outcome.verdict.value,
        "score": "" if outcome.score is None else outcome.score,
        "language": outcome.language,
        "title": outcome.title,
    }
    for step in outcome.steps:
        row[f"{step.id}_status"] = step.status.value
    return row


# -- summary ----------------------------------------------------------------------------


class Tally:
    """Verdict counts and failures by reason, for the closing table."""

    def __init__(self) -> None:
        self.verdicts: Counter[str] = Counter()
        self.failures: Counter[str] = Counter()

    @property
    def total(self) -> int:
        return sum(self.verdicts.values()) + self.failed

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, Report):
            self.verdicts[outcome.verdict.value] += 1
        else:
            self.failures[outcome.code] += 1

    def table(self, elapsed: float) -> str:
        rows = [("checked", self.total - self.failed)]
        rows += [(f"  {name}", count) for name, count in self.verdicts.most_common()]
        rows += [("failed", self.failed)]
        rows += [(f"  {code}", count) for code, count in self.failures.most_common()]
        width = max(len(label) for label, _ in rows)
        rate = self.total / elapsed if elapsed > 0 else 0.0
        lines = [f"{label:<{width}}  {count:>7}" for label, count in rows]
        lines.append(f"{self.total} URLs in {elapsed:.1f} s ({rate:.1f}/s)")
        return "\n".join(lines)


def iter_records(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Parse a JSONL batch output (skips a cut-off line); handy for scripts and tests."""
    for line in lines:
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            yield value
