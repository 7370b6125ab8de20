"""Step 5 (supporting evidence) measured on real text and real pages.

1. ReCOVery (2,031 English COVID-19 articles, reliability labelled per publisher): how well
   the evidence step's score alone separates reliable from unreliable publishers (AUC).
   ReCOVery keeps the body text only, no HTML and no links, so each page is rebuilt from its
   fields (``evaluation.labelled.rebuild_page``): what this measures is the text half of the
   step (DOIs, journals and institutions named, attributed vs unattributed numbers, quoted
   experts, vague appeals), never the link half. Labels are per publisher, so house style
   weighs in; the publisher-level AUC (mean score per publisher) is reported beside it.
2. CHECKED (2,102 Chinese Weibo posts, 342 debunked): how often the step stands aside on
   short posts (not applicable), and its score where it does not.
3. The 181 real pages of Zyte's article-extraction benchmark: which kinds of links sit
   inside the main text, how often the main-text scope is found, and the time the step
   adds per page once the shared page (parse, extraction, links) exists.
"""

from __future__ import annotations

import html
import json
import statistics
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

from factcheck.engine import run_check
from factcheck.page.model import Page
from factcheck.report import Retrieval
from factcheck.resources import default_resources
from factcheck.steps import CheckContext
from factcheck.steps.evidence.check import EvidenceCheck

from .common import Row, auc, read_gz, recovery_articles
from .labelled import rebuild_page

NOW = datetime(2020, 12, 31, tzinfo=UTC)
NEUTRAL = 50.0  # a step with no score (unknown / not applicable) ranks as neutral


def run(shared: Path) -> list[Row]:
    return recovery_rows(shared) + weibo_rows(shared) + bench_rows(shared)


def weibo_rows(shared: Path) -> list[Row]:
    """CHECKED Weibo posts (342 debunked, 1,760 not): how often the step stands aside as
    "not applicable" on short posts, and what its score says when it does not."""
    path = shared / "data/articles-zh/checked/checked_posts_no_comments.jsonl"
    if not path.is_file():
        return []
    check, ctx = EvidenceCheck(), CheckContext(now=NOW, resources=default_resources())
    scores: dict[str, list[float]] = {"fake": [], "real": []}
    statuses: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        post = json.loads(line)
        body = html.escape(post.get("text") or "")
        page = Page.from_html(
            f"<html><body><div class='weibo-text'><p>{body}</p></div></body></html>",
            f"https://weibo.com/{post['user_id'][:10]}/{post['id'][:9]}",
        )
        step = run_check(check, page, ctx)
        statuses[step.status.value] += 1
        scores[post["label"]].append(float(step.score) if step.score is not None else NEUTRAL)
    n = sum(statuses.values())
    data = f"CHECKED Weibo ({n} posts, text only)"
    return [
        Row(
            "evidence",
            "Weibo posts: share not applicable (short post)",
            statuses["not_applicable"] / n,
            n,
            data,
            ", ".join(f"{k} {v}" for k, v in statuses.most_common()),
        ),
        Row(
            "evidence",
            "Weibo posts: AUC real vs debunked (n/a ranks neutral)",
            auc(scores["real"], scores["fake"]),
            n,
            data,
            f"mean real {statistics.fmean(scores['real']):.1f} vs debunked "
            f"{statistics.fmean(scores['fake']):.1f}",
        ),
    ]


def recovery_rows(shared: Path) -> list[Row]:
    check, ctx = EvidenceCheck(), CheckContext(now=NOW, resources=default_resources())
    scores: dict[int, list[float]] = {0: [], 1: []}
    scored: dict[int, list[float]] = {0: [], 1: []}
    by_publisher: dict[tuple[str, int], list[float]] = defaultdict(list)
    unscored = 0
    codes: dict[int, Counter[str]] = {0: Counter(), 1: Counter()}
    rows = [r for r in recovery_articles(shared) if r.get("url") and r.get("body_text")]
    for row in rows:
        label = int(row["reliability"])
        page = Page.from_html(rebuild_page(row), row["url"], retrieval=Retrieval.PROVIDED)
        step = run_check(check, page, ctx)
        value = float(step.score) if step.score is not None else NEUTRAL
        scores[label].append(value)
        by_publisher[(row["publisher"], label)].append(value)
        codes[label].update({f.code for f in step.findings})
        if step.score is None:
            unscored += 1
        else:
            scored[label].append(value)
    data = f"ReCOVery ({len(rows)} articles rebuilt from text; labels per publisher)"
    mean = {k: statistics.fmean(v) for k, v in scores.items() if v}
    publishers = {k: statistics.fmean(v) for k, v in by_publisher.items()}
    return [
        Row(
            "evidence",
            "AUC reliable vs unreliable (text-only step score)",
            auc(scores[1], scores[0]),
            len(rows),
            data,
            f"mean score reliable {mean.get(1, 0):.1f} vs unreliable {mean.get(0, 0):.1f}",
        ),
        Row(
            "evidence",
            "AUC, scored articles only",
            auc(scored[1], scored[0]),
            len(scored[0]) + len(scored[1]),
            data,
            f"{unscored} unknown/not applicable left out",
        ),
        Row(
            "evidence",
            "AUC per publisher (mean step score)",
            auc(
                [v for (_, lab), v in publishers.items() if lab == 1],
                [v for (_, lab), v in publishers.items() if lab == 0],
            ),
            len(publishers),
            data,
            "publisher = unit, so house style is not counted 2,031 times",
        ),
        *_finding_shares(codes, {k: len(v) for k, v in scores.items()}, data),
    ]


def _finding_shares(codes: dict[int, Counter[str]], counts: dict[int, int], data: str) -> list[Row]:
    """How often each finding fires on reliable vs unreliable publishers (descriptive)."""
    return [
        Row(
            "evidence",
            f"articles with {code} (share, reliable publishers)",
            codes[1][code] / max(1, counts[1]),
            counts[1],
            data,
            f"unreliable publishers {codes[0][code] / max(1, counts[0]):.3f} (n={counts[0]})",
        )
        for code, _ in (codes[0] + codes[1]).most_common(10)
    ]


def bench_rows(shared: Path) -> list[Row]:
    root = shared / "data/pages-bench"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    check, ctx = EvidenceCheck(), CheckContext(now=NOW, resources=default_resources())
    kinds: Counter[str] = Counter()
    kinds_all: Counter[str] = Counter()
    scopes: Counter[str] = Counter()
    pages_with: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    own_ms: list[float] = []
    for key, item in sorted(truth.items()):
        path = root / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        page = Page.from_html(read_gz(path), item.get("url"))
        _ = page.text, page.links, page.title, page.language  # shared by all steps
        step, best = None, float("inf")
        for _repeat in range(3):  # best of 3: the machine is shared, the minimum is stable
            started = time.perf_counter()
            step = run_check(check, page, ctx)
            best = min(best, (time.perf_counter() - started) * 1000)
        own_ms.append(best)
        assert step is not None
        statuses[step.status.value] += 1
        scope = step.data.get("links_scope", "none")
        scopes[scope] += 1
        kinds_all.update(step.data.get("links_all", {}))
        if scope in ("main_text", "article"):  # "page" scope counts menus and footers
            kinds.update(step.data.get("links", {}))
            pages_with.update(step.data.get("links", {}).keys())
    n = len(own_ms)
    data = f"pages-bench ({n} real article pages)"
    total = sum(kinds.values()) or 1
    rows = [
        Row(
            "evidence",
            "step time per page, ms (mean)",
            statistics.fmean(own_ms),
            n,
            data,
            f"median {statistics.median(own_ms):.1f}, p95 {_p95(own_ms):.1f} ms, best of 3; "
            "parse, extraction, links excluded (shared by all steps)",
        ),
        Row(
            "evidence",
            "pages whose evidence links come from the article text",
            (scopes["main_text"] + scopes["article"]) / n,
            n,
            data,
            ", ".join(f"{k} {v}" for k, v in scopes.most_common()),
        ),
        Row(
            "evidence",
            "step status distribution: pass share",
            statuses["pass"] / n,
            n,
            data,
            ", ".join(f"{k} {v}" for k, v in statuses.most_common()),
        ),
    ]
    for kind, count in kinds.most_common():
        rows.append(
            Row(
                "evidence",
                f"article-text links of kind {kind} (share of links)",
                count / total,
                sum(kinds.values()),
                data,
                f"on {pages_with[kind]} pages; all page links of this kind: {kinds_all[kind]}",
            )
        )
    return rows


def _p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]
