"""Step 5 (examine the supporting evidence) on en and zh fixture pages, and its text readers."""

from __future__ import annotations

import pytest

from factcheck import check_html, check_url
from factcheck.knowledge.sources import default_sources
from factcheck.report import Status
from factcheck.steps.evidence.attribution import find_quotes, is_attributed
from factcheck.steps.evidence.citations import analyse_text
from factcheck.steps.evidence.references import find_citations

HEALTH_URL = "https://www.example-health.org/health/vitamin-d"
ZH_URL = "https://health.example.cn/a/123.html"


@pytest.fixture(scope="module")
def sources():
    return default_sources().with_overlay(
        {
            "version": "test",
            "updated": "2026-11-22",
            "sources": [{"domain": "fakehealthnews.example", "kind": "fake", "rating": 5}],
        },
        origin="test overlay",
    )


@pytest.fixture
def evidence(fixture_html, now, sources):
    def run(name: str, url: str | None):
        return check_html(fixture_html(name), url, now=now, sources=sources).step("evidence")

    return run


def codes(step) -> list[str]:
    return [f.code for f in step.findings]


def test_health_page_with_papers_and_guidance_passes(evidence):
    step = evidence("evidence_health_en.html", HEALTH_URL)
    assert step.status is Status.PASS
    assert step.data["links_scope"] == "main_text"
    # the required key: counts by kind, main-text links only (menus' social links are not evidence)
    assert step.data["links"] == {"scholarly": 3, "official": 2}
    assert "social" not in step.data["links_all"]  # follow-us profiles are widgets, not sources
    assert step.data["share_and_profile_links"] == 3
    assert step.data["same_site_links"] >= 3
    refs = {r["ref"] for r in step.data["references"]}
    assert "https://doi.org/10.1136/bmj.i6583" in refs
    assert "PMID 33798465" in refs  # written in the text, not linked
    assert "DOI 10.1016/S2213-8587(21)00051-6" in refs  # parentheses inside a DOI kept
    assert step.data["reference_section"] == {"heading": "References", "items": 3}
    assert step.data["quotes"]["named"] == 1
    assert step.data["attributed_numbers"] >= 2 and step.data["unattributed_numbers"] == 0
    assert {
        "evidence.links_scholarly",
        "evidence.links_official",
        "evidence.reference_list",
        "evidence.named_expert_quote",
    } <= set(codes(step))
    assert "evidence.no_sources" not in codes(step)


def test_diminishing_returns_within_a_kind(evidence):
    step = evidence("evidence_health_en.html", HEALTH_URL)
    scholarly = [f.impact for f in step.findings if "scholarly" in f.code]
    assert scholarly[0] > scholarly[1] > scholarly[2] > 0
    assert sum(scholarly) < 3 * scholarly[0]
    more = [f for f in step.findings if f.code == "evidence.more_scholarly"]
    assert more and more[0].impact == 0


def test_every_finding_is_explained(evidence):
    step = evidence("evidence_health_en.html", HEALTH_URL)
    for finding in step.findings:
        assert finding.code.startswith("evidence.")
        assert finding.message.en and finding.message.zh
        assert finding.evidence and finding.origin


def test_chinese_page_citing_authorities_and_journal(evidence):
    step = evidence("evidence_zh.html", ZH_URL)
    assert step.status is Status.PASS
    assert step.data["links"] == {"official": 2}
    refs = {r["ref"] for r in step.data["references"]}
    assert "《中华医学杂志》" in refs
    assert "DOI 10.3760/cma.j.cn112137-20230101-00001" in refs
    assert "国家卫健委" in refs  # named as the origin of a claim (根据国家卫健委发布的...)
    assert step.data["reference_section"]["heading"] == "参考文献"
    assert step.data["quotes"]["named"] == 1  # 主任医师张伟提醒说
    # 据中国疾控中心监测数据显示 ... 5.8%; 研究表明 ... 40%; 一项覆盖12万名老年人的研究
    assert step.data["attributed_numbers"] == 3
    assert step.data["unattributed_numbers"] == 0
    messages = " ".join(f.message.zh for f in step.findings)
    assert "官方" in messages and "期刊" in messages


def test_shop_page_with_affiliate_links_and_a_fake_site_fails(evidence):
    step = evidence("evidence_shop.html", "https://slimnews.example/mushroom")
    assert step.status is Status.FAIL
    assert step.data["links"] == {"commercial": 3, "unknown": 1}
    found = codes(step)
    assert "evidence.link_to_shop" in found
    assert "evidence.link_to_fake" in found
    assert "evidence.vague_appeal" in found  # "Studies show ...", "Experts say ..."
    bad = next(f for f in step.findings if f.code == "evidence.link_to_fake")
    assert bad.evidence == "https://fakehealthnews.example/mushroom-miracle"
    assert bad.origin == "sources.yaml"
    assert "shop" in step.advice.en.lower() or "false" in step.advice.en.lower()


def test_same_site_links_do_not_count(evidence):
    step = evidence("evidence_samesite.html", "https://sleepwell-magazine.example/tips")
    assert step.data["links"] == {}
    assert step.data["same_site_links"] == 3  # www. and blog. subdomains are the same site
    assert "evidence.no_sources" in codes(step)
    # proportionate: a warning, not a failure, for a plain tips page without sources
    assert step.status is Status.WARN


def test_same_links_count_when_the_page_is_elsewhere(evidence):
    step = evidence("evidence_samesite.html", "https://another-site.example/copy")
    assert step.data["links"] == {"unknown": 2}


def test_unattributed_percentages_cost_points(evidence):
    step = evidence("evidence_unattributed.html", "https://kitchen.example/danger")
    assert step.data["unattributed_numbers"] == 5
    assert step.data["attributed_numbers"] == 0
    finding = next(f for f in step.findings if f.code == "evidence.unattributed_numbers")
    assert finding.impact < 0
    assert finding.evidence == "78% of households use them every day without knowing the risk."
    assert step.data["examples"]["unattributed_numbers"][0].startswith("78%")
    assert step.status is Status.FAIL


def test_page_without_text_is_unknown(now, sources):
    step = check_html(
        "<html><body></body></html>", "https://x.example/", now=now, sources=sources
    ).step("evidence")
    assert step.status is Status.UNKNOWN
    assert step.score is None
    assert "text" in step.advice.en.lower()  # the reason is shown to the reader
    assert step.data["links"] == {}  # the required key is there even without text


def test_short_weibo_post_is_not_applicable(now, sources):
    html = (
        "<html><body><div class='weibo-text'><p>转发周知：喝板蓝根可以预防流感，有效率99%，家里"
        "老人孩子每天都要喝！</p></div></body></html>"
    )
    step = check_html(html, "https://weibo.com/1234567/AbCdEf", now=now, sources=sources).step(
        "evidence"
    )
    assert step.status is Status.NOT_APPLICABLE
    assert step.score is None


def test_page_fetched_from_a_local_server(httpserver, fixture_html, now, sources):
    httpserver.expect_request("/health/vitamin-d").respond_with_data(
        fixture_html("evidence_health_en.html"), content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/health/vitamin-d")
    report = check_url(url, now=now, allow_loopback=True, sources=sources)
    step = report.step("evidence")
    assert step.data["links"]["scholarly"] == 3
    assert report.to_dict()["steps"][4]["data"]["links"] == step.data["links"]


# -- text readers ---------------------------------------------------------------------------


def test_citations_found_in_text():
    text = (
        "The trial (NCT04368728) was reported in the New England Journal of Medicine, "
        "doi: 10.1056/NEJMoa2034577, PMID: 33301246, see also PMC7745181 and arXiv:2003.12345. "
        "另一项研究发表于《柳叶刀》，注册号ChiCTR2000029308。"
    )
    found = {(c.kind, c.value) for c in find_citations(text)}
    assert ("nct", "NCT04368728") in found
    assert ("doi", "10.1056/NEJMoa2034577") in found
    assert ("pmid", "33301246") in found
    assert ("pmcid", "PMC7745181") in found
    assert ("arxiv", "2003.12345") in found
    assert ("journal", "《柳叶刀》") in found
    assert ("chictr", "ChiCTR2000029308") in found
    assert any(kind == "journal" and "New England" in value for kind, value in found)


def test_book_titles_that_are_not_journals_are_ignored():
    assert find_citations("他读了《红楼梦》和《三体》。") == []


@pytest.mark.parametrize(
    ("sentence", "attributed"),
    [
        ("According to the CDC, 12% of adults smoke.", True),
        ("A study in JAMA found 30% fewer cases.", True),
        ("78% of households use them every day.", False),
        ("根据国家统计局数据，65岁以上人口占14%。", True),
        ("据新华社报道，已有3万人接种。", True),
        ("数据显示，发病率上升了20%。", True),
        ("研究表明，风险降低约40%。", True),
        ("据说喝醋能降低50%的血压。", False),  # hearsay is not attribution
        ("喝醋能降低50%的血压。", False),
    ],
)
def test_attribution(sentence, attributed):
    assert is_attributed(sentence) is attributed


def test_quotes_named_and_unnamed():
    named = find_quotes(
        '"Masks cut transmission in crowded rooms," said Dr. Ana Ruiz, a virologist.'
    )
    assert len(named) == 1 and named[0].named
    by_name = find_quotes('"We saw fewer cases this winter than last year," Jane Smith said.')
    assert by_name and by_name[0].named
    unnamed = find_quotes('"It cured my arthritis in a week," one reader told us.')
    assert unnamed and not unnamed[0].named
    zh = find_quotes("“发热超过三天一定要及时就医。”钟南山院士表示。")
    assert zh and zh[0].named
    # quotation marks without speech are titles or slogans, not quotes
    assert find_quotes('The campaign "Wash your hands for twenty seconds" ran all winter.') == []


def test_reported_speech_of_a_titled_expert():
    zh = find_quotes("北京协和医院感染内科主任医师王华教授表示，奥司他韦应在发病48小时内使用。")
    assert zh and zh[0].named and not zh[0].direct
    en = find_quotes("Dr. Ana Ruiz, a virologist at Lisbon University, said masks help indoors.")
    assert en and en[0].named
    assert find_quotes("Some people said masks help indoors.") == []


def test_reference_markers_and_text_reference_list():
    text = (
        "Vitamin C does not prevent colds [1]. It may shorten them slightly [2,3].\n"
        "参考文献\n[1] Hemilä H, et al. Cochrane Database Syst Rev. 2013.\n"
        "[2] Douglas RM. 2007; doi:10.1002/14651858.CD000980.pub3\n"
    )
    found = analyse_text(text)
    assert found.markers >= 2
    assert found.reference_section is not None
    assert found.reference_section.items == 2
    assert found.reference_section.origin == "text"


LONG_BODY = (
    "<p>Our new supplement blend was developed over many years with care and attention, and "
    "it combines twelve herbs and minerals chosen for everyday wellness and energy.</p>"
    "<p>Customers describe feeling more rested and focused after a few weeks of use, and the "
    "company plans to bring the product to more countries early next year.</p>"
)


def test_social_posts_as_only_sources_are_a_gentler_warning(now, sources):
    html = (
        f"<html><body><article><h1>Herbal blend</h1>{LONG_BODY}<p>See what people say on "
        '<a href="https://twitter.com/someone/status/1234567890123">this post</a> and '
        '<a href="https://www.prnewswire.com/news-releases/blend-301.html">the announcement'
        "</a>.</p></article></body></html>"
    )
    step = check_html(html, "https://blend.example/news", now=now, sources=sources).step("evidence")
    found = {f.code: f.impact for f in step.findings}
    assert found["evidence.only_social"] < 0
    assert "evidence.no_sources" not in found  # one warning, not two
    assert found["evidence.links_press_release"] == 0  # shown, but a press release proves nothing
    assert step.data["links"] == {"social": 1, "press_release": 1}


def test_shop_link_outside_the_article_counts_at_half_strength(now, sources):
    html = (
        f"<html><body><article><h1>Herbal blend</h1>{LONG_BODY}</article>"
        '<aside><a href="https://item.taobao.com/item.htm?id=1">Buy now</a></aside>'
        "</body></html>"
    )
    step = check_html(html, "https://blend.example/news", now=now, sources=sources).step("evidence")
    assert step.data["links_scope"] == "page"
    shop = next(f for f in step.findings if f.code == "evidence.link_to_shop")
    assert shop.impact == -3  # half of the -6 a shop link inside the text costs
    assert shop.message.en.startswith("Outside the article text")
