"""Published-date accuracy (step 4) against htmldate and trafilatura, measured in one run.

Data: htmldate's 800 labelled pages and trafilatura's 728 pages with a date
(``shared/data/pages-metadata``, see each SOURCE.txt). A prediction is right when its
``YYYY-MM-DD`` equals the label; no answer counts as wrong. Each baseline gets its own
parse of the page, so none sees a tree another one touched:

- factcheck: ``factcheck.dates.page_dates`` on the shared Page (its htmldate vote is the
  one trafilatura computed inside ``page.extraction``);
- htmldate: ``find_date(tree, original_date=True)`` and its default (``original_date=False``);
- trafilatura: ``extract_metadata(tree, default_url=url).date``.

Rules were chosen looking only at the "dev" half of the pages (md5 of the URL even); the
"held-out" half is reported separately. Timing: CPU time (``time.process_time``, steady on a
shared machine) that ``page_dates`` adds on a Page whose extraction is already done (what
the date step costs in a report), against the baselines on their own parse.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement

from factcheck.page.model import Page
from factcheck.steps.date.extract import page_dates

from .common import Row
from .pagesets import LabelledPage, htmldate_pages, trafilatura_pages

SYSTEMS = ("factcheck", "htmldate original", "htmldate default", "trafilatura")


@dataclass
class Tally:
    """Right answers and time spent, per system."""

    n: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SYSTEMS, 0))
    either: int = 0  # factcheck's published or modified equals the label
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(SYSTEMS, 0.0))

    def accuracy(self, system: str) -> float:
        return self.right[system] / self.n if self.n else 0.0

    def ms(self, system: str) -> float:
        return 1000 * self.seconds[system] / self.n if self.n else 0.0


def is_held_out(url: str) -> bool:
    """The half of the pages never looked at while choosing rules."""
    return int(hashlib.md5(url.encode()).hexdigest(), 16) % 2 == 1


def measure(pages: Iterable[LabelledPage]) -> dict[str, Tally]:
    tallies = {"all": Tally(), "dev": Tally(), "held-out": Tally()}
    for labelled in pages:
        gold = labelled.label.get("date", "")[:10]
        if not gold:
            continue
        answers, seconds, either = _answers(labelled)
        for key in ("all", "held-out" if is_held_out(labelled.url) else "dev"):
            tally = tallies[key]
            tally.n += 1
            tally.either += gold in either
            for system in SYSTEMS:
                tally.right[system] += answers[system] == gold
                tally.seconds[system] += seconds[system]
    return tallies


def _answers(labelled: LabelledPage) -> tuple[dict[str, str | None], dict[str, float], set[str]]:
    html = labelled.html()
    page = Page.from_html(html, labelled.url)
    page.extraction  # noqa: B018 - the Page's own cost, paid once for every check
    page.language  # noqa: B018 - computed for every report (report.language)
    answers: dict[str, str | None] = {}
    seconds: dict[str, float] = {}
    started = time.process_time()
    found = page_dates(page)
    seconds["factcheck"] = time.process_time() - started
    answers["factcheck"] = found.published.iso if found.published else None
    either = {s.iso for s in (found.published, found.modified) if s}
    baselines: dict[str, Callable[[HtmlElement], str | None]] = {
        "htmldate original": lambda tree: find_date(tree, original_date=True, url=labelled.url),
        "htmldate default": lambda tree: find_date(tree, url=labelled.url),
        "trafilatura": lambda tree: (
            trafilatura.extract_metadata(tree, default_url=labelled.url).date
        ),
    }
    for system, baseline in baselines.items():
        answers[system], seconds[system] = _timed(baseline, trafilatura.load_html(html))
    return answers, seconds, either


def _timed(
    baseline: Callable[[HtmlElement], str | None], tree: HtmlElement
) -> tuple[str | None, float]:
    started = time.process_time()
    try:
        result = baseline(tree)
    except Exception:  # a baseline crashing on a page is a wrong answer, not a failed run
        result = None
    return result, time.process_time() - started


def rows_for(name: str, tallies: dict[str, Tally]) -> list[Row]:
    rows = []
    for split, tally in tallies.items():
        comparison = ", ".join(f"{s} {tally.accuracy(s):.3f}" for s in SYSTEMS[1:])
        rows.append(
            Row(
                "date",
                f"published-date accuracy ({split})",
                tally.accuracy("factcheck"),
                tally.n,
                name,
                comparison,
            )
        )
    whole = tallies["all"]
    rows.append(
        Row(
            "date",
            "label is our published or modified date",
            whole.either / whole.n if whole.n else 0.0,
            whole.n,
            name,
            "the label is sometimes the visible update date",
        )
    )
    rows.append(
        Row(
            "date",
            "ms/page added by date extraction",
            round(whole.ms("factcheck"), 2),
            whole.n,
            name,
            ", ".join(f"{s} {whole.ms(s):.1f} ms" for s in SYSTEMS[1:]),
        )
    )
    return rows


def run(shared: Path) -> list[Row]:
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    rows = rows_for("htmldate 800 pages", measure(htmldate_pages(shared)))
    rows += rows_for("trafilatura dated pages", measure(trafilatura_pages(shared)))
    return rows
