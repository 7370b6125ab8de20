"""``python -m evaluation``: every evaluation module, one table (markdown).

``python -m evaluation dates authors`` runs only the named modules.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

from .common import Row, shared_dir

#: Evaluation modules, in the order of the WHO steps they measure.
MODULES = (
    "sources",
    "impersonation",
    "clickbait",
    "consistency",
    "bias",
    "authors",
    "dates",
    "pagesreal",
    "evidence",
    "debunks",
    "overall",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__)
    parser.add_argument("modules", nargs="*", help=f"any of {', '.join(MODULES)} (default: all)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.modules) - set(MODULES))
    if unknown:  # argparse's choices= rejects an empty list with nargs="*" on Python 3.11
        parser.error(f"unknown module(s): {', '.join(unknown)}")
    shared = shared_dir()
    if not shared.is_dir():
        print(f"shared data not found at {shared} (set FACTCHECK_SHARED)", file=sys.stderr)
        return 2
    rows: list[Row] = []
    for name in args.modules or MODULES:
        try:
            module = importlib.import_module(f"evaluation.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"evaluation.{name}":
                print(f"(evaluation.{name} not available)", file=sys.stderr)
                continue
            raise
        started = time.perf_counter()
        new_rows = module.run(shared)
        print(
            f"{name}: {len(new_rows)} rows in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        rows.extend(new_rows)
    header = ["area", "metric", "value", "n", "data", "compared with (same run)"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row.cells()) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
