"""The labelled sets the overall score is fitted and judged on, run through the real engine.

Four sets, each item with a label (1 = reliable / real, 0 = misinformation / rumour), a
group (publisher domain or posting account: items of one group never sit on both sides of
a split) and the engine's per-step output:

* ``recovery``: ReCOVery, 2,031 English COVID-19 articles rebuilt from the CSV fields
  (labels per publisher, NewsGuard/MBFC); group = publisher.
* ``checked``: CHECKED, 2,102 Chinese Weibo COVID-19 posts (fake vs real); group = user.
* ``ced``: CED, 3,387 Weibo posts (rumour vs not, 2011-2013); group = user.
* ``pages``: pages-real, 68 saved pages; official / fact-check / mainstream = 1,
  misinformation = 0, "unknown" (self-media) kept without a label (never trained on).

Running the engine costs ~30 ms a page, so records are cached as JSON lines under
``$FACTCHECK_COMBINER_CACHE`` (default ``.cache/combiner`` in the repository), one file per set,
reused until ``python -m evaluation.labelled --refresh`` rebuilds them (after any change
to the engine).
"""

from __future__ import annotations

import argparse
import ast
import gzip
import html
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .common import REPO, recovery_articles, shared_dir

SETS = ("recovery", "checked", "ced", "pages")
CACHE = Path(os.environ.get("FACTCHECK_COMBINER_CACHE", REPO / ".cache" / "combiner"))
#: "Today" per set: shortly after each set was collected (ages are judged as then).
NOW = {
    "recovery": datetime(2020, 12, 31, tzinfo=UTC),
    "checked": datetime(2020, 12, 31, tzinfo=UTC),
    "ced": datetime(2013, 12, 31, tzinfo=UTC),
    "pages": datetime(2026, 11, 30, tzinfo=UTC),
}
REPUTABLE = frozenset({"official", "fact-check", "mainstream"})
#: Step data kept from the source step (everything else is dropped from the cache).
SOURCE_KEYS = (
    "domain",
    "host",
    "platform",
    "account",
    "kind",
    "rating",
    "rating_origin",
    "category",
    "official_tld",
    "user_generated",
    "impersonates",
    "platform_verified",
    "rating_lists",
    "listed_domain",
    "rating_scope",
)


@dataclass(frozen=True)
class Item:
    """One labelled page, before the engine has seen it."""

    dataset: str
    key: str
    group: str
    label: int | None  # 1 reliable/real, 0 misinformation/rumour, None unlabelled
    url: str
    html: str | bytes
    reputable: bool = False  # a page the false-alarm rate counts


def recovery_items(shared: Path) -> Iterator[Item]:
    for i, row in enumerate(recovery_articles(shared)):
        if not (row.get("url") and row.get("body_text")):
            continue
        label = int(row["reliability"])
        yield Item(
            "recovery",
            f"r{i}",
            "pub:" + row.get("publisher", ""),
            label,
            row["url"],
            rebuild_page(row),
            reputable=label == 1,
        )


def rebuild_page(row: dict[str, str]) -> str:
    """A plain article page from ReCOVery's fields (title, authors, date, paragraphs)."""
    try:
        authors = ast.literal_eval(row.get("author") or "[]")
    except (ValueError, SyntaxError):
        authors = []
    authors = [a for a in authors if isinstance(a, str)] if isinstance(authors, list) else []
    title = html.escape(row.get("title", ""))
    paragraphs = "".join(
        f"<p>{html.escape(p.strip())}</p>" for p in row["body_text"].split("\n") if p.strip()
    )
    meta = "".join(f'<meta name="author" content="{html.escape(a)}">' for a in authors[:3])
    if row.get("publish_date"):
        meta += (
            f'<meta property="article:published_time" content="{html.escape(row["publish_date"])}">'
        )
    return (
        f"<html><head><title>{title}</title>{meta}</head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def weibo_page(text: str) -> str:
    return f"<html><body><div class='weibo-text'><p>{html.escape(text)}</p></div></body></html>"


def checked_items(shared: Path) -> Iterator[Item]:
    path = shared / "data/articles-zh/checked/checked_posts_no_comments.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        post = json.loads(line)
        user = post["user_id"]
        yield Item(
            "checked",
            post["id"],
            "weibo:" + user,
            int(post["label"] == "real"),
            f"https://weibo.com/{user[:10]}/{post['id'][:9]}",
            weibo_page(post.get("text") or ""),
        )


def ced_items(shared: Path) -> Iterator[Item]:
    root = shared / "data/articles-zh/weibo-ced/CED_Dataset"
    labels = {}
    for name, label in (
        ("rumor_ids_from_rumor-repost_dir.txt", 0),
        ("nonrumor_ids_from_non-rumor-repost_dir.txt", 1),
    ):
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            if line.endswith(".json") and not line.startswith("."):
                labels[line.strip()] = label
    for name in sorted(labels):
        path = root / "original-microblog" / name
        if not path.is_file():
            continue
        post = json.loads(path.read_text(encoding="utf-8"))
        _, mid, user = name.removesuffix(".json").split("_", 2)
        yield Item(
            "ced",
            name,
            "weibo:" + user,
            labels[name],
            f"https://weibo.com/{user}/{mid}",
            weibo_page(post.get("text") or ""),
        )


def page_items(shared: Path) -> Iterator[Item]:
    root = shared / "data/pages-real"
    for truth in json.loads((root / "truth.json").read_text(encoding="utf-8")):
        reliability = truth["reliability"]
        label = 1 if reliability in REPUTABLE else 0 if reliability == "misinformation" else None
        group = truth.get("account") or truth["url"]
        yield Item(
            "pages",
            truth["file"],
            "page:" + group,
            label,
            truth["url"],
            gzip.decompress((root / truth["file"]).read_bytes()),
            reputable=reliability in REPUTABLE,
        )


LOADERS = {
    "recovery": recovery_items,
    "checked": checked_items,
    "ced": ced_items,
    "pages": page_items,
}


def record(item: Item) -> dict[str, Any]:
    """What the combiner and the evaluation need from one report (JSON-able)."""
    import factcheck  # only when (re)building: cached runs never import the engine

    report = factcheck.check_html(item.html, item.url, now=NOW[item.dataset]).to_dict()
    steps = {}
    for step in report["steps"]:
        entry: dict[str, Any] = {
            "status": step["status"],
            "score": step["score"],
            "codes": sorted({f["code"] for f in step["findings"]}),
        }
        if step["id"] == "source":
            entry["data"] = {k: step["data"][k] for k in SOURCE_KEYS if k in step["data"]}
        steps[step["id"]] = entry
    return {
        "dataset": item.dataset,
        "key": item.key,
        "group": item.group,
        "label": item.label,
        "reputable": item.reputable,
        "language": report["language"],
        "score": report["score"],
        "verdict": report["verdict"],
        "steps": steps,
        "confidence": report.get("confidence"),
    }


def cache_path(dataset: str) -> Path:
    return CACHE / f"{dataset}.jsonl"


def load(dataset: str, shared: Path | None = None, *, refresh: bool = False) -> list[dict]:
    """Cached records of one set (built on first use, or when ``refresh``)."""
    path = cache_path(dataset)
    if path.is_file() and not refresh:
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines[1:]]
    items = LOADERS[dataset](shared or shared_dir())
    records = [record(item) for item in items]
    path.parent.mkdir(parents=True, exist_ok=True)
    head = {"dataset": dataset, "built": str(REPO)}
    body = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    path.write_text("\n".join([json.dumps(head), *body]) + "\n", encoding="utf-8")
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=list(SETS))
    parser.add_argument("--refresh", action="store_true")
    args = parser.parse_args(argv)
    for dataset in args.sets:
        records = load(dataset, refresh=args.refresh)
        print(dataset, len(records), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
