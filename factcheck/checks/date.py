"""Step 4: Check the date (placeholder until its issue lands)."""

from __future__ import annotations

from ..report import Status
from ..text import T
from .base import Check, CheckContext, StepOutcome


class DateCheck(Check):
    id = "date"
    number = 4
    title = T("Check the date", "核对日期")
    advice = T("Is this recent, and is it still true today? Old stories are often re-shared.", "内容是否最新、现在是否仍然成立？旧闻常被重新转发。")

    def run(self, page, ctx: CheckContext) -> StepOutcome:  # type: ignore[no-untyped-def]
        return StepOutcome(status=Status.UNKNOWN, reason=T("Not analysed yet.", "尚未分析。"))
