"""Fact-checkers' verdicts, normalised: five values from the words or numbers they publish.

Ratings are free text in every language and on every house scale: PolitiFact's "Pants on
Fire", Snopes' "Mixture", AFP's "Missing context", Full Fact's "Incorrect", Health
Feedback's "Inaccurate", Taiwan FactCheck Center's 錯誤 / 部分錯誤 / 事實釐清, MyGoPen's
謠言 / 詐騙 / 易誤解, Cofacts' 含有不實訊息, 腾讯较真's 谣言 / 有失实, Chequeado's "Engañoso",
Maldita's "Bulo", AFP Factuel's "Faux" / "Trompeur". :func:`rating_from_text` maps the
words, :func:`rating_from_number` a ``ratingValue`` on its ``worstRating``..``bestRating``
scale.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class Rating(StrEnum):
    FALSE = "false"
    MISLEADING = "misleading"
    MIXED = "mixed"
    TRUE = "true"
    UNPROVEN = "unproven"
    UNKNOWN = "unknown"  # a rating we cannot read


#: Checked in this order: the first rule whose pattern occurs wins. Order matters because
#: ratings nest: "部分属实" contains "属实", "partly false" contains "false", "not true"
#: contains "true", "inaccurate" contains "accurate", "parcialmente falso" contains "falso".
#: Mixed, then misleading, then negated forms therefore come before plain ones; true last.
_RATING_RULES: tuple[tuple[Rating, re.Pattern[str]], ...] = (
    (
        Rating.MIXED,
        re.compile(
            r"\bmix(?:ed|ture)\b|half[- ]true|partly (?:true|false)|"
            r"partially (?:true|false|correct)|part(?:ly)? correct|"
            r"部分属实|部分正确|部分错误|部分不实|半真半假|真假参半|有真有假|部分真实|"
            r"部分屬實|部分正確|部分錯誤|部分真實|真假參半|"
            r"parcialmente (?:falso|verdadero|cierto)|medio verdadero|verdad a medias|"
            r"en parte (?:falso|cierto|verdadero)|"
            r"partiellement (?:faux|vrai)|en partie (?:faux|vrai)|à moitié vrai|mélangé|"
            r"vrai et faux|\bmitigé"
        ),
    ),
    (
        Rating.MISLEADING,
        re.compile(
            r"misleading|missing context|lacks context|out of context|needs context|exaggerat|"
            r"distort|cherry[- ]pick|mostly false|manipulated|miscaptioned|misattributed|"
            r"flawed reasoning|imprecise|\baltered\b|"
            r"误导|夸大|断章取义|片面|不准确|不严谨|以偏概全|张冠李戴|言过其实|偷换概念|"
            r"誤導|易誤解|誇大|斷章取義|不準確|移花接木|缺乏(?:背景|脈絡)|"
            r"engañoso|enganoso|exagerad|sacado de contexto|fuera de contexto|falta contexto|"
            r"sin contexto|impreciso|mayormente falso|"
            r"trompeur|trompeuse|exagéré|manque de contexte|sorti de son contexte|"
            r"hors contexte|imprécis|plutôt faux"
        ),
    ),
    (
        Rating.FALSE,
        re.compile(
            r"\bfalse\b|pants on fire|\bfake\b|incorrect|inaccurate|\bwrong\b|\buntrue\b|"
            r"not true|fabricat|\bhoax\b|\bscam\b|debunked|baseless|four pinocchios|"
            r"谣言|不实|虚假|假的|错误|伪科学|失实|捏造|编造|造谣|假新闻|不属实|不正确|不靠谱|"
            r"没有科学依据|无科学依据|并非如此|不是真的|假消息|不真实|不可信|"
            r"謠言|不實|虛假|錯誤|偽科學|假新聞|不屬實|不正確|假訊息|詐騙|變造|造假|"
            r"\bfals[oa]\b|\bbulo\b|\bmentira\b|\bmontaje\b|no es (?:cierto|verdad)|"
            r"\bfau(?:x|sse)\b|\bintox\b|infox|pas vrai|\barnaque\b"
        ),
    ),
    (
        Rating.UNPROVEN,
        re.compile(
            r"unproven|unverified|unsubstantiated|unsupported|unfounded|no evidence|"
            r"insufficient evidence|not proven|research in progress|too early|"
            r"尚无定论|未经证实|有待证实|证据不足|无法证实|尚无证据|没有证据|暂无定论|存疑|"
            r"有待研究|待证实|事實釐清|事实厘清|未經證實|證據不足|無法證實|尚無定論|待查證|"
            r"sin evidencia|no hay evidencia|sin pruebas|inchequeable|insostenible|no verificable|"
            r"infondé|non prouvé|invérifiable|pas de preuve|sans preuve"
        ),
    ),
    (
        Rating.TRUE,
        re.compile(
            r"\btrue\b|\bcorrect\b|\baccurate\b|\bverified\b|geppetto checkmark|"
            r"属实|正确|真实|确有其事|是真的|可信|有科学依据|屬實|正確|真實|"
            r"\bverdader[oa]\b|\bciert[oa]\b|\bvrai(?:e)?\b|\bexact\b"
        ),
    ),
)


def rating_from_text(text: str) -> Rating:
    """Map a textual rating in any of the known forms to a :class:`Rating`."""
    value = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not value:
        return Rating.UNKNOWN
    for rating, pattern in _RATING_RULES:
        if pattern.search(value):
            return rating
    return Rating.UNKNOWN


def rating_from_number(value: float, best: float = 5.0, worst: float = 1.0) -> Rating:
    """Place ``value`` on the ``worst``..``best`` scale (schema.org defaults 1..5)."""
    if best == worst:
        return Rating.UNKNOWN
    share = (value - worst) / (best - worst)
    if not 0.0 <= share <= 1.0:
        return Rating.UNKNOWN
    if share <= 0.2:
        return Rating.FALSE
    if share <= 0.45:
        return Rating.MISLEADING
    if share < 0.65:
        return Rating.MIXED
    return Rating.TRUE
