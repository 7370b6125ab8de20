"""The OpenAPI 3.1 description of the HTTP API, the report schema included.

Built as data so the jobs blueprint (``server/jobs.py``, when present) can add its own paths
(``jobs.OPENAPI_PATHS``) and schemas (``jobs.OPENAPI_SCHEMAS``).
"""

# size: the OpenAPI document is one data literal; splitting it would scatter the contract.

from __future__ import annotations

import copy
from typing import Any

import factcheck

from .service import LANG_PATTERN

_REF = "#/components/schemas/"


def ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


_STR = {"type": "string"}
_LANG_SCHEMA = {
    "type": ["string", "null"],
    "pattern": LANG_PATTERN,
    "description": "Language hint: auto (default), en or zh, subtags allowed (zh-CN).",
}

SCHEMAS: dict[str, Any] = {
    "LocalText": {
        "type": "object",
        "description": "A sentence in English and Simplified Chinese.",
        "required": ["en", "zh"],
        "properties": {"en": _STR, "zh": _STR},
    },
    "Link": {
        "type": "object",
        "required": ["title", "url"],
        "properties": {"title": _STR, "url": _STR},
    },
    "Finding": {
        "type": "object",
        "description": "One observation and the points it moved, with its evidence.",
        "required": ["code", "impact", "message", "evidence", "origin"],
        "properties": {
            "code": {"type": "string", "description": "`<step>.<snake_case>`"},
            "impact": {"type": "integer", "description": "Signed points."},
            "message": ref("LocalText"),
            "evidence": _STR,
            "origin": {"type": "string", "description": "meta, json-ld, text, url, ..."},
        },
    },
    "StepResult": {
        "type": "object",
        "required": ["id", "number", "title", "status", "score", "findings", "data", "advice"],
        "properties": {
            "id": {
                "type": "string",
                "enum": [
                    "source",
                    "headline",
                    "author",
                    "date",
                    "evidence",
                    "bias",
                    "factcheckers",
                ],
            },
            "number": {"type": "integer", "minimum": 1, "maximum": 7},
            "title": ref("LocalText"),
            "status": {
                "type": "string",
                "enum": ["pass", "warn", "fail", "unknown", "not_applicable"],
            },
            "score": _nullable({"type": "integer"}),
            "findings": {"type": "array", "items": ref("Finding")},
            "data": {"type": "object", "description": "Step-specific facts (free form)."},
            "advice": ref("LocalText"),
            "links": {"type": "array", "items": ref("Link")},
        },
    },
    "Report": {
        "type": "object",
        "description": "The scored WHO seven-step checklist for one page.",
        "required": [
            "schema_version",
            "engine_version",
            "url",
            "final_url",
            "retrieval",
            "checked_at",
            "language",
            "title",
            "score",
            "verdict",
            "summary",
            "disclaimer",
            "sources",
            "steps",
        ],
        "properties": {
            "schema_version": {"type": "string", "const": factcheck.SCHEMA_VERSION},
            "engine_version": _STR,
            "url": _nullable(_STR),
            "final_url": _nullable(_STR),
            "retrieval": {"type": "string", "enum": ["fetched", "provided_html"]},
            "checked_at": {"type": "string", "format": "date-time"},
            "language": _STR,
            "title": _STR,
            "score": _nullable({"type": "integer", "minimum": 0, "maximum": 100}),
            "verdict": {
                "type": "string",
                "enum": ["reliable", "mixed", "doubtful", "unreliable", "unknown"],
            },
            "summary": ref("LocalText"),
            "disclaimer": ref("LocalText"),
            "sources": {
                "type": "object",
                "required": ["version", "updated"],
                "properties": {"version": _STR, "updated": _STR},
            },
            "steps": {"type": "array", "items": ref("StepResult"), "minItems": 7, "maxItems": 7},
            "confidence": {
                "type": "object",
                "description": "How much the overall score rests on (optional, additive).",
                "required": ["level", "value", "reason"],
                "properties": {
                    "level": {"type": "string", "enum": ["low", "medium", "high"]},
                    "value": {"type": "number", "minimum": 0, "maximum": 1},
                    "reason": ref("LocalText"),
                },
            },
        },
    },
    "ErrorDetail": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": {"type": "string", "examples": ["invalid_url", "blocked_url", "timeout"]},
            "message": _STR,
            "upstream_status": {"type": "integer", "description": "With code http_status."},
        },
    },
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": ref("ErrorDetail")},
    },
    "CheckRequest": {
        "type": "object",
        "required": ["url"],
        "properties": {
            "url": {
                "type": "string",
                "minLength": 1,
                "maxLength": 4096,
                "description": "The page's address (http or https; private networks refused).",
            },
            "html": {
                "type": ["string", "null"],
                "description": "The page's HTML as the browser has it (at most 5 MB). "
                "Analysed and discarded, never stored; the URL is then not fetched. "
                "Absent or null: the server fetches the URL.",
            },
            "lang": _LANG_SCHEMA,
        },
    },
    "CheckResponse": {
        "type": "object",
        "required": ["id", "report_url", "share_url", "cached", "report"],
        "properties": {
            "id": _STR,
            "report_url": {"type": "string", "description": "GET /api/v1/reports/{id}"},
            "share_url": {"type": "string", "description": "Human-readable page to share."},
            "cached": {"type": "boolean"},
            "report": ref("Report"),
        },
    },
    "BatchRequest": {
        "type": "object",
        "required": ["urls"],
        "properties": {
            "urls": {
                "type": "array",
                "items": {"type": "string", "minLength": 1, "maxLength": 4096},
                "minItems": 1,
                "maxItems": 20,
            },
            "lang": _LANG_SCHEMA,
        },
    },
    "BatchResult": {
        "type": "object",
        "required": ["url"],
        "properties": {
            "url": _STR,
            "id": _STR,
            "cached": {"type": "boolean"},
            "report": ref("Report"),
            "error": ref("ErrorDetail"),
        },
    },
    "BatchResponse": {
        "type": "object",
        "required": ["results"],
        "properties": {"results": {"type": "array", "items": ref("BatchResult")}},
    },
    "HistoryItem": {
        "type": "object",
        "required": ["id", "url", "title", "score", "verdict", "checked_at"],
        "properties": {
            "id": _STR,
            "url": _nullable(_STR),
            "title": _STR,
            "score": _nullable({"type": "integer"}),
            "verdict": _STR,
            "checked_at": _STR,
        },
    },
    "HistoryResponse": {
        "type": "object",
        "required": ["items", "page", "per_page", "total"],
        "properties": {
            "items": {"type": "array", "items": ref("HistoryItem")},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "total": {"type": "integer"},
        },
    },
    "StoredReport": {
        "type": "object",
        "required": ["id", "report"],
        "properties": {"id": _STR, "report": ref("Report")},
    },
    "Health": {
        "type": "object",
        "required": ["status", "version", "schema_version", "storage"],
        "properties": {
            "status": {"type": "string", "const": "ok"},
            "version": _STR,
            "schema_version": _STR,
            "storage": {"type": "string", "enum": ["sqlite", "redis"]},
        },
    },
}

_REASONS = {
    400: "Bad input (malformed JSON, missing or invalid field, invalid URL).",
    401: "Missing or wrong API token.",
    403: "The URL points into a private network or uses a blocked port.",
    404: "Not found.",
    413: "Request body, HTML or batch too large; or the page is larger than the fetch limit.",
    415: "The body is not JSON; or the page is not HTML.",
    422: "The page was fetched but is empty.",
    429: "Rate limit exceeded.",
    502: "The page could not be fetched (unreachable host, HTTP error, too many redirects).",
    503: "The storage is not reachable.",
    504: "The page took too long to fetch.",
}


def _errors(*statuses: int) -> dict[str, Any]:
    return {
        str(s): {
            "description": _REASONS[s],
            "content": {"application/json": {"schema": ref("Error")}},
        }
        for s in statuses
    }


def _ok(schema: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ref(schema)}}}


_FETCH_ERRORS = (400, 401, 403, 413, 415, 422, 429, 502, 504)
_LANG = {
    "name": "lang",
    "in": "query",
    "schema": {"type": "string", "pattern": LANG_PATTERN},
}

PATHS: dict[str, Any] = {
    "/api/v1/check": {
        "post": {
            "operationId": "checkPost",
            "summary": "Check a URL, or HTML the caller already has",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("CheckRequest")}},
            },
            "responses": {"200": _ok("CheckResponse", "The report.")} | _errors(*_FETCH_ERRORS),
        },
        "get": {
            "operationId": "checkGet",
            "summary": "Check a URL (quick form)",
            "parameters": [
                {
                    "name": "url",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string", "minLength": 1, "maxLength": 4096},
                },
                _LANG,
            ],
            "responses": {"200": _ok("CheckResponse", "The report.")} | _errors(*_FETCH_ERRORS),
        },
    },
    "/api/v1/check/batch": {
        "post": {
            "operationId": "checkBatch",
            "summary": "Check up to 20 URLs; each result holds a report or an error",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("BatchRequest")}},
            },
            "responses": {"200": _ok("BatchResponse", "One result per URL, in order.")}
            | _errors(400, 401, 413, 415, 429),
        }
    },
    "/api/v1/history": {
        "get": {
            "operationId": "history",
            "summary": "Recent checks, newest first",
            "description": "The caller's own checks (per API token); an admin token "
            "(FACTCHECK_ADMIN_TOKENS) sees every caller's.",
            "parameters": [
                {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                {
                    "name": "per_page",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                },
            ],
            "responses": {"200": _ok("HistoryResponse", "One page of history.")}
            | _errors(400, 401, 429),
        }
    },
    "/api/v1/reports/{report_id}": {
        "get": {
            "operationId": "getReport",
            "summary": "A stored report (a stable link)",
            "parameters": [{"name": "report_id", "in": "path", "required": True, "schema": _STR}],
            "responses": {"200": _ok("StoredReport", "The report.")} | _errors(401, 404, 429),
        }
    },
    "/api/v1/health": {
        "get": {
            "operationId": "health",
            "summary": "Liveness and storage backend (no token needed)",
            "security": [],
            "responses": {"200": _ok("Health", "Up.")} | _errors(503),
        }
    },
}


def build(
    extra_paths: dict[str, Any] | None = None, extra_schemas: dict[str, Any] | None = None
) -> dict:
    """The whole document; ``extra_*`` come from optional blueprints (jobs)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "factcheck API",
            "version": factcheck.__version__,
            "description": "The WHO's seven steps for judging health information, as a scored "
            "bilingual checklist for a URL or a page's HTML. Every error is JSON "
            '`{"error": {"code", "message"}}`.',
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": copy.deepcopy(PATHS) | copy.deepcopy(extra_paths or {}),
        "components": {
            "schemas": copy.deepcopy(SCHEMAS) | copy.deepcopy(extra_schemas or {}),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
