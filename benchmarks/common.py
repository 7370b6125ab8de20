"""What the benchmarks share: the bench pages, the result row and the table."""

from __future__ import annotations

import gzip
import json
import os
import platform
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: 181 real article pages (Zyte article-extraction benchmark); see its SOURCE.txt.
PAGES_DIR = Path(
    os.environ.get("FACTCHECK_BENCH_PAGES")
    or Path(__file__).resolve().parents[2] / "shared" / "data" / "pages-bench"
)
#: 68 real health and news pages (zh and en) with their truth; see its SOURCE.txt.
REAL_DIR = Path(
    os.environ.get("FACTCHECK_REAL_PAGES")
    or Path(__file__).resolve().parents[2] / "shared" / "data" / "pages-real"
)


@dataclass(frozen=True)
class BenchPage:
    id: str
    url: str
    html: str
    raw: bytes  # the page as served (decompressed bytes)


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    name: str
    measured: str
    baseline: str
    ratio: float | None
    goal: str
    ok: bool | None
    note: str = ""


@cache
def bench_pages() -> tuple[BenchPage, ...]:
    """The bench pages, decoded once the way factcheck decodes bytes (not timed)."""
    from factcheck.page.model import decode_html

    truth = json.loads((PAGES_DIR / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((PAGES_DIR / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        raw = gzip.decompress(path.read_bytes())
        url = truth.get(page_id, {}).get("url") or f"https://bench.example/{page_id}"
        pages.append(BenchPage(page_id, url, decode_html(raw), raw))
    if not pages:
        raise SystemExit(f"no bench pages under {PAGES_DIR} (set FACTCHECK_BENCH_PAGES)")
    return tuple(pages)


@cache
def real_pages() -> tuple[BenchPage, ...]:
    """The pages of ``shared/data/pages-real`` (none when the folder is missing)."""
    from factcheck.page.model import decode_html

    truth = REAL_DIR / "truth.json"
    if not truth.exists():
        return ()
    pages = []
    for entry in json.loads(truth.read_text(encoding="utf-8")):
        raw = gzip.decompress((REAL_DIR / entry["file"]).read_bytes())
        page_id = "real/" + Path(entry["file"]).name.removesuffix(".html.gz")
        url = entry.get("url") or f"https://real.example/{page_id}"
        pages.append(BenchPage(page_id, url, decode_html(raw), raw))
    return tuple(pages)


def load() -> str:
    """The load average now (1, 5, 15 minutes): other work on the machine slows every number."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def machine() -> str:
    """One line describing where the numbers were measured."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    python = f"Python {platform.python_version()}, {platform.system()}"
    where = f"{cpu}, {cores} cores usable, {python}"
    return f"{where}; load average {load()} (other work slows every number)"


def table(rows: list[Row]) -> str:
    head = ("benchmark", "measured", "baseline", "ratio", "goal", "ok", "note")
    cells = [
        (
            r.name,
            r.measured,
            r.baseline,
            "" if r.ratio is None else f"{r.ratio:.2f}x",
            r.goal,
            "" if r.ok is None else ("yes" if r.ok else "NO"),
            r.note,
        )
        for r in rows
    ]
    widths = [max(len(str(c[i])) for c in [head, *cells]) for i in range(len(head))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [line.format(*head), line.format(*("-" * w for w in widths))]
    out += [line.format(*c) for c in cells]
    return "\n".join(out)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
