"""Step 7's findings: code, points and message, declared once (see :mod:`factcheck.rules`)."""

from __future__ import annotations

from factcheck.i18n import T
from factcheck.rules import Rule

_RATED = T(
    "{reviewer} rated the claim this page makes as {rating_en} ({rating_text}{date}). "
    "Read the fact-check.",
    "{reviewer}已将本网页的说法评为“{rating_zh}”（原文评级：{rating_text}{date_zh}）。请阅读该核查文章。",
)
CLAIM_RATED_FALSE = Rule("factcheckers.claim_rated_false", -40, _RATED, cap=20)
CLAIM_RATED_MISLEADING = Rule("factcheckers.claim_rated_misleading", -25, _RATED, cap=40)

RULES = (CLAIM_RATED_FALSE, CLAIM_RATED_MISLEADING)
