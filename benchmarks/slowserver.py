"""A local page server that waits ``latency`` seconds before each answer (benchmark 2 and 4).

``python -m benchmarks.slowserver PORT LATENCY`` serves ``/p/<n>`` as bench page
``n mod 181``, so a batch of 1,000 URLs cycles through the real pages. It runs in its own
process, so its work does not share the benchmark's interpreter lock.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve(port: int, latency: float) -> None:
    from .common import bench_pages

    bodies = [page.raw for page in bench_pages()]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            try:
                n = int(self.path.rsplit("/", 1)[1])
            except ValueError:
                self.send_error(404)
                return
            time.sleep(latency)
            body = bodies[n % len(bodies)]
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 512
    with ThreadingHTTPServer(("127.0.0.1", port), Handler) as server:
        print("ready", flush=True)
        server.serve_forever()


@contextmanager
def slow_server(latency: float) -> Iterator[str]:
    """Start the server in a subprocess; yields its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.slowserver", str(port), str(latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            raise RuntimeError("the page server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    serve(int(sys.argv[1]), float(sys.argv[2]))
