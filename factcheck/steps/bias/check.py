"""Step 6: Check your biases.

Not "is this outlet left or right" but "what is this page doing to me?": fear, outrage,
urgency, absolute promises, us-versus-them and conspiracy framing, calls to share,
miracle cures, and health advice with no "ask your doctor" caveat. Each is shown with the
exact sentences, then turned into two to four questions the reader can ask themselves.
This step informs more than it judges: it weighs least in the overall score
(:data:`factcheck.scoring.WEIGHTS`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.i18n import LocalText, T
from factcheck.lang.bias_cues import BIAS_CUES, BIAS_LABELS, CAVEAT, MEDICAL_ADVICE
from factcheck.lang.detect import language_of
from factcheck.lang.negation import debunk_context, negated
from factcheck.page.model import Page
from factcheck.report import Finding, Status
from factcheck.steps.base import Check, CheckContext, StepOutcome
from factcheck.steps.bias import rules
from factcheck.steps.bias.rules import IMPACT
from factcheck.steps.bias.sentences import Keep, SentenceIndex, first_match, split_sentences

#: Emotional categories that plain reporting also uses now and then ("deadly outbreak").
MILD = frozenset({"fear", "outrage", "urgency", "absolute", "us_vs_them"})
MIN_TEXT_CHARS = 80
MAX_EVIDENCE = 3  # sentences quoted per category
MAX_SENTENCE = 240

QUESTIONS: dict[str, LocalText] = {
    "fear": T(
        "Is this page trying to scare me? What would I think of the same facts told calmly?",
        "这篇内容是不是在吓唬我？如果平静地讲同样的事实，我会怎么看？",
    ),
    "outrage": T(
        "Does it make me angry, and is my anger helping me judge whether it is true?",
        "它是否让我感到愤怒？这种愤怒有助于我判断真假吗？",
    ),
    "urgency": T(
        "Why must I act right now? Would waiting a day to check it hurt anyone?",
        "为什么要我立刻行动？等一天核实清楚，会有什么损失吗？",
    ),
    "absolute": T(
        "Is anything in health really 100% or 'always'? Who besides this page says so?",
        "健康问题真的有“百分之百”“绝对”吗？除了这篇内容，还有谁这样说？",
    ),
    "us_vs_them": T(
        "Does it split people into 'us' and 'them'? Do I agree because it flatters my side?",
        "它是否把人分成“我们”和“他们”？我认同它，是不是因为它迎合了我的立场？",
    ),
    "conspiracy": T(
        "If experts were really hiding this, how would this page know? "
        "Can an official source confirm it?",
        "如果专家真的在隐瞒，这个网页又是怎么知道的？能在官方渠道查到吗？",
    ),
    "share_call": T(
        "Why does it want me to share it? Would I still share it after checking one other source?",
        "它为什么要我转发？核实过另一个来源之后，我还会转发吗？",
    ),
    "miracle_cure": T(
        "Does it promise a cure that sounds too good to be true? "
        "What do my doctor and health authorities say?",
        "它是否承诺了好得难以置信的疗效？医生和卫生部门怎么说？",
    ),
    "advice_without_caveat": T(
        "It tells me what to take or eat without telling me to ask a doctor: "
        "would my doctor agree?",
        "它教我吃什么、用什么，却没有提醒我咨询医生：我的医生会同意吗？",
    ),
}
DEFAULT_QUESTIONS = (
    T(
        "Do I want this to be true? Would I accept it as easily if it said the opposite?",
        "我是不是希望它是真的？如果它说的正好相反，我还会这么轻易相信吗？",
    ),
    T(
        "Have I checked what a health authority says before I believe or share it?",
        "在相信或转发之前，我查过卫生部门的说法吗？",
    ),
)
INFORMS = T(
    "This step informs you rather than judging the page: it weighs least in the overall score.",
    "这一步是提醒，而非评判网页：它在总分中的权重最低。",
)


@dataclass(frozen=True)
class Signal:
    """A bias category and the sentences that show it."""

    category: str
    sentences: tuple[str, ...]
    matches: tuple[str, ...]


class BiasCheck(Check):
    id = "bias"
    number = 6
    rules = rules.RULES
    title = T("Check your biases", "审视自身偏见")
    advice = T(
        "Ask yourself why you want to believe or share this.",
        "问问自己：为什么想相信或转发这条内容？",
    )

    def run(self, page: Page, ctx: CheckContext) -> StepOutcome:
        text = "\n".join(part for part in (page.title, page.text) if part)
        lang = language_of(text, page.language)
        if lang not in ("en", "zh"):
            return _unknown(
                T(
                    "The page is neither English nor Chinese; its language was not analysed.",
                    "网页既非中文也非英文，未分析其用语。",
                )
            )
        if len(text) < MIN_TEXT_CHARS:
            return _unknown(T("Too little text to analyse.", "文字太少，无法分析。"))
        reading = read(text, lang)
        questions = pick_questions(reading.signals)
        data: dict[str, Any] = {
            "language": lang,
            "signals": {s.category: list(s.sentences) for s in reading.signals},
            "refuted": {s.category: list(s.sentences) for s in reading.refuted},
            "questions": [q.to_dict() for q in questions],
            "advice_sentences": reading.advice_sentences,
            "has_caveat": bool(reading.caveat),
        }
        return StepOutcome(findings=reading.findings, data=data, advice=_advice(questions))


@dataclass(frozen=True)
class Reading:
    """What the bias step sees in a text: its signals and the findings they make."""

    sentences: int
    signals: tuple[Signal, ...]
    advice_sentences: int
    caveat: str  # the "ask your doctor" text found, or ""
    findings: tuple[Finding, ...]
    refuted: tuple[Signal, ...] = ()  # matches the page negates or quotes to refute


def read(text: str, lang: str, *, negation: bool = True) -> Reading:
    """Signals and findings for ``text`` in ``lang`` ("en" or "zh"); no page needed.
    ``negation=False`` counts negated and refuted words too (the evaluation's baseline)."""
    sentences = SentenceIndex(split_sentences(text))
    context = _debunk_context(sentences, lang) if negation else None
    signals = _signals(sentences, lang, context)
    refuted = _signals(sentences, lang, context, refuted=True) if context is not None else []
    advice_lines = [s for s, _ in sentences.matching(MEDICAL_ADVICE[lang])]
    caveat = first_match(CAVEAT[lang], text)
    if advice_lines and not caveat:
        signals.append(Signal("advice_without_caveat", tuple(advice_lines[:MAX_EVIDENCE]), ()))
    calm = is_calm(signals)
    findings = [_finding(s, calm) for s in signals]
    if advice_lines and caveat:
        findings.append(_caveat_finding(caveat))
    if calm:
        findings.append(_calm_finding(len(sentences.sentences), signals))
    if refuted:
        findings.append(_refuted_finding(refuted))
    return Reading(
        len(sentences.sentences),
        tuple(signals),
        len(advice_lines),
        caveat,
        tuple(findings),
        tuple(refuted),
    )


def find_signals(sentences: Sequence[str], lang: str) -> list[Signal]:
    """Each bias category present, with up to three sentences as evidence."""
    index = SentenceIndex(sentences)
    return _signals(index, lang, _debunk_context(index, lang))


def _keeper(lang: str, refuted: bool, context: bool) -> Keep:
    """Keep the matches the page says in its own voice (or, with ``refuted``, the others)."""

    def keep(sentence: str, match: re.Match[str]) -> bool:
        return negated(sentence, match.start(), match.end(), lang, context) == refuted

    return keep


def _debunk_context(sentences: SentenceIndex, lang: str) -> bool:
    """Whether the text reads as a debunk (:func:`debunk_context`), on its lower-cased text."""
    return debunk_context(sentences.joined, lang, sentences.folded)


def _signals(
    sentences: SentenceIndex, lang: str, context: bool | None, *, refuted: bool = False
) -> list[Signal]:
    """Each category present, with up to three sentences; with ``refuted``, the categories
    whose words the page negates or quotes in order to refute them. ``context``: whether
    the text reads as a debunk (:func:`_debunk_context`); None counts negated and refuted
    words too."""
    signals = []
    keep = _keeper(lang, refuted, context) if context is not None else None
    for cue in BIAS_CUES[lang]:
        shown = sentences.matching(cue.pattern, MAX_EVIDENCE, cue.keywords, keep)
        if shown:
            signals.append(
                Signal(cue.category, tuple(_trim(s) for s, _ in shown), tuple(m for _, m in shown))
            )
    return signals


def pick_questions(signals: Sequence[Signal]) -> list[LocalText]:
    """Two to four questions: the strongest signals first, general ones to fill."""
    ranked = sorted(signals, key=lambda s: (-len(s.sentences), -abs(IMPACT[s.category])))
    questions = [QUESTIONS[s.category] for s in ranked[:4]]
    for default in DEFAULT_QUESTIONS:
        if len(questions) < 2:
            questions.append(default)
    return questions


def _trim(sentence: str) -> str:
    return sentence if len(sentence) <= MAX_SENTENCE else sentence[: MAX_SENTENCE - 1] + "…"


def _label(category: str) -> LocalText:
    if category == "advice_without_caveat":
        return T("health advice without a caveat", "未提示遵医嘱的健康建议")
    return BIAS_LABELS[category]


def _finding(signal: Signal, calm: bool) -> Finding:
    label = _label(signal.category)
    impact = IMPACT[signal.category] * (2 if len(signal.sentences) >= MAX_EVIDENCE else 1)
    if len(signal.sentences) == 1 and signal.category in MILD:
        # one emotional word is common in plain news: shown, and costs nothing on a calm page
        impact = 0 if calm else round(impact / 2)
    return rules.SIGNAL_RULES[signal.category].finding(
        " | ".join(signal.sentences),
        "text",
        points=impact,
        label_en=label.en,
        label_zh=label.zh,
        words="、".join(dict.fromkeys(signal.matches)),
        n=len(signal.sentences),
    )


def _caveat_finding(caveat: str) -> Finding:
    return rules.HAS_CAVEAT.finding(caveat, "text")


def is_calm(signals: Sequence[Signal]) -> bool:
    """No manipulative signal, and emotional words at most once per category."""
    return all(s.category in MILD and len(s.sentences) == 1 for s in signals)


def _calm_finding(n_sentences: int, signals: Sequence[Signal]) -> Finding:
    mild = "、".join(m for s in signals for m in s.matches)
    evidence = f"{n_sentences} sentences checked; mild words: {mild or '-'}"
    return rules.CALM_LANGUAGE.finding(evidence, "text", n=n_sentences)


def _refuted_finding(refuted: Sequence[Signal]) -> Finding:
    words = "、".join(dict.fromkeys(m for s in refuted for m in s.matches))
    sentences = list(dict.fromkeys(x for s in refuted for x in s.sentences))[:MAX_EVIDENCE]
    return rules.REFUTED.finding(" | ".join(sentences), "text", words=words)


def _advice(questions: Sequence[LocalText]) -> LocalText:
    return T(
        f"{INFORMS.en} Ask yourself: " + " ".join(q.en for q in questions),
        f"{INFORMS.zh}问问自己：" + "".join(q.zh for q in questions),
    )


def _unknown(reason: LocalText) -> StepOutcome:
    return StepOutcome(data={"questions": []}, status=Status.UNKNOWN, reason=reason)
