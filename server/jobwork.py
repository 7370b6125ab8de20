"""The work of a job chunk, the same on a Celery worker and in the embedded thread.

Each URL: skipped if the job already recorded it (a redelivered chunk), answered from the
report cache when fresh, else checked by :func:`factcheck.check_many` (retries, politeness)
and stored like any other check, so it appears in the history and has a shareable id.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

import factcheck
from factcheck.fetch.safe import validate_url

from .cachekey import cache_key
from .jobstore import JobStore
from .storage import Storage, StoredReport

log = logging.getLogger("factcheck.server.jobs")


def run_chunk(
    store: JobStore,
    job_id: str,
    urls: Sequence[str],
    *,
    storage: Storage | None,
    lang: str | None = None,
    allow_loopback: bool = False,
    timeout: float | tuple[float, float] | None = None,
    fetches: int = 4,
    owner: str | None = None,
) -> int:
    """Check ``urls`` for job ``job_id``; returns how many results were recorded.

    ``owner`` (the submitter's caller id) puts every report in that caller's history."""
    store.mark_started(job_id)
    recorded = 0
    to_check = []
    for url in dict.fromkeys(urls):
        if store.is_recorded(job_id, url):
            continue
        hit = _cached(storage, url, lang, allow_loopback, owner)
        if hit is not None:
            recorded += store.record(job_id, url, _report_item(url, hit, cached=True), failed=False)
        else:
            to_check.append(url)
    outcomes = factcheck.check_many(
        to_check,
        workers=0,  # a Celery worker process is the unit of CPU parallelism
        jobs=fetches,
        lang=lang,
        timeout=timeout,
        allow_loopback=allow_loopback,
    )
    for url, outcome in outcomes:
        if isinstance(outcome, factcheck.Report):
            stored = _save(storage, url, outcome, lang, owner)
            item, failed = _report_item(url, stored, cached=False), False
        else:
            item, failed = error_item(url, outcome.code, str(outcome)), True
        recorded += store.record(job_id, url, item, failed=failed)
    return recorded


def error_item(url: str, code: str, message: str) -> str:
    return json.dumps({"url": url, "error": {"code": code, "message": message}}, ensure_ascii=False)


def _report_item(url: str, stored: StoredReport, *, cached: bool) -> str:
    head = json.dumps({"url": url, "id": stored.id or None, "cached": cached}, ensure_ascii=False)
    return head[:-1] + ', "report": ' + stored.report_json + "}"


def _cache_key(url: str, lang: str | None, allow_loopback: bool) -> str | None:
    try:
        return cache_key(validate_url(url, allow_loopback=allow_loopback), lang)
    except factcheck.FactcheckError:
        return None


def _cached(
    storage: Storage | None, url: str, lang: str | None, allow_loopback: bool, owner: str | None
) -> StoredReport | None:
    key = _cache_key(url, lang, allow_loopback) if storage is not None else None
    if key is None or storage is None:
        return None
    try:
        hit = storage.cached(key)
        if hit is not None:
            storage.remember(owner, hit.id)
        return hit
    except Exception:  # a cache outage must not fail the job: check the URL instead
        log.exception("report cache lookup failed")
        return None


def _save(
    storage: Storage | None,
    url: str,
    report: factcheck.Report,
    lang: str | None,
    owner: str | None,
) -> StoredReport:
    data: dict[str, Any] = report.to_dict()
    if storage is not None:
        try:
            # The URL was fetched, so it passed validation; the key only needs it normalised.
            key = _cache_key(url, lang, allow_loopback=True)
            return storage.save(data, cache_key=key, owner=owner)
        except Exception:  # storage down: still return the report to the job
            log.exception("storing a job's report failed")
    return StoredReport(id="", report_json=json.dumps(data, ensure_ascii=False))
