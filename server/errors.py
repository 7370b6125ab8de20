"""Every error leaves the server as JSON ``{"error": {"code", "message"}}`` with a fitting status.

Engine errors keep their own ``code``; HTTP errors (404, 405, 413, 429 ...) get a code from
their status; anything unexpected is a 500 ``internal_error`` whose details stay in the log.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify
from werkzeug.exceptions import HTTPException

from factcheck import errors as fc

log = logging.getLogger("factcheck.server")


class ApiError(Exception):
    """An error the API reports to the caller as is."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra


# Most specific first: the first matching class wins.
_ENGINE_STATUS: tuple[tuple[type[fc.FactcheckError], int], ...] = (
    (fc.BlockedURLError, 403),
    (fc.InvalidInputError, 400),  # InvalidURLError included
    (fc.FetchTimeoutError, 504),
    (fc.PageTooLargeError, 413),
    (fc.UnsupportedContentError, 415),
    (fc.EmptyPageError, 422),
    (fc.HTTPStatusError, 502),
    (fc.TooManyRedirectsError, 502),
    (fc.HostUnreachableError, 502),
    (fc.FetchError, 502),
)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "rate_limited",
}


def from_engine(exc: fc.FactcheckError) -> ApiError:
    """Map a typed engine error to an :class:`ApiError` (status, code, message)."""
    status = next((s for cls, s in _ENGINE_STATUS if isinstance(exc, cls)), 500)
    extra: dict[str, Any] = {}
    if isinstance(exc, fc.HTTPStatusError):
        extra["upstream_status"] = exc.status
    return ApiError(status, exc.code, str(exc), **extra)


def error_response(status: int, code: str, message: str, **extra: Any) -> Response:
    response = jsonify({"error": {"code": code, "message": message, **extra}})
    response.status_code = status
    return response


def register(app: Flask) -> None:
    """Install JSON handlers for API, engine, HTTP and unexpected errors."""

    @app.errorhandler(ApiError)
    def _api(exc: ApiError) -> Response:
        response = error_response(exc.status, exc.code, exc.message, **exc.extra)
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="factcheck"'
        return response

    @app.errorhandler(fc.FactcheckError)
    def _engine(exc: fc.FactcheckError) -> Response:
        return _api(from_engine(exc))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        status = exc.code or 500
        code = _HTTP_CODES.get(status, "http_error")
        response = error_response(status, code, exc.description or exc.name)
        for name, value in exc.get_headers():
            if name.lower() not in ("content-type", "content-length"):
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unhandled error")
        return error_response(500, "internal_error", "The server hit an unexpected error.")
