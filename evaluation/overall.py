"""Overall score vs publisher reliability on ReCOVery (English COVID-19 news, 2,031 articles).

ReCOVery has text, not HTML, and its labels are per publisher (NewsGuard / MBFC), so a domain
lookup alone can separate it. We therefore report three numbers, all from the same run:
the overall score, the overall score with the source step left out (what the other six steps
add on their own), and each step's score alone. Pages are rebuilt from the CSV fields
(title, authors, date, paragraphs) at the article's URL; nothing is fetched.
"""

from __future__ import annotations

import ast
import html
from datetime import UTC, datetime
from pathlib import Path

from factcheck.engine import analyse
from factcheck.page.model import Page
from factcheck.report import Report, Retrieval
from factcheck.scoring import overall
from factcheck.steps import ALL_CHECKS, CAPS

from .common import Row, auc, recovery_articles

NOW = datetime(2020, 12, 31, tzinfo=UTC)  # shortly after the data was collected
STEP_IDS = [check.id for check in ALL_CHECKS]


def load_recovery(shared: Path) -> list[dict[str, str]]:
    """ReCOVery articles that have a URL and a body."""
    return [r for r in recovery_articles(shared) if r.get("url") and r.get("body_text")]


def rebuild_page(row: dict[str, str]) -> str:
    """A plain article page from ReCOVery's fields."""
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


def score_without(report: Report, step_id: str) -> int | None:
    return overall([s for s in report.steps if s.id != step_id], CAPS).score


def run(shared: Path) -> list[Row]:
    rows = load_recovery(shared)
    by_label: dict[str, dict[int, list[float]]] = {
        key: {0: [], 1: []} for key in ["overall", "overall_without_source", *STEP_IDS]
    }
    for row in rows:
        label = int(row["reliability"])
        page = Page.from_html(rebuild_page(row), row["url"], retrieval=Retrieval.PROVIDED)
        report = analyse(page, now=NOW)
        values = {
            "overall": report.score,
            "overall_without_source": score_without(report, "source"),
        }
        values.update({s.id: s.score for s in report.steps})
        for key, value in values.items():
            if value is not None:
                by_label[key][label].append(value)
    data = f"ReCOVery ({len(rows)} articles, labels per publisher)"
    out = []
    for key, groups in by_label.items():
        n = len(groups[0]) + len(groups[1])
        if not n:
            continue
        note = "" if key.startswith("overall") else "step alone, on articles where it has a score"
        out.append(
            Row(
                "overall" if key.startswith("overall") else key,
                f"AUC {key}",
                auc(groups[1], groups[0]),
                n,
                data,
                note,
            )
        )
    return out
