"""Fetching pages that strangers point us at, without becoming a way into our network.

Defence in depth, each failure its own typed error:

* only ``http``/``https``, only ports 80 and 443 (any port with ``allow_loopback``, for tests);
* DNS resolved once and the IP pinned by requests-hardened, which refuses private, loopback,
  link-local, reserved and metadata addresses on every connection, so on every redirect hop;
* redirects followed by hand (at most :data:`MAX_REDIRECTS`), each hop re-validated;
* connect and read timeouts, plus a total deadline so a slow drip cannot hold a worker;
* body streamed and cut at :data:`MAX_BYTES` *after* decompression (gzip bombs stop there);
* HTML and XHTML only; charset from header, BOM, ``<meta>``, then detection;
* ``trust_env`` off: no proxy or netrc from the environment.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import InvalidIPAddress

from . import __version__
from .encoding import decode_bytes
from .errors import (
    BlockedURLError,
    EmptyPageError,
    FetchError,
    FetchTimeoutError,
    HostUnreachableError,
    HTTPStatusError,
    InvalidURLError,
    PageTooLargeError,
    TooManyRedirectsError,
    UnsupportedContentError,
)

DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 15.0)  # connect, read (per socket read)
TOTAL_DEADLINE = 25.0  # seconds for the whole fetch, redirects included
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
ALLOWED_PORTS = frozenset({80, 443})
USER_AGENT = (
    f"Mozilla/5.0 (compatible; factcheck/{__version__}; WHO seven-step health misinformation "
    "checklist)"
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 65_536


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched HTML page, decoded."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content_type: str
    html: str
    encoding_note: str | None
    redirects: tuple[str, ...]  # every URL passed through, in order


def fetch(
    url: str,
    *,
    timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
    allow_loopback: bool = False,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    deadline: float = TOTAL_DEADLINE,
) -> FetchedPage:
    """Fetch ``url`` and return its decoded HTML, or raise a typed error.

    ``allow_loopback`` lets tests reach a server on 127.0.0.1 / localhost (any port);
    private, link-local and metadata addresses stay blocked even then. Never enable it for
    URLs that come from users.
    """
    current = validate_url(url, allow_loopback=allow_loopback)
    started = time.monotonic()
    chain: list[str] = [current]
    with _session(allow_loopback) as session:
        for _ in range(max_redirects + 1):
            if time.monotonic() - started > deadline:  # slow redirect hops count too
                raise FetchTimeoutError(f"{url} took longer than {deadline:.0f} s", url=url)
            response = _get(session, current, timeout)
            try:
                if response.is_redirect:
                    location = response.headers.get("Location", "")
                    current = validate_url(
                        urljoin(current, location), allow_loopback=allow_loopback
                    )
                    if current in chain:
                        raise TooManyRedirectsError(f"redirect loop at {current}", url=url)
                    chain.append(current)
                    continue
                return _read(response, url, chain, max_bytes, started, deadline)
            finally:
                response.close()
    raise TooManyRedirectsError(f"more than {max_redirects} redirects", url=url)


def validate_url(url: str, *, allow_loopback: bool = False) -> str:
    """Return ``url`` normalised, or raise :class:`InvalidURLError` / :class:`BlockedURLError`.

    Checks what can be checked without DNS: scheme, host, port and literal IP addresses in
    any spelling (dotted, decimal, hex, IPv6-mapped). Host names are checked again after
    DNS by requests-hardened.
    """
    if not isinstance(url, str) or not url.strip():
        raise InvalidURLError("empty URL")
    url = url.strip()
    if any(ord(char) < 0x20 or char == "\x7f" for char in url):
        raise InvalidURLError("URL contains control characters")
    if "://" not in url and not url.lower().startswith(("http:", "https:")):
        url = "http://" + url  # people paste "example.org/page"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidURLError(f"malformed URL {url!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InvalidURLError(f"only http and https URLs can be checked, not {scheme}://")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise InvalidURLError(f"URL has no host: {url!r}")
    if parts.username or parts.password:
        raise InvalidURLError("URLs with a user name or password are not fetched")
    if port is not None and port not in ALLOWED_PORTS and not allow_loopback:
        raise BlockedURLError(f"port {port} is not allowed (only 80 and 443)")
    address = _literal_ip(host)
    if (
        address is not None
        and not address.is_global
        and not (allow_loopback and address.is_loopback)
    ):
        raise BlockedURLError(f"{host} is a private or reserved address")
    lowered = host.lower()
    if lowered.endswith(".local") or (
        not allow_loopback and (lowered == "localhost" or lowered.endswith(".localhost"))
    ):
        raise BlockedURLError(f"{host} is a local name")
    return url


def _literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP a host string denotes, in any of the spellings resolvers accept, else None."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        address = None
        try:  # 2130706433, 0x7f000001, 0177.0.0.1, 127.1: inet_aton forms
            import socket

            address = ipaddress.IPv4Address(socket.inet_aton(host))
        except (OSError, ValueError):  # ValueError: embedded NUL
            return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _session(allow_loopback: bool) -> HTTPSession:
    config = Config(
        ip_filter_enable=True,  # always on: private ranges stay blocked even in tests
        ip_filter_allow_loopback_ips=allow_loopback,
        never_redirect=True,
        default_timeout=DEFAULT_TIMEOUT,
        user_agent_override=USER_AGENT,
    )
    session = HTTPSession(config)
    session.trust_env = False
    session.headers.update(
        {
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
        }
    )
    return session


def _get(session: HTTPSession, url: str, timeout: float | tuple[float, float]) -> requests.Response:
    try:
        return session.get(url, timeout=timeout, stream=True, allow_redirects=False)
    except InvalidIPAddress as exc:
        raise BlockedURLError(
            f"{urlsplit(url).hostname} resolves to a blocked address ({exc})"
        ) from None
    except (requests.ConnectTimeout, requests.ReadTimeout) as exc:
        raise FetchTimeoutError(f"timed out fetching {url}", url=url) from exc
    except requests.exceptions.InvalidURL as exc:
        raise InvalidURLError(f"malformed URL {url!r}: {exc}") from None
    except requests.ConnectionError as exc:
        raise HostUnreachableError(
            f"cannot reach {urlsplit(url).hostname}: {_reason(exc)}", url=url
        ) from exc
    except requests.RequestException as exc:
        raise FetchError(f"fetching {url} failed: {_reason(exc)}", url=url) from exc


def _read(
    response: requests.Response,
    url: str,
    chain: list[str],
    max_bytes: int,
    started: float,
    deadline: float,
) -> FetchedPage:
    final = chain[-1]
    if response.status_code >= 400:
        raise HTTPStatusError(
            f"{final} answered HTTP {response.status_code}", url=final, status=response.status_code
        )
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type and content_type not in _HTML_TYPES:
        raise UnsupportedContentError(f"{final} is {content_type}, not an HTML page", url=final)
    declared_length = response.headers.get("Content-Length", "")
    if declared_length.isdigit() and int(declared_length) > max_bytes:
        raise PageTooLargeError(
            f"{final} is {int(declared_length):,} bytes (limit {max_bytes:,})", url=final
        )
    body = bytearray()
    try:
        for chunk in _arrived(response):
            body += chunk
            if len(body) > max_bytes:
                raise PageTooLargeError(f"{final} is larger than {max_bytes:,} bytes", url=final)
            if time.monotonic() - started > deadline:
                raise FetchTimeoutError(f"{final} took longer than {deadline:.0f} s", url=final)
    except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
        if isinstance(exc.__context__, TimeoutError) or "timed out" in str(exc).lower():
            raise FetchTimeoutError(f"timed out reading {final}", url=final) from exc
        raise FetchError(
            f"the connection broke while reading {final}: {_reason(exc)}", url=final
        ) from exc
    except requests.exceptions.ContentDecodingError as exc:
        raise UnsupportedContentError(
            f"{final} sent a body that cannot be decompressed", url=final
        ) from exc
    except requests.RequestException as exc:
        raise FetchError(f"reading {final} failed: {_reason(exc)}", url=final) from exc
    data = bytes(body)
    if not data.strip():
        raise EmptyPageError(f"{final} returned an empty page", url=final)
    if not content_type and not _looks_like_html(data):
        raise UnsupportedContentError(f"{final} does not look like an HTML page", url=final)
    if b"\x00" in data[:2048] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedContentError(f"{final} sent binary data, not HTML", url=final)
    html, note = decode_bytes(
        data,
        declared=response.encoding
        if "charset" in response.headers.get("Content-Type", "").lower()
        else None,
    )
    return FetchedPage(
        url=url,
        final_url=final,
        status=response.status_code,
        content_type=content_type or "text/html",
        html=html,
        encoding_note=note,
        redirects=tuple(chain),
    )


def _arrived(response: requests.Response) -> Iterator[bytes]:
    """Body chunks as they arrive (decompressed, at most ``_CHUNK`` bytes each).

    ``iter_content`` blocks until a whole chunk is in, so a server dripping one byte a
    second under a Content-Length would outlast the total deadline; ``read1`` returns what
    one socket read brought. urllib3 errors are mapped the way ``iter_content`` maps them.
    """
    while True:
        try:
            chunk = response.raw.read1(_CHUNK, decode_content=True)
        except urllib3.exceptions.DecodeError as exc:
            raise requests.exceptions.ContentDecodingError(exc) from exc
        except urllib3.exceptions.ReadTimeoutError as exc:
            raise requests.ConnectionError(exc) from exc
        except (urllib3.exceptions.ProtocolError, urllib3.exceptions.SSLError) as exc:
            raise requests.exceptions.ChunkedEncodingError(exc) from exc
        if not chunk:
            return
        yield chunk


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(
        (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<meta", b"<!--")
    )


def _reason(exc: BaseException) -> str:
    """A short cause without urllib3's nested repr noise."""
    text = str(exc.args[0] if exc.args else exc)
    for marker in (
        "Name or service not known",
        "Connection refused",
        "Temporary failure in name resolution",
        "No address associated",
        "Connection reset",
        "Failed to resolve",
    ):
        if marker.lower() in text.lower():
            return marker.lower()
    return text[:200]
