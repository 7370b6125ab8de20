"""Where reports live: SQLite on one machine (default), Redis when several instances share.

Both stores keep the report JSON only (never page HTML), a history ordered by time, and a
cache from normalised URL to report id with a TTL. Reports older than the retention period
are deleted. Writes are atomic (one SQLite transaction, one Redis MULTI), so concurrent
writers lose nothing.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

_PURGE_EVERY = 600.0  # seconds between retention sweeps (per process)
_LOCK_SECONDS = 40  # longer than one fetch may take (25 s deadline + a read timeout)
# Delete the lock only if it is still ours (it may have expired and been taken since).
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end"


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A stored report as JSON text (served as is: no decode and re-encode on cache hits)."""

    id: str
    report_json: str


class Storage(Protocol):
    kind: str

    def cached(self, key: str) -> StoredReport | None: ...

    def save(self, report: dict[str, Any], *, cache_key: str | None = None) -> StoredReport: ...

    def get(self, report_id: str) -> StoredReport | None: ...

    def history(self, page: int, per_page: int) -> tuple[list[dict[str, Any]], int]: ...

    def purge(self) -> int: ...

    def ping(self) -> bool: ...

    def fetch_lock(self, key: str) -> AbstractContextManager[None]: ...


def open_storage(config: dict[str, Any]) -> Storage:
    """Redis when ``REDIS_URL`` is set, else SQLite at ``DB_PATH``."""
    ttl, retention = int(config["CACHE_TTL"]), float(config["RETENTION_DAYS"]) * 86400
    if config.get("REDIS_URL"):
        return RedisStorage(config["REDIS_URL"], config["REDIS_PREFIX"], ttl, retention)
    return SQLiteStorage(config["DB_PATH"], ttl, retention)


def new_id() -> str:
    """128 random bits: a report link is hard to guess, so it can be shared as is."""
    return secrets.token_urlsafe(16)


def summary(report_id: str, report: dict[str, Any]) -> dict[str, Any]:
    """One history line."""
    return {
        "id": report_id,
        "url": report.get("url"),
        "title": report.get("title") or "",
        "score": report.get("score"),
        "verdict": report.get("verdict"),
        "checked_at": report.get("checked_at"),
    }


_SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY,
    created REAL NOT NULL,
    url TEXT, title TEXT, score INTEGER, verdict TEXT, checked_at TEXT,
    report TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_created ON reports (created);
CREATE TABLE IF NOT EXISTS cache (
    key TEXT PRIMARY KEY,
    report_id TEXT NOT NULL,
    expires REAL NOT NULL
);
"""


class SQLiteStorage:
    """One file, WAL mode, one connection per thread and process, IMMEDIATE write transactions."""

    kind = "sqlite"

    def __init__(self, path: str | os.PathLike[str], ttl: int, retention: float) -> None:
        self.path = Path(path)
        self.ttl, self.retention = ttl, retention
        self._local = threading.local()
        self._last_purge = 0.0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db().executescript(_SCHEMA)  # idempotent; executescript manages its own commit

    def _db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():  # never reuse a connection across fork
            conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def _write(self) -> _Transaction:
        return _Transaction(self._db())

    def cached(self, key: str) -> StoredReport | None:
        row = (
            self._db()
            .execute(
                "SELECT r.id, r.report FROM cache c JOIN reports r ON r.id = c.report_id "
                "WHERE c.key = ? AND c.expires > ?",
                (key, time.time()),
            )
            .fetchone()
        )
        return StoredReport(row[0], row[1]) if row else None

    def save(self, report: dict[str, Any], *, cache_key: str | None = None) -> StoredReport:
        stored = StoredReport(new_id(), json.dumps(report, ensure_ascii=False))
        line = summary(stored.id, report)
        now = time.time()
        with self._write() as db:
            db.execute(
                "INSERT INTO reports (id, created, url, title, score, verdict, checked_at, report)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (stored.id, now, line["url"], line["title"], line["score"], line["verdict"],
                 line["checked_at"], stored.report_json),
            )  # fmt: skip
            if cache_key is not None:
                db.execute(
                    "INSERT OR REPLACE INTO cache (key, report_id, expires) VALUES (?, ?, ?)",
                    (cache_key, stored.id, now + self.ttl),
                )
        if now - self._last_purge > _PURGE_EVERY:
            self.purge()
        return stored

    def get(self, report_id: str) -> StoredReport | None:
        row = (
            self._db()
            .execute(
                "SELECT id, report FROM reports WHERE id = ? AND created >= ?",
                (report_id, time.time() - self.retention),
            )
            .fetchone()
        )
        return StoredReport(row[0], row[1]) if row else None

    def history(self, page: int, per_page: int) -> tuple[list[dict[str, Any]], int]:
        oldest = time.time() - self.retention
        db = self._db()
        total = db.execute("SELECT COUNT(*) FROM reports WHERE created >= ?", (oldest,)).fetchone()
        rows = db.execute(
            "SELECT id, url, title, score, verdict, checked_at FROM reports WHERE created >= ? "
            "ORDER BY created DESC, rowid DESC LIMIT ? OFFSET ?",
            (oldest, per_page, (page - 1) * per_page),
        ).fetchall()
        names = ("id", "url", "title", "score", "verdict", "checked_at")
        return [dict(zip(names, row, strict=True)) for row in rows], int(total[0])

    def purge(self) -> int:
        """Delete reports past retention and expired cache entries; return reports deleted."""
        now = time.time()
        self._last_purge = now
        with self._write() as db:
            db.execute("DELETE FROM cache WHERE expires <= ?", (now,))
            deleted = db.execute("DELETE FROM reports WHERE created < ?", (now - self.retention,))
            db.execute(
                "DELETE FROM cache WHERE report_id NOT IN (SELECT id FROM reports)"
            )  # fmt: skip
        return deleted.rowcount

    def ping(self) -> bool:
        return self._db().execute("SELECT 1").fetchone() == (1,)

    def fetch_lock(self, key: str) -> AbstractContextManager[None]:
        """One machine: the per-process single flight in the service is enough."""
        return nullcontext()


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (or ``ROLLBACK``): writers queue on the file lock."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


class RedisStorage:
    """Keys under one prefix: ``report:<id>``, ``item:<id>`` (history line), ``history``
    (sorted set by time), ``cache:<key>`` (report id). Reports expire with the retention."""

    kind = "redis"

    def __init__(self, url: str, prefix: str, ttl: int, retention: float) -> None:
        import redis  # optional dependency: only needed when Redis is configured

        self.redis = redis.Redis.from_url(
            url, socket_timeout=5, socket_connect_timeout=5, decode_responses=True
        )
        self.prefix = prefix
        self.ttl, self.retention = ttl, retention

    def _key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)

    def cached(self, key: str) -> StoredReport | None:
        report_id = self.redis.get(self._key("cache", key))
        return self.get(str(report_id)) if report_id else None

    def save(self, report: dict[str, Any], *, cache_key: str | None = None) -> StoredReport:
        stored = StoredReport(new_id(), json.dumps(report, ensure_ascii=False))
        now, keep = time.time(), max(1, int(self.retention))
        line = json.dumps(summary(stored.id, report), ensure_ascii=False)
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self._key("report", stored.id), stored.report_json, ex=keep)
            pipe.set(self._key("item", stored.id), line, ex=keep)
            pipe.zadd(self._key("history"), {stored.id: now})
            pipe.zremrangebyscore(self._key("history"), "-inf", now - self.retention)
            if cache_key is not None:
                pipe.set(self._key("cache", cache_key), stored.id, ex=max(1, self.ttl))
            pipe.execute()
        return stored

    def get(self, report_id: str) -> StoredReport | None:
        text = self.redis.get(self._key("report", report_id))
        return StoredReport(report_id, str(text)) if text else None

    def history(self, page: int, per_page: int) -> tuple[list[dict[str, Any]], int]:
        oldest = time.time() - self.retention
        history = self._key("history")
        total = self.redis.zcount(history, oldest, "+inf")
        ids = self.redis.zrevrangebyscore(
            history, "+inf", oldest, start=(page - 1) * per_page, num=per_page
        )
        if not ids:
            return [], int(total)
        lines = self.redis.mget([self._key("item", str(i)) for i in ids])
        return [json.loads(line) for line in lines if line], int(total)

    def purge(self) -> int:
        return int(
            self.redis.zremrangebyscore(self._key("history"), "-inf", time.time() - self.retention)
        )

    def ping(self) -> bool:
        return bool(self.redis.ping())

    @contextmanager
    def fetch_lock(self, key: str) -> Iterator[None]:
        """Across instances: one fetch per URL at a time; the others wait until the report
        is cached (or the holder gives up), then look again. The lock expires by itself."""
        name, token = self._key("lock", key), new_id()
        give_up = time.monotonic() + _LOCK_SECONDS
        while not self.redis.set(name, token, nx=True, ex=_LOCK_SECONDS):
            if self.cached(key) is not None or time.monotonic() > give_up:
                yield  # the caller looks in the cache again before fetching
                return
            time.sleep(0.05)
        try:
            yield
        finally:
            self.redis.eval(_RELEASE, 1, name, token)
