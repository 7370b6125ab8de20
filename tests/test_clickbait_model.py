"""The shipped clickbait models (issue 13): real headlines, the words that drove them,
sober forms, exact reproduction of scikit-learn at run time, reproducible retraining."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import pytest

from evaluation import sober_list
from factcheck.lang.headline_forms import sober_form
from factcheck.steps.headline.clickbait import (
    ClickbaitModel,
    display,
    features,
    load_model,
    score_headline,
)
from training import train_clickbait as tc

MODELS = {lang: load_model(lang) for lang in ("en", "zh")}

DATA = tc.shared_data()
needs_data = pytest.mark.skipif(
    not (DATA / tc.ZH_FILE).is_file(), reason="shared data (../shared/data) not present"
)


def shipped(lang: str) -> str:
    path = resources.files("factcheck") / "data" / f"clickbait-{lang}.json"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "headline",
    [
        # Stop Clickbait, grouped test split (first words never seen in training)
        "28 Delightful Free Phone Wallpapers That'll Make You Smile",
        "How Much Do You Hate Halloween",
        "17 Easy Ways To Do Your Makeup If You Don't Know WTF You're Doing",
    ],
)
def test_english_clickbait_of_the_test_split_scores_high(headline):
    assert tc.is_test(headline)
    assert score_headline(headline, MODELS["en"]).probability > 0.8


def test_english_health_clickbait_scores_high():
    headline = "9 Signs Your Body Is Begging You To Drink More Water"  # written for this test
    assert score_headline(headline, MODELS["en"]).probability > 0.8


@pytest.mark.parametrize(
    "headline",
    [
        "White House Announces International Meetings to Address Energy and Climate Issues",
        "Gas prices surge in Northeast US",
        "WHO approves new malaria vaccine for children in Africa",
        "Measles cases rise in Europe as vaccination rates fall, WHO says",
    ],
)
def test_english_news_headlines_score_low(headline):
    assert score_headline(headline, MODELS["en"]).probability < 0.2


@pytest.mark.parametrize(
    "headline",
    [
        # written for these tests, WeChat health style: stacked cues the labelled sets lack
        "震惊！这3种食物千万不要一起吃，99%的人不知道，赶紧转发给家人！",
        "吃了这个，血管竟然通了！医生都惊呆了",
    ],
)
def test_chinese_clickbait_scores_high(headline):
    score = score_headline(headline, MODELS["zh"])
    assert score.probability > 0.8 > score.model_probability


@pytest.mark.parametrize(
    "headline",
    [
        "中共中央组织部原部长张全景逝世 享年91岁",
        "北京今天白天晴转多云，早晨轻雾，最高气温17℃",
        "世卫组织：全球麻疹病例上升",
        "中国疾控中心发布秋冬季呼吸道传染病防控指南",
    ],
)
def test_chinese_plain_headlines_score_low(headline):
    assert score_headline(headline, MODELS["zh"]).probability < 0.5


@pytest.mark.parametrize(
    "headline",
    [
        # HanCD Sina labels these 标题党; a careful editor reads explainer questions
        "被赋黄码怎么办？广州疾控：做好这四点！",
        "新修订的妇女权益保障法有哪些亮点？",
    ],
)
def test_explainer_questions_labelled_bait_in_hancd_are_capped(headline):
    score = score_headline(headline, MODELS["zh"])
    assert score.form == "explainer" and score.capped
    assert score.probability == MODELS["zh"].sober_cap < score.model_probability


def test_score_names_the_words_and_cues_that_drove_it():
    en = score_headline(
        "Doctors Are STUNNED: This Kitchen Spice Cures Diabetes In 7 Days!!!", MODELS["en"]
    )
    assert en.shouting and en.capitals == ("STUNNED",)
    assert "this" in [t.text for t in en.terms_for]
    assert [h.text for h in en.cues] == ["!!!"]
    assert en.probability > en.model_probability  # stacked cues: !!! and capitals
    zh = score_headline(
        "紧急扩散！这4种水果千万别空腹吃，99%的人不知道，赶紧转发给家人！！", MODELS["zh"]
    )
    ids = [h.cue.id for h in zh.cues]
    assert ids == ["urgent_read", "must_read", "share", "shouting", "listicle", "hype"]
    # "扩散" inside "紧急扩散" is not a second cue; the share cue is "转发" further on
    assert [h.text for h in zh.cues] == ["紧急扩散", "99%的人", "转发", "！！", "这4种", "千万别"]
    assert all(t.weight > 0 for t in zh.terms_for) and zh.terms_for


def test_a_single_cue_explains_but_does_not_move_the_probability():
    score = score_headline("You Won't Believe What This Doctor Found In Tap Water", MODELS["en"])
    assert [h.text for h in score.cues] == ["You Won't Believe"]
    assert score.probability == score.model_probability > 0.5


def test_features_and_their_display():
    assert features("ＷＨＯ：３天！", "en") == ["who", "<num>", "!", "<s> who", "who <num>",
                                              "<num> !", "! </s>"]  # fmt: skip
    zh = features("新冠 3天", "zh")
    assert "^新冠" in zh and "0天$" in zh and "冠 0" in zh  # NFKC, digits folded, ends marked
    assert display("<s> <num> things", "en") == "# things" and display("^0天", "zh") == "#天"
    assert sober_form("WHO warns of measles", "en") == ""  # the acronym is not a question


def test_runtime_matches_scikit_learn():
    """The pure-Python scorer gives scikit-learn's log-odds (weights rounded to 4 places)."""
    rows = tc.load_en(DATA)[:300] + tc.load_en(DATA)[-300:] if DATA.is_dir() else []
    if not rows:
        pytest.skip("shared data not present")
    vectorizer, model = tc.fit_sklearn(rows, "en", c=1.0)
    exported = {**tc.export(vectorizer, model, "en"), "meta": {}}
    runtime = ClickbaitModel.from_json(tc.dumps(exported))
    texts = [e.text for e in rows[::50]] + ["Never seen words only", ""]
    expected = model.decision_function(vectorizer.transform(texts))
    for text, logit in zip(texts, expected, strict=True):
        assert runtime.logit(text) == pytest.approx(logit, abs=2e-3)


def test_runtime_needs_no_scikit_learn():
    code = (
        "import sys; sys.modules['sklearn'] = None\n"
        "from factcheck.steps.headline.clickbait import load_model, score_headline\n"
        "model = load_model('en')\n"
        "print(round(score_headline('How Much Do You Hate Halloween', model).probability, 2))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) > 0.8


def test_other_languages_have_no_model():
    with pytest.raises(ValueError):
        load_model("fr")


@needs_data
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_training_reproduces_the_shipped_file(lang):
    """The same n-grams, idf, shift, cap and metadata; the weights to the solver's precision,
    and the same scores. Byte for byte only with the same numpy, SciPy and scikit-learn:
    other builds move the 4th decimal of many English weights and the 3rd of a few (1,547
    and 7 of 7,778, at most 0.0021, with numpy 2.4.6, SciPy 1.17.1, scikit-learn 1.9.1)."""
    retrained, ours = json.loads(tc.dumps(tc.train(lang, DATA))), json.loads(shipped(lang))
    assert {k: v for k, v in retrained.items() if k not in ("vocab", "intercept")} == {
        k: v for k, v in ours.items() if k not in ("vocab", "intercept")
    }
    assert retrained["intercept"] == pytest.approx(ours["intercept"], abs=5e-3)
    assert retrained["vocab"].keys() == ours["vocab"].keys()
    for gram, (idf, weight) in retrained["vocab"].items():
        assert idf == pytest.approx(ours["vocab"][gram][0], abs=1e-3), gram
        assert weight == pytest.approx(ours["vocab"][gram][1], abs=5e-3), gram
    again, shipped_model = ClickbaitModel.from_json(tc.dumps(retrained)), MODELS[lang]
    for example in tc.training_set(lang, DATA)[::20]:
        p = score_headline(example.text, again).probability
        assert p == pytest.approx(score_headline(example.text, shipped_model).probability, abs=5e-3)


@needs_data
def test_en_metadata_and_grouped_split():
    meta = MODELS["en"].meta
    assert meta["data_sha256"] == tc.sha256_of([DATA / f for f in tc.EN_FILES])
    train, test = tc.split(tc.load_en(DATA))
    assert not {e.text for e in train} & {e.text for e in test}
    first_two = {" ".join(features(e.text, "en")[:2]) for e in train}
    assert not any(" ".join(features(e.text, "en")[:2]) in first_two for e in test[:500])
    assert meta["n_features"] == len(MODELS["en"].vocab)


@needs_data
def test_grouped_test_split_is_mostly_right():
    _, test = tc.split(tc.load_en(DATA))
    sample = test[:200] + test[-200:]  # both labels
    right = sum(
        (score_headline(e.text, MODELS["en"]).probability >= 0.5) == bool(e.label) for e in sample
    )
    assert right / len(sample) >= 0.88


@needs_data
def test_sober_list_rebuilds_identically_and_splits_by_source():
    built = sober_list.build(DATA.parent)
    assert built == sober_list.load()
    halves: dict[str, set[str]] = {"tune": set(), "heldout": set()}
    for row in built:
        halves[row.split].add(row.source)
    assert not halves["tune"] & halves["heldout"]
    assert {r.lang for r in built} == {"en", "zh"} and all(r.provenance for r in built)


@needs_data
@pytest.mark.parametrize(("lang", "ceiling"), [("en", 0.08), ("zh", 0.05)])
def test_few_sober_reputable_headlines_are_called_bait(lang, ceiling):
    """Held-out half (sources never used for tuning); README has the exact rates."""
    rows = [h for _, h in tc.sober_rows(lang, "heldout")]
    flagged = [h for h in rows if score_headline(h, MODELS[lang]).probability >= 0.5]
    assert len(flagged) / len(rows) <= ceiling, flagged
