"""The yes/no question form of zh headlines (issue 13): a fact-check restating a rumour as a
question is not bait; a question that teases, addresses the reader or shouts still is.

Every headline is real: the sober ones are titles of the HRDE fact-check outlets in the
*tuning* half of ``evaluation/data/sober_headlines.tsv`` (公众号-科学辟谣, 百度辟谣), the
bait ones are rows labelled 标题党 in CCD-CIEG Tencent and a 公众号-辟谣助手 title.
"""

from __future__ import annotations

import pytest

from factcheck import check_html
from factcheck.lang.headline_forms import FORM_CAPS, sober_form, trained_on
from factcheck.steps.headline.clickbait import load_model, score_headline

ZH = load_model("zh")

SOBER_QUESTIONS = [
    "车厘子吃多了会中毒？",  # 公众号-科学辟谣, tuning half of the sober list
    "天冷，热车越久越好吗？",  # 公众号-科学辟谣, tuning half
    "头发经常洗会损害发质，还可能掉头发？",  # 公众号-科学辟谣, tuning half
    "沈阳封城了？",  # 百度辟谣 (HRDE), a tuning-half outlet
    "瘤言蜚语｜鸡蛋煮老后有层“黑膜”，吃了会致癌？",  # 公众号-科学辟谣: column label first
]


@pytest.mark.parametrize("headline", SOBER_QUESTIONS)
def test_fact_check_yes_no_questions_are_not_flagged(headline):
    score = score_headline(headline, ZH)
    assert score.form == "question"
    assert score.probability < 0.5
    assert score.probability <= FORM_CAPS["question"]


def test_the_question_form_was_what_kept_them_down():
    """Without the form the model alone flags the first three (they were the misses)."""
    flagged = [h for h in SOBER_QUESTIONS[:3] if score_headline(h, ZH).model_probability >= 0.5]
    assert flagged == SOBER_QUESTIONS[:3]


@pytest.mark.parametrize(
    "headline",
    [
        "这一次，苹果又被高通拿捏了？",  # CCD-CIEG Tencent, 标题党: teaser "这"
        "凌晨两点，你愿意跟苹果一块变“绿”？",  # CCD-CIEG Tencent, 标题党: addresses "你"
        "你真的了解霍乱吗？",  # CCD-CIEG Tencent, 标题党
        "突发！抖音要付费了？！",  # 公众号-辟谣助手: a rumour as a question, shouted
    ],
)
def test_bait_questions_of_the_same_shape_stay_flagged(headline):
    score = score_headline(headline, ZH)
    assert score.form == "" and not score.capped
    assert score.probability >= 0.5


def test_stacked_cues_override_the_question_form():
    headline = "重磅：转发给家人，吃肉会致癌？"  # written for this test: cues on a claim question
    score = score_headline(headline, ZH)
    assert score.form == "question" and [h.text for h in score.cues] == ["重磅", "转发"]
    assert not score.capped and score.probability > 0.5


def test_wh_questions_and_exclamations_are_not_the_yes_no_form():
    assert sober_form("外资开始“抄底”房地产，释放什么信号？", "zh") == ""  # HanCD Sina
    assert sober_form("注意！这些有关地震的传闻别信", "zh") != "question"  # 人民网“求真”
    assert sober_form("如何正确接种流感疫苗？", "zh") == "explainer"


def test_question_rows_stay_in_training_the_other_forms_do_not():
    assert trained_on("车厘子吃多了会中毒？", "zh")
    assert not trained_on("新修订的妇女权益保障法有哪些亮点？", "zh")


def test_report_says_the_form_alone_is_not_clickbait(now):
    html = (
        "<html><head><title>车厘子吃多了会中毒？</title></head>"
        f"<body><p>{'车厘子含铁量并不高，正常食用不会导致铁中毒。' * 10}</p></body></html>"
    )
    step = check_html(html, "https://example.org/a/1", now=now).step("headline")
    assert step.data["sober_form"] == "question" and step.data["clickbait_probability"] < 0.5
    note = next(f for f in step.findings if f.code == "headline.sober_question")
    assert note.impact == 0
    assert "是非问句" in note.message.zh and "标题党" in note.message.zh
    assert not any(ch.isascii() and ch.isalpha() for ch in note.message.zh)
    assert "yes/no question" in note.message.en
    codes = [f.code for f in step.findings]
    assert "headline.clickbait_likely" not in codes and "headline.clickbait_high" not in codes
