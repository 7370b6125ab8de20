"""Author accuracy (step 3) against trafilatura's own extraction, measured in one run.

Data: the 538 pages of trafilatura's evaluation set whose label names an author
(``shared/data/pages-metadata/trafilatura``, see SOURCE.txt); mostly German pages.

Match rule (the same for every system): a name string is normalised (Unicode NFKC, case
folded, white space collapsed, a leading "By"/"Von"/"Par"/"Por" dropped) and split into a
set of names at commas, semicolons, "&", "|", " / ", "and", "und", "et", "y" and 、. Then

- exact: the predicted set equals the label's set;
- overlap: the two sets share at least one name (partial credit for co-authors, agencies).

No answer is wrong under both rules. trafilatura is ``extract_metadata(tree).author`` on its
own parse of the page; factcheck is ``factcheck.authors.page_authorship`` on the shared Page.
Rules were chosen looking only at the "dev" half (md5 of the URL even); the held-out half is
reported separately. Timing: CPU time (``time.process_time``, steady on a shared machine) that
``page_authorship`` adds to a Page whose extraction is done.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import trafilatura

from factcheck.page.model import Page
from factcheck.resources import default_resources
from factcheck.steps.author.check import AuthorCheck
from factcheck.steps.author.extract import page_authorship
from factcheck.steps.base import CheckContext
from factcheck.steps.date.check import DateCheck

from .common import Row
from .dates import is_held_out
from .pagesets import trafilatura_pages

_PREFIX = re.compile(r"^(?:by|von|par|por)\s+", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:,|;|&|\||\s/\s|、|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)


def name_set(raw: str | None) -> frozenset[str]:
    """The match rule's normal form of an author string."""
    text = " ".join(unicodedata.normalize("NFKC", raw or "").casefold().split())
    text = _PREFIX.sub("", text)
    return frozenset(part.strip(" .-") for part in _SEPARATORS.split(text) if part.strip(" .-"))


@dataclass
class Score:
    n: int = 0
    exact: int = 0
    overlap: int = 0

    def add(self, predicted: frozenset[str], gold: frozenset[str]) -> None:
        self.n += 1
        self.exact += bool(predicted) and predicted == gold
        self.overlap += bool(predicted & gold)


def run(shared: Path) -> list[Row]:
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    scores = {
        (system, split): Score()
        for system in ("factcheck", "trafilatura")
        for split in ("all", "dev", "held-out")
    }
    seconds = dict.fromkeys(("factcheck", "trafilatura", "steps 3+4", "bare_extraction"), 0.0)
    for labelled in trafilatura_pages(shared):
        gold = name_set(labelled.label.get("author"))
        if not gold:
            continue
        html = labelled.html()
        page = Page.from_html(html, labelled.url)
        page.extraction  # noqa: B018 - the Page's own cost, paid once for every check
        page.language  # noqa: B018 - computed for every report (report.language)
        started = time.process_time()
        ours = name_set(", ".join(page_authorship(page).names))
        seconds["factcheck"] += time.process_time() - started
        seconds["steps 3+4"] += _time_steps(html, labelled.url)
        tree = trafilatura.load_html(html)
        started = time.process_time()
        theirs = name_set(trafilatura.extract_metadata(tree, default_url=labelled.url).author)
        seconds["trafilatura"] += time.process_time() - started
        tree = trafilatura.load_html(html)
        started = time.process_time()
        trafilatura.bare_extraction(tree, url=labelled.url, with_metadata=True)
        seconds["bare_extraction"] += time.process_time() - started
        for split in ("all", "held-out" if is_held_out(labelled.url) else "dev"):
            scores["factcheck", split].add(ours, gold)
            scores["trafilatura", split].add(theirs, gold)
    return _rows(scores, seconds)


def _time_steps(html: bytes, url: str) -> float:
    """CPU time of the whole author and date steps (findings, links, images, topics) on a
    fresh Page whose shared parts (extraction, language) are done, as in a report."""
    page = Page.from_html(html, url)
    page.extraction  # noqa: B018
    page.language  # noqa: B018
    ctx = CheckContext(now=datetime.now(UTC), resources=default_resources())
    started = time.process_time()
    AuthorCheck().run(page, ctx)
    DateCheck().run(page, ctx)
    return time.process_time() - started


def _rows(scores: dict[tuple[str, str], Score], seconds: dict[str, float]) -> list[Row]:
    rows = []
    data = "trafilatura pages with an author"
    for split in ("all", "dev", "held-out"):
        ours, theirs = scores["factcheck", split], scores["trafilatura", split]
        for rule in ("exact", "overlap"):
            value = getattr(ours, rule) / ours.n if ours.n else 0.0
            baseline = getattr(theirs, rule) / theirs.n if theirs.n else 0.0
            rows.append(
                Row(
                    "author",
                    f"author accuracy, {rule} name set ({split})",
                    value,
                    ours.n,
                    data,
                    f"trafilatura {baseline:.3f}",
                )
            )
    n = scores["factcheck", "all"].n or 1
    rows.append(
        Row(
            "author",
            "ms/page added by author extraction",
            round(1000 * seconds["factcheck"] / n, 2),
            n,
            data,
            "trafilatura extract_metadata (all metadata) "
            f"{1000 * seconds['trafilatura'] / n:.1f} ms",
        )
    )
    rows.append(
        Row(
            "author+date",
            "ms/page of steps 3 and 4 (whole checks)",
            round(1000 * seconds["steps 3+4"] / n, 2),
            n,
            data,
            "trafilatura bare_extraction(with_metadata=True) "
            f"{1000 * seconds['bare_extraction'] / n:.1f} ms",
        )
    )
    return rows
