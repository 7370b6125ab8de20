"""Memory of one analysis process: after 1,000 pages, and at the peak of a 5 MB page.

Each measurement runs in a fresh interpreter (``python -m benchmarks.memory steady N`` or
``... big``), so nothing this process loaded counts. Baselines, in the same child:

* steady: the RSS once the resources are loaded and one page checked (what a warm worker
  holds before real work); then ``check_html`` on the bench pages round-robin, 1,000 pages
  (kept gzip-compressed, decompressed one at a time: the child holds ~6 MB of pages).
  Goal: at most 150 MB after 1,000 pages.
* big: the RSS before the 5 MB page (resources loaded, one bench page checked); the page is
  the bench pages' bodies concatenated until 5 MiB. Goal: peak (VmHWM) at most 250 MB.

The batch's memory (benchmark ``memory`` in ``python -m benchmarks``) is in batch_network.py.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import subprocess
import sys
import time

from .common import PAGES_DIR, Row
from .rss import peak_rss, pss, rss

STEADY_MB = 150
BIG_MB = 250
BIG_BYTES = 5 * 1024 * 1024
_MB = 1024 * 1024
_BODY = re.compile(rb"<body[^>]*>(.*)</body>", re.S | re.I)


def compact_pages() -> list[tuple[str, bytes]]:
    """(url, gzip-compressed HTML) of the bench pages: about 6 MB instead of the 90 MB the
    decoded pages take, so the child measures the analysis, not the benchmark's own data."""
    truth = json.loads((PAGES_DIR / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((PAGES_DIR / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        url = truth.get(page_id, {}).get("url") or f"https://bench.example/{page_id}"
        pages.append((url, path.read_bytes()))
    return pages


def big_page(pages: list[tuple[str, bytes]]) -> bytes:
    """The bench pages' bodies, in order, under the first page's head: 5 MiB of HTML."""
    first = gzip.decompress(pages[0][1])
    head = first.split(b"<body", 1)[0]
    parts, size, n = [head, b"<body>"], len(head), 0
    while size < BIG_BYTES:
        raw = gzip.decompress(pages[n % len(pages)][1])
        match = _BODY.search(raw)
        body = (match.group(1) if match else raw)[: BIG_BYTES - size]
        parts.append(body)
        size += len(body)
        n += 1
    parts.append(b"</body></html>")
    return b"".join(parts)


def _steady(n: int) -> dict[str, float]:
    from factcheck import check_html

    pages = compact_pages()
    check_html(gzip.decompress(pages[0][1]), pages[0][0])
    me = os.getpid()
    out: dict[str, float] = {"loaded": rss(me), "loaded_pss": pss(me)}
    started = time.process_time()
    for i in range(n):
        url, compressed = pages[i % len(pages)]
        check_html(gzip.decompress(compressed), url)
        if i + 1 == len(pages):
            out["first_pass"] = rss(me)
    out |= {"after": rss(me), "after_pss": pss(me), "peak": peak_rss()}
    out["cpu_ms"] = (time.process_time() - started) / n * 1000
    return out


def _big() -> dict[str, float]:
    from factcheck import check_html

    pages = compact_pages()
    html = big_page(pages)
    check_html(gzip.decompress(pages[0][1]), pages[0][0])
    out: dict[str, float] = {"before": rss(os.getpid()), "bytes": len(html)}
    started = time.perf_counter()
    report = check_html(html, "https://bench.example/big")
    out |= {"seconds": time.perf_counter() - started, "peak": peak_rss(), "after": rss(os.getpid())}
    out["score"] = report.score if report.score is not None else -1
    return out


def _child(*args: str) -> dict[str, float]:
    argv = [sys.executable, "-m", "benchmarks.memory", *args]
    done = subprocess.run(argv, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run(n: int = 1000) -> list[Row]:
    steady = _child("steady", str(n))
    big = _child("big")
    return [
        Row(
            name=f"RSS of one analysis process after {n} pages",
            measured=f"{steady['after'] / _MB:.0f} MB",
            baseline=f"{steady['loaded'] / _MB:.0f} MB loaded + 1 page",
            ratio=steady["after"] / steady["loaded"],
            goal=f"<= {STEADY_MB} MB",
            ok=steady["after"] <= STEADY_MB * _MB,
            note=f"after the first 181 pages {steady['first_pass'] / _MB:.0f} MB; PSS "
            f"{steady['after_pss'] / _MB:.0f} MB; peak {steady['peak'] / _MB:.0f} MB; "
            f"check_html round-robin, {steady['cpu_ms']:.1f} ms/page CPU",
        ),
        Row(
            name=f"peak RSS of a {big['bytes'] / _MB:.1f} MB page (check_html)",
            measured=f"{big['peak'] / _MB:.0f} MB",
            baseline=f"{big['before'] / _MB:.0f} MB before it",
            ratio=big["peak"] / big["before"],
            goal=f"<= {BIG_MB} MB",
            ok=big["peak"] <= BIG_MB * _MB,
            note=f"{big['seconds']:.1f} s wall; RSS after {big['after'] / _MB:.0f} MB; "
            "the bench pages' bodies concatenated, as bytes",
        ),
    ]


def main(argv: list[str]) -> int:
    logging.disable(logging.CRITICAL)
    result = _steady(int(argv[1])) if argv[0] == "steady" else _big()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
