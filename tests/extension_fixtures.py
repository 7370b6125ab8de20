"""Fixtures shared by the extension test modules: the packed extension, the real server and
the "web" on 127.0.0.1, and Chromium with the extension loaded (see test_extension.py)."""

from __future__ import annotations

import importlib.util
import json
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
import requests
from extension_helpers import CHROMIUM, MEMBER_COOKIE, Extension, launch, page_site, serve

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = ROOT / "extension"
ARTIFACTS = ROOT / "test-artifacts"
TOKEN = "extension-test-token"
VIEW_DONE = "#app[data-state=report], #app[data-state=error]"


def messages(locale: str) -> dict[str, str]:
    path = EXTENSION / "_locales" / locale / "messages.json"
    return {key: value["message"] for key, value in json.loads(path.read_text("utf-8")).items()}


EN, ZH = messages("en"), messages("zh_CN")
_ENGLISH_PROSE = re.compile(r"\b[a-z]{3,}\b")  # a lowercase word: prose, not a name
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def shown_message(text: str, lang: str) -> str:
    """A report text as lib/text.js shows it: markdown links as their text, and in Chinese
    the clauses the knowledge base has only in English left out."""
    text = re.sub(r"\[([^\]\n]{1,300})\]\((https?://[^\s)]{1,2000})\)", r"\1", text)
    if lang != "zh":
        return text

    def drop(match: re.Match[str]) -> str:
        clause = match.group(1)
        english = _ENGLISH_PROSE.search(clause) and not _CJK.search(clause)
        return "" if english and "http" not in clause else match.group(0)

    text = re.sub(r"：([^：。\n]*)(?=。)", drop, text)
    return re.sub(r"（([^（）\n]*)）", drop, text)


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    spec = importlib.util.spec_from_file_location(
        "pack_extension", ROOT / "scripts" / "pack_extension.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result: dict[str, Path] = module.pack(out=tmp_path_factory.mktemp("dist"))
    return result


@pytest.fixture(scope="module")
def extension_dir(packed: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("chromium-extension")
    with zipfile.ZipFile(packed["chromium"]) as archive:
        archive.extractall(target)
    return target


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory):
    from server import create_app

    app = create_app(
        {
            "API_TOKENS": [TOKEN],
            "AUTH_REQUIRED": True,
            "ALLOW_LOOPBACK_FETCH": True,  # the test "web" is on 127.0.0.1
            "DB_PATH": str(tmp_path_factory.mktemp("server") / "factcheck.sqlite3"),
            "RATELIMIT_ENABLED": False,
            "JSON_LOGS": False,
        }
    )
    with serve(app) as running:
        yield running


@pytest.fixture(scope="module")
def site():
    with serve(page_site()) as running:
        yield running


@pytest.fixture(scope="module")
def playwright():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="module")
def chromium(playwright, extension_dir: Path, tmp_path_factory: pytest.TempPathFactory, site):
    ext = launch(playwright, extension_dir, tmp_path_factory.mktemp("profile"))
    name, value = MEMBER_COOKIE
    ext.context.add_cookies([{"name": name, "value": value, "url": site.url}])
    try:
        yield ext
    finally:
        ext.context.close()


@pytest.fixture
def ext(chromium: Extension, api) -> Extension:
    """The extension set up as a user would have it: our server, the right token, English."""
    chromium.set_options(serverUrl=api.url, token=TOKEN, language="en")
    yield chromium
    for page in chromium.context.pages[1:]:
        page.close()


def open_view(ext: Extension, path: str, viewport: dict[str, int] | None = None):
    """Open an extension page and wait until it shows a report or an error."""
    page = ext.context.new_page()
    if viewport:
        page.set_viewport_size(viewport)
    page.goto(ext.page_url(path))
    page.wait_for_selector(VIEW_DONE, timeout=60000)
    return page


def check_tab(ext: Extension, url: str, viewport: dict[str, int] | None = None):
    """What the toolbar button does for the tab showing ``url``: returns (tab id, popup)."""
    _, tab_id = ext.open_tab(url)
    return tab_id, open_view(ext, f"popup.html?tab={tab_id}", viewport)


def stored_report(api, view) -> dict[str, Any]:
    """The report the server stored for the check the view shows (via its share link)."""
    share = view.get_attribute(".share a", "href")
    report_id = share.rstrip("/").rsplit("/", 1)[-1]
    answer = requests.get(
        f"{api.url}/api/v1/reports/{report_id}",
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=10,
    )
    answer.raise_for_status()
    report: dict[str, Any] = answer.json()["report"]
    return report


def eventually(read: Any, expected: Any = "", seconds: float = 5.0) -> Any:
    """Poll ``read()`` until it returns ``expected`` (browser events land asynchronously)."""
    deadline = time.monotonic() + seconds
    value = read()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        value = read()
    return value
