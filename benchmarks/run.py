"""Run the benchmarks and print one table.

    python -m benchmarks                 # all of them
    python -m benchmarks extraction cold # a subset, by name
    python -m benchmarks --rounds 5      # more rounds for the per-page timing

Each row compares with a baseline measured in the same run; the machine is described on
the first line, because every number depends on it.
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable

from .common import Row, load, machine, table

NAMES = ("extraction", "batch", "memory", "process", "server", "cold")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", choices=[*NAMES, []], help="benchmarks to run")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per page (extraction)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    chosen = args.names or list(NAMES)
    runners = _runners(args.rounds)
    rows: list[Row] = []
    print(machine(), flush=True)
    for name in NAMES:
        if name in chosen:
            started = time.perf_counter()
            try:
                rows += runners[name]()
            except Exception as exc:  # one broken benchmark must not hide the others' rows
                rows.append(
                    Row(name, "failed", "", None, "", False, f"{type(exc).__name__}: {exc}")
                )
            took = time.perf_counter() - started
            print(f"  {name}: {took:.0f} s, load average now {load()}", flush=True)
    print()
    print(table(rows))
    return 0


def _runners(rounds: int) -> dict[str, Callable[[], list[Row]]]:
    from . import batch_network, cold_start, extraction, memory, server_uncached

    return {
        "extraction": lambda: extraction.run(rounds),
        "batch": batch_network.run,
        "memory": batch_network.memory_rows,
        "process": memory.run,
        "server": server_uncached.run,
        "cold": cold_start.run,
    }
