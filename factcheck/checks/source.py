"""Step 1: Assess the source (placeholder until its issue lands)."""

from __future__ import annotations

from ..report import Status
from ..text import T
from .base import Check, CheckContext, StepOutcome


class SourceCheck(Check):
    id = "source"
    number = 1
    title = T("Assess the source", "评估信息来源")
    advice = T("Who published this? Check the site or account is what it claims to be.", "是谁发布的？确认网站或账号确实是其自称的机构。")

    def run(self, page, ctx: CheckContext) -> StepOutcome:  # type: ignore[no-untyped-def]
        return StepOutcome(status=Status.UNKNOWN, reason=T("Not analysed yet.", "尚未分析。"))
