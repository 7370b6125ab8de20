"""Published, modified and reviewed dates of a page, from every place they hide.

Structured signals (JSON-LD, ``<meta>``, ``<time>``, microdata, WeChat's create time in the
page script, labelled Chinese dates such as 发布时间) are read here in one cheap pass over
the shared tree. htmldate's answer (already computed by trafilatura inside
``page.extraction``, ``original_date=True``) is one more vote. :func:`page_dates` combines
them by source priority and agreement; nothing here downloads or parses HTML again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from factcheck.steps.date.extract_parse import (
    MODIFIED,
    PUBLISHED,
    REVIEWED,
    DateSignal,
    parse_date,
)
from factcheck.steps.date.extract_signals import all_signals, url_signal

if TYPE_CHECKING:
    from factcheck.page.model import Page

__all__ = ["DateSignal", "PageDates", "all_signals", "page_dates", "parse_date", "url_signal"]


@dataclass(frozen=True, slots=True)
class PageDates:
    """The chosen dates plus every signal that was considered."""

    published: DateSignal | None
    modified: DateSignal | None
    reviewed: DateSignal | None
    signals: tuple[DateSignal, ...]

    @property
    def latest(self) -> DateSignal | None:
        """The newest of published, modified and reviewed: how current the page claims to be."""
        chosen = [s for s in (self.published, self.modified, self.reviewed) if s]
        return max(chosen, key=lambda s: s.day) if chosen else None


# -- choosing ------------------------------------------------------------------------------

#: Which origin wins for the published date, most trusted first. WeChat's create time is
#: exact; then htmldate (measured best on real pages; see evaluation/dates.py: letting
#: JSON-LD, meta or visible labels overrule it lost accuracy on held-out pages), then the
#: structured signals for pages where htmldate finds nothing.
PUBLISHED_PRIORITY = (
    "script",
    "platform",
    "htmldate",
    "json-ld",
    "meta",
    "microdata",
    "time",
    "label",
    "text",
    "url",
    "time-text",
    "time-any",
)
MODIFIED_PRIORITY = ("json-ld", "meta", "microdata", "time", "label", "text", "time-text")


def page_dates(page: Page, now: datetime | None = None) -> PageDates:
    """Choose published, modified and reviewed dates from every signal on the page."""
    signals = all_signals(page, now)
    published = _future_claim(signals, now) or choose_published(signals)
    modified = _first(signals, MODIFIED, MODIFIED_PRIORITY)
    if modified and published and modified.day <= published.day:
        modified = None  # "modified" equal to or before publication says nothing new
    reviewed = _first(signals, REVIEWED, ("json-ld", "text"))
    return PageDates(published, modified, reviewed, signals)


def _future_claim(signals: tuple[DateSignal, ...], now: datetime | None) -> DateSignal | None:
    """A publication date the page's own metadata puts in the future: a red flag to show,
    even though htmldate (which ignores future dates) would pick another one."""
    if now is None:
        return None
    future = [
        s
        for s in signals
        if s.role == PUBLISHED and s.origin in ("json-ld", "meta") and (s.day - now.date()).days > 1
    ]
    return future[0] if future else None


def choose_published(signals: Iterable[DateSignal]) -> DateSignal | None:
    """:func:`_choose_published`, then the local day when the choice is a UTC time the page
    itself shows as the evening before (PEOPLE: 04:31Z on the 15th is 11:31 PM on the 14th)."""
    signals = tuple(signals)
    chosen = _choose_published(signals)
    if chosen is None:
        return None
    early_utc = any(
        s.day == chosen.day and s.origin in ("json-ld", "meta") and _EARLY_UTC.search(s.evidence)
        for s in signals
    )
    eve = chosen.day - timedelta(days=1)
    visible = next((s for s in signals if s.origin == "visible" and s.day == eve), None)
    return visible if early_utc and visible is not None else chosen


#: A UTC time before noon: still the previous evening in the Americas.
_EARLY_UTC = re.compile(r"T(?:0\d|1[01]):\d\d(?::\d\d(?:\.\d+)?)?(?:Z|\+00:?00)")


def _choose_published(signals: tuple[DateSignal, ...]) -> DateSignal | None:
    """The published date from the most trusted origin that has one.

    Two corrections by agreement when htmldate wins: if its date is one the page itself
    labels as *modified* and the page states a different published date, htmldate took
    the update for the publication; if a structured signal agrees with it, that signal is
    shown instead (its evidence is the page's own text).
    """
    chosen = _first(signals, PUBLISHED, PUBLISHED_PRIORITY)
    if chosen is None or chosen.origin != "htmldate":
        return chosen
    stated = [s for s in signals if s.role == PUBLISHED and s.origin != "htmldate"]
    if chosen.day.timetuple().tm_yday == 1:  # htmldate read the year alone (2025-01-01)
        same_year = [s for s in stated if s.day.year == chosen.day.year and s.day != chosen.day]
        if same_year:  # from /2025/0308/ or "2025年03月08日10:20"
            return _first(same_year, PUBLISHED, PUBLISHED_PRIORITY)
    agreed = _agreed_day(stated)
    if agreed is not None and chosen.day not in {s.day for s in stated}:
        return agreed  # JSON-LD and the URL (say) agree on another day: htmldate misread
    modified_days = {s.day for s in signals if s.role == MODIFIED}
    if chosen.day in modified_days and stated and chosen.day not in {s.day for s in stated}:
        return _first(stated, PUBLISHED, PUBLISHED_PRIORITY)
    agreeing = [s for s in stated if s.day == chosen.day]
    return _first(agreeing, PUBLISHED, PUBLISHED_PRIORITY) or chosen


def _agreed_day(stated: list[DateSignal]) -> DateSignal | None:
    """A day two different structured origins state (JSON-LD and URL, meta and label)."""
    origins: dict[object, set[str]] = {}
    for signal in stated:
        if signal.origin in _STRUCTURED:
            origins.setdefault(signal.day, set()).add(signal.origin)
    days = [day for day, found in origins.items() if len(found) >= 2]
    if len(days) != 1:
        return None
    return _first([s for s in stated if s.day == days[0]], PUBLISHED, PUBLISHED_PRIORITY)


_STRUCTURED = frozenset({"json-ld", "meta", "microdata", "time", "url", "label", "text"})


def _first(
    signals: Iterable[DateSignal], role: str, priority: tuple[str, ...]
) -> DateSignal | None:
    best: DateSignal | None = None
    best_rank = len(priority)
    for signal in signals:
        if signal.role != role or signal.origin not in priority:
            continue
        rank = priority.index(signal.origin)
        if rank < best_rank:
            best, best_rank = signal, rank
    return best
