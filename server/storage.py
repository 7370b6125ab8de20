"""Where reports live: SQLite on one machine (default), Redis when several instances share.

Both stores keep the report JSON only (never page HTML), a history ordered by time, and a
cache from normalised URL to report id with a TTL. Reports older than the retention period
are deleted. Writes are atomic (one SQLite transaction, one Redis MULTI), so concurrent
writers lose nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from .records import Storage, StoredReport, new_id, summary
from .sqlitefile import Connections, Immediate
from .storage_redis import RedisStorage

__all__ = ["SQLiteStorage", "Storage", "StoredReport", "new_id", "open_storage", "summary"]

_PURGE_EVERY = 600.0  # seconds between retention sweeps (per process)


def open_storage(config: dict[str, Any]) -> Storage:
    """Redis when ``REDIS_URL`` is set, else SQLite at ``DB_PATH``."""
    ttl, retention = int(config["CACHE_TTL"]), float(config["RETENTION_DAYS"]) * 86400
    if config.get("REDIS_URL"):
        return RedisStorage(config["REDIS_URL"], config["REDIS_PREFIX"], ttl, retention)
    return SQLiteStorage(config["DB_PATH"], ttl, retention)


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
CREATE TABLE IF NOT EXISTS seen (
    owner TEXT NOT NULL,
    report_id TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (owner, report_id)
);
CREATE INDEX IF NOT EXISTS seen_owner ON seen (owner, created);
"""


class SQLiteStorage:
    """One file, WAL mode, one connection per thread and process, IMMEDIATE write transactions."""

    kind = "sqlite"

    def __init__(self, path: str | os.PathLike[str], ttl: int, retention: float) -> None:
        self.path = Path(path)
        self.ttl, self.retention = ttl, retention
        self._last_purge = 0.0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._connections = Connections(self.path)
        self._db().executescript(_SCHEMA)  # idempotent; executescript manages its own commit

    def _db(self) -> sqlite3.Connection:
        return self._connections.get()

    def _write(self) -> Immediate:
        return Immediate(self._db())

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

    def save(
        self, report: dict[str, Any], *, cache_key: str | None = None, owner: str | None = None
    ) -> StoredReport:
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
            if owner is not None:
                db.execute("INSERT INTO seen VALUES (?, ?, ?)", (owner, stored.id, now))
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

    def remember(self, owner: str | None, report_id: str) -> None:
        """Put an existing report (a cache hit) in ``owner``'s history, newest first.
        A hit seen in the last minute is not written again (hot links stay read-only)."""
        if owner is None:
            return
        now = time.time()
        row = (
            self._db()
            .execute(
                "SELECT created FROM seen WHERE owner = ? AND report_id = ?", (owner, report_id)
            )
            .fetchone()
        )
        if row is not None and now - row[0] < 60:
            return
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO seen VALUES (?, ?, ?)", (owner, report_id, now))

    def history(
        self, page: int, per_page: int, owner: str | None = None
    ) -> tuple[list[dict[str, Any]], int]:
        """Newest first: every report (``owner`` None), or the ones ``owner`` checked."""
        oldest = time.time() - self.retention
        db = self._db()
        args: list[Any] = [oldest]
        if owner is None:
            where = "FROM reports r WHERE r.created >= ?"
            order = "r.created DESC, r.rowid DESC"
        else:
            where = (
                "FROM seen s JOIN reports r ON r.id = s.report_id "
                "WHERE s.owner = ? AND r.created >= ?"
            )
            args, order = [owner, oldest], "s.created DESC, s.rowid DESC"
        total = db.execute("SELECT COUNT(*) " + where, args).fetchone()
        rows = db.execute(
            "SELECT r.id, r.url, r.title, r.score, r.verdict, r.checked_at "
            + where
            + " ORDER BY "
            + order
            + " LIMIT ? OFFSET ?",
            [*args, per_page, (page - 1) * per_page],
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
            db.execute("DELETE FROM seen WHERE created < ?", (now - self.retention,))
            db.execute(
                "DELETE FROM cache WHERE report_id NOT IN (SELECT id FROM reports)"
            )  # fmt: skip
        return deleted.rowcount

    def ping(self) -> bool:
        return self._db().execute("SELECT 1").fetchone() == (1,)

    def fetch_lock(self, key: str, wait: float) -> AbstractContextManager[None]:
        """One machine: the per-process single flight in the service is enough."""
        return nullcontext()
