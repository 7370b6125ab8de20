"""The one interface every WHO step implements.

A check reads the shared :class:`~factcheck.page.Page` and returns a :class:`StepOutcome`:
findings (each with its points, evidence and bilingual message), step data, advice and
links. It never computes its own score or status: :mod:`factcheck.scoring` does that the
same way for every step, so points mean the same thing everywhere.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from factcheck.i18n import LocalText
from factcheck.report import Finding, Link, Status
from factcheck.rules import Rule

if TYPE_CHECKING:
    from factcheck.knowledge.sources import SourceDB
    from factcheck.page.model import Page
    from factcheck.resources import Resources


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the page: the clock and the resources (knowledge base,
    models, indexes, online lookup), built once by the engine and shared read-only."""

    now: datetime  # timezone-aware; "today" for age computations
    resources: Resources

    @property
    def sources(self) -> SourceDB:
        return self.resources.sources


@dataclass(frozen=True)
class StepOutcome:
    """What a check saw. ``status`` is only set for UNKNOWN / NOT_APPLICABLE (no signal),
    or to force FAIL on a red flag; otherwise the score decides it."""

    findings: tuple[Finding, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)
    advice: LocalText | None = None
    links: tuple[Link, ...] = ()
    status: Status | None = None
    reason: LocalText | None = None  # why the step is UNKNOWN / NOT_APPLICABLE


class Check(ABC):
    """One WHO step. Subclasses set the class attributes and implement :meth:`run`."""

    id: ClassVar[str]
    number: ClassVar[int]
    #: Every finding this step can emit (``steps/<step>/rules.py``).
    rules: ClassVar[tuple[Rule, ...]]
    title: ClassVar[LocalText]
    #: The WHO's general advice for this step, shown when the check has nothing more specific.
    advice: ClassVar[LocalText]

    @abstractmethod
    def run(self, page: Page, ctx: CheckContext) -> StepOutcome:
        """Look at ``page`` and report what this step sees. May raise: the pipeline turns
        an exception into an UNKNOWN step with the reason."""
