"""One shallow tree of typed errors.

Everything factcheck raises on purpose is a :class:`FactcheckError`. Errors caused by
the caller's input also subclass :class:`ValueError`, so ``except ValueError`` keeps
working for scripts that do not know this package. Fetch failures are
:class:`FetchError` subclasses, one per cause, so a caller can tell "the host is down"
from "the page is too large" without reading messages.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class of every error factcheck raises on purpose."""

    #: Stable machine-readable code, used by the HTTP API and the batch output.
    code = "factcheck_error"


class InvalidInputError(FactcheckError, ValueError):
    """The caller passed something factcheck cannot work with (bad HTML type, bad option)."""

    code = "invalid_input"


class InvalidURLError(InvalidInputError):
    """The URL is malformed, or uses a scheme or port factcheck does not fetch."""

    code = "invalid_url"


class BlockedURLError(InvalidURLError):
    """The URL points to a private, loopback, link-local or otherwise internal address."""

    code = "blocked_url"


class SourcesFileError(InvalidInputError):
    """A sources.yaml (shipped or overlay) does not follow the documented schema."""

    code = "invalid_sources_file"


class FetchError(FactcheckError):
    """The page could not be fetched. ``url`` is the address that failed."""

    code = "fetch_failed"

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class HostUnreachableError(FetchError):
    """DNS failed, or the connection was refused or reset."""

    code = "host_unreachable"


class FetchTimeoutError(FetchError):
    """Connecting to, or reading from, the host took too long."""

    code = "timeout"


class TooManyRedirectsError(FetchError):
    """The redirect chain was longer than allowed (or looped)."""

    code = "too_many_redirects"


class HTTPStatusError(FetchError):
    """The server answered with an HTTP error status (4xx or 5xx)."""

    code = "http_status"

    def __init__(self, message: str, *, url: str | None = None, status: int) -> None:
        super().__init__(message, url=url)
        self.status = status


class PageTooLargeError(FetchError):
    """The body was larger than the configured cap; the download was stopped."""

    code = "too_large"


class UnsupportedContentError(FetchError):
    """The response is not an HTML page (PDF, image, binary data ...)."""

    code = "unsupported_content"


class EmptyPageError(FetchError):
    """The response had no body to analyse."""

    code = "empty_page"


__all__ = [
    "BlockedURLError",
    "EmptyPageError",
    "FactcheckError",
    "FetchError",
    "FetchTimeoutError",
    "HTTPStatusError",
    "HostUnreachableError",
    "InvalidInputError",
    "InvalidURLError",
    "PageTooLargeError",
    "SourcesFileError",
    "TooManyRedirectsError",
    "UnsupportedContentError",
]
