"""Step 2's findings: code, points and message, declared once (see :mod:`factcheck.rules`).

Messages use plain words: the cues and the strongest words of the headline. The model's
numbers (probability, weights) go to the step data and the finding's evidence, which the
report shows under technical details.
"""

from __future__ import annotations

from factcheck.i18n import T
from factcheck.rules import Rule

CLICKBAIT_HIGH = Rule(
    "headline.clickbait_high",
    -25,
    T(
        "The headline reads like clickbait: it is built to make you click or feel, not to "
        "inform{words_en}.",
        "标题很像“标题党”：它为吸引点击或刺激情绪而写，而不是为了传达信息{words_zh}。",
    ),
)
CLICKBAIT_LIKELY = Rule(
    "headline.clickbait_likely",
    -12,
    T(
        "The headline has several marks of clickbait{words_en}.",
        "标题带有多处“标题党”特征{words_zh}。",
    ),
)
CLICKBAIT_SOME = Rule(
    "headline.clickbait_some",
    -4,
    T(
        "The headline has a few marks of clickbait{words_en}.",
        "标题带有少量“标题党”特征{words_zh}。",
    ),
)
PLAIN = Rule(
    "headline.plain",
    12,
    T(
        "The headline is written plainly, like a news headline.",
        "标题平实，像新闻标题。",
    ),
)
SOBER_FORM = Rule(
    "headline.sober_form",
    0,
    T(
        "The headline is written as {form_en}, a form careful editors use too; with no "
        "other bait words it is not counted as clickbait.",
        "标题是{form_zh}，严谨的媒体也常用这种写法；没有其他诱导性字眼，不算“标题党”。",
    ),
)
SOBER_QUESTION = Rule(
    "headline.sober_question",
    0,
    T(
        "The headline is written as {form_en}; that alone does not make it clickbait, so it is "
        "not rated higher than a few marks.",
        "标题是{form_zh}；仅凭这种写法不能算“标题党”，因此最多只算带有少量特征。",
    ),
)
SENSATIONAL_CUES = Rule(
    "headline.sensational_cues",
    0,
    T("Sensational cues in the headline: {cues_en}.", "标题中的煽动性特征：{cues_zh}。"),
)
CLAIMS_MISSING = Rule(
    "headline.claims_missing_from_body",
    -12,
    T(
        "The headline says things the article never mentions again: {terms_en}.",
        "标题中的关键内容在正文里没有出现：{terms_zh}。",
    ),
)
SUPPORTED = Rule(
    "headline.supported_by_body",
    8,
    T(
        "The article body repeats the headline's key terms: {terms_en}.",
        "正文印证了标题中的关键词：{terms_zh}。",
    ),
)
WEAKLY_SUPPORTED = Rule(
    "headline.weakly_supported",
    -6,
    T(
        "Most of the headline's words are not in the article: {terms_en}.",
        "标题中的大部分词语在正文中找不到：{terms_zh}。",
    ),
)

#: Probability bands of the clickbait score (floor, rule), highest first.
BANDS: tuple[tuple[float, Rule], ...] = (
    (0.8, CLICKBAIT_HIGH),
    (0.5, CLICKBAIT_LIKELY),
    (0.2, CLICKBAIT_SOME),
    (0.0, PLAIN),
)

RULES: tuple[Rule, ...] = (
    CLICKBAIT_HIGH,
    CLICKBAIT_LIKELY,
    CLICKBAIT_SOME,
    PLAIN,
    SOBER_FORM,
    SOBER_QUESTION,
    SENSATIONAL_CUES,
    CLAIMS_MISSING,
    SUPPORTED,
    WEAKLY_SUPPORTED,
)
