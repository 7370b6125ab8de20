"""Curated, explainable cue lexicons for step 2 (headline); step 6's are in
:mod:`factcheck.lang.bias_cues`.

A cue is a regular expression with a category and, for headlines, a hand-set strength. Cues
explain: they are shown to the reader as evidence with the exact text they matched. Whether
they should also move the clickbait probability was decided by cross-source validation
(issue 13, training/README.md): adding their strengths to the model's log-odds did not help
on unseen sources, so they do not. A strong cue (strength >= 1) keeps a sober-looking form
("…？官方回应") from capping the probability (:mod:`factcheck.steps.headline.clickbait`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from factcheck.i18n import LocalText, T


@dataclass(frozen=True)
class Cue:
    """One pattern, what it means, and how much it weighs."""

    id: str
    category: str
    pattern: re.Pattern[str]
    label: LocalText
    weight: float = 0.0  # strength of a headline cue (>= 1 overrides a sober form)
    #: Lower-case text every match starts with one of (bias cues); () when not known.
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class CueHit:
    """A cue and the exact text it matched."""

    cue: Cue
    text: str


def cue(
    cue_id: str,
    category: str,
    regex: str,
    label: LocalText,
    weight: float = 0.0,
    keywords: tuple[str, ...] = (),
) -> Cue:
    return Cue(cue_id, category, re.compile(regex, re.IGNORECASE), label, weight, keywords)


def find_cues(cues: Iterable[Cue], text: str) -> list[CueHit]:
    """Every cue that matches ``text``, once each, with its first match that does not lie
    inside another cue's match ("扩散" within "紧急扩散" is not a second cue)."""
    found = [(cue, [m.span() for m in cue.pattern.finditer(text) if m.group(0)]) for cue in cues]
    spans = [(cue, span) for cue, matches in found for span in matches]

    def inside(cue: Cue, span: tuple[int, int]) -> bool:
        return any(
            other is not cue and o[0] <= span[0] and span[1] <= o[1] and o != span
            for other, o in spans
        )

    hits = []
    for cue, matches in found:
        free = [span for span in matches if not inside(cue, span)]
        if free:
            start, end = free[0]
            hits.append(CueHit(cue, text[start:end]))
    return hits


# -- step 2: headline cues ----------------------------------------------------------------

_SHOUT = T("shouting punctuation", "连串的感叹号/问号")
_SUPERLATIVE = T("a superlative or hype word", "夸张或最高级用语")
_TEASER = T("a teaser that withholds the point", "故弄玄虚、吊胃口的说法")
_URGENCY = T("words that rush you", "制造紧迫感的用语")
_SHARE = T("a call to share", "号召转发的用语")
_SHOCK = T("a shock word", "惊吓类用语")
_LISTICLE = T("a list-style teaser", "清单式诱导说法")

#: Acronyms that are written in capitals for a reason and are not shouting.
ACRONYMS = frozenset(
    str.split(
        "WHO CDC NIH NHS FDA EU UN UK US USA COVID HIV AIDS DNA RNA MRNA AI CEO NASA UNICEF ICU "
        "GP BBC CNN NBC ABC CBS AP NYT SARS MERS FBI CIA NATO IVF BMI MRI ADHD UV NIAID "
        "UNAIDS OECD UNESCO PEPFAR"
    )
)

EN_HEADLINE_CUES: tuple[Cue, ...] = (
    cue("multi_exclamation", "shouting", r"!{2,}|\?!|!\?", _SHOUT, 1.0),
    cue(
        "superlative",
        "superlative",
        r"\b(best|worst|most \w+|greatest|ever|shocking|unbelievable|incredible|amazing|"
        r"insane|jaw-dropping|mind-blowing|miracle|secret|genius|epic|horrifying)\b",
        _SUPERLATIVE,
        0.4,
    ),
    cue(
        "teaser",
        "teaser",
        r"\b(you won'?t believe|what happens next|will blow your mind|this one (weird )?trick|"
        r"doctors hate|you need to know|here'?s why|here'?s what|the reason why|"
        r"what they don'?t tell you|nobody tells you|find out)\b",
        _TEASER,
        1.2,
    ),
    cue(
        "urgency",
        "urgency",
        r"\b(urgent|breaking|act now|before it'?s too late|right now|immediately)\b",
        _URGENCY,
        0.6,
    ),
    cue("share", "share", r"\b(share this|share before|must share|spread the word)\b", _SHARE, 1.0),
)

ZH_HEADLINE_CUES: tuple[Cue, ...] = (
    cue(
        "shock",
        "shock",
        r"震惊|惊呆|吓人|吓坏|太可怕了?|可怕|恐怖(?!袭击|分子|组织|主义)|毛骨悚然|细思极恐|后背发凉",
        _SHOCK,
        1.5,
    ),
    cue("unbelievable", "shock", r"竟然|居然|没想到|万万没想到|不敢相信", _SHOCK, 0.8),
    cue(
        "urgent_read",
        "urgency",
        r"速看|删前速看|赶紧看|快看|马上看|紧急扩散|紧急通知|紧急提醒|十万火急|刚刚|突发|重磅|注意了?！",
        _URGENCY,
        1.2,
    ),
    cue(
        "must_read",
        "teaser",
        r"必看|一定要看|不看后悔|看完|99%的人|90%的人|很多人不知道|都不知道|没人告诉你|"
        r"真相(竟|居然|令人|让人|太)|惊人真相|内幕|原来是",
        _TEASER,
        1.2,
    ),
    cue("share", "share", r"转发|扩散|告诉家人|给家人|分享给", _SHARE, 1.5),
    cue("shouting", "shouting", r"[!！?？]{2,}", _SHOUT, 1.0),
    cue(
        "brackets",
        "shouting",
        r"【[^】]{1,12}】",
        T("shouting brackets 【】", "【】式醒目标签"),
        0.6,
    ),
    cue(
        "listicle",
        "listicle",
        r"这\s*[0-9一二三四五六七八九十几]+\s*(种|个|样|类|件|招|大)",
        _LISTICLE,
        1.0,
    ),
    cue(
        "hype",
        "superlative",
        r"最好|最强|最可怕|史上最|全网|疯传|神药|神奇|奇效|千万不要(?!信)|千万别(?!信)|一定不要",
        _SUPERLATIVE,
        0.8,
    ),
)

HEADLINE_CUES: dict[str, tuple[Cue, ...]] = {"en": EN_HEADLINE_CUES, "zh": ZH_HEADLINE_CUES}

_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")


def shouting_capitals(headline: str) -> list[str]:
    """Words in capitals that are not known acronyms (e.g. "SHOCKING", "MUST")."""
    return [w for w in _CAPS_WORD.findall(headline) if w not in ACRONYMS]


CAPITALS_WEIGHT = 1.0  # cue strength of a headline that shouts (see :func:`shouts`)


def shouts(capitals: list[str] | tuple[str, ...]) -> bool:
    """Two shouting words, or one long one ("STUNNED", "SHOCKING", "URGENT")."""
    return len(capitals) >= 2 or any(len(w) >= 6 for w in capitals)


# -- fast case-insensitive search ------------------------------------------------------------


#: Letters IGNORECASE takes for an ASCII letter that their lower case is not (ı ~ i, ſ ~ s).
#: With İ (whose lower case is two characters) they are the only such code points: checked
#: over all of Unicode with Python 3.11's re.
_CASE_TRAPS = ("\u0131", "\u017f")


def case_folded(text: str) -> str | None:
    """``text`` lower-cased, or None when that would change what a pattern finds.

    Python's case-insensitive matching is slow (2-3x). In the lower-cased text, the
    lower-case pattern of :func:`case_sensitive` finds exactly the matches the original
    finds in ``text`` with IGNORECASE, at the same positions, unless a letter lower-cases
    to two characters (İ) or is one of :data:`_CASE_TRAPS`.
    """
    lower = text.lower()
    if len(lower) != len(text) or any(trap in text for trap in _CASE_TRAPS):
        return None
    return lower


@cache
def case_sensitive(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` without IGNORECASE, for :func:`case_folded` text; ``^`` also matches at
    each line start. None unless every cased letter of the pattern is a lower-case ASCII
    letter (others have case rules of their own)."""
    cased = (ch for ch in pattern.pattern if ch.lower() != ch.upper())
    if not all("a" <= ch <= "z" for ch in cased):
        return None
    return re.compile(pattern.pattern, (pattern.flags & ~re.IGNORECASE) | re.MULTILINE)
