"""Language detection for the three cases factcheck handles: English, Chinese, other.

Deliberately small: the share of CJK ideographs tells Chinese apart, and the share of very
common English function words among Latin words tells English from other Latin-script
languages (German, French ...). Anything else is "other" rather than a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from factcheck.lang.script import HAN_CHAR

_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_EN_FUNCTION_WORDS = frozenset(
    str.split(
        "the of and to in is that for it as was with be by on not are this but from or have an "
        "they which you were her all she there would their we him been has when who will more "
        "no if out so said what up its about than into them can only other new some could "
        "these two may first then do any like my now over such our man me even most made after "
        "also did many before must through back years where much your way well down should "
        "because each just those people how too very"
    )
)

#: Very common function words of other Latin-script languages. When they outnumber the
#: English ones the text is not English (German "in", "an", "die" would otherwise pass).
_OTHER_FUNCTION_WORDS = frozenset(
    str.split(
        "der die das und ist nicht ein eine mit sich auf dem den des von zu für wird sind auch "
        "le la les et est une des du pour pas dans sur qui au avec sont "
        "el los las y es un una por para con del que se lo como más "
        "il di che non per gli della sono è anche "
        "o os um uma não com em da do dos são "
        "het een en van dat niet op zijn voor met "
        "yang dan ini itu dengan untuk tidak dari dalam akan pada juga ke"
    )
)
#: Other languages' function words that English does not share (one letter ones excluded).
_FOREIGN_ONLY = frozenset(
    w for w in _OTHER_FUNCTION_WORDS if len(w) > 1 and w not in _EN_FUNCTION_WORDS
)
_NON_ENGLISH_LETTERS = re.compile(r"[\u00c0-\u024f]")

OTHER = "other"


def detect_language(text: str, *, declared: str | None = None) -> str:
    """Return "zh", "en" or "other" for ``text``.

    ``declared`` (the page's ``<html lang>``) only decides when the text is too short to
    judge; the text itself wins otherwise, because CMS templates often declare the wrong one.
    """
    counts = _count(text[:5000])
    cjk, kana, words = counts.cjk, counts.kana, counts.words
    if cjk + kana + words < 4:
        return _from_declared(declared)
    if kana > cjk * 0.2 and kana > 5:
        return OTHER  # Japanese or Korean
    if cjk >= 10 and cjk >= words:
        return "zh"
    if not words:
        return "zh" if cjk else _from_declared(declared)
    english, foreign, accented = counts.english, counts.foreign, counts.accented
    share = english / words
    # Sports results and lists are thin on function words: with no foreign function word
    # and no accented letter, a lower share of English ones still decides.
    enough = (
        share >= 0.12
        or words < 12
        or (not foreign and not accented and english >= 3 and share >= 0.015)
    )
    if english > foreign and english > accented and enough:
        return "en"
    if cjk >= 4:
        return "zh"
    if words >= 12 or foreign or accented:
        return OTHER
    return _short_text(declared)


@dataclass(frozen=True)
class _Counts:
    """What detection looks at in a sample: script counts and function-word counts."""

    cjk: int  # CJK ideographs
    kana: int  # Japanese kana and Korean hangul
    words: int  # Latin-script words
    english: int  # English function words among them
    foreign: int  # function words of other Latin-script languages (not also English)
    accented: int  # words with a letter outside A-Z


@lru_cache(maxsize=32)
def _count(sample: str) -> _Counts:
    """Counted once per sample: the page's language and the checks that look again at
    the same title and body (:func:`language_of`) share the work."""
    words = _LATIN_WORD.findall(sample)
    lowered = Counter(map(str.lower, words))
    return _Counts(
        cjk=len(HAN_CHAR.findall(sample)),
        kana=len(_KANA_HANGUL.findall(sample)),
        words=len(words),
        english=sum(lowered[w] for w in _EN_FUNCTION_WORDS & lowered.keys()),
        foreign=sum(lowered[w] for w in _FOREIGN_ONLY & lowered.keys()),
        accented=_accented_words(words, sample),
    )


def _accented_words(words: list[str], sample: str) -> int:
    """Words with a letter outside A-Z; most English samples have none, found in one search."""
    if not _NON_ENGLISH_LETTERS.search(sample):
        return 0
    return sum(bool(_NON_ENGLISH_LETTERS.search(w)) for w in words)


def _short_text(declared: str | None) -> str:
    """Too few words to judge: the declared language, else English for plain ASCII words."""
    code = _from_declared(declared)
    return code if declared else "en"


def _from_declared(declared: str | None) -> str:
    code = (declared or "").strip().lower()
    if code.startswith("zh"):
        return "zh"
    if code.startswith("en"):
        return "en"
    return OTHER


def language_of(text: str, page_language: str) -> str:
    """The page's language, unless ``text`` itself is clearly the other of en / zh.

    Checks that run a language-specific model on one piece of the page (the headline, the
    body) use this, so an English title on a page hinted as Chinese meets the English model.
    """
    own = detect_language(text, declared=page_language)
    if page_language in ("en", "zh") and own in ("en", "zh"):
        return own
    return page_language
