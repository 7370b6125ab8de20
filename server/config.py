"""Server settings: defaults, then ``FACTCHECK_*`` environment variables, then the caller's dict.

Every setting is a plain Flask config key so tests and ``create_app({...})`` can override it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

MB = 1_000_000

DEFAULTS: dict[str, Any] = {
    # Auth: None means "required unless debug"; True/False force it.
    "AUTH_REQUIRED": None,
    "API_TOKENS": [],
    # Tokens that may also read every caller's history (each other token sees its own).
    "ADMIN_TOKENS": [],
    # Storage
    "DB_PATH": None,  # None: $XDG_DATA_HOME/factcheck/factcheck.sqlite3
    "REDIS_URL": None,
    "REDIS_PREFIX": "factcheck:",
    "CACHE_TTL": 3600,  # seconds a fetched report answers for the same normalised URL
    "RETENTION_DAYS": 30,  # history and stored reports older than this are deleted
    # Limits
    # Whole request body (Flask answers 413 past it). None: 3 x MAX_HTML_BYTES + 1 MB, room
    # for ``html`` sent with every non-ASCII character escaped (``\uXXXX``: 6 bytes for 3
    # UTF-8 bytes, 12 for 4); the ``html`` limit itself applies to the decoded text.
    "MAX_CONTENT_LENGTH": None,
    "MAX_HTML_BYTES": 5 * MB,  # the ``html`` field on its own, as UTF-8 once decoded
    "MAX_URL_LENGTH": 4096,
    "BATCH_MAX_URLS": 20,
    "BATCH_CONCURRENCY": 4,
    "HISTORY_MAX_PER_PAGE": 100,
    "FETCH_TIMEOUT": (5.0, 15.0),  # connect, per socket read
    "FETCH_DEADLINE": 25.0,  # one fetch in total: connect, headers, body, redirects
    # Per process: checks that may wait on an upstream at once (fetching, or waiting for
    # another request's fetch of the same page); more answer 503 at once. Keep it below
    # gunicorn's --threads so health, cached answers and history always find a thread.
    "FETCH_SLOTS": 14,
    "ANALYSIS_SLOTS": 2,  # per process: sent-html analyses at once (bounds memory)
    # Tests only: let fetches reach 127.0.0.1/localhost (private ranges stay blocked).
    "ALLOW_LOOPBACK_FETCH": False,
    # Rate limits (Flask-Limiter). Storage follows REDIS_URL unless set explicitly.
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_DEFAULT": "600/minute",
    "RATELIMIT_CHECK": "60/minute",
    "RATELIMIT_STORAGE_URI": None,
    "RATELIMIT_HEADERS_ENABLED": True,
    # CORS: exact origins only (an extension's id, e.g. "moz-extension://<uuid>").
    "CORS_ORIGINS": [],
    # Share pages (/reports/<id>) open without a token: ids are 128-bit random capabilities.
    "PUBLIC_SHARE_PAGES": True,
    # Absolute links: PUBLIC_URL if set, else the request's host (PROXY_COUNT trusted proxies).
    "PUBLIC_URL": None,
    "PROXY_COUNT": 0,
    "JSON_LOGS": True,
}

# env var -> (config key, parser)
_ENV: dict[str, tuple[str, Any]] = {
    "FACTCHECK_API_TOKENS": ("API_TOKENS", lambda v: _split(v)),
    "FACTCHECK_ADMIN_TOKENS": ("ADMIN_TOKENS", lambda v: _split(v)),
    "FACTCHECK_FETCH_DEADLINE": ("FETCH_DEADLINE", lambda v: _positive(float(v))),
    "FACTCHECK_FETCH_SLOTS": ("FETCH_SLOTS", int),
    "FACTCHECK_ANALYSIS_SLOTS": ("ANALYSIS_SLOTS", int),
    "FACTCHECK_AUTH": ("AUTH_REQUIRED", lambda v: _flag(v)),
    "FACTCHECK_DB": ("DB_PATH", str),
    "FACTCHECK_REDIS_URL": ("REDIS_URL", lambda v: v.strip() or None),
    "FACTCHECK_REDIS_PREFIX": ("REDIS_PREFIX", str),
    "FACTCHECK_CACHE_TTL": ("CACHE_TTL", int),
    "FACTCHECK_RETENTION_DAYS": ("RETENTION_DAYS", float),
    "FACTCHECK_CORS_ORIGINS": ("CORS_ORIGINS", lambda v: _split(v)),
    "FACTCHECK_RATE_LIMIT": ("RATELIMIT_DEFAULT", str),
    "FACTCHECK_RATE_LIMIT_CHECK": ("RATELIMIT_CHECK", str),
    "FACTCHECK_RATE_LIMITS": ("RATELIMIT_ENABLED", lambda v: _flag(v)),
    "FACTCHECK_RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
    "FACTCHECK_BATCH_MAX": ("BATCH_MAX_URLS", int),
    "FACTCHECK_PUBLIC_URL": ("PUBLIC_URL", lambda v: v.rstrip("/") or None),
    "FACTCHECK_PROXY_COUNT": ("PROXY_COUNT", int),
    "FACTCHECK_PUBLIC_SHARE_PAGES": ("PUBLIC_SHARE_PAGES", lambda v: _flag(v)),
    "FACTCHECK_JSON_LOGS": ("JSON_LOGS", lambda v: _flag(v)),
}


def load(overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> dict:
    """Defaults < environment < ``overrides``."""
    env = os.environ if env is None else env
    config = dict(DEFAULTS)
    for name, (key, parse) in _ENV.items():
        if name in env:
            try:
                config[key] = parse(env[name])
            except ValueError as exc:
                raise ValueError(f"{name}={env[name]!r}: {exc}") from None
    config.update(overrides or {})
    if config["MAX_CONTENT_LENGTH"] is None:
        config["MAX_CONTENT_LENGTH"] = 3 * int(config["MAX_HTML_BYTES"]) + MB
    if config["DB_PATH"] is None:
        config["DB_PATH"] = str(default_db_path())
    return config


def default_db_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "factcheck" / "factcheck.sqlite3"


def origin_patterns(origins: list[str]) -> list[re.Pattern[str]]:
    """Anchored exact patterns for flask-cors (a bare string is matched at the start only).

    Wildcards are refused: ``moz-extension://*`` would let any Firefox extension call the
    API with the browser's stored token."""
    patterns = []
    for origin in origins:
        exact = origin.strip().rstrip("/")
        if "*" in exact:
            raise ValueError(
                f"CORS origin {origin!r}: wildcards are not accepted, list each exact origin "
                "(e.g. moz-extension://<the extension's UUID>)"
            )
        patterns.append(re.compile("^" + re.escape(exact) + "$"))
    return patterns


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _positive(value: float) -> float:
    if not value > 0:
        raise ValueError("expected a positive number of seconds")
    return value


def _flag(value: str) -> bool:
    text = value.strip().lower()
    if text in ("1", "true", "yes", "on", "required"):
        return True
    if text in ("0", "false", "no", "off", "disabled"):
        return False
    raise ValueError("expected on/off")
