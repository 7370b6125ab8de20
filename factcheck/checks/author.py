"""Step 3: Identify the author (placeholder until its issue lands)."""

from __future__ import annotations

from ..report import Status
from ..text import T
from .base import Check, CheckContext, StepOutcome


class AuthorCheck(Check):
    id = "author"
    number = 3
    title = T("Identify the author", "确认作者")
    advice = T("Search the author's name: are they real, and are they qualified?", "搜索作者姓名：此人是否真实存在、是否具备相关资质？")

    def run(self, page, ctx: CheckContext) -> StepOutcome:  # type: ignore[no-untyped-def]
        return StepOutcome(status=Status.UNKNOWN, reason=T("Not analysed yet.", "尚未分析。"))
