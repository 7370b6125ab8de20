"""Step 2: Go beyond the headline.

Two questions, both answered with the words that decided them: is the headline written to
make people click (a trained model plus curated cues, :mod:`factcheck.clickbait`), and does
the body back up what the headline claims (:mod:`factcheck.consistency`)?
"""

from __future__ import annotations

from typing import Any

from factcheck.i18n import LocalText, T
from factcheck.lang.detect import language_of
from factcheck.page.model import Page
from factcheck.report import Finding, Status
from factcheck.steps.base import Check, CheckContext, StepOutcome
from factcheck.steps.headline import rules
from factcheck.steps.headline.clickbait import ClickbaitScore, score_headline
from factcheck.steps.headline.consistency import Support, headline_support

#: Probability bands of the clickbait score and the points each band moves.
BANDS: tuple[tuple[float, str, int], ...] = (
    (0.8, "headline.clickbait_high", -25),
    (0.5, "headline.clickbait_likely", -12),
    (0.2, "headline.clickbait_some", -4),
    (0.0, "headline.plain", 12),
)
MIN_BODY_CHARS = 150  # below this the body is too short to judge the headline against

_BAND_TEXT: dict[str, LocalText] = {
    "headline.clickbait_high": T(
        "The headline reads like clickbait (probability {p}): it is built to make you click "
        "or feel, not to inform.",
        "标题很像“标题党”（概率 {p}）：它为吸引点击或刺激情绪而写，而不是为了传达信息。",
    ),
    "headline.clickbait_likely": T(
        "The headline has several marks of clickbait (probability {p}).",
        "标题带有多处“标题党”特征（概率 {p}）。",
    ),
    "headline.clickbait_some": T(
        "The headline has a few marks of clickbait (probability {p}).",
        "标题带有少量“标题党”特征（概率 {p}）。",
    ),
    "headline.plain": T(
        "The headline is written plainly, like a news headline (clickbait probability {p}).",
        "标题平实，像新闻标题（“标题党”概率 {p}）。",
    ),
}


class HeadlineCheck(Check):
    id = "headline"
    number = 2
    rules = rules.RULES
    title = T("Go beyond the headline", "不要只看标题")
    advice = T(
        "Read the whole article: headlines are written to make you click.",
        "请阅读全文：标题往往为吸引点击而写。",
    )

    def run(self, page: Page, ctx: CheckContext) -> StepOutcome:
        headline = page.title
        lang = language_of(headline, page.language)
        data: dict[str, Any] = {
            "headline": headline,
            "language": lang,
            "clickbait_probability": None,
        }
        if not headline:
            return StepOutcome(
                data=data,
                status=Status.UNKNOWN,
                reason=T("The page has no headline.", "网页没有标题。"),
            )
        if lang not in ("en", "zh"):
            return StepOutcome(
                data=data,
                status=Status.UNKNOWN,
                reason=T(
                    "The page is neither English nor Chinese; the headline was not judged.",
                    "网页既非中文也非英文，未评估标题。",
                ),
            )
        score = score_headline(headline, ctx.resources.clickbait[lang])
        support = (
            headline_support(headline, page.text, lang)
            if len(page.text) >= MIN_BODY_CHARS
            else None
        )
        findings = [_band_finding(score), *_cue_findings(score), *_support_findings(support)]
        data.update(_score_data(score))
        data["consistency"] = _support_data(support)
        return StepOutcome(findings=tuple(findings), data=data, advice=_advice(score, support))


def _band_finding(score: ClickbaitScore) -> Finding:
    p = min(round(score.probability, 2), 0.99)  # a headline is never certainly bait
    code, impact = next((c, i) for floor, c, i in BANDS if score.probability >= floor)
    terms = score.terms_for if score.probability >= 0.5 else score.terms_against
    words = ", ".join(f"“{t.text}” ({t.weight:+.2f})" for t in terms) or "-"
    cues = ", ".join(f"“{hit.text}”" for hit in score.cues) or "-"
    p_text = f"p={score.probability:.3f} (model {score.model_probability:.3f})"
    evidence = f"{p_text}; words: {words}; cues: {cues}"
    return Finding(code, impact, _BAND_TEXT[code].format(p=p), evidence, "text")


def _cue_findings(score: ClickbaitScore) -> list[Finding]:
    """The sensational cues, in one information finding: their points are already in the
    probability finding above (they raise the probability)."""
    named = [(hit.cue.label, hit.text) for hit in score.cues]
    if score.shouting:
        named.append((T("words in capitals", "全大写的单词"), " ".join(score.capitals)))
    if not named:
        return []
    message = T("Sensational cues in the headline: {en}.", "标题中的煽动性特征：{zh}。").format(
        en="; ".join(f"{label.en} “{text}”" for label, text in named),
        zh="；".join(f"{label.zh}“{text}”" for label, text in named),
    )
    evidence = " | ".join(text for _, text in named)
    return [Finding("headline.sensational_cues", 0, message, evidence, "text")]


def _support_findings(support: Support | None) -> list[Finding]:
    if support is None:
        return []
    missing = support.missing_strong
    if missing:
        listed = ", ".join(t.text for t in missing)
        return [
            Finding(
                "headline.claims_missing_from_body",
                -12,
                T(
                    "The headline says things the article never mentions again: {m}.",
                    "标题中的关键内容在正文里没有出现：{m}。",
                ).format(m=listed),
                listed,
                "text",
            )
        ]
    found = [t.text for t in support.terms if t.found]
    if support.ratio >= 0.7:
        return [
            Finding(
                "headline.supported_by_body",
                8,
                T(
                    "The article body repeats the headline's key terms ({r:.0%} found).",
                    "正文印证了标题中的关键词（找到 {r:.0%}）。",
                ).format(r=support.ratio),
                ", ".join(found),
                "text",
            )
        ]
    if support.ratio < 0.4 and len(support.terms) >= 3:
        absent = ", ".join(t.text for t in support.terms if not t.found)
        return [
            Finding(
                "headline.weakly_supported",
                -6,
                T(
                    "Most of the headline's words are not in the article ({r:.0%} found).",
                    "标题中的大部分词语在正文中找不到（仅找到 {r:.0%}）。",
                ).format(r=support.ratio),
                absent,
                "text",
            )
        ]
    return []


def _score_data(score: ClickbaitScore) -> dict[str, Any]:
    return {
        "clickbait_probability": round(score.probability, 3),
        "model_probability": round(score.model_probability, 3),
        "top_terms": [t.to_dict() for t in score.terms_for],
        "plain_terms": [t.to_dict() for t in score.terms_against],
        "cues": [{"id": h.cue.id, "category": h.cue.category, "text": h.text} for h in score.cues],
        "capitals": list(score.capitals),
    }


def _support_data(support: Support | None) -> dict[str, Any] | None:
    if support is None:
        return None
    return {
        "support": round(support.ratio, 3),
        "terms": [{"text": t.text, "kind": t.kind, "found": t.found} for t in support.terms],
        "missing": [t.text for t in support.missing_strong],
    }


def _advice(score: ClickbaitScore, support: Support | None) -> LocalText:
    parts_en, parts_zh = [], []
    if score.probability >= 0.5:
        parts_en.append("The headline is written to grab attention: do not judge by it alone.")
        parts_zh.append("标题意在吸引眼球，不要只凭标题下判断。")
    if support is not None and support.flagged:
        parts_en.append("Some of what the headline claims is not in the article itself.")
        parts_zh.append("标题中的部分说法在正文里并没有出现。")
    parts_en.append("Read the whole article and check that it says what the headline says.")
    parts_zh.append("请读完全文，核对正文是否真的支持标题的说法。")
    return T(" ".join(parts_en), "".join(parts_zh))
