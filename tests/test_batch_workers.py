"""Analysis processes forked with the parent's resources (issue 18): same answers, and the
parent keeps nothing it did not hold (the warm-up before the fork: ``test_engine.py``)."""

from __future__ import annotations

from factcheck import Report
from factcheck.batch import BatchOptions, workers
from factcheck.fetch.safe import FetchedPage
from factcheck.resources import default_resources_loaded

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Flu vaccine season: what the trials show {n}</title>
<meta name="author" content="Jane Smith"></head><body><article>
<h1>Flu vaccine season: what the trials show {n}</h1><p>By Jane Smith.</p>
<p>A review in the BMJ found the vaccine cut hospital stays among older adults; the authors
say the effect varies by season. See <a href="https://www.bmj.com/">the BMJ</a>.</p>
<p>Page {n} of the worker test, with enough text for the extractor to keep it.</p>
</article></body></html>"""


def _fetched(n: int) -> FetchedPage:
    url = f"https://news.example.org/p/{n}"
    return FetchedPage(url, url, 200, "text/html", PAGE.format(n=n), None, (url,))


def _summary(outcome: object) -> tuple[object, ...]:
    assert isinstance(outcome, Report), outcome
    return (outcome.score, outcome.verdict, tuple((s.id, s.status, s.score) for s in outcome.steps))


def test_forked_workers_answer_as_this_process_does(now) -> None:
    options = BatchOptions(workers=2, now=now)
    held_before = default_resources_loaded()
    pool = workers.analysis_pool(2)  # forked when safe (run alone: yes), else a forkserver
    try:
        assert workers._inherited is None  # the parent dropped the copy it loaded for them
        assert default_resources_loaded() == held_before
        futures = [
            pool.submit(workers.analyse_page, _fetched(n), f"u{n}", options) for n in range(4)
        ]
        forked = [_summary(f.result(timeout=120)) for f in futures]
    finally:
        pool.shutdown()
    here = [_summary(workers.analyse_page(_fetched(n), f"u{n}", options)) for n in range(4)]
    assert forked == here
