"""``factcheck serve``: the HTTP API for one person on one machine (production: gunicorn).

Registered as a ``factcheck.commands`` entry point, so the library's CLI offers it without
importing the server.

The set-up cannot be got wrong: by default the server requires a token and prints it, with
the server address, exactly as the extension's Options page asks for them. The token is
kept in ``$XDG_DATA_HOME/factcheck/serve-token`` (mode 0600), so it stays the same from one
start to the next. ``--no-token`` runs without one, on a loopback address only, and says so.
``FACTCHECK_API_TOKENS``, when set, wins (the tokens are not printed).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import secrets
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from . import create_app
from .config import default_db_path

EXIT_USAGE = 2
TOKEN_FILE = "serve-token"
LOOPBACK_NAMES = frozenset({"localhost"})

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "head": "factcheck server: {url}",
        "paste": "In the extension, open Options and enter:",
        "address": "  Server address: {url}",
        "token": "  API token:      {token}",
        "kept": "The token is kept in {path} and stays the same next time (--new-token makes "
        'a new one). Then press "Test connection".',
        "env": "Tokens come from FACTCHECK_API_TOKENS: paste one of them into the extension.",
        "open": "No token: only this computer can reach the server ({host}). In the extension, "
        "leave the API token empty.",
        "network": "Listening on {host}: other machines can reach this server; they need "
        "the token.",
        "refused": "--no-token works on a loopback address only (127.0.0.1, ::1, localhost), "
        "not on {host}.",
    },
    "zh": {
        "head": "factcheck 服务器：{url}",
        "paste": "请在扩展程序中打开“设置”，填写：",
        "address": "  服务器地址：{url}",
        "token": "  API 令牌：  {token}",
        "kept": "令牌保存在 {path}，下次启动时不变（--new-token 会生成新令牌）。"
        "填写后请点击“测试连接”。",
        "env": "令牌来自 FACTCHECK_API_TOKENS：请把其中一个粘贴到扩展程序中。",
        "open": "无令牌模式：只有本机可以访问服务器（{host}）。请在扩展程序中把 API 令牌留空。",
        "network": "正在监听 {host}：网络中的其他机器可以访问此服务器，它们需要令牌。",
        "refused": "--no-token 只能用于本机回环地址（127.0.0.1、::1、localhost），"
        "不能用于 {host}。",
    },
}


def register(sub: Any) -> None:
    """Add ``serve`` to the ``factcheck`` command's sub-parsers."""
    serve: argparse.ArgumentParser = sub.add_parser(
        "serve", help="run the HTTP API for local use; prints the token for the extension"
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-token", action="store_true", help="no token (loopback addresses only)")
    serve.add_argument("--new-token", action="store_true", help="replace the kept token")
    serve.add_argument("--debug", action="store_true", help="Flask debug mode")
    serve.add_argument("--lang", choices=("en", "zh"), help="language of these messages")
    serve.set_defaults(handler=run)


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def token_path() -> Path:
    return default_db_path().with_name(TOKEN_FILE)


def kept_token(path: Path, renew: bool = False) -> str:
    """The token in ``path``, made (0600) when missing or when ``renew``."""
    if not renew and path.is_file():
        token = path.read_text("utf-8").strip()
        if token:
            return token
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(token + "\n")
    return token


def serve_settings(
    args: argparse.Namespace, env: Mapping[str, str], out: TextIO, lang: str
) -> dict[str, Any] | None:
    """The app settings for these options, after telling the user what to paste; None when
    the options are refused."""
    say = MESSAGES[lang]
    host = args.host
    url = f"http://{'[' + host + ']' if ':' in host else host}:{args.port}"
    if args.no_token and not is_loopback(host):
        print(say["refused"].format(host=host), file=sys.stderr)
        return None
    print(say["head"].format(url=url), file=out)
    if args.no_token:
        print(say["open"].format(host=host), file=out)
        return {"DEBUG": args.debug, "AUTH_REQUIRED": False}
    settings: dict[str, Any] = {"DEBUG": args.debug, "AUTH_REQUIRED": True}
    if env.get("FACTCHECK_API_TOKENS", "").strip():
        print(say["env"], file=out)
    else:
        path = token_path()
        token = kept_token(path, renew=args.new_token)
        settings["API_TOKENS"] = [token]
        print(say["paste"], file=out)
        print(say["address"].format(url=url), file=out)
        print(say["token"].format(token=token), file=out)
        print(say["kept"].format(path=path), file=out)
    if not is_loopback(host):
        print(say["network"].format(host=host), file=out)
    return settings


def language(args: argparse.Namespace, env: Mapping[str, str]) -> str:
    if args.lang:
        return str(args.lang)
    locale = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    return "zh" if locale.lower().startswith("zh") else "en"


def run(args: argparse.Namespace) -> int:
    settings = serve_settings(args, os.environ, sys.stdout, language(args, os.environ))
    if settings is None:
        return EXIT_USAGE
    sys.stdout.flush()
    app = create_app(settings)
    app.run(host=args.host, port=args.port, debug=args.debug, use_reloader=False, threaded=True)
    return 0
