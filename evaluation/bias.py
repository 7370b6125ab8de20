"""Step 6 signals on real texts (issue 13): false alarms on debunks, recall on rumours.

- Debunk articles (HRDE, 12 Chinese fact-check outlets) quote rumours in order to refute
  them: the share flagged as miracle-cure or conspiracy language is a false-alarm rate. The
  500 texts reported are the first 500 by SHA-1 of "title\\ntext"; the next 500 are the ones
  read while writing the negation rules (:mod:`factcheck.lang.negation`). Only the category
  word counts of the first 500 were looked at (they showed 真相 in debunks' "真相是…").
- Rumour texts (CHECKED fake Weibo posts, CED rumours) should keep their signals: the share
  flagged is reported as recall, before and after negation.
- CHECKED fake vs real and ReCOVery unreliable vs reliable: AUC of the step's points (a
  sanity check: step 6 informs, it does not judge).

"before" in the comparison column is the same lexicon with negation and attribution off.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from factcheck.steps.bias.check import read

from .clickbait import titled_recovery_articles
from .common import Row
from .common import auc_labelled as auc

STRONG = frozenset({"miracle_cure", "conspiracy"})
SAMPLE = 500


def _rank(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def _shares(texts: Sequence[str], lang: str, negation: bool) -> tuple[float, float]:
    """(share with miracle-cure/conspiracy language, share with any signal)."""
    strong = signals = 0
    for text in texts:
        cats = {s.category for s in read(text, lang, negation=negation).signals}
        strong += bool(cats & STRONG)
        signals += bool(cats)
    return strong / max(1, len(texts)), signals / max(1, len(texts))


def _share_row(area: str, metric: str, data: str, texts: Sequence[str], lang: str) -> Row:
    after, after_any = _shares(texts, lang, True)
    before, before_any = _shares(texts, lang, False)
    return Row(
        area,
        metric,
        after,
        len(texts),
        data,
        f"before {before:.3f}; any signal {after_any:.3f} (before {before_any:.3f})",
    )


def hrde_texts(data: Path) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    texts = []
    for path in sorted((data / "debunks-zh/hrde/reference_date").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                body = (row.get("text") or "").strip()
                if body:
                    texts.append(f"{(row.get('title') or '').strip()}\n{body}")
    return sorted(texts, key=_rank)


def ced_rumours(data: Path) -> list[str]:
    folder = data / "articles-zh/weibo-ced/CED_Dataset"
    names = set((folder / "rumor_ids_from_rumor-repost_dir.txt").read_text().split())
    posts = [
        json.loads(path.read_text(encoding="utf-8"))["text"]
        for path in sorted((folder / "original-microblog").glob("*.json"))
        if path.name in names
    ]
    return sorted((p for p in posts if p), key=_rank)[:SAMPLE]


def _auc_row(area: str, data: str, items: Sequence[tuple[str, int]], lang: str, pos: str) -> Row:
    scores, labels = [], []
    for text, label in items:
        reading = read(text, lang)
        scores.append(float(-sum(f.impact for f in reading.findings if f.impact < 0)))
        labels.append(label)
    return Row(area, f"AUC of bias points for {pos}", auc(labels, scores), len(items), data)


def run(shared: Path) -> list[Row]:
    data = shared / "data"
    rows = []
    hrde = hrde_texts(data)
    if hrde:
        sample = hrde[:SAMPLE]
        data_name = "HRDE debunk articles, first 500 by hash (next 500: rule writing)"
        rows.append(
            _share_row("bias-zh", "debunks flagged miracle/conspiracy", data_name, sample, "zh")
        )
    checked = data / "articles-zh/checked/checked_posts_no_comments.jsonl"
    if checked.is_file():
        posts = [json.loads(line) for line in checked.read_text(encoding="utf-8").splitlines()]
        items = [(p["text"], 1 if p["label"] == "fake" else 0) for p in posts if p.get("text")]
        fakes = [t for t, y in items if y]
        rows.append(
            _share_row(
                "bias-zh", "rumours flagged miracle/conspiracy", "CHECKED fake posts", fakes, "zh"
            )
        )
        rows.append(_auc_row("bias-zh", "CHECKED Weibo posts (fake vs real)", items, "zh", "fake"))
    if (data / "articles-zh/weibo-ced/CED_Dataset").is_dir():
        rumours = ced_rumours(data)
        rows.append(
            _share_row(
                "bias-zh",
                "rumours flagged miracle/conspiracy",
                "CED rumours, 500 by hash",
                rumours,
                "zh",
            )
        )
    recovery = [
        (f"{r['title']}\n{r.get('body_text') or ''}", 1 if r["reliability"].strip() == "0" else 0)
        for r in titled_recovery_articles(data)
    ]
    if recovery:
        reliable = [t for t, y in recovery if not y]
        unreliable = [t for t, y in recovery if y]
        name = "ReCOVery title+body"
        rows.append(
            _share_row("bias-en", "reliable flagged miracle/conspiracy", name, reliable, "en")
        )
        rows.append(
            _share_row("bias-en", "unreliable flagged miracle/conspiracy", name, unreliable, "en")
        )
        rows.append(_auc_row("bias-en", f"{name} (by publisher)", recovery, "en", "unreliable"))
    return rows
