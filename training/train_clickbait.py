"""Train the shipped clickbait models (issue 13) and write them exactly as shipped.

    .venv/bin/python -m training.train_clickbait            # both languages
    .venv/bin/python -m training.train_clickbait --lang zh  # one

Sublinear TF-IDF n-grams (English word 1-2-grams, Chinese character 1-3-grams) and a
logistic regression, chosen by cross-source validation (training/README.md):

- en: Stop Clickbait, grouped split (headlines sharing their first two words stay on one
  side; 1 group in 5 is test, never trained on), plus, as extra plain headlines, the titles
  of the ReCOVery publishers rated reliable that fall in the *tuning* half of the sober list's
  publisher split (topic words masked, sober-list rows left out);
- zh: all four sites (HanCD Sina, CCD-CIEG Tencent, NetEase, other), rows written in an
  explainer, verdict or official form left out (the sets label explainer questions 标题党;
  the editor's rule caps them; :data:`factcheck.lang.headline_forms.UNTRAINED_FORMS`).

The prior shift is the smallest in :data:`SHIFTS` that keeps the false-positive rate on the
tuning half of ``evaluation/data/sober_headlines.tsv`` at or below 5 % and, for zh, on all
titles of the HRDE fact-check outlets in that half (the held-out half and its outlets are
never read here). Output ``factcheck/data/clickbait-{lang}.json``: intercept, shift, sober
cap and, per n-gram, [idf, weight]; re-running writes the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from factcheck.lang.headline_forms import trained_on
from factcheck.steps.headline.clickbait import ClickbaitModel, features, score_headline

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "factcheck" / "data"
SOBER_LIST = REPO / "evaluation" / "data" / "sober_headlines.tsv"
SEED = "factcheck-2026"  # salt of the hash split; changing it changes every split
EN_FILES = ("clickbait-en/dataset/clickbait_data.gz", "clickbait-en/dataset/non_clickbait_data.gz")
ZH_FILE = "clickbait-zh/hancd-sina/test.csv"  # HanCD Sina, with bodies (consistency uses it)
ZH_SITES: dict[str, tuple[str, ...]] = {
    "sina": (ZH_FILE,),
    "tencent": (
        "clickbait-zh/ccd-cieg/tencent-train.csv",
        "clickbait-zh/ccd-cieg/tencent-test11.csv",
    ),
    "wangyi": ("clickbait-zh/ccd-cieg/wangyi-train.csv",),
    "zongxiang": ("clickbait-zh/ccd-cieg/zongxiang-train.csv",),
}
RECOVERY_RELIABLE = "articles-en/dataset/reliable"
HRDE = "debunks-zh/hrde/reference_date"  # fact-check titles: shift tuning (zh)
C = {"en": 4.0, "zh": 1.0}  # picked by cross-source validation (README), not refitted here
MIN_DF = {"en": 8, "zh": 2}  # en 8: 206 KB (3: 644 KB) for no loss on the grouped split
SHIFTS = (0.0, -0.5, -1.0, -1.5, -2.0, -2.5)
MAX_TUNE_FP = 0.05
SOBER_CAP = 0.15
DECIMALS = 4
#: Topic words of the ReCOVery titles (COVID-19 news): masked so that the extra plain
#: headlines teach news *style*, not that COVID words are never bait.
TOPIC = re.compile(
    r"\b(coronavirus|covid(-19)?|pandemic|virus|quarantine|lockdowns?|outbreak|sars-cov-2|"
    r"vaccines?|masks?|testing|tests?|cases|deaths|stimulus|social distancing)\b",
    re.IGNORECASE,
)


def shared_data() -> Path:
    base = Path(os.environ.get("FACTCHECK_SHARED", REPO.parent / "shared"))
    return base.resolve() / "data"


@dataclass(frozen=True)
class Example:
    text: str
    label: int  # 1 = clickbait / 标题党
    body: str = ""
    order: int = 0  # position in its file
    source: str = ""  # site (zh) or data set part


def _hash(text: str) -> int:
    return int(hashlib.sha1(f"{SEED}|{text}".encode()).hexdigest()[:8], 16)


def is_test(text: str, lang: str = "en") -> bool:
    """en grouped split: the group is the first two words; 1 group in 5 is test."""
    return _hash(" ".join(features(text, "en")[:2]) if lang == "en" else text) % 5 == 0


def split(examples: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    return [e for e in examples if not is_test(e.text)], [e for e in examples if is_test(e.text)]


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
                    out.append(Example(text, label, order=len(out), source="stop-clickbait"))
    return out


def load_site(data: Path, site: str) -> list[Example]:
    """One site's titles: CSV rows label,title,body,... (no header)."""
    out: list[Example] = []
    for name in ZH_SITES[site]:
        with open(data / name, encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                if len(row) >= 3 and row[1].strip():
                    out.append(Example(row[1].strip(), int(row[0]), row[2], len(out), site))
    return out


def load_zh(data: Path) -> list[Example]:
    """HanCD Sina (with bodies)."""
    return load_site(data, "sina")


def sober_rows(lang: str, half: str) -> list[tuple[str, str]]:
    """(source, headline) of one half ("tune" or "heldout") of the sober list."""
    with SOBER_LIST.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(r["source"], r["headline"]) for r in rows if r["lang"] == lang and r["split"] == half]


def recovery_plain(data: Path) -> list[Example]:
    """Reliable ReCOVery titles of the tuning-half publishers, topic words masked."""
    csv.field_size_limit(sys.maxsize)
    tune = {source for source, _ in sober_rows("en", "tune")}
    listed = {h for half in ("tune", "heldout") for _, h in sober_rows("en", half)}
    out: list[Example] = []
    for path in sorted((data / RECOVERY_RELIABLE).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                title = " ".join((row.get("title") or "").split())
                if title and row["publisher"] in tune and title not in listed:
                    out.append(Example(TOPIC.sub(" ", title), 0, source="recovery"))
    return sorted(set(out), key=lambda e: e.text)


def training_set(lang: str, data: Path) -> list[Example]:
    if lang == "en":
        return split(load_en(data))[0] + recovery_plain(data)
    rows = [e for site in ZH_SITES for e in load_site(data, site)]
    return [e for e in rows if trained_on(e.text, "zh")]


def _analyzer(lang: str) -> Any:
    def analyse(text: str) -> list[str]:
        return features(text, lang)

    return analyse


def fit_sklearn(
    examples: Sequence[Example], lang: str, c: float | None = None
) -> tuple[TfidfVectorizer, LogisticRegression]:
    """The scikit-learn vectorizer and regression fitted on ``examples``."""
    vectorizer = TfidfVectorizer(analyzer=_analyzer(lang), sublinear_tf=True, min_df=MIN_DF[lang])
    matrix = vectorizer.fit_transform([e.text for e in examples])
    model = LogisticRegression(C=c or C[lang], solver="liblinear", random_state=0, max_iter=2000)
    model.fit(matrix, [e.label for e in examples])
    return vectorizer, model


def fit(examples: Sequence[Example], lang: str, c: float | None = None) -> dict[str, Any]:
    """Fit on ``examples``; the exported model without shift (0) and metadata."""
    return export(*fit_sklearn(examples, lang, c), lang)


def export(vectorizer: TfidfVectorizer, model: LogisticRegression, lang: str) -> dict[str, Any]:
    """The JSON the run time reads: per n-gram [idf, weight], rounded."""
    vocab = {
        str(name): [round(float(idf), DECIMALS), round(float(w), DECIMALS)]
        for name, idf, w in zip(
            vectorizer.get_feature_names_out(), vectorizer.idf_, model.coef_[0], strict=True
        )
    }
    return {
        "lang": lang,
        "intercept": round(float(model.intercept_[0]), DECIMALS),
        "shift": 0.0,
        "sober_cap": SOBER_CAP,
        "vocab": vocab,
        "meta": {"C": float(model.C), "min_df": MIN_DF[lang], "n_features": len(vocab)},
    }


def tune_sets(lang: str, data: Path) -> list[list[str]]:
    """The headlines the shift is tuned on (each set must stay <= MAX_TUNE_FP): the sober
    list's tuning half and, for zh, every title of the HRDE fact-check outlets in that half
    (about 3,400; 5 % of the 110 listed zh rows sits on one row's edge)."""
    sets = [[h for _, h in sober_rows(lang, "tune")]]
    if lang == "zh":
        tune = {source for source, _ in sober_rows(lang, "tune")}
        titles: set[str] = set()
        csv.field_size_limit(sys.maxsize)
        for path in sorted((data / HRDE).glob("*.csv")):
            if path.stem in tune:
                with path.open(encoding="utf-8-sig", newline="") as handle:
                    titles |= {
                        " ".join((r.get("title") or "").split()) for r in csv.DictReader(handle)
                    }
        sets.append(sorted(titles - {""}))
    return sets


def tune_fp(exported: dict[str, Any], headlines: Sequence[str], shift: float) -> float:
    """False-positive rate (p >= 0.5) on ``headlines`` with the prior shift ``shift``."""
    model = ClickbaitModel.from_json(json.dumps({**exported, "shift": shift}))
    return sum(score_headline(h, model).probability >= 0.5 for h in headlines) / len(headlines)


def choose_shift(exported: dict[str, Any], lang: str, data: Path) -> float:
    sets = tune_sets(lang, data)
    return next(
        (s for s in SHIFTS if all(tune_fp(exported, h, s) <= MAX_TUNE_FP for h in sets)),
        SHIFTS[-1],
    )


def train(lang: str, data: Path | None = None) -> dict[str, Any]:
    """Train the shipped model for ``lang``."""
    data = data or shared_data()
    examples = training_set(lang, data)
    model = fit(examples, lang)
    model["shift"] = choose_shift(model, lang, data)
    files = list(EN_FILES) if lang == "en" else [f for fs in ZH_SITES.values() for f in fs]
    model["meta"].update(
        {
            "data": files,
            "data_sha256": sha256_of([data / f for f in files]),
            "n_train": len(examples),
            "split": "en: sha1(seed|first two words)[:8] mod 5 == 0 -> test; zh: all sites",
            "split_seed": SEED,
            "shift_rule": f"smallest |shift| in {list(SHIFTS)} with tune sober FP <= 5%"
            + ("" if lang == "en" else " (also on HRDE titles of tuning-half outlets)"),
            "trainer": "scikit-learn TfidfVectorizer(sublinear_tf) + LogisticRegression(liblinear)",
            "features": "en word 1-2-grams" if lang == "en" else "zh character 1-3-grams",
        }
    )
    return model


def sha256_of(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


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
            f"shift={model['shift']} -> {path} ({path.stat().st_size // 1024} KB)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
