"""``factcheck check URL`` / ``factcheck check --html FILE``: one page, one checklist."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from factcheck.cli.exits import (
    EXIT_FETCH,
    EXIT_INTERNAL,
    EXIT_LOW_SCORE,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
)
from factcheck.cli.render import render, use_color
from factcheck.engine import check_html, check_url
from factcheck.errors import FactcheckError, FetchError, InvalidInputError, SourcesFileError


def add_arguments(check: argparse.ArgumentParser) -> None:
    """Options of ``factcheck check``."""
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
    check.add_argument(
        "--details",
        action="store_true",
        help="also print the technical details (model numbers, script variables)",
    )
    check.add_argument(
        "--allow-loopback",
        action="store_true",
        help="allow http://127.0.0.1 and localhost (for pages you serve yourself; never for "
        "links from strangers)",
    )


def run(args: argparse.Namespace) -> int:
    if bool(args.url) == bool(args.html):
        print("factcheck check: give a URL, or --html FILE (with --url URL)", file=sys.stderr)
        return EXIT_USAGE
    if args.url and "://" not in args.url:
        print(
            f"factcheck: refused: {args.url!r} is not a web address{_suggestion(args.url)}",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    try:
        if args.html:
            try:
                data = args.html.read_bytes()
            except OSError as exc:
                print(f"factcheck check: cannot read {args.html}: {exc.strerror}", file=sys.stderr)
                return EXIT_USAGE
            report = check_html(data, args.page_url)
        else:
            report = check_url(args.url, allow_loopback=args.allow_loopback)
    except SourcesFileError as exc:  # the installation's knowledge base, not the user's input
        print(f"factcheck: the knowledge base could not be loaded: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    except InvalidInputError as exc:
        print(f"factcheck: refused: {exc}{_suggestion(args.url)}", file=sys.stderr)
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
        color = use_color(args.color, sys.stdout)
        render(report, sys.stdout, lang=lang, color=color, details=args.details)
    if args.fail_under is not None and (report.score is None or report.score < args.fail_under):
        return EXIT_LOW_SCORE
    return EXIT_OK


def _suggestion(url: str | None) -> str:
    """For bare words ("example.org/page", "notaurl"): the https:// form to try."""
    if not url or "://" in url or any(ch.isspace() for ch in url):
        return ""
    return f"\n  did you mean: factcheck check https://{url}"
