"""``factcheck serve``: the token the extension needs is printed and kept; no-token mode is
loopback-only and says so; the served app really requires the printed token."""

from __future__ import annotations

import argparse
import io
import stat
from pathlib import Path

import pytest
import requests
from extension_helpers import serve as serve_in_thread

from server import create_app
from server.cli import is_loopback, kept_token, language, serve_settings


def options(**given: object) -> argparse.Namespace:
    values = {
        "host": "127.0.0.1",
        "port": 8000,
        "no_token": False,
        "new_token": False,
        "debug": False,
        "lang": None,
    }
    values.update(given)
    return argparse.Namespace(**values)


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    return tmp_path


def test_default_prints_the_address_and_a_kept_token(data_home: Path) -> None:
    out = io.StringIO()
    settings = serve_settings(options(), {}, out, "en")
    assert settings is not None and settings["AUTH_REQUIRED"] is True
    token_file = data_home / "factcheck" / "serve-token"
    token = token_file.read_text("utf-8").strip()
    assert settings["API_TOKENS"] == [token] and len(token) >= 30
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    text = out.getvalue()
    assert "Server address: http://127.0.0.1:8000" in text
    assert f"API token:      {token}" in text
    again = serve_settings(options(), {}, io.StringIO(), "en")
    assert again is not None and again["API_TOKENS"] == [token]  # the same next time
    renewed = serve_settings(options(new_token=True), {}, io.StringIO(), "en")
    assert renewed is not None and renewed["API_TOKENS"] != [token]


def test_chinese_messages_have_no_english_sentences(data_home: Path) -> None:
    out = io.StringIO()
    serve_settings(options(), {}, out, "zh")
    assert "服务器地址：http://127.0.0.1:8000" in out.getvalue()
    assert "In the extension" not in out.getvalue()
    assert language(options(), {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert language(options(), {"LANG": "C.UTF-8"}) == "en"


def test_no_token_is_loopback_only_and_stated(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    settings = serve_settings(options(no_token=True), {}, out, "en")
    assert settings == {"DEBUG": False, "AUTH_REQUIRED": False}
    assert "only this computer can reach the server" in out.getvalue()
    assert serve_settings(options(no_token=True, host="0.0.0.0"), {}, io.StringIO(), "en") is None
    assert "loopback address only" in capsys.readouterr().err
    assert not (data_home / "factcheck" / "serve-token").exists()
    assert [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "10.0.0.1")] == [
        True,
        True,
        True,
        False,
        False,
    ]


def test_environment_tokens_win_and_are_not_printed(data_home: Path) -> None:
    out = io.StringIO()
    settings = serve_settings(options(), {"FACTCHECK_API_TOKENS": "secret-a"}, out, "en")
    assert settings == {"DEBUG": False, "AUTH_REQUIRED": True}
    assert "secret-a" not in out.getvalue()
    assert "FACTCHECK_API_TOKENS" in out.getvalue()


def test_the_served_app_accepts_the_printed_token_only(data_home: Path) -> None:
    token = kept_token(data_home / "factcheck" / "serve-token")
    settings = serve_settings(options(), {}, io.StringIO(), "en")
    assert settings is not None
    settings.update(DB_PATH=str(data_home / "db.sqlite3"), RATELIMIT_ENABLED=False)
    with serve_in_thread(create_app(settings)) as running:
        url = f"{running.url}/api/v1/history?per_page=1"
        assert requests.get(url, timeout=5).status_code == 401
        wrong = {"Authorization": "Bearer wrong"}
        assert requests.get(url, headers=wrong, timeout=5).status_code == 401
        right = {"Authorization": f"Bearer {token}"}
        assert requests.get(url, headers=right, timeout=5).status_code == 200
