"""The shipped clickbait models: real headlines, evidence, reproducibility, no heavy deps."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from importlib import resources

import pytest

from factcheck.steps.headline.clickbait import features, load_model, score_headline, tokens
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
        # Stop Clickbait, held-out split
        "17 Hairdresser Struggles Every Black Girl Knows To Be True",
        "32 Cute Things To Distract From Your Awkward Thanksgiving",
        # written for these tests, health-page style
        "You Won't Believe What This Doctor Found In Tap Water",
        "9 Signs Your Body Is Begging You To Drink More Water",
    ],
)
def test_english_clickbait_scores_high(headline):
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
        # HanCD Sina, held-out split (label 1 = 标题党)
        "三个疑点！美媒为何突然曝光中美“惊险一幕”？",
        "被赋黄码怎么办？广州疾控：做好这四点！",
        # written for these tests, WeChat health style
        "震惊！这3种食物千万不要一起吃，99%的人不知道，赶紧转发给家人！",
        "吃了这个，血管竟然通了！医生都惊呆了",
        "喝醋能软化血管？真相来了",
    ],
)
def test_chinese_clickbait_scores_high(headline):
    assert score_headline(headline, MODELS["zh"]).probability > 0.8


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


def test_score_names_the_words_and_cues_that_drove_it():
    en = score_headline(
        "Doctors Are STUNNED: This Kitchen Spice Cures Diabetes In 7 Days!!!", MODELS["en"]
    )
    assert en.shouting and en.capitals == ("STUNNED",)
    assert "this" in [t.text for t in en.terms_for]
    assert [h.text for h in en.cues] == ["!!!"]
    assert en.probability > en.model_probability  # the cues add to the model
    zh = score_headline(
        "紧急扩散！这4种水果千万别空腹吃，99%的人不知道，赶紧转发给家人！！", MODELS["zh"]
    )
    ids = [h.cue.id for h in zh.cues]
    assert ids == ["urgent_read", "must_read", "share", "shouting", "listicle", "hype"]
    # "扩散" inside "紧急扩散" is not a second cue; the share cue is "转发" further on
    assert [h.text for h in zh.cues] == ["紧急扩散", "99%的人", "转发", "！！", "这4种", "千万别"]
    assert all(t.weight > 0 for t in zh.terms_for) and zh.terms_for


def test_chinese_features_fold_topic_characters():
    feats = features("新冠疫苗竟然有这种副作用？", "zh")
    assert "竟" in feats and "?" in feats
    assert not any(ch in f for f in feats for ch in "新冠疫苗副作用")
    assert tokens("ＷＨＯ：３天！", "en") == ["who", "<num>", "!"]  # NFKC and lower-cased


def test_runtime_needs_neither_numpy_nor_sklearn():
    code = (
        "import sys; sys.modules['numpy'] = None; sys.modules['sklearn'] = None\n"
        "from factcheck.steps.headline.clickbait import load_model, score_headline\n"
        "model = load_model('en')\n"
        "print(round(score_headline('17 Things You Need To Know', model).probability, 2))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) > 0.8


def test_other_languages_have_no_model():
    with pytest.raises(ValueError):
        load_model("fr")


@needs_data
def test_zh_training_reproduces_the_shipped_file_byte_for_byte():
    assert tc.dumps(tc.train("zh", DATA)) == shipped("zh")


@needs_data
def test_en_model_metadata_matches_data_and_split():
    meta = load_model("en").meta
    files = [DATA / f for f in tc.EN_FILES]
    assert meta["data_sha256"] == tc.sha256_of(files)
    assert meta["split_seed"] == tc.SEED
    examples = tc.load_en(DATA)
    train, test = tc.split(examples, "en")
    assert (meta["n_train"], meta["n_test"]) == (len(train), len(test))
    assert not {e.text for e in train} & {e.text for e in test}
    digest = hashlib.sha256(shipped("en").encode()).hexdigest()
    assert len(digest) == 64 and meta["n_features"] == len(load_model("en").weights)


@needs_data
def test_en_training_is_deterministic_on_a_small_subset():
    train, _ = tc.split(tc.load_en(DATA), "en")
    subset = train[:400] + train[-400:]  # both labels, fixed order
    first = tc.dumps(tc.fit(subset, "en", c=1.0))
    assert first == tc.dumps(tc.fit(subset, "en", c=1.0))
    model = tc.fit(subset, "en", c=1.0)
    assert model["weights"] and all(round(w, 4) == w for w in model["weights"].values())


@needs_data
def test_held_out_headlines_are_mostly_right():
    for lang, loader, floor in (("en", tc.load_en, 0.95), ("zh", tc.load_zh, 0.8)):
        _, test = tc.split(loader(DATA), lang)
        sample = test[:300]
        right = sum(
            (score_headline(e.text, MODELS[lang]).probability >= 0.5) == bool(e.label)
            for e in sample
        )
        assert right / len(sample) >= floor, lang
