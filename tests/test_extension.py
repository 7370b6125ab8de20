"""The browser extension, driven in real headless Chromium against the real server.

The extension loaded into Chromium is the one ``scripts/pack_extension.py`` packs (the
Chromium zip, unpacked). The factcheck server (``server.create_app``) and the "web" (fixture
pages, one behind a login cookie) run on 127.0.0.1 in threads.

Headless Chromium has no toolbar to click and no context menu to open, so:
- the toolbar check opens ``popup.html?tab=<id>`` in a tab: the same page and code path the
  toolbar button opens, told which tab to check instead of asking for the active one;
- the link menu's click handler is called in the service worker with the same arguments
  Chromium passes (``factcheckBackground.onMenuClicked(info, tab)``).
Reading the page works here through the default host permission for 127.0.0.1 rather than
through activeTab (which only a real click grants); the call is the same.
"""
# ruff: noqa: F401, F811  (pytest fixtures are imported, then taken as arguments by name)

from __future__ import annotations

import json
import re
import socket
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests
from extension_fixtures import (  # the fixtures, used by name
    ARTIFACTS,
    EN,
    EXTENSION,
    TOKEN,
    VIEW_DONE,
    ZH,
    api,
    check_tab,
    chromium,
    eventually,
    ext,
    extension_dir,
    open_view,
    packed,
    playwright,
    shown_message,
    site,
    stored_report,
)
from extension_helpers import Extension, fixture_page, launch

MD_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((https?://[^\s)]+)\)")  # "[words](url)"
VERDICT_RGBA = {  # lib/check.js VERDICT_COLOURS as Chromium reports them
    "reliable": [0x1A, 0x7F, 0x37, 255],
    "mixed": [0x9A, 0x67, 0x00, 255],
    "doubtful": [0xBC, 0x4C, 0x00, 255],
    "unreliable": [0xCF, 0x22, 0x2E, 255],
    "unknown": [0x6E, 0x77, 0x81, 255],
}
STATUSES = ("pass", "warn", "fail", "unknown", "not_applicable")
VERDICTS = ("reliable", "mixed", "doubtful", "unreliable", "unknown")
ERROR_KINDS = (
    "unreachable",
    "timeout",
    "unauthorized",
    "not_configured",
    "no_permission",
    "not_analysable",
    "too_large",
    "rate_limited",
    "fetch_failed",
    "server_error",
    "bad_response",
)


# -- packing (no browser) ----------------------------------------------------------------------


def zipped_manifest(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def test_pack_builds_chromium_and_firefox_from_one_tree(packed: dict[str, Path]) -> None:
    chromium, firefox = zipped_manifest(packed["chromium"]), zipped_manifest(packed["firefox"])
    assert chromium["background"] == {"service_worker": "background.js", "type": "module"}
    assert "browser_specific_settings" not in chromium
    assert firefox["background"] == {"scripts": ["background.js"], "type": "module"}
    assert firefox["browser_specific_settings"]["gecko"]["id"]
    for manifest in (chromium, firefox):
        assert manifest["manifest_version"] == 3
        assert sorted(manifest["permissions"]) == [
            "activeTab",
            "contextMenus",
            "scripting",
            "storage",
        ]
        assert manifest["host_permissions"] == ["http://127.0.0.1/*", "http://localhost/*"]
        assert "script-src 'self'" in manifest["content_security_policy"]["extension_pages"]
    with zipfile.ZipFile(packed["chromium"]) as a, zipfile.ZipFile(packed["firefox"]) as b:
        assert a.namelist() == b.namelist()
        assert not [name for name in a.namelist() if name.endswith((".py", ".zip"))]


def test_no_remote_code_and_no_markup_injection_in_sources() -> None:
    scripts = {p: p.read_text("utf-8") for p in EXTENSION.rglob("*.js") if "dist" not in p.parts}
    assert scripts
    for path, text in scripts.items():
        for banned in (
            "innerHTML",
            "outerHTML =",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
        ):
            assert banned not in text, f"{path.name} uses {banned}"
        assert not re.search(r"\bimport\s*\(?\s*[\"']https?:", text), (
            f"{path.name} imports remote code"
        )
    for page in EXTENSION.glob("*.html"):
        html = page.read_text("utf-8")
        assert re.findall(r"<script[^>]*src=\"([^\"]+)\"", html) in (
            [],
            ["view.js"],
            ["options.js"],
            ["history.js"],
        )
        assert "<script>" not in html  # no inline code (the CSP forbids it anyway)


def test_every_message_exists_in_english_and_chinese() -> None:
    assert EN.keys() == ZH.keys()
    assert EN["menuCheckLink"] == "Check this link" and ZH["menuCheckLink"] == "核查此链接"
    used = set()
    for path in [*EXTENSION.rglob("*.js"), *EXTENSION.glob("*.html"), EXTENSION / "manifest.json"]:
        text = path.read_text("utf-8")
        used |= set(re.findall(r"\bt\(\"(\w+)\"", text))
        used |= set(re.findall(r"data-i18n(?:-placeholder)?=\"(\w+)\"", text))
        used |= set(re.findall(r"__MSG_(\w+)__", text))
    used |= {f"status_{s}" for s in STATUSES} | {f"verdict_{v}" for v in VERDICTS}
    used |= {f"error_{k}_{part}" for k in ERROR_KINDS for part in ("title", "help")}
    used |= {f"confidence_{level}" for level in ("low", "medium", "high")}
    used |= {f"replyVerdict_{v}" for v in VERDICTS}
    compose = (EXTENSION / "lib" / "compose.js").read_text("utf-8")
    used |= {f"authority_{key}" for key in re.findall(r'": "(\w+)",\n', compose)}
    assert "authority_nhc" in used and "authority_who" in used
    assert not used - EN.keys()
    for key in used:
        assert EN[key].strip() and ZH[key].strip(), key


# -- the browser ---------------------------------------------------------------------------


def rendered_steps(view) -> list[dict[str, Any]]:
    return view.eval_on_selector_all(
        ".step",
        """items => items.map(li => ({
            id: li.dataset.step,
            status: li.dataset.status,
            open: li.querySelector('details').open,
            label: li.querySelector('.step-status').textContent,
            score: li.querySelector('.step-score').textContent,
            reason: li.querySelector('.step-reason').textContent,
            text: li.textContent,
            evidence: [...li.querySelectorAll('.evidence, .evidence-raw')].map(q => q.textContent),
            hrefs: [...li.querySelectorAll('a')].map(a => a.getAttribute('href')),
        }))""",
    )


def web_links(step: dict[str, Any]) -> list[str]:
    links = [link["url"] for link in step["links"]]
    if step["id"] == "factcheckers":
        links = [m["url"] for m in step["data"].get("debunk_matches", [])] + links
    return [url for url in links if url.startswith(("http:", "https:"))]


def assert_steps_match(view, report: dict[str, Any], words: dict[str, str], lang: str) -> None:
    steps = rendered_steps(view)
    assert len(steps) == 7
    assert [s["id"] for s in steps] == [s["id"] for s in report["steps"]]
    for shown, step in zip(steps, report["steps"], strict=True):
        assert shown["status"] == step["status"]
        assert not shown["open"]  # folded by default, the reason line visible
        assert shown["reason"].strip()
        assert shown["label"] == words[f"status_{step['status']}"]
        expected_score = "—" if step["score"] is None else f"{step['score']}/100"
        assert shown["score"] == expected_score
        assert step["title"][lang] in shown["text"]
        for finding in step["findings"]:
            assert shown_message(finding["message"][lang], lang) in shown["text"]
            if finding["evidence"]:
                raw, plain = finding["evidence"], MD_LINK.sub(r"\1", finding["evidence"])
                shown_evidence = " ".join(shown["evidence"])
                assert raw[:400] in shown_evidence or plain[:400] in shown_evidence
        assert set(shown["hrefs"]) <= set(web_links(step))
    hrefs = view.eval_on_selector_all("#app a", "links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) == len(set(hrefs))  # each link once
    every = {url for step in report["steps"] for url in web_links(step)}
    assert every <= set(hrefs)  # and none lost


@pytest.mark.browser
def test_toolbar_check_sends_the_page_the_user_sees(ext: Extension, api, site) -> None:
    url = f"{site.url}/members/briefing"
    assert "Sign in to continue" in requests.get(url, timeout=5).text  # what a server would see

    page, tab_id = ext.open_tab(url)
    view = open_view(ext, f"popup.html?tab={tab_id}")

    assert view.get_attribute("#app", "data-state") == "report"
    report = stored_report(api, view)
    assert report["retrieval"] == "provided_html"
    assert report["url"] == url
    assert report["title"] == "Members' briefing: measles vaccination and the current outbreak"
    assert view.text_content(".page-title") == report["title"]
    assert view.text_content(".retrieval") == EN["retrievalProvided"]
    score = "–" if report["score"] is None else str(report["score"])
    assert view.text_content(".score-number") == score
    assert view.get_attribute(".score", "data-verdict") == report["verdict"]
    assert view.text_content(".verdict-label") == EN[f"verdict_{report['verdict']}"]
    assert view.text_content(".summary") == shown_message(report["summary"]["en"], "en")
    assert_steps_match(view, report, EN, "en")

    share = view.get_attribute(".share a", "href")
    assert share.startswith(f"{api.url}/reports/")
    assert requests.get(share, timeout=5).status_code == 200  # shareable without a token

    badge = ext.call(
        """async (tabId) => [await chrome.action.getBadgeText({tabId}),
                             await chrome.action.getBadgeBackgroundColor({tabId})]""",
        tab_id,
    )
    assert badge == [score if report["score"] is not None else "?", VERDICT_RGBA[report["verdict"]]]

    ARTIFACTS.mkdir(exist_ok=True)
    view.screenshot(path=str(ARTIFACTS / "popup-en.png"), full_page=True)

    page.reload()  # a new page in the tab: the old verdict no longer applies
    assert (
        eventually(lambda: ext.call("(tabId) => chrome.action.getBadgeText({tabId})", tab_id)) == ""
    )


@pytest.mark.browser
def test_link_context_menu_opens_the_report_for_the_link(ext: Extension, api, site) -> None:
    page, tab_id = ext.open_tab(f"{site.url}/p/extension_links.html")
    link = page.eval_on_selector("#rumour", "a => a.href")
    title = ext.call(
        """async () => {
            const id = factcheckBackground.MENU_ID;
            await chrome.contextMenus.update(id, {});  // rejects if the item does not exist
            return chrome.i18n.getMessage('menuCheckLink');
        }"""
    )
    assert title == "Check this link"

    with ext.context.expect_page() as opened:
        ext.call(
            """async ([linkUrl, tabId]) => {
                const tab = await chrome.tabs.get(tabId);
                await factcheckBackground.onMenuClicked(
                    {menuItemId: factcheckBackground.MENU_ID, linkUrl, pageUrl: tab.url}, tab);
            }""",
            [link, tab_id],
        )
    view = opened.value
    view.wait_for_selector(VIEW_DONE, timeout=60000)
    assert view.url.startswith(ext.page_url("report.html?url="))
    assert view.get_attribute("#app", "data-state") == "report"
    report = stored_report(api, view)
    assert report["retrieval"] == "fetched"  # the server fetched the link itself
    assert report["url"] == link
    assert view.text_content(".retrieval") == EN["retrievalFetched"]
    assert view.text_content(".page-title") == fixture_title("extension_rumour.html")
    assert_steps_match(view, report, EN, "en")
    view.screenshot(path=str(ARTIFACTS / "report-page-en.png"), full_page=True)

    pages = len(ext.context.pages)
    script_link = page.eval_on_selector("#script-link", "a => a.href")
    opened_tab = ext.call(
        """(linkUrl) => factcheckBackground.onMenuClicked(
            {menuItemId: factcheckBackground.MENU_ID, linkUrl}, null)""",
        script_link,
    )
    assert opened_tab is None and len(ext.context.pages) == pages


@pytest.mark.browser
def test_loading_state_is_shown_while_the_server_works(ext: Extension, site) -> None:
    link = f"{site.url}/slow/extension_rumour.html"
    view = ext.context.new_page()
    view.goto(ext.page_url(f"report.html?url={quote(link, safe='')}"))
    view.wait_for_selector("#app[data-state=loading]")
    assert view.text_content("#app h1") == EN["loading"]
    assert view.get_attribute(".state.loading", "role") == "status"
    view.wait_for_selector("#app[data-state=report]", timeout=60000)
    assert view.text_content(".page-title") == fixture_title("extension_rumour.html")


def fixture_title(name: str) -> str:
    import html

    found = re.search(r"<title>(.*?)</title>", fixture_page(name), re.S)
    assert found
    return html.unescape(found.group(1).strip())


@pytest.mark.browser
def test_options_are_validated_saved_and_used(ext: Extension, api, site) -> None:
    options = ext.context.new_page()
    options.goto(ext.page_url("options.html"))
    options.wait_for_selector("body[data-ready=true]")
    assert options.input_value("#serverUrl") == api.url
    assert options.get_attribute("#token", "type") == "password"

    options.fill("#serverUrl", "ftp://factcheck.example.org")
    options.click("#save")
    options.wait_for_selector("#message[data-kind=error]")
    assert options.text_content("#message") == EN["invalidUrl"]
    assert options.get_attribute("#serverUrl", "aria-invalid") == "true"
    assert ext.call("() => chrome.storage.local.get('serverUrl')") == {"serverUrl": api.url}

    options.fill("#serverUrl", f" {api.url}/ ")
    options.fill("#token", TOKEN)
    options.select_option("#language", "zh")
    options.click("#save")
    options.wait_for_selector("#message[data-kind=ok]")
    assert options.text_content("#message") == ZH["saved"]  # the page follows the new language
    stored = ext.call("() => chrome.storage.local.get(['serverUrl', 'token', 'language'])")
    assert stored == {"serverUrl": api.url, "token": TOKEN, "language": "zh"}
    assert ext.call("() => chrome.storage.sync.get(null)") == {}  # the token is never synced

    options.click("#test")
    options.locator("#message", has_text="sqlite").wait_for()
    health = requests.get(f"{api.url}/api/v1/health", timeout=5).json()
    assert options.text_content("#message") == ZH["connectionOk"].format(
        health["version"], health["schema_version"], health["storage"]
    )

    _, view = check_tab(ext, f"{site.url}/p/extension_zh_article.html")
    report = stored_report(api, view)
    assert view.text_content(".steps h2") == ZH["stepsHeading"]
    assert view.text_content(".summary") == shown_message(report["summary"]["zh"], "zh")
    assert view.text_content("#recheck") == ZH["recheck"]
    options.screenshot(path=str(ARTIFACTS / "options-zh.png"), full_page=True)
    assert_steps_match(view, report, ZH, "zh")
    ARTIFACTS.mkdir(exist_ok=True)
    view.screenshot(path=str(ARTIFACTS / "popup-zh.png"), full_page=True)

    options.fill("#token", "not-the-token")
    options.click("#save")
    options.wait_for_selector("#message[data-kind=ok]")
    _, view = check_tab(ext, f"{site.url}/p/extension_zh_article.html")
    assert view.get_attribute("#app", "data-state") == "error"
    assert view.get_attribute(".state", "data-error") == "unauthorized"
    assert view.text_content(".state h1") == ZH["error_unauthorized_title"]
    assert "The API token is not valid." in view.text_content(".detail")  # the server's words
    assert view.is_visible(f"button:text('{ZH['openOptions']}')")
    view.screenshot(path=str(ARTIFACTS / "popup-zh-token-rejected.png"), full_page=True)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.browser
def test_server_unreachable_is_explained(ext: Extension, site) -> None:
    nowhere = f"http://127.0.0.1:{closed_port()}"
    ext.set_options(serverUrl=nowhere)
    _, view = check_tab(ext, f"{site.url}/p/extension_rumour.html")
    assert view.get_attribute(".state", "data-error") == "unreachable"
    assert view.text_content(".state h1") == EN["error_unreachable_title"]
    assert view.text_content(".help") == EN["error_unreachable_help"].format(nowhere)
    assert view.is_visible("button:text('Options')") and view.is_visible("button:text('Try again')")
    view.screenshot(path=str(ARTIFACTS / "popup-en-unreachable.png"), full_page=True)


@pytest.mark.browser
def test_server_error_is_shown_with_the_servers_message(ext: Extension, site) -> None:
    # The tab shows Chromium's error page for a dead address: the extension cannot read it,
    # so it asks the server to fetch the address, and the server answers 502.
    dead = f"http://127.0.0.1:{closed_port()}/gone"
    _, view = check_tab(ext, dead)
    assert view.get_attribute(".state", "data-error") == "fetch_failed"
    assert view.text_content(".state h1") == EN["error_fetch_failed_title"]
    detail = view.text_content(".detail")
    assert detail.startswith("Server message: ") and len(detail) > len("Server message: ")
    assert "502" in view.text_content(".state .muted")


@pytest.mark.browser
def test_tab_without_a_web_page_is_not_analysable(ext: Extension) -> None:
    _, view = check_tab(ext, "about:blank")
    assert view.get_attribute(".state", "data-error") == "not_analysable"
    assert view.text_content(".state h1") == EN["error_not_analysable_title"]


@pytest.mark.browser
def test_page_markup_in_a_report_is_shown_as_text(ext: Extension, api, site) -> None:
    _, view = check_tab(ext, f"{site.url}/p/extension_xss.html")
    report = stored_report(api, view)
    assert report["title"] == fixture_title("extension_xss.html")  # <title> and <h1> agree
    assert report["title"].startswith("<img src=x onerror=")
    assert view.text_content(".page-title") == report["title"]  # literally, tags and all
    assert (
        view.eval_on_selector_all("#app img, #app script, #app b, #app iframe", "n => n.length")
        == 0
    )
    assert view.evaluate("window.__pwned") is None
    assert view.title() != "pwned"
    assert_steps_match(view, report, EN, "en")

    # The renderer keeps only http(s) links, whatever the report says.
    hrefs = view.evaluate(
        """async () => {
            const {renderReport} = await import('./lib/report.js');
            const box = document.createElement('div');
            const step = {id: 'source', number: 1, title: {en: 'S'}, status: 'fail', score: 0,
                findings: [{code: 'x', impact: -5, message: {en: '<i>m</i>'},
                            evidence: '<svg onload=1>'}],
                advice: {en: 'a'}, links: [{title: 'bad', url: 'javascript:alert(1)'},
                                           {title: 'data', url: 'data:text/html,<b>x</b>'},
                                           {title: 'good', url: 'https://example.org/a'}]};
            renderReport(box, {share_url: 'javascript:alert(2)', report: {
                verdict: 'unreliable', score: 3, title: '<b>t</b>', steps: [step]}});
            return {hrefs: [...box.querySelectorAll('a')].map(a => a.href),
                    elements: box.querySelectorAll('i, svg, b').length,
                    text: box.textContent};
        }"""
    )
    assert hrefs["hrefs"] == ["https://example.org/a"]
    assert hrefs["elements"] == 0
    assert "<svg onload=1>" in hrefs["text"] and "<i>m</i>" in hrefs["text"]


@pytest.mark.browser
def test_language_follows_the_browser_by_default(
    playwright, extension_dir: Path, tmp_path_factory: pytest.TempPathFactory, api, site
) -> None:
    profile = tmp_path_factory.mktemp("zh-profile")
    ext = launch(playwright, extension_dir, profile, "--lang=zh-CN")
    try:
        ext.set_options(serverUrl=api.url, token=TOKEN, language="auto")
        assert ext.call("() => chrome.i18n.getMessage('menuCheckLink')") == "核查此链接"
        _, view = check_tab(ext, f"{site.url}/p/extension_rumour.html")
        report = stored_report(api, view)
        assert view.text_content(".steps h2") == ZH["stepsHeading"]
        assert view.text_content(".summary") == shown_message(report["summary"]["zh"], "zh")
        assert_steps_match(view, report, ZH, "zh")
    finally:
        ext.context.close()
