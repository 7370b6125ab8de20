"""The HTTP API contract, against a real server on 127.0.0.1 and real upstream pages.

Step outcomes are not asserted here (other modules own them): only the contract around
them (schema version, seven steps in WHO order, ids, links, caching, errors, privacy).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from server_support import AUTH, TOKEN, LiveServer, guard_network, settings
from werkzeug.wrappers import Response

import factcheck
from server import create_app, openapi

STEP_IDS = ["source", "headline", "author", "date", "evidence", "bias", "factcheckers"]
ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Vitamin D and winter colds: what the trials say</title>
<meta name="author" content="Jane Roe"></head><body><article>
<h1>Vitamin D and winter colds: what the trials say</h1>
<p>A review of randomised trials found a small effect in people who were deficient.</p>
</article></body></html>"""


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    guard_network(monkeypatch)


@pytest.fixture
def live(tmp_path):
    with LiveServer(settings(tmp_path, ALLOW_LOOPBACK_FETCH=True)) as server:
        yield server


@pytest.fixture
def page(httpserver):
    httpserver.expect_request("/article").respond_with_data(ARTICLE, content_type="text/html")
    return httpserver.url_for("/article")


def assert_report_contract(report: dict) -> None:
    assert report["schema_version"] == factcheck.SCHEMA_VERSION
    assert [step["id"] for step in report["steps"]] == STEP_IDS
    assert [step["number"] for step in report["steps"]] == list(range(1, 8))
    assert report["verdict"] in ("reliable", "mixed", "doubtful", "unreliable", "unknown")


def assert_json_error(response: requests.Response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["message"]
    if code is not None:
        assert error["code"] == code
    return error


# -- checking ---------------------------------------------------------------------------------


def test_post_with_html_analyses_it_and_links_to_the_stored_report(live):
    response = live.post("/api/v1/check", json={"url": "https://example.org/a", "html": ARTICLE})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id", "report_url", "share_url", "cached", "report"}
    assert body["cached"] is False
    assert body["report"]["retrieval"] == "provided_html"
    assert_report_contract(body["report"])
    assert body["report_url"] == f"{live.url}/api/v1/reports/{body['id']}"
    stored = requests.get(body["report_url"], headers=AUTH, timeout=10).json()
    assert stored == {"id": body["id"], "report": body["report"]}
    share = requests.get(body["share_url"], timeout=10)  # a person's browser sends no token
    assert share.status_code == 200
    assert share.headers["Content-Type"].startswith("text/html")
    assert "Vitamin D and winter colds" in share.text


def test_post_url_fetches_once_then_answers_from_the_cache(live, page, httpserver):
    first = live.post("/api/v1/check", json={"url": page})
    assert first.status_code == 200, first.text
    assert first.json()["cached"] is False
    assert first.json()["report"]["retrieval"] == "fetched"
    assert_report_contract(first.json()["report"])
    # the same page with a tracking parameter and a fragment is the same cache entry
    again = live.post("/api/v1/check", json={"url": page + "?utm_source=mail#top"})
    by_get = live.get("/api/v1/check", params={"url": page})
    for response in (again, by_get):
        assert response.status_code == 200
        assert response.json()["cached"] is True
        assert response.json()["id"] == first.json()["id"]
    assert len(httpserver.log) == 1  # fetched once


def test_a_burst_on_one_uncached_link_fetches_it_once(live, httpserver):
    """A whole team clicking the same viral link at once: one fetch, the rest wait for it."""

    def slow(_request):
        time.sleep(0.5)
        return Response(ARTICLE, content_type="text/html")

    httpserver.expect_request("/viral").respond_with_handler(slow)
    url = httpserver.url_for("/viral")
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: live.post("/api/v1/check", json={"url": url}), range(8)))
    assert all(a.status_code == 200 for a in answers)
    assert len({a.json()["id"] for a in answers}) == 1
    assert sorted(a.json()["cached"] for a in answers) == [False] + [True] * 7
    assert len(httpserver.log) == 1


def test_language_hint_is_part_of_the_cache_key_and_validated(live, page, httpserver):
    assert live.post("/api/v1/check", json={"url": page, "lang": "en"}).json()["cached"] is False
    assert live.post("/api/v1/check", json={"url": page, "lang": "zh"}).json()["cached"] is False
    assert len(httpserver.log) == 2
    assert_json_error(
        live.post("/api/v1/check", json={"url": page, "lang": "fr"}), 400, "invalid_lang"
    )


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/missing", 502, "http_status"),
        ("/pdf", 415, "unsupported_content"),
        ("/empty", 422, "empty_page"),
    ],
)
def test_upstream_failures_are_typed_json_errors(live, httpserver, path, status, code):
    httpserver.expect_request("/missing").respond_with_data("gone", status=404)
    httpserver.expect_request("/pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    httpserver.expect_request("/empty").respond_with_data("", content_type="text/html")
    error = assert_json_error(
        live.get("/api/v1/check", params={"url": httpserver.url_for(path)}), status, code
    )
    if code == "http_status":
        assert error["upstream_status"] == 404


def test_unreachable_host_is_a_502(live):
    from server_support import free_port

    url = f"http://127.0.0.1:{free_port()}/nothing-listens-here"
    assert_json_error(live.get("/api/v1/check", params={"url": url}), 502, "host_unreachable")


def test_batch_returns_one_result_per_url_in_order(live, page):
    urls = [page, "http://10.0.0.1/", "ftp://example.org/file"]
    response = live.post("/api/v1/check/batch", json={"urls": urls})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["url"] for r in results] == urls
    assert_report_contract(results[0]["report"])
    assert results[0]["id"]
    assert results[1]["error"]["code"] == "blocked_url"
    assert results[2]["error"]["code"] == "invalid_url"


def test_batch_is_bounded_and_points_to_jobs(live):
    error = assert_json_error(
        live.post("/api/v1/check/batch", json={"urls": ["https://example.org/"] * 21}),
        413,
        "batch_too_large",
    )
    assert "/api/v1/jobs" in error["message"]
    assert_json_error(live.post("/api/v1/check/batch", json={"urls": []}), 400, "invalid_request")
    assert_json_error(
        live.post("/api/v1/check/batch", json={"urls": [1, 2]}), 400, "invalid_request"
    )


# -- history and stored reports ----------------------------------------------------------------


def test_history_pages_newest_first(live):
    ids = []
    for n in range(5):
        html = ARTICLE.replace("Vitamin D", f"Vitamin D{n}")
        ids.append(
            live.post(
                "/api/v1/check", json={"url": f"https://example.org/{n}", "html": html}
            ).json()["id"]
        )
    first = live.get("/api/v1/history", params={"page": 1, "per_page": 2}).json()
    assert first["total"] == 5 and first["page"] == 1 and first["per_page"] == 2
    assert [item["id"] for item in first["items"]] == ids[::-1][:2]
    assert set(first["items"][0]) == {"id", "url", "title", "score", "verdict", "checked_at"}
    assert first["items"][0]["url"] == "https://example.org/4"
    last = live.get("/api/v1/history", params={"page": 3, "per_page": 2}).json()
    assert [item["id"] for item in last["items"]] == ids[:1]
    for bad in ({"page": 0}, {"per_page": 0}, {"per_page": 101}, {"page": "x"}):
        assert_json_error(live.get("/api/v1/history", params=bad), 400, "invalid_request")


def test_unknown_report_is_a_json_404(live):
    assert_json_error(live.get("/api/v1/reports/no-such-id"), 404, "not_found")
    page = requests.get(live.url + "/reports/no-such-id", timeout=10)  # a page for people
    assert page.status_code == 404 and page.headers["Content-Type"].startswith("text/html")


# -- errors ------------------------------------------------------------------------------------


def test_bad_requests_get_json_errors_never_html(live):
    post = live.url + "/api/v1/check"
    cases = [
        (
            requests.post(
                post, data="{oops", headers={**AUTH, "Content-Type": "application/json"}, timeout=10
            ),
            400,
        ),
        (
            requests.post(
                post, data="url=x", headers={**AUTH, "Content-Type": "text/plain"}, timeout=10
            ),
            415,
        ),
        (live.post("/api/v1/check", json=["https://example.org"]), 400),
        (live.post("/api/v1/check", json={"html": "<p>no url</p>"}), 400),
        (live.post("/api/v1/check", json={"url": 42}), 400),
        (live.post("/api/v1/check", json={"url": "https://example.org", "html": 7}), 400),
        (live.get("/api/v1/check"), 400),
        (live.get("/no/such/page"), 404),
        (requests.delete(post, headers=AUTH, timeout=10), 405),
        (live.get("/api/v1/check", params={"url": "x" * 5000}), 400),
    ]
    for response, status in cases:
        assert_json_error(response, status)


def test_size_limits(tmp_path):
    limits = settings(tmp_path, MAX_CONTENT_LENGTH=20_000, MAX_HTML_BYTES=5_000)
    with LiveServer(limits) as live:
        html = "<p>" + "x" * 6_000 + "</p>"
        assert_json_error(
            live.post("/api/v1/check", json={"url": "https://e.org/", "html": html}),
            413,
            "html_too_large",
        )
        wide = "<p>" + "字" * 2_000 + "</p>"  # 2,000 characters but 6,000 UTF-8 bytes
        assert_json_error(
            live.post("/api/v1/check", json={"url": "https://e.org/", "html": wide}), 413
        )
        huge = {"url": "https://e.org/", "html": "y" * 30_000}
        assert_json_error(live.post("/api/v1/check", json=huge), 413)
        assert live.get("/api/v1/health").status_code == 200


# -- auth, CORS, rate limits ---------------------------------------------------------------------


def test_token_required_except_for_public_endpoints(live):
    no_token = requests.post(
        live.url + "/api/v1/check", json={"url": "https://e.org/", "html": "<p>x</p>"}, timeout=10
    )
    error = assert_json_error(no_token, 401, "unauthorized")
    assert no_token.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = requests.get(
        live.url + "/api/v1/history", headers={"Authorization": "Bearer nope"}, timeout=10
    )
    assert_json_error(wrong, 401, "unauthorized")
    basic = requests.get(
        live.url + "/api/v1/history", headers={"Authorization": f"Basic {TOKEN}"}, timeout=10
    )
    assert_json_error(basic, 401, "unauthorized")
    assert TOKEN not in json.dumps(error)
    for path in ("/api/v1/health", "/openapi.json", "/docs"):
        assert requests.get(live.url + path, timeout=10).status_code == 200


def test_tokens_from_environment_and_auth_switch(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_API_TOKENS", "alpha, beta")
    app = create_app({"DB_PATH": str(tmp_path / "a.db"), "JSON_LOGS": False})
    client = app.test_client()
    assert client.get("/api/v1/history").status_code == 401
    assert (
        client.get("/api/v1/history", headers={"Authorization": "Bearer beta"}).status_code == 200
    )
    monkeypatch.setenv("FACTCHECK_AUTH", "off")
    open_app = create_app({"DB_PATH": str(tmp_path / "b.db"), "JSON_LOGS": False})
    assert open_app.test_client().get("/api/v1/history").status_code == 200
    monkeypatch.delenv("FACTCHECK_AUTH")
    debug_app = create_app({"DB_PATH": str(tmp_path / "c.db"), "JSON_LOGS": False, "DEBUG": True})
    assert debug_app.test_client().get("/api/v1/history").status_code == 200


def test_cors_only_for_configured_origins_anchored(tmp_path):
    moz = "moz-extension://0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
    origins = ["chrome-extension://abcdefghijklmnop", moz]
    with LiveServer(settings(tmp_path, CORS_ORIGINS=origins)) as live:

        def allowed(origin: str) -> str | None:
            response = requests.options(
                live.url + "/api/v1/check",
                headers={
                    "Origin": origin,
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "authorization, content-type",
                },
                timeout=10,
            )
            return response.headers.get("Access-Control-Allow-Origin")

        assert (
            allowed("chrome-extension://abcdefghijklmnop") == "chrome-extension://abcdefghijklmnop"
        )
        assert allowed(moz) == moz
        assert allowed("moz-extension://ffffffff-4f50-6172-8394-a5b6c7d8e9f0") is None
        assert allowed("chrome-extension://abcdefghijklmnop.evil.example") is None
        assert allowed("chrome-extension://abcdefghijklmnopq") is None
        assert allowed("https://evil.example") is None
        assert allowed("moz-extension://x/evil") is None
    with pytest.raises(ValueError, match="wildcards"):  # any Firefox extension: refused
        create_app(settings(tmp_path, CORS_ORIGINS=["moz-extension://*"]))


def test_rate_limit_answers_429_json_and_spares_health(tmp_path):
    limited = settings(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_CHECK="2/minute")
    with LiveServer(limited) as live:
        body = {"url": "https://example.org/", "html": "<p>x</p>"}
        codes = [live.post("/api/v1/check", json=body).status_code for _ in range(2)]
        assert codes == [200, 200]
        assert_json_error(live.post("/api/v1/check", json=body), 429, "rate_limited")
        assert all(live.get("/api/v1/health").status_code == 200 for _ in range(5))
        assert live.get("/api/v1/history").status_code == 200  # other endpoints: default limit


# -- privacy and logs ----------------------------------------------------------------------------


def test_sent_html_is_neither_stored_nor_logged(tmp_path):
    marker = "PRIVATE-7f3a9c-alice@example.com"
    html = ARTICLE.replace(
        "</article>", f"<!-- {marker} --><input type=hidden value='{marker}'></article>"
    )
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Collect()
    from server.logs import JsonFormatter

    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("factcheck")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        with LiveServer(settings(tmp_path)) as live:
            response = live.post(
                "/api/v1/check", json={"url": "https://example.org/p", "html": html}
            )
            assert response.status_code == 200
            assert marker not in response.text
            live.get("/api/v1/check", params={"url": "http://10.1.2.3/secret-page"})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    for path in tmp_path.iterdir():  # the SQLite file and its WAL
        assert marker.encode() not in path.read_bytes(), path
    access = [json.loads(line) for line in records if '"factcheck.access"' in line]
    assert {entry["path"] for entry in access} >= {"/api/v1/check"}
    assert all("status" in entry and "ms" in entry for entry in access)
    text = "\n".join(records)
    assert marker not in text
    assert TOKEN not in text
    assert "secret-page" not in text  # query strings (the page someone reads) stay out


# -- OpenAPI and docs ----------------------------------------------------------------------------


def test_openapi_describes_every_route_and_the_report(live):
    spec = requests.get(live.url + "/openapi.json", timeout=10).json()
    assert spec["openapi"].startswith("3.1")
    assert {
        "/api/v1/check",
        "/api/v1/check/batch",
        "/api/v1/history",
        "/api/v1/reports/{report_id}",
        "/api/v1/health",
    } <= set(spec["paths"])
    report = spec["components"]["schemas"]["Report"]
    keys = set(factcheck.check_html(ARTICLE, url="https://example.org/").to_dict())
    assert set(report["required"]) <= keys <= set(report["properties"])
    routes = {rule.rule for rule in live.app.url_map.iter_rules() if rule.rule.startswith("/api/")}
    documented = {path.replace("{", "<").replace("}", ">") for path in spec["paths"]}
    assert routes <= documented


def test_openapi_merges_optional_blueprint_paths():
    extra = {"/api/v1/jobs": {"post": {"operationId": "createJob", "responses": {}}}}
    spec = openapi.build(extra, {"Job": {"type": "object"}})
    assert "/api/v1/jobs" in spec["paths"] and "/api/v1/check" in spec["paths"]
    assert "Job" in spec["components"]["schemas"]
    assert "/api/v1/jobs" not in openapi.build()["paths"]  # no leak between builds


def test_docs_page_works_offline(live):
    page = requests.get(live.url + "/docs", timeout=10)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "/openapi.json" in page.text
    assert 'src="http' not in page.text and 'href="http' not in page.text  # no CDN


def test_health(live):
    body = requests.get(live.url + "/api/v1/health", timeout=10).json()
    assert body == {
        "status": "ok",
        "version": factcheck.__version__,
        "schema_version": factcheck.SCHEMA_VERSION,
        "storage": "sqlite",
    }


def test_run_dev_server_is_exported():
    import server

    assert callable(server.run_dev_server)
    assert Path(server.__file__).with_name("docs.html").exists()


def test_an_unexpected_fault_is_a_json_500_without_details(tmp_path, caplog):
    app = create_app(settings(tmp_path))

    def broken() -> str:
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/api/v1/broken", "broken", broken)
    response = app.test_client().get("/api/v1/broken", headers=AUTH)
    assert response.status_code == 500
    assert response.json == {
        "error": {"code": "internal_error", "message": "The server hit an unexpected error."}
    }
    assert "secret internal detail" in caplog.text  # the details go to the log only


def test_articles_that_differ_only_in_the_query_get_their_own_reports(live, httpserver):
    """One WeChat-style path, two articles selected by the query: never one cached report."""
    for n in ("1", "2"):
        body = ARTICLE.replace("Vitamin D and winter colds", f"Article number {n}")
        httpserver.expect_request(
            "/s", query_string=f"__biz=MzA&mid={n}&idx=1&sn=x{n}"
        ).respond_with_data(body, content_type="text/html")
    first, second = (
        live.post(
            "/api/v1/check", json={"url": httpserver.url_for(f"/s?__biz=MzA&mid={n}&idx=1&sn=x{n}")}
        )
        for n in ("1", "2")
    )
    assert first.json()["id"] != second.json()["id"]
    assert second.json()["cached"] is False
    assert "number 1" in first.json()["report"]["title"]
    assert "number 2" in second.json()["report"]["title"]


def test_a_new_app_loads_the_engine_before_its_first_request(tmp_path):
    """A fresh process: ``create_app`` loads the resources and checks a small page, so a
    gunicorn worker's first request is not the one that pays for them."""
    code = (
        "import json, sys; from server import create_app; "
        "from factcheck.resources import default_resources_loaded; "
        "create_app(json.loads(sys.argv[1])); print(default_resources_loaded())"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(settings(tmp_path))],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "True"
