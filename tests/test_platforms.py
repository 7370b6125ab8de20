"""Platform readers behind the one registry (issue 15): account, writer, title, date, body.

Fixtures in tests/fixtures/real are hand-written reductions of real page structures.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factcheck.page.model import Page
from factcheck.platforms import (
    PLATFORM_NAMES,
    REGISTRY,
    SOCIAL_HOSTS,
    PageState,
    identify,
    platform_of,
)
from factcheck.platforms.wechat import script_times
from factcheck.steps.evidence.linkkinds import SOCIAL_DOMAINS

REAL = Path(__file__).parent / "fixtures" / "real"


def page(name: str, url: str) -> Page:
    return Page.from_html((REAL / name).read_text(encoding="utf-8"), url)


# -- the registry ----------------------------------------------------------------------------


def test_every_platform_has_a_module_reader_and_both_names():
    ids = [p.id for p in REGISTRY]
    assert len(ids) == len(set(ids))
    for platform in REGISTRY:
        en, zh = PLATFORM_NAMES[platform.id]
        assert en and zh and platform.hosts


@pytest.mark.parametrize(
    ("host", "platform"),
    [
        ("www.instagram.com", "instagram"),
        ("www.kuaishou.com", "kuaishou"),
        ("baijiahao.baidu.com", "baijiahao"),
        ("mp.weixin.qq.com", "wechat"),
        ("zhuanlan.zhihu.com", "zhihu"),
        ("notweibo.com", None),
        ("news.qq.com", None),
    ],
)
def test_platform_of_is_label_wise(host, platform):
    assert platform_of(host) == platform


def test_step_5_social_hosts_are_the_registry_hosts():
    """Instagram and Kuaishou are social media in step 1 and step 5 alike."""
    assert {"instagram.com", "kuaishou.com", "weibo.com", "zhihu.com"} <= SOCIAL_HOSTS
    assert SOCIAL_HOSTS <= SOCIAL_DOMAINS


# -- WeChat ----------------------------------------------------------------------------------


def test_wechat_older_template_writer_in_em_after_the_date():
    p = page("wechat_2023_em_author.html", "https://mp.weixin.qq.com/s/abc")
    source = identify(p, "wechat")
    assert (source.account, source.author) == ("华商报", "王小明")
    assert source.published == date(2024, 3, 8)  # 1709866800 in China time
    assert p.title == "社区义诊走进老旧小区"


@pytest.mark.parametrize(
    ("scripts", "first", "created"),
    [
        ('var ct = "1709866800";', 'ct = "1709866800"', 'ct = "1709866800"'),
        # a key inside a longer name is not the key: product_ct, abstract
        (
            "product_ct: 1600000000, abstract = 1600000001; ori_create_time='1709866800'",
            "ori_create_time='1709866800'",
            "ori_create_time='1709866800'",
        ),
        # publish_time counts for the first time only (the date step), before or after
        (
            "publish_time: 1700000000; create_time = 1709866800",
            "publish_time: 1700000000",
            "create_time = 1709866800",
        ),
        (
            "create_time = 1709866800; publish_time: 1700000000",
            "create_time = 1709866800",
            "create_time = 1709866800",
        ),
        ("my_publish_time: 1700000000; publish_time=1700000001", "publish_time=1700000001", None),
        ("var nickname = 'x'; ct = 99", None, None),
    ],
)
def test_wechat_script_times_first_key_of_its_own(scripts, first, created):
    found = script_times(scripts)
    assert tuple(m.group(0) if m else None for m in found) == (first, created)


def test_a_platform_body_is_the_main_text_and_trafilatura_does_not_extract_it_again():
    """The reader's #js_content is the page's text, and its links are the main text's: the
    extraction reads metadata only (it took ~0.1 s of a 3.7 MB WeChat page)."""
    example = Path(__file__).parents[1] / "examples" / "wechat_miracle_cure.html"
    p = Page.from_html(example.read_text(encoding="utf-8"), "https://mp.weixin.qq.com/s/Xy12AbCd")
    assert p.platform is not None and p.platform.body_path == '//*[@id="js_content"]'
    assert p.text == p.platform.body and (p.extraction.text, p.extraction.main_hrefs) == ("", ())
    assert p.extraction.title  # the metadata steps still ran
    inside = {a.get("href") for a in p.tree.xpath('//*[@id="js_content"]//a[@href]')}
    shop = [link for link in p.links if link.host == "item.taobao.com"]
    assert inside and shop and all(link.in_main_text for link in shop)
    assert not any(link.in_main_text for link in p.links if link.element.get("href") not in inside)


def test_wechat_newer_template_author_name_not_the_reward_button_nor_the_paid_badge():
    p = page("wechat_2025_reward.html", "https://mp.weixin.qq.com/s/def")
    source = identify(p, "wechat")
    assert source.author == "李医生"
    assert source.account == "长江日报"
    assert p.title == "春季过敏，这几件事要知道"  # without 已付费


def test_wechat_text_share_post_account_from_the_follow_card():
    p = page("wechat_textshare.html", "https://mp.weixin.qq.com/s/ghi")
    source = identify(p, "wechat")
    assert source.account == "睡眠研究所"
    assert source.published == date(2025, 10, 7)


def test_wechat_deleted_page_has_no_article():
    p = page("wechat_deleted.html", "https://mp.weixin.qq.com/s/jkl")
    assert identify(p, "wechat").state is PageState.DELETED
    assert p.title == ""


# -- Zhihu, Toutiao, Weibo, Baijiahao --------------------------------------------------------


def test_zhihu_answer_account_is_the_answerer_not_the_follow_button():
    p = page("zhihu_answer.html", "https://www.zhihu.com/question/11112222/answer/33334444")
    source = identify(p, "zhihu")
    assert source.account == source.author == "睡眠科普君"  # zero-width space removed
    assert source.published == date(2023, 3, 1)  # 17:30 UTC is the next day in Beijing
    assert p.title == "长期熬夜对身体有哪些影响？"
    assert p.text == "熬夜会打乱生物钟。"


def test_zhihu_question_page_is_spoken_by_zhihu_and_dated_by_the_question():
    p = page("zhihu_question.html", "https://www.zhihu.com/question/23456789")
    source = identify(p, "zhihu")
    assert (source.account, source.author) == ("知乎", "")
    assert source.published == date(2014, 4, 30)


def test_toutiao_account_from_the_article_meta_not_a_headline_fragment():
    p = page("toutiao_article.html", "https://www.toutiao.com/article/7367007067191640576/")
    source = identify(p, "toutiao")
    assert source.account == "新华社"
    assert source.published == date(2024, 5, 10)  # the local time shown, not JSON-LD's UTC
    assert p.title == "春耕时节农机忙"


def test_weibo_account_badge_two_digit_year_and_lead_as_title():
    p = page("weibo_post.html", "https://weibo.com/1234567890/AbCdEf")
    source = identify(p, "weibo")
    assert source.account == "城市新闻"
    assert source.verified is True
    assert "微博官方组织认证" in source.verified_reason and "organisation" in source.verified_reason
    assert source.published == date(2024, 5, 13)
    assert p.title == "某地动物园回应游客投诉：已成立调查组"


def test_baijiahao_title_is_the_article_not_the_latest_articles_list():
    p = page("baijiahao_article.html", "https://baijiahao.baidu.com/s?id=1800000000000000000")
    source = identify(p, "baijiahao")
    assert source.account == "健康生活家"
    assert source.published == date(2024, 6, 1)
    assert p.title == "夏季饮水的三个误区"


# -- the knowledge base knows newspapers' accounts and fact-checkers worldwide ----------------


def test_knowledge_base_has_newspaper_accounts_and_fact_checkers():
    from factcheck.knowledge.sources import default_sources

    db = default_sources()
    for name in ("华商报", "长江日报"):
        account = db.lookup_account("wechat", name)
        assert account is not None and account.kind == "news"
    for domain in (
        "tfc-taiwan.org.tw",
        "mygopen.com",
        "cofacts.tw",
        "factcheck.hkbu.edu.hk",
        "annielab.org",
        "chequeado.com",
        "maldita.es",
        "factuel.afp.com",
        "africacheck.org",
    ):
        entry = db.lookup(domain)
        assert entry is not None and entry.kind == "fact_checker", domain


def test_wechat_verification_page_is_not_an_article():
    p = page("wechat_verify.html", "https://mp.weixin.qq.com/s/mno")
    assert identify(p, "wechat").state is PageState.VERIFICATION
    assert p.title == ""
