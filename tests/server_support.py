"""Helpers for the server tests: a real HTTP server on 127.0.0.1 and a DNS guard.

The guard makes name resolution and connections to anything but loopback fail inside the
test process, so a test that goes wrong can never send traffic off the machine (or ask
the resolver about random host names schemathesis invents).
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import subprocess
import sys
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


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


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


class SocketGuard:
    """Counts every outgoing TCP connect in this process; only ``allowed`` targets connect.

    ``allowed`` maps a (host, port) the code under test may reach to the loopback address
    that stands in for it (a "hosts file" for public test addresses). Any other connect is
    recorded in :attr:`refused` and fails with ``ConnectionRefusedError`` without touching
    the network, so a policy hole shows up as a count, never as traffic.
    """

    def __init__(self, monkeypatch: Any, allowed: dict[tuple[str, int], tuple[str, int]]) -> None:
        self.allowed = allowed
        self.refused: list[tuple[str, int]] = []
        self.connected: list[tuple[str, int]] = []
        real_connect = socket.socket.connect

        def connect(sock: socket.socket, address: Any) -> None:
            target = (str(address[0]), int(address[1]))
            if target in self.allowed:
                self.connected.append(target)
                return real_connect(sock, self.allowed[target])
            self.refused.append(target)
            raise ConnectionRefusedError(f"socket guard: connect to {target} refused")

        def connect_ex(sock: socket.socket, address: Any) -> int:
            try:
                connect(sock, address)
            except ConnectionRefusedError:
                return 111
            return 0

        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


def resolver_stub(monkeypatch: Any, answers: dict[str, list[str]]) -> None:
    """``socket.getaddrinfo`` answering ``answers[name]`` for the listed names (any other name
    goes to the loopback-only :func:`guard_network`, which must be installed first)."""
    fallback = socket.getaddrinfo

    def stub(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        literal = _is_ip(str(name))
        if name in answers or literal:
            result = []
            for address in answers.get(name, [str(name)]):  # a literal needs no DNS
                if ":" in address:
                    entry = (address, int(port or 0), 0, 0)
                    result.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", entry))
                else:
                    entry4 = (address, int(port or 0))
                    result.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", entry4))
            return result
        return fallback(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", stub)


class RawServer:
    """A bare TCP server on 127.0.0.1 whose ``handler(conn, request_head)`` writes whatever
    bytes it likes (malformed headers, a drip, nothing at all); one thread per connection."""

    def __init__(self, handler: Any) -> None:
        self.handler = handler
        self.stop = threading.Event()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.port = int(self._sock.getsockname()[1])
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self._thread.join(5)
        self._sock.close()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            head = b""
            conn.settimeout(5)
            try:
                while b"\r\n\r\n" not in head and len(head) < 65536:
                    data = conn.recv(4096)
                    if not data:
                        return
                    head += data
                self.handler(conn, head.decode("latin-1"))
            except OSError:
                pass  # the client gave up (that is often the point)


class Gunicorn:
    """The documented production server: gunicorn -w 2 -k gthread --threads 16 on the app,
    with ``settings`` passed to ``create_app`` and ``env`` added to the environment."""

    def __init__(self, tmp: Path, settings: dict[str, Any], env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / "gunicorn.log"
        self._cmd = [
            str(Path(sys.executable).with_name("gunicorn")),
            "-b", f"127.0.0.1:{self.port}",
            "-w", "2", "-k", "gthread", "--threads", "16", "-t", "60",
            f"server:create_app({settings!r})",
        ]  # fmt: skip
        self._env = {
            **os.environ,
            "FACTCHECK_API_TOKENS": TOKEN,
            "FACTCHECK_DB": str(tmp / "gunicorn.sqlite3"),
            "FACTCHECK_RATE_LIMITS": "off",
            **env,
        }
        self._env.pop("FACTCHECK_REDIS_URL", None)
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Gunicorn:
        log = self.log_path.open("wb")
        root = Path(__file__).resolve().parent.parent
        self.proc = subprocess.Popen(self._cmd, cwd=root, env=self._env, stdout=log, stderr=log)
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/api/v1/health", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not start: " + self.log_path.read_text()[-2000:])

    def __exit__(self, *_: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(20)
