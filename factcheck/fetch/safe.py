"""Fetching pages that strangers point us at, without becoming a way into our network.

Defence in depth, each failure its own typed error:

* only ``http``/``https`` (``file:/etc/passwd`` is an invalid URL, not a host called "file"),
  only ports 80 and 443 (any port with ``allow_loopback``, for tests);
* every address, typed, redirected to or answered by DNS, judged by one policy
  (:mod:`factcheck.fetch.addresses`: every spelling normalised, IPv4-embedding IPv6 forms
  unwrapped, only global unicast allowed); DNS resolved once per connection, every answer
  checked and the socket pinned to the checked address (:mod:`factcheck.fetch.transport`);
* redirects followed by hand (at most :data:`MAX_REDIRECTS`), each hop re-validated;
* one deadline for the whole fetch: connect, status line, headers, body and every redirect
  hop (a watchdog shuts the socket down when it passes), plus connect and read timeouts;
* body streamed and cut at :data:`MAX_BYTES` *after* decompression (gzip bombs stop there);
  oversized response headers are a :class:`PageTooLargeError`;
* HTML and XHTML only; charset from header, BOM, ``<meta>``, then detection;
* no proxy or netrc from the environment.
"""

from __future__ import annotations

import http.client
import re
from urllib.parse import urljoin, urlsplit

import requests

from factcheck._version import __version__
from factcheck.errors import (
    BlockedURLError,
    FetchError,
    FetchTimeoutError,
    HostUnreachableError,
    InvalidURLError,
    PageTooLargeError,
    TooManyRedirectsError,
)
from factcheck.fetch.addresses import BlockedAddress, blocked_reason, literal_ip
from factcheck.fetch.body import FetchedPage, read_page, reason
from factcheck.fetch.transport import Guard, guarded_session

DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 15.0)  # connect, read (per socket read)
TOTAL_DEADLINE = 25.0  # seconds for the whole fetch: connect, headers, body, redirects
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
ALLOWED_PORTS = frozenset({80, 443})
USER_AGENT = (
    f"Mozilla/5.0 (compatible; factcheck/{__version__}; WHO seven-step health misinformation "
    "checklist)"
)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?!\d)")  # "file:", not "example.org:8080"


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

    ``deadline`` bounds the whole fetch, redirects included. ``allow_loopback`` lets tests
    reach a server on 127.0.0.1 / localhost (any port); private, link-local and metadata
    addresses stay blocked even then. Never enable it for URLs that come from users.
    """
    current = validate_url(url, allow_loopback=allow_loopback)
    chain: list[str] = [current]
    with Guard(deadline, allow_loopback=allow_loopback) as guard, guarded_session() as session:
        session.headers.update(_HEADERS)
        for _ in range(max_redirects + 1):
            response = _get(session, current, timeout, guard)
            try:
                if response.is_redirect:
                    current = _next_hop(current, response, chain, allow_loopback, url)
                    continue
                return read_page(response, url, chain, max_bytes, guard)
            finally:
                response.close()
    raise TooManyRedirectsError(f"more than {max_redirects} redirects", url=url)


def _next_hop(
    current: str, response: requests.Response, chain: list[str], allow_loopback: bool, url: str
) -> str:
    location = response.headers.get("Location", "")
    try:
        target = urljoin(current, location)
    except ValueError as exc:  # "http://[x]/": urljoin parses the netloc
        raise InvalidURLError(f"{current} redirects to a malformed URL: {exc}") from None
    target = validate_url(target, allow_loopback=allow_loopback)
    if target in chain:
        raise TooManyRedirectsError(f"redirect loop at {target}", url=url)
    chain.append(target)
    return target


def validate_url(url: str, *, allow_loopback: bool = False) -> str:
    """Return ``url`` normalised, or raise :class:`InvalidURLError` / :class:`BlockedURLError`.

    Checks what can be checked without DNS: scheme, host, port and literal IP addresses in
    any spelling (dotted, decimal, hex, IPv4-embedding IPv6). Host names are checked again,
    every DNS answer of every connection, by :mod:`factcheck.fetch.transport`.
    """
    if not isinstance(url, str) or not url.strip():
        raise InvalidURLError("empty URL")
    url = url.strip()
    if any(ord(char) < 0x20 or char == "\x7f" for char in url):
        raise InvalidURLError("URL contains control characters")
    scheme_like = _SCHEME.match(url)
    if scheme_like is None:
        url = "http://" + url  # people paste "example.org/page"
    elif scheme_like.group(1).lower() not in ("http", "https"):
        scheme = scheme_like.group(1).lower()
        raise InvalidURLError(f"only http and https URLs can be checked, not {scheme}:")
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
    address = literal_ip(host)
    reason = None if address is None else blocked_reason(address, allow_loopback=allow_loopback)
    if reason is not None:
        raise BlockedURLError(f"{host} is a private or reserved address ({reason})")
    lowered = host.lower()
    if lowered.endswith(".local") or (
        not allow_loopback and (lowered == "localhost" or lowered.endswith(".localhost"))
    ):
        raise BlockedURLError(f"{host} is a local name")
    return url


_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
}


def _get(
    session: requests.Session, url: str, timeout: float | tuple[float, float], guard: Guard
) -> requests.Response:
    left = guard.remaining()
    if left <= 0 or guard.expired:
        raise FetchTimeoutError(f"{url} took longer than the fetch deadline", url=url)
    connect, read = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    try:
        return session.get(
            url, timeout=(min(connect, left), min(read, left)), stream=True, allow_redirects=False
        )
    except BlockedAddress as exc:
        raise BlockedURLError(str(exc)) from None
    except requests.RequestException as exc:
        raise _failure(exc, url, guard) from exc
    except ValueError as exc:  # requests parses a redirect's Location even when not following
        raise InvalidURLError(f"{url} answered with a malformed URL: {exc}") from None


def _failure(
    exc: requests.RequestException, url: str, guard: Guard
) -> FetchError | InvalidURLError:
    """The typed error for an exception raised while connecting or reading headers."""
    host = urlsplit(url).hostname
    if guard.expired or isinstance(exc, requests.ConnectTimeout | requests.ReadTimeout):
        return FetchTimeoutError(f"timed out fetching {url}", url=url)
    if _header_overflow(exc):
        return PageTooLargeError(f"{host} sent response headers over the size limit", url=url)
    if isinstance(exc, requests.exceptions.InvalidURL):
        return InvalidURLError(f"malformed URL {url!r}: {exc}")
    if isinstance(exc, requests.ConnectionError):
        return HostUnreachableError(f"cannot reach {host}: {reason(exc)}", url=url)
    return FetchError(f"fetching {url} failed: {reason(exc)}", url=url)


def _header_overflow(exc: BaseException) -> bool:
    """True if http.client gave up on the headers: a line over 64 KiB or over 100 lines."""
    seen: list[BaseException] = [exc]
    for _ in range(50):  # the cause chain is short; never loop on a cycle
        if not seen:
            break
        current = seen.pop()
        if isinstance(current, http.client.LineTooLong) or (
            isinstance(current, http.client.HTTPException) and "got more than" in str(current)
        ):
            return True
        seen.extend(arg for arg in current.args if isinstance(arg, BaseException))
        if current.__context__ is not None:
            seen.append(current.__context__)
    return False
