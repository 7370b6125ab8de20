"""Hostile upstream pages, served by a local server: each ends in bounded time and memory with
a clear error (or a report), and the API keeps serving other callers meanwhile."""

from __future__ import annotations

import os
import resource
import threading
import time
import zlib

import pytest
from server_support import LiveServer, guard_network, settings
from werkzeug.wrappers import Response

MB = 1_000_000


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    guard_network(monkeypatch)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with LiveServer(
        settings(tmp_path_factory.mktemp("hostile"), ALLOW_LOOPBACK_FETCH=True, FETCH_DEADLINE=4.0)
    ) as server:
        yield server


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def gzip_bomb(size: int) -> bytes:
    """``size`` bytes of spaces, gzip-compressed (about 1,000:1)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * MB
    return b"".join(packer.compress(block) for _ in range(size // MB)) + packer.flush()


def check(live, url: str) -> tuple[int, dict, float]:
    started = time.monotonic()
    response = live.get("/api/v1/check", params={"url": url})
    return response.status_code, response.json(), time.monotonic() - started


def test_fifty_megabyte_body_is_cut(live, httpserver):
    def endless(_request):
        return Response((b"<p>" + b"x" * MB for _ in range(50)), content_type="text/html")

    def declared(_request):
        body = (b"x" * MB for _ in range(50))
        return Response(body, content_type="text/html", headers={"Content-Length": str(50 * MB)})

    httpserver.expect_request("/big").respond_with_handler(endless)
    httpserver.expect_request("/declared").respond_with_handler(declared)
    before = peak_rss_mb()
    status, body, seconds = check(live, httpserver.url_for("/big"))
    assert (status, body["error"]["code"]) == (413, "too_large")
    assert seconds < 20
    assert peak_rss_mb() - before < 100  # the body was cut at the fetch limit, not read whole
    status, body, _ = check(live, httpserver.url_for("/declared"))
    assert (status, body["error"]["code"]) == (413, "too_large")


def test_gzip_bomb_stops_at_the_decompressed_limit(live, httpserver):
    bomb = gzip_bomb(300 * MB)
    assert len(bomb) < MB
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    before = peak_rss_mb()
    status, body, seconds = check(live, httpserver.url_for("/bomb"))
    assert (status, body["error"]["code"]) == (413, "too_large")
    assert seconds < 20
    assert peak_rss_mb() - before < 100


def test_slow_drip_under_a_content_length_hits_the_deadline_while_others_are_served(
    live, httpserver
):
    """One byte a second: every socket read succeeds, so only the total deadline ends it."""
    stop = threading.Event()

    def drip(_request):
        def body():
            yield b"<html><body>"
            while not stop.wait(1.0):
                yield b"x"

        return Response(body(), content_type="text/html", headers={"Content-Length": str(MB)})

    httpserver.expect_request("/drip").respond_with_handler(drip)
    result: dict = {}
    worker = threading.Thread(
        target=lambda: result.update(
            zip(("status", "body", "s"), check(live, httpserver.url_for("/drip")), strict=True)
        )
    )
    worker.start()
    try:
        time.sleep(1.0)
        for _ in range(5):  # the API answers other callers while one fetch drips
            started = time.monotonic()
            assert live.get("/api/v1/health").status_code == 200
            assert time.monotonic() - started < 2
        worker.join(60)
    finally:
        stop.set()
    assert not worker.is_alive()
    assert (result["status"], result["body"]["error"]["code"]) == (504, "timeout")
    assert result["s"] < 6  # the 4 s deadline of this server (the watchdog cuts the read)


def test_drip_slower_than_the_read_timeout(live, httpserver):
    def drip(_request):
        def body():
            yield b"<html>"
            time.sleep(5)  # the server's read timeout in these tests is 3 s
            yield b"</html>"

        return Response(body(), content_type="text/html")

    httpserver.expect_request("/stall").respond_with_handler(drip)
    status, body, seconds = check(live, httpserver.url_for("/stall"))
    assert (status, body["error"]["code"]) == (504, "timeout")
    assert seconds < 10


def test_endless_redirects_stop(live, httpserver):
    def hop(request):
        n = int(request.path.rsplit("/", 1)[-1])
        return Response("", status=302, headers={"Location": f"/hop/{n + 1}"})

    for n in range(10):
        httpserver.expect_request(f"/hop/{n}").respond_with_handler(hop)
    httpserver.expect_request("/self").respond_with_data(
        "", status=301, headers={"Location": "/self"}
    )
    status, body, _ = check(live, httpserver.url_for("/hop/0"))
    assert (status, body["error"]["code"]) == (502, "too_many_redirects")
    status, body, _ = check(live, httpserver.url_for("/self"))
    assert (status, body["error"]["code"]) == (502, "too_many_redirects")


@pytest.mark.parametrize(
    ("content_type", "payload"),
    [
        ("application/octet-stream", os.urandom(20_000)),
        ("text/html", b"\x00\x01\x02binary" + os.urandom(20_000)),
        ("image/png", b"\x89PNG\r\n\x1a\n" + os.urandom(5_000)),
        ("", b"\x7fELF" + os.urandom(5_000)),
    ],
)
def test_binary_data_is_refused(live, httpserver, content_type, payload):
    def send(_request):
        response = Response(payload)
        if content_type:
            response.headers["Content-Type"] = content_type
        else:
            del response.headers["Content-Type"]  # no type at all: sniffed, refused
        return response

    httpserver.expect_request("/bin").respond_with_handler(send)
    status, body, _ = check(live, httpserver.url_for("/bin"))
    assert (status, body["error"]["code"]) == (415, "unsupported_content")


@pytest.mark.parametrize(
    ("content_type", "payload"),
    [
        (
            "text/html; charset=no-such-charset",
            "<html><title>Café crème</title><p>Déjà vu</p></html>".encode("latin-1"),
        ),
        (
            "text/html; charset=utf-8",
            b"<html><title>broken \xff\xfe utf-8</title><p>\xc3\x28 text</p></html>",
        ),
        (
            "text/html; charset=gb2312",
            "<html><title>健康</title><p>维生素</p></html>".encode(),
        ),
    ],
)
def test_broken_charset_still_gives_a_report(live, httpserver, content_type, payload):
    httpserver.expect_request("/charset").respond_with_data(payload, content_type=content_type)
    status, body, _ = check(live, httpserver.url_for("/charset"))
    assert status == 200, body
    assert body["report"]["retrieval"] == "fetched"
    assert len(body["report"]["steps"]) == 7


def test_server_still_healthy_after_the_hostile_pages(live):
    assert live.get("/api/v1/health").json()["status"] == "ok"
