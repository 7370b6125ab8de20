"""Batch checking against a real local HTTP server (loopback only, no timed assertions)."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck import Report, check_many
from factcheck.batch import is_transient
from factcheck.cli.batch import add_arguments, run
from factcheck.cli.batch_input import read_urls
from factcheck.cli.progress import Progress
from factcheck.errors import (
    BlockedURLError,
    FetchError,
    FetchTimeoutError,
    HostUnreachableError,
    HTTPStatusError,
    PageTooLargeError,
)
from factcheck.fetch.hostlimit import HostLimiter

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Vitamin D and winter colds: what trials show {n}</title>
<meta name="author" content="Jane Smith">
<meta property="article:published_time" content="2026-10-0{d}T08:00:00Z">
</head><body><article><h1>Vitamin D and winter colds: what trials show {n}</h1>
<p>By Jane Smith, health reporter.</p>
<p>A review of randomised controlled trials published in the BMJ found a small effect of daily
vitamin D on respiratory infections, mostly in people who were deficient at the start.</p>
<p>Researchers caution that the effect is modest and that supplements are not a cure.
See <a href="https://www.bmj.com/content/356/bmj.i6583">the BMJ meta-analysis</a>.</p>
<p>Page number {n} of the batch test, with enough text for the extractor to keep it.</p>
</article></body></html>"""


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A threaded local server, so concurrent fetches really overlap."""
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


def serve_articles(server: HTTPServer, count: int) -> list[str]:
    for n in range(count):
        server.expect_request(f"/a/{n}").respond_with_data(
            ARTICLE.format(n=n, d=n % 9 + 1), content_type="text/html; charset=utf-8"
        )
    return [server.url_for(f"/a/{n}") for n in range(count)]


def requests_to(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


def fast(**overrides: object) -> dict[str, object]:
    """Options for tests: loopback allowed, no politeness delay, tiny backoff."""
    options: dict[str, object] = {
        "allow_loopback": True,
        "host_delay": 0.0,
        "backoff": 0.01,
        "per_host": 8,
    }
    options.update(overrides)
    return options


# -- check_many ----------------------------------------------------------------------------


@pytest.mark.parametrize("workers", [0, 2])
def test_check_many_reports_every_url_once(server: HTTPServer, workers: int, now) -> None:
    urls = serve_articles(server, 12)
    results = dict(check_many(urls + urls[:3], workers=workers, jobs=4, now=now, **fast()))
    assert set(results) == set(urls)
    for url, outcome in results.items():
        assert isinstance(outcome, Report), outcome
        assert outcome.url == url
        assert len(outcome.steps) == 7
        assert outcome.checked_at == now
    assert "Vitamin D" in results[urls[0]].title
    assert all(requests_to(server, f"/a/{n}") == 1 for n in range(12))  # duplicates fetched once


def test_failures_are_typed_and_never_stop_the_run(server: HTTPServer) -> None:
    good = serve_articles(server, 3)
    server.expect_request("/missing").respond_with_data("no", status=404)
    server.expect_request("/pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    bad = [
        server.url_for("/missing"),
        server.url_for("/pdf"),
        "ftp://example.org/file",
        "http://10.0.0.1/internal",
        "",
    ]
    results = dict(check_many(bad[:2] + good + bad[2:], workers=0, jobs=3, **fast()))
    assert all(isinstance(results[url], Report) for url in good)
    codes = {url: getattr(results[url], "code", None) for url in bad}
    assert codes == {
        bad[0]: "http_status",
        bad[1]: "unsupported_content",
        bad[2]: "invalid_url",
        bad[3]: "blocked_url",
        "": "invalid_url",
    }
    assert requests_to(server, "/missing") == 1  # a 4xx is an answer: never retried


def test_5xx_is_retried_until_it_succeeds(server: HTTPServer) -> None:
    server.expect_ordered_request("/flaky").respond_with_data("busy", status=503)
    server.expect_ordered_request("/flaky").respond_with_data("busy", status=502)
    server.expect_ordered_request("/flaky").respond_with_data(
        ARTICLE.format(n=1, d=1), content_type="text/html"
    )
    url = server.url_for("/flaky")
    [(got, outcome)] = list(check_many([url], workers=0, retries=2, **fast()))
    assert got == url
    assert isinstance(outcome, Report)
    assert requests_to(server, "/flaky") == 3


def test_retries_stop_after_the_limit(server: HTTPServer) -> None:
    server.expect_request("/down").respond_with_data("down", status=500)
    url = server.url_for("/down")
    [(_, outcome)] = list(check_many([url], workers=0, retries=2, **fast()))
    assert isinstance(outcome, HTTPStatusError)
    assert outcome.status == 500
    assert requests_to(server, "/down") == 3  # first try + 2 retries


def test_timeouts_are_retried(server: HTTPServer) -> None:
    calls = []

    def slow(request: Request) -> Response:
        calls.append(request.path)  # counted on arrival: the log only has answered requests
        time.sleep(1.0)
        return Response(ARTICLE.format(n=0, d=1), content_type="text/html")

    server.expect_request("/slow").respond_with_handler(slow)
    url = server.url_for("/slow")
    [(_, outcome)] = list(check_many([url], workers=0, retries=1, timeout=0.2, **fast()))
    assert isinstance(outcome, FetchTimeoutError)
    assert calls == ["/slow", "/slow"]


def test_per_host_limit_holds(server: HTTPServer) -> None:
    lock = threading.Lock()
    state = {"now": 0, "peak": 0}

    def counted(request: Request) -> Response:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        time.sleep(0.05)
        with lock:
            state["now"] -= 1
        return Response(ARTICLE.format(n=0, d=1), content_type="text/html")

    for n in range(10):
        server.expect_request(f"/p/{n}").respond_with_handler(counted)
    urls = [server.url_for(f"/p/{n}") for n in range(10)]
    results = list(check_many(urls, workers=0, jobs=8, **fast(per_host=2)))
    assert len(results) == 10
    assert all(isinstance(outcome, Report) for _, outcome in results)
    assert 1 <= state["peak"] <= 2


def test_host_limiter_counts_slots_and_delay() -> None:
    limiter = HostLimiter(per_host=2, delay=1.0)
    assert limiter.try_acquire("a.org", now=10.0)
    assert not limiter.try_acquire("a.org", now=10.5)  # too soon after the last start
    assert limiter.try_acquire("b.org", now=10.5)  # other hosts are independent
    assert limiter.try_acquire("a.org", now=11.0)
    assert not limiter.try_acquire("a.org", now=99.0)  # both slots taken
    assert limiter.ready_at("a.org") is None
    limiter.release("a.org")
    assert limiter.ready_at("a.org") == 12.0
    assert limiter.try_acquire("a.org", now=12.0)


def test_only_transient_errors_are_retried() -> None:
    assert is_transient(HTTPStatusError("x", status=503))
    assert is_transient(FetchTimeoutError("x"))
    assert is_transient(HostUnreachableError("cannot reach h: connection refused"))
    assert is_transient(FetchError("the connection broke while reading"))
    assert not is_transient(HTTPStatusError("x", status=404))
    assert not is_transient(HTTPStatusError("x", status=429))
    assert not is_transient(HostUnreachableError("cannot reach h: name or service not known"))
    assert not is_transient(BlockedURLError("x"))
    assert not is_transient(PageTooLargeError("x"))


# -- the command ---------------------------------------------------------------------------


def batch(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="factcheck batch")
    add_arguments(parser)
    return run(parser.parse_args(list(argv)))


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_command_writes_jsonl_and_resumes(server: HTTPServer, tmp_path: Path, capsys) -> None:
    urls = serve_articles(server, 4)
    server.expect_request("/gone").respond_with_data("gone", status=410)
    gone = server.url_for("/gone")
    source = tmp_path / "urls.txt"
    listed = [*urls[:2], gone, "not a url at all"]
    source.write_text("# today's reports\n" + "\n".join(listed) + "\n")
    out = tmp_path / "out.jsonl"
    common = ["--workers", "0", "--allow-loopback", "--host-delay", "0", "--no-progress"]

    assert batch(str(source), "-o", str(out), *common) == 0
    first = {r["url"]: r for r in records(out)}
    assert set(first) == {*urls[:2], gone, "not a url at all"}
    assert first[gone]["error"]["code"] == "http_status"
    assert first["not a url at all"]["error"]["code"] == "invalid_url"
    assert first[urls[0]]["verdict"] in {"reliable", "mixed", "doubtful", "unreliable", "unknown"}
    assert len(first[urls[0]]["steps"]) == 7
    summary = capsys.readouterr().err
    assert "failed" in summary and "http_status" in summary and "invalid_url" in summary

    # A run stopped mid-write leaves a cut line; the next run ends it and adds only new URLs.
    with out.open("a", encoding="utf-8") as handle:
        handle.write('{"url": "' + urls[3] + '", "verd')
    source.write_text("\n".join(urls) + "\n")
    assert batch(str(source), "-o", str(out), *common) == 0
    second = [json.loads(line) for line in out.read_text().splitlines() if line.endswith("}")]
    assert [r["url"] for r in second].count(urls[0]) == 1
    assert {r["url"] for r in second} == {*urls, gone, "not a url at all"}
    assert requests_to(server, "/a/0") == 1  # skipped on resume, not fetched again
    assert "2 of 4 URLs already in" in capsys.readouterr().err


def test_batch_command_csv_summary(server: HTTPServer, tmp_path: Path) -> None:
    urls = serve_articles(server, 2)
    source = tmp_path / "urls.jsonl"
    source.write_text("".join(json.dumps({"url": u, "note": "x"}) + "\n" for u in urls))
    out = tmp_path / "out.csv"
    args = [str(source), "-o", str(out), "--csv", "--workers", "0", "--allow-loopback"]
    assert batch(*args, "--no-progress") == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfurl,")  # BOM: Excel reads UTF-8
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("url,final_url,verdict,score")
    assert len(lines) == 3
    assert batch(*args, "--no-progress") == 0  # resumed: nothing new, header not repeated
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 3
    assert out.read_bytes().count(b"\xef\xbb\xbf") == 1


def test_input_formats(tmp_path: Path) -> None:
    lines = tmp_path / "a.txt"
    lines.write_text("https://a.org/1\n\n# note\nhttps://a.org/2\nhttps://a.org/1\n")
    assert read_urls(str(lines)) == ["https://a.org/1", "https://a.org/2"]
    table = tmp_path / "a.csv"
    table.write_text("id,URL,reason\n1,https://b.org/x,spam\n2,https://b.org/y,rumour\n")
    assert read_urls(str(table)) == ["https://b.org/x", "https://b.org/y"]
    sniffed = tmp_path / "reports"
    sniffed.write_text('{"url": "https://c.org/1"}\n{"url": "https://c.org/2"}\n')
    assert read_urls(str(sniffed)) == ["https://c.org/1", "https://c.org/2"]


def test_bad_input_is_a_clear_error(tmp_path: Path, capsys) -> None:
    table = tmp_path / "a.csv"
    table.write_text("id,link\n1,https://b.org/x\n")
    assert batch(str(table), "--no-progress") == 2
    assert "no 'url' column" in capsys.readouterr().err
    assert batch(str(tmp_path / "absent.txt"), "--no-progress") == 2


def test_batch_command_in_a_real_process(server: HTTPServer, tmp_path: Path) -> None:
    """The installed command with analysis processes (forked from a single-threaded CLI)."""
    urls = serve_articles(server, 5)
    source = tmp_path / "urls.txt"
    source.write_text("\n".join(urls) + "\n")
    out = tmp_path / "out.jsonl"
    argv = [sys.executable, "-m", "factcheck", "batch", str(source), "-o", str(out)]
    argv += ["--workers", "2", "--allow-loopback", "--host-delay", "0", "--no-progress"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr
    assert sorted(r["url"] for r in records(out)) == sorted(urls)
    assert all(len(r["steps"]) == 7 for r in records(out))
    assert "5 URLs in" in done.stderr


def test_non_string_items_fail_alone(server: HTTPServer) -> None:
    urls = serve_articles(server, 1)
    items: list = [None, urls[0], 42]
    results = dict(check_many(items, workers=0, **fast()))
    assert isinstance(results[urls[0]], Report)  # None did not end the input early
    assert results["None"].code == "invalid_url"
    assert results["42"].code == "invalid_url"


def test_progress_line_shows_done_rate_and_eta() -> None:
    line = Progress(10, io.StringIO()).line(done=4, failed=1, elapsed=2.0)
    assert "4/10" in line and "40%" in line
    assert "2.0/s" in line and "ETA 0:03" in line and "1 failed" in line
