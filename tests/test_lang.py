"""Language detection: English, Chinese, or "other" (never a guess)."""

from __future__ import annotations

import pytest

from factcheck.lang.detect import detect_language, language_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WHO recommends malaria vaccine for children in sub-Saharan Africa", "en"),
        ("Doctors Are STUNNED: This Kitchen Spice Cures Diabetes In 7 Days!!!", "en"),
        ("震惊！这3种食物千万不要一起吃，99%的人不知道", "zh"),
        ("北京现有高中风险区110+103个", "zh"),
        ("Covid-19：国家卫健委发布新版诊疗方案 (第十版)", "zh"),
        ("新型コロナウイルスのワクチン接種について", "other"),
        ("코로나 백신 접종 안내 및 예약 방법", "other"),
        (
            "Die Regierung kündigt neue Maßnahmen gegen die Grippe an, sagte der Minister "
            "am Montag in Berlin",
            "other",
        ),
        ("Le gouvernement annonce de nouvelles mesures contre la grippe dans les écoles", "other"),
        ("El gobierno anuncia nuevas medidas contra la gripe en las escuelas del país", "other"),
    ],
)
def test_detects_english_chinese_and_other(text, expected):
    assert detect_language(text) == expected


def test_declared_language_decides_only_for_too_little_text():
    assert detect_language("OK", declared="zh-CN") == "zh"
    assert detect_language("OK", declared="en-GB") == "en"
    assert detect_language("OK", declared="fr") == "other"
    assert detect_language("", declared=None) == "other"
    # the text wins over a wrong template declaration
    assert detect_language("紧急扩散！这4种水果千万别空腹吃，赶紧转发给家人", declared="en") == "zh"
    assert (
        detect_language(
            "The vaccine is safe and the agency said it would publish the data.", declared="zh"
        )
        == "en"
    )


def test_english_page_with_a_few_chinese_words_stays_english():
    text = (
        "The campaign, called 健康中国 in Chinese, was launched by the health commission "
        "and it aims to reduce smoking and improve diet across the country by 2030."
    )
    assert detect_language(text) == "en"


def test_language_of_a_piece_overrides_a_wrong_page_language_only_between_en_and_zh():
    assert language_of("Doctors Are STUNNED: This Spice Cures Diabetes", "zh") == "en"
    assert language_of("紧急扩散！这4种水果千万别空腹吃", "en") == "zh"
    assert language_of("La grippe progresse dans toutes les régions de France", "en") == "en"
    assert language_of("WHO approves malaria vaccine", "other") == "other"


def test_thin_english_sports_results_are_still_english():
    text = (
        "HS Roundup: Viera defeats Rockledge to remain undefeated\n"
        "GIRLS BASKETBALL Viera 54, Rockledge 41: Kayla Smith scored 18 points and Jordan Lee "
        "added 12 in the win. "
        "Melbourne 61, Palm Bay 38: Ava Brown 22 points, Mia Davis 9 rebounds. "
        "Satellite 47, Eau Gallie 35: Chloe Martin 14 points. Records: Viera 9-0, Rockledge 5-4."
    )
    assert detect_language(text) == "en"
