"""The jobs endpoints' part of the OpenAPI description (merged by :mod:`server.openapi`)."""

from __future__ import annotations

from typing import Any

from .openapi import LANG_PATTERN

# -- OpenAPI ---------------------------------------------------------------------------------

_ERROR = {"$ref": "#/components/schemas/Error"}
_JOB = {
    "type": "object",
    "required": ["id", "status", "mode", "total", "done", "failed", "status_url", "results_url"],
    "properties": {
        "id": {"type": "string"},
        "status": {"type": "string", "enum": ["queued", "running", "done"]},
        "mode": {"type": "string", "enum": ["celery", "in_process"]},
        "total": {"type": "integer", "minimum": 0, "description": "distinct URLs in the job"},
        "done": {"type": "integer", "minimum": 0, "description": "URLs finished, failed included"},
        "failed": {"type": "integer", "minimum": 0, "description": "URLs that ended in an error"},
        "status_url": {"type": "string"},
        "results_url": {"type": "string"},
    },
}
_ITEM = {
    "type": "object",
    "required": ["url"],
    "description": "One URL's outcome: a stored report (id, report) or an error.",
    "properties": {
        "url": {"type": "string"},
        "id": {"type": ["string", "null"], "description": "stored report id (GET /reports/{id})"},
        "cached": {"type": "boolean"},
        "report": {"$ref": "#/components/schemas/Report"},
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        },
    },
}
_LANG = {
    "type": ["string", "null"],
    "pattern": LANG_PATTERN,
    "description": "Language hint: auto (default), en or zh, subtags allowed (zh-CN).",
}
_JOB_ID = {"name": "job_id", "in": "path", "required": True, "schema": {"type": "string"}}


def _errors(*statuses: int) -> dict[str, Any]:
    return {
        str(s): {"description": "error", "content": {"application/json": {"schema": _ERROR}}}
        for s in statuses
    }


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


OPENAPI_PATHS: dict[str, Any] = {
    "/api/v1/jobs": {
        "post": {
            "summary": "Submit a batch of URLs as a job",
            "description": "Runs on Celery workers when Redis is configured; otherwise small "
            "jobs run inside the server process.",
            "operationId": "createJob",
            "tags": ["jobs"],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["urls"],
                            "properties": {
                                "urls": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {"type": "string"},
                                },
                                "lang": _LANG,
                            },
                        }
                    }
                },
            },
            "responses": {
                "202": _json("job accepted", {"$ref": "#/components/schemas/Job"}),
                **_errors(400, 401, 413, 415, 429, 503),
            },
        }
    },
    "/api/v1/jobs/{job_id}": {
        "get": {
            "summary": "A job's progress",
            "operationId": "getJob",
            "tags": ["jobs"],
            "parameters": [_JOB_ID],
            "responses": {
                "200": _json("job progress", {"$ref": "#/components/schemas/Job"}),
                **_errors(401, 404),
            },
        }
    },
    "/api/v1/jobs/{job_id}/results": {
        "get": {
            "summary": "A job's results so far, in the order they finished",
            "operationId": "getJobResults",
            "tags": ["jobs"],
            "parameters": [
                _JOB_ID,
                {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}},
            ],
            "responses": {
                "200": _json("a page of results", {"$ref": "#/components/schemas/JobResults"}),
                **_errors(400, 401, 404),
            },
        }
    },
}

OPENAPI_SCHEMAS: dict[str, Any] = {
    "Job": _JOB,
    "JobItem": _ITEM,
    "JobResults": {
        "allOf": [
            {"$ref": "#/components/schemas/Job"},
            {
                "type": "object",
                "required": ["offset", "limit", "next_offset", "items"],
                "properties": {
                    "offset": {"type": "integer"},
                    "limit": {"type": "integer"},
                    "next_offset": {
                        "type": ["integer", "null"],
                        "description": "offset of the next page; null once every result is read",
                    },
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/JobItem"}},
                },
            },
        ]
    },
}
