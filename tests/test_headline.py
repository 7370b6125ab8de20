"""Step 2 (go beyond the headline) on real pages: scores, evidence, and the unknown cases."""

from __future__ import annotations

import pytest

from factcheck import check_html, check_url
from factcheck.report import Status
from factcheck.resources import default_resources
from factcheck.steps.headline.clickbait import score_headline
from factcheck.steps.headline.consistency import headline_support


def headline_step(html: str, now, url: str = "https://example.org/a/1"):
    return check_html(html, url, now=now).step("headline")


def codes(step) -> list[str]:
    return [f.code for f in step.findings]


def finding(step, code):
    return next(f for f in step.findings if f.code == code)


def test_sensational_wechat_headline_fails_with_its_cues_and_missing_claims(fixture_html, now):
    step = headline_step(fixture_html("headline_zh_wechat_health.html"), now)
    assert (
        step.data["headline"]
        == "紧急扩散！这4种水果千万别空腹吃，99%的人不知道，赶紧转发给家人！！"
    )
    assert step.data["language"] == "zh"
    assert step.data["clickbait_probability"] > 0.9
    assert step.status is Status.FAIL and step.score is not None and step.score < 40
    band = finding(step, "headline.clickbait_high")
    assert band.impact < 0 and "紧急扩散" in band.evidence and "这4种" in band.evidence
    # the reader sees the words, in one language at a time; the numbers stay in the evidence
    assert "“紧急扩散”" in band.message.zh and "标题党" in band.message.zh
    assert not any(mark in band.message.zh for mark in ("p=", "0.", "model", "words"))
    assert "p=" in band.evidence and "model" in band.evidence
    cues = finding(step, "headline.sensational_cues")
    assert cues.impact == 0  # the band carries the points
    assert cues.evidence == "紧急扩散 | 99%的人 | 转发 | ！！ | 这4种 | 千万别"
    assert "制造紧迫感的用语“紧急扩散”" in cues.message.zh and "“这4种”" in cues.message.en
    # the body lists three fruits and never says "4" or "99%"
    missing = finding(step, "headline.claims_missing_from_body")
    assert missing.evidence == "4, 99" and missing.impact < 0
    assert missing.message.zh.endswith("：4、99。")
    assert step.data["consistency"]["missing"] == ["4", "99"]


def test_calm_news_headline_passes_and_is_backed_by_the_body(fixture_html, now):
    step = headline_step(fixture_html("headline_en_calm_news.html"), now)
    assert (
        step.data["headline"] == "WHO recommends malaria vaccine for children in sub-Saharan Africa"
    )
    assert step.data["clickbait_probability"] < 0.1
    assert step.status is Status.PASS
    assert codes(step) == ["headline.plain", "headline.supported_by_body"]
    supported = finding(step, "headline.supported_by_body")
    assert "malaria" in supported.evidence and "Africa" in supported.evidence
    assert "malaria" in supported.message.en and "%" not in supported.message.en
    assert step.data["cues"] == [] and step.data["capitals"] == []
    assert step.data["sober_form"] is None  # "WHO" is the acronym, not a question
    assert step.data["plain_terms"], "a low score still names the words that made it low"


def test_english_clickbait_headline_names_words_capitals_and_missing_cure(fixture_html, now):
    step = headline_step(fixture_html("headline_en_clickbait.html"), now)
    # the model alone is unsure; the stacked cues (!!! and STUNNED) raise it
    assert step.data["model_probability"] < 0.5 < step.data["clickbait_probability"]
    assert step.data["capitals"] == ["STUNNED"]
    assert finding(step, "headline.sensational_cues").evidence == "!!! | STUNNED"
    top = [t["term"] for t in step.data["top_terms"]]
    assert "this" in top
    missing = finding(step, "headline.claims_missing_from_body")
    assert "Cures" in missing.evidence and "7" in missing.evidence
    assert step.status is Status.FAIL


@pytest.mark.parametrize(
    ("headline", "lang", "form"),
    [
        # the false alarms of issue 13, and the forms it names
        ("流感季来临，如何正确接种流感疫苗？", "zh", "explainer"),
        ("网传吃大蒜能预防新冠？真相是……", "zh", "verdict"),
        ("“大蒜能治新冠”？假的！", "zh", "verdict"),
        ("Claim that garlic cures COVID-19 is misleading", "en", "verdict"),
        ("How to protect yourself from the flu this winter", "en", "explainer"),
    ],
)
def test_sober_forms_are_not_bait(headline, lang, form, now):
    html = f"<html><head><title>{headline}</title></head><body><p>{'正文。' * 60}</p></body></html>"
    step = headline_step(html, now)
    assert step.data["sober_form"] == form
    assert step.data["clickbait_probability"] < 0.2
    assert "headline.plain" in codes(step) and "headline.sober_form" in codes(step)
    note = finding(step, "headline.sober_form")
    assert note.impact == 0 and "标题党" in note.message.zh and "clickbait" in note.message.en


def test_a_sober_form_with_strong_bait_cues_is_still_bait(now):
    headline = "如何防癌？震惊！99%的人不知道，赶紧转发给家人！"
    html = f"<html><head><title>{headline}</title></head><body><p>{'正文。' * 60}</p></body></html>"
    step = headline_step(html, now)
    assert step.data["sober_form"] == "explainer" and not step.data["sober_form_capped"]
    assert step.data["clickbait_probability"] > 0.8


def test_probability_in_the_report_is_the_shipped_models(fixture_html, now):
    html = fixture_html("headline_en_clickbait.html")
    step = headline_step(html, now)
    model = default_resources().clickbait["en"]
    expected = score_headline(step.data["headline"], model).probability
    assert step.data["clickbait_probability"] == round(expected, 3)


def test_other_language_is_unknown_not_a_guess(fixture_html, now):
    step = headline_step(fixture_html("headline_fr_news.html"), now)
    assert step.status is Status.UNKNOWN and step.score is None
    assert step.data["clickbait_probability"] is None
    assert step.data["headline"].startswith("La grippe progresse")
    assert step.findings == ()


def test_page_without_headline_is_unknown(now):
    step = headline_step("<html><body><p>" + "Some text here. " * 20 + "</p></body></html>", now)
    assert step.status is Status.UNKNOWN
    assert step.data["headline"] == "" and step.data["clickbait_probability"] is None


def test_short_body_is_not_judged_for_consistency(now):
    html = (
        "<html><head><title>Drinking bleach cures COVID</title></head>"
        "<body><p>Yes.</p></body></html>"
    )
    step = headline_step(html, now)
    assert step.data["consistency"] is None
    assert not any(c.startswith("headline.claims") for c in codes(step))


def test_fetched_page_is_scored_the_same_as_provided_html(httpserver, fixture_html, now):
    html = fixture_html("headline_en_clickbait.html")
    httpserver.expect_request("/spice").respond_with_data(html, content_type="text/html")
    fetched = check_url(httpserver.url_for("/spice"), now=now, allow_loopback=True)
    provided = check_html(html, httpserver.url_for("/spice"), now=now)
    assert fetched.step("headline").to_dict() == provided.step("headline").to_dict()


@pytest.mark.parametrize(
    ("headline", "body", "lang", "missing"),
    [
        (
            "Lemon water cures cancer in 3 days, doctors say",
            "Many people drink lemon water in the morning. Doctors say it is refreshing, "
            "but there is no evidence that it treats any disease.",
            "en",
            ["3", "cures", "cancer"],
        ),
        (
            "Three cups of coffee a day linked to lower risk of liver disease",
            "Drinking 3 cups of coffee daily was associated with a lower risk of chronic liver "
            "disease in a study of 495,000 adults.",
            "en",
            [],
        ),
        (
            "Star Trek 4 eyes Fargo creator Noah Hawley to direct",
            "There is news on the fourth film in the rebooted Star Trek series: Noah Hawley, "
            "who created Fargo, is in final talks to direct it.",
            "en",
            [],
        ),
        (
            "柠檬水能根治高血压？",
            "网上流传喝柠檬水可以降血压的说法。专家表示，柠檬水不能代替降压药。",
            "zh",
            ["根治"],
        ),
        (
            "北京新增本土确诊病例3例",
            "11月10日0时至24时，北京新增本土确诊病例三例，均为隔离观察人员。",
            "zh",
            [],
        ),
    ],
)
def test_strong_headline_elements_missing_from_body(headline, body, lang, missing):
    support = headline_support(headline, body, lang)
    assert support is not None
    assert [t.text.lower() for t in support.missing_strong] == missing


def test_headline_language_follows_the_headline_when_the_hint_is_wrong(fixture_html, now):
    html = fixture_html("headline_en_clickbait.html")
    report = check_html(html, "https://example.org/a/1", now=now, lang="zh")
    step = report.step("headline")
    assert report.language == "zh"  # the caller's hint
    assert step.data["language"] == "en"  # but the English headline met the English model
    assert step.data["clickbait_probability"] > 0.5
