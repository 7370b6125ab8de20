"""Does the body support the headline? Key terms of the headline looked up in the body.

Strong elements (numbers, claim words such as "cure" / "ban" / 根治 / 禁止, quoted names)
that never appear in the body are what a misleading headline adds; ordinary content words
give the overall share of the headline the body covers. Matching is lexical and cheap:
English words by a crude stem, Chinese by character bigrams (no segmenter needed).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from factcheck.lang.script import HAN_RUN

NUMBER = "number"
STRONG = "strong"
NAME = "name"
WORD = "word"

_NUM = re.compile(r"(?<![A-Za-z\-])\d+(?:[.,]\d+)*")  # not the 19 of COVID-19
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z']*(?:-[A-Za-z]+)*")
_ZH_QUOTE = re.compile(r"[“\"《「]([^”\"》」]{2,12})[”\"》」]")
# Function characters that end a Chinese chunk (a crude stand-in for word segmentation).
_ZH_BREAK = re.compile(r"[的了是在和与及将被把对从也都就还又这那个为等或并而之其该]")

EN_STRONG = frozenset(
    str.split(
        "cure cures cured curing ban bans banned kill kills killed killing deadly death deaths die "
        "dies died miracle proven proves prove cause causes caused cancer toxic poison "
        "poisonous hoax "
        "fake fraud arrest arrested recall recalled outbreak lockdown mandatory mandate emergency "
        "illegal dangerous reverse reverses prevent prevents prevented eliminate eliminates "
        "destroys destroy guaranteed confirmed"
    )
)
ZH_STRONG = (
    "治愈",
    "根治",
    "治好",
    "治疗",
    "禁止",
    "禁用",
    "禁售",
    "叫停",
    "封杀",
    "致癌",
    "致死",
    "致命",
    "死亡",
    "身亡",
    "去世",
    "逝世",
    "癌",
    "病毒",
    "疫苗",
    "确诊",
    "召回",
    "逮捕",
    "被抓",
    "辟谣",
    "神药",
    "特效",
    "有毒",
    "剧毒",
    "爆发",
    "封城",
    "停课",
    "强制",
    "违法",
    "证实",
    "首次",
    "全面",
)

_EN_STOP = frozenset(
    str.split(
        "the a an and or but of to in on at for with from by about as into over after before than "
        "is are was were be been being has have had do does did will would can could should may "
        "might must shall this that these those it its they them their there here what which who "
        "whom whose why how when where you your yours we our us he him his she her i me my not no "
        "yes all any some more most much many very just only also new says said say get gets got "
        "make makes made one two up out off so if then now"
    )
)


@dataclass(frozen=True)
class KeyTerm:
    """A headline term, its kind, and whether the body contains it."""

    text: str
    kind: str  # number | strong | name | word
    found: bool


@dataclass(frozen=True)
class Support:
    """How much of the headline the body backs up."""

    terms: tuple[KeyTerm, ...]

    @property
    def ratio(self) -> float:
        return sum(t.found for t in self.terms) / len(self.terms) if self.terms else 1.0

    @property
    def missing_strong(self) -> tuple[KeyTerm, ...]:
        """Numbers, claim words and names the body never mentions."""
        return tuple(t for t in self.terms if not t.found and t.kind in (NUMBER, STRONG, NAME))

    @property
    def flagged(self) -> bool:
        return bool(self.missing_strong)


#: Word families a suffix-stripper misses, and names the body often writes another way.
_LEMMAS = {
    "died": "die",
    "dies": "die",
    "dying": "die",
    "dead": "die",
    "death": "die",
    "deaths": "die",
    "covid": "coronavirus",
    "covid-19": "coronavirus",
    "sars-cov-2": "coronavirus",
}
EN_NUMBER_WORDS = dict(
    enumerate(
        str.split(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
)
#: "Star Trek 4" is the "fourth film" in its article.
EN_ORDINAL_WORDS = dict(
    enumerate(
        str.split(
            "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
            "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
            "nineteenth twentieth"
        )
    )
)
ZH_NUMBER_WORDS = dict(enumerate("零一二三四五六七八九十"))
_SENTENCE_START = re.compile(r"(?:^|[:.?!]\s+)([A-Za-z][\w'\-]*)")


@lru_cache(maxsize=1 << 15)
def _stem(word: str) -> str:
    """Crude English stem: cure/cures/cured/curing -> "cur"; known families by table.

    Cached: a body repeats its words, and pages share most of their vocabulary.
    """
    word = word.lower().strip("'-").replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in _LEMMAS:
        return _LEMMAS[word]
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _number_found(number: str, body_numbers: set[str], body: str, lang: str) -> bool:
    """A number is in the body as digits or (0-20) in words: "3", "three", "third", "三"."""
    if number in body_numbers:
        return True
    if not number.isdigit() or int(number) > 20:
        return False
    if lang == "en":
        words = f"{EN_NUMBER_WORDS[int(number)]}|{EN_ORDINAL_WORDS[int(number)]}"
        return re.search(rf"\b(?:{words})\b", body, re.IGNORECASE) is not None
    spelled = ZH_NUMBER_WORDS.get(int(number))
    return bool(spelled and (spelled in body or (number == "2" and "两" in body)))


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUM.findall(text)}


def _number_terms(headline: str, body: str, lang: str) -> list[KeyTerm]:
    """The headline's numbers and whether the body has them; the body's own numbers are
    collected only when the headline has some (most have none)."""
    numbers = sorted(_numbers(headline))
    if not numbers:
        return []
    body_numbers = _numbers(body)
    return [KeyTerm(n, NUMBER, _number_found(n, body_numbers, body, lang)) for n in numbers]


def headline_support(headline: str, body: str, lang: str) -> Support | None:
    """Key terms of ``headline`` and whether ``body`` has them; None without body or terms."""
    headline = unicodedata.normalize("NFKC", headline)
    body = unicodedata.normalize("NFKC", body).replace(headline, " ")
    if not body.strip():
        return None
    terms = _en_terms(headline, body) if lang == "en" else _zh_terms(headline, body)
    return Support(tuple(terms)) if terms else None


def _en_terms(headline: str, body: str) -> list[KeyTerm]:
    terms = _number_terms(headline, body, "en")
    words = _EN_WORD.findall(headline)
    body_stems = _body_stems(body, {_stem(w) for w in words})
    starts = set(_SENTENCE_START.findall(headline))
    title_case = sum(w[0].isupper() for w in words) > 0.6 * len(words)
    seen: set[str] = set()
    for word in words:
        stem = _stem(word)
        if stem in seen or word.lower() in _EN_STOP or len(stem) < 3:
            continue
        seen.add(stem)
        if word.lower() in EN_STRONG:
            kind = STRONG
        elif word[0].isupper() and not title_case and word not in starts:
            kind = NAME
        else:
            kind = WORD
        terms.append(KeyTerm(word, kind, _stem_found(stem, kind, body_stems)))
    return terms


#: How the words the lemma table maps begin ("dying" -> "die" does not start with its stem).
_LEMMA_STARTS = frozenset(word[:3] for word in _LEMMAS)


def _body_stems(body: str, headline_stems: set[str]) -> set[str]:
    """Stems of the body words that may match a headline stem, exactly or as a name prefix.

    A stem is the start of its word (but for the lemma table), so only words sharing
    their first three letters with a headline stem need stemming: most of a long body
    is skipped.
    """
    starts = {stem[:3] for stem in headline_stems} | _LEMMA_STARTS
    return {_stem(w) for w in set(_EN_WORD.findall(body)) if w[:3].lower() in starts}


def _stem_found(stem: str, kind: str, body_stems: set[str]) -> bool:
    """Exact stem; names also as a prefix (Europe -> European, German -> Germany)."""
    if stem in body_stems:
        return True
    return kind == NAME and len(stem) >= 5 and any(s.startswith(stem[:5]) for s in body_stems)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _zh_terms(headline: str, body: str) -> list[KeyTerm]:
    terms = _number_terms(headline, body, "zh")
    quotes = [q for q in dict.fromkeys(_ZH_QUOTE.findall(headline)) if HAN_RUN.search(q)]
    terms += [KeyTerm(q, NAME, q in body) for q in quotes]
    terms += [KeyTerm(w, STRONG, w in body) for w in ZH_STRONG if w in headline]
    body_bigrams = _bigrams(body)
    for run in HAN_RUN.findall(headline):
        for chunk in _ZH_BREAK.split(run):
            grams = _bigrams(chunk)
            if len(chunk) >= 2 and not any(chunk == t.text for t in terms):
                found = sum(g in body_bigrams for g in grams) >= len(grams) / 2
                terms.append(KeyTerm(chunk, WORD, found))
    return terms
