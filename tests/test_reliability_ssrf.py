"""SSRF corpus: 200+ spellings of internal addresses and foreign schemes, through three doors
(typed, redirected to, answered by DNS) and the API, with 0 connects allowed.

A socket guard counts every TCP connect of the process and lets through only the stand-in
"public" address 93.184.216.34:80 (re-pointed to a local page server) and the API server
itself; the loopback test switch stays OFF, so the production policy is what is tested.
"""

from __future__ import annotations

import ipaddress

import pytest
from server_support import (
    LiveServer,
    RawServer,
    SocketGuard,
    guard_network,
    resolver_stub,
    settings,
)

from factcheck import BlockedURLError, InvalidURLError
from factcheck.fetch.addresses import BlockedAddress, blocked_reason, literal_ip
from factcheck.fetch.safe import fetch, validate_url
from factcheck.fetch.transport import guarded_session

PUBLIC = "93.184.216.34"  # stands in for a public web server (re-pointed to 127.0.0.1)
START = "start.ssrf.test"  # a public name whose page redirects inward

# Internal IPv4 targets, each spelled a dozen ways below.
TARGETS_V4 = [
    "127.0.0.1",
    "127.255.255.254",
    "10.0.0.1",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # CG-NAT
    "0.0.0.0",
    "192.0.0.1",
    "198.18.0.1",
    "192.0.2.1",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
]
IPV6_ONLY = [
    "::1",
    "::",
    "fe80::1",
    "fe80::1%25eth0",
    "fec0::1",  # site-local
    "fec0:0:0:ffff::1",
    "fc00::1",
    "fd00::1",
    "fd12:3456:789a::1",
    "ff02::1",
    "2001:db8::1",
    "100::1",
    "5f00::1",
    "3fff::1",
    "2001:20::1",
    "0:0:0:0:0:0:0:1",
    "0000::0001",
    "::0:1",
]
NAMES = [
    "localhost",
    "LOCALHOST.",
    "foo.localhost",
    "printer.local",
    "Printer.Local.",
]
SCHEMES = [
    "file:/etc/passwd",
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "file://localhost/etc/passwd",
    "gopher://127.0.0.1:70/_GET%20/",
    "ftp://10.0.0.1/",
    "dict://127.0.0.1:11211/stat",
    "ldap://127.0.0.1/",
    "javascript:alert(1)",
    "data:text/html,<p>x</p>",
    "jar:http://10.0.0.1!/x",
    "netdoc:/etc/passwd",
    "sftp://10.0.0.1/",
    "ssh://10.0.0.1/",
    "mailto:root@localhost",
]


def spellings(address: str) -> list[str]:
    """Host spellings of one IPv4 address: dotted, numeric, hex, octal, short, IPv6 forms."""
    ip = ipaddress.IPv4Address(address)
    value, (a, b, c, d) = int(ip), ip.packed
    hexed = f"{value >> 16:x}:{value & 0xFFFF:x}"
    hidden = ~value & 0xFFFFFFFF  # Teredo stores the client address inverted
    return [
        address,
        str(value),
        hex(value),
        f"0{a:o}.0{b:o}.0{c:o}.0{d:o}",
        f"0x{a:x}.0x{b:x}.0x{c:x}.0x{d:x}",
        f"{a}.{(b << 16) | (c << 8) | d}",  # a.bcd
        f"{a}.{b}.{(c << 8) | d}",  # a.b.cd
        f"[::ffff:{address}]",  # IPv4-mapped
        f"[::ffff:{hexed}]",
        f"[::{address}]",  # IPv4-compatible
        f"[::ffff:0:{address}]",  # IPv4-translated
        f"[64:ff9b::{address}]",  # NAT64
        f"[2002:{hexed}::1]",  # 6to4
        f"[2001:0:4136:e378:8000:63bf:{hidden >> 16:x}:{hidden & 0xFFFF:x}]",  # Teredo client
    ]


def corpus() -> list[str]:
    hosts = [s for t in TARGETS_V4 for s in spellings(t)]
    hosts += [f"[{h}]" for h in IPV6_ONLY] + NAMES
    urls = [f"http://{h}/" for h in hosts]
    urls += [f"https://{h}/latest/meta-data/" for h in hosts[::7]]
    urls += [f"http://{h}:8080/" for h in hosts[::11]]
    urls += ["http://user:pw@10.0.0.1/", "http://example.org@127.0.0.1/", "http://[::1"]
    urls += ["http://[x]/", "http://[::ffff:127.1]/", *SCHEMELESS]
    return urls + SCHEMES


SCHEMELESS = ["10.0.0.1/x", "[::10.0.0.1]/x"]  # typed only: in a Location they are relative
CORPUS = corpus()
REDIRECTS = [url for url in CORPUS if url not in SCHEMELESS]
# What DNS may answer (canonical strings, as getaddrinfo returns them).
DNS_ANSWERS = sorted(
    {str(ipaddress.ip_address(t)) for t in TARGETS_V4}
    | {str(ipaddress.ip_address(h.split("%")[0])) for h in IPV6_ONLY}
    | {f"::ffff:{t}" for t in TARGETS_V4}
    | {str(ipaddress.ip_address(f"::{t}")) for t in TARGETS_V4}
    | {str(ipaddress.ip_address(f"::ffff:0:{t}")) for t in TARGETS_V4}
)


def leaks(guard: SocketGuard) -> list[tuple[str, int]]:
    """Refused connects that the corpus could have caused: any non-loopback address, or
    loopback on a port the corpus names. (Another test's leftover thread reaching its own
    server on a loopback ephemeral port meanwhile is not a leak, and is refused anyway.)"""
    ports = {80, 443, 8080, 70, 11211}
    return [(h, p) for h, p in guard.refused if not _is_loopback(h) or p in ports]


def _is_loopback(host: str) -> bool:
    address = literal_ip(host)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address is not None and address.is_loopback


@pytest.fixture
def page_server(httpserver, monkeypatch):
    """The local page server, reachable only as PUBLIC:80 (and START by name)."""
    guard_network(monkeypatch)
    resolver_stub(monkeypatch, {START: [PUBLIC]})
    guard = SocketGuard(monkeypatch, {(PUBLIC, 80): ("127.0.0.1", httpserver.port)})
    return httpserver, guard


def test_the_corpus_is_large_and_every_spelling_is_refused_when_typed(page_server):
    _, guard = page_server
    assert len(CORPUS) >= 200
    for url in CORPUS:
        with pytest.raises((BlockedURLError, InvalidURLError)):
            fetch(url)
    assert leaks(guard) == [] and guard.connected == []


def test_every_spelling_is_refused_as_a_redirect_target(page_server):
    """A raw server sends each Location as is (werkzeug would not send ``http://[x]/``)."""
    _, guard = page_server

    def redirect(conn, head):
        n = int(head.split(" ", 2)[1].rsplit("=", 1)[1])
        location = REDIRECTS[n].encode()
        conn.sendall(
            b"HTTP/1.1 302 Found\r\nLocation: " + location + b"\r\nContent-Length: 0\r\n\r\n"
        )

    with RawServer(redirect) as raw:
        guard.allowed[(PUBLIC, 80)] = ("127.0.0.1", raw.port)
        for n in range(len(REDIRECTS)):
            with pytest.raises((BlockedURLError, InvalidURLError)):
                fetch(f"http://{START}/r?n={n}")
    assert leaks(guard) == []
    assert len(guard.connected) == len(REDIRECTS)  # only the public first hop, once each


def test_every_internal_dns_answer_is_refused(page_server, monkeypatch):
    _, guard = page_server
    names = {f"evil-{n}.ssrf.test": [a] for n, a in enumerate(DNS_ANSWERS)}
    names["mixed.ssrf.test"] = [PUBLIC, "10.0.0.1"]  # one bad answer among good ones
    names["mixed6.ssrf.test"] = [PUBLIC, "fec0::1"]
    resolver_stub(monkeypatch, {START: [PUBLIC], **names})
    for name in names:
        with pytest.raises(BlockedURLError):
            fetch(f"http://{name}/")
    assert len(names) >= 60
    assert leaks(guard) == [] and guard.connected == []


def test_public_addresses_in_any_spelling_stay_allowed():
    """No false alarms on the policy: global addresses (also IPv4-mapped) pass."""
    for host in ("8.8.8.8", "134744072", "[::ffff:8.8.8.8]", "[2606:4700::1111]", "example.org"):
        assert validate_url(f"http://{host}/")
    for text in ("8.8.8.8", "2606:4700::1111", "::ffff:1.1.1.1"):
        address = literal_ip(text)
        assert address is not None and blocked_reason(address) is None


def test_the_api_refuses_the_corpus_through_all_its_doors(tmp_path, page_server):
    """GET, POST and batch on a live server with the loopback switch off: typed errors only,
    nothing connects but the test client to the API server itself."""
    _, guard = page_server
    with LiveServer(settings(tmp_path, ALLOW_LOOPBACK_FETCH=False)) as live:
        api = ("127.0.0.1", int(live.url.rsplit(":", 1)[1]))
        guard.allowed[api] = api
        codes = set()
        for start in range(0, len(CORPUS), 20):
            response = live.post("/api/v1/check/batch", json={"urls": CORPUS[start : start + 20]})
            assert response.status_code == 200, response.text
            codes |= {item["error"]["code"] for item in response.json()["results"]}
        for url in CORPUS[::5]:
            for response in (
                live.get("/api/v1/check", params={"url": url}),
                live.post("/api/v1/check", json={"url": url}),
            ):
                assert response.status_code in (400, 403), (url, response.text)
                codes.add(response.json()["error"]["code"])
    assert codes <= {"blocked_url", "invalid_url"}
    assert leaks(guard) == []
    assert all(port != 80 for _, port in guard.connected)  # only the API server itself


def test_embedded_ipv4_forms_are_unwrapped_and_named():
    cases = {
        "::ffff:10.0.0.1": "private",  # mapped: judged as 10.0.0.1 itself
        "::10.0.0.1": "10.0.0.1",  # compatible
        "::ffff:0:a9fe:a9fe": "169.254.169.254",  # translated
        "64:ff9b::a9fe:a9fe": "169.254.169.254",  # NAT64
        "2002:a00:1::1": "10.0.0.1",  # 6to4
        "fec0::1": "site-local",
    }
    for text, expected in cases.items():
        address = literal_ip(text)
        assert address is not None
        reason = blocked_reason(address)
        assert reason is not None and expected in reason, (text, reason)
    assert blocked_reason(literal_ip("::ffff:127.0.0.1"), allow_loopback=True) is None
    assert blocked_reason(literal_ip("::127.0.0.1"), allow_loopback=True) is not None


def test_connections_outside_a_fetch_guard_are_refused(page_server):
    """The guarded session cannot be used around the policy: no guard, no connection."""
    _, guard = page_server
    with guarded_session() as session, pytest.raises(BlockedAddress):
        session.get(f"http://{START}/", timeout=2)
    assert guard.connected == [] and leaks(guard) == []
