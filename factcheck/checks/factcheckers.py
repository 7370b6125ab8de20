"""Step 7: Turn to fact-checkers (placeholder until its issue lands)."""

from __future__ import annotations

from ..report import Status
from ..text import T
from .base import Check, CheckContext, StepOutcome


class FactcheckersCheck(Check):
    id = "factcheckers"
    number = 7
    title = T("Turn to fact-checkers", "求助事实核查机构")
    advice = T("See whether fact-checkers or health authorities have already examined this claim.", "查看事实核查机构或卫生部门是否已核查过这一说法。")

    def run(self, page, ctx: CheckContext) -> StepOutcome:  # type: ignore[no-untyped-def]
        return StepOutcome(status=Status.UNKNOWN, reason=T("Not analysed yet.", "尚未分析。"))
