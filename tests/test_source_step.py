"""Step 1 on local pages: who is speaking, and is it who it claims to be."""

from __future__ import annotations

from urllib.parse import unquote_plus

import pytest

import factcheck
from factcheck.report import Status
from factcheck.resources import default_resources
from factcheck.steps import CAPS

WECHAT = "https://mp.weixin.qq.com/s/AbCdEf123"


def _source(report):  # type: ignore[no-untyped-def]
    return report.step("source")


def _codes(step) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in step.findings]


def test_official_wechat_account_passes(fixture_html, now):
    report = factcheck.check_html(fixture_html("source_wechat_official.html"), WECHAT, now=now)
    step = _source(report)
    assert step.status is Status.PASS
    assert "source.official_account" in _codes(step)
    assert step.data["platform"] == "wechat" and step.data["account"] == "健康中国"
    assert step.data["account_description"].startswith("国家卫生健康委员会官方公众号")
    assert step.data["domain"] == "mp.weixin.qq.com"  # the platform, not "qq.com"
    assert step.data["kind"] == "health_authority" and step.data["user_generated"] is False
    assert step.data["account_domain"] == "nhc.gov.cn"
    assert any(link.url == "https://nhc.gov.cn/" for link in step.links)


def test_fake_official_wechat_account_fails_with_evidence_and_links(fixture_html, now):
    html = fixture_html("source_wechat_fake_account.html")
    report = factcheck.check_html(html, WECHAT, now=now)
    step = _source(report)
    assert step.status is Status.FAIL
    finding = next(f for f in step.findings if f.code == "source.impersonation")
    assert "国家卫健委发布" in finding.evidence and "国家卫健委" in finding.evidence
    assert "nhc.gov.cn" in finding.message.en and "nhc.gov.cn" in finding.message.zh
    assert step.data["impersonates"] == "nhc.gov.cn" and step.data["user_generated"] is True
    searches = [unquote_plus(link.url) for link in step.links]
    assert any("q=site:nhc.gov.cn 紧急通知" in url for url in searches)
    assert any("baidu.com/s?wd=site:nhc.gov.cn" in url for url in searches)
    assert report.score is not None and report.score <= CAPS["source.impersonation"]


def test_wechat_page_without_url_is_recognised_by_its_markup(fixture_html, now):
    report = factcheck.check_html(fixture_html("source_wechat_official.html"), None, now=now)
    assert _source(report).data["platform"] == "wechat"
    assert _source(report).status is Status.PASS


@pytest.mark.parametrize(
    ("fixture", "state"),
    [("source_wechat_verify.html", "verification"), ("source_wechat_deleted.html", "deleted")],
)
def test_wechat_placeholder_pages_are_unknown_with_extension_advice(
    fixture_html, now, fixture, state
):
    step = _source(factcheck.check_html(fixture_html(fixture), WECHAT, now=now))
    assert step.status is Status.UNKNOWN and step.score is None
    assert step.data["page_state"] == state
    assert "extension" in step.advice.en and "扩展程序" in step.advice.zh


def test_who_lookalike_fails_with_official_domain_and_site_search(fixture_html, now):
    html = fixture_html("source_who_lookalike.html")
    report = factcheck.check_html(html, "https://who-int.org/news/garlic-cure", now=now)
    step = _source(report)
    assert step.status is Status.FAIL
    finding = next(f for f in step.findings if f.code == "source.impersonation")
    assert finding.evidence.startswith("who-int.org") and "who.int" in finding.evidence
    assert step.data["impersonates"] == "who.int"
    assert step.data["impersonation_technique"] == "spelled_out"
    urls = [unquote_plus(link.url) for link in step.links]
    assert any("site:who.int WHO confirms" in url for url in urls)
    assert "https://who.int/" in urls
    assert report.score <= CAPS["source.impersonation"]


def test_weak_lookalike_counts_because_the_page_names_the_who(fixture_html, now):
    html = fixture_html("source_who_lookalike.html")
    step = _source(factcheck.check_html(html, "http://who.health-alerts.net/a", now=now))
    assert step.status is Status.FAIL and step.data["impersonates"] == "who.int"
    assert "source.no_https" in _codes(step)


def test_who_int_passes(fixture_html, now):
    url = "https://www.who.int/news-room/fact-sheets/detail/influenza-(seasonal)"
    step = _source(factcheck.check_html(fixture_html("source_who_official.html"), url, now=now))
    assert step.status is Status.PASS
    assert step.data["domain"] == "who.int" and step.data["official_tld"] is True
    assert step.data["https"] is True and "impersonates" not in step.data
    assert step.data["rating"] == 95 and step.data["rating_origin"].startswith("curated")


def test_satire_is_labelled_satire_not_fake(fixture_html, now):
    html = fixture_html("source_satire.html")
    step = _source(factcheck.check_html(html, "https://www.theonion.com/doctors", now=now))
    assert _codes(step)[0] == "source.satire"
    assert "source.listed_fake" not in _codes(step)
    assert step.data["kind"] == "satire" and step.data["category"] == "satire"
    assert "satire" in step.findings[0].message.en and "讽刺" in step.findings[0].message.zh
    assert step.status is Status.WARN


def test_listed_fake_site_fails_and_caps_the_score(fixture_html, now):
    html = fixture_html("source_satire.html")
    report = factcheck.check_html(html, "https://www.naturalnews.com/x.html", now=now)
    step = _source(report)
    assert step.status is Status.FAIL and "source.listed_fake" in _codes(step)
    assert report.score <= CAPS["source.listed_fake"]


@pytest.mark.parametrize("url", ["https://www.deviantart.com/art/1", "https://notrt.com/a"])
def test_substrings_never_match(fixture_html, now, url):
    step = _source(factcheck.check_html(fixture_html("source_satire.html"), url, now=now))
    assert step.data["kind"] is None and step.status is Status.UNKNOWN
    assert not any(f.impact < 0 for f in step.findings)  # unknown is not a penalty


def test_unknown_domain_is_unknown_not_penalised(fixture_html, now):
    html = fixture_html("source_satire.html")
    step = _source(factcheck.check_html(html, "https://small-health-blog.net/post", now=now))
    assert step.status is Status.UNKNOWN and step.score is None
    assert step.data["domain"] == "small-health-blog.net"
    assert "small-health-blog.net" in step.advice.en


def test_unlisted_official_tld_passes(now):
    html = "<html><head><title>流感防控提示</title></head><body><p>接种疫苗。</p></body></html>"
    step = _source(factcheck.check_html(html, "https://wsjkw.example.gov.cn/a", now=now))
    assert "source.official_tld" in _codes(step) and step.status is Status.PASS


def test_weibo_post_rates_the_account_not_the_platform(fixture_html, now):
    html = fixture_html("source_weibo_post.html")
    step = _source(factcheck.check_html(html, "https://m.weibo.cn/status/49", now=now))
    assert step.data["platform"] == "weibo" and step.data["account"] == "养生达人小王"
    assert step.data["user_generated"] is True and step.data["rating"] is None
    assert step.data["platform_verified"] is True and step.data["verified_reason"] == "健康博主"
    assert "source.user_generated" in _codes(step) and step.status is Status.UNKNOWN
    assert step.score is None and all(f.impact == 0 for f in step.findings)  # no penalty


@pytest.mark.parametrize(
    ("url", "account_domain"),
    [
        ("https://x.com/WHO/status/1234", "who.int"),
        ("https://twitter.com/CDCgov/status/99", "cdc.gov"),
        ("https://www.youtube.com/@WHO/videos", "who.int"),
    ],
)
def test_official_handles_on_global_platforms(now, url, account_domain):
    step = _source(factcheck.check_html("<html><body><p>post</p></body></html>", url, now=now))
    assert step.data["account_domain"] == account_domain and step.status is Status.PASS


def test_unknown_account_on_a_platform_is_user_generated(now):
    url = "https://www.facebook.com/SomeHealthPage/posts/1"
    step = _source(factcheck.check_html("<html><body><p>post</p></body></html>", url, now=now))
    assert step.data["platform"] == "facebook" and step.data["handle"] == "SomeHealthPage"
    assert step.data["user_generated"] is True and "source.user_generated" in _codes(step)


def test_report_shows_the_knowledge_base_stamp(fixture_html, now):
    report = factcheck.check_html(
        fixture_html("source_who_official.html"), "https://who.int/", now=now
    )
    db = default_resources().sources
    assert report.to_dict()["sources"] == {"version": db.version, "updated": db.updated}


def test_fake_account_through_check_url(httpserver, fixture_html, now):
    html = fixture_html("source_wechat_fake_account.html")
    httpserver.expect_request("/s/fake").respond_with_data(
        html.encode("utf-8"), content_type="text/html; charset=utf-8"
    )
    report = factcheck.check_url(httpserver.url_for("/s/fake"), now=now, allow_loopback=True)
    step = _source(report)
    assert step.data["platform"] == "wechat"  # recognised by markup on 127.0.0.1
    assert step.status is Status.FAIL and step.data["impersonates"] == "nhc.gov.cn"


def test_official_account_through_check_url(httpserver, fixture_html, now):
    html = fixture_html("source_wechat_official.html")
    httpserver.expect_request("/s/ok").respond_with_data(
        html.encode("utf-8"), content_type="text/html; charset=utf-8"
    )
    report = factcheck.check_url(httpserver.url_for("/s/ok"), now=now, allow_loopback=True)
    assert _source(report).status is Status.PASS


def test_page_calling_itself_the_who_on_another_domain_fails(fixture_html, now):
    html = fixture_html("source_who_lookalike.html")
    step = _source(factcheck.check_html(html, "https://health-news-daily.com/a", now=now))
    finding = next(f for f in step.findings if f.code == "source.impersonation")
    assert "og:site_name" in finding.evidence and "World Health Organization" in finding.evidence
    assert step.data["impersonation_technique"] == "site_name" and step.status is Status.FAIL


def test_news_site_quoting_the_who_is_not_impersonation(fixture_html, now):
    html = fixture_html("source_who_lookalike.html")  # names the WHO all over
    step = _source(factcheck.check_html(html, "https://www.bbc.com/news/health-1", now=now))
    assert "impersonates" not in step.data
    assert "source.impersonation" not in _codes(step)


ZHIHU = """<html><head><meta name="author" content="丁香医生">
<title>感冒要吃抗生素吗？ - 知乎</title></head><body>
<div class="AuthorInfo-name">丁香医生</div><p>不需要。</p></body></html>"""
DOUYIN = "<html><head><title>北京协和医院的抖音 - 抖音</title></head><body></body></html>"
TOUTIAO = """<html><head><meta name="author" content="养生小妙招"></head><body><p>x</p></body>
</html>"""


@pytest.mark.parametrize(
    ("html", "url", "account", "official"),
    [
        (ZHIHU, "https://zhuanlan.zhihu.com/p/123", "丁香医生", True),
        (DOUYIN, "https://www.douyin.com/user/MS4wLjABAAAA", "北京协和医院", True),
        (TOUTIAO, "https://www.toutiao.com/article/7/", "养生小妙招", False),
    ],
)
def test_chinese_platform_accounts(now, html, url, account, official):
    step = _source(factcheck.check_html(html, url, now=now))
    assert step.data["account"] == account
    assert step.data["user_generated"] is (not official)
    assert (step.status is Status.PASS) is official


def test_page_without_any_address_is_unknown(now):
    step = _source(factcheck.check_html("<html><body><p>text</p></body></html>", None, now=now))
    assert step.status is Status.UNKNOWN and step.data["domain"] == ""


def test_canonical_link_stands_in_for_a_missing_url(now):
    html = (
        '<html><head><link rel="canonical" href="https://www.who.int/x"></head><body></body></html>'
    )
    step = _source(factcheck.check_html(html, None, now=now))
    assert step.data["domain"] == "who.int" and step.data["address_origin"] == "canonical"


def test_users_overlay_denies_an_account(tmp_path, fixture_html, now):
    from factcheck.knowledge.sources import SourceDB

    overlay = tmp_path / "mine.yaml"
    overlay.write_text('deny: ["wechat:健康中国"]\n', encoding="utf-8")
    db = SourceDB.load(overlays=(overlay,))
    html = fixture_html("source_wechat_official.html")
    step = _source(factcheck.check_html(html, WECHAT, now=now, sources=db))
    assert "source.listed_unreliable" in _codes(step) and step.status is Status.FAIL
    assert "deny-listed by you" in step.findings[0].message.en


@pytest.mark.parametrize(
    ("host", "platform"),
    [
        ("mp.weixin.qq.com", "wechat"),
        ("qq.com", None),
        ("news.qq.com", None),
        ("m.weibo.cn", "weibo"),
        ("notweibo.com", None),
        ("zhuanlan.zhihu.com", "zhihu"),
        ("www.xiaohongshu.com", "xiaohongshu"),
        ("mobile.twitter.com", "x"),
        ("youtu.be", "youtube"),
        ("tiktok.com.evil.example", None),
    ],
)
def test_platforms_are_recognised_label_wise(host, platform):
    from factcheck.platforms import platform_of

    assert platform_of(host) == platform


def test_wechat_account_from_page_script_when_the_element_is_missing(now):
    html = """<html><body><div id="js_content"><p>正文</p></div>
    <script>var nickname = htmlDecode("丁香医生"); var ct = "1763107200";</script></body></html>"""
    step = _source(factcheck.check_html(html, WECHAT, now=now))
    assert step.data["account"] == "丁香医生" and step.status is Status.PASS


def test_youtube_video_names_its_channel(now):
    html = """<html><body><script>var ytInitialPlayerResponse = {"videoDetails":
    {"ownerChannelName":"World Health Organization (WHO)"}};</script></body></html>"""
    step = _source(factcheck.check_html(html, "https://www.youtube.com/watch?v=abc", now=now))
    assert step.data["account"] == "World Health Organization (WHO)"
    assert step.data["account_domain"] == "who.int"


# -- issue 12: full-resolution ratings, unknown accounts, official accounts -------------------


def test_rating_is_kept_at_full_resolution_with_provenance(fixture_html, now):
    html = fixture_html("source_satire.html")
    reuters = _source(factcheck.check_html(html, "https://www.reuters.com/world/x", now=now))
    assert reuters.score == reuters.data["rating"] + 0  # https adds 0: score is the rating
    assert reuters.data["rating_lists"] and reuters.data["rating_scope"] in ("host", "parent")
    db = default_resources().sources
    ratings = [
        _source(factcheck.check_html(html, f"https://{d}/a", now=now)).score
        for d in ("reuters.com", "foxnews.com", "breitbart.com")
    ]
    expected = [db.lookup(d).rating for d in ("reuters.com", "foxnews.com", "breitbart.com")]
    assert ratings == expected and len(set(ratings)) == 3  # no coarse band


def test_parent_listing_is_marked_as_such(fixture_html, now):
    step = _source(
        factcheck.check_html(
            fixture_html("source_satire.html"), "https://news.sina.com.cn/a", now=now
        )
    )
    assert step.data["listed_domain"] == "sina.com.cn" and step.data["rating_scope"] == "parent"


def test_unknown_wechat_account_gets_a_middle_score_with_low_confidence(now):
    body = (
        '<h1 id="activity-name">周末去公园散步的几点体会</h1>'
        '<div id="js_content"><p>周末天气很好，我们一家去公园散步，看到很多人在锻炼。</p>'
        "<p>散步之后大家都觉得心情不错，下周还打算再去一次。</p></div>"
    )
    wechat = f'<html><body><a id="js_name">小林的生活记录</a>{body}</body></html>'
    report = factcheck.check_html(wechat, WECHAT, now=now)
    step = _source(report)
    assert step.data["account"] == "小林的生活记录" and step.data["user_generated"] is True
    assert step.status is Status.UNKNOWN and not any(f.impact < 0 for f in step.findings)
    assert report.score is not None and 35 <= report.score <= 74  # the middle band
    assert report.confidence is not None and report.confidence.level == "low"
    assert report.verdict.value == "mixed"
    assert "Limited evidence" in report.confidence.reason.en
    assert "证据有限" in report.confidence.reason.zh
    assert report.to_dict()["confidence"]["level"] == "low"
    # not a penalty: the same page on a website nobody rates scores the same
    blog = factcheck.check_html(
        f"<html><body>{body}</body></html>", "https://xl-blog.net/1", now=now
    )
    assert blog.step("source").status is Status.UNKNOWN and blog.score == report.score


@pytest.mark.parametrize(
    ("name", "domain"),
    [("新京报", "bjnews.com.cn"), ("人民网", "people.com.cn"), ("北京大学第三医院", "puh3.net.cn")],
)
def test_newspaper_and_hospital_accounts_are_known(now, name, domain):
    html = f'<html><body><a id="js_name">{name}</a><div id="js_content"><p>通知。</p></div>'
    html += "</body></html>"
    step = _source(factcheck.check_html(html, WECHAT, now=now))
    assert step.data["user_generated"] is False and step.data["account_domain"] == domain
    assert step.status in (Status.PASS, Status.WARN) and step.score is not None


def test_an_outlets_own_sub_account_is_no_impersonation(now):
    html = '<html><body><a id="js_name">人民日报健康客户端</a><p>健康提示。</p></body></html>'
    step = _source(factcheck.check_html(html, WECHAT, now=now))
    assert "source.impersonation" not in _codes(step) and step.status is not Status.FAIL


def test_platform_subdomains_are_rated_as_the_lists_mean_it(fixture_html, now):
    """A blog on a platform is not the platform: unknown, unless a list rates that very blog."""
    html = fixture_html("source_satire.html")
    blog = _source(factcheck.check_html(html, "https://someone.blogspot.com/2020/x", now=now))
    assert blog.status is Status.UNKNOWN and blog.data["user_generated"] is True
    assert not any(f.impact < 0 for f in blog.findings)
    listed = _source(factcheck.check_html(html, "https://70news.wordpress.com/a", now=now))
    assert listed.data["listed_domain"] == "70news.wordpress.com"
    assert listed.data["rating_scope"] == "host" and "source.listed_fake" in _codes(listed)
