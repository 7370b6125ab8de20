"""Reading real page structures (issue 15): the headline resolver and Chinese credits.

Each test names the miss it guards against; fixtures in tests/fixtures/real are hand-written
reductions of real page structures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.page.headline import strip_affixes
from factcheck.page.model import Page
from factcheck.steps.author.extract import ORGANISATION, PERSON, page_authorship
from factcheck.steps.author.zh_credits import AUTHOR, EDITOR, zh_credits

REAL = Path(__file__).parent / "fixtures" / "real"


def page(name: str, url: str) -> Page:
    return Page.from_html((REAL / name).read_text(encoding="utf-8"), url)


# -- headline --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "url", "headline"),
    [
        ("en_bbc_suffix.html", "https://www.bbc.com/news/health-1", "Measles cases rise in Europe"),
        (
            "en_byline_in_title.html",
            "https://www.example-news.com/doctors-warn/",
            "Doctors Warn About New Supplement Trend",
        ),
        (  # the section h1 ("Health & Balance News") is not the headline
            "en_section_h1.html",
            "https://www.webmd.com/balance/news/20240509/walking",
            "Walking After Meals May Lower Blood Sugar",
        ),
        (
            "xinhua_suffix.html",
            "http://www.news.cn/20240509/abc/c.html",
            "全国爱卫会部署春季爱国卫生运动",
        ),
        (  # --时政--人民网, and a logo h1 first
            "people_dateline.html",
            "http://health.people.com.cn/n1/2025/0308/c14739-40000001.html",
            "多地开展流感疫苗接种服务",
        ),
        (  # the first h1 is 全部导航
            "gmw_signature.html",
            "https://news.gmw.cn/2024-05/13/content_1.htm",
            "共同维护公共卫生安全",
        ),
        (  # channel-logo h1 first; "|tags_新浪新闻" in <title>
            "sina_outlet_byline.html",
            "https://news.sina.com.cn/c/2024-05-16/doc-abc.shtml",
            "某市卫健委原主任受审",
        ),
    ],
)
def test_headline_is_the_articles_own(name, url, headline):
    assert page(name, url).title == headline


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        (
            "我国首届养老专业本科生迎来毕业季_新闻频道_中国青年网",
            [],
            "我国首届养老专业本科生迎来毕业季",
        ),
        ("习近平主持召开座谈会-中国科普网", [], "习近平主持召开座谈会"),
        ("CPI同比上涨0.3%_数据_宏观频道首页_财经网 - CAIJING.COM.CN", [], "CPI同比上涨0.3%"),
        ("Does Social Media Sell Us a Rope? - Global Research", ["Global Research"], None),
        ("SHOCK NEWS! — Major Expedition Planned – Darkmoon", ["Darkmoon"], None),
        ("A headline - with a dash inside", [], "A headline - with a dash inside"),
    ],
)
def test_strip_affixes_removes_only_what_it_can_prove(title, names, expected):
    if expected is None:  # the site name is cut, the headline's own dash kept
        expected = title.rsplit(" – " if " – " in title else " - ", 1)[0]
    assert strip_affixes(title, names) == expected


# -- Chinese bylines and credits -------------------------------------------------------------


def test_dateline_reporter_and_editors_from_the_people_com_cn_layout():
    found = page_authorship(page("people_dateline.html", "http://health.people.com.cn/a.html"))
    assert [a.name for a in found.authors] == ["唐霁"]  # not the sidebar's 栗三
    assert [e.name for e in found.editors] == ["郝一", "杨二"]
    assert all(a.name != "104321" for a in found.authors)  # meta author is an internal id


def test_several_reporters_after_an_outlet_are_several_people():
    found = page_authorship(page("thepaper_reporters.html", "https://www.thepaper.cn/x"))
    assert [a.name for a in found.authors] == ["段彦超", "廖艳"]
    assert [e.name for e in found.editors] == ["周小"]  # "责编：周小" in meta author


def test_an_outlet_in_meta_author_is_not_a_person_and_the_reporters_are_found():
    found = page_authorship(page("sina_outlet_byline.html", "https://news.sina.com.cn/c/x.shtml"))
    people = [a.name for a in found.authors if a.kind == PERSON]
    assert people == ["奚一", "张二"]
    assert [e.name for e in found.editors] == ["刘三"]


def test_an_editor_in_meta_author_is_an_editor_not_the_author():
    found = page_authorship(page("youth_meta_editor.html", "https://news.youth.cn/gn/x.htm"))
    assert [a.name for a in found.authors] == ["魏五"]  # "记者带着这些问题" names nobody
    assert [e.name for e in found.editors] == ["杨四"]
    found = page_authorship(page("gmw_signature.html", "https://news.gmw.cn/x.htm"))
    assert [a.name for a in found.authors] == ["钟七"]  # the commentary's signature
    assert [e.name for e in found.editors] == ["杨六"]


def test_a_portal_or_news_agency_byline_is_an_organisation():
    found = page_authorship(page("toutiao_article.html", "https://www.toutiao.com/article/1/"))
    assert [a.name for a in found.authors] == ["张田", "李禾"]  # not JSON-LD's "Person" 新华社


@pytest.mark.parametrize(
    ("text", "authors", "editors"),
    [
        ("新华社乌鲁木齐5月9日电（记者邹伟）中共中央", ["邹伟"], []),
        ("（中央社記者溫貴香台北21日電）行政院", ["溫貴香"], []),
        ("来源： 财新网作者：余聪责任编辑：屈运栩 文｜财新 余聪", ["余聪"], ["屈运栩"]),
        ("新华社记者 谢环驰 摄 听取发言后", [], []),
        ("本报记者 王乐文 方 敏 2024年05月10日", ["王乐文", "方敏"], []),
        ("文/栗思编辑/倪家宁 责任编辑：李曦_NN2587", ["栗思"], ["倪家宁", "李曦"]),
        ("编辑：Otto 辛宝、TimLi PodRocket：用", [], ["Otto 辛宝", "TimLi"]),
        ("作者文笔出色，情节动人", [], []),
        ("北京青年报记者了解到，项目启动", [], []),
        ("新华社北京5月19日电（刘艺、杨吉）中国科学院", ["刘艺", "杨吉"], []),
        ("责任编辑：刘德宾 关键字 : 有轨电车", [], ["刘德宾"]),
    ],
)
def test_zh_credits(text, authors, editors):
    found = zh_credits(text, outlets=("财新网",))
    assert [c.name for c in found if c.role == AUTHOR] == authors
    assert [c.name for c in found if c.role == EDITOR] == editors


def test_english_login_widget_username_is_not_an_author():
    found = page_authorship(page("en_login_widget.html", "https://www.washingtonpost.com/a/"))
    assert [a.name for a in found.authors] == ["Jane Roe"]


def test_visible_byline_wins_over_the_fact_checkers_organisation():
    found = page_authorship(page("en_claimreview_byline.html", "https://factcheck.example.org/x"))
    assert [a.name for a in found.authors] == ["Senzeni Ncube"]
    assert all(a.kind != ORGANISATION for a in found.authors)
