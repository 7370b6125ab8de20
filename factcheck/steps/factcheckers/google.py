"""Optional online lookup: Google Fact Check Tools ``claims:search``.

Used only when an API key is configured (``FACTCHECK_GOOGLE_API_KEY``, or the check
option ``google_factcheck_api_key``); factcheck never needs it. ``FACTCHECK_GOOGLE_API_URL``
points it elsewhere (tests use a local fake server with the documented response shape).

The key travels in the ``X-Goog-Api-Key`` header (which Google APIs accept in place of the
``key`` parameter), so it never appears in a URL that a proxy, server or urllib3's debug log
records; it is never logged and never put in an error message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests

from factcheck.errors import FactcheckError
from factcheck.steps.factcheckers.claimreview import ClaimReview, rating_from_text

DEFAULT_URL = "https://factchecktools.googleapis.com/v1alpha1/claims:search"
KEY_ENV = "FACTCHECK_GOOGLE_API_KEY"
URL_ENV = "FACTCHECK_GOOGLE_API_URL"
#: (connect, read) seconds: the lookup must not hold up the report.
DEFAULT_TIMEOUT = (2.0, 4.0)
MAX_QUERY_CHARS = 200
MAX_RESPONSE_BYTES = 2_000_000


class OnlineLookupError(FactcheckError):
    """The online fact-check lookup failed; ``reason`` is safe to show (no key, no URL)."""

    code = "online_lookup_failed"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ApiConfig:
    """Where and how to ask; ``repr`` hides the key."""

    api_key: str
    url: str = DEFAULT_URL
    timeout: tuple[float, float] = DEFAULT_TIMEOUT

    def __repr__(self) -> str:
        return f"ApiConfig(api_key='***', url={self.url!r}, timeout={self.timeout!r})"


def config_from(options: Mapping[str, Any], environ: Mapping[str, str]) -> ApiConfig | None:
    """The configured lookup, or ``None`` when no key is set (the usual case). ``environ``
    is handed in by :mod:`factcheck.resources`, at the edge: the step never reads it."""
    key = str(options.get("google_factcheck_api_key") or environ.get(KEY_ENV) or "").strip()
    if not key:
        return None
    url = str(options.get("google_factcheck_api_url") or environ.get(URL_ENV) or DEFAULT_URL)
    return ApiConfig(api_key=key, url=url)


def search_claims(
    query: str, config: ApiConfig, *, language: str | None = None, page_size: int = 10
) -> list[ClaimReview]:
    """Fact-checked claims matching ``query``, one :class:`ClaimReview` per review.

    Raises :class:`OnlineLookupError` for every failure (network, HTTP status, bad JSON,
    unexpected shape).
    """
    params: dict[str, str | int] = {"query": query[:MAX_QUERY_CHARS], "pageSize": page_size}
    headers = {"X-Goog-Api-Key": config.api_key, "Accept": "application/json"}
    if language in ("en", "zh"):
        params["languageCode"] = language
    try:
        with requests.Session() as session:
            session.trust_env = False  # no proxies or .netrc credentials from the environment
            response = session.get(
                config.url, params=params, headers=headers, timeout=config.timeout, stream=True
            )
            body = response.raw.read(MAX_RESPONSE_BYTES + 1, decode_content=True)
    except requests.Timeout:
        raise OnlineLookupError("the fact-check service did not answer in time") from None
    except (requests.RequestException, OSError) as exc:
        raise OnlineLookupError(
            f"the fact-check service could not be reached ({type(exc).__name__})"
        ) from None
    if response.status_code != 200:
        raise OnlineLookupError(f"the fact-check service answered HTTP {response.status_code}")
    if len(body) > MAX_RESPONSE_BYTES:
        raise OnlineLookupError("the fact-check service's answer was too large")
    try:
        return parse_response(json.loads(body.decode("utf-8")))
    except (ValueError, TypeError, AttributeError) as exc:
        raise OnlineLookupError(
            f"the fact-check service's answer was not understood ({type(exc).__name__})"
        ) from None


def parse_response(data: Any) -> list[ClaimReview]:
    """The documented ``{"claims": [{"text", "claimant", "claimDate", "claimReview": [...]}]}``."""
    if not isinstance(data, Mapping):
        raise ValueError("response is not a JSON object")
    reviews = []
    for claim in data.get("claims") or []:
        if not isinstance(claim, Mapping):
            continue
        for review in claim.get("claimReview") or []:
            if isinstance(review, Mapping):
                reviews.append(_review(claim, review))
    return reviews


def _review(claim: Mapping[str, Any], review: Mapping[str, Any]) -> ClaimReview:
    raw_publisher = review.get("publisher")
    publisher: Mapping[str, Any] = raw_publisher if isinstance(raw_publisher, Mapping) else {}
    site = str(publisher.get("site") or "").strip()
    textual = str(review.get("textualRating") or "").strip()
    return ClaimReview(
        claim=str(claim.get("text") or "").strip(),
        rating=rating_from_text(textual),
        rating_text=textual,
        reviewer=str(publisher.get("name") or site).strip(),
        reviewer_url=f"https://{site}" if site and "://" not in site else site,
        date=str(review.get("reviewDate") or claim.get("claimDate") or "")[:10],
        url=str(review.get("url") or "").strip(),
        claimant=str(claim.get("claimant") or "").strip(),
        language=str(review.get("languageCode") or "").strip(),
        origin="google-factcheck-api",
    )
