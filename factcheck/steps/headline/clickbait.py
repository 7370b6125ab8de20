"""Clickbait probability of a headline, with the words that drove it (issue 13).

The shipped models (``factcheck/data/clickbait-{en,zh}.json``, written byte for byte by
``training/train_clickbait.py``) are logistic regressions over sublinear TF-IDF n-grams:
English word 1-2-grams, Chinese character 1-3-grams, chosen by cross-source validation
(training/README.md). Scoring reproduces scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``
(``x = (1 + ln count) * idf``, L2-normalised) and the regression's log-odds in plain Python.

The probability is the model's, moved by a fixed prior shift (the labelled sets are half
bait; pages are not), and capped low when the headline is written in a sober form (an
explainer question, a fact-check verdict, an official notice:
:mod:`factcheck.lang.headline_forms`; a bare zh yes/no question only below 0.5,
:data:`~factcheck.lang.headline_forms.FORM_CAPS`) unless a strong bait cue is present. The cues
explain; only stacked cues (:data:`STACKED_STRENGTH`) also raise the number, because
cross-source validation found that adding every cue's weight made it worse.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
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
from factcheck.lang.headline_forms import FORM_CAPS, sober_form

LANGUAGES = ("en", "zh")
#: Cue strength (sum of the hits' weights, capitals count 1) that overrides a sober form.
BAIT_STRENGTH = 1.0
#: Cue strength from which the cues also raise the log-odds (by their strength): stacked cues
#: ("震惊！…99%的人不知道，赶紧转发") that the labelled sets never contain. Below it cues only
#: explain: adding every cue lowered cross-source AUC (README); from 2.0 on it changed none.
STACKED_STRENGTH = 2.0

_EN_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*%?|[!?]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_PUNCTUATION = " ,.!?:;\"'“”‘’()（）【】《》…-—#"


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().translate(_APOSTROPHES)


def en_tokens(text: str) -> list[str]:
    """Lower-cased words, numbers folded to <num> / <pct>, and ! ? (capitals are a cue)."""
    out = []
    for token in _EN_TOKEN.findall(_normalise(text)):
        if token[0].isdigit():
            token = "<pct>" if token.endswith("%") else "<num>"
        out.append(token)
    return out


def en_features(text: str) -> list[str]:
    """Word unigrams and bigrams (start and end marked), as often as they occur."""
    units = en_tokens(text)
    seq = ["<s>", *units, "</s>"]
    return [*units, *(f"{a} {b}" for a, b in pairwise(seq))]


def zh_features(text: str) -> list[str]:
    """Character 1- to 3-grams of the normalised title (^ and $ mark its ends, digits -> 0)."""
    norm = _DIGITS.sub("0", _SPACES.sub(" ", _normalise(text).strip()))
    seq = f"^{norm}$"
    return [seq[i : i + n] for n in (1, 2, 3) for i in range(len(seq) - n + 1)]


FEATURES = {"en": en_features, "zh": zh_features}


def features(text: str, lang: str) -> list[str]:
    """The n-grams of ``text`` the model of ``lang`` counts (repeats kept)."""
    return FEATURES[lang](text)


def display(feature: str, lang: str) -> str:
    """A feature as plain words: markers dropped, numbers as "#" ("" when nothing is left)."""
    if lang == "en":
        words = [{"<num>": "#", "<pct>": "#%"}.get(w, w) for w in feature.split(" ")]
        return " ".join(w for w in words if w not in ("<s>", "</s>"))
    return feature.strip("^$").replace("0", "#").strip()


@dataclass(frozen=True)
class ClickbaitModel:
    """Vocabulary -> (idf, weight), intercept, prior shift and the sober-form cap."""

    lang: str
    intercept: float
    shift: float  # added to the log-odds: the prior of a page, not of a balanced data set
    sober_cap: float  # highest probability of a sober-form headline without strong bait cues
    vocab: dict[str, tuple[float, float]]
    meta: dict[str, Any]

    @classmethod
    def from_json(cls, raw: str) -> ClickbaitModel:
        data = json.loads(raw)
        vocab = {f: (float(v[0]), float(v[1])) for f, v in data["vocab"].items()}
        return cls(
            data["lang"],
            float(data["intercept"]),
            float(data["shift"]),
            float(data["sober_cap"]),
            vocab,
            data.get("meta", {}),
        )

    def contributions(self, text: str) -> list[tuple[str, float]]:
        """(feature, its part of the log-odds) for each known feature of ``text``."""
        counts = Counter(f for f in features(text, self.lang) if f in self.vocab)
        values = {f: (1.0 + math.log(n)) * self.vocab[f][0] for f, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        return [(f, self.vocab[f][1] * v / norm) for f, v in sorted(values.items())]

    def logit(self, text: str) -> float:
        """The regression's log-odds (no shift, no cap): what the training measures."""
        return self.intercept + sum(c for _, c in self.contributions(text))


def load_model(lang: str) -> ClickbaitModel:
    """The shipped model for ``lang`` ("en" or "zh"); the caller keeps it (Resources)."""
    if lang not in LANGUAGES:
        raise ValueError(f"no clickbait model for language {lang!r}")
    path = resources.files("factcheck") / "data" / f"clickbait-{lang}.json"
    return ClickbaitModel.from_json(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Term:
    """A word or n-gram and its pull on the log-odds (positive = towards clickbait)."""

    text: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.text, "weight": round(self.weight, 3)}


@dataclass(frozen=True)
class ClickbaitScore:
    """The probability and what produced it."""

    probability: float  # the shipped model's: shifted, stacked cues, sober-form cap
    model_probability: float  # the regression alone, shifted (no cues, no cap)
    lang: str
    terms_for: tuple[Term, ...]  # strongest pulls towards clickbait
    terms_against: tuple[Term, ...]  # strongest pulls towards a plain headline
    cues: tuple[CueHit, ...]
    capitals: tuple[str, ...]  # words in capitals that are not acronyms (en)
    form: str  # sober form ("explainer", "verdict", "official") or ""
    capped: bool  # the sober-form cap lowered the probability

    @property
    def shouting(self) -> bool:
        return shouts(self.capitals)


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def cue_strength(hits: tuple[CueHit, ...], capitals: tuple[str, ...]) -> float:
    return sum(h.cue.weight for h in hits) + (CAPITALS_WEIGHT if shouts(capitals) else 0.0)


def _terms(ranked: list[tuple[str, float]], lang: str, top: int) -> tuple[Term, ...]:
    out: list[Term] = []
    for feature, weight in ranked:
        text = display(feature, lang)
        if lang == "zh" and len(text.strip(_PUNCTUATION)) < 2:
            continue  # one character or a mark says little to a reader
        if text and all(text not in t.text and t.text not in text for t in out):
            out.append(Term(text, weight))
        if len(out) == top:
            break
    return tuple(out)


def score_headline(headline: str, model: ClickbaitModel, *, top: int = 5) -> ClickbaitScore:
    """Score ``headline`` with ``model`` (its language's)."""
    lang = model.lang
    contributions = model.contributions(headline)
    logit = model.intercept + sum(c for _, c in contributions) + model.shift
    hits = tuple(find_cues(HEADLINE_CUES[lang], headline))
    capitals = tuple(shouting_capitals(headline)) if lang == "en" else ()
    strength = cue_strength(hits, capitals)
    boosted = sigmoid(logit + (strength if strength >= STACKED_STRENGTH else 0.0))
    form = sober_form(headline, lang)
    cap = FORM_CAPS.get(form, model.sober_cap)
    capped = bool(form) and strength < BAIT_STRENGTH and boosted > cap
    ranked = sorted(contributions, key=lambda fc: (-fc[1], fc[0]))
    return ClickbaitScore(
        probability=cap if capped else boosted,
        model_probability=sigmoid(logit),
        lang=lang,
        terms_for=_terms([fc for fc in ranked if fc[1] > 0], lang, top),
        terms_against=_terms([fc for fc in reversed(ranked) if fc[1] < 0], lang, top),
        cues=hits,
        capitals=capitals,
        form=form,
        capped=capped,
    )
