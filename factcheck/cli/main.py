"""The ``factcheck`` command: check one page or many; other packages add commands.

``factcheck serve`` comes from the ``server`` package through the ``factcheck.commands``
entry point: the library never imports the server. Exit codes: :mod:`factcheck.cli.exits`.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from importlib.metadata import entry_points

from factcheck._version import __version__
from factcheck.cli import batch, check, oneshot
from factcheck.cli.exits import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE

#: Entry-point group through which other installed packages add sub-commands: each entry
#: is a callable taking the argparse sub-parsers object (``server`` adds ``serve``).
COMMANDS_GROUP = "factcheck.commands"


BUILT_IN = ("check", "batch")


def entry() -> int:
    """The process entry (the ``factcheck`` script, ``python -m factcheck``): :func:`main`,
    and for a one-shot ``check`` what lets a short process start and end fast
    (:mod:`factcheck.cli.oneshot`; the other commands run with the collector on)."""
    argv = sys.argv[1:]
    if _command(argv) != "check":
        gc.enable()
        return main(argv)
    oneshot.hold_collector()
    oneshot.start_loading()
    oneshot.exit_now(main(argv))


def _command(argv: list[str]) -> str | None:
    return next((word for word in argv if not word.startswith("-")), None)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = _command(argv)
    parser = build_parser(plugins=command not in BUILT_IN)  # `check` need not import flask
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
    except Exception as exc:  # a bug: one line for the user, the traceback with -v
        logging.getLogger("factcheck").debug("internal error", exc_info=True)
        print(
            f"factcheck: internal error ({type(exc).__name__}: {exc}); run with -v for "
            "details and please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def build_parser(*, plugins: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Apply the WHO's seven steps to a web page and print a scored checklist.",
        epilog="Exit codes: 0 ok, 1 internal error, 2 usage, 3 refused input, 4 fetch failed, "
        "5 score below --fail-under.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(metavar="COMMAND")
    check_parser = sub.add_parser("check", help="check one URL or one saved HTML file")
    check.add_arguments(check_parser)
    check_parser.set_defaults(handler=check.run)
    batch_parser = sub.add_parser(
        "batch", help="check many URLs (one a line, CSV or JSONL) into JSONL"
    )
    batch.add_arguments(batch_parser)
    batch_parser.set_defaults(handler=batch.run)
    if plugins:
        for command in entry_points(group=COMMANDS_GROUP):
            command.load()(sub)
    return parser
