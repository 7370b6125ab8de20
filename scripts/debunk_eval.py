"""What the debunk verifier is tuned and measured on (training/ and evaluation/ share it).

:func:`eval_index` is the shipped index plus CHECKED's official debunks (academic use only:
never shipped), so that each CHECKED fake post's own debunk is there, among 6,000 others.
:func:`queries` are the pages: CHECKED fake posts (target: their own debunk), a quarter of
CHECKED real posts (no target), and rumour rewrites of HRDE debunk titles (target: that
debunk). Each carries its half (0 = tuning, 1 = held apart), by a hash of the claim or URL.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from debunk_corpora import (
    CHECKED,
    all_articles,
    build_index,
    checked_claim,
    half,
    read_checked,
    with_vectors,
)
from debunk_paraphrase import rumour_of, states_a_claim

from factcheck.steps.factcheckers.claims import extract_claims, refutes
from factcheck.steps.factcheckers.debunks import VECTORS_RESOURCE, DebunkIndex, quantise
from factcheck.steps.factcheckers.relation import claim_similarity
from factcheck.steps.factcheckers.verify import Encode

REPO = Path(__file__).resolve().parent.parent
#: Every n-th CHECKED real post is used (encoding all 1,760 takes too long on 2 cores).
REAL_STRIDE = 4
#: Every n-th HRDE title rewrite is used.
PARAPHRASE_STRIDE = 2
#: Two debunked claims at least this similar (term Dice) are one claim reworded.
SAME_CLAIM_DICE = 0.6


@dataclass(frozen=True)
class Query:
    kind: str  # "fake" | "real" | "para"
    half: int
    claims: tuple[str, ...]
    target: str | None  # the URL of the debunk it should match; None: none should
    refutes: bool = False
    post: str = ""  # CHECKED post id ("" for rewrites)


def eval_index(shared: Path, encode: Encode) -> DebunkIndex:
    """Shipped debunks (their shipped embeddings) plus CHECKED's (embedded now)."""
    shipped = all_articles(shared)
    checked = read_checked(shared)
    index = build_index([*shipped, *checked], version="eval", source="")
    raw = (REPO / "factcheck" / VECTORS_RESOURCE).read_bytes()
    vectors = np.load(io.BytesIO(raw), allow_pickle=False)
    if len(vectors) != len(shipped):
        raise SystemExit("the shipped index is stale: run scripts/build_debunk_index.py")
    extra = quantise(encode([a.claim for a in checked]))
    return with_vectors(index, np.vstack([vectors, extra]))


def queries(shared: Path) -> list[Query]:
    return [*_checked_queries(shared), *_paraphrases(shared)]


def _checked_queries(shared: Path) -> Iterator[Query]:
    with (shared / CHECKED).open(encoding="utf-8") as handle:
        posts = [json.loads(line) for line in handle if line.strip()]
    reals = [p for p in posts if p["label"] != "fake"][::REAL_STRIDE]
    for post in [p for p in posts if p["label"] == "fake" and p.get("analysis")] + reals:
        text = post["text"]
        claims = extract_claims("", text) or (text[:160],)
        if post["label"] == "fake":
            claim = checked_claim(post["analysis"].strip())
            target = f"checked:{claim}"
            yield Query("fake", half(claim), claims, target, refutes("", text), str(post["id"]))
        else:
            pid = str(post["id"])
            yield Query("real", half(pid), claims, None, refutes("", text), pid)


def _paraphrases(shared: Path) -> Iterator[Query]:
    titled = [a for a in all_articles(shared) if a.language == "zh" and states_a_claim(a.title)]
    for article in titled[::PARAPHRASE_STRIDE]:
        rumour = rumour_of(article.title)
        if rumour:
            yield Query("para", half(article.url), (rumour,), article.url)


def same_claim(a: str, b: str) -> bool:
    """Two debunked claims that are one claim reworded ("信阳封城了" / "信阳要封城了"): Dice
    of their terms at least :data:`SAME_CLAIM_DICE`."""
    return claim_similarity(a, b) >= SAME_CLAIM_DICE


def rewording_cap(index_claims: dict[str, str], items: list[Query]) -> float:
    """The label cap of recall@1: its expected value for a matcher that finds each post's
    claim but cannot tell apart CHECKED's rewordings of it (CHECKED wrote one debunk per
    post: "广西…入境10万+" and "…10多万" are two), picking one of them at random."""
    checked = [c for url, c in index_claims.items() if url.startswith("checked:")]
    total = 0.0
    for item in items:
        own = index_claims.get(item.target or "")
        if own is not None:
            total += 1 / (1 + sum(c != own and same_claim(c, own) for c in checked))
    return total / max(len(items), 1)
