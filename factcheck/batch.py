"""Checking thousands of URLs: fetches on threads, analysis on processes, polite per host.

:func:`check_many` is the engine behind ``factcheck batch`` and the job queue. One
scheduler loop (the caller's thread) decides what starts when:

* fetches run on ``jobs`` threads (network-bound, the GIL is released while waiting);
* each host gets at most ``per_host`` fetches at once, started ``host_delay`` s apart;
* transient failures (timeouts, 5xx, broken connections) are retried with exponential
  backoff and jitter; 4xx, blocked and invalid URLs never are;
* fetched HTML is analysed on ``workers`` processes (CPU-bound), or in this process when
  ``workers=0``;
* results are yielded as they finish; a failure is yielded as its typed error and never
  stops the run; the number of fetched pages waiting for analysis is bounded, so memory
  stays flat however long the input is.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from factcheck.engine import engine_for, parse_lang
from factcheck.errors import (
    FactcheckError,
    FetchError,
    FetchTimeoutError,
    HostUnreachableError,
    HTTPStatusError,
    InvalidURLError,
)
from factcheck.fetch.hostlimit import HostLimiter
from factcheck.fetch.safe import DEFAULT_TIMEOUT, FetchedPage, fetch, validate_url
from factcheck.knowledge.domains import host_of
from factcheck.page.model import Page
from factcheck.report import Report, Retrieval
from factcheck.resources import default_resources

DEFAULT_JOBS = 16
DEFAULT_PER_HOST = 2
DEFAULT_HOST_DELAY = 0.2
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 1.0
MAX_BACKOFF = 30.0
#: Restart a forkserver analysis process after this many pages (bounds slow growth).
TASKS_PER_WORKER = 500

Outcome = Report | FactcheckError

_END: Any = object()  # end of the input (None may be an item of a bad input)
_PERMANENT_5XX = frozenset({501, 505})
_DNS_MARKERS = ("name or service not known", "failed to resolve", "no address associated")


class AnalysisError(FactcheckError):
    """The page was fetched but analysing it failed (a bug or a crashed worker process)."""

    code = "analysis_failed"


def default_workers() -> int:
    """One analysis process per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def is_transient(error: BaseException) -> bool:
    """True for failures worth retrying: timeouts, 5xx, dropped or refused connections."""
    if isinstance(error, HTTPStatusError):
        return error.status >= 500 and error.status not in _PERMANENT_5XX
    if isinstance(error, FetchTimeoutError):
        return True
    if isinstance(error, HostUnreachableError):
        message = str(error).lower()
        return not any(marker in message for marker in _DNS_MARKERS)
    # The bare FetchError means the connection broke mid-transfer; its subclasses
    # (too large, not HTML, empty, too many redirects) are answers that will not change.
    return type(error) is FetchError


def backoff_delay(attempt: int, base: float, rng: random.Random) -> float:
    """Delay before retry number ``attempt`` (1, 2 ...): base x 2^(attempt-1), +-50% jitter."""
    raw = base * (2 ** (attempt - 1)) * rng.uniform(0.5, 1.5)
    return min(raw, MAX_BACKOFF)


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """Everything :func:`check_many` needs to know besides the URLs."""

    workers: int
    jobs: int = DEFAULT_JOBS
    per_host: int = DEFAULT_PER_HOST
    host_delay: float = DEFAULT_HOST_DELAY
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    timeout: float | tuple[float, float] | None = None
    allow_loopback: bool = False
    lang: str | None = None
    now: datetime | None = None

    def __post_init__(self) -> None:
        if self.workers < 0 or self.jobs < 1 or self.retries < 0 or self.backoff < 0:
            raise ValueError("workers >= 0, jobs >= 1, retries >= 0 and backoff >= 0 are required")


def check_many(
    urls: Iterable[str],
    *,
    workers: int | None = None,
    jobs: int = DEFAULT_JOBS,
    per_host: int = DEFAULT_PER_HOST,
    host_delay: float = DEFAULT_HOST_DELAY,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    timeout: float | tuple[float, float] | None = None,
    allow_loopback: bool = False,
    lang: str | None = None,
    now: datetime | None = None,
) -> Iterator[tuple[str, Outcome]]:
    """Check every URL; yield ``(url, Report or FactcheckError)`` as each one finishes.

    ``urls`` is read lazily (a generator over a huge file is fine); duplicates are checked
    once. ``workers`` analysis processes (default: one per core; 0 analyses in this
    process), ``jobs`` concurrent fetches, ``per_host`` concurrent fetches per host started
    ``host_delay`` seconds apart, ``retries`` extra attempts for transient failures with
    exponential ``backoff`` (seconds). ``allow_loopback`` is for
    tests against a server on 127.0.0.1 only; never enable it for URLs that come from users.

    >>> for url, outcome in check_many(["https://example.org/a"]):  # doctest: +SKIP
    ...     print(url, outcome.verdict if isinstance(outcome, Report) else outcome.code)
    """
    options = BatchOptions(
        workers=default_workers() if workers is None else workers,
        jobs=jobs,
        per_host=per_host,
        host_delay=host_delay,
        retries=retries,
        backoff=backoff,
        timeout=timeout,
        allow_loopback=allow_loopback,
        lang=lang,
        now=now,
    )
    return _Scheduler(options).run(urls)


# -- the scheduler -----------------------------------------------------------------------


@dataclass
class _Item:
    url: str
    host: str
    attempts: int = 0
    not_before: float = 0.0


class _Scheduler:
    """The single loop that starts fetches and analyses and collects what finished."""

    def __init__(self, options: BatchOptions) -> None:
        self.options = options
        self.hosts = HostLimiter(options.per_host, options.host_delay)
        self.rng = random.Random()
        self.lookahead = max(64, options.jobs * 8)
        # Fetched pages waiting for (or in) analysis; bounds memory on long inputs.
        self.max_analysing = max(4, 2 * max(1, options.workers) + options.jobs)
        self.pending: deque[_Item] = deque()
        self.fetching: dict[Future[object], _Item] = {}
        self.analysing: dict[Future[Report], _Item] = {}
        self.finished: deque[tuple[str, Outcome]] = deque()
        self.yielded = 0
        self.cpu_pool: Executor  # created in run(), replaced if a worker crashes

    def run(self, urls: Iterable[str]) -> Iterator[tuple[str, Outcome]]:
        source = iter(urls)
        seen: set[str] = set()
        self.cpu_pool = _analysis_pool(self.options.workers)  # first: it may fork
        fetch_pool = ThreadPoolExecutor(self.options.jobs, thread_name_prefix="factcheck-fetch")
        try:
            exhausted = False
            while True:
                exhausted = exhausted or self._refill(source, seen)
                yield from self._drain()
                self._start_fetches(fetch_pool)
                if exhausted and not (self.pending or self.fetching or self.analysing):
                    return
                self._collect(self._wake_in())
                yield from self._drain()
        finally:
            fetch_pool.shutdown(wait=True, cancel_futures=True)
            self.cpu_pool.shutdown(wait=True, cancel_futures=True)

    def _drain(self) -> Iterator[tuple[str, Outcome]]:
        while self.finished:
            yield self.finished.popleft()
            self.yielded += 1
            if self.yielded % _TRIM_EVERY == 0:
                release_free_memory()

    def _refill(self, source: Iterator[str], seen: set[str]) -> bool:
        """Read URLs until the look-ahead is full; invalid ones finish at once."""

        while len(self.pending) < self.lookahead:
            url = next(source, _END)
            if url is _END:
                return True
            if not isinstance(url, str):
                self.finished.append((repr(url), InvalidURLError(f"not a URL string: {url!r}")))
                continue
            url = url.strip()
            if url in seen:
                continue
            seen.add(url)
            try:
                normalised = validate_url(url, allow_loopback=self.options.allow_loopback)
            except FactcheckError as exc:
                self.finished.append((url, exc))
                continue
            self.pending.append(_Item(url, host_of(normalised)))
        return False

    def _start_fetches(self, pool: Executor) -> None:
        if len(self.analysing) >= self.max_analysing:
            return
        now = time.monotonic()
        waiting: deque[_Item] = deque()
        while self.pending and len(self.fetching) < self.options.jobs:
            item = self.pending.popleft()
            if item.not_before <= now and self.hosts.try_acquire(item.host, now):
                future = pool.submit(_fetch, item.url, self.options)
                self.fetching[future] = item
            else:
                waiting.append(item)
        waiting.extend(self.pending)
        self.pending = waiting

    def _wake_in(self) -> float | None:
        """Seconds until a waiting URL may start (None: only a finishing task can help)."""
        if len(self.fetching) >= self.options.jobs or len(self.analysing) >= self.max_analysing:
            return None
        now = time.monotonic()
        times = []
        for item in self.pending:
            ready = self.hosts.ready_at(item.host)
            if ready is not None:
                times.append(max(ready, item.not_before))
        if not times:
            return None
        return max(0.0, min(times) - now)

    def _collect(self, timeout: float | None) -> None:
        futures: set[Future[object]] = set(self.fetching) | set(self.analysing)  # type: ignore[arg-type]
        if not futures:
            time.sleep(timeout or 0.0)
            return
        done, _ = wait(futures, timeout=timeout, return_when=FIRST_COMPLETED)
        for future in done:
            if future in self.fetching:
                self._fetched(future)
            else:
                self._analysed(future)  # type: ignore[arg-type]

    def _fetched(self, future: Future[object]) -> None:
        item = self.fetching.pop(future)
        self.hosts.release(item.host)
        item.attempts += 1
        error = future.exception()
        if error is None:
            self._submit_analysis(item, future.result())
        elif (
            isinstance(error, FactcheckError)
            and is_transient(error)
            and (item.attempts <= self.options.retries)
        ):
            delay = backoff_delay(item.attempts, self.options.backoff, self.rng)
            item.not_before = time.monotonic() + delay
            self.pending.appendleft(item)
        elif isinstance(error, FactcheckError):
            self.finished.append((item.url, error))
        else:
            self.finished.append((item.url, AnalysisError(f"fetch crashed: {error!r}")))

    def _submit_analysis(self, item: _Item, fetched: object) -> None:
        """Hand a fetched page to the analysis pool; a pool broken by a crash is replaced."""

        try:
            future = self.cpu_pool.submit(_analyse, fetched, item.url, self.options)
        except BrokenProcessPool:
            self.cpu_pool.shutdown(wait=False, cancel_futures=True)
            self.cpu_pool = _analysis_pool(self.options.workers)
            future = self.cpu_pool.submit(_analyse, fetched, item.url, self.options)
        self.analysing[future] = item

    def _analysed(self, future: Future[Report]) -> None:
        item = self.analysing.pop(future)
        error = future.exception()
        if error is None:
            self.finished.append((item.url, future.result()))
        elif isinstance(error, FactcheckError):
            self.finished.append((item.url, error))
        else:
            name = type(error).__name__
            self.finished.append((item.url, AnalysisError(f"analysis failed ({name}): {error}")))


# -- work done on threads and processes --------------------------------------------------


def _fetch(url: str, options: BatchOptions) -> object:
    timeout = options.timeout if options.timeout is not None else DEFAULT_TIMEOUT
    return fetch(url, timeout=timeout, allow_loopback=options.allow_loopback)


def _analyse(fetched: object, url: str, options: BatchOptions) -> Report:
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
    if _analysed_here % _TRIM_EVERY == 0:
        release_free_memory()
    return report


_TRIM_EVERY = 100  # finished pages between returns of freed memory to the OS
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


def _analysis_pool(workers: int) -> Executor:
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
