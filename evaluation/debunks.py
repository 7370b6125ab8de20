"""Step 7: does the offline debunk matcher find the debunk of a rumour?

Data: CHECKED (Yang et al. 2021; ``articles-zh/checked``, academic use only; read here,
never shipped): 342 fake Weibo COVID-19 posts, each with Weibo's official debunk text
(``analysis``), and 1,760 real posts.

1. **recall@5 (own debunk)**. Index = the debunk articles the shipped index is built from
   (HRDE + ReCOVery fact-checks, rebuilt with ``scripts/build_debunk_index.py``) plus the
   342 CHECKED analyses added as debunk documents the same way (title = the analysis's first
   sentence, key terms from its text; document frequencies from all debunk texts). Query =
   the fake post's text, as a page headline plus body would be. Hit = the post's own analysis
   ranks in the top 5 among all 6,000+ debunks. The analysis quotes the claim, as debunk
   titles do, so this measures matching a claim against a debunk that states it, under
   competition from thousands of other debunks.
2. **alarm rate, shipped index only**. Query CHECKED posts (fake and real) against the
   shipped HRDE index, with the step's "high similarity" rule (its thresholds were chosen on
   the even-numbered posts; this reports the odd-numbered ones only) and the step's query
   length (the first ``QUERY_TEXT_CHARS`` characters of the text). The
   share of fake posts that raise a debunk warning against the share of real posts that do
   (false alarms) says whether the shipped index adds signal for 2020 COVID rumours (HRDE
   was collected mostly 2019-2024, few of its debunks are about these exact posts).
3. time per query; index load plus first query, and the package import before it, measured
   in a fresh interpreter.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from factcheck.steps.factcheckers import debunks
from factcheck.steps.factcheckers.check import QUERY_TEXT_CHARS

from .common import REPO, Row

CHECKED = Path("data/articles-zh/checked/checked_posts_no_comments.jsonl")
_FIRST_SENTENCE = re.compile(r"^(.+?)(?:。|，@|@|$)")


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_debunk_index", REPO / "scripts" / "build_debunk_index.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def _posts(shared: Path) -> list[dict[str, Any]]:
    with (shared / CHECKED).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def recall_at_k(shared: Path, fakes: list[dict[str, Any]]) -> tuple[dict[int, float], float]:
    """Recall at 1, 5 and 10 of each fake post's own analysis; seconds per query."""
    build = _build_script()
    articles = build.all_articles(shared)
    for i, post in enumerate(fakes):
        analysis = post["analysis"].strip()
        first = _FIRST_SENTENCE.match(analysis)
        title = first.group(1) if first else analysis[:120]
        articles.append(build.Article(title, f"checked:{i}", "", "CHECKED", analysis, "zh"))
    index = build.build(articles, key_terms=build.DEFAULT_KEY_TERMS, version="eval")
    ranks = []
    started = time.perf_counter()
    for i, post in enumerate(fakes):
        top = [m.url for m in index.search(post["text"][:QUERY_TEXT_CHARS], limit=10)]
        ranks.append(top.index(f"checked:{i}") + 1 if f"checked:{i}" in top else None)
    per_query = (time.perf_counter() - started) / len(fakes)
    recall = {k: sum(r is not None and r <= k for r in ranks) / len(fakes) for k in (1, 5, 10)}
    return recall, per_query


def alarm_rates(posts: list[dict[str, Any]]) -> tuple[float, int, float, int]:
    from factcheck.steps.factcheckers.check import is_strong_match

    index = debunks.load_index()
    held_out = posts[1::2]  # the step's thresholds were chosen on posts[0::2]
    fake = [p for p in held_out if p["label"] == "fake"]
    real = [p for p in held_out if p["label"] != "fake"]

    def rate(group: list[dict[str, Any]]) -> float:
        queries = (p["text"][:QUERY_TEXT_CHARS] for p in group)
        alarms = sum(any(is_strong_match(m) for m in index.search(q)) for q in queries)
        return alarms / len(group)

    return rate(fake), len(fake), rate(real), len(real)


def cold_start() -> tuple[float, float]:
    """(import of factcheck.debunks, index load plus first query), seconds, fresh process."""
    code = (
        "import time; t0 = time.perf_counter(); "
        "from factcheck.steps.factcheckers.debunks import load_index; "
        "t1 = time.perf_counter(); load_index().search('吃大蒜能预防新冠肺炎'); "
        "t2 = time.perf_counter(); print(t1 - t0, t2 - t1)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported, first_query = (float(x) for x in out.stdout.split())
    return imported, first_query


def run(shared: Path) -> list[Row]:
    posts = _posts(shared)
    fakes = [p for p in posts if p["label"] == "fake" and p.get("analysis")]
    recall, per_query = recall_at_k(shared, fakes)
    fake_rate, n_fake, real_rate, n_real = alarm_rates(posts)
    imported, first_query = cold_start()
    data = "CHECKED fake posts vs HRDE+CHECKED analyses"
    n = len(fakes)
    return [
        Row(
            "debunks",
            "recall@5 (own official debunk)",
            recall[5],
            n,
            data,
            f"recall@1 {recall[1]:.3f}, recall@10 {recall[10]:.3f}",
        ),
        Row("debunks", "ms per query (6k debunks)", per_query * 1000, n, data),
        Row(
            "debunks",
            "debunk warning rate, fake posts",
            fake_rate,
            n_fake,
            "CHECKED odd half vs shipped index",
            f"real posts (false alarms) {real_rate:.3f} (n={n_real})",
        ),
        Row(
            "debunks",
            "index load + first query (s)",
            first_query,
            1,
            "shipped index, fresh process",
            f"after importing factcheck.debunks: {imported:.3f} s",
        ),
    ]
