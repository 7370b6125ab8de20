"""The zh label-cap analysis (evaluation/clickbait_zh_cap.py): its judged samples are the ones
the fixed seed draws, every one has a verdict, and the reader-perfect AUC is what the markdown
(evaluation/CLICKBAIT_ZH_CAP.md) reports."""

from __future__ import annotations

import csv

import pytest

from evaluation import clickbait_zh_cap as cap
from evaluation.common import auc_labelled
from training import train_clickbait as tc

DATA = tc.shared_data()
needs_data = pytest.mark.skipif(
    not (DATA / tc.ZH_FILE).is_file(), reason="shared data (../shared/data) not present"
)


@pytest.fixture(scope="module")
def sites():
    csv.field_size_limit(2**31 - 1)
    return {site: tc.load_site(DATA, site) for site in tc.ZH_SITES}


@needs_data
def test_every_sampled_title_has_a_verdict_and_nothing_else_is_judged(sites):
    judged = cap._judged()
    drawn = {
        (name, str(label), title)
        for name in cap.SETS
        for label in (1, 0)
        for title in cap._picked(name, sites, label)
    }
    assert set(judged) == drawn and len(drawn) == 2 * (cap.SAMPLE + cap.SAMPLE_PLAIN)
    assert {verdict for verdict, _ in judged.values()} == {"bait", "sober", "unsure"}


@needs_data
@pytest.mark.parametrize(("name", "expected"), [("HanCD Sina", 0.700), ("CCD-CIEG", 0.708)])
def test_a_reader_perfect_scorer_stays_near_0_7_against_the_labels(sites, name, expected):
    judged = cap._judged()
    scores = {
        label: [
            cap.EDITOR[judged[(name, str(label), t)][0]] for t in cap._picked(name, sites, label)
        ]
        for label in (1, 0)
    }
    labels = [1] * len(scores[1]) + [0] * len(scores[0])
    assert auc_labelled(labels, scores[1] + scores[0]) == pytest.approx(expected, abs=5e-4)


@needs_data
def test_hancd_labels_track_body_length_and_tencent_the_reverse(sites):
    def body_auc(rows):
        return auc_labelled([e.label for e in rows], [float(len(e.body)) for e in rows])

    assert body_auc(sites["sina"]) > 0.75 and body_auc(sites["tencent"]) < 0.35
