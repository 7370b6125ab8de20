"""Rules: every finding a step can emit, declared once with its code, points and message.

A step declares its rules in ``steps/<step>/rules.py`` and emits findings only through
them (``RULE.finding(evidence, origin, **values)``), so a code, its points and its words
live in one place. A rule that caps the overall score (a hard red flag) says so with
``cap``; the scoring refers to rules, never to code strings. Points that depend on the
page (a source's rating, diminishing returns of evidence) are declared ``variable`` with
the bounds they stay within.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from factcheck.i18n import LocalText
from factcheck.report import Finding


class UndeclaredRuleError(LookupError):
    """A finding code that no step declares (a programming error, caught by the tests)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of finding: ``code`` is ``"<step>.<name>"``."""

    code: str
    points: int  # signed; 0 = information only
    message: LocalText  # may hold ``{placeholders}`` filled by :meth:`finding`
    cap: int | None = None  # the overall score cannot exceed this when the finding is present
    variable: tuple[int, int] | None = None  # (low, high) when points depend on the page

    @property
    def step(self) -> str:
        return self.code.split(".", 1)[0]

    def finding(
        self,
        evidence: str = "",
        origin: str = "",
        *,
        points: int | None = None,
        message: LocalText | None = None,
        fill: Mapping[str, object] | None = None,
        **values: object,
    ) -> Finding:
        """The finding, its message filled with ``values`` (or a ready ``fill`` mapping).

        ``points`` may differ from the declared points only for a ``variable`` rule, and only
        within its bounds (``tests/test_house.py`` checks every finding on every page we have;
        at run time a stray value is kept rather than losing the step). ``message`` replaces
        the declared words when a rule's message is built from several declared parts (the
        parts still live in the step's rules module).
        """
        impact = self.points if points is None else points
        text = message if message is not None else self.message
        values = {**(fill or {}), **values}
        return Finding(
            self.code, impact, text.format(**values) if values else text, evidence, origin
        )

    def allows(self, impact: int) -> bool:
        """Whether ``impact`` is what this rule may give."""
        low, high = self.variable or (self.points, self.points)
        return low <= impact <= high


def rule_index(rules: Iterable[Rule]) -> Mapping[str, Rule]:
    """Rules by code; a code declared twice is an error."""
    index: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in index:
            raise ValueError(f"finding code {rule.code} is declared twice")
        index[rule.code] = rule
    return index


def caps_of(rules: Iterable[Rule]) -> Mapping[str, int]:
    """Code -> cap of the rules that are hard red flags."""
    return {rule.code: rule.cap for rule in rules if rule.cap is not None}
