"""SSRF: URLs that point into the server's own network are refused, and nothing is fetched.

A canary server listens on 127.0.0.1 and records every request; the API server runs with
the loopback test switch OFF. The network guard keeps a failure from leaving the machine:
if a private address got past the checks, the test would see a 502, not silence.
"""

from __future__ import annotations

import socket

import pytest
from server_support import LiveServer, guard_network, settings

BLOCKED_CODES = {"blocked_url", "invalid_url"}


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    guard_network(monkeypatch)


@pytest.fixture
def live(tmp_path):
    with LiveServer(settings(tmp_path, ALLOW_LOOPBACK_FETCH=False)) as server:
        yield server


@pytest.fixture
def canary(httpserver):
    httpserver.expect_request("/").respond_with_data(
        "<html><p>internal</p></html>", content_type="text/html"
    )
    return httpserver


def _attempts(port: int) -> list[str]:
    return [
        f"http://127.0.0.1:{port}/",
        f"http://localhost:{port}/",
        f"http://LOCALHOST.:{port}/",
        f"http://127.1:{port}/",
        f"http://2130706433:{port}/",  # decimal 127.0.0.1
        f"http://0x7f000001:{port}/",
        f"http://0177.0.0.1:{port}/",
        f"http://[::1]:{port}/",
        f"http://[::ffff:127.0.0.1]:{port}/",  # IPv6-mapped
        f"http://[::ffff:7f00:1]:{port}/",
        f"http://0.0.0.0:{port}/",
        f"https://127.0.0.1:{port}/",
        f"http://user:pw@127.0.0.1:{port}/",
        f"http://example.org@127.0.0.1:{port}/",
        "http://127.0.0.1/",
        "http://2130706433/",
        "http://[::ffff:127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "http://2852039166/latest/meta-data/",  # decimal 169.254.169.254
        "http://10.0.0.1/",
        "http://167772161/",  # decimal 10.0.0.1
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",  # CG-NAT
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://0/",
        "http://printer.local/",
        "file:///etc/passwd",
        f"gopher://127.0.0.1:{port}/_GET%20/",
        f"ftp://127.0.0.1:{port}/",
        "dict://127.0.0.1:11211/stat",
        "ldap://127.0.0.1/",
        "javascript:alert(1)",
        "data:text/html,<p>x</p>",
    ]


def test_internal_addresses_and_other_schemes_are_refused(live, canary):
    port = canary.port
    for url in _attempts(port):
        response = live.get("/api/v1/check", params={"url": url})
        assert response.status_code in (400, 403), (url, response.status_code, response.text)
        assert response.json()["error"]["code"] in BLOCKED_CODES, url
    assert canary.log == []  # nothing reached the internal server


def test_refused_through_post_and_batch_too(live, canary):
    url = f"http://[::ffff:127.0.0.1]:{canary.port}/"
    response = live.post("/api/v1/check", json={"url": url})
    assert response.status_code == 403 and response.json()["error"]["code"] == "blocked_url"
    batch = live.post("/api/v1/check/batch", json={"urls": _attempts(canary.port)[:10]})
    assert batch.status_code == 200
    assert all(r["error"]["code"] in BLOCKED_CODES for r in batch.json()["results"])
    assert canary.log == []


def test_a_name_that_resolves_to_loopback_is_refused_after_dns(live):
    name = socket.gethostname()
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(name, 80)}
    except OSError:
        addresses = set()
    if not addresses or not all(a.startswith("127.") or a == "::1" for a in addresses):
        pytest.skip(f"this machine's name {name!r} does not resolve to loopback only")
    response = live.get("/api/v1/check", params={"url": f"http://{name}/"})
    assert response.status_code == 403
    assert "resolves to a blocked address" in response.json()["error"]["message"]


REDIRECT_TARGETS = [
    "http://169.254.169.254/latest/meta-data/iam/",
    "http://10.0.0.1/admin",
    "http://192.168.0.1/",
    "http://172.17.0.1:2375/containers/json",
    "http://[::ffff:10.0.0.1]/",
    "http://167772161/",
    "http://[fd00::1]/",
    "file:///etc/passwd",
    "gopher://10.0.0.1:70/_x",
]


@pytest.mark.parametrize("target", REDIRECT_TARGETS)
def test_a_redirect_into_private_space_is_refused(tmp_path, httpserver, target):
    """The 'public' page (a local server standing in for it) redirects inward: each hop is
    validated again, and the private target is never contacted."""
    httpserver.expect_request("/innocent").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    with LiveServer(settings(tmp_path, ALLOW_LOOPBACK_FETCH=True)) as live:
        response = live.get("/api/v1/check", params={"url": httpserver.url_for("/innocent")})
        assert response.status_code in (400, 403), response.text
        assert response.json()["error"]["code"] in BLOCKED_CODES
        assert live.get("/api/v1/health").status_code == 200
    assert len(httpserver.log) == 1
