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
CLAIM_RATED_MIXED = Rule("factcheckers.claim_rated_mixed", -10, _RATED)
CLAIM_RATED_UNPROVEN = Rule("factcheckers.claim_rated_unproven", -10, _RATED)
CLAIM_RATED_TRUE = Rule("factcheckers.claim_rated_true", 20, _RATED)
CLAIM_RATED_UNKNOWN = Rule("factcheckers.claim_rated_unknown", 0, _RATED)

PAGE_IS_FACT_CHECK = Rule(
    "factcheckers.page_is_fact_check",
    20,
    T(
        "This page is itself a fact-check by {reviewer} (ClaimReview markup), rating the "
        "claim {rating_en}. It is not the claim.",
        "本网页本身就是{reviewer}发布的事实核查（ClaimReview 标记），将该说法评为“{rating_zh}”，"
        "并非谣言本身。",
    ),
)
RELATED_REVIEWS = Rule(
    "factcheckers.related_reviews",
    0,
    T(
        "{count} fact-check(s) of related claims were found; read them to see whether they "
        "concern what this page says.",
        "找到 {count} 条相关说法的事实核查，请阅读并判断是否与本网页内容有关。",
    ),
)
CLAIM_REVIEW_UNREADABLE = Rule(
    "factcheckers.claim_review_unreadable",
    0,
    T(
        "The page seems to carry fact-check markup (ClaimReview) that cannot be read: the "
        "JSON-LD is malformed. Check the page by eye.",
        "网页似乎带有事实核查标记（ClaimReview），但其 JSON-LD 格式有误，无法读取。"
        "请人工查看网页。",
    ),
)
PAGE_IS_DEBUNK = Rule(
    "factcheckers.page_is_debunk",
    20,
    T(
        "This page is a debunk article listed in factcheck's debunk index.",
        "本网页是辟谣索引收录的辟谣文章。",
    ),
)
DEBUNK_MATCH = Rule(
    "factcheckers.debunk_match",
    -15,
    T(
        'A fact-checker has already refuted the claim this page makes: "{title}" '
        "({outlet}, {date_en}). Read it before you believe or share this page.",
        "已有辟谣文章驳斥了本网页的这一说法：“{title}”（{outlet}，{date_zh}）。"
        "相信或转发前请先阅读。",
    ),
)
REFUTES_DEBUNKED_CLAIM = Rule(
    "factcheckers.refutes_debunked_claim",
    15,
    T(
        'This page refutes a claim that fact-checkers have also refuted: "{title}" '
        "({outlet}, {date_en}). It quotes the rumour to correct it.",
        "本网页驳斥的说法也已被辟谣：“{title}”（{outlet}，{date_zh}）。网页引用该谣言是为了纠正它。",
    ),
)
RELATED_DEBUNKS = Rule(
    "factcheckers.related_debunks",
    0,
    T(
        "{count} debunk article(s) on related claims were found (linked below), for reading: "
        "they were not confirmed to concern this page's claim.",
        "找到 {count} 篇相关说法的辟谣文章（见下方链接），供参考阅读：未确认针对本网页的说法。",
    ),
)
ONLINE_LOOKUP_FAILED = Rule(
    "factcheckers.online_lookup_failed",
    0,
    T(
        "The online fact-check lookup (Google Fact Check Tools) failed: {reason}. The offline "
        "checks still ran; use the search links.",
        "在线事实核查查询（Google Fact Check Tools）失败：{reason}。离线检查已完成，"
        "请使用下方搜索链接。",
    ),
)

RULES = (
    CLAIM_RATED_FALSE,
    CLAIM_RATED_MISLEADING,
    CLAIM_RATED_MIXED,
    CLAIM_RATED_UNPROVEN,
    CLAIM_RATED_TRUE,
    CLAIM_RATED_UNKNOWN,
    PAGE_IS_FACT_CHECK,
    RELATED_REVIEWS,
    CLAIM_REVIEW_UNREADABLE,
    PAGE_IS_DEBUNK,
    DEBUNK_MATCH,
    REFUTES_DEBUNKED_CLAIM,
    RELATED_DEBUNKS,
    ONLINE_LOOKUP_FAILED,
)
