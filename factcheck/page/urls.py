"""URLs of links: resolving hrefs against the page address, cheaply."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit


def _is_absolute(url: str) -> bool:
    """An http(s) URL: ``urljoin`` returns it unchanged unless it ends in an empty ? or #."""
    return url[:8].lower().startswith(("http://", "https://"))


#: What ``urljoin`` would rewrite in a root-relative href: dot segments, ``;params``, tabs and
#: line breaks (removed), an empty query or fragment (dropped).
_NOT_PLAIN_PATH = re.compile(r"/\.|[;\t\r\n]|\?#|[?#]$")


def url_origin(base: str) -> str:
    """``scheme://netloc`` of an http(s) base URL, as ``urljoin`` would write it; else ""."""
    try:
        parts = urlsplit(base)
    except ValueError:
        return ""
    return (
        f"{parts.scheme}://{parts.netloc}"
        if parts.scheme in ("http", "https") and parts.netloc
        else ""
    )


def resolve_url(base: str, href: str, origin: str | None = None) -> str:
    """``urljoin(base, href)``, without its cost for the common root-relative href.

    Most links of a page are ``/path?query``: joined to the base's origin they come out of
    ``urljoin`` unchanged, so the parsing (two ``urlparse`` calls per link) is skipped for
    them. Pass ``origin`` (:func:`url_origin` of ``base``) when resolving many hrefs.
    """
    if origin is None:
        origin = url_origin(base)
    if origin and href[:1] == "/" and href[1:2] != "/" and _NOT_PLAIN_PATH.search(href) is None:
        return origin + href
    return urljoin(base, href)
