"""Step 2: Go beyond the headline.

Two questions, both answered with the words that decided them: is the headline written to
make people click (a trained model, sober forms and curated cues,
:mod:`factcheck.steps.headline.clickbait`), and does the body back up what the headline claims
(:mod:`factcheck.steps.headline.consistency`)? Messages name the words; numbers go to the data.
"""

from __future__ import annotations

from typing import Any

from factcheck.i18n import LocalText, T
from factcheck.lang.detect import language_of
from factcheck.lang.headline_forms import FORM_CAPS, FORM_LABELS
from factcheck.lang.script import count_han
from factcheck.page.model import Page
from factcheck.report import Finding, Status
from factcheck.steps.base import Check, CheckContext, StepOutcome
from factcheck.steps.headline import rules
from factcheck.steps.headline.clickbait import ClickbaitScore, score_headline
from factcheck.steps.headline.consistency import Support, headline_support

MIN_BODY_CHARS = 150  # below this the body is too short to judge the headline against
MAX_WORDS = 3  # strongest words quoted to the reader


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
        findings = [
            _band_finding(score),
            *_form_findings(score),
            *_cue_findings(score),
            *_support_findings(support),
        ]
        data.update(_score_data(score))
        data["consistency"] = _support_data(support)
        return StepOutcome(findings=tuple(findings), data=data, advice=_advice(score, support))


def _quoted(words: list[str]) -> tuple[str, str]:
    """("“a”, “b”", "“a”、“b”") for the reader, in each language."""
    return ", ".join(f"“{w}”" for w in words), "、".join(f"“{w}”" for w in words)


def _band_finding(score: ClickbaitScore) -> Finding:
    rule = next(rule for floor, rule in rules.BANDS if score.probability >= floor)
    terms = [t.text for t in score.terms_for if _readable(t.text, score.lang)]
    words = list(dict.fromkeys([h.text for h in score.cues] + terms))
    en, zh = _quoted(words[:MAX_WORDS])
    values = {
        "words_en": f" (words such as {en})" if en else "",
        "words_zh": f"（如{zh}）" if zh else "",
    }
    return rule.finding(_technical(score), "text", fill=values)


def _readable(term: str, lang: str) -> bool:
    """A term a reader recognises as words: a letter (en), two Chinese characters (zh)."""
    if lang == "en":
        return any(ch.isalpha() for ch in term)
    return count_han(term) >= 2


def _technical(score: ClickbaitScore) -> str:
    """The model's numbers, for the technical details (never in the message)."""
    terms = score.terms_for if score.probability >= 0.5 else score.terms_against
    words = ", ".join(f"“{t.text}” ({t.weight:+.2f})" for t in terms) or "-"
    cues = ", ".join(f"“{hit.text}”" for hit in score.cues) or "-"
    p_text = f"p={score.probability:.3f} (model {score.model_probability:.3f})"
    return f"{p_text}; words: {words}; cues: {cues}; form: {score.form or '-'}"


def _form_findings(score: ClickbaitScore) -> list[Finding]:
    if not score.capped:
        return []
    label = FORM_LABELS[score.form]
    rule = rules.SOBER_QUESTION if score.form in FORM_CAPS else rules.SOBER_FORM
    return [rule.finding(score.form, "text", form_en=label.en, form_zh=label.zh)]


def _cue_findings(score: ClickbaitScore) -> list[Finding]:
    """The sensational cues, in one information finding (they explain the band above)."""
    named = [(hit.cue.label, hit.text) for hit in score.cues]
    if score.shouting:
        named.append((T("words in capitals", "全大写的单词"), " ".join(score.capitals)))
    if not named:
        return []
    return [
        rules.SENSATIONAL_CUES.finding(
            " | ".join(text for _, text in named),
            "text",
            cues_en="; ".join(f"{label.en} “{text}”" for label, text in named),
            cues_zh="；".join(f"{label.zh}“{text}”" for label, text in named),
        )
    ]


def _listed(terms: list[str]) -> dict[str, str]:
    return {"terms_en": ", ".join(terms), "terms_zh": "、".join(terms)}


def _support_findings(support: Support | None) -> list[Finding]:
    if support is None:
        return []
    if support.missing_strong:
        missing = [t.text for t in support.missing_strong]
        return [rules.CLAIMS_MISSING.finding(", ".join(missing), "text", fill=_listed(missing))]
    if support.ratio >= 0.7:
        found = [t.text for t in support.terms if t.found]
        return [rules.SUPPORTED.finding(", ".join(found), "text", fill=_listed(found))]
    if support.ratio < 0.4 and len(support.terms) >= 3:
        absent = [t.text for t in support.terms if not t.found]
        return [rules.WEAKLY_SUPPORTED.finding(", ".join(absent), "text", fill=_listed(absent))]
    return []


def _score_data(score: ClickbaitScore) -> dict[str, Any]:
    return {
        "clickbait_probability": round(score.probability, 3),
        "model_probability": round(score.model_probability, 3),
        "top_terms": [t.to_dict() for t in score.terms_for],
        "plain_terms": [t.to_dict() for t in score.terms_against],
        "cues": [{"id": h.cue.id, "category": h.cue.category, "text": h.text} for h in score.cues],
        "capitals": list(score.capitals),
        "sober_form": score.form or None,
        "sober_form_capped": score.capped,
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
