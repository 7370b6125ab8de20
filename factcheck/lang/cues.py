"""Curated, explainable cue lexicons for steps 2 (headline) and 6 (the reader's biases).

A cue is a regular expression with a category and, for headlines, a weight added to the
clickbait model's log-odds. The weights are set by hand (documented in training/README.md),
never fitted on the evaluation data: they carry what the small Chinese training set cannot
teach (震惊, 删前速看 ... hardly occur in news-site titles) and are shown to the reader as
evidence with the exact text they matched.
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
    weight: float = 0.0  # log-odds added to the clickbait score (headline cues only)
    #: Lower-case text every match starts with one of (bias cues); () when not known.
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class CueHit:
    """A cue and the exact text it matched."""

    cue: Cue
    text: str


def _cue(
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
    _cue("multi_exclamation", "shouting", r"!{2,}|\?!|!\?", _SHOUT, 1.0),
    _cue(
        "superlative",
        "superlative",
        r"\b(best|worst|most \w+|greatest|ever|shocking|unbelievable|incredible|amazing|"
        r"insane|jaw-dropping|mind-blowing|miracle|secret|genius|epic|horrifying)\b",
        _SUPERLATIVE,
        0.4,
    ),
    _cue(
        "teaser",
        "teaser",
        r"\b(you won'?t believe|what happens next|will blow your mind|this one (weird )?trick|"
        r"doctors hate|you need to know|here'?s why|here'?s what|the reason why|"
        r"what they don'?t tell you|nobody tells you|find out)\b",
        _TEASER,
        1.2,
    ),
    _cue(
        "urgency",
        "urgency",
        r"\b(urgent|breaking|act now|before it'?s too late|right now|immediately)\b",
        _URGENCY,
        0.6,
    ),
    _cue(
        "share", "share", r"\b(share this|share before|must share|spread the word)\b", _SHARE, 1.0
    ),
)

ZH_HEADLINE_CUES: tuple[Cue, ...] = (
    _cue(
        "shock",
        "shock",
        r"震惊|惊呆|吓人|吓坏|太可怕了?|可怕|恐怖|毛骨悚然|细思极恐|后背发凉",
        _SHOCK,
        1.5,
    ),
    _cue("unbelievable", "shock", r"竟然|居然|没想到|万万没想到|不敢相信", _SHOCK, 0.8),
    _cue(
        "urgent_read",
        "urgency",
        r"速看|删前速看|赶紧看|快看|马上看|紧急扩散|紧急通知|紧急提醒|十万火急|刚刚|突发|重磅|注意了?！",
        _URGENCY,
        1.2,
    ),
    _cue(
        "must_read",
        "teaser",
        r"必看|一定要看|不看后悔|看完|99%的人|90%的人|很多人不知道|都不知道|没人告诉你|真相|内幕|原来是",
        _TEASER,
        1.2,
    ),
    _cue("share", "share", r"转发|扩散|告诉家人|给家人|分享给", _SHARE, 1.5),
    _cue("shouting", "shouting", r"[!！?？]{2,}", _SHOUT, 1.0),
    _cue(
        "brackets",
        "shouting",
        r"【[^】]{1,12}】",
        T("shouting brackets 【】", "【】式醒目标签"),
        0.6,
    ),
    _cue(
        "listicle",
        "listicle",
        r"这\s*[0-9一二三四五六七八九十几]+\s*(种|个|样|类|件|招|大)",
        _LISTICLE,
        1.0,
    ),
    _cue(
        "hype",
        "superlative",
        r"最好|最强|最可怕|史上最|全网|疯传|神药|神奇|奇效|千万不要|千万别|一定不要",
        _SUPERLATIVE,
        0.8,
    ),
)

HEADLINE_CUES: dict[str, tuple[Cue, ...]] = {"en": EN_HEADLINE_CUES, "zh": ZH_HEADLINE_CUES}

_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")


def shouting_capitals(headline: str) -> list[str]:
    """Words in capitals that are not known acronyms (e.g. "SHOCKING", "MUST")."""
    return [w for w in _CAPS_WORD.findall(headline) if w not in ACRONYMS]


CAPITALS_WEIGHT = 1.0  # added once when the headline shouts (see :func:`shouts`)


def shouts(capitals: list[str] | tuple[str, ...]) -> bool:
    """Two shouting words, or one long one ("STUNNED", "SHOCKING", "URGENT")."""
    return len(capitals) >= 2 or any(len(w) >= 6 for w in capitals)


# -- step 6: manipulative language ---------------------------------------------------------


def _pair(
    cue_id: str, en_words: tuple[str, ...], zh: tuple[str, ...], en_also: tuple[str, ...] = ()
) -> tuple[Cue, Cue]:
    """An English and a Chinese cue for one bias category, from phrases (regex fragments):
    ``en_words`` match as whole words, ``en_also`` and ``zh`` anywhere."""
    label = BIAS_LABELS[cue_id]
    en_regex = "|".join([*en_also, rf"\b({'|'.join(en_words)})\b"])
    return (
        _cue(cue_id, cue_id, en_regex, label, keywords=_keywords((*en_also, *en_words))),
        _cue(cue_id, cue_id, "|".join(zh), label, keywords=_keywords(zh)),
    )


_OPERATORS = frozenset("\\^$.|?*+()[]{}")


def _keywords(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The literal text each phrase's matches start with, or () when a phrase starts with
    an operator (then a text cannot be ruled out by looking for plain strings). A phrase
    is one alternative: a top-level ``|`` would end its literal start too early."""
    keywords = []
    for phrase in phrases:
        end = next((i for i, ch in enumerate(phrase) if ch in _OPERATORS), len(phrase))
        if end < len(phrase) and phrase[end] in "?*{":
            end -= 1  # "cures?" -> "cure": the quantifier makes the last letter optional
        if end <= 0:
            return ()
        keywords.append(phrase[:end])
    return tuple(dict.fromkeys(keywords))


#: What each bias category means to a reader.
BIAS_LABELS: dict[str, LocalText] = {
    "fear": T("fear", "恐吓性语言"),
    "outrage": T("outrage", "激起愤怒的语言"),
    "urgency": T("urgency", "制造紧迫感的语言"),
    "absolute": T("absolute claims", "绝对化说法"),
    "us_vs_them": T("us-versus-them framing", "“我们对他们”的对立叙事"),
    "conspiracy": T("conspiracy framing", "阴谋论式叙事"),
    "share_call": T("calls to share", "号召转发"),
    "miracle_cure": T("miracle-cure claims", "神奇疗效说法"),
}

# fmt: off
_BIAS_PAIRS = (
    _pair(
        "fear",
        ("terrifying", "deadly", "killer", "scary", "frightening", "horrifying", "nightmare",
         "dangerous", "poison(ous)?", "toxic", "time bomb", "silent killer", "could kill",
         "you could die"),
        ("致命", "致癌", "可怕", "恐怖", "吓人", "(?<!病)毒药", "剧毒", "夺命", "杀手", "定时炸弹",
         "后果不堪设想", "要命"),
    ),
    _pair(
        "outrage",
        ("outrageous", "disgusting", "disgrace(ful)?", "scandal(ous)?", "betrayal", "shameful",
         "evil", "criminal", "lies", "liars?", "fury", "furious"),
        ("无耻", "可耻", "丧心病狂", "令人发指", "愤怒", "气愤", "骗局", "黑心", "坑人", "良心何在",
         "天理难容"),
    ),
    _pair(
        "urgency",
        ("act now", "urgent(ly)?", "before it'?s too late", "immediately", "right now",
         "don'?t wait", "hurry", "last chance", "breaking"),
        ("紧急扩散", "赶紧", "马上", "立刻", "速看", "删前", "刻不容缓", "十万火急",
         "再不.{0,6}就晚了", "趁还没删"),
    ),
    _pair(
        "absolute",
        ("always", "never", "guaranteed", "completely cures?", "totally", "everyone knows",
         "no doubt", "proven to", "without exception", "permanently"),
        (r"100\s?%", "百分之百", "绝对", "根治", "包治百病", "彻底治愈", "永不复发", "一定会",
         "从来不", "所有人都", "无一例外", "保证有效", "保证治好"),
        en_also=(r"100\s?%",),
    ),
    _pair(
        "us_vs_them",
        ("they want you", "the elites?", "big pharma", "mainstream media", "the establishment",
         "wake up", "sheeple", "people like us", "real americans", "enemies"),
        ("西医", "洋药", "资本家", "既得利益", "外国势力", "他们不想让", "醒醒吧", "咱们老百姓",
         "普通人被蒙在鼓里"),
    ),
    _pair(
        "conspiracy",
        ("they don'?t want you to know", "cover(ed)?[- ]up", "hidden truth", "suppressed",
         "what doctors won'?t tell", "the truth about", "banned (video|study)", "censored",
         "secret"),
        ("不敢说", "不让说", "不想让你知道", "被封杀", "被隐瞒", "隐瞒", "内幕", "真相", "揭秘",
         "删帖", "封锁消息", "专家都不说"),
    ),
    _pair(
        "share_call",
        ("share (this|it|now|before)", "forward (this|to)", "spread the word", "tell everyone",
         "send this to"),
        ("转发", "扩散", "分享给", "告诉家人", "给家人", "让更多人知道", "发给", "传给"),
    ),
    _pair(
        "miracle_cure",
        ("miracle", "cures? (cancer|diabetes|covid|everything)", "wonder (drug|cure)",
         "melts? (fat|away)", "detox", "reverses? (aging|diabetes)", "natural cure",
         "kills? (cancer|the virus)"),
        ("神药", "神奇功效", "奇效", "特效药", "秘方", "偏方", "灵丹妙药", "根治", "杀死癌细胞",
         "排毒", "药到病除", "包治", "一周见效", "立竿见影"),
    ),
)
# fmt: on

BIAS_CUES: dict[str, tuple[Cue, ...]] = {
    "en": tuple(pair[0] for pair in _BIAS_PAIRS),
    "zh": tuple(pair[1] for pair in _BIAS_PAIRS),
}

#: Sentences that tell the reader what to take, eat or drink (health advice).
MEDICAL_ADVICE: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"^(?:just |simply )?(take|drink|eat|stop taking|avoid|try|mix|boil|apply|gargle)\b|"
        r"\b(you should|you must|make sure to|be sure to) (take|drink|eat|stop|avoid|use)\b|"
        r"\b\d+ (times a day|cups?|glasses|tablespoons?|teaspoons?|mg)\b",
        re.IGNORECASE,
    ),
    "zh": re.compile(
        r"每天.{0,6}(吃|喝|服)|多吃|少吃|多喝|常喝|坚持喝|坚持吃|泡水喝|空腹喝|空腹吃|服用|停药|"
        r"一天.{0,4}次|一次.{0,4}(克|毫克|片|勺)"
    ),
}

#: Caveats that send the reader to a professional ("not medical advice").
CAVEAT: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"not (a substitute for |intended as )?medical advice|consult (your|a) (doctor|physician|"
        r"health)|talk to your (doctor|gp|pharmacist)|ask your (doctor|pharmacist)|"
        r"seek medical (advice|attention|help)|see a doctor",
        re.IGNORECASE,
    ),
    "zh": re.compile(r"仅供参考|遵医嘱|咨询医生|请咨询|在医生指导下|遵从医嘱|就医|专业医生"),
}


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
