"""Step 2 clickbait model: F1 and AUC on held-out data, in English and Chinese, and speed.

Every number is on headlines the shipped model never saw:

- the hashed test split of ``training/train_clickbait.py`` (20 % of Stop Clickbait, 25 % of
  HanCD Sina), for the model alone, model + cues (what the report shows), and cues alone
  (the issue-2 word-list baseline, measured in the same run);
- the 1,813 older Stop Clickbait normals (``clickbait-data/news.txt``) that are not in the
  released set: false-positive rate on news the model never met;
- ReCOVery titles: AUC of the probability for "unreliable publisher" (a proxy, labels are
  per publisher, not per headline);
- HanCD in time blocks: a model retrained (same C) on the newer 75 % of each label and
  tested on the oldest 25 %. HanCD Sina has one source ("sina"), so a held-out-source
  split is impossible with the data available; this is the closest honest substitute.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from factcheck.lang.cues import HEADLINE_CUES, find_cues, shouting_capitals, shouts
from factcheck.steps.headline.clickbait import LinearModel, load_model, score_headline, sigmoid
from training.train_clickbait import Example, fit, load_en, load_zh, split

from .common import Row, recovery_articles
from .common import auc_labelled as auc

MODELS = {lang: load_model(lang) for lang in ("en", "zh")}


def f1(labels: Sequence[int], scores: Sequence[float], threshold: float = 0.5) -> float:
    tp = sum(1 for y, s in zip(labels, scores, strict=True) if y and s >= threshold)
    fp = sum(1 for y, s in zip(labels, scores, strict=True) if not y and s >= threshold)
    fn = sum(1 for y, s in zip(labels, scores, strict=True) if y and s < threshold)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def cue_only(text: str, lang: str) -> float:
    """The word-list baseline: cue weights alone, no model (probability of 0.5 + cues)."""
    logit = sum(hit.cue.weight for hit in find_cues(HEADLINE_CUES[lang], text))
    if lang == "en" and shouts(shouting_capitals(text)):
        logit += 1.0
    return sigmoid(logit - 0.5)


def _scorers(lang: str) -> dict[str, Callable[[str], float]]:
    return {
        "model+cues": lambda t: score_headline(t, MODELS[lang]).probability,
        "model": lambda t: score_headline(t, MODELS[lang]).model_probability,
        "cues only": lambda t: cue_only(t, lang),
    }


def _split_rows(area: str, data: str, examples: Sequence[Example], lang: str) -> list[Row]:
    labels = [e.label for e in examples]
    measured = {name: [fn(e.text) for e in examples] for name, fn in _scorers(lang).items()}
    others = "; ".join(
        f"{name} F1 {f1(labels, s):.3f} AUC {auc(labels, s):.3f}"
        for name, s in measured.items()
        if name != "model+cues"
    )
    main = measured["model+cues"]
    return [
        Row(area, "F1 (model+cues, p>=0.5)", f1(labels, main), len(examples), data, others),
        Row(area, "AUC (model+cues)", auc(labels, main), len(examples), data, others),
    ]


def _timing_rows(lang: str, examples: Sequence[Example]) -> list[Row]:
    started = time.perf_counter()
    load_model(lang)
    load_ms = (time.perf_counter() - started) * 1000
    texts = [e.text for e in examples]
    started = time.perf_counter()
    for text in texts:
        score_headline(text, MODELS[lang])
    per_ms = (time.perf_counter() - started) * 1000 / len(texts)
    area = f"clickbait-{lang}"
    return [
        Row(
            area, "model load (ms, first use)", load_ms, 1, f"factcheck/data/clickbait-{lang}.json"
        ),
        Row(area, "time per headline (ms)", per_ms, len(texts), "test split, model+cues"),
    ]


def _news_txt_rows(data: Path, known: set[str]) -> list[Row]:
    path = data / "clickbait-en/clickbait-data/news.txt"
    if not path.is_file():
        return []
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    unseen = [t for t in dict.fromkeys(lines) if t and t not in known]
    flagged = sum(score_headline(t, MODELS["en"]).probability >= 0.5 for t in unseen)
    return [
        Row(
            "clickbait-en",
            "false-positive rate on unseen normals",
            flagged / len(unseen),
            len(unseen),
            "Stop Clickbait news.txt lines absent from the released set",
        )
    ]


def titled_recovery_articles(data: Path) -> list[dict[str, str]]:
    """ReCOVery articles that have a title (``data`` is ``shared / "data"``)."""
    return [r for r in recovery_articles(data.parent) if (r.get("title") or "").strip()]


def _recovery_rows(data: Path) -> list[Row]:
    articles = titled_recovery_articles(data)
    if not articles:
        return []
    labels = [1 if r["reliability"].strip() == "0" else 0 for r in articles]
    scores = [score_headline(r["title"].strip(), MODELS["en"]).probability for r in articles]
    rate = {
        y: sum(s >= 0.5 for s, lab in zip(scores, labels, strict=True) if lab == y)
        / max(1, labels.count(y))
        for y in (0, 1)
    }
    return [
        Row(
            "clickbait-en",
            "AUC for unreliable publisher (proxy)",
            auc(labels, scores),
            len(articles),
            "ReCOVery titles (labels per publisher)",
            f"p>=0.5 on {rate[1]:.1%} unreliable vs {rate[0]:.1%} reliable titles",
        )
    ]


def _zh_block_rows(examples: Sequence[Example]) -> list[Row]:
    """Retrain on the newer 75 % of each label, test on the oldest 25 % (rows are newest first)."""
    train: list[Example] = []
    test: list[Example] = []
    for label in (0, 1):
        group = [e for e in examples if e.label == label]
        cut = len(group) * 3 // 4
        train += group[:cut]
        test += group[cut:]
    c = float(load_model("zh").meta["C"])
    try:
        exported = fit(train, "zh", c=c)
    except ImportError:  # scikit-learn is in the "train" extra only
        print(
            "clickbait: time-block rows need scikit-learn (pip install -e .[train])",
            file=sys.stderr,
        )
        return []
    model = LinearModel("zh", exported["intercept"], exported["weights"], exported["meta"])
    labels = [e.label for e in test]
    scores = []
    for e in test:
        logit = model.intercept + sum(w for _, w in model.contributions(e.text))
        logit += sum(h.cue.weight for h in find_cues(HEADLINE_CUES["zh"], e.text))
        scores.append(sigmoid(logit))
    data = "HanCD Sina, oldest 25% per label held out (retrained, same C)"
    return [
        Row("clickbait-zh", "F1 held-out time block", f1(labels, scores), len(test), data),
        Row("clickbait-zh", "AUC held-out time block", auc(labels, scores), len(test), data),
    ]


def run(shared: Path) -> list[Row]:
    data = shared / "data"
    rows: list[Row] = []
    en = load_en(data)
    _, en_test = split(en, "en")
    rows += _split_rows("clickbait-en", "Stop Clickbait, hashed 20% test split", en_test, "en")
    rows += _news_txt_rows(data, {e.text for e in en})
    rows += _recovery_rows(data)
    rows += _timing_rows("en", en_test)
    zh = load_zh(data)
    _, zh_test = split(zh, "zh")
    rows += _split_rows("clickbait-zh", "HanCD Sina, hashed 25% test split", zh_test, "zh")
    rows += _zh_block_rows(zh)
    rows += _timing_rows("zh", zh_test)
    return rows
