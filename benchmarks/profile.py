"""Where ``check_html`` spends its time over the bench pages, by module and by function.

python -m benchmarks.profile [--top 20]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
from collections import defaultdict

from .common import bench_pages

_ROOTS = re.compile(r".*?/(?:site-packages|lib/python3\.\d+|main)/")


def module_of(filename: str) -> str:
    """``.../site-packages/trafilatura/core.py`` -> ``trafilatura.core``."""
    path = _ROOTS.sub("", filename.replace("\\", "/"), count=1)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--top", type=int, default=20)
    profile(parser.parse_args().top)


if __name__ == "__main__":
    main()
