"""Train the shipped clickbait models and write them exactly as shipped.

    .venv/bin/python -m training.train_clickbait            # both languages
    .venv/bin/python -m training.train_clickbait --lang zh  # one

Reads the third-party data in ``../shared/data`` (or ``$FACTCHECK_SHARED``/data), splits it
with a fixed, content-hashed rule (independent of file order and library versions), fits a
logistic regression with scikit-learn on the training part only, and writes
``factcheck/data/clickbait-{lang}.json``: intercept, non-zero weights rounded to 4 places,
and metadata (data hashes, split rule, sizes, C). Re-running writes the same bytes.
See training/README.md for the data, the split and the numbers.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.clickbait import features

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "factcheck" / "data"
SEED = "factcheck-2026"  # salt of the hash split; changing it changes every split
EN_FILES = ("clickbait-en/dataset/clickbait_data.gz", "clickbait-en/dataset/non_clickbait_data.gz")
ZH_FILE = "clickbait-zh/hancd-sina/test.csv"
TEST_SHARE = {"en": 5, "zh": 4}  # 1 in 5 English, 1 in 4 Chinese headlines are test
MIN_DF = {"en": 5, "zh": 2}  # en: 5 keeps the file at ~230 KB for 0.001 less F1
C_GRID = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
DECIMALS = 4
FEATURES = {
    "en": "lower-cased word 1-2-grams, numbers folded (en-v1)",
    "zh": "style characters 1-3-grams, topic characters folded to □ (zh-style-v1)",
}


def shared_data() -> Path:
    base = Path(os.environ.get("FACTCHECK_SHARED", REPO.parent / "shared"))
    return base.resolve() / "data"


@dataclass(frozen=True)
class Example:
    text: str
    label: int  # 1 = clickbait / 标题党
    body: str = ""
    order: int = 0  # position in its file (HanCD rows are newest first within a label)


def is_test(text: str, lang: str) -> bool:
    """The split: a salted SHA-1 of the headline; 1 in TEST_SHARE[lang] goes to test."""
    digest = hashlib.sha1(f"{SEED}|{text}".encode()).hexdigest()
    return int(digest[:8], 16) % TEST_SHARE[lang] == 0


def split(examples: Sequence[Example], lang: str) -> tuple[list[Example], list[Example]]:
    train = [e for e in examples if not is_test(e.text, lang)]
    test = [e for e in examples if is_test(e.text, lang)]
    return train, test


def load_en(data: Path) -> list[Example]:
    """Stop Clickbait: one headline a line, blank lines skipped, duplicates dropped."""
    seen: set[str] = set()
    out: list[Example] = []
    for path, label in zip(EN_FILES, (1, 0), strict=True):
        with gzip.open(data / path, "rt", encoding="utf-8") as handle:
            for line in handle:
                text = line.strip()
                if text and text not in seen:
                    seen.add(text)
                    out.append(Example(text, label, order=len(out)))
    return out


def load_zh(data: Path) -> list[Example]:
    """HanCD Sina: label,title,content,source (no header)."""
    with open(data / ZH_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [Example(r[1].strip(), int(r[0]), r[2], i) for i, r in enumerate(rows) if len(r) >= 3]


LOADERS = {"en": load_en, "zh": load_zh}


def data_files(lang: str) -> tuple[str, ...]:
    return EN_FILES if lang == "en" else (ZH_FILE,)


def sha256_of(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _analyzer(lang: str) -> Any:
    def analyse(text: str) -> list[str]:
        return features(text, lang)

    return analyse


def fit(examples: Sequence[Example], lang: str, c: float | None = None) -> dict[str, Any]:
    """Fit on ``examples`` and return the exported model (C by 5-fold CV when not given)."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    texts = [e.text for e in examples]
    labels = [e.label for e in examples]
    vectorizer = CountVectorizer(analyzer=_analyzer(lang), binary=True, min_df=MIN_DF[lang])
    matrix = vectorizer.fit_transform(texts)
    if c is None:
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=2026)
        scores = {
            cand: cross_val_score(
                _logreg(LogisticRegression, cand), matrix, labels, cv=folds, scoring="f1"
            ).mean()
            for cand in C_GRID
        }
        c = max(C_GRID, key=lambda cand: (round(scores[cand], 4), -cand))
    model = _logreg(LogisticRegression, c).fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): round(float(w), DECIMALS)
        for name, w in zip(names, model.coef_[0], strict=True)
        if round(float(w), DECIMALS) != 0.0
    }
    return {
        "lang": lang,
        "intercept": round(float(model.intercept_[0]), DECIMALS),
        "weights": weights,
        "meta": {"C": c, "min_df": MIN_DF[lang], "n_features": len(weights)},
    }


def _logreg(cls: Any, c: float) -> Any:
    return cls(C=c, solver="liblinear", random_state=0, max_iter=1000)


def train(lang: str, data: Path | None = None) -> dict[str, Any]:
    """Train the shipped model for ``lang`` on the training split only."""
    data = data or shared_data()
    train_set, test_set = split(LOADERS[lang](data), lang)
    model = fit(train_set, lang)
    model["meta"].update(
        {
            "data": list(data_files(lang)),
            "data_sha256": sha256_of([data / f for f in data_files(lang)]),
            "split": f"sha1('{SEED}|' + headline)[:8] mod {TEST_SHARE[lang]} == 0 -> test",
            "split_seed": SEED,
            "n_train": len(train_set),
            "n_test": len(test_set),
            "trainer": "scikit-learn LogisticRegression(liblinear) on factcheck.clickbait.features",
            "features": FEATURES[lang],
        }
    )
    return model


def dumps(model: dict[str, Any]) -> str:
    """The exact bytes shipped: sorted keys, compact, UTF-8, one trailing newline."""
    return json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--lang", nargs="*", choices=("en", "zh"), default=["en", "zh"])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    for lang in args.lang:
        model = train(lang)
        path = args.out / f"clickbait-{lang}.json"
        path.write_text(dumps(model), encoding="utf-8")
        meta = model["meta"]
        print(
            f"{lang}: C={meta['C']} features={meta['n_features']} train={meta['n_train']} "
            f"test={meta['n_test']} -> {path}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
