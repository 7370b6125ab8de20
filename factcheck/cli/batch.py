"""``factcheck batch INPUT``: read URLs, check them with :func:`check_many`, write records.

Input: one URL a line (``#`` comments allowed), or CSV / JSONL with a ``url`` column
(chosen by file suffix, else sniffed). Output: one JSON report a line, or with ``--csv``
one summary row a line. A failed URL is written as ``{"url", "error": {"code",
"message"}}``. Every record is flushed at once, so a run that is stopped can be resumed:
URLs already in the output are skipped.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from factcheck.batch import (
    DEFAULT_BACKOFF,
    DEFAULT_HOST_DELAY,
    DEFAULT_JOBS,
    DEFAULT_PER_HOST,
    DEFAULT_RETRIES,
    Outcome,
    check_many,
)
from factcheck.cli.progress import Progress
from factcheck.errors import FactcheckError, InvalidInputError
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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``factcheck batch``."""
    parser.add_argument(
        "input",
        metavar="INPUT",
        help="file of URLs: one a line, or CSV/JSONL with a 'url' column ('-' reads stdin)",
    )
    parser.add_argument(
        "-o",
        "--output",
        default="-",
        help="output file (default stdout); if it exists, URLs already in it are skipped",
    )
    parser.add_argument(
        "--csv", action="store_true", help="write a CSV summary (one row a URL) instead of JSONL"
    )
    parser.add_argument(
        "--format",
        choices=("auto", "lines", "csv", "jsonl"),
        default="auto",
        help="input format (default: from the file suffix, else sniffed)",
    )
    parser.add_argument(
        "--jobs",
        type=_positive_int,
        default=DEFAULT_JOBS,
        help=f"concurrent fetches (default {DEFAULT_JOBS})",
    )
    parser.add_argument(
        "--workers",
        type=_non_negative_int,
        default=None,
        help="analysis processes (default: one per core; 0 analyses in the main process)",
    )
    parser.add_argument(
        "--per-host",
        type=_positive_int,
        default=DEFAULT_PER_HOST,
        help=f"concurrent fetches per host (default {DEFAULT_PER_HOST})",
    )
    parser.add_argument(
        "--host-delay",
        type=float,
        default=DEFAULT_HOST_DELAY,
        help=f"seconds between fetch starts on one host (default {DEFAULT_HOST_DELAY})",
    )
    parser.add_argument(
        "--retries",
        type=_non_negative_int,
        default=DEFAULT_RETRIES,
        help=f"retries for timeouts, 5xx and dropped connections (default {DEFAULT_RETRIES})",
    )
    parser.add_argument(
        "--backoff",
        type=float,
        default=DEFAULT_BACKOFF,
        help=f"first retry delay in seconds, doubled each retry (default {DEFAULT_BACKOFF})",
    )
    parser.add_argument("--timeout", type=float, default=None, help="per-read timeout in seconds")
    parser.add_argument(
        "--lang",
        choices=("auto", "en", "zh"),
        default="auto",
        help="language of the pages (default: detected per page)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    parser.add_argument(
        "--allow-loopback",
        dest="allow_loopback",
        action="store_true",
        help="TESTING ONLY: allow fetching from 127.0.0.1 / localhost on any port",
    )


def run(args: argparse.Namespace) -> int:
    """Run the batch; 0 when it completed (failed URLs included), 2 for unusable input."""
    try:
        urls = read_urls(args.input, args.format)
    except (OSError, InvalidInputError) as exc:
        print(f"factcheck batch: {exc}", file=sys.stderr)
        return 2
    output = None if args.output == "-" else Path(args.output)
    done = already_done(output, as_csv=args.csv) if output else set()
    todo = [url for url in urls if url not in done]
    if done:
        print(
            f"factcheck batch: {len(urls) - len(todo)} of {len(urls)} URLs already in "
            f"{output}, skipped",
            file=sys.stderr,
        )
    show = sys.stderr.isatty() if args.progress is None else args.progress
    tally = Tally()
    progress = Progress(len(todo), sys.stderr, enabled=show)
    with _open_output(output) as stream:
        writer = RecordWriter(stream, as_csv=args.csv)
        try:
            for url, outcome in check_many(
                todo,
                workers=args.workers,
                jobs=args.jobs,
                per_host=args.per_host,
                host_delay=args.host_delay,
                retries=args.retries,
                backoff=args.backoff,
                timeout=args.timeout,
                allow_loopback=args.allow_loopback,
                lang=None if args.lang == "auto" else args.lang,
            ):
                writer.write(url, outcome)
                tally.add(outcome)
                progress.update(tally.total, tally.failed)
        except KeyboardInterrupt:
            progress.close()
            print("\nfactcheck batch: interrupted; run again to resume", file=sys.stderr)
            print(tally.table(progress.elapsed), file=sys.stderr)
            return 130
    progress.close()
    print(tally.table(progress.elapsed), file=sys.stderr)
    return 0


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


# -- output -----------------------------------------------------------------------------


def already_done(output: Path, *, as_csv: bool) -> set[str]:
    """URLs recorded in an earlier run's output (a cut-off last line is ignored)."""
    if not output.exists():
        return set()
    text = output.read_text(encoding="utf-8", errors="replace")
    if as_csv:
        return {row.get("url", "") for row in csv.DictReader(io.StringIO(text))} - {""}
    return {r["url"] for r in iter_records(text.splitlines()) if isinstance(r.get("url"), str)}


class _open_output:
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
            self.csv.writeheader()

    def write(self, url: str, outcome: Outcome) -> None:
        if self.csv is not None:
            self.csv.writerow(csv_row(url, outcome))
        else:
            self.stream.write(json.dumps(record(url, outcome), ensure_ascii=False) + "\n")
        self.stream.flush()


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


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def iter_records(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Parse a JSONL batch output (skips a cut-off line); handy for scripts and tests."""
    for line in lines:
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            yield value
