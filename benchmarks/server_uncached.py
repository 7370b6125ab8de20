"""Uncached checks through the HTTP server against the CPU bound measured in the same run.

gunicorn (one worker more than the ``cores``, gthread, as the README deploys it: a worker
waiting on a fetch leaves its core to another) checks ``N`` distinct URLs served from
127.0.0.1 (the bench pages round-robin), ``2 x cores`` requests in flight. The baseline is the
CPU bound realised at the same moment: the same pages, already in memory, analysed by
``cores`` forked processes (best of before and after the server run, as in the batch
benchmark). The ideal bound (single-page CPU time x N / cores) is printed beside it. A second
row sets the server against the same pages fetched from the same page server and analysed
(``check_url``) on ``cores`` processes: what the API layer itself costs. A third row
takes out of the bound the share of the cores the benchmark's own client and page server
used during the run (they share the machine with the workers); a fourth sets the workers'
CPU per page against ``check_html``'s. A last row is the ceiling of the run: the bound less
the cores the client and page server took and less each page's fetch (its CPU in this
process): what a server with an API layer that cost nothing would reach.
Goal: the server at least 90% of the realised bound.
"""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path

import requests

from .batch_network import parallel_analysis_wall, parallel_fetch_wall, single_page_time
from .common import Row, load
from .server_throughput import AUTH, Gunicorn, load_pages, page_server, uncached

N_PAGES = 400
CORES = 2
GOAL = 0.9


def run(n: int = N_PAGES, cores: int = CORES) -> list[Row]:
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    single = single_page_time()
    workers = cores + 1
    pages = load_pages()
    pages_server, pages_url = page_server(pages)
    load_before = load()
    try:
        realised = parallel_analysis_wall(n, cores, pages_url)
        with tempfile.TemporaryDirectory() as tmp:
            api = Gunicorn(workers, 4, Path(tmp))
            try:
                warm = {"url": f"{pages_url}/p/0"}
                requests.post(api.url + "/api/v1/check", json=warm, headers=AUTH, timeout=60)
                harness_started = time.process_time()
                workers_started = api.worker_cpu_seconds()
                rate, _, failed = uncached(api.url, pages_url, n, 2 * cores)
                worker_cpu = (api.worker_cpu_seconds() - workers_started) / n
                # this process: the client threads and the page server, on the same cores
                harness = (time.process_time() - harness_started) * rate / n / cores
                rss = api.worker_rss_mb()
            finally:
                api.stop()
        fetching = parallel_fetch_wall([f"{pages_url}/p/{i}" for i in range(1, n + 1)], cores)
        realised = min(realised, parallel_analysis_wall(n, cores, pages_url))
        fetch_cpu = fetch_time(pages_url, min(n, len(pages)))  # each page once
    finally:
        pages_server.shutdown()
    bound = n / realised
    ideal = cores / single
    analysis_cpu = cores / bound  # seconds of a core per page, as realised
    ceiling = bound * (1 - harness) * analysis_cpu / (analysis_cpu + fetch_cpu)
    return [
        Row(
            name=f"server: POST /check uncached x{n}, {workers} workers, {cores} cores",
            measured=f"{rate:.1f} pages/s",
            baseline=f"{bound:.1f} pages/s (CPU bound, same run)",
            ratio=rate / bound,
            goal=f">= {GOAL:.2f}x",
            ok=rate / bound >= GOAL and failed == 0,
            note=f"ideal {ideal:.1f} pages/s = {cores} cores / {single * 1000:.1f} ms CPU "
            f"({rate / ideal:.2f}x); {failed} failed; worker RSS "
            + " / ".join(f"{mb:.0f}" for mb in rss)
            + f" MB; load {load_before} -> {load()}",
        ),
        Row(
            name="  server vs the same pages fetched and analysed, no HTTP API",
            measured=f"{rate:.1f} pages/s",
            baseline=f"{n / fetching:.1f} pages/s ({cores} processes, check_url, same run)",
            ratio=rate / (n / fetching),
            goal="(information)",
            ok=None,
            note="what the API layer (gunicorn, Flask, JSON, storage) costs beside the fetch",
        ),
        Row(
            name="  server vs the CPU bound left by the load generator",
            measured=f"{rate:.1f} pages/s",
            baseline=f"{bound * (1 - harness):.1f} pages/s (CPU bound x {1 - harness:.2f})",
            ratio=rate / (bound * (1 - harness)),
            goal="(information)",
            ok=None,
            note=f"the benchmark's own client threads and page server took {harness:.0%} of "
            f"the {cores} cores during the run (its CPU time / wall time / cores)",
        ),
        Row(
            name="  CPU per page in the server's workers",
            measured=f"{worker_cpu * 1000:.1f} ms",
            baseline=f"{single * 1000:.1f} ms (check_html, one process)",
            ratio=worker_cpu / single,
            goal="(information)",
            ok=None,
            note="fetch, HTTP, JSON, storage and thread switching beside the analysis; "
            f"the workers kept the {cores} cores {worker_cpu * rate / cores:.0%} busy",
        ),
        Row(
            name="  ceiling: the bound less the load generator and the fetch",
            measured=f"{ceiling:.1f} pages/s",
            baseline=f"{bound:.1f} pages/s (CPU bound, same run)",
            ratio=ceiling / bound,
            goal="(information)",
            ok=None,
            note=f"a server whose API layer cost nothing: {analysis_cpu * 1000:.1f} ms of a core "
            f"per page analysed plus {fetch_cpu * 1000:.1f} ms fetched (one thread, this "
            f"process), on the {1 - harness:.0%} of the cores the benchmark left",
        ),
    ]


def fetch_time(pages_url: str, n: int) -> float:
    """CPU seconds of this thread per page fetched from the page server (``factcheck``'s
    fetch, as a check does it); the page server's own threads are not counted."""
    from factcheck.fetch.safe import fetch

    fetch(f"{pages_url}/p/0", allow_loopback=True)
    started = time.thread_time()
    for i in range(1, n + 1):
        fetch(f"{pages_url}/p/{i}", allow_loopback=True)
    return (time.thread_time() - started) / n
