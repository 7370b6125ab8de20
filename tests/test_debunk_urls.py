"""Step 7's "is this page itself a listed debunk?": URL keys and their lookup."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from factcheck.steps.factcheckers.debunks import load_index
from factcheck.steps.factcheckers.urls import UrlLookup, host_group, url_key

_URLS = [
    "HTTP://WWW.Example.com:8080/a/b/?x=1&a=2#f",
    " https://www.who.int ",
    "https://user@host.example/x",
    "https://[::1]/x",
    "https://[::1]:8080/x",
    "http://a.example/\tc",
    "https://x.example?q",
    "https://x.example/#",
    "https://xn--fiqs8s.cn/路径?参数=1&b",
    "http://baijiahao.baidu.com/s?id=1663484428886062769",
]


@pytest.mark.parametrize("url", _URLS)
def test_url_key_reads_plain_urls_as_urlsplit_does(url: str) -> None:
    """The fast path for plain URLs gives urlsplit's answer."""
    parts = urlsplit(url.strip())
    query = "&".join(sorted(q for q in parts.query.split("&") if q))
    host = (parts.hostname or "").removeprefix("www.")
    assert url_key(url) == f"{host}{parts.path.rstrip('/')}?{query}"


@pytest.mark.parametrize("url", _URLS)
def test_the_host_group_is_the_keys_host(url: str) -> None:
    """Grouping by host loses no match: the group is the host url_key keeps (IPv6 in its
    brackets), for the odd URLs as for plain ones."""
    keys_host = url_key(url).partition("/")[0].partition("?")[0]
    assert host_group(url) in (keys_host, f"[{urlsplit(url).hostname}]")


def test_every_shipped_debunk_is_found_by_its_own_url_and_its_variants() -> None:
    index = load_index()
    urls = [d.url for d in index.debunks]
    first = {}
    for i, url in enumerate(urls):
        first.setdefault(url_key(url), i)
    lookup = UrlLookup(urls)
    for url in urls:
        assert lookup.find(url) == first[url_key(url)]
    sample = urls[::97]
    for url in sample:
        variant = url.replace("https://", "HTTP://", 1).replace("http://", "HTTP://", 1) + "#top"
        assert lookup.find(variant) == first[url_key(url)], variant


def test_a_page_that_is_no_debunk_is_found_nowhere() -> None:
    lookup = UrlLookup(["https://www.piyao.org.cn/a.htm", "https://factpaper.cn/detail/1"])
    assert lookup.find("https://piyao.org.cn/a.htm/") == 0
    assert lookup.find("https://piyao.org.cn/b.htm") is None
    assert lookup.find("https://example.org/a.htm") is None
    assert lookup.find("not a url") is None
