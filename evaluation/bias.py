"""Step 6 signals on real posts and articles: do manipulative-language findings go with
content that was debunked (CHECKED, Weibo) or published by unreliable outlets (ReCOVery)?

Step 6 informs the reader rather than judging the page, so this is a sanity check of its
signals, not an accuracy claim: the score is the sum of the step's negative points.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from factcheck.steps.bias.check import read

from .clickbait import titled_recovery_articles
from .common import Row
from .common import auc_labelled as auc


def _points(text: str, lang: str) -> tuple[int, int]:
    """(negative points, number of signals) the bias step gives ``text``."""
    reading = read(text, lang)
    return -sum(f.impact for f in reading.findings if f.impact < 0), len(reading.signals)


def _rows(area: str, data: str, items: Sequence[tuple[str, int]], lang: str, pos: str) -> Row:
    measured = [(_points(text, lang), y) for text, y in items]
    labels = [y for _, y in measured]
    scores = [float(p) for (p, _), _ in measured]
    share = {
        y: sum(1 for (p, n), lab in measured if lab == y and n) / max(1, labels.count(y))
        for y in (0, 1)
    }
    return Row(
        area,
        f"AUC of bias points for {pos}",
        auc(labels, scores),
        len(items),
        data,
        f"any signal in {share[1]:.1%} ({pos}) vs {share[0]:.1%}",
    )


def run(shared: Path) -> list[Row]:
    data = shared / "data"
    rows = []
    checked = data / "articles-zh/checked/checked_posts_no_comments.jsonl"
    if checked.is_file():
        posts = [json.loads(line) for line in checked.read_text(encoding="utf-8").splitlines()]
        items = [(p["text"], 1 if p["label"] == "fake" else 0) for p in posts if p.get("text")]
        rows.append(_rows("bias-zh", "CHECKED Weibo posts (fake vs real)", items, "zh", "fake"))
    recovery = [
        (f"{r['title']}\n{r.get('body_text') or ''}", 1 if r["reliability"].strip() == "0" else 0)
        for r in titled_recovery_articles(data)
    ]
    if recovery:
        rows.append(
            _rows("bias-en", "ReCOVery title+body (by publisher)", recovery, "en", "unreliable")
        )
    return rows
