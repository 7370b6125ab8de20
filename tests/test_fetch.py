"""Safe fetching against a real local HTTP server (pytest-httpserver on 127.0.0.1)."""

from __future__ import annotations

import gzip

import pytest
from werkzeug import Response

from factcheck import (
    BlockedURLError,
    EmptyPageError,
    FetchTimeoutError,
    HostUnreachableError,
    HTTPStatusError,
    InvalidURLError,
    PageTooLargeError,
    TooManyRedirectsError,
    UnsupportedContentError,
)
from factcheck.fetch.safe import fetch, validate_url

PAGE = "<html><head><title>Hello</title></head><body><p>Body text</p></body></html>"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/_stats",
        "ftp://example.org/file",
        "javascript:alert(1)",
        "http://",
        "http://[::1",
        "http://user:secret@example.org/",
        "",
    ],
)
def test_malformed_or_foreign_scheme_urls_are_refused(url):
    with pytest.raises(InvalidURLError):
        validate_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/",
        "http://192.168.1.1/",
        "http://172.16.5.4/",
        "http://100.64.0.1/",  # carrier-grade NAT
        "http://0.0.0.0/",
        "http://2130706433/",  # 127.0.0.1 as a decimal number
        "http://0x7f000001/",  # ... as hex
        "http://0177.0.0.1/",  # ... as octal
        "http://127.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",  # IPv6-mapped IPv4
        "http://[fd00::1]/",
        "http://printer.local/",
        "https://example.org:8443/",  # only ports 80 and 443
    ],
)
def test_internal_addresses_are_blocked(url):
    with pytest.raises(BlockedURLError):
        validate_url(url)


def test_blocked_is_a_value_error_and_invalid_url():
    with pytest.raises(ValueError):
        validate_url("http://10.1.2.3/")


def test_scheme_less_input_is_read_as_http():
    assert validate_url("example.org/page") == "http://example.org/page"


def test_loopback_switch_still_blocks_private_ranges():
    assert validate_url("http://127.0.0.1:8080/", allow_loopback=True)
    for url in ("http://10.0.0.1/", "http://169.254.169.254/", "http://[fd00::1]/"):
        with pytest.raises(BlockedURLError):
            validate_url(url, allow_loopback=True)


def test_local_server_is_unreachable_without_the_test_switch(httpserver):
    httpserver.expect_request("/").respond_with_data(PAGE, content_type="text/html")
    with pytest.raises(BlockedURLError):
        fetch(httpserver.url_for("/"))
    assert httpserver.log == []  # nothing was requested


def test_fetches_html_with_the_test_switch(httpserver):
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    page = fetch(httpserver.url_for("/a"), allow_loopback=True)
    assert page.status == 200
    assert "<title>Hello</title>" in page.html
    assert page.final_url == httpserver.url_for("/a")


def test_follows_redirects_and_records_the_chain(httpserver):
    httpserver.expect_request("/short").respond_with_response(
        Response(status=301, headers={"Location": "/middle"})
    )
    httpserver.expect_request("/middle").respond_with_response(
        Response(status=302, headers={"Location": httpserver.url_for("/target")})
    )
    httpserver.expect_request("/target").respond_with_data(PAGE, content_type="text/html")
    page = fetch(httpserver.url_for("/short"), allow_loopback=True)
    assert page.final_url == httpserver.url_for("/target")
    assert len(page.redirects) == 3


def test_redirect_into_private_space_is_refused_on_that_hop(httpserver):
    httpserver.expect_request("/go").respond_with_response(
        Response(status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    )
    with pytest.raises(BlockedURLError):
        fetch(httpserver.url_for("/go"), allow_loopback=True)


def test_redirect_to_another_scheme_is_refused(httpserver):
    httpserver.expect_request("/go").respond_with_response(
        Response(status=302, headers={"Location": "file:///etc/passwd"})
    )
    with pytest.raises(InvalidURLError):
        fetch(httpserver.url_for("/go"), allow_loopback=True)


def test_endless_redirects_stop(httpserver):
    for i in range(10):
        httpserver.expect_request(f"/r{i}").respond_with_response(
            Response(status=302, headers={"Location": f"/r{i + 1}"})
        )
    with pytest.raises(TooManyRedirectsError):
        fetch(httpserver.url_for("/r0"), allow_loopback=True)
    assert len(httpserver.log) == 6  # the first request and five redirects, no more


def test_redirect_loop_stops(httpserver):
    httpserver.expect_request("/loop").respond_with_response(
        Response(status=302, headers={"Location": "/loop"})
    )
    with pytest.raises(TooManyRedirectsError):
        fetch(httpserver.url_for("/loop"), allow_loopback=True)


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_http_errors_are_typed_with_their_status(httpserver, status):
    httpserver.expect_request("/x").respond_with_data("no", status=status, content_type="text/html")
    with pytest.raises(HTTPStatusError) as info:
        fetch(httpserver.url_for("/x"), allow_loopback=True)
    assert info.value.status == status


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"%PDF-1.7 ...", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b'{"a": 1}', "application/json"),
        (b"\x00\x01\x02binary\x00garbage" * 10, ""),
        (b"\x00\x01\x02<html>binary</html>", "text/html"),
    ],
)
def test_non_html_is_refused(httpserver, body, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    httpserver.expect_request("/f").respond_with_response(Response(body, headers=headers))
    if not content_type:
        # werkzeug adds a default text/plain type; remove it to test sniffing
        httpserver.clear()
        httpserver.expect_request("/f").respond_with_handler(lambda _req: _raw_response(body))
    with pytest.raises(UnsupportedContentError):
        fetch(httpserver.url_for("/f"), allow_loopback=True)


def _raw_response(body: bytes) -> Response:
    response = Response(body)
    del response.headers["Content-Type"]
    return response


def test_empty_body_is_typed(httpserver):
    httpserver.expect_request("/e").respond_with_data("  \n", content_type="text/html")
    with pytest.raises(EmptyPageError):
        fetch(httpserver.url_for("/e"), allow_loopback=True)


def test_declared_huge_body_is_refused_before_reading(httpserver):
    httpserver.expect_request("/big").respond_with_data(
        b"<html>" + b"a" * 2_000_000, content_type="text/html"
    )
    with pytest.raises(PageTooLargeError):
        fetch(httpserver.url_for("/big"), allow_loopback=True, max_bytes=1_000_000)


def test_streamed_body_is_cut_at_the_cap(httpserver):
    def endless(_request):
        def chunks():
            yield b"<html><body>"
            for _ in range(200):  # 12.8 MB if fully read
                yield b"x" * 65_536

        return Response(chunks(), content_type="text/html")  # chunked, no Content-Length

    httpserver.expect_request("/stream").respond_with_handler(endless)
    with pytest.raises(PageTooLargeError):
        fetch(httpserver.url_for("/stream"), allow_loopback=True, max_bytes=1_000_000)


def test_gzip_bomb_is_cut_after_decompression(httpserver):
    bomb = gzip.compress(b"<html>" + b"\0" * 30_000_000)  # ~30 KB on the wire
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(PageTooLargeError):
        fetch(httpserver.url_for("/bomb"), allow_loopback=True, max_bytes=2_000_000)


def test_slow_drip_hits_the_total_deadline(httpserver):
    import time

    def drip(_request):
        def chunks():
            yield b"<html><body>"
            for _ in range(30):
                time.sleep(0.2)
                yield b"<p>drip</p>"

        return Response(chunks(), content_type="text/html")

    httpserver.expect_request("/drip").respond_with_handler(drip)
    with pytest.raises(FetchTimeoutError):
        fetch(httpserver.url_for("/drip"), allow_loopback=True, deadline=1.0)


def test_unreachable_port_is_typed():
    with pytest.raises(HostUnreachableError):
        fetch("http://127.0.0.1:9/", allow_loopback=True)  # discard port: nothing listens


def test_gb2312_declared_page_with_gb18030_characters(httpserver):
    text = (
        "<html><head><meta charset='gb2312'><title>冬季流感防护</title></head>"
        "<body><p>㙟 健康</p></body></html>"
    )
    httpserver.expect_request("/gb").respond_with_data(
        text.encode("gb18030"), content_type="text/html"
    )
    page = fetch(httpserver.url_for("/gb"), allow_loopback=True)
    assert "冬季流感防护" in page.html and "㙟" in page.html


def test_wrong_header_charset_falls_back_to_detection(httpserver):
    body = "<html><body><p>国家卫生健康委员会发布流感防治指南，提醒公众接种疫苗。</p></body></html>"
    httpserver.expect_request("/w").respond_with_data(
        body.encode("gbk"), content_type="text/html; charset=utf-8"
    )
    page = fetch(httpserver.url_for("/w"), allow_loopback=True)
    assert "国家卫生健康委员会" in page.html
    assert page.encoding_note


def test_finished_fetches_do_not_pile_up_in_the_deadline_watchdog(httpserver):
    """One watchdog thread serves every fetch; a finished fetch leaves its queue at the next
    clearing, so a long batch holds a bounded queue, not a deadline's worth of fetches."""
    from factcheck.fetch import transport

    httpserver.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    for _ in range(300):
        fetch(httpserver.url_for("/page"), allow_loopback=True)
    queued = len(transport._WATCHDOG._queue)
    assert queued <= 2 * transport._CLEAR_AT, queued
