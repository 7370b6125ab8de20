"""Hostile upstreams against the documented production server (gunicorn -w 2 -k gthread
--threads 16; 14 fetch slots per worker) with a 2 s fetch deadline (FACTCHECK_FETCH_DEADLINE):
a header drip on 8 URLs at once, a body drip, a server that never answers, one URL that 8
callers wait for. Meanwhile a health probe loop runs; every probe must answer and every
check must end with a 504 within the deadline (plus a margin for the request itself)."""

from __future__ import annotations

import functools
import multiprocessing
import socket
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from server_support import AUTH, Gunicorn, RawServer

from factcheck import FetchTimeoutError, PageTooLargeError
from factcheck.fetch.safe import fetch

DEADLINE = 2.0
MARGIN = 1.5  # request overhead on a loaded 2-core machine, on top of the deadline


def header_drip(conn, _head):
    """The status line and headers, one byte a second: every read succeeds, slowly."""
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"a" * 100:
        conn.sendall(bytes([byte]))
        time.sleep(1.0)


def body_drip(conn, _head):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
    for _ in range(100):
        conn.sendall(b"<p>")
        time.sleep(0.5)


def silent(conn, _head):
    time.sleep(30)  # accepts, then never answers


def huge_headers(conn, _head):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
    conn.sendall(b"X-Big: " + b"a" * 70_000 + b"\r\n\r\n<p>x</p>")


@functools.cache
def bomb() -> bytes:
    """300 MB of spaces in under 1 MB of gzip (built once)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * 1_000_000
    return b"".join(packer.compress(block) for _ in range(300)) + packer.flush()


def gzip_bomb(conn, _head):
    body = bomb()
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
    conn.sendall(head + b"Content-Length: %d\r\n\r\n" % len(body) + body)


def many_headers(conn, _head):
    lines = b"".join(b"X-H%d: v\r\n" % n for n in range(150))
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + lines + b"\r\n<p>x</p>")


@pytest.mark.parametrize("handler", [header_drip, body_drip, silent])
def test_one_deadline_covers_connect_headers_and_body(handler):
    with RawServer(handler) as raw:
        started = time.monotonic()
        with pytest.raises(FetchTimeoutError):
            fetch(f"http://127.0.0.1:{raw.port}/", allow_loopback=True, deadline=DEADLINE)
        assert time.monotonic() - started < DEADLINE + 0.5


def test_a_shorter_deadline_started_later_is_kept():
    """One watchdog thread serves every fetch: a fetch that starts while a longer one waits
    is still cut at its own deadline, and the longer one at its own."""
    with RawServer(header_drip) as raw, ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        longer = pool.submit(
            fetch, f"http://127.0.0.1:{raw.port}/a", allow_loopback=True, deadline=3 * DEADLINE
        )
        time.sleep(0.2)  # the longer fetch's deadline is the one the watchdog sleeps towards
        with pytest.raises(FetchTimeoutError):
            fetch(f"http://127.0.0.1:{raw.port}/b", allow_loopback=True, deadline=DEADLINE)
        assert time.monotonic() - started < DEADLINE + 0.7
        with pytest.raises(FetchTimeoutError):
            longer.result(timeout=3 * DEADLINE + 2)
        assert 3 * DEADLINE - 0.1 < time.monotonic() - started < 3 * DEADLINE + 0.5


def _fetch_in_child(port: int, results: Any) -> None:
    started = time.monotonic()
    try:
        fetch(f"http://127.0.0.1:{port}/", allow_loopback=True, deadline=DEADLINE)
    except FetchTimeoutError:
        results.put(("timeout", time.monotonic() - started))
    else:
        results.put(("answered", time.monotonic() - started))


def test_the_deadline_holds_in_a_forked_process():
    """A fork (gunicorn --preload, the batch's analysis processes) keeps no thread: the
    child's fetches get a watchdog of their own, even when the parent's was running."""
    context = multiprocessing.get_context("fork")
    with RawServer(header_drip) as raw:
        with pytest.raises(FetchTimeoutError):  # the parent's watchdog thread is running
            fetch(f"http://127.0.0.1:{raw.port}/", allow_loopback=True, deadline=0.5)
        results = context.Queue()
        child = context.Process(target=_fetch_in_child, args=(raw.port, results), daemon=True)
        child.start()
        outcome, seconds = results.get(timeout=DEADLINE + 10)
        child.join(10)
    assert outcome == "timeout"
    assert seconds < DEADLINE + 0.5


@pytest.mark.parametrize("handler", [huge_headers, many_headers])
def test_oversized_response_headers_are_a_typed_error(handler):
    with RawServer(handler) as raw, pytest.raises(PageTooLargeError):
        fetch(f"http://127.0.0.1:{raw.port}/", allow_loopback=True, deadline=DEADLINE)


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    settings = {"ALLOW_LOOPBACK_FETCH": True, "JSON_LOGS": False}
    env = {"FACTCHECK_FETCH_DEADLINE": str(DEADLINE)}
    with Gunicorn(tmp_path_factory.mktemp("gunicorn"), settings, env) as server:
        yield server


class Probe:
    """``GET /api/v1/health`` in a loop; records each answer's status and latency."""

    def __init__(self, url: str) -> None:
        self.url = url + "/api/v1/health"
        self.results: list[tuple[int, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Probe:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(30)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                status = requests.get(self.url, timeout=DEADLINE + MARGIN + 5).status_code
            except requests.RequestException:
                status = 0  # unanswered
            self.results.append((status, time.monotonic() - started))
            self._stop.wait(0.1)


def check_all(server: Gunicorn, urls: list[str]) -> list[tuple[int, str, float]]:
    def one(url: str) -> tuple[int, str, float]:
        started = time.monotonic()
        response = requests.get(
            server.url + "/api/v1/check", params={"url": url}, headers=AUTH, timeout=60
        )
        return response.status_code, response.json()["error"]["code"], time.monotonic() - started

    with ThreadPoolExecutor(len(urls)) as pool:
        return list(pool.map(one, urls))


TIMEOUT, TOO_LARGE = (504, "timeout"), (413, "too_large")


@pytest.mark.parametrize(
    ("handler", "distinct", "expected"),
    [
        (header_drip, True, TIMEOUT),
        (header_drip, False, TIMEOUT),
        (body_drip, True, TIMEOUT),
        (silent, True, TIMEOUT),
        (gzip_bomb, True, TOO_LARGE),
        (huge_headers, True, TOO_LARGE),
    ],
    ids=[
        "header-drip-8-urls",
        "header-drip-1-url-8-waiters",
        "body-drip-8-urls",
        "silent-8",
        "gzip-bomb-8",
        "huge-headers-8",
    ],
)
def test_eight_hostile_checks_end_in_time_while_health_answers(
    production, handler, distinct, expected
):
    bomb()  # the test server's own work, done before the clock starts
    with RawServer(handler) as raw, Probe(production.url) as probe:
        urls = [f"http://127.0.0.1:{raw.port}/{n if distinct else 0}" for n in range(8)]
        outcomes = check_all(production, urls)
        time.sleep(0.3)
    assert [(status, code) for status, code, _ in outcomes] == [expected] * 8
    slowest = max(seconds for _, _, seconds in outcomes)
    assert slowest < DEADLINE + MARGIN, outcomes
    assert probe.results and all(status == 200 for status, _ in probe.results), probe.results
    assert max(seconds for _, seconds in probe.results) < DEADLINE + MARGIN


def test_a_slow_dns_answer_is_cut_at_the_deadline(monkeypatch):
    """The lookup itself cannot be interrupted; the fetch stops waiting for it."""

    def slow(host, *args, **kwargs):  # never asks a real resolver
        time.sleep(3)
        raise socket.gaierror(socket.EAI_NONAME, f"{host}: no answer in time")

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError):
        fetch("http://slow-dns.test/", deadline=1.0)
    assert time.monotonic() - started < 1.5
