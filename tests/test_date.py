"""Step 4 (date): published/modified/reviewed dates from every source, age against now,
topic-aware freshness, future dates and reverse-image search links."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from factcheck import check_html, check_url
from factcheck.page.model import Page
from factcheck.report import Status
from factcheck.steps.date.extract import page_dates, parse_date, url_signal
from factcheck.steps.date.freshness import EVERGREEN_STALE_AFTER_DAYS, detect_topics, stale_after
from factcheck.steps.date.images import image_searches

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def dates_of(fixture_html, name: str, url: str = "https://example.org/article"):
    return page_dates(Page.from_html(fixture_html(name), url), NOW)


# -- extraction --------------------------------------------------------------------------


def test_wechat_create_time_in_page_script_in_china_time(fixture_html):
    found = dates_of(fixture_html, "date_wechat_zh.html", "https://mp.weixin.qq.com/s/xyz")
    # 1669939200 is 2022-12-02 00:00 in Beijing (2022-12-01 16:00 UTC).
    assert found.published.iso == "2022-12-02"
    assert found.published.origin == "script"
    assert 'var ct = "1669939200"' in found.published.evidence


def test_wechat_ori_create_time_alone_is_enough():
    html = (
        "<html><body><div id='js_content'><p>正文</p></div>"
        "<script>var ori_create_time = '1700000000';</script></body></html>"
    )
    found = page_dates(Page.from_html(html, "https://mp.weixin.qq.com/s/a"), NOW)
    assert found.published.iso == "2023-11-15"


def test_news_jsonld_graph_published_and_modified(fixture_html):
    found = dates_of(fixture_html, "date_news_en.html")
    assert found.published.iso == "2024-04-10"
    assert found.published.origin == "json-ld"  # htmldate agrees; the page's own text is shown
    assert found.modified.iso == "2025-08-20"
    assert found.modified.evidence.startswith('"dateModified"')


def test_medical_webpage_last_reviewed(fixture_html):
    found = dates_of(fixture_html, "date_medical_en.html")
    assert found.published.iso == "2018-05-04"
    assert found.reviewed.iso == "2026-03-15"
    assert found.latest == found.reviewed


def test_chinese_labelled_dates_published_is_not_the_update(fixture_html):
    found = dates_of(fixture_html, "date_text_zh.html")
    assert found.published.iso == "2023-05-01"
    assert found.published.evidence == "发布时间：2023年5月1日"
    assert found.modified.iso == "2024-02-03"


def test_meta_published_time_and_time_element():
    html = (
        '<html><head><meta property="article:published_time" '
        'content="2021-02-03T23:30:00-05:00"></head>'
        '<body><article><p>Updated <time class="updated" datetime="2022-07-08">July 8</time></p>'
        "<p>text</p></article></body></html>"
    )
    found = page_dates(Page.from_html(html, "https://example.org/a"), NOW)
    assert found.published.iso == "2021-02-03"  # the written date, no time-zone shift
    assert found.modified.iso == "2022-07-08"


def test_date_in_url_path():
    page = Page.from_html(
        "<html><body><p>x</p></body></html>", "https://example.org/2021/06/15/story.html"
    )
    assert url_signal(page).iso == "2021-06-15"
    assert (
        url_signal(Page.from_html("<p>x</p>", "https://example.org/20210615/a")).iso == "2021-06-15"
    )


def test_no_date_anywhere(fixture_html):
    found = dates_of(fixture_html, "no_byline_no_date_en.html")
    assert found.published is None and found.modified is None and found.latest is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-05-01T23:30:00-05:00", date(2023, 5, 1)),
        ("2023/5/1", date(2023, 5, 1)),
        ("2023年5月1日", date(2023, 5, 1)),
        ("01.05.2023", date(2023, 5, 1)),
        ("May 1, 2023", date(2023, 5, 1)),
        ("Mon, 01 May 2023 10:00:00 GMT", date(2023, 5, 1)),
        ("1700000000", date(2023, 11, 14)),
        ("20230501", date(2023, 5, 1)),
        ("1970-01-01", None),
        ("2023-13-45", None),
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


# -- topics and images ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "keys"),
    [
        ("COVID-19 booster shots: what to know", {"covid", "vaccine"}),
        ("新冠疫苗加强针问答", {"covid", "vaccine"}),
        ("Bird flu outbreak spreads", {"outbreak"}),
        ("FDA approves new Alzheimer's drug", {"drug_approval"}),
        ("《高血压诊疗指南》发布", {"guideline"}),
        ("How to wash your hands", set()),
    ],
)
def test_fast_topics_en_and_zh(title, keys):
    assert {t.key for t in detect_topics(title, "")} == keys


def test_fast_topics_go_stale_sooner_than_evergreen():
    assert (
        stale_after(detect_topics("Mpox outbreak", ""))
        < stale_after(())
        == EVERGREEN_STALE_AFTER_DAYS
    )


def test_main_images_og_and_wechat_data_src(fixture_html):
    page = Page.from_html(fixture_html("date_wechat_zh.html"), "https://mp.weixin.qq.com/s/xyz")
    images = image_searches(page)
    assert [i.image for i in images] == [
        "https://mmbiz.qpic.cn/mmbiz_jpg/vaccine-photo/640?wx_fmt=jpeg"
    ]
    assert images[0].origin == "wechat"
    engines = dict(images[0].searches)
    assert set(engines) == {"Google Lens", "Bing", "Yandex", "Baidu", "TinEye"}
    assert (
        engines["TinEye"]
        == "https://tineye.com/search?url=https%3A%2F%2Fmmbiz.qpic.cn%2Fmmbiz_jpg%2Fvaccine-photo%2F640%3Fwx_fmt%3Djpeg"
    )


# -- the check -------------------------------------------------------------------------------


def test_old_covid_wechat_post_warns_and_explains_re_sharing(fixture_html, now):
    step = check_html(
        fixture_html("date_wechat_zh.html"), "https://mp.weixin.qq.com/s/xyz", now=now
    ).step("date")
    assert step.status is Status.WARN
    assert step.data["published"] == "2022-12-02"
    assert step.data["modified"] is None
    assert set(step.data["topics"]) == {"covid", "vaccine"}
    codes = {f.code for f in step.findings}
    assert {"date.published_found", "date.very_stale", "date.fast_topic"} <= codes
    assert "shared again" in step.advice.en and "再次转发" in step.advice.zh
    topic_evidence = [f.evidence for f in step.findings if f.code == "date.fast_topic"]
    assert any("新冠疫苗" in e for e in topic_evidence)
    assert len(step.links) == 5 and all(link.url.startswith("https://") for link in step.links)


def test_news_update_is_reported_and_outbreak_news_is_stale(fixture_html, now):
    step = check_html(
        fixture_html("date_news_en.html"), "https://news.example.com/bird-flu", now=now
    ).step("date")
    assert (step.data["published"], step.data["modified"]) == ("2024-04-10", "2025-08-20")
    codes = {f.code: f for f in step.findings}
    assert "date.updated" in codes and codes["date.updated"].origin == "json-ld"
    assert "date.very_stale" in codes  # the newest date is 15 months old; outbreaks go stale in 6
    assert step.data["images"][0]["image"] == "https://news.example.com/images/dairy-cows.jpg"


def test_recent_review_keeps_an_evergreen_page_current(fixture_html, now):
    step = check_html(
        fixture_html("date_medical_en.html"), "https://clinic.example.org/hands", now=now
    ).step("date")
    assert step.status is Status.PASS
    codes = {f.code for f in step.findings}
    assert {"date.reviewed", "date.current"} <= codes
    assert step.data["reviewed"] == "2026-03-15"


def test_same_page_is_fresh_or_stale_depending_on_now(fixture_html):
    html = fixture_html("date_text_zh.html")
    early = check_html(html, "https://health.example.cn/a", now=datetime(2024, 3, 1, tzinfo=UTC))
    late = check_html(html, "https://health.example.cn/a", now=datetime(2030, 3, 1, tzinfo=UTC))
    assert early.step("date").status is Status.PASS
    assert late.step("date").status is Status.WARN
    assert early.step("date").data["age_days"] == 27  # 2024-02-03 (the update) to 2024-03-01


def test_future_publication_date_fails(fixture_html, now):
    step = check_html(
        fixture_html("date_future_en.html"), "https://shop.example.com/p", now=now
    ).step("date")
    assert step.status is Status.FAIL
    finding = next(f for f in step.findings if f.code == "date.future")
    assert finding.evidence == '<meta article:published_time="2027-06-01T08:00:00Z">'
    assert finding.origin == "meta"


def test_missing_date_is_unknown_not_a_penalty(fixture_html, now):
    step = check_html(
        fixture_html("no_byline_no_date_en.html"), "https://example.org/sleep", now=now
    ).step("date")
    assert step.status is Status.UNKNOWN
    assert step.score is None
    assert step.data["published"] is None and step.data["modified"] is None


def test_date_step_over_a_real_local_server(httpserver, fixture_html, now):
    httpserver.expect_request("/2024/news").respond_with_data(
        fixture_html("date_news_en.html").encode(), content_type="text/html; charset=utf-8"
    )
    report = check_url(httpserver.url_for("/2024/news"), now=now, allow_loopback=True)
    assert report.step("date").data["published"] == "2024-04-10"
    assert report.step("date").data["images"][0]["image"].endswith("/images/dairy-cows.jpg")


def test_future_date_in_metadata_is_shown_even_when_htmldate_picks_another(now):
    html = (
        '<html><head><meta property="article:published_time" content="2027-06-01">'
        "</head><body><article><h1>Offer</h1><p>Posted on 2025-01-10. Buy now.</p>"
        "</article></body></html>"
    )
    step = check_html(html, "https://shop.example.com/2025/01/10/offer", now=now).step("date")
    assert step.data["published"] == "2027-06-01"
    assert "date.future" in {f.code for f in step.findings}


# -- issue 15: Chinese visible dates, URL dates, platform dates, US slashes --------------------


def test_zh_date_and_time_before_the_source_credit_is_read():
    p = Page.from_html(
        "<html><head><title>多地开展接种服务</title></head><body><h1>多地开展接种服务</h1>"
        "<div class='col-1-1 fl'>2025年03月08日10:20 | 来源：<a href='/'>人民网</a></div>"
        "<p>本报北京3月7日电（记者唐霁）正文。</p></body></html>",
        "https://example.cn/article",
    )
    found = page_dates(p, NOW)
    assert found.published is not None and found.published.iso == "2025-03-08"


def test_people_com_cn_url_date_beats_htmldates_new_years_day():
    from factcheck.steps.date.extract import DateSignal, choose_published

    url = "http://health.people.com.cn/n1/2025/0308/c14739-40000001.html"
    p = Page.from_html("<html><body><p>x</p></body></html>", url)
    url_date = url_signal(p)
    assert url_date is not None and url_date.iso == "2025-03-08"
    htmldate = DateSignal(date(2025, 1, 1), "published", "htmldate", "2025-01-01")
    assert choose_published([htmldate, url_date]) == url_date


def test_us_slashes_are_month_first_and_a_day_above_12_is_a_day():
    assert parse_date("05/09/2024 10:46:12") == date(2024, 5, 9)
    assert parse_date("25/12/2024") == date(2024, 12, 25)
    assert parse_date("09.05.2024") == date(2024, 5, 9)  # dots: day first


def test_two_structured_signals_agreeing_overrule_htmldate():
    from factcheck.steps.date.extract import DateSignal, choose_published

    signals = [
        DateSignal(date(2023, 11, 15), "published", "htmldate", "2023-11-15"),
        DateSignal(date(2024, 5, 9), "published", "json-ld", '"datePublished": "05/09/2024"'),
        DateSignal(date(2024, 5, 9), "published", "url", "/news/20240509/"),
    ]
    chosen = choose_published(signals)
    assert chosen is not None and chosen.iso == "2024-05-09"


def test_platform_post_date_wins(fixture_html):
    from pathlib import Path

    html = (Path(__file__).parent / "fixtures/real/weibo_post.html").read_text(encoding="utf-8")
    found = page_dates(Page.from_html(html, "https://weibo.com/1234567890/AbCdEf"), NOW)
    assert found.published is not None
    assert (found.published.iso, found.published.origin) == ("2024-05-13", "platform")


# -- issue 15: no first-call stall (htmldate's dateparser fallback replaced) -------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("miércoles, 4 de mayo de 2022", date(2022, 5, 4)),
        ("15 августа 2016, 13:43", date(2016, 8, 15)),
        ("Fri Feb 18 10:27:24 2022", date(2022, 2, 18)),
        ("26 | 01 | 2022", date(2022, 1, 26)),
        ("4. 2. 2022.", date(2022, 2, 4)),
        ("8.Dezember 2010 um 09:43", date(2010, 12, 8)),
        ("Copyright 2023 - 5", None),
    ],
)
def test_fast_date_fallback_reads_what_dateparser_read(text, expected):
    from factcheck.page.datefallback import parse_expression

    found = parse_expression(text)
    assert (found.date() if found else None) == expected


def test_reading_a_page_never_loads_dateparser():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from factcheck.page.model import Page\n"
        "from factcheck.steps.date.extract import page_dates\n"
        "html = '<html><body><article><h1>T</h1><p>Publié le 3 de mayo de 2022</p>"
        "<p>Text.</p></article></body></html>'\n"
        "page = Page.from_html(html, 'https://example.es/a')\n"
        "page_dates(page)\n"
        "print('dateparser' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_utc_time_after_midnight_is_the_evening_the_page_shows():
    """PEOPLE: JSON-LD 2020-12-15T04:31:06.000Z, the page prints December 14, 2020 11:31 PM."""
    p = Page.from_html(
        '<html><head><script type="application/ld+json">{"@context": "http://schema.org",'
        ' "@type": "NewsArticle", "headline": "Couple test positive",'
        ' "datePublished": "2020-12-15T04:31:06.000Z"}</script></head><body><article>'
        "<h1>Couple test positive</h1><div class='timestamp published-date padding-12-left'>"
        " December 14, 2020 11:31 PM </div><p>Text of the story.</p></article></body></html>",
        "https://people.com/health/couple/",
    )
    found = page_dates(p, NOW)
    assert found.published is not None and found.published.iso == "2020-12-14"
