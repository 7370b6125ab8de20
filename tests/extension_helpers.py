"""Helpers for the extension tests: loopback servers in threads and Chromium with the extension.

Kept out of the test module so the tests read as what they check.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, request
from werkzeug.serving import make_server

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
MEMBER_COOKIE = ("session", "member-7f3a")
SLOW_SECONDS = 1.5
CHROMIUM_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--no-sandbox",
)


@dataclass(frozen=True)
class Running:
    """A WSGI app served on a loopback address by a background thread."""

    url: str
    port: int


@contextmanager
def serve(app: Any, host: str = "127.0.0.1") -> Iterator[Running]:
    """Serve ``app`` on ``host`` (a free port) until the block ends."""
    server = make_server(host, 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Running(url=f"http://{host}:{server.server_port}", port=server.server_port)
    finally:
        server.shutdown()
        thread.join(timeout=5)


def fixture_page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def page_site() -> Flask:
    """The "web" the browser visits: fixture pages and a members-only article.

    ``/members/briefing`` shows the article only with the member cookie (which the browser
    has and the factcheck server does not): the login wall the extension must see through.
    """
    site = Flask("extension_pages")

    @site.get("/p/<name>")
    def page(name: str) -> Response:
        if not (name.startswith("extension_") and name.endswith(".html")):
            abort(404)
        path = FIXTURES / name
        if not path.is_file():
            abort(404)
        return Response(path.read_bytes(), mimetype="text/html")

    @site.get("/slow/<name>")
    def slow(name: str) -> Response:
        time.sleep(SLOW_SECONDS)  # long enough to see the extension's loading state
        return page(name)

    @site.get("/members/briefing")
    def members() -> Response:
        name, value = MEMBER_COOKIE
        signed_in = request.cookies.get(name) == value
        body = fixture_page(
            "extension_members_article.html" if signed_in else "extension_login.html"
        )
        return Response(body, mimetype="text/html")

    return site


@dataclass
class Extension:
    """A Chromium profile with the extension loaded, and handles to drive it."""

    context: Any  # playwright BrowserContext
    worker: Any  # the extension's service worker
    id: str

    def page_url(self, path: str) -> str:
        return f"chrome-extension://{self.id}/{path}"

    def call(self, expression: str, arg: Any = None) -> Any:
        """Evaluate JavaScript in the service worker (``chrome.*`` and ``factcheckBackground``)."""
        return self.worker.evaluate(expression, arg)

    def set_options(self, **options: Any) -> None:
        self.call("(o) => chrome.storage.local.set(o)", options)

    def open_tab(self, url: str) -> tuple[Any, int]:
        """Open ``url`` in a new tab through the extension API; returns (page, tab id)."""
        with self.context.expect_page() as info:
            tab_id = self.call("async (url) => (await chrome.tabs.create({url})).id", url)
        page = info.value
        page.wait_for_load_state("load")
        return page, tab_id


def launch(playwright: Any, extension_dir: Path, profile: Path, *extra: str) -> Extension:
    """Start headless Chromium with only our extension loaded and wait for its worker."""
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        headless=True,
        executable_path=str(CHROMIUM),
        args=[
            f"--disable-extensions-except={extension_dir}",
            f"--load-extension={extension_dir}",
            *CHROMIUM_ARGS,
            *extra,
        ],
        viewport={"width": 460, "height": 720},
    )
    workers = context.service_workers
    worker = workers[0] if workers else context.wait_for_event("serviceworker", timeout=15000)
    extension_id = worker.url.split("/")[2]
    return Extension(context=context, worker=worker, id=extension_id)
