"""The share page's reading rules (server/share_text.py), the same as the extension's
(extension/lib/text.js, checked in Chromium by test_extension_flow.py)."""

from __future__ import annotations

from server.share_text import (
    choose_language,
    confidence_level,
    hide_untranslated,
    link_title,
    quotable,
    rich,
    step_links,
)


def test_chinese_view_drops_english_only_knowledge_base_clauses() -> None:
    message = "北京协和医院 是已知的医院来源（92/100）：top national hospital。"
    assert hide_untranslated(message, "zh") == "北京协和医院 是已知的医院来源（92/100）。"
    assert hide_untranslated("洋葱新闻 是讽刺网站（satirical news site）。", "zh") == (
        "洋葱新闻 是讽刺网站。"
    )
    named = "作者署名为：Amina Patel。"  # a name is not English prose: kept
    assert hide_untranslated(named, "zh") == named
    assert hide_untranslated("x: top national hospital.", "en") == "x: top national hospital."


def test_link_titles_in_one_language() -> None:
    both = "Search who.int for this claim (Google) / 在 who.int 搜索该说法"
    assert link_title(both, "zh") == "在 who.int 搜索该说法"
    assert link_title(both, "en") == "Search who.int for this claim (Google)"
    official = "Official site / 官方网站: who.int"
    assert (link_title(official, "en"), link_title(official, "zh")) == (
        "Official site: who.int",
        "官方网站: who.int",
    )
    assert link_title("Search World Health Organization (who.int)", "zh") == "在 who.int 搜索"
    assert link_title("在世界卫生组织官网（who.int）搜索", "en") == "Search who.int"
    assert link_title("百度搜索：健康君", "en") == "Baidu search: 健康君"
    assert link_title({"en": "Snopes", "zh": "Snopes 网站"}, "zh") == "Snopes 网站"


def test_markdown_links_become_links_and_text_is_escaped() -> None:
    text = {"en": "See [the debunk](https://a.org/x?a=1&b=2) <b>now</b>", "zh": "见"}
    html = str(rich(text, "en"))
    assert '<a href="https://a.org/x?a=1&amp;b=2" rel="noopener noreferrer">the debunk</a>' in html
    assert "&lt;b&gt;now&lt;/b&gt;" in html
    assert "<a" not in str(rich({"en": "[x](javascript:alert(1))"}, "en"))


def test_model_internals_are_not_quoted_from_the_page() -> None:
    assert quotable({"evidence": "太可怕了！", "origin": "text"})
    assert not quotable({"evidence": "p=0.995 (model 0.995); words: “这”", "origin": "text"})
    assert not quotable({"evidence": 'var ct = "1589212800"', "origin": "script"})
    assert not quotable(
        {"evidence": "WeChat: 世卫组织健康 (official: 世卫组织)", "origin": "account"}
    )


MATCH = {"title": "喝柠檬水？", "url": "https://d.cn/1", "outlet": "百度辟谣"}


def test_links_once_debunks_first() -> None:
    seen: set[str] = set()
    step = {
        "id": "factcheckers",
        "data": {
            "debunk_matches": [
                {"title": "喝柠檬水？", "url": "https://d.cn/1", "outlet": "百度辟谣"}
            ]
        },
        "links": [{"title": "a", "url": "https://x.org/"}, {"title": "b", "url": "javascript:1"}],
    }
    links = step_links(step, "zh", seen)
    assert links == [
        {"title": "辟谣：“喝柠檬水？”（百度辟谣）", "url": "https://d.cn/1"},
        {"title": "a", "url": "https://x.org/"},
    ]
    assert (
        step_links({"id": "source", "links": [{"title": "a", "url": "https://x.org/"}]}, "zh", seen)
        == []
    )


def test_language_and_confidence_choices() -> None:
    assert choose_language("en", "zh", "zh") == "en"
    assert choose_language(None, "zh", "en") == "zh"
    assert choose_language("fr", None, "zh") == "zh"
    assert [confidence_level(v) for v in ({"level": "low"}, 0.8, 55, "x", None, True)] == [
        "low",
        "high",
        "medium",
        None,
        None,
        None,
    ]
