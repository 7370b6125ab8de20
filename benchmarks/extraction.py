"""Benchmark 1: ``check_html`` vs ``trafilatura.bare_extraction(with_metadata=True)``.

Both start from the same HTML string, so parsing is counted for both. Each page is timed
(CPU time of this process) ``rounds`` times for each contender, and its fastest time kept:
the least noisy estimate on a shared machine. Goal: check_html at most 1.0x the extraction alone.
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable

from .common import BenchPage, Row, bench_pages, ms

GOAL = 1.0


def _best(func: Callable[[], object], rounds: int) -> float:
    """Fewest CPU seconds over ``rounds`` calls: CPU time does not count waiting for a core
    that other work holds, so a loaded machine shifts both contenders alike."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        func()
        best = min(best, time.process_time() - started)
    return best


def per_page_times(pages: tuple[BenchPage, ...], rounds: int) -> tuple[list[float], list[float]]:
    """(check_html seconds, bare_extraction seconds) per page, best of ``rounds`` each."""
    import trafilatura

    from factcheck import check_html

    ours, theirs = [], []
    for page in pages:
        html, url = page.html, page.url
        theirs.append(
            _best(
                lambda h=html, u=url: trafilatura.bare_extraction(h, url=u, with_metadata=True),
                rounds,
            )
        )
        ours.append(_best(lambda h=html, u=url: check_html(h, u), rounds))
    return ours, theirs


def run(rounds: int = 3) -> list[Row]:
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    pages = bench_pages()
    per_page_times(pages[:10], 1)  # warm-up: imports, lazy loads, the knowledge base
    ours, theirs = per_page_times(pages, rounds)
    ratio = sum(ours) / sum(theirs)
    median_ratio = statistics.median(ours) / statistics.median(theirs)
    return [
        Row(
            name=f"check_html, {len(pages)} pages (mean/page)",
            measured=ms(statistics.fmean(ours)),
            baseline=f"{ms(statistics.fmean(theirs))} bare_extraction",
            ratio=ratio,
            goal=f"<= {GOAL:.2f}x",
            ok=ratio <= GOAL,
            note=f"CPU time, best of {rounds}; slowest page {ms(max(ours))}",
        ),
        Row(
            name="  median page",
            measured=ms(statistics.median(ours)),
            baseline=f"{ms(statistics.median(theirs))} bare_extraction",
            ratio=median_ratio,
            goal=f"<= {GOAL:.2f}x",
            ok=median_ratio <= GOAL,
            note="",
        ),
    ]
