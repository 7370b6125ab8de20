"""The share page (/reports/<id>) in real Chromium against the real server: one language at
a time (zh and en), printable, an HTML 404; and the extension's text rules (lib/text.js) read
report texts as the page's (server/share_text.py) do.
"""
# ruff: noqa: F401, F811  (pytest fixtures are imported, then taken as arguments by name)

from __future__ import annotations

import html
import re

import pytest
import requests
from extension_fixtures import (
    ARTIFACTS,
    api,
    check_tab,
    chromium,
    ext,
    extension_dir,
    packed,
    playwright,
    site,
    stored_report,
)
from extension_helpers import Extension
from test_extension_flow import DEBUNKED, QUOTED, cjk_leaks, latin_leaks

from server.share_text import hide_untranslated, link_title, quotable


def share_text(page: str) -> str:
    """The share page's own words, a line per block (technical details and the page's
    quoted sentences left out)."""
    body = re.sub(r"<head>.*?</head>|<details.*?</details>|<q .*?</q>", " ", page, flags=re.S)
    body = re.sub(r"</(?:p|li|h\d|div|section|header)>|<br>", "\n", body)
    text = re.sub(r"[ \t]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


@pytest.mark.browser
def test_share_page_in_chinese_and_english(ext: Extension, api, site) -> None:
    _, view = check_tab(ext, f"{site.url}{DEBUNKED}")
    share = view.get_attribute(".share a", "href")
    report = stored_report(api, view)
    zh_page = requests.get(f"{share}?lang=zh", timeout=10)
    assert zh_page.status_code == 200 and '<html lang="zh-CN">' in zh_page.text
    zh_text = share_text(zh_page.text)
    verdict_zh = {"reliable": "较可靠", "mixed": "可信度一般", "doubtful": "存疑"}
    assert verdict_zh.get(report["verdict"], "不可靠") in zh_text
    for raw in (report["verdict"], "fail 0", "unknown", "Checked"):
        assert f" {raw} " not in zh_text
    report_id = share.rstrip("/").rsplit("/", 1)[-1]
    assert latin_leaks(zh_text.replace("English", "").replace(report_id, "")) == []
    en_page = requests.get(f"{share}?lang=en", timeout=10)
    en_text = share_text(en_page.text)
    assert '<html lang="en">' in en_page.text and "seven steps" in en_text
    assert cjk_leaks(en_text.replace("中文", "").replace(report["title"], "")) == []
    if report.get("confidence"):
        assert f'data-confidence="{report["confidence"]["level"]}"' in zh_page.text
    browser = ext.context.new_page()
    for lang in ("zh", "en"):
        browser.goto(f"{share}?lang={lang}")
        browser.screenshot(path=str(ARTIFACTS / f"share-page-{lang}.png"), full_page=True)
    browser.emulate_media(media="print")
    browser.screenshot(path=str(ARTIFACTS / "share-page-en-print.png"), full_page=True)
    gone = requests.get(f"{api.url}/reports/expired0000?lang=zh", timeout=10)
    assert gone.status_code == 404 and gone.headers["Content-Type"].startswith("text/html")
    assert "无法打开此报告" in gone.text and "{" not in share_text(gone.text)


@pytest.mark.browser
def test_text_rules_match_the_share_page(ext: Extension) -> None:
    """lib/text.js reads report texts as server/share_text.py does (tests/test_share_text.py)."""
    page = ext.context.new_page()
    page.goto(ext.page_url("history.html"))
    page.wait_for_selector("body[data-ready=true]")
    messages = [
        "北京协和医院 是已知的医院来源（92/100）：top national hospital。",
        "洋葱新闻 是讽刺网站（satirical news site）。",
        "作者署名为：Amina Patel。",
    ]
    titles = [
        "Search who.int for this claim (Google) / 在 who.int 搜索该说法",
        "Official site / 官方网站: who.int",
        "Search World Health Organization (who.int)",
        "在世界卫生组织官网（who.int）搜索",
        "百度搜索：健康君",
        "Web search: Amina Patel",
        "Snopes",
    ]
    evidence = ["太可怕了！", "p=0.995 (model 0.995); words: “这”", "WeChat: 健康 (official: 世卫)"]
    shown = page.evaluate(
        """async ([messages, titles, evidence]) => {
            const text = await import('./lib/text.js');
            return {
                zh: messages.map((m) => text.hideUntranslated(m, 'zh')),
                titles: ['zh', 'en'].map((l) => titles.map((x) => text.pickLinkTitle(x, l))),
                quotes: evidence.map((e) => !text.isInternals(e)),
            };
        }""",
        [messages, titles, evidence],
    )
    assert shown["zh"] == [hide_untranslated(m, "zh") for m in messages]
    assert shown["zh"][0] == "北京协和医院 是已知的医院来源（92/100）。"
    assert shown["titles"] == [[link_title(t, lang) for t in titles] for lang in ("zh", "en")]
    assert shown["quotes"] == [quotable({"evidence": e, "origin": "text"}) for e in evidence]
