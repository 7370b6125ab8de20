"""The seven WHO steps, one module each, in WHO order."""

from __future__ import annotations

from collections.abc import Mapping

from factcheck.rules import Rule, caps_of, rule_index
from factcheck.steps.author.check import AuthorCheck
from factcheck.steps.base import Check, CheckContext, StepOutcome
from factcheck.steps.bias.check import BiasCheck
from factcheck.steps.date.check import DateCheck
from factcheck.steps.evidence.check import EvidenceCheck
from factcheck.steps.factcheckers.check import FactcheckersCheck
from factcheck.steps.headline.check import HeadlineCheck
from factcheck.steps.source.check import SourceCheck

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

#: Every declared finding, by code; and the hard red flags among them.
RULES: Mapping[str, Rule] = rule_index(rule for check in ALL_CHECKS for rule in check.rules)
CAPS: Mapping[str, int] = caps_of(RULES.values())

__all__ = ["ALL_CHECKS", "CAPS", "RULES", "Check", "CheckContext", "StepOutcome"]
