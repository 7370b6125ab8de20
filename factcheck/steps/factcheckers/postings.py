"""The debunk index's terms as arrays: each debunk's claim terms, its key terms, and the
inverted index, over integer term ids.

Tokenising 5,700 claims when a process starts cost about a quarter of a second and left
120,000 small strings and tuples on the heap. The build script ships the two term lists
as one int32 array (``data/debunks-terms.npy``, :meth:`TermArrays.to_array`); loading it
and deriving the postings with numpy takes a few milliseconds. :meth:`TermArrays.build`
computes the same arrays from the debunks (tests and ad-hoc indexes), and a test checks
the shipped file against it, so a change of the tokeniser is caught.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.steps.factcheckers.terms import claim_of_title, tokens

#: One debunk's terms, in order, without repeats.
Terms = Sequence[str]
#: A title that states its claim in fewer terms than this is not what coverage is measured on.
MIN_KEY_TERMS = 3


def _csr(rows: Iterable[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """(indptr, ids) of ragged integer rows."""
    rows = list(rows)
    indptr = np.zeros(len(rows) + 1, dtype=np.int32)
    indptr[1:] = np.cumsum([len(r) for r in rows], dtype=np.int64)
    flat = [i for r in rows for i in r]
    return indptr, np.asarray(flat, dtype=np.int32)


@dataclass(frozen=True, eq=False)
class TermArrays:
    """Per debunk its claim terms and key terms (CSR over term ids) and the postings."""

    vocabulary: tuple[str, ...]  # term id -> term
    ids: Mapping[str, int]  # term -> term id
    term_ptr: np.ndarray  # (n + 1,) int32: debunk i's terms are term_ids[ptr[i]:ptr[i + 1]]
    term_ids: np.ndarray
    key_ptr: np.ndarray  # the same for the key terms (what coverage is measured on)
    key_ids: np.ndarray
    post_ptr: np.ndarray  # (len(vocabulary) + 1,): term t's debunks are post_docs[...]
    post_docs: np.ndarray

    @classmethod
    def build(
        cls,
        vocabulary: Sequence[str],
        terms: Sequence[Terms],
        keys: Sequence[Terms],
    ) -> TermArrays:
        """From the terms themselves; terms outside ``vocabulary`` get new ids after it."""
        words = list(vocabulary)
        ids = {term: i for i, term in enumerate(words)}

        def id_of(term: str) -> int:
            if term not in ids:
                ids[term] = len(words)
                words.append(term)
            return ids[term]

        term_ptr, term_ids = _csr([[id_of(t) for t in row] for row in terms])
        key_ptr, key_ids = _csr([[id_of(t) for t in row] for row in keys])
        return cls._with_postings(tuple(words), ids, term_ptr, term_ids, key_ptr, key_ids)

    @classmethod
    def from_array(cls, vocabulary: Sequence[str], n: int, packed: np.ndarray) -> TermArrays:
        """From :meth:`to_array`'s output for ``n`` debunks over ``vocabulary``."""
        packed = np.asarray(packed, dtype=np.int32)
        term_ptr = packed[: n + 1]
        end = n + 1 + int(term_ptr[-1]) if n >= 0 and len(packed) > n else -1
        key_ptr = packed[end : end + n + 1] if end >= 0 else packed[:0]
        if end < 0 or len(key_ptr) != n + 1 or len(packed) != end + n + 1 + int(key_ptr[-1]):
            raise ValueError("debunks-terms.npy does not match debunks.json.gz: rebuild both")
        term_ids, key_ids = packed[n + 1 : end], packed[end + n + 1 :]
        if len(term_ids) and int(term_ids.max()) >= len(vocabulary):
            raise ValueError("debunks-terms.npy names terms the index does not have")
        words = tuple(vocabulary)
        ids = dict(zip(words, range(len(words)), strict=True))
        return cls._with_postings(words, ids, term_ptr, term_ids, key_ptr, key_ids)

    @classmethod
    def _with_postings(
        cls,
        words: tuple[str, ...],
        ids: Mapping[str, int],
        term_ptr: np.ndarray,
        term_ids: np.ndarray,
        key_ptr: np.ndarray,
        key_ids: np.ndarray,
    ) -> TermArrays:
        docs = np.repeat(np.arange(len(term_ptr) - 1, dtype=np.int32), np.diff(term_ptr))
        # By term, then by debunk. numpy sorts 16-bit integers stably by radix: 1 ms for the
        # shipped 120,000 terms against 11 ms as int32, at every load.
        keys = term_ids.astype(np.uint16) if len(words) <= 1 << 16 else term_ids
        order = np.argsort(keys, kind="stable")
        post_ptr = np.zeros(len(words) + 1, dtype=np.int32)
        post_ptr[1:] = np.cumsum(np.bincount(term_ids, minlength=len(words)))
        return cls(words, ids, term_ptr, term_ids, key_ptr, key_ids, post_ptr, docs[order])

    def to_array(self) -> np.ndarray:
        """The two term lists packed in one int32 array (the postings are derived)."""
        return np.concatenate([self.term_ptr, self.term_ids, self.key_ptr, self.key_ids])

    def lengths(self) -> np.ndarray:
        """Number of claim terms per debunk."""
        return np.diff(self.term_ptr)

    def key(self, doc_id: int) -> tuple[str, ...]:
        """The debunk's key terms, in order."""
        row = self.key_ids[self.key_ptr[doc_id] : self.key_ptr[doc_id + 1]]
        return tuple(self.vocabulary[i] for i in row.tolist())

    def key_mass(self, weights: Mapping[str, float], default: float) -> np.ndarray:
        """Per debunk, the summed weight of its key terms (``default`` for a term without
        one). The vocabulary starts with ``weights``' terms in their order (:meth:`build`,
        :meth:`from_array`), so the weights are read as one array."""
        known = list(weights.values()) if self.vocabulary[: len(weights)] == tuple(weights) else []
        extra = [weights.get(t, default) for t in self.vocabulary[len(known) :]]
        term_weight = np.array(known + extra, dtype=np.float64)
        rows = np.repeat(np.arange(len(self.key_ptr) - 1), np.diff(self.key_ptr))
        return np.bincount(rows, weights=term_weight[self.key_ids], minlength=len(self.key_ptr) - 1)

    def postings(self, term: str) -> np.ndarray:
        """The debunks whose claim has ``term`` (ascending ids)."""
        i = self.ids.get(term)
        return self.post_docs[self.post_ptr[i] : self.post_ptr[i + 1]] if i is not None else _NONE


_NONE = np.zeros(0, dtype=np.int32)


def tokenised(
    claims: Sequence[str], titles: Sequence[str], vocabulary: Sequence[str]
) -> TermArrays:
    """Each debunk's claim terms and key terms (what the build script ships)."""
    terms = [tuple(dict.fromkeys(tokens(claim))) for claim in claims]
    keys = [_key_terms(title, row) for title, row in zip(titles, terms, strict=True)]
    return TermArrays.build(vocabulary, terms, keys)


def _key_terms(title: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """What coverage is measured on: the claim as the title states it (a summary's quoted
    rumour text only helps retrieval), or the whole summary."""
    stated = tuple(t for t in dict.fromkeys(tokens(claim_of_title(title))) if t in terms)
    return stated if len(stated) >= MIN_KEY_TERMS else terms
