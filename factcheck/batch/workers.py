"""The analysis side of a batch: processes that parse and check fetched pages.

Each analysis process loads the resources once (forked from a warm parent when it can, so
the knowledge base and models are shared copy-on-write) and hands freed memory back to the
operating system now and then, so its size stays flat over long batches.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from functools import cache

from factcheck.batch.options import TASKS_PER_WORKER, BatchOptions
from factcheck.engine import engine_for, parse_lang
from factcheck.fetch.safe import DEFAULT_TIMEOUT, FetchedPage, fetch
from factcheck.page.model import Page
from factcheck.report import Report, Retrieval
from factcheck.resources import default_resources


def fetch_page(url: str, options: BatchOptions) -> object:
    timeout = options.timeout if options.timeout is not None else DEFAULT_TIMEOUT
    return fetch(url, timeout=timeout, allow_loopback=options.allow_loopback)


def analyse_page(fetched: object, url: str, options: BatchOptions) -> Report:
    """Parse and check a fetched page (runs in an analysis process)."""
    global _analysed_here
    assert isinstance(fetched, FetchedPage)
    page = Page.from_html(
        fetched.html,
        url,
        final_url=fetched.final_url,
        retrieval=Retrieval.FETCHED,
        lang_hint=parse_lang(options.lang),
    )
    report = engine_for().analyse(page, now=options.now)
    _analysed_here += 1
    if _analysed_here % TRIM_EVERY == 0:
        release_free_memory()
    return report


TRIM_EVERY = 100  # finished pages between returns of freed memory to the OS
_analysed_here = 0


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None elsewhere.

    Fetch threads free large buffers in many malloc arenas; glibc keeps that memory for
    reuse and the process grows with every page. Handing it back now and then keeps the
    resident size flat over long batches (measured in ``benchmarks``).
    """
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


def release_free_memory() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _warm_worker() -> None:
    """Load the resources once per analysis process, not once per page."""
    default_resources()


def analysis_pool(workers: int) -> Executor:
    """Processes for the analysis (a thread when ``workers`` is 0).

    Forked while this process still runs a single thread: workers start at once with
    everything already imported, and scripts without an ``if __name__ == "__main__"``
    guard work. When other threads already run (forking them is unsafe), or to replace a
    pool broken by a crash, a forkserver is used instead; that path re-imports the main
    module, which then needs the guard.
    """
    if workers == 0:
        return ThreadPoolExecutor(1, thread_name_prefix="factcheck-analyse")

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        _warm_worker()  # loaded once here, shared copy-on-write by every worker
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        pool.submit(int).result()  # launch every worker now, before any thread starts
        return pool
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["factcheck.engine"])
    return ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_warm_worker,
        max_tasks_per_child=TASKS_PER_WORKER,
    )
