"""Step findings: code, points and message, declared once (see :mod:`factcheck.rules`).

Being converted: the rules of this step still live in its check module (issue 11).
"""

from __future__ import annotations

from factcheck.rules import Rule

RULES: tuple[Rule, ...] = ()
