"""Page reading on real pages: headline, account, authors, editors, date, ClaimReview.

Data: ``shared/data/pages-real`` (68 real saved pages nobody on this project wrote, with
hand-written truth; see its README). Each page goes through the whole engine
(``factcheck.check_html`` with the truth URL) and the report is compared field by field:

- headline: equal after NFKC, case folding and removing white space;
- account: platform pages only (WeChat, Zhihu, Toutiao, Weibo): the source step's account;
- authors: the exact set of people the author step names as authors (contributors of kind
  "person": an organisation or placeholder byline is not an author, as in the truth);
- editors: the exact set of editors; both compared after NFKC, white space removed;
- published: ``YYYY-MM-DD`` equal (``null`` truth wants no date);
- ClaimReview: present or not, and the rating text when present.

``python -m evaluation.pagesreal`` prints the per-field and per-kind table and every miss;
``python -m evaluation pagesreal`` adds the rows to the common table.
"""

from __future__ import annotations

import json
import logging
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import factcheck

from .common import Row, read_gz, shared_dir

FIELDS = ("headline", "account", "authors", "editors", "published", "claimreview")
PLATFORMS = ("wechat", "zhihu", "toutiao", "weibo", "baijiahao", "douyin", "xiaohongshu")
DATA = "pages-real (68 real pages)"


@dataclass(frozen=True)
class Outcome:
    """One page, one field: what the truth says and what the engine said."""

    file: str
    kind: str
    field: str
    truth: Any
    got: Any

    @property
    def right(self) -> bool:
        return bool(_norm(self.truth) == _norm(self.got))


def _norm(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        return frozenset(_norm(v) for v in value if _norm(v))
    if isinstance(value, dict):
        return tuple(sorted((k, _norm(v)) for k, v in value.items()))
    if isinstance(value, str):
        return "".join(unicodedata.normalize("NFKC", value).casefold().split())
    return value


def kind_of(truth: dict[str, Any]) -> str:
    return str(truth["platform"] or ("zh-other" if truth["lang"] == "zh" else "en"))


def truth_pages(shared: Path) -> Iterator[tuple[dict[str, Any], bytes]]:
    root = shared / "data/pages-real"
    for truth in json.loads((root / "truth.json").read_text("utf-8")):
        yield truth, read_gz(root / truth["file"])


def read_report(report: factcheck.Report) -> dict[str, Any]:
    """The compared fields as the report gives them."""
    steps = {s["id"]: s.get("data") or {} for s in report.to_dict()["steps"]}
    source, author, date = steps.get("source", {}), steps.get("author", {}), steps.get("date", {})
    reviews = steps.get("factcheckers", {}).get("claim_reviews") or []
    return {
        "headline": steps.get("headline", {}).get("headline") or None,
        "account": source.get("account") or None,
        "authors": [  # people only: an organisation byline is not an author (truth rule)
            c["name"]
            for c in author.get("contributors") or []
            if c.get("role") == "author" and c.get("kind") == "person"
        ],
        "editors": author.get("editors") or [],
        "published": date.get("published"),
        "claimreview": {
            "present": bool(reviews),
            "rating": (reviews[0].get("rating_text") or None) if reviews else None,
        },
    }


def outcomes(shared: Path, crashed: list[str] | None = None) -> list[Outcome]:
    """Every (page, field) outcome; pages whose check raised go to ``crashed`` and count as
    misses on every field."""
    found: list[Outcome] = []
    for truth, html in truth_pages(shared):
        try:
            got = read_report(factcheck.check_html(html, truth["url"]))
        except Exception as exc:  # a crash is a miss on every field, not a failed run
            if crashed is not None:
                crashed.append(f"{truth['file']}: {exc!r}")
            got = {"crash": True}
        kind = kind_of(truth)
        for name in FIELDS:
            if name == "account" and kind not in PLATFORMS:
                continue
            found.append(Outcome(truth["file"], kind, name, truth.get(name), got.get(name)))
    return found


def tally(found: list[Outcome]) -> dict[tuple[str, str], tuple[int, int]]:
    """(field, kind or "all") -> (right, n)."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for item in found:
        for key in ((item.field, "all"), (item.field, item.kind)):
            counts[key][0] += item.right
            counts[key][1] += 1
    return {key: (right, n) for key, (right, n) in counts.items()}


def run(shared: Path) -> list[Row]:
    logging.disable(logging.WARNING)
    counts = tally(outcomes(shared))
    rows = []
    for (name, kind), (right, n) in sorted(counts.items()):
        if kind == "all" or name != "claimreview":
            label = "platform pages" if name == "account" and kind == "all" else kind
            rows.append(Row("page-reading", f"{name} accuracy ({label})", right / n, n, DATA))
    return rows


def main() -> int:
    logging.disable(logging.WARNING)
    crashed: list[str] = []
    found = outcomes(shared_dir(), crashed)
    counts = tally(found)
    kinds = sorted({k for _, k in counts if k != "all"})
    print("| field | all | " + " | ".join(kinds) + " |")
    print("|---" * (len(kinds) + 2) + "|")
    for name in FIELDS:
        cells = [_cell(counts.get((name, k))) for k in ("all", *kinds)]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"\ncrashes: {len(crashed)}")
    for line in crashed:
        print(f"- {line}")
    print("\nmisses (crashed pages left out):")
    crashed_files = {line.split(":", 1)[0] for line in crashed}
    for item in found:
        if not item.right and item.file not in crashed_files:
            truth = json.dumps(item.truth, ensure_ascii=False)
            got = json.dumps(item.got, ensure_ascii=False)
            print(f"- {item.field:11} {item.file[6:-8]}: want {truth} got {got}")
    return 0


def _cell(count: tuple[int, int] | None) -> str:
    return f"{count[0]}/{count[1]} ({count[0] / count[1]:.0%})" if count else ""


if __name__ == "__main__":
    sys.exit(main())
