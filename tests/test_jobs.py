"""Batch jobs over HTTP: a real redis-server and a real Celery worker process, or in-process.

Everything listens on 127.0.0.1. Waiting loops are bounded (they fail after a deadline);
nothing asserts on how long anything took.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from server import create_app
from server.jobstore import RedisJobStore
from server.jobstore_sqlite import SQLiteJobStore
from server.jobwork import run_chunk

ROOT = Path(__file__).resolve().parents[1]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Does garlic cure the flu? Page {n}</title><meta name="author" content="Li Wei">
<meta property="article:published_time" content="2026-09-1{d}T08:00:00Z"></head>
<body><article><h1>Does garlic cure the flu? Page {n}</h1>
<p>Claims that garlic cures influenza spread widely this autumn. Doctors at the national
health commission say there is no trial evidence that garlic prevents or treats the flu.</p>
<p>Vaccination remains the best protection, according to the World Health Organization.</p>
</article></body></html>"""

needs_redis = pytest.mark.skipif(not os.path.exists(REDIS_SERVER), reason="redis-server absent")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("redis-server did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


# The loopback switch has no environment variable: a test worker is configured in code.
WORKER_MAIN = """
from server import celery_app
celery_app.configure({"ALLOW_LOOPBACK_FETCH": True})  # the pages come from 127.0.0.1
celery_app.celery.worker_main(["worker", "--pool=solo", "--without-gossip", "--without-mingle",
                               "--without-heartbeat", "--loglevel=INFO"])
"""


@pytest.fixture(scope="module")
def worker(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Celery worker process on the test Redis; yields the Redis prefix it uses."""
    prefix = "fctest:"
    env = {
        **os.environ,
        "FACTCHECK_REDIS_URL": redis_url,
        "FACTCHECK_REDIS_PREFIX": prefix,
        "FACTCHECK_DB": str(tmp_path_factory.mktemp("worker") / "unused.sqlite3"),
    }
    log = tmp_path_factory.mktemp("celery") / "worker.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER_MAIN],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    yield prefix
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def pages() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    for n in range(8):
        srv.expect_request(f"/p/{n}").respond_with_data(
            PAGE.format(n=n, d=n % 9), content_type="text/html; charset=utf-8"
        )
    srv.expect_request("/missing").respond_with_data("gone", status=404)
    yield srv
    srv.clear()
    srv.stop()


def settings(tmp_path: Path, **extra: Any) -> dict[str, Any]:
    return {
        "DB_PATH": str(tmp_path / "reports.sqlite3"),
        "AUTH_REQUIRED": False,
        "RATELIMIT_ENABLED": False,
        "ALLOW_LOOPBACK_FETCH": True,
        "JSON_LOGS": False,
        **extra,
    }


def wait_done(client: Any, status_url: str, deadline: float = 120.0) -> dict[str, Any]:
    """Poll a job until it is done (fails the test after ``deadline`` seconds)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        body = client.get(status_url).get_json()
        if body["status"] == "done":
            return body
        time.sleep(0.2)
    pytest.fail(f"job not done in time: {body}")


def all_results(client: Any, results_url: str, limit: int = 3) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        page = client.get(f"{results_url}?offset={offset}&limit={limit}").get_json()
        assert len(page["items"]) <= limit
        items += page["items"]
        offset = page["next_offset"]
    return items


def submit(client: Any, urls: list[str]) -> dict[str, Any]:
    response = client.post("/api/v1/jobs", json={"urls": urls})
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert response.headers["Location"] == body["status_url"]
    assert body["total"] == len(set(urls))
    assert body["status"] in {"queued", "running", "done"}
    return body


def check_outcomes(client: Any, items: list[dict[str, Any]], good: list[str], bad: dict) -> None:
    by_url = {item["url"]: item for item in items}
    assert len(items) == len(by_url) == len(good) + len(bad)
    for url in good:
        item = by_url[url]
        assert len(item["report"]["steps"]) == 7
        assert item["report"]["verdict"] in {
            "reliable",
            "mixed",
            "doubtful",
            "unreliable",
            "unknown",
        }
        stored = client.get(f"/api/v1/reports/{item['id']}")  # stored: shareable, in history
        assert stored.status_code == 200
        assert stored.get_json()["report"]["title"] == item["report"]["title"]
    for url, code in bad.items():
        assert by_url[url]["error"]["code"] == code
        assert by_url[url]["error"]["message"]


# -- with Redis and a Celery worker --------------------------------------------------------------


@needs_redis
def test_job_runs_on_a_celery_worker(
    redis_url: str, worker: str, pages: HTTPServer, tmp_path: Path
) -> None:
    app = create_app(
        settings(tmp_path, REDIS_URL=redis_url, REDIS_PREFIX=worker, JOBS_CHUNK_SIZE=3)
    )
    client = app.test_client()
    good = [pages.url_for(f"/p/{n}") for n in range(7)]
    bad = {pages.url_for("/missing"): "http_status", "gopher://example.org/": "invalid_url"}
    job = submit(client, [*good, *bad, good[0]])  # a duplicate counts once
    assert job["mode"] == "celery"
    done = wait_done(client, job["status_url"])
    assert (done["total"], done["done"], done["failed"]) == (9, 9, 2)
    check_outcomes(client, all_results(client, job["results_url"]), good, bad)
    history = client.get("/api/v1/history?per_page=50").get_json()
    assert {item["url"] for item in history["items"]} >= set(good)


@needs_redis
def test_a_redelivered_chunk_records_nothing_twice(redis_url: str, pages: HTTPServer) -> None:
    store = RedisJobStore(redis_url, prefix="fctest-redelivery:")
    urls = [pages.url_for("/p/1"), pages.url_for("/p/2"), pages.url_for("/missing")]
    job_id = store.create(len(urls))
    assert run_chunk(store, job_id, urls, storage=None, allow_loopback=True) == 3
    assert run_chunk(store, job_id, urls, storage=None, allow_loopback=True) == 0
    state = store.get(job_id)
    assert state is not None
    assert (state.status, state.done, state.failed) == ("done", 3, 1)
    assert len(store.results(job_id, 0, 100)) == 3
    assert sum(1 for request, _ in pages.log if request.path == "/p/1") == 1  # not refetched


# -- embedded default: no Redis -----------------------------------------------------------------


def test_job_runs_in_process_without_redis(pages: HTTPServer, tmp_path: Path) -> None:
    client = create_app(settings(tmp_path)).test_client()
    good = [pages.url_for(f"/p/{n}") for n in range(4)]
    bad = {pages.url_for("/missing"): "http_status", "http://10.1.2.3/": "blocked_url"}
    job = submit(client, [*good, *bad])
    assert job["mode"] == "in_process"
    done = wait_done(client, job["status_url"])
    assert (done["done"], done["failed"]) == (6, 2)
    check_outcomes(client, all_results(client, job["results_url"], limit=4), good, bad)

    again = submit(client, good[:2])  # checked a moment ago: answered from the report cache
    wait_done(client, again["status_url"])
    cached = all_results(client, again["results_url"])
    assert all(item["cached"] for item in cached)
    assert sum(1 for request, _ in pages.log if request.path == "/p/0") == 1


def test_job_requests_are_validated(tmp_path: Path) -> None:
    client = create_app(settings(tmp_path, JOBS_INPROCESS_MAX_URLS=3)).test_client()
    cases = [
        ({"urls": []}, 400, "invalid_request"),
        ({"urls": "https://a.org"}, 400, "invalid_request"),
        ({"urls": [1, 2]}, 400, "invalid_request"),
        ({"urls": ["https://a.org/x"], "lang": "fr"}, 400, "invalid_lang"),
        ({"urls": [f"https://a.org/{n}" for n in range(4)]}, 413, "job_too_large"),
    ]
    for body, status, code in cases:
        response = client.post("/api/v1/jobs", json=body)
        assert response.status_code == status, body
        assert response.get_json()["error"]["code"] == code
    assert client.post("/api/v1/jobs", data="urls").status_code == 415
    missing = client.get("/api/v1/jobs/no-such-job")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/jobs/no-such-job/results").status_code == 404


def test_jobs_need_a_token_when_auth_is_on(tmp_path: Path) -> None:
    app = create_app(settings(tmp_path, AUTH_REQUIRED=True, API_TOKENS=["s3cret"]))
    client = app.test_client()
    response = client.post("/api/v1/jobs", json={"urls": ["https://a.org/x"]})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    allowed = client.post(
        "/api/v1/jobs",
        json={"urls": ["ftp://a.org/x"]},
        headers={"Authorization": "Bearer s3cret"},
    )
    assert allowed.status_code == 202


def test_openapi_describes_the_jobs_endpoints(tmp_path: Path) -> None:
    spec = create_app(settings(tmp_path)).test_client().get("/openapi.json").get_json()
    assert {"/api/v1/jobs", "/api/v1/jobs/{job_id}", "/api/v1/jobs/{job_id}/results"} <= set(
        spec["paths"]
    )
    assert {"Job", "JobItem", "JobResults"} <= set(spec["components"]["schemas"])


def test_sqlite_store_forgets_expired_jobs_and_records_each_url_once(tmp_path: Path) -> None:
    store = SQLiteJobStore(tmp_path / "jobs.sqlite3", ttl=1)
    first = store.create(2)
    assert store.record(first, "https://a.org/", '{"url": "https://a.org/"}', failed=False)
    assert not store.record(first, "https://a.org/", '{"url": "https://a.org/"}', failed=True)
    assert store.running() == 1
    time.sleep(1.1)
    store.create(1)  # creating a job sweeps the expired ones
    assert store.get(first) is None and store.results(first, 0, 10) == []
    assert not store.record(first, "https://b.org/", "{}", failed=False)  # gone: not recorded


def test_in_process_jobs_are_bounded(pages: HTTPServer, tmp_path: Path) -> None:
    """Without Redis only a few jobs run at once; the next caller is told to come back."""
    release = threading.Event()

    def held(request: Request) -> Response:
        release.wait(timeout=60)  # the job stays running until the test lets it finish
        return Response(PAGE.format(n=9, d=1), content_type="text/html")

    pages.expect_request("/held").respond_with_handler(held)
    client = create_app(settings(tmp_path, JOBS_INPROCESS_RUNNING=1)).test_client()
    first = submit(client, [pages.url_for("/held")])
    busy = client.post("/api/v1/jobs", json={"urls": [pages.url_for("/p/1")]})
    assert busy.status_code == 429
    assert busy.get_json()["error"]["code"] == "jobs_busy"
    release.set()
    assert wait_done(client, first["status_url"])["failed"] == 0
    assert client.post("/api/v1/jobs", json={"urls": [pages.url_for("/p/1")]}).status_code == 202
