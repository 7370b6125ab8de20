"""Celery for large batch jobs: broker and result backend on the Redis the server already uses.

Start a worker on any machine that reaches that Redis (and the internet)::

    FACTCHECK_REDIS_URL=redis://redis.internal:6379/0 \\
        celery -A server.celery_app worker --loglevel=INFO --concurrency=4

The server splits a job into chunks (one task each); every worker takes chunks from the
same queue and writes progress and results to the job's Redis keys (:mod:`server.jobstore`).
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from celery import Celery

TASK_NAME = "factcheck.check_chunk"
QUEUE = "factcheck"


def make_celery(redis_url: str | None) -> Celery:
    """A Celery app on ``redis_url`` (the worker reads ``FACTCHECK_REDIS_URL``)."""
    app = Celery("factcheck", broker=redis_url, backend=redis_url, set_as_current=False)
    app.conf.update(
        task_default_queue=QUEUE,
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        result_expires=86400,
        # A chunk is acknowledged when it is done: a worker that dies mid-chunk gives it back,
        # and the job store records each URL once, so the redelivery adds nothing twice.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    return app


celery = make_celery(os.environ.get("FACTCHECK_REDIS_URL"))
app = celery  # ``celery -A server.celery_app`` finds ``app`` or ``celery``

#: Settings given in code (:func:`configure`), over the ``FACTCHECK_*`` environment.
_OVERRIDES: dict[str, Any] = {}


def configure(settings: dict[str, Any]) -> None:
    """Settings for a worker started from Python (``celery.worker_main``), e.g. a test's
    ``ALLOW_LOOPBACK_FETCH``: that switch has no environment variable, so a worker started
    from the command line never fetches from loopback."""
    _OVERRIDES.update(settings)
    _resources.cache_clear()


@celery.task(name=TASK_NAME)
def check_chunk(
    job_id: str, urls: list[str], lang: str | None = None, owner: str | None = None
) -> dict[str, Any]:
    """Check one chunk of a job with the worker's own configuration (``FACTCHECK_*``)."""
    from .jobwork import run_chunk

    settings, store, storage = _resources()
    recorded = run_chunk(
        store,
        job_id,
        urls,
        storage=storage,
        lang=lang,
        allow_loopback=bool(settings["ALLOW_LOOPBACK_FETCH"]),  # only through configure()
        timeout=tuple(settings["FETCH_TIMEOUT"]),
        fetches=int(os.environ.get("FACTCHECK_JOB_FETCHES", "4")),
        owner=owner,
    )
    return {"job_id": job_id, "recorded": recorded}


@cache
def _resources() -> tuple[dict[str, Any], Any, Any]:
    """Settings, job store and report storage, built once per worker process."""
    from . import config as server_config
    from .jobstore import RedisJobStore
    from .storage import open_storage

    settings = server_config.load(_OVERRIDES)
    if not settings.get("REDIS_URL"):
        raise RuntimeError("set FACTCHECK_REDIS_URL on the worker")
    store = RedisJobStore(settings["REDIS_URL"], settings["REDIS_PREFIX"])
    return settings, store, open_storage(settings)
