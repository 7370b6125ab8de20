"""Opening the server's SQLite files, the same way for the report store and the job store.

WAL mode (readers never wait for the writer), ``synchronous=NORMAL``, and a busy wait of
:data:`BUSY_TIMEOUT` seconds. Switching a file to WAL needs its exclusive lock; when several
workers open a new file at the same moment, SQLite refuses the switch at once ("database is
locked") rather than wait, as it does to break a deadlock between two connections that both
hold a read lock. :func:`connect` retries the switch until the same timeout.
"""

from __future__ import annotations

import os
import sqlite3
import time

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
