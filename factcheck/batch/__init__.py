"""Checking thousands of URLs: :func:`check_many` (see :mod:`factcheck.batch.scheduler`)."""

from factcheck.batch.options import (
    DEFAULT_BACKOFF,
    DEFAULT_HOST_DELAY,
    DEFAULT_JOBS,
    DEFAULT_PER_HOST,
    DEFAULT_RETRIES,
    AnalysisError,
    BatchOptions,
    Outcome,
    default_workers,
    is_transient,
)
from factcheck.batch.scheduler import check_many

__all__ = [
    "DEFAULT_BACKOFF",
    "DEFAULT_HOST_DELAY",
    "DEFAULT_JOBS",
    "DEFAULT_PER_HOST",
    "DEFAULT_RETRIES",
    "AnalysisError",
    "BatchOptions",
    "Outcome",
    "check_many",
    "default_workers",
    "is_transient",
]
