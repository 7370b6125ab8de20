"""``/api/v1/jobs``: submit a large batch, poll its progress, page through its results.

With Redis configured (``FACTCHECK_REDIS_URL``) a job is split into chunks that run as
Celery tasks on any number of worker machines (:mod:`server.celery_app`). Without Redis,
the embedded default runs small jobs on a thread of the process that accepted them and
keeps their state in the SQLite file (:mod:`server.jobstore_sqlite`), so every worker
process of the machine (gunicorn ``-w 2``) answers polls for every job.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, Response, current_app

from . import auth
from .api import absolute, dumps, int_arg, json_object, json_response
from .errors import ApiError
from .jobs_openapi import OPENAPI_PATHS, OPENAPI_SCHEMAS
from .jobstore import JobState, JobStore, RedisJobStore
from .jobstore_sqlite import SQLiteJobStore
from .jobwork import run_chunk
from .service import normalise_lang

__all__ = ["OPENAPI_PATHS", "OPENAPI_SCHEMAS", "JobRunner", "bp", "init_app"]

bp = Blueprint("jobs", __name__, url_prefix="/api/v1")

SETTINGS: dict[str, tuple[str, Any]] = {
    # config key: (environment variable, default)
    "JOBS_MAX_URLS": ("FACTCHECK_JOBS_MAX_URLS", 10_000),  # per job, with Celery
    "JOBS_INPROCESS_MAX_URLS": ("FACTCHECK_JOBS_INPROCESS_MAX_URLS", 200),  # per job, no Redis
    "JOBS_INPROCESS_RUNNING": ("FACTCHECK_JOBS_INPROCESS_RUNNING", 2),  # jobs at once, no Redis
    "JOBS_CHUNK_SIZE": ("FACTCHECK_JOBS_CHUNK_SIZE", 25),  # URLs per Celery task
    "JOBS_TTL": ("FACTCHECK_JOBS_TTL", 7 * 86400),  # seconds a job's results are kept
    "JOBS_PAGE_MAX": ("FACTCHECK_JOBS_PAGE_MAX", 200),  # results per page, at most
}


@dataclass
class JobRunner:
    """The app's job store and how it runs jobs (Celery or a local thread)."""

    store: JobStore
    celery: Any = None  # a Celery app when Redis is configured

    @property
    def mode(self) -> str:
        return "celery" if self.celery is not None else "in_process"


def init_app(app: Flask) -> None:
    """Register the jobs endpoints; Celery when ``REDIS_URL`` is set, else in-process."""
    for key, (env, default) in SETTINGS.items():
        if key not in app.config:
            app.config[key] = int(os.environ.get(env, default))
    redis_url = app.config.get("REDIS_URL")
    if redis_url:
        from .celery_app import make_celery

        store: JobStore = RedisJobStore(
            redis_url, app.config.get("REDIS_PREFIX", "factcheck:"), int(app.config["JOBS_TTL"])
        )
        runner = JobRunner(store, make_celery(redis_url))
    else:
        ttl = min(int(app.config["JOBS_TTL"]), 3600)
        runner = JobRunner(SQLiteJobStore(app.config["DB_PATH"], ttl=ttl))
    app.extensions["factcheck_jobs"] = runner
    app.register_blueprint(bp)


def runner() -> JobRunner:
    return current_app.extensions["factcheck_jobs"]


@bp.post("/jobs")
def create_job() -> Response:
    body = json_object()
    urls = _urls(body.get("urls"))
    lang = normalise_lang(body.get("lang"))
    owner = auth.check_owner()  # the reports go into the submitter's history
    jobs = runner()
    if jobs.celery is not None:
        job_id = _submit_to_celery(jobs, urls, lang, owner)
    else:
        job_id = _start_in_process(jobs, urls, lang, owner)
    state = jobs.store.get(job_id)
    assert state is not None
    response = json_response(job_body(state), status=202)
    response.headers["Location"] = absolute("jobs.get_job", job_id=job_id)
    return response


@bp.get("/jobs/<job_id>")
def get_job(job_id: str) -> Response:
    return json_response(job_body(_state(job_id)))


@bp.get("/jobs/<job_id>/results")
def job_results(job_id: str) -> Response:
    state = _state(job_id)
    offset = int_arg("offset", 0, minimum=0, maximum=10_000_000)
    limit = int_arg("limit", 50, minimum=1, maximum=int(current_app.config["JOBS_PAGE_MAX"]))
    items = runner().store.results(job_id, offset, limit)
    more = offset + len(items) < state.total
    head = dumps(
        {
            **job_body(state),
            "offset": offset,
            "limit": limit,
            "next_offset": offset + len(items) if more else None,
        }
    )
    # Items are stored as JSON text; splice them in instead of decoding and re-encoding.
    return Response(
        head[:-1] + ', "items": [' + ", ".join(items) + "]}", mimetype="application/json"
    )


def job_body(state: JobState) -> dict[str, Any]:
    return {
        **state.to_dict(),
        "status_url": absolute("jobs.get_job", job_id=state.id),
        "results_url": absolute("jobs.job_results", job_id=state.id),
    }


# -- running ---------------------------------------------------------------------------------


def _submit_to_celery(jobs: JobRunner, urls: list[str], lang: str | None, owner: str | None) -> str:
    from .celery_app import TASK_NAME

    size = max(1, int(current_app.config["JOBS_CHUNK_SIZE"]))
    job_id = jobs.store.create(len(urls))
    try:
        for start in range(0, len(urls), size):
            chunk = urls[start : start + size]
            jobs.celery.send_task(TASK_NAME, args=[job_id, chunk, lang, owner])
    except Exception as exc:  # broker down: say so instead of leaving a job that never runs
        raise ApiError(503, "queue_unavailable", "The job queue is not reachable.") from exc
    return job_id


def _start_in_process(jobs: JobRunner, urls: list[str], lang: str | None, owner: str | None) -> str:
    limit = int(current_app.config["JOBS_INPROCESS_MAX_URLS"])
    if len(urls) > limit:
        raise ApiError(
            413,
            "job_too_large",
            f"Without a job queue this server runs jobs of at most {limit} URLs; "
            "configure FACTCHECK_REDIS_URL and Celery workers for larger ones.",
        )
    store = jobs.store
    assert isinstance(store, SQLiteJobStore)
    if store.running() >= int(current_app.config["JOBS_INPROCESS_RUNNING"]):
        raise ApiError(429, "jobs_busy", "Too many jobs are running; try again in a minute.")
    job_id = store.create(len(urls))
    checks = current_app.extensions["factcheck"]
    thread = threading.Thread(
        target=_run_in_thread,
        args=(store, job_id, urls, checks.storage, lang, checks.allow_loopback, checks.timeout),
        kwargs={"owner": owner},
        name=f"factcheck-job-{job_id[:8]}",
        daemon=True,
    )
    thread.start()
    return job_id


def _run_in_thread(
    store: SQLiteJobStore,
    job_id: str,
    urls: list[str],
    storage: Any,
    lang: str | None,
    allow_loopback: bool,
    timeout: Any,
    *,
    owner: str | None = None,
) -> None:
    from .jobwork import error_item, log

    try:
        run_chunk(
            store,
            job_id,
            urls,
            storage=storage,
            lang=lang,
            allow_loopback=allow_loopback,
            timeout=tuple(timeout) if isinstance(timeout, list) else timeout,
            owner=owner,
        )
    except Exception:  # never leave a job hanging: finish what is left as failed
        log.exception("job %s failed", job_id)
        for url in urls:
            item = error_item(url, "internal_error", "The job stopped on an unexpected error.")
            store.record(job_id, url, item, failed=True)


def _urls(value: Any) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(u, str) for u in value):
        raise ApiError(400, "invalid_request", "'urls' must be a non-empty list of strings.")
    urls = list(dict.fromkeys(u.strip() for u in value))
    limit = int(current_app.config["JOBS_MAX_URLS"])
    if len(urls) > limit:
        raise ApiError(413, "job_too_large", f"At most {limit} URLs per job.")
    longest = int(current_app.config.get("MAX_URL_LENGTH", 4096))
    if any(len(u) > longest for u in urls):
        raise ApiError(400, "invalid_url", f"A URL is longer than {longest} characters.")
    return urls


def _state(job_id: str) -> JobState:
    state = runner().store.get(job_id) if len(job_id) <= 64 else None
    if state is None:
        raise ApiError(404, "not_found", "No job has this id (it may have expired).")
    return state
