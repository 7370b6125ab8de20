"""Jobs without Redis, shared by every worker process of one machine through the SQLite file
the reports already live in (``FACTCHECK_DB``).

gunicorn ``-w 2`` runs two processes: a job runs on a thread of the process that accepted
it, and its progress and results are written here, so a poll that reaches the other
process finds the job too. Each URL is recorded once (a unique key), as in Redis.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from .jobstore import JobState, new_job_id
from .sqlitefile import Connections, Immediate

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    total INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL,
    started INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS jobs_created ON jobs (created);
CREATE TABLE IF NOT EXISTS job_items (
    job_id TEXT NOT NULL,
    url TEXT NOT NULL,
    item TEXT NOT NULL,
    PRIMARY KEY (job_id, url)
);
"""


class SQLiteJobStore:
    """Job progress and results in SQLite; jobs older than ``ttl`` seconds are deleted."""

    kind = "sqlite"
    mode = "in_process"

    def __init__(self, path: str | os.PathLike[str], ttl: int = 3600) -> None:
        self.path = Path(path)
        self.ttl = ttl
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._connections = Connections(self.path)
        self._db().executescript(_SCHEMA)

    def _db(self) -> sqlite3.Connection:
        return self._connections.get()

    def create(self, total: int) -> str:
        job_id, now = new_job_id(), time.time()
        with Immediate(self._db()) as db:
            cutoff = (now - self.ttl,)
            db.execute(
                "DELETE FROM job_items WHERE job_id IN (SELECT id FROM jobs WHERE created < ?)",
                cutoff,
            )
            db.execute("DELETE FROM jobs WHERE created < ?", cutoff)
            db.execute(
                "INSERT INTO jobs (id, total, created) VALUES (?, ?, ?)", (job_id, total, now)
            )
        return job_id

    def mark_started(self, job_id: str) -> None:
        self._db().execute("UPDATE jobs SET started = 1 WHERE id = ?", (job_id,))

    def is_recorded(self, job_id: str, url: str) -> bool:
        row = (
            self._db()
            .execute("SELECT 1 FROM job_items WHERE job_id = ? AND url = ?", (job_id, url))
            .fetchone()
        )
        return row is not None

    def record(self, job_id: str, url: str, item_json: str, *, failed: bool) -> bool:
        """Append one result; False (and nothing written) if ``url`` was recorded before."""
        with Immediate(self._db()) as db:
            added = db.execute(
                "INSERT OR IGNORE INTO job_items (job_id, url, item) "
                "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM jobs WHERE id = ?)",
                (job_id, url, item_json, job_id),
            ).rowcount
            if added:
                db.execute(
                    "UPDATE jobs SET done = done + 1, failed = failed + ? WHERE id = ?",
                    (int(failed), job_id),
                )
        return bool(added)

    def get(self, job_id: str) -> JobState | None:
        row = (
            self._db()
            .execute(
                "SELECT total, done, failed, created, started FROM jobs "
                "WHERE id = ? AND created >= ?",
                (job_id, time.time() - self.ttl),
            )
            .fetchone()
        )
        if row is None:
            return None
        total, done, failed, created, started = row
        return JobState(job_id, total, done, failed, created, bool(started), self.mode)

    def results(self, job_id: str, offset: int, limit: int) -> list[str]:
        rows = (
            self._db()
            .execute(
                "SELECT item FROM job_items WHERE job_id = ? ORDER BY rowid LIMIT ? OFFSET ?",
                (job_id, limit, offset),
            )
            .fetchall()
        )
        return [row[0] for row in rows]

    def running(self) -> int:
        """Jobs not finished yet, across every process sharing the file."""
        row = (
            self._db()
            .execute(
                "SELECT COUNT(*) FROM jobs WHERE done < total AND created >= ?",
                (time.time() - self.ttl,),
            )
            .fetchone()
        )
        return int(row[0])
