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

import random
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ThreadPoolExecutor,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from factcheck.batch.options import (
    DEFAULT_BACKOFF,
    DEFAULT_HOST_DELAY,
    DEFAULT_JOBS,
    DEFAULT_PER_HOST,
    DEFAULT_RETRIES,
    AnalysisError,
    BatchOptions,
    Outcome,
    backoff_delay,
    default_workers,
    is_transient,
)
from factcheck.batch.workers import (
    TRIM_EVERY,
    analyse_page,
    analysis_pool,
    fetch_page,
    release_free_memory,
)
from factcheck.errors import FactcheckError, InvalidURLError
from factcheck.fetch.hostlimit import HostLimiter
from factcheck.fetch.safe import validate_url
from factcheck.knowledge.domains import host_of
from factcheck.report import Report

_END: Any = object()  # end of the input (None may be an item of a bad input)


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
        self.cpu_pool = analysis_pool(self.options.workers)  # first: it may fork
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
            if self.yielded % TRIM_EVERY == 0:
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
                future = pool.submit(fetch_page, item.url, self.options)
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
            future = self.cpu_pool.submit(analyse_page, fetched, item.url, self.options)
        except BrokenProcessPool:
            self.cpu_pool.shutdown(wait=False, cancel_futures=True)
            self.cpu_pool = analysis_pool(self.options.workers)
            future = self.cpu_pool.submit(analyse_page, fetched, item.url, self.options)
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
