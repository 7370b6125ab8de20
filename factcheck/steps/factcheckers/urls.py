"""Is the page itself one of the index's debunks? Its URL looked up among theirs.

URLs compare as :func:`url_key` reads them (scheme, ``www.``, fragment, trailing slash and
query order ignored). Keying all 5,700 debunk URLs costs ~20 ms, paid at every load (a cold
``factcheck check`` among them), so the index groups them by host with plain string
operations and keys only the debunks of the page's host, once per host.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

#: A plain http(s) URL (no user info, IPv6 or control characters): :func:`url_key` reads it
#: without ``urlsplit``.
_PLAIN_URL = re.compile(
    r"(?i:https?)://([A-Za-z0-9.-]+)(?::\d*)?(/[^?#\t\r\n]*)?(?:\?([^#\t\r\n]*))?(?:#[^\t\r\n]*)?"
)

#: The host as written: after the scheme and any user info, up to a port, path, query or
#: fragment (an IPv6 address in its brackets).
_HOST = re.compile(r"\s*[^:/?#]*://(?:[^/?#@]*@)?(\[[^\]]*\]|[^:/?#\s]*)")


def url_key(url: str) -> str:
    """``host/path?query`` without scheme, ``www.``, fragment or trailing slash."""
    url = url.strip()
    plain = _PLAIN_URL.fullmatch(url)
    if plain:
        host, path, query = plain.group(1).lower(), plain.group(2) or "", plain.group(3) or ""
    else:
        parts = urlsplit(url)
        host, path, query = parts.hostname or "", parts.path, parts.query
    query = "&".join(sorted(q for q in query.split("&") if q))
    return f"{host.removeprefix('www.')}{path.rstrip('/')}?{query}"


def host_group(url: str) -> str:
    """The URL's host as written, lower-cased, without user info, port or ``www.``: two
    URLs with one :func:`url_key` always share it (tested on the shipped index). Not
    :func:`factcheck.knowledge.domains.host_of`: it reads the same hosts through
    ``urlsplit``, 25 ms for the 5,700 debunk URLs against 4 ms here, at every load."""
    found = _HOST.match(url)
    return found.group(1).lower().removeprefix("www.") if found else ""


class UrlLookup:
    """The first of ``urls`` with the same :func:`url_key` as a given URL."""

    def __init__(self, urls: Sequence[str]) -> None:
        self._urls = urls
        self._groups: dict[str, list[int]] = {}
        for i, url in enumerate(urls):
            self._groups.setdefault(host_group(url), []).append(i)
        self._keyed: dict[str, dict[str, int]] = {}  # host -> url_key -> first position

    def find(self, url: str) -> int | None:
        """The position of the first URL that reads as ``url`` does, or None."""
        host = host_group(url)
        keyed = self._keyed.get(host)
        if keyed is None:
            positions = reversed(self._groups.get(host, ()))
            keyed = self._keyed[host] = {url_key(self._urls[i]): i for i in positions}
        return keyed.get(url_key(url))
