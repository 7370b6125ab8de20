"""The ``factcheck`` command as a user runs it: a real process, real exit codes 0-5.

Fetches go to a local HTTP server (``--allow-loopback``); nothing touches the internet.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from factcheck.cli.exits import (
    EXIT_FETCH,
    EXIT_INTERNAL,
    EXIT_LOW_SCORE,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "wechat_miracle_cure.html"


def factcheck(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_exit_0_prints_the_checklist():
    done = factcheck("check", "--html", str(EXAMPLE), "--url", "https://mp.weixin.qq.com/s/x")
    assert done.returncode == EXIT_OK, done.stderr
    assert "1." in done.stdout and "7." in done.stdout


def test_exit_0_json_is_the_report_contract():
    done = factcheck("check", "--html", str(EXAMPLE), "--json")
    assert done.returncode == EXIT_OK, done.stderr
    report = json.loads(done.stdout)
    assert [s["number"] for s in report["steps"]] == list(range(1, 8))


def test_exit_1_when_the_knowledge_base_is_broken(tmp_path):
    broken = tmp_path / "overlay.yaml"
    broken.write_text("sources: [this is: not valid: yaml", encoding="utf-8")
    done = factcheck(
        "check", "--html", str(EXAMPLE), env={"FACTCHECK_SOURCES_OVERLAY": str(broken)}
    )
    assert done.returncode == EXIT_INTERNAL, done.stderr
    assert "overlay.yaml" in done.stderr


@pytest.mark.parametrize(
    "args",
    [(), ("check",), ("check", "https://a.example/", "--html", str(EXAMPLE)), ("nonsense",)],
)
def test_exit_2_for_usage_errors(args):
    assert factcheck(*args).returncode == EXIT_USAGE


def test_exit_2_for_an_unreadable_file(tmp_path):
    done = factcheck("check", "--html", str(tmp_path / "missing.html"))
    assert done.returncode == EXIT_USAGE
    assert "cannot read" in done.stderr


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "http://10.0.0.1/", "http://169.254.169.254/latest"]
)
def test_exit_3_for_refused_urls(url):
    done = factcheck("check", url)
    assert done.returncode == EXIT_REFUSED
    assert "refused" in done.stderr


def test_exit_3_bare_words_suggest_a_web_address():
    done = factcheck("check", "example.org/health")
    assert done.returncode == EXIT_REFUSED
    assert "https://example.org/health" in done.stderr


def test_loopback_is_refused_unless_allowed(httpserver: HTTPServer):
    httpserver.expect_request("/page").respond_with_data(
        EXAMPLE.read_text("utf-8"), content_type="text/html"
    )
    url = httpserver.url_for("/page")
    assert factcheck("check", url).returncode == EXIT_REFUSED
    assert factcheck("check", url, "--allow-loopback").returncode == EXIT_OK


def test_exit_4_when_the_page_cannot_be_fetched(httpserver: HTTPServer):
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    done = factcheck("check", httpserver.url_for("/gone"), "--allow-loopback")
    assert done.returncode == EXIT_FETCH
    assert "404" in done.stderr or "http_status" in done.stderr


def test_exit_5_when_the_score_is_below_fail_under():
    done = factcheck("check", "--html", str(EXAMPLE), "--fail-under", "101")
    assert done.returncode == EXIT_LOW_SCORE
    assert factcheck("check", "--html", str(EXAMPLE), "--fail-under", "0").returncode == EXIT_OK


def test_terminal_links_are_readable_and_in_link_title():
    from factcheck.cli.render import readable_url
    from factcheck.lang.reading import link_title

    url = "https://www.baidu.com/s?wd=site%3Awho.int+%E5%A4%A7%E8%92%9C%20x"
    assert readable_url(url) == "https://www.baidu.com/s?wd=site:who.int+大蒜%20x"
    assert readable_url("https://example.org/a%2Fb") == "https://example.org/a%2Fb"
    title = "Search who.int for this claim (Google) / 在 who.int 搜索该说法"
    assert link_title(title, "zh") == "在 who.int 搜索该说法"
    assert link_title(title, "en") == "Search who.int for this claim (Google)"
    assert link_title("PubMed", "zh") == "PubMed"
    assert link_title("Web search: Jonathan Lambert", "zh") == "网页搜索：Jonathan Lambert"
    assert link_title("Open DOI 10.1000/x", "zh") == "打开 DOI 10.1000/x"


def test_zh_checklist_has_no_english_sentences():
    done = factcheck("check", "--html", str(EXAMPLE), "--url", "https://mp.weixin.qq.com/s/x")
    assert done.returncode == EXIT_OK
    for line in done.stdout.splitlines():
        if line.startswith("    →") or line.lstrip().startswith(("-", "+")):
            assert not re.search(r"\b[a-z]{4,}\s+[a-z]{3,}\s+[a-z]{3,}\b", line), line


def test_zh_view_of_an_english_page_keeps_technical_details_apart():
    """Model numbers and the tool's own English (p=…, "sentences checked") are technical
    details: not printed unless asked for, then labelled; an English-only knowledge-base note
    is left out of the Chinese sentence."""
    page = str(ROOT / "tests" / "fixtures" / "engine_news_jsonld.html")
    url = "https://www.reuters.com/health/measles-europe-2024-03-12/"
    plain = factcheck("check", "--html", page, "--url", url, "--lang", "zh")
    assert plain.returncode == EXIT_OK, plain.stderr
    assert "p=" not in plain.stdout and "sentences checked" not in plain.stdout
    assert "技术细节" not in plain.stdout
    assert "Lin et al." not in plain.stdout and "quality" not in plain.stdout
    detailed = factcheck("check", "--details", "--html", page, "--url", url, "--lang", "zh")
    labelled = [line for line in detailed.stdout.splitlines() if "p=" in line]
    assert labelled and all("技术细节：" in line for line in labelled)
