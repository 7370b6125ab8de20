"""The ``factcheck`` command: check one page, check many, or serve the HTTP API.

Exit codes (stable, for scripts):

==  =============================================================
0   a report was produced (and its score is at or above ``--fail-under``)
1   unexpected internal error
2   usage error (bad arguments, unreadable file)
3   the URL or input was refused (malformed, blocked, not http/https)
4   the page could not be fetched (DNS, timeout, HTTP error, too large, not HTML)
5   a report was produced but its score is below ``--fail-under``
==  =============================================================
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import FactcheckError, FetchError, InvalidInputError
from .report import STATUS_TEXT, VERDICT_TEXT, Report, Status

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_REFUSED, EXIT_FETCH, EXIT_LOW_SCORE = 0, 1, 2, 3, 4, 5


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    if not args.verbose:  # extraction libraries narrate every odd page; users need none of it
        for noisy in ("trafilatura", "htmldate", "courlan"):
            logging.getLogger(noisy).setLevel(logging.ERROR)
    if not hasattr(args, "handler"):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `factcheck check URL | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Apply the WHO's seven steps to a web page and print a scored checklist.",
        epilog="Exit codes: 0 ok, 1 internal error, 2 usage, 3 refused input, 4 fetch failed, "
        "5 score below --fail-under.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(metavar="COMMAND")

    check = sub.add_parser("check", help="check one URL or one saved HTML file")
    check.add_argument("url", nargs="?", help="the page to check (fetched safely)")
    check.add_argument(
        "--html", type=Path, metavar="FILE", help="analyse this saved HTML file instead of fetching"
    )
    check.add_argument(
        "--url", dest="page_url", metavar="URL", help="the address the --html file came from"
    )
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument(
        "--lang",
        choices=("en", "zh"),
        help="language of the printed checklist (default: page language)",
    )
    check.add_argument(
        "--fail-under", type=int, metavar="SCORE", help="exit 5 when the score is below SCORE"
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.set_defaults(handler=_run_check)

    batch = sub.add_parser("batch", help="check many URLs (one a line, CSV or JSONL) into JSONL")
    try:
        from . import batch as batch_module
    except ImportError:  # pragma: no cover - batch lands with its own issue
        batch.set_defaults(handler=lambda _args: _unavailable("batch"))
    else:
        batch_module.add_arguments(batch)
        batch.set_defaults(handler=batch_module.run)

    serve = sub.add_parser("serve", help="run the HTTP API for local use (production: gunicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--debug", action="store_true", help="Flask debug mode (no token required)")
    serve.set_defaults(handler=_run_serve)
    return parser


def _run_check(args: argparse.Namespace) -> int:
    from .pipeline import check_html, check_url

    if bool(args.url) == bool(args.html):
        print("factcheck check: give a URL, or --html FILE (with --url URL)", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.html:
            try:
                data = args.html.read_bytes()
            except OSError as exc:
                print(f"factcheck check: cannot read {args.html}: {exc.strerror}", file=sys.stderr)
                return EXIT_USAGE
            report = check_html(data, args.page_url)
        else:
            report = check_url(args.url)
    except InvalidInputError as exc:
        print(f"factcheck: refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except FetchError as exc:
        print(f"factcheck: could not fetch the page ({exc.code}): {exc}", file=sys.stderr)
        return EXIT_FETCH
    except FactcheckError as exc:  # pragma: no cover - every subclass is handled above
        print(f"factcheck: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        lang = args.lang or ("zh" if report.language == "zh" else "en")
        render(report, sys.stdout, lang=lang, color=_use_color(args.color, sys.stdout))
    if args.fail_under is not None and (report.score is None or report.score < args.fail_under):
        return EXIT_LOW_SCORE
    return EXIT_OK


def _run_serve(args: argparse.Namespace) -> int:
    try:
        from server import run_dev_server
    except ImportError:
        return _unavailable("serve")
    run_dev_server(args.host, args.port, args.debug)
    return EXIT_OK


def _unavailable(what: str) -> int:
    print(f"factcheck {what}: not available in this installation", file=sys.stderr)
    return EXIT_USAGE


# -- terminal rendering --------------------------------------------------------------------

_SYMBOLS = {
    Status.PASS: ("✔", "32"),
    Status.WARN: ("!", "33"),
    Status.FAIL: ("✘", "31"),
    Status.UNKNOWN: ("?", "90"),
    Status.NOT_APPLICABLE: ("–", "90"),
}
_VERDICT_COLOURS = {"reliable": "32", "mixed": "33", "doubtful": "33", "unreliable": "31"}
_LABELS = {
    "en": {"score": "Score", "advice": "What to do", "links": "Next steps", "sources": "sources"},
    "zh": {"score": "得分", "advice": "建议", "links": "下一步", "sources": "来源库"},
}


def render(report: Report, out: TextIO, *, lang: str = "en", color: bool = False) -> None:
    """Print the checklist for a person: status symbols, scores, evidence, advice."""

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    labels = _LABELS["zh" if lang == "zh" else "en"]
    score = "–" if report.score is None else f"{report.score}/100"
    verdict = report.verdict.value
    address = report.final_url or report.url
    out.write(paint(report.title or address or "(untitled)", "1") + "\n")
    if address and report.title:
        out.write(f"{address}\n")
    verdict_text = VERDICT_TEXT[report.verdict].get(lang)
    colour = _VERDICT_COLOURS.get(verdict, "90")
    out.write(f"{labels['score']}: " + paint(f"{score} {verdict_text}", colour) + "\n")
    out.write(report.summary.get(lang) + "\n\n")
    for step in report.steps:
        symbol, code = _SYMBOLS[step.status]
        step_score = "" if step.score is None else f" ({step.score})"
        out.write(paint(f"{symbol} {step.number}. {step.title.get(lang)}", code))
        out.write(f" — {STATUS_TEXT[step.status].get(lang)}{step_score}\n")
        for finding in step.findings:
            sign = f"{finding.impact:+d}" if finding.impact else " 0"
            out.write(f"    {sign:>4}  {finding.message.get(lang)}\n")
            if finding.evidence:
                out.write(paint(f"          {_clip(finding.evidence)}", "90") + "\n")
        out.write(f"    → {step.advice.get(lang)}\n")
        for link in step.links[:4]:
            out.write(paint(f"      {link.title}: {link.url}", "36") + "\n")
    out.write("\n" + paint(report.disclaimer.get(lang), "90") + "\n")
    out.write(
        paint(f"{labels['sources']} {report.sources.version} ({report.sources.updated})", "90")
        + "\n"
    )


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and "NO_COLOR" not in os.environ
