"""How a batch runs: its options, which failures are retried and how long to wait."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import datetime

from factcheck.errors import (
    FactcheckError,
    FetchError,
    FetchTimeoutError,
    HostUnreachableError,
    HTTPStatusError,
)
from factcheck.report import Report

DEFAULT_JOBS = 16
DEFAULT_PER_HOST = 2
DEFAULT_HOST_DELAY = 0.2
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 1.0
MAX_BACKOFF = 30.0
#: Restart a forkserver analysis process after this many pages (bounds slow growth).
TASKS_PER_WORKER = 500

Outcome = Report | FactcheckError

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
