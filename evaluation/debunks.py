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
2. **alarm rate, shipped index only**. Query every CHECKED post (fake and real) against the
   shipped HRDE index, with the step's own query builder and "high similarity" rule. The
   share of fake posts that raise a debunk warning against the share of real posts that do
   (false alarms) says whether the shipped index adds signal for 2020 COVID rumours (HRDE
   was collected mostly 2019-2024, few of its debunks are about these exact posts).
3. time per query, import plus first query (measured in a fresh interpreter).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from factcheck import debunks

from .common import REPO, Row

CHECKED = Path("data/articles-zh/checked/checked_posts_no_comments.jsonl")
_FIRST_SENTENCE = re.compile(r"^(.+?)(?:。|，@|@|$)")


def _build_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_debunk_index", REPO / "scripts" / "build_debunk_index.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def _posts(shared: Path) -> list[dict]:  # type: ignore[type-arg]
    with (shared / CHECKED).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def recall_at_5(shared: Path, fakes: list[dict]) -> tuple[float, int, float]:  # type: ignore[type-arg]
    build = _build_script()
    articles = build.all_articles(shared)
    for i, post in enumerate(fakes):
        analysis = post["analysis"].strip()
        title = _FIRST_SENTENCE.match(analysis).group(1)  # type: ignore[union-attr]
        articles.append(build.Article(title, f"checked:{i}", "", "CHECKED", analysis, "zh"))
    index = build.build(articles, key_terms=build.DEFAULT_KEY_TERMS, version="eval")
    hits = 0
    started = time.perf_counter()
    for i, post in enumerate(fakes):
        top = index.search(post["text"], limit=5)
        hits += any(m.url == f"checked:{i}" for m in top)
    per_query = (time.perf_counter() - started) / len(fakes)
    return hits / len(fakes), len(fakes), per_query


def alarm_rates(posts: list[dict]) -> tuple[float, int, float, int]:  # type: ignore[type-arg]
    from factcheck.checks.factcheckers import is_strong_match

    index = debunks.default_index()
    fake = [p for p in posts if p["label"] == "fake"]
    real = [p for p in posts if p["label"] != "fake"]

    def rate(group: list[dict]) -> float:  # type: ignore[type-arg]
        alarms = sum(any(is_strong_match(m) for m in index.search(p["text"])) for p in group)
        return alarms / len(group)

    return rate(fake), len(fake), rate(real), len(real)


def cold_start() -> float:
    code = (
        "import time; t = time.perf_counter(); from factcheck.debunks import default_index; "
        "default_index().search('吃大蒜能预防新冠肺炎'); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def run(shared: Path) -> list[Row]:
    posts = _posts(shared)
    fakes = [p for p in posts if p["label"] == "fake" and p.get("analysis")]
    recall, n, per_query = recall_at_5(shared, fakes)
    fake_rate, n_fake, real_rate, n_real = alarm_rates(posts)
    data = "CHECKED fake posts vs HRDE+CHECKED analyses"
    return [
        Row("debunks", "recall@5 (own official debunk)", recall, n, data),
        Row("debunks", "ms per query (6k debunks)", per_query * 1000, n, data),
        Row("debunks", "alarm rate on fake posts", fake_rate, n_fake, "CHECKED vs shipped index",
            f"real posts {real_rate:.3f} (n={n_real})"),
        Row("debunks", "import + first query (s)", cold_start(), 1, "shipped index, fresh process"),
    ]
