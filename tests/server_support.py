"""Helpers for the server tests: a real HTTP server on 127.0.0.1 and a DNS guard.

The guard makes name resolution and connections to anything but loopback fail inside the
test process, so a test that goes wrong can never send traffic off the machine (or ask
the resolver about random host names schemathesis invents).
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests
from werkzeug.serving import make_server

from server import create_app

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


class LiveServer:
    """``create_app(settings)`` served by werkzeug's threaded server on a free loopback port."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.app = create_app(settings)
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._thread.join(5)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("headers", AUTH)
        kwargs.setdefault("timeout", 60)
        return requests.get(self.url + path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("headers", AUTH)
        kwargs.setdefault("timeout", 60)
        return requests.post(self.url + path, **kwargs)


def settings(tmp_path: Path, **extra: Any) -> dict[str, Any]:
    """Test settings: a fresh SQLite file, one token, no rate limits, JSON logs off."""
    base: dict[str, Any] = {
        "DB_PATH": str(tmp_path / "factcheck.sqlite3"),
        "API_TOKENS": [TOKEN],
        "AUTH_REQUIRED": True,
        "RATELIMIT_ENABLED": False,
        "JSON_LOGS": False,
        "FETCH_TIMEOUT": (3.0, 3.0),
    }
    base.update(extra)
    return base


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.strip("[]").split("%")[0]).is_loopback
    except ValueError:
        return False


def guard_network(monkeypatch: Any) -> None:
    """Resolve only loopback literals and local names, and only to loopback addresses."""
    real = socket.getaddrinfo
    local_names = {"localhost", socket.gethostname()}

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name is None or _is_loopback(str(name)):
            return real(host, *args, **kwargs)
        if name in local_names:
            answers = [a for a in real(host, *args, **kwargs) if _is_loopback(str(a[4][0]))]
            if answers:
                return answers
        raise socket.gaierror(socket.EAI_NONAME, f"test network guard: {host!r} refused")

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_binary() -> str | None:
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )


@contextmanager
def redis_server(binary: str) -> Iterator[str]:
    """A throw-away redis-server on a free loopback port, no persistence; yields its URL."""
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)
