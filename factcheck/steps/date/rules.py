"""Step 4's findings: code, points and message, declared once (see :mod:`factcheck.rules`).

Age is a warning, not a verdict: an old page loses a few points (its step shows "warn" with
the date), never enough to fail the step; the combiner decides how much age matters next to
the other steps. Fast-moving topics (COVID-19, vaccines ...) reach "stale" sooner
(:mod:`factcheck.steps.date.freshness`), and "very stale" past twice that.
"""

from __future__ import annotations

from factcheck.i18n import T
from factcheck.rules import Rule

PUBLISHED_FOUND = Rule(
    "date.published_found",
    10,
    T("The page says when it was published: {d}.", "页面注明了发布日期：{d}。"),
)
FUTURE = Rule(
    "date.future",
    -30,
    T(
        "The publication date {d} is in the future: the date is wrong or made up.",
        "发布日期 {d} 晚于今天：日期有误或为编造。",
    ),
)
CURRENT = Rule(
    "date.current",
    10,
    T(
        "Dated {d} ({a} ago): recent enough for this topic.",
        "日期为 {d}（{az}前），对该话题而言较新。",
    ),
)
STALE = Rule(
    "date.stale",
    -10,
    T(
        "Dated {d}, {a} ago: it may be out of date, or an old story shared again as new. "
        "Age alone does not make it wrong: check that it still holds.",
        "日期为 {d}，已过去{az}：内容可能已过时，或是旧闻被当作新闻再次转发。"
        "内容旧不等于错误：请确认其如今是否仍然成立。",
    ),
)
VERY_STALE = Rule(
    "date.very_stale",
    -15,
    T(
        "Dated {d}, {a} ago, on a topic where advice changes fast: it may well be out of "
        "date, or an old story shared again as new.",
        "日期为 {d}，已过去{az}，而该话题的建议更新很快：内容很可能已过时，"
        "或是旧闻被当作新闻再次转发。",
    ),
)
UPDATED = Rule(
    "date.updated",
    5,
    T(
        "First published {p}, updated {m} ({g} later): check what changed.",
        "首次发布于 {p}，{m} 更新（相隔{gz}）：请留意改动了什么。",
    ),
)
REVIEWED = Rule("date.reviewed", 5, T("Medically reviewed on {d}.", "医学审核日期：{d}。"))
FAST_TOPIC = Rule(
    "date.fast_topic",
    0,
    T(
        "The page is about {t}: advice on it changes quickly, so its age matters more.",
        "页面涉及{tz}：相关建议更新很快，发布时间更加重要。",
    ),
)

RULES = (PUBLISHED_FOUND, FUTURE, CURRENT, STALE, VERY_STALE, UPDATED, REVIEWED, FAST_TOPIC)
