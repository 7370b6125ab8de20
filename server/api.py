"""``/api/v1``: check a URL (or HTML the caller sends), batch, history, stored reports, health."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from flask import Blueprint, Response, current_app, request, url_for

import factcheck

from . import auth
from .errors import ApiError, from_engine
from .service import CheckService, normalise_lang
from .storage import StoredReport

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def service() -> CheckService:
    return current_app.extensions["factcheck"]


@bp.post("/check")
def check_post() -> Response:
    body = json_object()
    url, html, lang = body.get("url"), body.get("html"), body.get("lang")
    owner = auth.check_owner()
    if html is not None:
        return report_response(service().check_html(url, html, lang, owner=owner), cached=False)
    stored, cached = service().check_url(url, lang, owner=owner)
    return report_response(stored, cached=cached)


@bp.get("/check")
def check_get() -> Response:
    stored, cached = service().check_url(
        request.args.get("url", ""), request.args.get("lang"), owner=auth.check_owner()
    )
    return report_response(stored, cached=cached)


@bp.post("/check/batch")
def check_batch() -> Response:
    body = json_object()
    urls, lang = body.get("urls"), body.get("lang")
    max_url = int(current_app.config["MAX_URL_LENGTH"])
    if (
        not isinstance(urls, list)
        or not urls
        or not all(isinstance(u, str) and 0 < len(u) <= max_url for u in urls)
    ):
        raise ApiError(400, "invalid_request", "'urls' must be a list of non-empty strings.")
    normalise_lang(lang)  # a bad hint fails the whole batch, not each item
    limit = int(current_app.config["BATCH_MAX_URLS"])
    if len(urls) > limit:
        raise ApiError(
            413,
            "batch_too_large",
            f"At most {limit} URLs per batch; submit longer lists as a job (POST /api/v1/jobs).",
        )
    checker, owner = service(), auth.check_owner()
    workers = max(1, min(int(current_app.config["BATCH_CONCURRENCY"]), len(urls)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda u: batch_item(checker, u, lang, owner), urls))
    return Response('{"results": [' + ", ".join(results) + "]}", mimetype="application/json")


def batch_item(checker: CheckService, url: str, lang: Any, owner: str | None = None) -> str:
    """One batch result as JSON text: the report, or the error that stopped it."""
    try:
        stored, cached = checker.check_url(url, lang, owner=owner)
    except factcheck.FactcheckError as exc:
        return dumps({"url": url, "error": error_dict(from_engine(exc))})
    except ApiError as exc:
        return dumps({"url": url, "error": error_dict(exc)})
    head = dumps({"url": url, "id": stored.id, "cached": cached})
    return head[:-1] + ', "report": ' + stored.report_json + "}"


@bp.get("/history")
def history() -> Response:
    page = int_arg("page", 1, minimum=1, maximum=1_000_000)
    per_page = int_arg(
        "per_page", 20, minimum=1, maximum=int(current_app.config["HISTORY_MAX_PER_PAGE"])
    )
    items, total = service().storage.history(page, per_page, owner=auth.history_owner())
    return json_response({"items": items, "page": page, "per_page": per_page, "total": total})


@bp.get("/reports/<report_id>")
def get_report(report_id: str) -> Response:
    stored = service().storage.get(report_id) if len(report_id) <= 64 else None
    if stored is None:
        raise ApiError(404, "not_found", "No stored report has this id (it may have expired).")
    head = dumps({"id": stored.id})
    return Response(
        head[:-1] + ', "report": ' + stored.report_json + "}", mimetype="application/json"
    )


@bp.get("/health")
def health() -> Response:
    storage = service().storage
    try:
        storage.ping()
    except Exception as exc:
        raise ApiError(503, "storage_unavailable", f"{storage.kind} is not reachable.") from exc
    return json_response(
        {
            "status": "ok",
            "version": factcheck.__version__,
            "schema_version": factcheck.SCHEMA_VERSION,
            "storage": storage.kind,
        }
    )


# -- helpers ---------------------------------------------------------------------------------


def json_object() -> dict[str, Any]:
    """The request body as a JSON object: 415 if not JSON, 400 if malformed or not an object."""
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "Send the body as application/json.")
    body = request.get_json(silent=False)  # malformed -> BadRequest (400), too big -> 413
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_request", "The JSON body must be an object.")
    return body


def int_arg(name: str, default: int, *, minimum: int, maximum: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, "invalid_request", f"'{name}' must be an integer.") from None
    if not minimum <= value <= maximum:
        raise ApiError(400, "invalid_request", f"'{name}' must be {minimum} to {maximum}.")
    return value


def report_response(stored: StoredReport, *, cached: bool) -> Response:
    """``{id, report_url, share_url, cached, report}``; the report JSON is spliced in as is."""
    head = dumps(
        {
            "id": stored.id,
            "report_url": absolute("api.get_report", report_id=stored.id),
            "share_url": absolute("share_page", report_id=stored.id),
            "cached": cached,
        }
    )
    return Response(
        head[:-1] + ', "report": ' + stored.report_json + "}", mimetype="application/json"
    )


def absolute(endpoint: str, **values: Any) -> str:
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def error_dict(exc: ApiError) -> dict[str, Any]:
    return {"code": exc.code, "message": exc.message, **exc.extra}


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def json_response(value: Any, status: int = 200) -> Response:
    return Response(dumps(value), status=status, mimetype="application/json")
