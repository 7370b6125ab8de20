"""Clickbait / sensationalism probability of a headline, with the words that drove it.

The shipped models are logistic regressions over binary n-gram features, exported by
``training/train_clickbait.py`` to compact JSON (``factcheck/data/clickbait-{en,zh}.json``).
Scoring is a dictionary lookup and a sigmoid: no numpy or scikit-learn at run time.
Each model is loaded once, on first use.

The probability combines the model's log-odds with the curated cues of
:mod:`factcheck.cues` (each cue's weight is added once). The cues carry patterns the small
Chinese training set cannot teach; both the model's top words and the cues are returned
so the report can show what produced the number.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from typing import Any

from factcheck.lang.cues import (
    CAPITALS_WEIGHT,
    HEADLINE_CUES,
    CueHit,
    find_cues,
    shouting_capitals,
    shouts,
)

LANGUAGES = ("en", "zh")

_EN_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*%?|[!?]")
_ZH_UNIT = re.compile(r"[\u3400-\u9fff]|[a-z]+|\d+(?:\.\d+)?%?|[!?“”\"【】《》:|…]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


def _number(token: str) -> str:
    if token[0].isdigit():
        return "<pct>" if token.endswith("%") else "<num>"
    return token


def tokens(text: str, lang: str) -> list[str]:
    """The units n-grams are built from: words for English, characters for Chinese.

    Text is NFKC-normalised and lower-cased, so full-width ！ and capitals do not leak
    style into the model (capitals are a separate, visible cue). Numbers become <num>.
    """
    norm = unicodedata.normalize("NFKC", text).lower().translate(_APOSTROPHES)
    pattern = _EN_TOKEN if lang == "en" else _ZH_UNIT
    return [_number(t) for t in pattern.findall(norm)]


#: Chinese characters that carry a headline's style (particles, demonstratives, hype and
#: urgency words) rather than its topic. Every other Chinese character becomes "□", so the
#: small HanCD model learns how a headline is written, not what it is about (its plain
#: titles are mostly COVID case counts: a topic model would call any health headline bait).
ZH_STYLE_CHARS = frozenset(
    "这那些个种么吗呢吧啊了的竟然居原来真相你我他她们谁何怎为什啥哪多少都也就还又再太最很超更"
    "被把让给能会要该别不没千万一定必看快速惊震吓怕转发扩散秘密揭曝光火爆疯狂神奇绝对全网刚突"
    "重磅紧急注意提醒官宣啦哦呀如此"
)
OTHER_CHAR = "□"


def _style_units(units: list[str]) -> list[str]:
    out: list[str] = []
    for unit in units:
        is_topic = len(unit) == 1 and "\u3400" <= unit <= "\u9fff" and unit not in ZH_STYLE_CHARS
        if is_topic:
            if out and out[-1] == OTHER_CHAR:
                continue
            unit = OTHER_CHAR
        out.append(unit)
    return out


def features(text: str, lang: str) -> list[str]:
    """Binary features: unigrams and bigrams with start/end markers (English); unigrams to
    trigrams over style characters, topic characters folded to "□" (Chinese)."""
    units = tokens(text, lang)
    if lang != "en":
        units = _style_units(units)
    seq = ["<s>", *units, "</s>"]
    grams = {u for u in units if u != OTHER_CHAR}
    grams.update(f"{a} {b}" for a, b in pairwise(seq))
    if lang != "en":
        grams.update(f"{a} {b} {c}" for a, b, c in zip(seq, seq[1:], seq[2:], strict=False))
    return sorted(grams)


def display(feature: str, lang: str) -> str:
    """A feature as a reader sees it: "震 惊" -> "震惊", "<s> <num>" -> "[start] [number]"."""
    parts = [
        {
            "<s>": "[start]",
            "</s>": "[end]",
            "<num>": "[number]",
            "<pct>": "[percent]",
            OTHER_CHAR: "…",
        }.get(p, p)
        for p in feature.split(" ")
    ]
    if lang == "zh":
        return "".join(p if p.startswith("[") or len(p) == 1 else f" {p} " for p in parts).strip()
    return " ".join(parts)


@dataclass(frozen=True)
class LinearModel:
    """Logistic-regression weights: log-odds = intercept + sum of present features' weights."""

    lang: str
    intercept: float
    weights: dict[str, float]
    meta: dict[str, Any]

    @classmethod
    def from_json(cls, raw: str) -> LinearModel:
        data = json.loads(raw)
        return cls(data["lang"], float(data["intercept"]), data["weights"], data.get("meta", {}))

    def contributions(self, text: str) -> list[tuple[str, float]]:
        """(feature, weight) for every feature of ``text`` the model knows."""
        return [(f, self.weights[f]) for f in features(text, self.lang) if f in self.weights]


def load_model(lang: str) -> LinearModel:
    """The shipped model for ``lang`` ("en" or "zh") (the engine loads it once, see
    :mod:`factcheck.resources`)."""
    if lang not in LANGUAGES:
        raise ValueError(f"no clickbait model for language {lang!r}")
    path = resources.files("factcheck") / "data" / f"clickbait-{lang}.json"
    return LinearModel.from_json(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Term:
    """A word or n-gram and its pull on the score (positive = towards clickbait)."""

    text: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.text, "weight": round(self.weight, 3)}


@dataclass(frozen=True)
class ClickbaitScore:
    """The probability and what produced it."""

    probability: float  # model and cues together
    model_probability: float  # model alone
    lang: str
    terms_for: tuple[Term, ...]  # strongest pulls towards clickbait
    terms_against: tuple[Term, ...]  # strongest pulls towards a plain headline
    cues: tuple[CueHit, ...]
    capitals: tuple[str, ...]  # words in capitals that are not acronyms (en)

    @property
    def shouting(self) -> bool:
        return shouts(self.capitals)


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def score_headline(headline: str, model: LinearModel, *, top: int = 5) -> ClickbaitScore:
    """Score ``headline`` with the model of its language."""
    lang = model.lang
    contributions = model.contributions(headline)
    model_logit = model.intercept + sum(w for _, w in contributions)
    hits = tuple(find_cues(HEADLINE_CUES[lang], headline))
    capitals = tuple(shouting_capitals(headline)) if lang == "en" else ()
    cue_logit = sum(hit.cue.weight for hit in hits)
    if shouts(capitals):
        cue_logit += CAPITALS_WEIGHT
    ranked = sorted(contributions, key=lambda fw: (-fw[1], fw[0]))
    return ClickbaitScore(
        probability=sigmoid(model_logit + cue_logit),
        model_probability=sigmoid(model_logit),
        lang=lang,
        terms_for=tuple(Term(display(f, lang), w) for f, w in ranked[:top] if w > 0),
        terms_against=tuple(Term(display(f, lang), w) for f, w in reversed(ranked[-top:]) if w < 0),
        cues=hits,
        capitals=capitals,
    )
