"""Step 3 (author): extraction from JSON-LD, meta, microdata, rel=author and en/zh bylines,
and the check's findings, data and look-up links."""

from __future__ import annotations

from urllib.parse import unquote_plus

import pytest

from benchmarks.common import PAGES_DIR
from factcheck import check_html, check_url
from factcheck.page.model import Page
from factcheck.report import Status
from factcheck.steps.author.extract import (
    ORGANISATION,
    PERSON,
    PLACEHOLDER,
    REVIEWER,
    classify,
    contributors,
    page_authorship,
    split_credentials,
)


def authorship(fixture_html, name: str, url: str = "https://example.org/article"):
    return page_authorship(Page.from_html(fixture_html(name), url))


def page_of(body: str, head: str = "") -> Page:
    return Page.from_html(
        f"<html><head>{head}</head><body>{body}</body></html>", "https://example.org/a"
    )


# -- extraction --------------------------------------------------------------------------


def test_wechat_author_meta_reviewer_editor_and_account(fixture_html):
    found = authorship(fixture_html, "author_wechat_zh.html", "https://mp.weixin.qq.com/s/abc")
    assert found.names == ["张卫东"]
    assert found.authors[0].origin == "wechat"  # the platform reader (meta author here)
    assert found.account == "协和健康科普"  # the account publishes; it is not the author
    reviewer = found.reviewers[0]
    assert (reviewer.name, reviewer.credentials) == ("李明", ("主任医师",))
    assert reviewer.affiliation == "北京协和医院感染内科"
    assert reviewer.medical
    assert [e.name for e in found.editors] == ["王芳"]


def test_jsonld_graph_author_list_with_id_reference(fixture_html):
    found = authorship(fixture_html, "author_news_en.html")
    assert found.names == ["Maria Garcia", "Alan Smith"]
    maria, alan = found.authors
    assert maria.profile_url == "https://news.example.com/authors/maria-garcia"  # via @id
    assert alan.credentials == ("Dr.", "MD", "MPH")
    assert alan.affiliation == "Johns Hopkins University"
    assert all(a.origin == "json-ld" and a.kind == PERSON for a in found.authors)


def test_medical_webpage_organisation_author_and_credentialed_reviewer(fixture_html):
    found = authorship(fixture_html, "author_medical_en.html")
    assert found.authors[0].name == "Example Clinic Editorial Team"
    assert found.authors[0].kind == ORGANISATION
    reviewer = found.reviewers[0]
    assert reviewer.name == "Jane Roe"
    assert reviewer.credentials == ("RN", "PhD")
    assert reviewer.affiliation == "St Mary's Hospital"


def test_chinese_bylines_reporter_correspondent_and_medical_review(fixture_html):
    found = authorship(fixture_html, "author_byline_zh.html")
    assert found.names == ["赵立新", "钱晓", "孙海燕", "周敏"]
    reviewer = found.reviewers[0]
    assert (reviewer.name, reviewer.credentials) == ("陈建国", ("副主任医师",))
    assert reviewer.affiliation == "复旦大学附属华山医院急诊科"


@pytest.mark.parametrize(
    ("fixture", "name"),
    [("author_placeholder_zh.html", "小编"), ("author_placeholder_en.html", "admin")],
)
def test_placeholder_authors_are_recognised(fixture_html, fixture, name):
    found = authorship(fixture_html, fixture)
    assert found.names == [name]
    assert found.authors[0].kind == PLACEHOLDER


def test_no_author_anywhere(fixture_html):
    found = authorship(fixture_html, "no_byline_no_date_en.html")
    assert found.authors == () and found.reviewers == ()


def test_wechat_author_meta_that_is_the_account_is_the_publisher():
    head = '<meta name="author" content="健康科普在线">'
    body = '<a id="js_name">健康科普在线</a><div id="js_content"><p>正文</p></div>'
    found = page_authorship(page_of(body, head))
    assert found.names == ["健康科普在线"]
    assert found.authors[0].kind == ORGANISATION


def test_jsonld_author_as_plain_string_is_split():
    head = (
        '<script type="application/ld+json">'
        '{"@type": "Article", "author": "Ann Lee, Bob Ray"}</script>'
    )
    assert page_authorship(page_of("<p>x</p>", head)).names == ["Ann Lee", "Bob Ray"]


def test_microdata_author_with_nested_name():
    body = (
        '<article><span itemprop="author" itemscope><a href="/staff/kim">'
        '<span itemprop="name">Kim Park</span></a></span><p>text</p></article>'
    )
    found = page_authorship(page_of(body))
    assert found.names == ["Kim Park"]
    assert found.authors[0].origin == "microdata"
    assert found.authors[0].profile_url == "/staff/kim"


def test_rel_author_link_gives_name_and_profile():
    body = '<p>By <a rel="author" href="/people/tom-wu">Tom Wu</a></p>'
    found = page_authorship(page_of(body))
    assert found.names == ["Tom Wu"]
    assert found.authors[0].profile_url == "https://example.org/people/tom-wu"


def test_visible_english_byline_with_credentials():
    found = page_authorship(page_of("<p>By Dr. Sara Cole, MD and Ben Holt</p><p>text</p>"))
    assert found.names == ["Sara Cole", "Ben Holt"]
    assert found.authors[0].credentials == ("Dr.", "MD")


@pytest.mark.parametrize(
    "html",
    [
        "<p>By Jane Roe</p><p>Written by Sam Lee, MD and Ann Fox</p>",
        "<p>Medically reviewed by Dr. Ana Diaz</p><span>Fact checked by Bo Yu</span>",
        "Standby Jane Roe<p>Edited byJohn Doe</p>by <a href=x>Kim Park</a> 2024",
        "Written Written by Abe Lin, Reviewed by Reviewed by Cy Ma",  # heads repeated
        "by Al Bo by Cy Do By Ed Fu\n\xa0By\u3000Gil Ho",  # adjacent, odd white space
        "Abridged by",  # a label at the very end
    ],
)
def test_the_byline_scan_finds_what_the_pattern_finds(html):
    """:func:`_bylines` tries the pattern only at "by"/"By": the same matches as finditer."""
    from factcheck.steps.author.sources import _EN_BYLINE, _bylines

    def spans(matches):
        return [(m.span(), m.groups()) for m in matches]

    assert spans(_bylines(html)) == spans(_EN_BYLINE.finditer(html))


@pytest.mark.skipif(not PAGES_DIR.is_dir(), reason="needs ../shared/data")
def test_the_byline_scan_finds_what_the_pattern_finds_on_real_pages():
    from benchmarks.common import bench_pages, real_pages
    from factcheck.page.bounds import without_code
    from factcheck.steps.author.sources import _EN_BYLINE, _bylines

    pages = [*real_pages(), *bench_pages()]
    found = 0
    for page in pages:
        html = without_code(page.html)
        ours = [(m.span(), m.groups()) for m in _bylines(html)]
        assert ours == [(m.span(), m.groups()) for m in _EN_BYLINE.finditer(html)], page.id
        found += len(ours)
    assert found > 100  # the pages do carry bylines


def test_site_name_in_meta_loses_to_a_person_in_json_ld():
    head = (
        '<meta name="author" content="Example Daily News">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", '
        '"name": "Lena Fox"}}</script>'
    )
    assert page_authorship(page_of("<p>x</p>", head)).names == ["Lena Fox"]


@pytest.mark.parametrize(
    ("raw", "name", "credentials", "affiliation"),
    [
        ("Dr. Jane Roe, MD, PhD", "Jane Roe", ("Dr.", "MD", "PhD"), ""),
        ("Professor Li Wei, Peking University", "Li Wei", ("Professor",), "Peking University"),
        ("王强 主治医师 四川大学华西医院", "王强", ("主治医师",), "四川大学华西医院"),
        ("刘洋 教授 博士", "刘洋", ("教授", "博士"), ""),
        ("Tom Wu, RN, MPH", "Tom Wu", ("RN", "MPH"), ""),
    ],
)
def test_split_credentials_en_and_zh(raw, name, credentials, affiliation):
    assert split_credentials(raw) == (name, credentials, affiliation)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Jane Roe", PERSON),
        ("张三", PERSON),
        ("Reuters Health", ORGANISATION),
        ("新华社", ORGANISATION),
        ("北京协和医院", ORGANISATION),
        ("staff", PLACEHOLDER),
        ("佚名", PLACEHOLDER),
        ("网络", PLACEHOLDER),
        ("admin2", PLACEHOLDER),
    ],
)
def test_classify_person_organisation_placeholder(name, kind):
    assert classify(name) == kind


def test_several_authors_split_with_roles_kept():
    found = contributors("审核专家：赵敏、钱伟", origin="byline", role=REVIEWER)
    assert [(c.name, c.role) for c in found] == [("赵敏", REVIEWER), ("钱伟", REVIEWER)]
    assert [c.name for c in contributors("By Ann Lee & Bob Ray; Cy Dunn", origin="meta")] == [
        "Ann Lee",
        "Bob Ray",
        "Cy Dunn",
    ]


def test_names_are_not_eaten_by_label_prefixes():
    assert [c.name for c in contributors("Diana Text", origin="meta")] == ["Diana Text"]
    assert [c.name for c in contributors("文静", origin="meta")] == ["文静"]


# -- the check -------------------------------------------------------------------------------


def test_news_article_passes_with_person_credentials_and_profile(fixture_html, now):
    step = check_html(
        fixture_html("author_news_en.html"), "https://news.example.com/vitamin-d", now=now
    ).step("author")
    assert step.status is Status.PASS
    assert step.data["authors"] == ["Maria Garcia", "Alan Smith"]
    assert step.data["kind"] == "person"
    assert step.data["credentials"] == ["Dr.", "MD", "MPH"]
    assert step.data["affiliation"] == "Johns Hopkins University"
    assert step.data["profile_url"] == "https://news.example.com/authors/maria-garcia"
    codes = {f.code for f in step.findings}
    assert {
        "author.named_person",
        "author.credentials",
        "author.affiliation",
        "author.profile_link",
    } <= codes
    urls = [link.url for link in step.links]
    assert any(
        u.startswith("https://pubmed.ncbi.nlm.nih.gov/?term=Alan%20Smith%5BAuthor%5D") for u in urls
    )
    assert any("google.com/search" in u and "Maria+Garcia" in u for u in urls)


def test_wechat_step_data_and_chinese_lookup_links(fixture_html, now):
    step = check_html(
        fixture_html("author_wechat_zh.html"), "https://mp.weixin.qq.com/s/abc", now=now
    ).step("author")
    assert step.status is Status.PASS
    assert step.data["authors"] == ["张卫东"]
    assert step.data["reviewer"] == "李明"
    assert step.data["account"] == "协和健康科普"
    assert "author.medical_reviewer" in {f.code for f in step.findings}
    decoded = [unquote_plus(link.url) for link in step.links]
    assert any(u.startswith("https://www.baidu.com/s?wd=李明 主任医师") for u in decoded)
    assert any("site:haodf.com 李明" in u for u in decoded)
    assert any("site:dxy.com 李明" in u for u in decoded)


def test_medical_page_reviewer_counts_and_organisation_author_is_stated(fixture_html, now):
    step = check_html(
        fixture_html("author_medical_en.html"), "https://clinic.example.org/bp", now=now
    ).step("author")
    codes = {f.code: f for f in step.findings}
    assert "author.organisation" in codes and "author.medical_reviewer" in codes
    assert step.data["kind"] == "organisation"
    assert step.data["reviewer"] == "Jane Roe"
    assert any("orcid.org" in link.url for link in step.links)  # PhD: a researcher


@pytest.mark.parametrize("fixture", ["author_placeholder_zh.html", "author_placeholder_en.html"])
def test_placeholder_author_is_a_warning_with_evidence(fixture_html, now, fixture):
    step = check_html(fixture_html(fixture), "https://blog.example.org/p", now=now).step("author")
    assert step.status is Status.WARN
    finding = next(f for f in step.findings if f.code == "author.placeholder")
    assert finding.impact < 0 and finding.evidence
    assert step.data["kind"] == "placeholder"


def test_missing_author_is_unknown_with_advice_not_a_penalty(fixture_html, now):
    step = check_html(
        fixture_html("no_byline_no_date_en.html"), "https://example.org/sleep", now=now
    ).step("author")
    assert step.status is Status.UNKNOWN
    assert step.score is None
    assert step.data["authors"] == []
    assert "byline" in step.advice.en and "署名" in step.advice.zh


def test_author_step_over_a_real_local_server(httpserver, fixture_html, now):
    httpserver.expect_request("/s/flu").respond_with_data(
        fixture_html("author_wechat_zh.html").encode(), content_type="text/html; charset=utf-8"
    )
    report = check_url(httpserver.url_for("/s/flu"), now=now, allow_loopback=True)
    assert report.step("author").data["authors"] == ["张卫东"]
    assert report.step("author").data["credentials"] == ["主任医师"]
