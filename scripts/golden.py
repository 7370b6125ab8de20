"""Golden reports: every page we have, checked with a fixed clock, written or compared.

A refactoring that promises "output unchanged" proves it with this script:

    python scripts/golden.py write /tmp/golden-before   # before the change
    python scripts/golden.py compare /tmp/golden-before # after: lists every page that differs

Pages: the test fixtures, the bundled example, ``../shared/data/pages-real`` and
``../shared/data/pages-bench``. The reports are written as canonical JSON (sorted keys), one
file per page, so ``diff -r`` shows exactly what moved.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import factcheck

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
NOW = datetime(2026, 11, 30, tzinfo=UTC)


def pages() -> Iterator[tuple[str, bytes, str]]:
    """(name, raw bytes, url) for every page in the golden set."""
    for path in sorted(
        [*(ROOT / "tests" / "fixtures").glob("*.html"), *(ROOT / "examples").glob("*.html")]
    ):
        yield f"local-{path.stem}", path.read_bytes(), f"https://example.org/{path.stem}"
    truth = json.loads((SHARED / "pages-real" / "truth.json").read_text("utf-8"))
    for row in truth:
        raw = gzip.decompress((SHARED / "pages-real" / row["file"]).read_bytes())
        yield f"real-{Path(row['file']).name.removesuffix('.html.gz')}", raw, row["url"]
    for path in sorted((SHARED / "pages-bench" / "html").glob("*.html.gz")):
        name = path.name.removesuffix(".html.gz")
        yield (
            f"bench-{name[:16]}",
            gzip.decompress(path.read_bytes()),
            f"https://bench.example/{name[:16]}",
        )


def report_json(raw: bytes, url: str) -> str:
    report = factcheck.check_html(raw, url=url, now=NOW)
    return json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True, indent=1)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("write", "compare"):
        print(__doc__)
        return 2
    folder = Path(argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    differ = total = 0
    for name, raw, url in pages():
        total += 1
        text = report_json(raw, url)
        target = folder / f"{name}.json"
        if argv[1] == "write":
            target.write_text(text, "utf-8")
        elif not target.exists() or target.read_text("utf-8") != text:
            differ += 1
            print(f"differs: {name}")
            (folder / f"{name}.new.json").write_text(text, "utf-8")
    print(f"{total} pages, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
