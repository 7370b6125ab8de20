"""Step 6 (check your biases): manipulative language with its sentences, and the questions."""

from __future__ import annotations

import pytest

from factcheck import check_html, check_url
from factcheck.report import Status
from factcheck.scoring import WEIGHTS
from factcheck.steps.bias.check import find_signals, read, split_sentences


def bias_step(html: str, now):
    return check_html(html, "https://example.org/a/1", now=now).step("bias")


def by_code(step) -> dict:
    return {f.code: f for f in step.findings}


def test_sensational_wechat_page_shows_each_tactic_with_its_sentence(fixture_html, now):
    step = bias_step(fixture_html("headline_zh_wechat_health.html"), now)
    found = by_code(step)
    assert {
        "bias.share_call",
        "bias.conspiracy",
        "bias.urgency",
        "bias.advice_without_caveat",
    } <= set(found)
    assert "看完的朋友一定要转发给家人，让更多人知道！" in found["bias.share_call"].evidence
    assert found["bias.conspiracy"].evidence == "专家不敢说的是，很多胃病都是吃出来的！"
    assert "100%有效" in found["bias.absolute"].evidence
    assert all(f.impact < 0 for f in step.findings)
    assert step.status is Status.FAIL
    assert not step.data["has_caveat"]
    assert step.data["signals"]["share_call"][-1] == "看完的朋友一定要转发给家人，让更多人知道！"


def test_questions_are_two_to_four_and_bilingual(fixture_html, now):
    for name in (
        "headline_zh_wechat_health.html",
        "bias_en_outrage.html",
        "headline_en_calm_news.html",
    ):
        step = bias_step(fixture_html(name), now)
        questions = step.data["questions"]
        assert 2 <= len(questions) <= 4, name
        assert all(q["en"].endswith("?") and q["zh"].endswith("？") for q in questions)
        assert questions[0]["zh"] in step.advice.zh and questions[0]["en"] in step.advice.en
        # the step says it informs more than it judges
        assert "informs" in step.advice.en and "权重最低" in step.advice.zh


def test_share_question_leads_for_a_share_me_page(fixture_html, now):
    step = bias_step(fixture_html("headline_zh_wechat_health.html"), now)
    assert step.data["questions"][0]["zh"].startswith("它为什么要我转发")


def test_english_outrage_page(fixture_html, now):
    step = bias_step(fixture_html("bias_en_outrage.html"), now)
    found = by_code(step)
    assert {"bias.outrage", "bias.us_vs_them", "bias.conspiracy"} <= set(found)
    assert "it is a disgrace." in found["bias.outrage"].evidence
    assert (
        "The truth about the cover-up is finally coming out." in found["bias.conspiracy"].evidence
    )
    assert "bias.calm_language" not in found
    questions = [q["en"] for q in step.data["questions"]]
    assert any("'us' and 'them'" in q for q in questions)


def test_calm_news_page_passes_and_a_stray_word_costs_nothing(fixture_html, now):
    step = bias_step(fixture_html("headline_en_calm_news.html"), now)
    found = by_code(step)
    assert found["bias.calm_language"].impact > 0
    assert found["bias.fear"].impact == 0 and "deadly" in found["bias.fear"].message.en
    assert step.status is Status.PASS


def test_health_advice_with_a_caveat_is_credited(fixture_html, now):
    step = bias_step(fixture_html("bias_zh_health_caveat.html"), now)
    found = by_code(step)
    assert found["bias.has_caveat"].impact > 0
    assert "bias.advice_without_caveat" not in found
    assert step.data["has_caveat"] and step.data["advice_sentences"] >= 1
    assert step.status is Status.PASS


def test_miracle_cure_and_advice_without_caveat_in_english(httpserver, fixture_html, now):
    httpserver.expect_request("/spice").respond_with_data(
        fixture_html("headline_en_clickbait.html"), content_type="text/html; charset=utf-8"
    )
    report = check_url(httpserver.url_for("/spice"), now=now, allow_loopback=True)
    found = by_code(report.step("bias"))
    assert "Cures Diabetes" in found["bias.miracle_cure"].evidence
    assert found["bias.advice_without_caveat"].evidence == (
        "Take two teaspoons of cinnamon every morning in warm water."
    )
    assert "Share this with everyone you love" in found["bias.share_call"].evidence


def test_other_language_and_empty_pages_are_unknown(fixture_html, now):
    assert bias_step(fixture_html("headline_fr_news.html"), now).status is Status.UNKNOWN
    empty = bias_step("<html><head><title>Hi</title></head><body></body></html>", now)
    assert empty.status is Status.UNKNOWN and empty.score is None


def test_bias_weighs_least_in_the_overall_score():
    assert WEIGHTS["bias"] == min(WEIGHTS.values())


def test_sentence_split_and_signals_on_plain_strings():
    sentences = split_sentences("速看！专家不敢说。\n转发给家人！速看！")
    assert sentences == ["速看！", "专家不敢说。", "转发给家人！"]
    categories = {s.category for s in find_signals(sentences, "zh")}
    assert categories == {"urgency", "conspiracy", "share_call"}
    calm = find_signals(split_sentences("The clinic opens at nine. Bring your card."), "en")
    assert calm == []


def _categories(text: str, lang: str) -> set[str]:
    return {s.category for s in read(text, lang).signals}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Garlic does not cure COVID-19, doctors say.", "en"),
        ("There is no evidence that garlic cures COVID in anyone.", "en"),
        ("The claim that a detox tea melts fat is false.", "en"),
        ("没有证据表明喝醋能根治高血压。", "zh"),
        ("网传“喝醋能根治高血压”，这是谣言。", "zh"),
        ("误区二：湿疹就得彻底根治才行；", "zh"),
        ("所谓的神药不能代替正规治疗。", "zh"),
    ],
)
def test_negated_or_refuted_claims_are_not_the_pages_own_words(text, lang):
    reading = read(text, lang)
    assert not _categories(text, lang) & {"miracle_cure", "absolute"}
    assert {s.category for s in reading.refuted} & {"miracle_cure", "absolute"}
    note = next(f for f in reading.findings if f.code == "bias.refuted_claims")
    assert note.impact == 0 and "辟谣" in note.message.zh and "refute" in note.message.en


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("This natural cure melts fat away in a week.", "en"),
        ("这个偏方能根治高血压，一周见效！", "zh"),
        # reported speech alone is not a refutation: rumour posts say 网传 too
        ("网传某偏方能根治癌症，亲测有效。", "zh"),
    ],
)
def test_claims_in_the_pages_own_voice_still_count(text, lang):
    assert "miracle_cure" in _categories(text, lang)


def test_questions_and_quotes_count_as_refuted_only_in_a_debunk():
    question = "益生菌能包治百病？"
    assert "miracle_cure" in _categories(question, "zh")
    debunk = f"辟谣：{question}专家表示，这是谣言，益生菌不是药。"
    assert "miracle_cure" not in _categories(debunk, "zh")


def test_debunk_page_is_not_flagged_as_miracle_cure_language(now):
    body = (
        "<p>网传“吃大蒜能根治新冠”，还有人说某种秘方一周见效。</p>"
        "<p>专家表示，这是谣言：没有证据表明大蒜能杀死病毒，也没有所谓的特效药。</p>"
        "<p>请通过官方渠道了解防控知识，不信谣、不传谣。</p>"
    )
    html = f"<html><head><title>吃大蒜能防新冠？假的</title></head><body>{body}</body></html>"
    step = bias_step(html, now)
    found = by_code(step)
    assert "bias.miracle_cure" not in found and "bias.conspiracy" not in found
    assert found["bias.refuted_claims"].impact == 0
    assert "miracle_cure" in step.data["refuted"]
