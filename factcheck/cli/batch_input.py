"""Where ``factcheck batch`` reads its URLs: lines, CSV or JSONL with a ``url`` column."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from factcheck.errors import InvalidInputError

# -- input ------------------------------------------------------------------------------


def read_urls(source: str, fmt: str = "auto") -> list[str]:
    """The URLs of ``source`` (a path or '-'), in order, each once."""
    text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
    if fmt == "auto":
        fmt = _guess_format(Path(source).suffix.lower() if source != "-" else "", text)
    reader = {"lines": _from_lines, "csv": _from_csv, "jsonl": _from_jsonl}[fmt]
    return list(dict.fromkeys(url for url in reader(text) if url))


def _guess_format(suffix: str, text: str) -> str:
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.startswith("{"):
        return "jsonl"
    header = next(csv.reader([first]), [])
    if len(header) > 1 and any(cell.strip().lower() == "url" for cell in header):
        return "csv"
    return "lines"


def _from_lines(text: str) -> Iterator[str]:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _from_csv(text: str) -> Iterator[str]:
    reader = csv.DictReader(io.StringIO(text))
    column = next((name for name in reader.fieldnames or () if name.strip().lower() == "url"), None)
    if column is None:
        raise InvalidInputError("the CSV input has no 'url' column")
    for row in reader:
        yield (row.get(column) or "").strip()


def _from_jsonl(text: str) -> Iterator[str]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"line {number} is not JSON: {exc.msg}") from None
        url = record.get("url") if isinstance(record, dict) else None
        if not isinstance(url, str):
            raise InvalidInputError(f"line {number} has no 'url' string")
        yield url.strip()
