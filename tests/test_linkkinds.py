"""Link classification: every kind from its rule, and reputation from sources.yaml."""

from __future__ import annotations

import pytest

from factcheck.knowledge.sources import default_sources
from factcheck.steps.evidence.linkkinds import (
    LinkKind,
    Reputation,
    classify_url,
    scholarly_identifier,
)


@pytest.fixture(scope="module")
def sources():
    return default_sources().with_overlay(
        {
            "version": "test",
            "updated": "2026-11-22",
            "sources": [
                {"domain": "fakehealthnews.example", "kind": "fake", "rating": 5},
                {"domain": "dailytabloid.example", "kind": "news", "rating": 20},
                {"domain": "goodpaper.example", "kind": "news", "rating": 90},
                {"domain": "cityhospital.example", "kind": "hospital"},
            ],
        },
        origin="test overlay",
    )


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://doi.org/10.1056/NEJMoa2034577", LinkKind.SCHOLARLY),
        ("https://www.nejm.org/doi/full/10.1056/NEJMoa2034577", LinkKind.SCHOLARLY),
        ("https://pubmed.ncbi.nlm.nih.gov/30415629/", LinkKind.SCHOLARLY),
        ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7095418/", LinkKind.SCHOLARLY),
        ("https://clinicaltrials.gov/study/NCT04368728", LinkKind.SCHOLARLY),
        ("https://arxiv.org/abs/2003.12345", LinkKind.SCHOLARLY),
        ("https://www.medrxiv.org/content/10.1101/2020.04.14.20062463v2", LinkKind.SCHOLARLY),
        (
            "https://www.thelancet.com/journals/lancet/article/PIIS0140-6736(20)30183-5/fulltext",
            LinkKind.SCHOLARLY,
        ),
        ("https://jamanetwork.com/journals/jama/fullarticle/2762130", LinkKind.SCHOLARLY),
        ("https://www.sciencedirect.com/science/article/pii/S0140673620301835", LinkKind.SCHOLARLY),
        ("https://kns.cnki.net/kcms/detail/detail.aspx?filename=ZHYX202001001", LinkKind.SCHOLARLY),
        ("https://rs.yiigle.com/cmaqikan/1185432", LinkKind.SCHOLARLY),
        (
            "https://www.who.int/news-room/fact-sheets/detail/influenza-(seasonal)",
            LinkKind.OFFICIAL,
        ),
        ("https://www.cdc.gov/flu/prevent/index.html", LinkKind.OFFICIAL),
        ("http://www.nhc.gov.cn/xcs/yqtb/list_gzbd.shtml", LinkKind.OFFICIAL),
        ("https://www.chinacdc.cn/jkzt/crb/", LinkKind.OFFICIAL),
        ("https://www.ema.europa.eu/en/medicines", LinkKind.OFFICIAL),
        ("https://www.gov.uk/government/news/x", LinkKind.OFFICIAL),
        ("http://wsjkw.sh.gov.cn/xwfb/index.html", LinkKind.OFFICIAL),
        (
            "https://www.prnewswire.com/news-releases/acme-announces-301.html",
            LinkKind.PRESS_RELEASE,
        ),
        ("https://www.businesswire.com/news/home/2020/en/", LinkKind.PRESS_RELEASE),
        ("https://www.globenewswire.com/news-release/2020/01/01/1.html", LinkKind.PRESS_RELEASE),
        ("https://www.prnasia.com/story/12345-1.shtml", LinkKind.PRESS_RELEASE),
        ("https://www.facebook.com/someone/posts/1", LinkKind.SOCIAL),
        ("https://x.com/someone/status/1", LinkKind.SOCIAL),
        ("https://twitter.com/someone/status/1", LinkKind.SOCIAL),
        ("https://weibo.com/1234567/abcd", LinkKind.SOCIAL),
        ("https://mp.weixin.qq.com/s/abcdef", LinkKind.SOCIAL),
        ("https://www.douyin.com/video/1", LinkKind.SOCIAL),
        ("https://www.youtube.com/watch?v=abc", LinkKind.SOCIAL),
        ("https://www.tiktok.com/@someone/video/1", LinkKind.SOCIAL),
        ("https://www.zhihu.com/question/1", LinkKind.SOCIAL),
        ("https://www.amazon.com/dp/B0ABCDE123", LinkKind.COMMERCIAL),
        ("https://item.taobao.com/item.htm?id=1", LinkKind.COMMERCIAL),
        ("https://detail.tmall.com/item.htm?id=1", LinkKind.COMMERCIAL),
        ("https://item.jd.com/100012043978.html", LinkKind.COMMERCIAL),
        ("https://supplements.example/products/vitamin-c", LinkKind.COMMERCIAL),
        ("https://supplements.example/cart", LinkKind.COMMERCIAL),
        ("https://blog.example/review?aff_id=12", LinkKind.COMMERCIAL),
        ("https://en.wikipedia.org/wiki/Influenza", LinkKind.REFERENCE),
        ("https://baike.baidu.com/item/流感", LinkKind.REFERENCE),
        ("https://www.harvard.edu/research", LinkKind.ACADEMIC),
        ("https://www.pku.edu.cn/news", LinkKind.ACADEMIC),
        ("https://cityhospital.example/departments", LinkKind.ACADEMIC),
        ("https://goodpaper.example/2020/story", LinkKind.NEWS),
        ("https://random-blog.example/post/1", LinkKind.UNKNOWN),
        ("not a url", LinkKind.UNKNOWN),
    ],
)
def test_kind(url, kind, sources):
    assert classify_url(url, sources).kind is kind


def test_listed_fake_domain_is_a_bad_link(sources):
    link = classify_url("https://fakehealthnews.example/miracle", sources)
    assert link.reputation is Reputation.BAD
    # a low rating makes a link "low", not "bad": rated unreliable is not listed as fake
    assert classify_url("https://dailytabloid.example/x", sources).reputation is Reputation.LOW


def test_reliable_news_and_authority_are_good(sources):
    assert classify_url("https://goodpaper.example/a", sources).reputation is Reputation.GOOD
    assert classify_url("https://www.who.int/a", sources).reputation is Reputation.GOOD
    assert classify_url("https://random-blog.example/a", sources).reputation is Reputation.UNRATED


def test_share_buttons_and_profiles_are_widgets():
    from factcheck.steps.evidence.lexicon import is_widget_link

    assert is_widget_link(
        "https://www.facebook.com/sharer/sharer.php?u=x", "facebook.com", "facebook.com"
    )
    assert is_widget_link("https://twitter.com/intent/tweet?text=x", "twitter.com", "twitter.com")
    assert is_widget_link("https://www.facebook.com/healthdesk", "facebook.com", "facebook.com")
    assert is_widget_link(
        "http://service.weibo.com/share/share.php?url=x", "service.weibo.com", "weibo.com"
    )
    assert not is_widget_link(
        "https://twitter.com/who/status/1234567890", "twitter.com", "twitter.com"
    )
    assert not is_widget_link("https://www.youtube.com/watch?v=abc", "youtube.com", "youtube.com")


def test_lookalike_is_not_matched_by_substring(sources):
    # "notwho.int.example" must not borrow who.int's kind or reputation
    link = classify_url("https://notwho.int.example/a", sources)
    assert link.kind is LinkKind.UNKNOWN
    assert link.reputation is Reputation.UNRATED


def test_affiliate_parameter_marks_a_link_commercial(sources):
    link = classify_url("https://www.amazon.com/dp/B0ABCDE123?tag=slimnews-20", sources)
    assert link.kind is LinkKind.COMMERCIAL
    assert link.is_affiliate
    # a "tag" parameter on an ordinary site is not an affiliate code
    assert classify_url("https://news.example/list?tag=health", sources).kind is LinkKind.UNKNOWN


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://doi.org/10.1016/S2213-8587(21)00051-6", ("doi", "10.1016/S2213-8587(21)00051-6")),
        ("https://pubmed.ncbi.nlm.nih.gov/30415629/", ("pmid", "30415629")),
        ("https://clinicaltrials.gov/ct2/show/NCT01169259", ("nct", "NCT01169259")),
        ("https://www.cdc.gov/flu", ("", "")),
    ],
)
def test_scholarly_identifier(url, expected):
    assert scholarly_identifier(url) == expected
