"""Step 6's findings: code, points and message, declared once (see :mod:`factcheck.rules`).

A manipulative-language category costs its points once a few sentences show it, double
with three or more; one emotional word in a calm text costs nothing. Words the page negates
or quotes in order to refute ("does not cure", "网传…是谣言") never count.
"""

from __future__ import annotations

from factcheck.i18n import T
from factcheck.rules import Rule

#: Points per category (a few sentences of it); three sentences or more cost double.
IMPACT: dict[str, int] = {
    "fear": -4,
    "outrage": -4,
    "urgency": -4,
    "absolute": -5,
    "us_vs_them": -4,
    "conspiracy": -6,
    "share_call": -5,
    "miracle_cure": -6,
    "advice_without_caveat": -5,
}
CALM_POINTS = 15  # enough text and none of the cues
CAVEAT_POINTS = 5  # health advice that sends the reader to a doctor

_USES = T(
    "The page uses {label_en} ({words}) in {n} sentence(s): notice how it makes you feel.",
    "网页有 {n} 句使用了{label_zh}（{words}）：留意它给您带来的感受。",
)

SIGNAL_RULES: dict[str, Rule] = {
    category: Rule(f"bias.{category}", points, _USES, variable=(2 * points, 0))
    for category, points in IMPACT.items()
    if category != "advice_without_caveat"
}
ADVICE_WITHOUT_CAVEAT = Rule(
    "bias.advice_without_caveat",
    IMPACT["advice_without_caveat"],
    T(
        "The page tells readers what to take or eat but never says to ask a doctor.",
        "网页教读者吃什么、用什么，却没有提醒“仅供参考，具体请遵医嘱”。",
    ),
    variable=(2 * IMPACT["advice_without_caveat"], 0),
)
SIGNAL_RULES["advice_without_caveat"] = ADVICE_WITHOUT_CAVEAT
HAS_CAVEAT = Rule(
    "bias.has_caveat",
    CAVEAT_POINTS,
    T(
        "The page's health advice tells readers to check with a doctor.",
        "网页的健康建议提醒读者咨询医生。",
    ),
)
CALM_LANGUAGE = Rule(
    "bias.calm_language",
    CALM_POINTS,
    T(
        "The language is calm: {n} sentences, no manipulative phrasing, at most a stray "
        "emotional word.",
        "用语平和：{n} 个句子中没有操控性措辞，最多只有个别带情绪的词。",
    ),
)
REFUTED = Rule(
    "bias.refuted_claims",
    0,
    T(
        "The page quotes or denies claims in order to refute them ({words}); those words "
        "are not counted as its own.",
        "网页引用或否定某些说法是为了辟谣（{words}），这些字眼不算作网页自己的用语。",
    ),
)

RULES: tuple[Rule, ...] = (
    *SIGNAL_RULES.values(),
    HAS_CAVEAT,
    CALM_LANGUAGE,
    REFUTED,
)
