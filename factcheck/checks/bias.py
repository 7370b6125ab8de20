"""Step 6: Check your biases (placeholder until its issue lands)."""

from __future__ import annotations

from ..report import Status
from ..text import T
from .base import Check, CheckContext, StepOutcome


class BiasCheck(Check):
    id = "bias"
    number = 6
    title = T("Check your biases", "审视自身偏见")
    advice = T("Ask yourself why you want to believe or share this.", "问问自己：为什么想相信或转发这条内容？")

    def run(self, page, ctx: CheckContext) -> StepOutcome:  # type: ignore[no-untyped-def]
        return StepOutcome(status=Status.UNKNOWN, reason=T("Not analysed yet.", "尚未分析。"))
