"""Server hardening: history per token, jobs shared by worker processes without Redis, bounded
waits, typed errors for odd upstreams, fair body limits, no URL queries in logs, CORS and
the loopback switch only where configured."""

from __future__ import annotations

import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from server_support import AUTH, LiveServer, RawServer, guard_network, settings

from server import celery_app, config, create_app, service

ARTICLE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>A review of randomised trials found a small effect.</p></article></body></html>"
)
ALICE, BOB, ADMIN = "alice-token-0123456789", "bob-token-0123456789", "admin-token-0123456789"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    guard_network(monkeypatch)


def test_each_token_sees_its_own_history_and_an_admin_sees_all(tmp_path, httpserver):
    httpserver.expect_request("/shared").respond_with_data(
        ARTICLE.format(title="Shared page"), content_type="text/html"
    )
    app = create_app(
        settings(
            tmp_path,
            API_TOKENS=[ALICE, BOB],
            ADMIN_TOKENS=[ADMIN],
            ALLOW_LOOPBACK_FETCH=True,
        )
    )
    client = app.test_client()
    for token, title in ((ALICE, "Alice private read"), (BOB, "Bob private read")):
        body = {"url": "https://example.org/" + token[:3], "html": ARTICLE.format(title=title)}
        assert client.post("/api/v1/check", json=body, headers=bearer(token)).status_code == 200
    shared = client.get(
        "/api/v1/check", query_string={"url": httpserver.url_for("/shared")}, headers=bearer(ALICE)
    ).get_json()
    again = client.get(  # Bob's check of the same link is a cache hit: it joins his history
        "/api/v1/check", query_string={"url": httpserver.url_for("/shared")}, headers=bearer(BOB)
    ).get_json()
    assert again["cached"] and again["id"] == shared["id"]

    def titles(token: str) -> list[str]:
        history = client.get("/api/v1/history", headers=bearer(token)).get_json()
        assert history["total"] == len(history["items"])
        return [item["title"] for item in history["items"]]

    assert titles(ALICE) == ["Shared page", "Alice private read"]
    assert titles(BOB) == ["Shared page", "Bob private read"]
    assert sorted(titles(ADMIN)) == ["Alice private read", "Bob private read", "Shared page"]
    assert client.get("/api/v1/history", headers=bearer("nope")).status_code == 401


def wait_done(client, job_id: str) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = client.get(f"/api/v1/jobs/{job_id}", headers=AUTH).get_json()
        if state["status"] == "done":
            return state
        time.sleep(0.1)
    raise AssertionError("job did not finish")


def test_jobs_without_redis_are_shared_by_two_worker_processes(tmp_path, httpserver):
    """Two app instances on one SQLite file stand for gunicorn -w 2: a job accepted by one
    is polled and read through the other (before: 404 on the other worker)."""
    for n in range(3):
        httpserver.expect_request(f"/j/{n}").respond_with_data(
            ARTICLE.format(title=f"Job page {n}"), content_type="text/html"
        )
    shared = settings(tmp_path, ALLOW_LOOPBACK_FETCH=True)
    first, second = create_app(shared).test_client(), create_app(shared).test_client()
    urls = [httpserver.url_for(f"/j/{n}") for n in range(3)] + ["http://10.0.0.1/"]
    created = first.post("/api/v1/jobs", json={"urls": urls}, headers=AUTH)
    assert created.status_code == 202
    job_id = created.get_json()["id"]
    polls = [second.get(f"/api/v1/jobs/{job_id}", headers=AUTH).status_code for _ in range(20)]
    assert polls == [200] * 20
    state = wait_done(second, job_id)
    assert (state["total"], state["done"], state["failed"]) == (4, 4, 1)
    items = second.get(f"/api/v1/jobs/{job_id}/results", headers=AUTH).get_json()["items"]
    assert sorted(item["url"] for item in items) == sorted(urls)
    assert {item["error"]["code"] for item in items if "error" in item} == {"blocked_url"}


def test_waiters_on_one_slow_link_give_up_at_the_deadline(tmp_path):
    """Four callers on one never-answering link: one fetches, three wait; all four get a 504
    within the deadline (before: the waiters waited without limit)."""

    def silent(conn, _head):
        time.sleep(10)

    with (
        RawServer(silent) as raw,
        LiveServer(settings(tmp_path, ALLOW_LOOPBACK_FETCH=True, FETCH_DEADLINE=1.0)) as live,
    ):
        url = f"http://127.0.0.1:{raw.port}/slow"

        def one(_: int) -> tuple[int, float]:
            started = time.monotonic()
            response = live.get("/api/v1/check", params={"url": url})
            return response.status_code, time.monotonic() - started

        with ThreadPoolExecutor(4) as pool:
            outcomes = list(pool.map(one, range(4)))
    assert [status for status, _ in outcomes] == [504] * 4
    assert max(seconds for _, seconds in outcomes) < 2.5, outcomes


def test_huge_response_headers_are_too_large_not_unreachable(tmp_path):
    def huge(conn, _head):
        conn.sendall(b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n<p>x</p>")

    with RawServer(huge) as raw, LiveServer(settings(tmp_path, ALLOW_LOOPBACK_FETCH=True)) as live:
        response = live.get("/api/v1/check", params={"url": f"http://127.0.0.1:{raw.port}/"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_escaped_html_is_measured_decoded(tmp_path):
    """Chinese HTML sent with every character escaped (Python's json.dumps default) is twice
    its UTF-8 size on the wire: the body limit leaves room for that, and the ``html`` limit
    counts the decoded text (before: the 6 MB body cap refused 2 MB of escaped Chinese)."""
    limit = 1_000_000  # MAX_HTML_BYTES, small to keep the test fast; the body cap follows it
    client = create_app(settings(tmp_path, MAX_HTML_BYTES=limit)).test_client()

    def post(html: str):
        body = json.dumps({"url": "https://example.org/zh", "html": html})  # ensure_ascii
        return body, client.post(
            "/api/v1/check", data=body, content_type="application/json", headers=AUTH
        )

    html = ARTICLE.format(title="健康提示").replace("A review", "世卫组织提醒公众。" * 36_000)
    body, response = post(html)
    assert len(html.encode()) < limit < len(body) / 1.9  # fits decoded, doubled on the wire
    assert response.status_code == 200, response.get_json()
    _, response = post("健" * (limit // 3 + 1))
    assert (response.status_code, response.get_json()["error"]["code"]) == (413, "html_too_large")
    assert config.load({"MAX_HTML_BYTES": 5_000_000})["MAX_CONTENT_LENGTH"] == 16_000_000


def test_urls_in_engine_logs_lose_their_query(tmp_path, caplog):
    create_app(settings(tmp_path))  # installs the redaction
    secret = "https://mp.weixin.qq.com/s?__biz=SECRETBIZ&mid=1&sn=SECRETSN#frag"
    with caplog.at_level(logging.INFO, logger="factcheck"):
        logging.getLogger("factcheck.engine").warning("check %s failed on %s", "author", secret)
        try:
            raise ValueError(f"fetching {secret} failed")
        except ValueError:
            logging.getLogger("factcheck.page.model").exception("trafilatura failed on %s", secret)
    text = caplog.text + "".join(r.exc_text or "" for r in caplog.records)
    assert "https://mp.weixin.qq.com/s" in text
    assert "SECRET" not in text and "mid=1" not in text


def test_cors_wildcards_are_refused_exact_ids_work(tmp_path):
    with pytest.raises(ValueError, match="wildcards"):
        config.origin_patterns(["moz-extension://*"])
    with pytest.raises(ValueError, match="wildcards"):
        create_app(settings(tmp_path, CORS_ORIGINS=["chrome-extension://*"]))
    exact = "moz-extension://0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
    client = create_app(settings(tmp_path, CORS_ORIGINS=[exact])).test_client()
    preflight = {"Origin": exact, "Access-Control-Request-Method": "POST"}
    assert (
        client.options("/api/v1/check", headers=preflight).headers.get(
            "Access-Control-Allow-Origin"
        )
        == exact
    )
    other = {**preflight, "Origin": "moz-extension://11111111-4f50-6172-8394-a5b6c7d8e9f0"}
    assert (
        "Access-Control-Allow-Origin" not in client.options("/api/v1/check", headers=other).headers
    )


def test_celery_worker_ignores_the_loopback_environment_switch(monkeypatch):
    seen: list[bool] = []

    def fake_run_chunk(store, job_id, urls, **kwargs):
        seen.append(kwargs["allow_loopback"])
        return 0

    monkeypatch.setattr("server.jobwork.run_chunk", fake_run_chunk)
    monkeypatch.setenv("FACTCHECK_REDIS_URL", "redis://127.0.0.1:1/0")  # never contacted
    monkeypatch.setenv("FACTCHECK_ALLOW_LOOPBACK_FETCH", "1")  # the old undocumented switch
    monkeypatch.setattr(celery_app, "_OVERRIDES", {})
    celery_app._resources.cache_clear()
    try:
        celery_app.check_chunk.run("job", ["http://127.0.0.1/"])
        celery_app.configure({"ALLOW_LOOPBACK_FETCH": True})  # only code can turn it on
        celery_app.check_chunk.run("job", ["http://127.0.0.1/"])
    finally:
        celery_app._resources.cache_clear()
    assert seen == [False, True]


def test_checks_beyond_the_fetch_slots_are_refused_at_once_and_health_answers(tmp_path):
    """With 2 fetch slots, 5 checks of a silent upstream: 2 wait for the deadline (504), 3
    get an immediate 503, and the server keeps answering health and history meanwhile."""

    def silent(conn, _head):
        time.sleep(10)

    extra = {"ALLOW_LOOPBACK_FETCH": True, "FETCH_DEADLINE": 1.5, "FETCH_SLOTS": 2}
    with RawServer(silent) as raw, LiveServer(settings(tmp_path, **extra)) as live:

        def one(n: int) -> tuple[int, str, float]:
            started = time.monotonic()
            url = f"http://127.0.0.1:{raw.port}/{n}"
            response = live.get("/api/v1/check", params={"url": url})
            return (
                response.status_code,
                response.json()["error"]["code"],
                time.monotonic() - started,
            )

        with ThreadPoolExecutor(5) as pool:
            futures = [pool.submit(one, n) for n in range(5)]
            time.sleep(0.5)
            assert live.get("/api/v1/health", timeout=1).status_code == 200
            assert live.get("/api/v1/history", timeout=1).status_code == 200
            outcomes = sorted(f.result() for f in futures)
    assert [(status, code) for status, code, _ in outcomes] == [(503, "busy")] * 3 + [
        (504, "timeout")
    ] * 2
    assert all(seconds < 0.5 for status, _, seconds in outcomes if status == 503)


def test_sent_html_analyses_are_bounded_per_process(tmp_path, monkeypatch):
    """With one analysis slot, a second sent page waits at most the deadline, then 503."""
    release, started = threading.Event(), threading.Event()
    real = service.factcheck.check_html

    def held(*args, **kwargs):
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(service.factcheck, "check_html", held)
    app = create_app(settings(tmp_path, ANALYSIS_SLOTS=1, FETCH_DEADLINE=0.5))
    body = {"url": "https://example.org/a", "html": ARTICLE.format(title="Held")}
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(
            lambda: app.test_client().post("/api/v1/check", json=body, headers=AUTH)
        )
        assert started.wait(10)
        begun = time.monotonic()
        second = app.test_client().post("/api/v1/check", json=body, headers=AUTH)
        waited = time.monotonic() - begun
        release.set()
        assert first.result().status_code == 200
    assert (second.status_code, second.get_json()["error"]["code"]) == (503, "busy")
    assert 0.4 < waited < 2.0
