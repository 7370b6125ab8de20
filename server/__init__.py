"""factcheck's HTTP API: ``create_app()`` for gunicorn, ``run_dev_server()`` for the CLI.

gunicorn -w 3 -k gthread --threads 16 -t 60 'server:create_app()'   # cores + 1 workers
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from flask import Flask, Response, current_app, render_template, request
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

from factcheck.engine import warm_up
from factcheck.resources import default_resources

from . import api, auth, config, errors, logs, openapi, share_text
from .service import CheckService
from .storage import open_storage

log = logging.getLogger("factcheck.server")

_DOCS_HTML = Path(__file__).with_name("docs.html")
_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"
_DOCS_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
    "connect-src 'self'"
)


def create_app(settings: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults < ``FACTCHECK_*`` environment < ``settings``."""
    app = Flask(__name__)
    app.config.update(config.load(settings))
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    if app.config["PROXY_COUNT"]:
        n = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]

    storage = open_storage(app.config)
    app.extensions["factcheck"] = CheckService(storage, app.config)

    logs.init_app(app)
    errors.register(app)
    auth.init_app(app)
    app.register_blueprint(api.bp)
    _register_pages(app)
    jobs_openapi = _register_jobs(app)
    app.config["OPENAPI"] = openapi.build(*jobs_openapi)
    _init_cors(app)
    _init_limiter(app, storage.kind)
    _warm_engine()
    return app


def _warm_engine() -> None:
    """Load the shipped resources and check one small page while the worker starts, not in
    its first request (which would otherwise take about 0.2 s longer than the next)."""
    try:
        warm_up(default_resources())
    except Exception:  # never keep the server from starting: the first request loads them
        log.exception("warming up the engine failed")


def run_dev_server(host: str, port: int, debug: bool) -> None:
    """``factcheck serve``: Flask's development server (debug turns token checks off)."""
    app = create_app({"DEBUG": debug})
    app.run(host=host, port=port, debug=debug, use_reloader=False, threaded=True)


def _register_pages(app: Flask) -> None:
    @app.get("/openapi.json")
    def openapi_json() -> Response:
        return Response(
            json.dumps(current_app.config["OPENAPI"], ensure_ascii=False),
            mimetype="application/json",
        )

    @app.get("/docs")
    def docs() -> Response:
        response = Response(_DOCS_HTML.read_bytes(), mimetype="text/html")
        response.headers["Content-Security-Policy"] = _DOCS_CSP
        return response

    @app.get("/reports/<report_id>")
    def share_page(report_id: str) -> Response:
        """The stored report as a page for people, in one language (?lang=zh|en)."""
        stored = (
            app.extensions["factcheck"].storage.get(report_id) if len(report_id) <= 64 else None
        )
        report = json.loads(stored.report_json) if stored is not None else {}
        lang = share_text.choose_language(
            request.args.get("lang"),
            request.accept_languages.best_match(share_text.LANGS),
            str(report.get("language", "")),
        )
        words = {"labels": share_text.LABELS[lang], "lang": lang}
        if stored is None:  # expired or never existed: a page, not JSON
            page, status = render_template("share_missing.html", **words), 404
        else:
            confidence = share_text.confidence_level(report.get("confidence"))
            helpers = {**words, **_SHARE_HELPERS, "seen": set(), "confidence": confidence}
            page = render_template("share.html", report=report, id=stored.id, **helpers)
            status = 200
        response = Response(page, status=status, mimetype="text/html")
        response.headers["Content-Security-Policy"] = _PAGE_CSP
        response.headers["Content-Language"] = "zh-CN" if lang == "zh" else "en"
        response.headers["Vary"] = "Accept-Language"
        return response


_SHARE_HELPERS = {
    "rich": share_text.rich,
    "pick": share_text.pick,
    "quotable": share_text.quotable,
    "origin_label": share_text.origin_label,
    "step_links": share_text.step_links,
}


def _register_jobs(app: Flask) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The jobs blueprint (issue 8), when its module exists; returns its OpenAPI additions."""
    if importlib.util.find_spec(f"{__name__}.jobs") is None:
        return None, None
    jobs = importlib.import_module(f"{__name__}.jobs")  # broken jobs.py: fail loudly
    jobs.init_app(app)
    return getattr(jobs, "OPENAPI_PATHS", None), getattr(jobs, "OPENAPI_SCHEMAS", None)


def _init_cors(app: Flask) -> None:
    patterns = config.origin_patterns(app.config["CORS_ORIGINS"])
    if patterns:
        CORS(
            app,
            resources={r"/api/*": {"origins": patterns}},
            allow_headers=["Authorization", "Content-Type"],
            methods=["GET", "POST", "OPTIONS"],
            max_age=600,
        )


def _init_limiter(app: Flask, storage_kind: str) -> None:
    """Flask-Limiter per caller (token hash, else address); Redis storage with Redis."""
    uri = app.config.get("RATELIMIT_STORAGE_URI")
    if not uri:
        uri = app.config["REDIS_URL"] if storage_kind == "redis" else "memory://"
    app.config["RATELIMIT_STORAGE_URI"] = uri
    limiter = Limiter(
        key_func=_rate_key,
        app=app,
        default_limits=[app.config["RATELIMIT_DEFAULT"]],
        storage_uri=uri,
        key_prefix=app.config["REDIS_PREFIX"] + "rl",
    )
    check_limit = app.config["RATELIMIT_CHECK"]
    for endpoint in ("api.check_post", "api.check_get", "api.check_batch"):
        view = app.view_functions[endpoint]
        app.view_functions[endpoint] = cast(Any, limiter.limit(check_limit)(view))
    for endpoint in ("api.health", "openapi_json", "docs"):
        app.view_functions[endpoint] = cast(Any, limiter.exempt(app.view_functions[endpoint]))
    app.extensions["factcheck_limiter"] = limiter


def _rate_key() -> str:
    caller = auth.caller_id()
    return f"token:{caller}" if caller else f"ip:{get_remote_address()}"
