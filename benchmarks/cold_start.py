"""Cold start of ``factcheck check --html FILE --url URL --json``, whole process, every page.

One run of the real command in a fresh interpreter for each page of
``shared/data/pages-real`` and of the bench pages (one pass: about 250 processes), against
``python -c "import trafilatura"`` (the import every run pays). Goal: the worst page at most
1.0 s. A first call that loads data lazily (dateparser's locales, say) shows up as the worst.
"""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import factcheck

from .common import BenchPage, Row, bench_pages, load, real_pages

GOAL_SECONDS = 1.0
BASELINE_RUNS = 7


def _wall(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def cold_times(pages: tuple[BenchPage, ...]) -> list[tuple[float, str]]:
    """(seconds, page id) of one cold ``factcheck check --html`` per page."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "page.html"
        for page in pages:
            html.write_bytes(page.raw)
            command = [sys.executable, "-m", "factcheck", "check", "--html", str(html)]
            times.append((_wall([*command, "--url", page.url, "--json"]), page.id))
    return times


def compile_package() -> None:
    """Write factcheck's bytecode, as any run after the first finds it (pip compiles an
    installed package; an editable one is compiled by its first run, unless
    PYTHONDONTWRITEBYTECODE is set, as it is on some machines: then every run would
    recompile the 120 modules, about 0.12 s)."""
    compileall.compile_dir(Path(factcheck.__file__).parent, quiet=1)


def run() -> list[Row]:
    pages = real_pages() + bench_pages()
    compile_package()
    cold_times(pages[:1])  # warm the OS file cache, as for any second run
    baseline = statistics.median(
        _wall([sys.executable, "-c", "import trafilatura"]) for _ in range(BASELINE_RUNS)
    )
    load_before = load()
    times = cold_times(pages)
    worst, worst_id = max(times)
    median = statistics.median(t for t, _ in times)
    over = sum(t > GOAL_SECONDS for t, _ in times)
    trafilatura = f'{baseline:.2f} s python -c "import trafilatura"'
    return [
        Row(
            name=f"cold start: factcheck check --html, worst of {len(times)} pages",
            measured=f"{worst:.2f} s",
            baseline=trafilatura,
            ratio=worst / baseline,
            goal=f"<= {GOAL_SECONDS:.1f} s",
            ok=worst <= GOAL_SECONDS,
            note=f"worst page {worst_id}; {over} pages over {GOAL_SECONDS:.1f} s; "
            f"load {load_before} -> {load()}",
        ),
        Row(
            name="  cold start, median page",
            measured=f"{median:.2f} s",
            baseline=trafilatura,
            ratio=median / baseline,
            goal="",
            ok=None,
            note=f"one run per page ({len(real_pages())} real + {len(bench_pages())} bench), "
            "whole process",
        ),
    ]
