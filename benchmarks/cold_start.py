"""Benchmark 3: cold start of ``factcheck check --html FILE --url URL``, whole process.

Median wall time of several runs of the real command in a fresh interpreter, against
``python -c "import trafilatura"`` (the import every run pays). Goal: at most 1.0 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import Row, bench_pages

GOAL_SECONDS = 1.0
RUNS = 7


def _median_wall(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(runs: int = RUNS) -> list[Row]:
    page = bench_pages()[0]
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "page.html"
        html.write_bytes(page.raw)
        command = [sys.executable, "-m", "factcheck", "check", "--html", str(html)]
        command += ["--url", page.url, "--json"]
        _median_wall(command, 1)  # warm the OS file cache, as for any second run
        ours = _median_wall(command, runs)
        baseline = _median_wall([sys.executable, "-c", "import trafilatura"], runs)
    return [
        Row(
            name="cold start: factcheck check --html (1 page)",
            measured=f"{ours:.2f} s",
            baseline=f'{baseline:.2f} s python -c "import trafilatura"',
            ratio=ours / baseline,
            goal=f"<= {GOAL_SECONDS:.1f} s",
            ok=ours <= GOAL_SECONDS,
            note=f"median of {runs} runs, whole process",
        )
    ]
