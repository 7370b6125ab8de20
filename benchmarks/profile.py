"""Where ``check_html`` spends its time over the bench pages, by module and by function.

python -m benchmarks.profile [--top 20]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import time
from collections import defaultdict
from collections.abc import Callable

from .common import bench_pages

_ROOTS = (
    re.compile(r".*/site-packages/"),
    re.compile(r".*/lib/python3\.\d+/"),
    re.compile(r".*/(?=(?:factcheck|server|benchmarks)/)"),
)


def module_of(filename: str) -> str:
    """``.../site-packages/trafilatura/core.py`` -> ``trafilatura.core``."""
    path = filename.replace("\\", "/")
    for root in _ROOTS:
        if root.match(path):
            path = root.sub("", path, count=1)
            break
    if path.startswith(("~", "<")):
        return path
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def profile(top: int = 20) -> None:
    from factcheck import check_html

    pages = bench_pages()
    for page in pages[:5]:  # warm caches and lazy loads outside the profile
        check_html(page.html, page.url)
    profiler = cProfile.Profile()
    profiler.enable()
    for page in pages:
        check_html(page.html, page.url)
    profiler.disable()
    stats = pstats.Stats(profiler)
    by_module: dict[str, float] = defaultdict(float)
    total = 0.0
    for (filename, _, _), (_, _, tottime, _, callers) in stats.stats.items():  # type: ignore[attr-defined]
        total += tottime
        if filename == "~":  # C functions (lxml, re, str methods): charge them to their callers
            for (caller_file, _, _), (_, _, caller_tt, _) in callers.items():
                by_module[module_of(caller_file) + " (C calls)"] += caller_tt
        else:
            by_module[module_of(filename)] += tottime
    print(
        f"check_html over {len(pages)} pages: {total:.2f} s profiled "
        f"({total / len(pages) * 1000:.1f} ms/page)"
    )
    print(f"\n{'own time by module':<50} {'s':>7} {'share':>6}")
    for name, seconds in sorted(by_module.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{name[:50]:<50} {seconds:7.2f} {seconds / total:6.1%}")
    print("\nfactcheck functions by cumulative time:")
    stats.sort_stats("cumulative")
    rows = [
        (func, cum)
        for func, (_, _, _, cum, _) in stats.stats.items()  # type: ignore[attr-defined]
        if "/factcheck/" in func[0]
    ]
    for (filename, line, name), cum in sorted(rows, key=lambda r: -r[1])[:top]:
        print(f"  {cum:7.2f} s  {module_of(filename)}:{line} {name}")


def steps() -> None:
    """CPU ms/page of each stage and each check, the shared Page views computed first."""
    from datetime import UTC, datetime

    import trafilatura

    from factcheck.engine import run_check
    from factcheck.page.model import Page
    from factcheck.resources import default_resources
    from factcheck.steps import ALL_CHECKS, CheckContext

    pages = bench_pages()
    ctx = CheckContext(now=datetime.now(UTC), resources=default_resources())
    spent: dict[str, float] = defaultdict(float)

    def timed(name: str, func: Callable[[], object]) -> object:
        started = time.process_time()
        value = func()
        spent[name] += time.process_time() - started
        return value

    for page in pages[:10]:  # warm-up
        warm = Page.from_html(page.html, page.url)
        for check in ALL_CHECKS:
            run_check(check, warm, ctx)
    for page in pages:
        timed("baseline: bare_extraction(html)", lambda p=page: trafilatura.bare_extraction(
            p.html, url=p.url, with_metadata=True))  # fmt: skip
        shared = timed("page: parse", lambda p=page: Page.from_html(p.html, p.url))
        assert isinstance(shared, Page)
        for view in ("extraction", "jsonld", "links", "language"):
            timed(f"page: {view}", lambda v=view, s=shared: getattr(s, v))
        for check in ALL_CHECKS:
            timed(f"check: {check.id}", lambda c=check, s=shared: run_check(c, s, ctx))
    print(f"\nCPU ms/page over {len(pages)} pages (shared views first, then each check):")
    ours = sum(v for k, v in spent.items() if not k.startswith("baseline"))
    for name, seconds in spent.items():
        print(f"  {name:<34} {seconds / len(pages) * 1000:7.2f}")
    print(f"  {'total check_html':<34} {ours / len(pages) * 1000:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--top", type=int, default=20)
    top = parser.parse_args().top
    steps()
    profile(top)


if __name__ == "__main__":
    main()
