"""The offline debunk index: tokens, ranking, similarity, the shipped file."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from factcheck.steps.factcheckers import debunks
from factcheck.steps.factcheckers.debunks import (
    DebunkIndex,
    claim_of_title,
    make_doc,
    title_terms,
    tokens,
)

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def test_chinese_is_cut_into_bigrams_and_english_into_words() -> None:
    assert list(tokens("喝热水")) == ["喝热", "热水"]
    assert list(tokens("The WHO says Garlic cures COVID")) == ["who", "garlic", "cures", "covid"]
    # full-width letters are folded, single Chinese characters and bare numbers dropped
    assert list(tokens("ＣＯＶＩＤ 19 病")) == ["covid"]
    assert list(tokens("吃5G")) == ["5g"]


def test_debunk_boilerplate_is_not_part_of_the_claim() -> None:
    assert "辟谣" not in claim_of_title("#微博辟谣# 网传深圳地震消息不实")
    assert title_terms("谣言：北京将全面取消中考？") == title_terms("北京将全面取消中考")
    assert "false" not in title_terms(
        "False claim: A COVID-19 vaccine will genetically modify humans"
    )


def _index(titles: list[str]) -> DebunkIndex:
    df: Counter[str] = Counter()
    docs = [
        make_doc(
            t,
            f"https://debunk.example/{i}",
            f"2020-01-0{i + 1}",
            "Outlet",
            "",
            document_frequency=df,
            n_docs=1,
            k=0,
        )
        for i, t in enumerate(titles)
    ]
    return DebunkIndex.from_docs(docs, version="test")


def test_search_ranks_the_debunk_of_the_claim_first() -> None:
    index = _index(
        ["喝柠檬苏打水可以预防新冠肺炎？", "北京将全面取消中考？", "吃大蒜就可以杀死幽门螺杆菌？"]
    )
    best = index.search("喝柠檬苏打水可以预防新冠肺炎！赶紧转发", limit=3)
    assert best[0].url == "https://debunk.example/0"
    assert best[0].similarity == pytest.approx(1.0)
    assert "柠檬" in best[0].matched_terms
    assert all(m.url != "https://debunk.example/1" for m in best)  # shares no term


def test_similarity_is_the_share_of_the_debunk_claim_on_the_page() -> None:
    index = _index(["喝柠檬苏打水可以预防新冠肺炎？", "北京将全面取消中考？"])
    (partial,) = index.search("柠檬苏打水很好喝", limit=1)
    assert 0.0 < partial.similarity < 0.7


def test_no_shared_term_no_match() -> None:
    assert _index(["北京将全面取消中考？"]).search("garlic cures covid") == []
    assert _index(["北京将全面取消中考？"]).search("") == []


def test_json_round_trip_keeps_results() -> None:
    index = _index(
        ["喝柠檬苏打水可以预防新冠肺炎？", "Garlic cures COVID-19", "北京将全面取消中考？"]
    )
    again = DebunkIndex.from_json(json.loads(json.dumps(index.to_json())))
    query = "Does garlic cure COVID-19? 喝柠檬苏打水"
    assert [m.to_dict() for m in again.search(query)] == [m.to_dict() for m in index.search(query)]


def test_shipped_index_finds_a_known_debunk() -> None:
    index = debunks.load_index()
    assert len(index) > 5000
    (best,) = index.search("喝柠檬苏打水可以预防新冠肺炎", limit=1)
    assert best.title == "喝柠檬苏打水可以预防新冠肺炎？"
    assert best.outlet == "百度辟谣" and best.date == "2020-04-09"
    assert best.url.startswith("https://baijiahao.baidu.com/")


def test_shipped_index_holds_no_full_texts() -> None:
    raw = json.loads(gzip.decompress((REPO / "factcheck" / debunks.INDEX_RESOURCE).read_bytes()))
    assert set(raw) == {"version", "source", "outlets", "docs", "lengths", "postings"}
    assert all(len(doc) == 5 for doc in raw["docs"])  # title, url, date, outlet, language
    assert max(len(doc[0]) for doc in raw["docs"]) <= 120


@pytest.mark.skipif(not (SHARED / "data" / "debunks-zh").is_dir(), reason="needs ../shared/data")
def test_build_script_reproduces_the_shipped_file(tmp_path: Path) -> None:
    out = tmp_path / "debunks.json.gz"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "build_debunk_index.py"),
            "--shared",
            str(SHARED),
            "--output",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (REPO / "factcheck" / debunks.INDEX_RESOURCE).read_bytes()
