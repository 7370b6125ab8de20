"""The seven WHO steps, one module each, in WHO order."""

from __future__ import annotations

from .author import AuthorCheck
from .base import Check, CheckContext, StepOutcome
from .bias import BiasCheck
from .date import DateCheck
from .evidence import EvidenceCheck
from .factcheckers import FactcheckersCheck
from .headline import HeadlineCheck
from .source import SourceCheck

#: One instance of each step, in the order the WHO lists them.
ALL_CHECKS: tuple[Check, ...] = (
    SourceCheck(),
    HeadlineCheck(),
    AuthorCheck(),
    DateCheck(),
    EvidenceCheck(),
    BiasCheck(),
    FactcheckersCheck(),
)

__all__ = ["ALL_CHECKS", "Check", "CheckContext", "StepOutcome"]
