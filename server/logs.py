"""Structured (JSON lines) access logs, without tokens, query strings or bodies.

The query string is left out on purpose: ``GET /api/v1/check?url=...`` would record which
pages people read. Bodies (HTML the extension sends) are never logged. URLs that the engine
puts in its own warnings (``fetching https://host/path?id=... failed``) lose their query
and fragment too (:func:`install_redaction`), message and traceback alike.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, g, request

access_log = logging.getLogger("factcheck.access")

_URL_QUERY = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^\s?#'\"<>]*)[?#][^\s'\"<>]*")


def redact(text: str) -> str:
    """``text`` with the query and fragment of every URL in it removed."""
    return _URL_QUERY.sub(r"\1", text)


def _redacting_factory(make: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    """A log record factory that drops URL queries from every ``factcheck`` record as it is
    made, so every handler (ours, gunicorn's, a host program's) sees the redacted text."""

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        if record.name.startswith("factcheck"):
            record.msg, record.args = redact(record.getMessage()), None
            if record.exc_info:
                record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return record

    factory._factcheck_redacts = True  # type: ignore[attr-defined]
    return factory


def install_redaction() -> None:
    """Install the redacting record factory once per process."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "_factcheck_redacts", False):
        logging.setLogRecordFactory(_redacting_factory(current))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exc"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def init_app(app: Flask) -> None:
    install_redaction()
    if app.config.get("JSON_LOGS"):
        _install_handler("factcheck")

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        g.request_id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex[:16]

    @app.after_request
    def _log(response: Response) -> Response:
        started = g.get("started")
        duration = (time.perf_counter() - started) * 1000 if started else None
        response.headers["X-Request-Id"] = g.get("request_id", "")
        fields = {
            "request_id": g.get("request_id"),
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "ms": round(duration, 1) if duration is not None else None,
            "bytes_in": request.content_length or 0,
            "bytes_out": response.calculate_content_length(),
            "remote": request.remote_addr,
        }
        access_log.info("%s %s %s", request.method, request.path, response.status_code,
                        extra={"fields": fields})  # fmt: skip
        return response


def _install_handler(name: str) -> None:
    """One JSON handler on stderr for the ``factcheck`` loggers, added once per process,
    unless the host program already configured logging (then its handlers get the records)."""
    logger = logging.getLogger(name)
    if logging.getLogger().handlers:
        logger.setLevel(min(logger.level or logging.INFO, logging.INFO))
        return
    if any(getattr(h, "_factcheck_json", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler._factcheck_json = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
