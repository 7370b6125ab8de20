"""Host names and registered domains, offline.

tldextract is built once with its bundled public suffix list (``suffix_list_urls=()``,
``cache_dir=None``): no network, no cache files. Matching is always on whole labels, so
``deviantart.com`` never matches ``rt.com``.
"""

from __future__ import annotations

from functools import cache, lru_cache
from urllib.parse import urlsplit

import tldextract


@cache
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def host_of(url: str | None) -> str:
    """Lower-case host of ``url`` without ``www.`` (empty string when there is none)."""
    if not url:
        return ""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    host = host.rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


@lru_cache(maxsize=4096)  # bounded: a long batch sees many hosts
def registered_domain(host: str) -> str:
    """``news.bbc.co.uk`` -> ``bbc.co.uk``; IP addresses and bare names come back unchanged."""
    host = host.rstrip(".").lower()
    parts = _extractor()(host)
    return parts.top_domain_under_public_suffix or host


@lru_cache(maxsize=4096)  # bounded: a long batch sees many hosts
def public_suffix(host: str) -> str:
    """``nhc.gov.cn`` -> ``gov.cn``; ``who.int`` -> ``int``."""
    return _extractor()(host.rstrip(".").lower()).suffix


def domain_candidates(host: str) -> list[str]:
    """The host and each parent down to its registered domain, most specific first.

    ``a.b.example.co.uk`` -> ``[a.b.example.co.uk, b.example.co.uk, example.co.uk]``. Used
    for exact, label-wise lookups in the sources knowledge base.
    """
    host = host.rstrip(".").lower()
    base = registered_domain(host)
    labels = host.split(".")
    out = []
    for i in range(len(labels)):
        candidate = ".".join(labels[i:])
        out.append(candidate)
        if candidate == base:
            break
    return out
