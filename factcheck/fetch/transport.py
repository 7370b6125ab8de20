"""The connections a fetch opens: every one resolved and checked by :mod:`.addresses`, pinned to
the checked address, and cut by one watchdog when the fetch's deadline passes.

A :class:`Guard` is entered around one fetch (its redirects included). While it is active,
each new connection of a :func:`guarded_session` resolves the host itself, refuses the
connection if *any* answer is a blocked address (so DNS rebinding between check and connect
is impossible: there is one lookup and the socket goes to the address that was checked),
and registers its socket with the guard. At the deadline the guard shuts those sockets
down, so a server that drips its status line or headers one byte a second (each read
succeeds, so no read timeout fires) is stopped at the deadline too. Sessions used outside
a guard refuse to connect.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import os
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextvars import ContextVar
from types import TracebackType
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection

from factcheck.fetch.addresses import BlockedAddress, IPAddress, literal_ip, resolve

_active: ContextVar[Guard | None] = ContextVar("factcheck_fetch_guard", default=None)


def _resolver() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=16, thread_name_prefix="factcheck-dns")


#: DNS lookups run here so that a slow resolver cannot hold a fetch past its deadline.
_RESOLVER = _resolver()


def _after_fork() -> None:  # a forked worker (gunicorn --preload) gets no live threads
    global _RESOLVER, _WATCHDOG
    _RESOLVER = _resolver()
    _WATCHDOG = _Watchdog()


os.register_at_fork(after_in_child=_after_fork)


class Guard:
    """One fetch's address policy and deadline; shuts its sockets down when time is up."""

    def __init__(self, deadline: float, *, allow_loopback: bool = False) -> None:
        self.allow_loopback = allow_loopback
        self.ends = time.monotonic() + deadline
        self.expired = False
        self.finished = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._token: Any = None

    def __enter__(self) -> Guard:
        self._token = _active.set(self)
        _WATCHDOG.watch(self)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        with self._lock:
            self.finished = True
            self._sockets.clear()
        _active.reset(self._token)

    def remaining(self) -> float:
        return max(0.0, self.ends - time.monotonic())

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def expire(self) -> None:
        """The deadline passed: shut down every socket of a fetch still running."""
        with self._lock:
            if self.finished:
                return
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


class _Watchdog:
    """One thread per process expires every guard at its deadline.

    A timer thread per fetch cost ~0.15 ms of CPU to start, on every fetch; this thread
    sleeps until the earliest deadline. Finished guards are dropped when they reach the
    head, or when the queue has doubled since it was last cleared of them: it holds at
    most about twice the fetches running.
    """

    def __init__(self) -> None:
        self._wake = threading.Condition()
        self._queue: list[tuple[float, int, Guard]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None
        self._clear_at = _CLEAR_AT

    def watch(self, guard: Guard) -> None:
        with self._wake:
            if len(self._queue) >= self._clear_at:
                self._queue = [entry for entry in self._queue if not entry[2].finished]
                heapq.heapify(self._queue)
                self._clear_at = 2 * len(self._queue) + _CLEAR_AT
            heapq.heappush(self._queue, (guard.ends, next(self._order), guard))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="factcheck-fetch-deadlines", daemon=True
                )
                self._thread.start()
            elif self._queue[0][2] is guard:  # earlier than the one the thread waits for
                self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                due = self._pop_due()
                if not due:
                    head = self._queue[0][0] if self._queue else None
                    self._wake.wait(None if head is None else head - time.monotonic())
                    continue
            for guard in due:
                guard.expire()

    def _pop_due(self) -> list[Guard]:
        """Guards past their deadline; finished ones at the head are dropped on the way."""
        now, due = time.monotonic(), []
        while self._queue and (self._queue[0][2].finished or self._queue[0][0] <= now):
            guard = heapq.heappop(self._queue)[2]
            if not guard.finished:
                due.append(guard)
        return due


_CLEAR_AT = 64  # queued guards before the finished ones are first cleared out
_WATCHDOG = _Watchdog()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)  # a blocked recv in the fetching thread returns now


def _open(conn: HTTPConnection) -> socket.socket:
    """Resolve, check every answer, connect to the first that answers, register the socket."""
    guard = _active.get()
    if guard is None:
        raise BlockedAddress("connections are only opened inside a fetch guard")
    addresses = _lookup(conn, guard)
    timeout = conn.timeout if isinstance(conn.timeout, int | float) else guard.remaining()
    failure: OSError = OSError("no address")
    for address in addresses:  # every one was checked; the first that answers is used
        try:
            sock = connection.create_connection(
                (str(address), conn.port),
                max(0.01, min(timeout, guard.remaining())),
                source_address=conn.source_address,
                socket_options=conn.socket_options,
            )
        except OSError as exc:
            failure = exc
            continue
        guard.track(sock)
        return sock
    if isinstance(failure, TimeoutError):
        raise ConnectTimeoutError(conn, f"connecting to {conn.host} timed out") from failure
    raise NewConnectionError(conn, f"Failed to establish a new connection: {failure}") from failure


def _lookup(conn: HTTPConnection, guard: Guard) -> list[IPAddress]:
    """The checked addresses of the connection's host: an IP address as written is checked
    here; a name is looked up on the resolver's threads, waited for until the deadline."""
    host = conn._dns_host  # type: ignore[attr-defined]  # urllib3's resolvable host name
    if literal_ip(host) is not None:  # no DNS: nothing to wait for
        return resolve(host, conn.port, allow_loopback=guard.allow_loopback)
    lookup = _RESOLVER.submit(resolve, host, conn.port, allow_loopback=guard.allow_loopback)
    try:  # a lookup cannot be interrupted: the fetch stops waiting for it at the deadline
        return lookup.result(timeout=guard.remaining())
    except FutureTimeout as exc:
        raise ConnectTimeoutError(conn, f"looking up {conn.host} timed out") from exc
    except socket.gaierror as exc:
        raise NameResolutionError(conn.host, conn, exc) from exc


class _Connection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _open(self)


class _TLSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _open(self)

    def connect(self) -> None:
        super().connect()
        guard = _active.get()
        if guard is not None and self.sock is not None:
            guard.track(self.sock)  # the TLS socket took over the raw one's descriptor


class _Pool(HTTPConnectionPool):
    ConnectionCls = _Connection


class _TLSPool(HTTPSConnectionPool):
    ConnectionCls = _TLSConnection


class _GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _Pool, "https": _TLSPool}


def guarded_session() -> requests.Session:
    """A session whose connections obey the active :class:`Guard` (no proxies, no netrc)."""
    session = requests.Session()
    session.trust_env = False
    adapter = _GuardedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
