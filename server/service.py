"""The check itself, free of Flask: validate, use the cache, run the engine, store the report.

Kept apart from the request handlers so the batch endpoint's threads and the jobs worker
can call it without a request context: ``current_app.extensions["factcheck"]``.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import factcheck
from factcheck.fetch.safe import validate_url

from .cachekey import cache_key
from .errors import ApiError
from .storage import Storage, StoredReport


class CheckService:
    """One per app: the storage plus the fetch policy from the app's config."""

    def __init__(self, storage: Storage, config: dict[str, Any]) -> None:
        self.storage = storage
        self.timeout = config["FETCH_TIMEOUT"]
        self.deadline = float(config["FETCH_DEADLINE"])
        self.max_html = int(config["MAX_HTML_BYTES"])
        self.max_url = int(config["MAX_URL_LENGTH"])
        self.allow_loopback = bool(config.get("ALLOW_LOOPBACK_FETCH"))  # tests only
        self._fetch_slots = threading.BoundedSemaphore(max(1, int(config["FETCH_SLOTS"])))
        self._analysis_slots = threading.BoundedSemaphore(max(1, int(config["ANALYSIS_SLOTS"])))
        self._flights: dict[str, tuple[threading.Lock, list[int]]] = {}
        self._flights_lock = threading.Lock()

    def check_url(
        self, url: object, lang: object = None, *, owner: str | None = None
    ) -> tuple[StoredReport, bool]:
        """Report for ``url``: from the cache when fresh, else fetched (SSRF-safe) and stored.

        Returns ``(stored, cached)`` within :attr:`deadline` seconds, waiting for another
        request's fetch of the same page included. ``owner`` (a caller id) puts the report
        in that caller's history. Raises :class:`ApiError` or a typed engine error.
        """
        ends = time.monotonic() + self.deadline
        url = self._url(url)
        lang = normalise_lang(lang)
        safe_url = validate_url(url, allow_loopback=self.allow_loopback)  # 400/403 before DNS
        key = cache_key(safe_url, lang)
        hit = self.storage.cached(key)
        if hit is None:
            # a viral link: one fetch per process, and per Redis-sharing fleet; the rest wait
            # for it, never longer than their own deadline
            with (
                _slot(self._fetch_slots, 0.0),
                self._single_flight(key, ends),
                self.storage.fetch_lock(key, wait=max(0.0, ends - time.monotonic())),
            ):
                hit = self.storage.cached(key)
                if hit is None:
                    report = factcheck.check_url(
                        safe_url,
                        lang=lang,
                        timeout=self.timeout,
                        deadline=_left(ends),
                        allow_loopback=self.allow_loopback,
                    )
                    return self.storage.save(report.to_dict(), cache_key=key, owner=owner), False
        self.storage.remember(owner, hit.id)
        return hit, True

    def check_html(
        self, url: object, html: object, lang: object = None, *, owner: str | None = None
    ) -> StoredReport:
        """Analyse HTML the caller sent. The HTML is neither stored nor cached nor logged."""
        url = self._url(url)
        if not isinstance(html, str):
            raise ApiError(400, "invalid_request", "'html' must be a string.")
        if len(html) > self.max_html or len(html.encode("utf-8", "surrogatepass")) > self.max_html:
            raise ApiError(413, "html_too_large", f"'html' is larger than {self.max_html:,} bytes.")
        with _slot(self._analysis_slots, self.deadline):
            report = factcheck.check_html(html, url=url, lang=normalise_lang(lang))
        return self.storage.save(report.to_dict(), owner=owner)

    def _url(self, url: object) -> str:
        if not isinstance(url, str) or not url.strip():
            raise ApiError(400, "invalid_request", "'url' must be a non-empty string.")
        if len(url) > self.max_url:
            raise ApiError(400, "invalid_url", f"'url' is longer than {self.max_url} characters.")
        return url.strip()

    @contextmanager
    def _single_flight(self, key: str, ends: float) -> Iterator[None]:
        """Hold this process's lock for ``key``; give up with a 504 at ``ends``."""
        with self._flights_lock:
            lock, users = self._flights.setdefault(key, (threading.Lock(), [0]))
            users[0] += 1
        try:
            if not lock.acquire(timeout=max(0.0, ends - time.monotonic())):
                raise _waited_too_long()
            try:
                yield
            finally:
                lock.release()
        finally:
            with self._flights_lock:
                users[0] -= 1
                if not users[0]:
                    self._flights.pop(key, None)


@contextmanager
def _slot(slots: threading.BoundedSemaphore, wait: float) -> Iterator[None]:
    """One of this process's slots, waiting at most ``wait`` seconds, else a 503."""
    acquired = slots.acquire(timeout=wait) if wait > 0 else slots.acquire(blocking=False)
    if not acquired:
        raise ApiError(
            503, "busy", "The server is checking as many pages as it can; retry in a few seconds."
        )
    try:
        yield
    finally:
        slots.release()


def _left(ends: float) -> float:
    """Seconds of the caller's deadline left for the fetch (a 504 if none)."""
    left = ends - time.monotonic()
    if left <= 0.05:
        raise _waited_too_long()
    return left


def _waited_too_long() -> ApiError:
    return ApiError(
        504, "timeout", "Another request is still fetching this page; try again in a minute."
    )


#: ``auto``, ``en`` or ``zh``, optionally with subtags (``zh-CN``, ``zh-Hans``, ``en_GB``).
LANG_PATTERN = r"^(auto|en|zh)([-_][A-Za-z0-9]{1,8})*$"


def normalise_lang(lang: Any) -> str | None:
    """``None``/``"auto"`` -> None; ``zh*`` -> "zh"; ``en*`` -> "en"; anything else is a 400."""
    if lang is None:
        return None
    if not isinstance(lang, str) or not re.match(LANG_PATTERN, lang):
        raise ApiError(400, "invalid_lang", "'lang' must be 'auto', 'en' or 'zh' (e.g. 'zh-CN').")
    return None if lang == "auto" else lang[:2]
