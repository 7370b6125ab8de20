"""Step 2 clickbait model (issue 13): cross-source numbers and false alarms on sober headlines.

Every number is on headlines the model never saw:

- en: the grouped test split of ``training/train_clickbait.py`` (Stop Clickbait headlines
  whose first two words never occur in training), scored with the shipped file; false
  positives (p >= 0.5) on headlines of other publishers: ReCOVery reliable publishers of the
  sober list's *held-out* half, pages-real mainstream pages, English pages-metadata titles,
  and Stop Clickbait's older news.txt;
- zh: cross-source, retrained with the shipped recipe: HanCD Sina -> CCD-CIEG, CCD-CIEG ->
  HanCD Sina, and leave-one-site-out over the four sites; AUC against the labels as given
  and on the rows not in a sober form (the sets label explainer questions 标题党);
- both: the false-positive rate on the held-out half of ``evaluation/data/sober_headlines.tsv``.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from factcheck.lang.cues import HEADLINE_CUES, find_cues
from factcheck.lang.headline_forms import sober_form, trained_on
from factcheck.steps.headline.clickbait import ClickbaitModel, load_model, score_headline
from training.train_clickbait import (
    ZH_SITES,
    Example,
    fit,
    load_en,
    load_site,
    sober_rows,
    split,
)

from .common import Row, recovery_articles
from .common import auc_labelled as auc

Scorer = Callable[[str], float]


def f1(labels: Sequence[int], scores: Sequence[float], threshold: float = 0.5) -> float:
    pairs = list(zip(labels, scores, strict=True))
    tp = sum(1 for y, s in pairs if y and s >= threshold)
    fp = sum(1 for y, s in pairs if not y and s >= threshold)
    fn = sum(1 for y, s in pairs if y and s < threshold)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def fp_rate(texts: Sequence[str], scorer: Scorer) -> float:
    return sum(scorer(t) >= 0.5 for t in texts) / max(1, len(texts))


def _cue_only(text: str, lang: str) -> float:
    """The word-list baseline: the cues' strengths alone, squashed into 0..1."""
    return min(1.0, sum(h.cue.weight for h in find_cues(HEADLINE_CUES[lang], text)) / 3)


def _scorers(model: ClickbaitModel) -> dict[str, Scorer]:
    return {
        "shipped": lambda t: score_headline(t, model).probability,
        "model alone": lambda t: score_headline(t, model).model_probability,
        "cues only": lambda t: _cue_only(t, model.lang),
    }


def _labelled_rows(
    area: str, data: str, rows: Sequence[Example], model: ClickbaitModel
) -> list[Row]:
    labels = [e.label for e in rows]
    measured = {name: [fn(e.text) for e in rows] for name, fn in _scorers(model).items()}
    others = "; ".join(
        f"{name} F1 {f1(labels, s):.3f} AUC {auc(labels, s):.3f}"
        for name, s in measured.items()
        if name != "shipped"
    )
    main = measured["shipped"]
    return [
        Row(area, "AUC (shipped)", auc(labels, main), len(rows), data, others),
        Row(area, "F1 (shipped, p>=0.5)", f1(labels, main), len(rows), data, others),
    ]


def _fp_row(area: str, data: str, texts: Sequence[str], model: ClickbaitModel) -> Row:
    scorers = _scorers(model)
    return Row(
        area,
        "false-positive rate (p>=0.5)",
        fp_rate(texts, scorers["shipped"]),
        len(texts),
        data,
        f"model alone {fp_rate(texts, scorers['model alone']):.3f}",
    )


def titled_recovery_articles(data: Path) -> list[dict[str, str]]:
    """ReCOVery articles that have a title (``data`` is ``shared / "data"``)."""
    return [r for r in recovery_articles(data.parent) if (r.get("title") or "").strip()]


def _other_publishers(data: Path) -> dict[str, list[str]]:
    heldout = {source for source, _ in sober_rows("en", "heldout")}
    recovery = [
        " ".join(r["title"].split())
        for r in titled_recovery_articles(data)
        if r["reliability"].strip() == "1" and r["publisher"] in heldout
    ]
    truth = json.loads((data / "pages-real/truth.json").read_text(encoding="utf-8"))
    pages = [p["headline"] for p in truth if p["lang"] == "en" and p["reliability"] == "mainstream"]
    evaldata = json.loads(
        (data / "pages-metadata/trafilatura/tests/evaldata.json").read_text(encoding="utf-8")
    )
    plain_words = {"the", "to", "of", "and", "in", "for", "on", "is", "a", "with", "from", "at"}
    titles = [
        t
        for t in ((v.get("title") or "").strip() for v in evaldata.values())
        if t.isascii() and len(t.split()) >= 4 and plain_words & set(t.lower().split())
    ]
    news = data / "clickbait-en/clickbait-data/news.txt"
    known = {e.text for e in load_en(data)}
    lines = news.read_text(encoding="utf-8").splitlines() if news.is_file() else []
    unseen = [t for t in dict.fromkeys(x.strip() for x in lines) if t and t not in known]
    return {
        "ReCOVery reliable publishers, held-out half": recovery,
        "pages-real mainstream headlines": pages,
        "pages-metadata English titles": titles,
        "Stop Clickbait news.txt lines absent from the released set": unseen,
    }


def _sober_rows(lang: str, model: ClickbaitModel) -> list[Row]:
    scorer = _scorers(model)["shipped"]
    held = [h for _, h in sober_rows(lang, "heldout")]
    tune = [h for _, h in sober_rows(lang, "tune")]
    return [
        Row(
            f"clickbait-{lang}",
            "FP rate, sober reputable headlines (held-out half)",
            fp_rate(held, scorer),
            len(held),
            "evaluation/data/sober_headlines.tsv, sources never used for tuning",
            f"tuning half {fp_rate(tune, scorer):.3f} (n {len(tune)}); "
            f"model alone {fp_rate(held, _scorers(model)['model alone']):.3f}",
        )
    ]


def _retrained(train: Sequence[Example], shift: float) -> ClickbaitModel:
    exported = fit([e for e in train if trained_on(e.text, "zh")], "zh")
    return ClickbaitModel.from_json(json.dumps({**exported, "shift": shift}))


def _cross_rows(
    name: str, train: Sequence[Example], test: Sequence[Example], shipped: ClickbaitModel
) -> list[Row]:
    model = _retrained(train, shipped.shift)
    rows = _labelled_rows("clickbait-zh", f"{name} (retrained, shipped recipe)", test, model)
    unshifted = replace(model, shift=0.0)
    labels = [e.label for e in test]
    f1_raw = f1(labels, [score_headline(e.text, unshifted).probability for e in test])
    rows[1] = replace(
        rows[1], comparison=f"without the prior shift F1 {f1_raw:.3f}; {rows[1].comparison}"
    )
    plain = [e for e in test if not sober_form(e.text, "zh")]
    scores = [score_headline(e.text, model).probability for e in plain]
    rows.append(
        Row(
            "clickbait-zh",
            "AUC, rows not in a sober form",
            auc([e.label for e in plain], scores),
            len(plain),
            name,
        )
    )
    return rows


def _zh_rows(data: Path, shipped: ClickbaitModel) -> list[Row]:
    sites = {site: load_site(data, site) for site in ZH_SITES}
    ccd = [e for site in ("tencent", "wangyi", "zongxiang") for e in sites[site]]
    rows = _cross_rows("HanCD Sina -> CCD-CIEG", sites["sina"], ccd, shipped)
    rows += _cross_rows("CCD-CIEG -> HanCD Sina", ccd, sites["sina"], shipped)
    for held in ("tencent", "wangyi", "zongxiang"):  # sina: CCD-CIEG -> HanCD above
        train = [e for site, items in sites.items() if site != held for e in items]
        rows += _cross_rows(f"leave-one-site-out: {held}", train, sites[held], shipped)[:1]
    return rows


def _timing_rows(lang: str, texts: Sequence[str]) -> list[Row]:
    started = time.perf_counter()
    model = load_model(lang)
    load_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    for text in texts:
        score_headline(text, model)
    per_ms = (time.perf_counter() - started) * 1000 / max(1, len(texts))
    area = f"clickbait-{lang}"
    return [
        Row(area, "model load (ms)", load_ms, 1, f"factcheck/data/clickbait-{lang}.json"),
        Row(area, "time per headline (ms)", per_ms, len(texts), "model + cues + sober forms"),
    ]


def run(shared: Path) -> list[Row]:
    data = shared / "data"
    csv.field_size_limit(sys.maxsize)
    en, zh = load_model("en"), load_model("zh")
    _, en_test = split(load_en(data))
    rows = _labelled_rows("clickbait-en", "Stop Clickbait, grouped test split", en_test, en)
    for name, texts in _other_publishers(data).items():
        if texts:
            rows.append(_fp_row("clickbait-en", name, texts, en))
    rows += _sober_rows("en", en)
    rows += _timing_rows("en", [e.text for e in en_test[:2000]])
    rows += _zh_rows(data, zh)  # retrains: needs the "train" extra (scikit-learn)
    rows += _sober_rows("zh", zh)
    rows += _timing_rows("zh", [e.text for e in load_site(data, "sina")])
    return rows
