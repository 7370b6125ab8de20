"""Bearer tokens for API callers, compared in constant time.

Tokens come from ``FACTCHECK_API_TOKENS`` (comma-separated) or the ``API_TOKENS`` setting.
They are required unless ``FACTCHECK_AUTH=off`` or the app runs in debug mode. Each token
holder sees only its own history; ``FACTCHECK_ADMIN_TOKENS`` are tokens that also see
everyone's (:func:`history_owner`).
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from flask import Flask, current_app, request

from .errors import ApiError

log = logging.getLogger("factcheck.server")

#: Endpoints anyone may call: liveness, the API description, and share pages.
PUBLIC_ENDPOINTS = frozenset({"api.health", "openapi_json", "docs", "static"})


def auth_required(app: Flask) -> bool:
    setting = app.config.get("AUTH_REQUIRED")
    return (not app.debug) if setting is None else bool(setting)


def token_matches(given: str, tokens: list[str]) -> bool:
    """True if ``given`` equals one of ``tokens``; every token is compared, in constant time."""
    given_digest = hashlib.sha256(given.encode()).digest()
    found = False
    for token in tokens:
        found |= hmac.compare_digest(given_digest, hashlib.sha256(token.encode()).digest())
    return found


def history_owner() -> str | None:
    """Whose history a request reads: the caller's id, or None for everyone's (an admin
    token, or token checks off). Callers are told apart by a hash of their token."""
    if not auth_required(current_app):
        return None
    token = _bearer()
    if token and token_matches(token, list(current_app.config.get("ADMIN_TOKENS") or [])):
        return None
    return caller_id()


def check_owner() -> str | None:
    """Whose history a new check goes into: the caller, admins included (None if no token)."""
    return caller_id() if auth_required(current_app) else None


def caller_id() -> str | None:
    """A short stable id of the caller's token (for rate limits), never the token itself."""
    token = _bearer()
    if not token:
        return None
    return hashlib.sha256(token.encode()).hexdigest()[:16]


def init_app(app: Flask) -> None:
    if auth_required(app) and not (app.config.get("API_TOKENS") or app.config.get("ADMIN_TOKENS")):
        log.warning("API tokens are required but none is configured: set FACTCHECK_API_TOKENS")

    @app.before_request
    def _check_token() -> None:
        if not auth_required(current_app) or request.method == "OPTIONS":
            return
        if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
            return  # unknown paths fall through to a JSON 404
        if request.endpoint == "share_page" and current_app.config.get("PUBLIC_SHARE_PAGES"):
            return
        token = _bearer()
        if not token:
            raise ApiError(401, "unauthorized", "Send 'Authorization: Bearer <token>'.")
        tokens = [
            *(current_app.config.get("API_TOKENS") or []),
            *(current_app.config.get("ADMIN_TOKENS") or []),
        ]
        if not token_matches(token, tokens):
            raise ApiError(401, "unauthorized", "The API token is not valid.")


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()
