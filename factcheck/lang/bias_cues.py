"""Step 6 lexicons: manipulative language (fear, outrage, urgency, absolute claims, us versus
them, conspiracy, calls to share, miracle cures), health advice and its caveats.

Each category is a pair of cues (English words, Chinese phrases) with the lower-case text every
match starts with, so the step can look for plain strings before running a pattern. Whether a
match is the page's own voice or a claim it refutes is decided by :mod:`factcheck.lang.negation`.
"""

from __future__ import annotations

import re

from factcheck.i18n import LocalText, T
from factcheck.lang.cues import Cue, cue


def _pair(
    cue_id: str, en_words: tuple[str, ...], zh: tuple[str, ...], en_also: tuple[str, ...] = ()
) -> tuple[Cue, Cue]:
    """An English and a Chinese cue for one bias category, from phrases (regex fragments):
    ``en_words`` match as whole words, ``en_also`` and ``zh`` anywhere."""
    label = BIAS_LABELS[cue_id]
    en_regex = "|".join([*en_also, rf"\b({'|'.join(en_words)})\b"])
    return (
        cue(cue_id, cue_id, en_regex, label, keywords=_keywords((*en_also, *en_words))),
        cue(cue_id, cue_id, "|".join(zh), label, keywords=_keywords(zh)),
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
        ("不敢说", "不让说", "不想让你知道", "被封杀", "被隐瞒", "一直在隐瞒", "刻意隐瞒",
         "内幕", "真相被(隐瞒|掩盖)", "惊人(的)?真相", "不为人知的真相", "删帖", "封锁消息",
         "专家都不说"),
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
        ("神药", "神奇功效", "奇效", "特效药", "秘方", "偏方", "灵丹妙药", "根治(?!欠薪)",
         "杀死癌细胞",
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
