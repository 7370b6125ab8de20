"""Offline debunk index: has a fact-checker already written about this claim?

The shipped index (``data/debunks.json.gz``, built by ``scripts/build_debunk_index.py``)
holds, for each debunk article, its title, URL, date and outlet plus a few dozen key terms
taken from its text at build time; never the text itself.

Matching is lexical and needs no segmenter: Chinese is cut into overlapping character
bigrams, everything else into lower-cased word tokens. Candidates are ranked with BM25 over
an inverted index built once per process (lazily, on the first query). The score a reader
sees, ``similarity`` (0..1), is the share of the debunk title's claim terms, weighted by
rarity (IDF), that also occur in the page: it does not depend on how long the page is.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

INDEX_RESOURCE = "data/debunks.json.gz"
#: Where the shipped entries come from (also stored in the file).
SOURCE = (
    "HRDE reference_date (github.com/hush-cd/HRDE @40c305d, Apache-2.0): 12 Chinese debunk "
    "outlets; ReCOVery (github.com/apurvamulay/ReCOVery, CC BY-NC-SA 4.0): fact-check URLs "
    "of reliable publishers. Titles, URLs, dates and outlets only."
)

#: BM25 parameters (the usual defaults).
BM25_K1 = 1.2
BM25_B = 0.75
#: The title carries the claim; its terms count this many times in the BM25 document.
TITLE_BOOST = 2

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{_CJK}]+|[a-z0-9]+(?:['’][a-z]+)?")
_IS_CJK = re.compile(rf"[{_CJK}]")

#: Words that carry no claim (English; "who" stays: it is the WHO more often than not in
#: health claims). Chinese function bigrams are left to IDF.
_EN_STOPWORDS_TEXT = """a an and are as at be been but by can could did do does for from had
    has have he her his how i if in into is it its may more most no not of on or our she so
    than that the their them then there these they this to too up was we were what when which
    why will with would you your about after all also just new says said whom whose"""
EN_STOPWORDS = frozenset(_EN_STOPWORDS_TEXT.split())

#: Debunk boilerplate removed from titles before they are matched ("#微博辟谣#", "谣言：",
#: "真相来了", "False claim:" ...): a rumour page never contains these words, so they must
#: not count against (or for) its similarity.
_BOILERPLATE = re.compile(
    r"#[^#\s]{1,20}#|【[^】]{0,12}】|捉谣记\s*[|｜]|谣言粉碎机|"
    r"(?:是真的吗|真的吗|真相来了|真相在此|官方辟谣|官方回应|警方回应|当地回应|网警辟谣|"
    r"辟谣|谣言|不实|假的|系谣言|纯属谣言|别再信了|别信|真相|误区)|"
    r"\b(?:fact[- ]?check|false claim|true claim|partly false claim|misleading claim|"
    r"false|misleading)\b\s*:?",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits to ASCII) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> Iterator[str]:
    """Character bigrams of Chinese runs, word tokens elsewhere (stop words dropped)."""
    for run in _RUNS.findall(normalise(text)):
        if _IS_CJK.match(run):
            if len(run) == 1:
                continue
            for i in range(len(run) - 1):
                yield run[i : i + 2]
        elif len(run) > 1 and run not in EN_STOPWORDS and not run.isdigit():
            yield run


def claim_of_title(title: str) -> str:
    """The title without debunk boilerplate: what the rumour itself would say."""
    return _BOILERPLATE.sub(" ", title)


@dataclass(frozen=True, slots=True)
class DebunkMatch:
    """One debunk article that resembles the page, with how much it resembles it."""

    title: str
    url: str
    date: str  # YYYY-MM-DD or ""
    outlet: str
    language: str  # "zh" or "en"
    score: float  # BM25 (ranking only; not comparable across queries)
    similarity: float  # 0..1: share of the title's claim terms (IDF-weighted) on the page
    matched_terms: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "date": self.date,
            "outlet": self.outlet,
            "language": self.language,
            "score": round(self.score, 2),
            "similarity": round(self.similarity, 3),
            "matched_terms": list(self.matched_terms),
        }


@dataclass(frozen=True)
class DebunkDoc:
    """An index entry: what is shown, and the terms it is matched on."""

    title: str
    url: str
    date: str
    outlet: str
    language: str
    title_terms: tuple[str, ...]  # distinct claim terms of the title
    key_terms: tuple[str, ...] = ()  # distinct key terms of the text, chosen at build time


@dataclass(frozen=True, slots=True)
class _Entry:
    title: str
    url: str
    date: str
    outlet: str
    language: str


class DebunkIndex:
    """BM25 over an inverted index of debunk titles (and optional key terms).

    The inverted index is shipped precomputed, each posting list as a short string decoded
    only when a query uses its term, so loading costs one JSON parse.
    """

    def __init__(
        self,
        entries: Sequence[_Entry],
        lengths: Sequence[int],
        postings: dict[str, str],
        *,
        version: str = "",
    ) -> None:
        self._entries = tuple(entries)
        self._lengths = tuple(lengths)
        self._postings = postings
        self._avg_length = (sum(lengths) / len(lengths)) if lengths else 1.0
        self.version = version

    @classmethod
    def from_docs(cls, docs: Iterable[DebunkDoc], *, version: str = "") -> DebunkIndex:
        """Index ``docs`` (the build script and the evaluation use this)."""
        entries, lengths = [], []
        lists: dict[str, list[str]] = {}
        for doc_id, doc in enumerate(docs):
            entries.append(_Entry(doc.title, doc.url, doc.date, doc.outlet, doc.language))
            weights = Counter({term: TITLE_BOOST for term in doc.title_terms})
            weights.update(doc.key_terms)
            lengths.append(sum(weights.values()))
            for term, tf in weights.items():
                lists.setdefault(term, []).append(f"{doc_id}" if tf == 1 else f"{doc_id}:{tf}")
        postings = {term: " ".join(ids) for term, ids in lists.items()}
        return cls(entries, lengths, postings, version=version)

    def __len__(self) -> int:
        return len(self._entries)

    def idf(self, term: str) -> float:
        postings = self._postings.get(term)
        if not postings:
            return 0.0
        df = postings.count(" ") + 1
        return math.log(1 + (len(self._entries) - df + 0.5) / (df + 0.5))

    def search(self, query: str, *, limit: int = 5) -> list[DebunkMatch]:
        """The ``limit`` best debunks for ``query`` (headline plus key sentences), best first."""
        terms = set(tokens(query))
        scores: dict[int, float] = {}
        lengths, avg = self._lengths, self._avg_length
        for term in terms:
            postings = self._postings.get(term)
            if not postings:
                continue
            idf = self.idf(term)
            for item in postings.split(" "):
                doc, _, weight = item.partition(":")
                doc_id, tf = int(doc), int(weight or 1)
                norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths[doc_id] / avg)
                scores[doc_id] = scores.get(doc_id, 0.0) + idf * tf * (BM25_K1 + 1) / (tf + norm)
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [self._match(doc_id, score, terms) for doc_id, score in best]

    def _match(self, doc_id: int, score: float, query_terms: set[str]) -> DebunkMatch:
        entry = self._entries[doc_id]
        claim = title_terms(entry.title)
        total = sum(self.idf(t) for t in claim)
        shared = [t for t in claim if t in query_terms]
        similarity = sum(self.idf(t) for t in shared) / total if total else 0.0
        return DebunkMatch(
            title=entry.title,
            url=entry.url,
            date=entry.date,
            outlet=entry.outlet,
            language=entry.language,
            score=score,
            similarity=similarity,
            matched_terms=tuple(shared),
        )

    # -- serialisation ---------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The compact shipped form (see :meth:`from_json`)."""
        outlets = sorted({e.outlet for e in self._entries})
        outlet_ids = {name: i for i, name in enumerate(outlets)}
        return {
            "version": self.version,
            "source": SOURCE,
            "outlets": outlets,
            "docs": [
                [e.title, e.url, e.date, outlet_ids[e.outlet], e.language] for e in self._entries
            ],
            "lengths": list(self._lengths),
            "postings": self._postings,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> DebunkIndex:
        outlets = raw["outlets"]
        entries = [
            _Entry(title, url, date, outlets[outlet], language)
            for title, url, date, outlet, language in raw["docs"]
        ]
        return cls(
            entries,
            raw["lengths"],
            raw["postings"],
            version=str(raw.get("version", "")),
        )


def title_terms(title: str) -> tuple[str, ...]:
    """Distinct claim terms of a debunk title, in order."""
    return tuple(dict.fromkeys(tokens(claim_of_title(title))))


def key_terms(text: str, document_frequency: Counter[str], n_docs: int, k: int) -> tuple[str, ...]:
    """The ``k`` terms of ``text`` with the highest TF-IDF (ties broken by first position)."""
    counts = Counter(tokens(text))
    ranked = sorted(
        counts,
        key=lambda t: -counts[t] * math.log((1 + n_docs) / (1 + document_frequency.get(t, 0))),
    )
    return tuple(ranked[:k])


def make_doc(
    title: str,
    url: str,
    date: str,
    outlet: str,
    text: str,
    *,
    document_frequency: Counter[str],
    n_docs: int,
    k: int,
    language: str = "zh",
) -> DebunkDoc:
    """An index entry from a debunk article (the build script and the evaluation use this)."""
    title_set = title_terms(title)
    keys = [t for t in key_terms(text, document_frequency, n_docs, k + len(title_set))]
    keys = [t for t in keys if t not in title_set][:k]
    return DebunkDoc(title, url, date, outlet, language, title_set, tuple(keys))


def document_frequencies(texts: Iterable[str]) -> tuple[Counter[str], int]:
    """How many of ``texts`` contain each term, and how many texts there were."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        df.update(set(tokens(text)))
        n += 1
    return df, n


def load_index() -> DebunkIndex:
    """The shipped index (the engine loads it once, see :mod:`factcheck.resources`)."""
    data = resources.files("factcheck").joinpath(INDEX_RESOURCE).read_bytes()
    return DebunkIndex.from_json(json.loads(gzip.decompress(data)))
