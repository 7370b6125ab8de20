"""The offline debunk index of step 7: which debunk refutes the claim this page makes?

Shipped in ``factcheck/data`` and built by ``scripts/build_debunk_index.py``:

- ``debunks.json.gz``: per debunk its title, URL, date, outlet, language and a short summary
  of the claim it refutes, plus the learned term weights (:mod:`.terms`). No article text.
- ``debunks-e5.npy``: each claim summary's multilingual-e5-small embedding, int8 per row
  (the scale is irrelevant: rows are compared by cosine).
- ``debunks-terms.npy``: each claim's terms, tokenised, as integer ids (:mod:`.postings`).
- ``debunk-verifier.json``: the same-claim model (:mod:`.verify`), trained by
  ``training/train_debunk_verifier.py``.

Stage 1 (lexical, here): BM25 over each debunk's claim terms with the learned weights.
Every claim of the page (:mod:`.claims`) is a query; a debunk keeps its best score over the
claims. Stage 2 (:mod:`.verify`) decides, on these few candidates only, whether the page's
claim and the debunked claim are the same claim.
"""

from __future__ import annotations

import gzip
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from factcheck.steps.factcheckers.postings import TermArrays, tokenised
from factcheck.steps.factcheckers.terms import claim_of_title, normalise, tokens
from factcheck.steps.factcheckers.urls import UrlLookup

__all__ = [
    "Candidate",
    "Debunk",
    "DebunkIndex",
    "claim_of_title",
    "load_index",
    "normalise",
    "tokens",
]

INDEX_RESOURCE = "data/debunks.json.gz"
VECTORS_RESOURCE = "data/debunks-e5.npy"
TERMS_RESOURCE = "data/debunks-terms.npy"

BM25_K1, BM25_B = 1.2, 0.75
#: Candidates per page handed to the second stage.
CANDIDATES = 5


@dataclass(frozen=True, slots=True)
class Debunk:
    """One debunk article as the reader sees it, with the claim it refutes."""

    title: str
    url: str
    date: str  # YYYY-MM-DD or ""
    outlet: str
    language: str  # "zh", "en" ...
    claim: str  # short summary of the refuted claim (the title without debunk framing ...)
    refutes: bool = True  # False: an explainer on the topic, refuting nothing (reading only)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A debunk the lexical stage found, with the page's claim closest to it."""

    doc_id: int
    debunk: Debunk
    bm25: float  # ranking only; not comparable across pages
    claim: str  # the page's claim it was found (or verified) with
    coverage: float  # weighted share of the debunk's claim terms in the page's claims
    shared: tuple[str, ...]
    score: float | None = None  # same-claim probability; None when stage 2 did not run
    #: The same over the page's claims that assert (not the questions): a page that only
    #: asks "X？" does not spread X. None when stage 2 did not run.
    asserted: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = self.debunk
        return {
            "title": d.title,
            "url": d.url,
            "date": d.date,
            "outlet": d.outlet,
            "language": d.language,
            "claim": d.claim,
            "refutes": d.refutes,
            "page_claim": self.claim,
            "coverage": round(self.coverage, 3),
            "score": None if self.score is None else round(self.score, 3),
            "asserted": None if self.asserted is None else round(self.asserted, 3),
            "shared_terms": list(self.shared[:12]),
        }


class DebunkIndex:
    """Debunks, the inverted index of their claim terms, and their embeddings."""

    def __init__(
        self,
        debunks: Sequence[Debunk],
        weights: dict[str, float],
        vectors: np.ndarray | None = None,
        *,
        version: str = "",
        source: str = "",
        arrays: TermArrays | None = None,
    ) -> None:
        """``arrays``: the debunks' terms as shipped (computed from the debunks when None)."""
        self.debunks = tuple(debunks)
        self.weights = weights
        self.vectors = vectors  # (n, dim), any scale per row, or None (no second stage)
        self.version = version
        self.source = source
        self._default_weight = max(weights.values(), default=1.0)
        self.arrays = arrays or tokenised(
            [d.claim for d in self.debunks], [d.title for d in self.debunks], list(weights)
        )
        self._lengths = self.arrays.lengths()
        self._mass = self.arrays.key_mass(weights, self._default_weight).tolist()
        self._urls = UrlLookup([d.url for d in self.debunks])
        avg = float(self._lengths.mean()) if len(self._lengths) else 1.0
        #: BM25's length normalisation per debunk.
        self._norm = BM25_K1 * (1 - BM25_B + BM25_B * (self._lengths / avg))

    def __len__(self) -> int:
        return len(self.debunks)

    def by_url(self, url: str | None) -> Debunk | None:
        """The debunk published at ``url`` (scheme, ``www.``, trailing slash ignored)."""
        doc_id = self._urls.find(url) if url else None
        return None if doc_id is None else self.debunks[doc_id]

    def weight(self, term: str) -> float:
        """A term's weight; a term no debunk uses counts as the rarest."""
        return self.weights.get(term, self._default_weight)

    def bm25(self, claim: str, limit: int) -> list[tuple[int, float]]:
        """The ``limit`` best debunks for one claim: (doc id, score), best first."""
        scores = np.zeros(len(self.debunks))
        for term in set(tokens(claim)):
            weight = self.weights.get(term, 0.0)
            docs = self.arrays.postings(term) if weight else ()
            if len(docs):
                scores[docs] += weight * (BM25_K1 + 1) / (1 + self._norm[docs])
        found = np.flatnonzero(scores)
        best = found[np.lexsort((found, -scores[found]))][:limit]
        return [(int(i), float(scores[i])) for i in best]

    def coverage(self, doc_id: int, claim_terms: frozenset[str]) -> tuple[float, tuple[str, ...]]:
        """Weighted share of the debunk's claim terms in the claim, and the shared terms."""
        shared = tuple(t for t in self.arrays.key(doc_id) if t in claim_terms)
        mass = self._mass[doc_id]
        return (sum(self.weight(t) for t in shared) / mass if mass else 0.0), shared

    def features(
        self, doc_id: int, claims: Sequence[frozenset[str]], cosines: Sequence[float]
    ) -> tuple[list[float], int]:
        """What the verifier weighs, and the page claim closest to the debunk (by cosine):
        that claim's cosine and coverage of the debunk's claim, the coverage by all the
        page's claims together (a rumour may take two sentences), the share of the closest
        claim's weight in the debunk, the same share of all the claims together (how much of
        what the page says is this claim: a long report that touches a rumoured topic says
        much else), and the log of the shared weight."""
        best = max(range(len(claims)), key=lambda i: (cosines[i], -i))
        coverage, shared_best = self.coverage(doc_id, claims[best])
        union = frozenset().union(*claims)
        together, shared = self.coverage(doc_id, union)
        shared_mass = sum(self.weight(t) for t in shared)
        return [
            float(cosines[best]),
            coverage,
            together,
            self._share(claims[best], shared_best),
            math.log1p(shared_mass),
            self._share(union, shared),
        ], best

    def _share(self, claim_terms: frozenset[str], shared: Sequence[str]) -> float:
        """The share of the claim's term weight that is in ``shared``."""
        mass = sum(self.weight(t) for t in claim_terms)
        return sum(self.weight(t) for t in shared) / mass if mass else 0.0

    def candidates(self, claims: Sequence[str], limit: int = CANDIDATES) -> list[Candidate]:
        """Stage 1: the ``limit`` best debunks over all claims, each with its best claim."""
        best: dict[int, tuple[float, str]] = {}
        for claim in claims:
            for doc_id, score in self.bm25(claim, limit):
                if doc_id not in best or score > best[doc_id][0]:
                    best[doc_id] = (score, claim)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
        union = frozenset(t for claim in claims for t in tokens(claim))
        found = []
        for doc_id, (score, claim) in ranked:
            cov, shared = self.coverage(doc_id, union)
            found.append(Candidate(doc_id, self.debunks[doc_id], score, claim, cov, shared))
        return found

    def vector(self, doc_id: int) -> np.ndarray:
        """The debunk claim's embedding, unit length (float32)."""
        assert self.vectors is not None
        row = self.vectors[doc_id].astype(np.float32)
        norm = float(np.linalg.norm(row))
        return row / norm if norm else row

    # -- the shipped form ------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        outlets = sorted({d.outlet for d in self.debunks})
        ids = {name: i for i, name in enumerate(outlets)}
        docs = [
            [d.title, d.url, d.date, ids[d.outlet], d.language, d.claim, int(d.refutes)]
            for d in self.debunks
        ]
        return {
            "version": self.version,
            "source": self.source,
            "outlets": outlets,
            "docs": docs,
            # Two lists, not one object: a 50,000-key JSON object takes ~30 ms to read at
            # every load, the two lists and a zip ~13.
            "terms": list(self.weights),
            "term_weights": list(self.weights.values()),
        }

    @classmethod
    def from_json(
        cls,
        raw: dict[str, Any],
        vectors: np.ndarray | None = None,
        terms: np.ndarray | None = None,
    ) -> DebunkIndex:
        """``terms``: :meth:`TermArrays.to_array` as shipped (tokenised here when None)."""
        outlets = raw["outlets"]
        debunks = [
            Debunk(title, url, date, outlets[outlet], language, claim, bool(refuting))
            for title, url, date, outlet, language, claim, refuting in raw["docs"]
        ]
        weights = dict(zip(raw["terms"], raw["term_weights"], strict=True))
        return cls(
            debunks,
            weights,
            vectors,
            version=str(raw.get("version", "")),
            source=str(raw.get("source", "")),
            arrays=None
            if terms is None
            else TermArrays.from_array(raw["terms"], len(debunks), terms),
        )


def quantise(vectors: np.ndarray) -> np.ndarray:
    """int8 rows, each scaled to its largest component (cosines survive to ~1e-3)."""
    peak = np.abs(vectors).max(axis=1, keepdims=True)
    peak[peak == 0] = 1.0
    return np.round(vectors / peak * 127).astype(np.int8)


def npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def _read(name: str) -> bytes:
    return resources.files("factcheck").joinpath(name).read_bytes()


def load_index() -> DebunkIndex:
    """The shipped index with its embeddings (the engine loads it once into Resources)."""
    raw = json.loads(gzip.decompress(_read(INDEX_RESOURCE)))
    vectors = np.load(io.BytesIO(_read(VECTORS_RESOURCE)), allow_pickle=False)
    terms = np.load(io.BytesIO(_read(TERMS_RESOURCE)), allow_pickle=False)
    if len(vectors) != len(raw["docs"]):
        raise ValueError("debunks-e5.npy does not match debunks.json.gz: rebuild both")
    return DebunkIndex.from_json(raw, vectors, terms)
