"""HTTP API under gunicorn on loopback: cached throughput and p99 (wrk), uncached throughput
against a local page server, and worker memory after N distinct pages.

    .venv/bin/python -m benchmarks.server_throughput [--seconds 10] [--pages 1000] [--workers 2]

Pages: the 181 real article pages of shared/data/pages-bench (Zyte benchmark, see its
SOURCE.txt), served from 127.0.0.1 under N distinct paths so every check is a cache miss.
Baseline for the cached rows: GET /api/v1/health (no storage, no report) in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PAGES = Path(
    os.environ.get("FACTCHECK_BENCH_PAGES") or ROOT.parent / "shared" / "data" / "pages-bench"
)
TOKEN = "bench-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def load_pages() -> list[bytes]:
    pages = [gzip.decompress(p.read_bytes()) for p in sorted((PAGES / "html").glob("*.html.gz"))]
    if not pages:
        raise SystemExit(f"no pages under {PAGES}")
    return pages


def page_server(pages: list[bytes]) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serves /p/<n> as page n % len(pages), as text/html."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            match = re.fullmatch(r"/p/(\d+)", self.path)
            if not match:
                self.send_error(404)
                return
            body = pages[int(match.group(1)) % len(pages)]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


class Gunicorn:
    """gunicorn 'server:create_app(...)' on a free loopback port, JSON access log to a file."""

    def __init__(self, workers: int, threads: int, tmp: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings = '{"ALLOW_LOOPBACK_FETCH": True, "RATELIMIT_ENABLED": False}'
        env = os.environ | {
            "FACTCHECK_API_TOKENS": TOKEN,
            "FACTCHECK_DB": str(tmp / "bench.sqlite3"),
        }
        env.pop("FACTCHECK_REDIS_URL", None)
        cmd = [
            str(Path(sys.executable).with_name("gunicorn")),
            "-b", f"127.0.0.1:{self.port}",
            "-w", str(workers),
            "-k", "gthread", "--threads", str(threads),
            "-t", "60",
            f"server:create_app({settings})",
        ]  # fmt: skip
        self.log = open(tmp / "gunicorn.log", "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/api/v1/health", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        self.stop()
        raise SystemExit("gunicorn did not start; see its log")

    def _workers(self) -> list[tuple[Path, list[str]]]:
        """(/proc entry, stat fields after the command name) of each worker process."""
        out = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.proc.pid:
                    out.append((entry, fields))
            except (OSError, ValueError, IndexError):
                continue
        return out

    def worker_cpu_seconds(self) -> float:
        """User + system CPU time of the workers so far (their threads included)."""
        ticks = sum(int(fields[11]) + int(fields[12]) for _, fields in self._workers())
        return ticks / os.sysconf("SC_CLK_TCK")

    def worker_rss_mb(self) -> list[float]:
        out = []
        for entry, _ in self._workers():
            try:
                pages = int((entry / "statm").read_text().split()[1])
            except (OSError, ValueError, IndexError):
                continue
            out.append(pages * os.sysconf("SC_PAGE_SIZE") / 1e6)
        return sorted(out)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def wrk(url: str, seconds: int, connections: int, threads: int = 2) -> tuple[float, float, float]:
    """Requests/s, p50 ms, p99 ms."""
    auth = f"Authorization: Bearer {TOKEN}"
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", auth]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"wrk saw errors:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return rps, _percentile(out, "50%"), _percentile(out, "99%")


def _percentile(out: str, label: str) -> float:
    value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def uncached(api: str, pages: str, count: int, concurrency: int) -> tuple[float, list[float], int]:
    """Check ``count`` distinct URLs; returns pages/s, latencies (ms) and failures."""

    def one(n: int) -> tuple[float, bool]:
        started = time.perf_counter()
        response = requests.post(
            api + "/api/v1/check", json={"url": f"{pages}/p/{n}"}, headers=AUTH, timeout=120
        )
        ok = response.status_code == 200 and response.json()["cached"] is False
        if not ok:
            print(f"page {n}: HTTP {response.status_code} {response.text[:200]}", file=sys.stderr)
        return (time.perf_counter() - started) * 1000, ok

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(one, range(1, count + 1)))  # page 0 is the warm one
    elapsed = time.perf_counter() - started
    return count / elapsed, [ms for ms, _ in results], sum(not ok for _, ok in results)


GOAL = "goal: >= 1,000 req/s, p99 <= 25 ms"


def wrk_row(name: str, result: tuple[float, float, float]) -> tuple[str, str, str]:
    rps, p50, p99 = result
    return name, f"{rps:,.0f} req/s", f"p50 {p50:.1f} ms, p99 {p99:.1f} ms"


def megabytes(values: list[float]) -> str:
    return " / ".join(f"{mb:.0f} MB" for mb in values)


def load() -> str:
    """The 1-minute load average: the machine may be shared with other work."""
    return f"{os.getloadavg()[0]:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--pages", type=int, default=1000, help="distinct uncached pages")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="gthread threads per worker")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    load_at_start = load()
    bench_pages = load_pages()
    pages_server, pages_url = page_server(bench_pages)
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        api = Gunicorn(args.workers, args.threads, Path(tmp))
        try:
            first = requests.post(
                api.url + "/api/v1/check",
                json={"url": f"{pages_url}/p/0"},
                headers=AUTH,
                timeout=60,
            ).json()
            cached_url = f"{api.url}/api/v1/check?url={pages_url}/p/0"
            report_url = f"{api.url}/api/v1/reports/{first['id']}"
            base = wrk(api.url + "/api/v1/health", args.seconds, args.connections)
            hit = wrk(cached_url, args.seconds, args.connections)
            stored = wrk(report_url, args.seconds, args.connections)
            rows += [
                wrk_row("GET /health (baseline)", base),
                wrk_row("GET /check cached hit", hit),
                wrk_row("GET /reports/<id>", stored),
                ("cached vs baseline", f"{hit[0] / base[0]:.2f}x", GOAL),
            ]
            rss_before = api.worker_rss_mb()
            rate, latencies, failed = uncached(api.url, pages_url, args.pages, 2 * args.workers)
            rss_after = api.worker_rss_mb()
            q = statistics.quantiles(latencies, n=100)
            latency = f"p50 {q[49]:.0f} ms, p99 {q[98]:.0f} ms, failed {failed}"
            rows += [
                (f"POST /check uncached x{args.pages}", f"{rate:.1f} pages/s", latency),
                ("worker RSS before", megabytes(rss_before), ""),
                (f"worker RSS after {args.pages} pages", megabytes(rss_after), ""),
            ]
        finally:
            api.stop()
            pages_server.shutdown()
    print(
        f"gunicorn -w {args.workers} -k gthread --threads {args.threads}; wrk -t2 "
        f"-c{args.connections} -d{args.seconds}s; {os.cpu_count()} CPUs, "
        f"load average {load_at_start} at start, {load()} at end (shared machine)"
    )
    width = max(len(name) for name, _, _ in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>18}  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
