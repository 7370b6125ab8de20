"""Step 5: Examine the supporting evidence (placeholder until its issue lands)."""

from __future__ import annotations

from ..report import Status
from ..text import T
from .base import Check, CheckContext, StepOutcome


class EvidenceCheck(Check):
    id = "evidence"
    number = 5
    title = T("Examine the supporting evidence", "检查支持证据")
    advice = T("Look for sources you can verify: studies, official guidance, named experts.", "寻找可核实的依据：研究论文、官方指南、具名专家。")

    def run(self, page, ctx: CheckContext) -> StepOutcome:  # type: ignore[no-untyped-def]
        return StepOutcome(status=Status.UNKNOWN, reason=T("Not analysed yet.", "尚未分析。"))
