"""Step 2: Go beyond the headline (placeholder until its issue lands)."""

from __future__ import annotations

from ..report import Status
from ..text import T
from .base import Check, CheckContext, StepOutcome


class HeadlineCheck(Check):
    id = "headline"
    number = 2
    title = T("Go beyond the headline", "不要只看标题")
    advice = T("Read the whole article: headlines are written to make you click.", "请阅读全文：标题往往为吸引点击而写。")

    def run(self, page, ctx: CheckContext) -> StepOutcome:  # type: ignore[no-untyped-def]
        return StepOutcome(status=Status.UNKNOWN, reason=T("Not analysed yet.", "尚未分析。"))
