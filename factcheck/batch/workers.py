"""The analysis side of a batch: processes that parse and check fetched pages.

The analysis processes never load the resources themselves when they can inherit them: the
parent loads them (or uses the ones it already holds), checks one small page so lazy
initialisations happen once, freezes the garbage collector (so no process writes to the
inherited objects' headers) and forks; the pages of memory stay shared copy-on-write. A
parent that did not hold the resources before drops its copy once the workers run. When
forking is unsafe (threads running) or a crashed pool is replaced, a forkserver that has
already loaded them (:mod:`factcheck.batch.preload`) forks the workers instead. Each process
hands freed memory back to the operating system now and then, so it stays flat over long
batches.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from functools import cache

from factcheck.batch.options import TASKS_PER_WORKER, BatchOptions
from factcheck.engine import engine_for, parse_lang, warm_up
from factcheck.fetch.safe import DEFAULT_TIMEOUT, FetchedPage, fetch
from factcheck.page.model import Page
from factcheck.report import Report, Retrieval
from factcheck.resources import Resources, default_resources, default_resources_loaded

#: Resources the parent loaded only to hand them to forked workers (None in the parent).
_inherited: Resources | None = None


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
    report = engine_for(resources=_resources()).analyse(page, now=options.now)
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


def _resources() -> Resources:
    return _inherited if _inherited is not None else default_resources()


def _warm_worker() -> None:
    """Load the resources once per analysis process, not once per page."""
    default_resources()


def analysis_pool(workers: int) -> Executor:
    """Processes for the analysis (a thread when ``workers`` is 0).

    Forked while this process still runs a single thread: workers start at once with
    everything already imported and loaded, and scripts without an ``if __name__ ==
    "__main__"`` guard work. When other threads already run (forking them is unsafe), or to
    replace a pool broken by a crash, a forkserver is used instead; that path re-imports the
    main module, which then needs the guard.
    """
    if workers == 0:
        return ThreadPoolExecutor(1, thread_name_prefix="factcheck-analyse")
    if "fork" in multiprocessing.get_all_start_methods() and _single_threaded():
        return _forked_pool(workers)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["factcheck.batch.preload"])
    return ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_warm_worker,
        max_tasks_per_child=TASKS_PER_WORKER,
    )


def _native_threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:  # not Linux: only Python's threads can be counted
        return 0


#: OS threads when this module was imported (numpy's BLAS pool, say: those are fork-safe).
_BASE_THREADS = _native_threads()


def _single_threaded() -> bool:
    """No Python thread besides this one, and no native thread started since import: an
    OpenMP pool (the sentence encoder's, once it has run) makes a forked child hang."""
    return threading.active_count() == 1 and _native_threads() <= _BASE_THREADS


def _forked_pool(workers: int) -> Executor:
    """Workers forked from this process, sharing its loaded resources copy-on-write."""
    global _inherited
    held = default_resources_loaded()  # the caller uses them too: keep them
    _inherited = default_resources() if held else Resources.load()
    warm_up(_inherited)
    gc.collect()
    gc.freeze()  # the children never write the inherited objects' GC headers
    try:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        pool.submit(int).result()  # every worker forked now, before any thread starts
    finally:
        gc.unfreeze()
        _inherited = None  # the workers keep their copy; this process frees its own
        gc.collect()
        release_free_memory()
    return pool
