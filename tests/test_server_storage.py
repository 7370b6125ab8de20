"""Storage: SQLite (default) and Redis (shared by several instances), real servers and files.

Concurrent writers (threads, processes, two app instances) lose nothing; the cache expires;
history keeps reports only, for the retention period.
"""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from server_support import LiveServer, guard_network, redis_binary, redis_server, settings
from werkzeug.wrappers import Response

from server.cachekey import cache_key, is_tracking
from server.jobstore_sqlite import SQLiteJobStore
from server.storage import RedisStorage, SQLiteStorage

REPORT = {
    "schema_version": "1",
    "url": "https://example.org/a",
    "title": "A title",
    "score": 61,
    "verdict": "mixed",
    "checked_at": "2026-11-22T12:00:00Z",
    "steps": [],
}
HTML = "<html><head><title>Shared</title></head><body><p>Some text here.</p></body></html>"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    guard_network(monkeypatch)


@pytest.fixture(scope="module")
def redis_url():
    binary = redis_binary()
    if binary is None:
        pytest.skip(
            "redis-server is not installed (.ci/run installs it: apt-get install redis-server)"
        )
    with redis_server(binary) as url:
        yield url


def _write_many(path: str, n: int, tag: str) -> None:
    store = SQLiteStorage(path, ttl=60, retention=86400)
    for i in range(n):
        store.save(REPORT | {"url": f"https://example.org/{tag}/{i}"}, cache_key=f"{tag}|{i}")


def test_sqlite_concurrent_threads_and_processes_lose_nothing(tmp_path):
    path = str(tmp_path / "shared.sqlite3")
    store = SQLiteStorage(path, ttl=60, retention=86400)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(path, 40, f"p{k}")) for k in range(3)]
    for proc in procs:
        proc.start()
    with ThreadPoolExecutor(8) as pool:
        stored = list(
            pool.map(lambda i: store.save(REPORT | {"url": f"https://t.example/{i}"}), range(200))
        )
    for proc in procs:
        proc.join(120)
        assert proc.exitcode == 0
    _, total = store.history(1, 10)
    assert total == 200 + 3 * 40
    assert len({s.id for s in stored}) == 200
    assert all(store.get(s.id) is not None for s in stored)
    assert all(store.cached(f"p{k}|39") is not None for k in range(3))


def _open_at_once(kind: str, path: str, barrier, failures) -> None:  # type: ignore[no-untyped-def]
    barrier.wait()
    try:
        SQLiteJobStore(path) if kind == "jobs" else SQLiteStorage(path, ttl=60, retention=60)
    except Exception as exc:  # reported to the test, which names it
        failures.put(repr(exc))


@pytest.mark.parametrize("kind", ["reports", "jobs"])
def test_workers_opening_a_new_file_at_the_same_moment_all_start(tmp_path, kind):
    """gunicorn's workers open the store as they boot: switching a new file to WAL made one
    in ~50 fail at once with "database is locked" (a worker that failed to boot)."""
    ctx = multiprocessing.get_context("fork")
    failures = ctx.Queue()
    for round_ in range(40):
        path = str(tmp_path / f"{kind}-{round_}.sqlite3")
        barrier = ctx.Barrier(4)
        procs = [
            ctx.Process(target=_open_at_once, args=(kind, path, barrier, failures))
            for _ in range(4)
        ]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(60)
            assert proc.exitcode == 0
    assert failures.empty(), failures.get()


def test_sqlite_cache_ttl_and_retention(tmp_path):
    store = SQLiteStorage(tmp_path / "r.sqlite3", ttl=1, retention=2.0)
    saved = store.save(REPORT, cache_key="k")
    assert store.cached("k").id == saved.id
    time.sleep(1.2)
    assert store.cached("k") is None  # cache expired ...
    assert store.get(saved.id) is not None  # ... the report is still kept
    time.sleep(1.0)
    assert store.get(saved.id) is None  # past retention
    assert store.history(1, 10) == ([], 0)
    assert store.purge() == 1


def test_cache_key_normalises_the_url():
    base = cache_key("https://Example.org/a/b?x=1&y=2", None)
    assert cache_key("https://example.org:443/a/b?y=2&x=1&utm_source=mail#frag", None) == base
    assert cache_key("https://example.org/a/b?x=1&y=2", "zh") != base
    assert cache_key("https://example.org/a/c?x=1&y=2", None) != base


WECHAT = "https://mp.weixin.qq.com/s?__biz=MzA5{n}&mid=26{n}&idx=1&sn=ab{n}"


def test_cache_key_keeps_the_parameters_that_select_the_content():
    # Every WeChat article and every video page used to share one key (courlan strict).
    articles = {cache_key(WECHAT.format(n=n), None) for n in range(50)}
    assert len(articles) == 50
    videos = {"https://www.youtube.com/watch?v=abc", "https://www.youtube.com/watch?v=xyz"}
    assert len({cache_key(u, None) for u in videos}) == 2
    # ... while the reader's share and session parameters do not split the cache
    shared = WECHAT.format(n=1) + "&chksm=9f&scene=21&from=timeline&utm_source=x#wechat_redirect"
    assert cache_key(shared, None) == cache_key(WECHAT.format(n=1), None)
    # generic names are content elsewhere: only WeChat's own share parameters are dropped
    assert cache_key("https://news.example/a?from=2024", None) != cache_key(
        "https://news.example/a", None
    )


_NAMES = st.text(alphabet=st.sampled_from("abcdefgh_"), min_size=1, max_size=6)


@given(
    host=st.sampled_from(["mp.weixin.qq.com", "www.youtube.com", "example.org"]),
    query=st.dictionaries(_NAMES, st.text(alphabet="0123456789xyz", max_size=5), max_size=4),
    other=st.text(alphabet="0123456789xyz", min_size=1, max_size=5),
)
@hsettings(max_examples=200, deadline=None)
def test_different_content_urls_never_share_a_key(host, query, other):
    """Changing the value of any parameter that is not tracking changes the key."""
    base = f"https://{host}/s?" + urlencode(query)
    for name, value in query.items():
        if is_tracking(name, host) or value == other:
            continue
        changed = f"https://{host}/s?" + urlencode(query | {name: other})
        assert cache_key(changed, None) != cache_key(base, None)


@pytest.mark.redis
def test_redis_storage_concurrent_writes_and_expiry(redis_url):
    store = RedisStorage(redis_url, "t1:", ttl=1, retention=2.0)
    with ThreadPoolExecutor(8) as pool:
        stored = list(pool.map(lambda i: store.save(REPORT, cache_key=f"k{i}"), range(200)))
    assert store.history(1, 5)[1] == 200
    assert len({s.id for s in stored}) == 200
    assert store.cached("k7") is not None
    time.sleep(1.2)
    assert store.cached("k7") is None
    time.sleep(1.0)
    assert store.get(stored[0].id) is None
    assert store.history(1, 5) == ([], 0)


def _owned_history(store) -> None:
    mine = store.save(REPORT | {"title": "Alice's"}, cache_key="a", owner="alice")
    store.save(REPORT | {"title": "Bob's"}, owner="bob")
    store.remember("bob", mine.id)  # Bob's cache hit on Alice's report
    store.remember("bob", mine.id)  # twice: still one line
    store.remember(None, mine.id)  # no owner: nothing to remember
    assert [i["title"] for i in store.history(1, 10, owner="alice")[0]] == ["Alice's"]
    assert [i["title"] for i in store.history(1, 10, owner="bob")[0]] == ["Alice's", "Bob's"]
    assert store.history(1, 10, owner="bob")[1] == 2
    assert store.history(1, 10)[1] == 2  # everyone's: each report once
    assert store.history(1, 10, owner="carol") == ([], 0)


def test_sqlite_history_per_owner(tmp_path):
    _owned_history(SQLiteStorage(tmp_path / "o.sqlite3", ttl=60, retention=86400))


@pytest.mark.redis
def test_redis_history_per_owner(redis_url):
    _owned_history(RedisStorage(redis_url, "owners:", ttl=60, retention=86400))


@pytest.mark.redis
def test_two_instances_on_one_redis_share_cache_history_and_limits(tmp_path, redis_url, httpserver):
    httpserver.expect_request("/page").respond_with_data(HTML, content_type="text/html")
    page = httpserver.url_for("/page")
    common = {"REDIS_URL": redis_url, "REDIS_PREFIX": "t2:", "ALLOW_LOOPBACK_FETCH": True}
    with (
        LiveServer(settings(tmp_path / "a", **common)) as a,
        LiveServer(settings(tmp_path / "b", **common)) as b,
    ):
        assert a.get("/api/v1/health").json()["storage"] == "redis"
        first = a.post("/api/v1/check", json={"url": page}).json()
        assert first["cached"] is False
        second = b.post("/api/v1/check", json={"url": page}).json()
        assert second["cached"] is True and second["id"] == first["id"]
        assert len(httpserver.log) == 1  # B answered from A's fetch

        provided = b.post(
            "/api/v1/check", json={"url": "https://example.org/x", "html": HTML}
        ).json()
        assert a.get(f"/api/v1/reports/{provided['id']}").json()["report"] == provided["report"]
        history = a.get("/api/v1/history").json()
        assert [item["id"] for item in history["items"]] == [provided["id"], first["id"]]

        def post(i: int) -> str:
            server = a if i % 2 else b
            return server.post(
                "/api/v1/check", json={"url": f"https://example.org/{i}", "html": HTML}
            ).json()["id"]

        with ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(post, range(60)))
        assert len(set(ids)) == 60
        assert b.get("/api/v1/history", params={"per_page": 100}).json()["total"] == 62


@pytest.mark.redis
def test_a_burst_across_two_instances_fetches_the_page_once(tmp_path, redis_url, httpserver):
    def slow(_request):
        time.sleep(0.5)
        return Response(HTML, content_type="text/html")

    httpserver.expect_request("/viral").respond_with_handler(slow)
    url = httpserver.url_for("/viral")
    common = {"REDIS_URL": redis_url, "REDIS_PREFIX": "t4:", "ALLOW_LOOPBACK_FETCH": True}
    with (
        LiveServer(settings(tmp_path / "a", **common)) as a,
        LiveServer(settings(tmp_path / "b", **common)) as b,
    ):
        servers = [a, b] * 4
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda s: s.post("/api/v1/check", json={"url": url}), servers))
    assert all(answer.status_code == 200 for answer in answers)
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert len(httpserver.log) == 1


@pytest.mark.redis
def test_rate_limits_are_shared_through_redis(tmp_path, redis_url):
    common = {
        "REDIS_URL": redis_url,
        "REDIS_PREFIX": "t3:",
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_CHECK": "3/minute",
    }
    with (
        LiveServer(settings(tmp_path / "a", **common)) as a,
        LiveServer(settings(tmp_path / "b", **common)) as b,
    ):
        body = {"url": "https://example.org/", "html": HTML}
        codes = [server.post("/api/v1/check", json=body).status_code for server in (a, b, a, b)]
        assert codes == [200, 200, 200, 429]
