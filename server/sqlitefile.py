"""Opening the server's SQLite files, the same way for the report store and the job store:
one connection per thread and process (:class:`Connections`), writes in ``BEGIN IMMEDIATE``
transactions (:class:`Immediate`).

WAL mode (readers never wait for the writer), ``synchronous=NORMAL``, and a busy wait of
:data:`BUSY_TIMEOUT` seconds. Switching a file to WAL needs its exclusive lock; when several
workers open a new file at the same moment, SQLite refuses the switch at once ("database is
locked") rather than wait, as it does to break a deadlock between two connections that both
hold a read lock. :func:`connect` retries the switch until the same timeout.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

#: Seconds a connection waits for another's lock, and for the switch to WAL.
BUSY_TIMEOUT = 30.0


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are begun explicitly), in WAL mode."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    _switch_to_wal(conn, time.monotonic() + BUSY_TIMEOUT)
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def _switch_to_wal(conn: sqlite3.Connection, deadline: float) -> None:
    delay = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)  # another worker is switching the same new file: it is brief
        delay = min(2 * delay, 0.1)


class Connections:
    """A connection per thread, opened by :func:`connect` when the thread first asks; a forked
    process opens its own (a connection is never used across a fork)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._local = threading.local()

    def get(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            conn = connect(self.path)
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn


class Immediate:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error): writers queue on the file."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind: object, *_: object) -> None:
        self.conn.execute("ROLLBACK" if kind else "COMMIT")
