"""``factcheck batch INPUT``: read URLs, check them with :func:`check_many`, write records.

Input: one URL a line (``#`` comments allowed), or CSV / JSONL with a ``url`` column
(chosen by file suffix, else sniffed). Output: one JSON report a line, or with ``--csv``
one summary row a line. A failed URL is written as ``{"url", "error": {"code",
"message"}}``. Every record is flushed at once, so a run that is stopped can be resumed:
URLs already in the output are skipped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from factcheck.batch import (
    DEFAULT_BACKOFF,
    DEFAULT_HOST_DELAY,
    DEFAULT_JOBS,
    DEFAULT_PER_HOST,
    DEFAULT_RETRIES,
    check_many,
)
from factcheck.cli.batch_input import read_urls
from factcheck.cli.batch_output import RecordWriter, Tally, already_done, open_output
from factcheck.cli.progress import Progress
from factcheck.errors import InvalidInputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``factcheck batch``: what to read and write, then how to fetch."""
    _io_arguments(parser)
    _fetch_arguments(parser)


def _io_arguments(parser: argparse.ArgumentParser) -> None:
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
        "--csv",
        action="store_true",
        help="write a CSV summary (one row a URL) instead of JSONL; a new file starts with a "
        "UTF-8 byte-order mark so Excel shows Chinese correctly",
    )
    parser.add_argument(
        "--format",
        choices=("auto", "lines", "csv", "jsonl"),
        default="auto",
        help="input format (default: from the file suffix, else sniffed)",
    )
    parser.add_argument(
        "--page-lang",
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


def _fetch_arguments(parser: argparse.ArgumentParser) -> None:
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
    with open_output(output) as stream:
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
                lang=None if args.page_lang == "auto" else args.page_lang,
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
