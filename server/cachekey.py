"""The cache key of a fetched report: one key per piece of content, never one for two.

A URL is normalised only in ways that cannot change what the server returns: scheme and
host case, the default port, the fragment, the order of query parameters, and parameters
known to track the reader rather than select the content (``utm_*``, ``fbclid``, WeChat's
``chksm``/``scene`` ...). Every other query parameter is kept, so
``mp.weixin.qq.com/s?__biz=..&mid=..&idx=..&sn=..`` and ``youtube.com/watch?v=..`` stay
distinct (courlan's strict mode dropped them all, and every WeChat article shared one key).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Parameters that identify the reader, the click or the campaign on any site, never the content.
#: A parameter missing here costs a cache miss; a content parameter listed here would cost a wrong
#: report, so generic names (``from``, ``lang``, ``key``) are only dropped on hosts that use them
#: for sharing (below).
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "ref_src", "spm",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_",)
#: Share and session parameters of platforms whose articles are addressed by other parameters.
HOST_TRACKING_PARAMS = {
    # a WeChat article is __biz + mid + idx + sn; the rest is the reader's session and share
    "mp.weixin.qq.com": frozenset(
        {
            "chksm", "scene", "srcid", "sharer_sharetime", "sharer_shareid", "clicktime",
            "enterid", "sessionid", "subscene", "ascene", "devicetype", "version", "nettype",
            "lang", "exportkey", "pass_ticket", "wx_header", "key", "uin", "from",
            "isappinstalled", "abtest_cookie", "fontgear", "realreporttime", "poc_token",
        }
    ),
}  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking(name: str, host: str = "") -> bool:
    """Whether a query parameter only tracks the reader or the campaign (on ``host``)."""
    low = name.lower()
    if low in TRACKING_PARAMS or low.startswith(_TRACKING_PREFIXES):
        return True
    return low in HOST_TRACKING_PARAMS.get(host, frozenset())


def normalise_url(url: str) -> str:
    """The URL with only content-preserving changes (see the module docstring)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode(sorted((k, v) for k, v in pairs if not is_tracking(k, host)))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def cache_key(url: str, lang: str | None) -> str:
    """The normalised URL plus the language hint."""
    return f"{lang or 'auto'}|{normalise_url(url)}"
