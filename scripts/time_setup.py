"""Time the extension README's "fresh machine to a checked page" steps that a script can do.

    python scripts/time_setup.py [--venv DIR]

1. a new virtual environment and ``pip install .`` (the staff install, no test extras);
2. ``factcheck serve`` from that environment until it answers, reading the printed token;
3. ``python scripts/pack_extension.py``;
4. Chromium with the unpacked extension, the Options page filled in as a person would
   (address, token, Save, Test connection), a page opened and checked from the popup.

Prints one line per step with its seconds. The clicks in chrome://extensions ("Developer
mode", "Load unpacked") cannot be scripted; the README adds them as measured by hand.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from extension_helpers import launch, page_site, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

PORT = 8017


def step(name: str, started: float) -> float:
    now = time.monotonic()
    print(f"{name:<46} {now - started:6.1f} s", flush=True)
    return now


def install(venv: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", str(ROOT)]
    subprocess.run(pip, check=True, stderr=subprocess.DEVNULL)


def start_server(venv: Path, home: Path) -> tuple[subprocess.Popen[str], str]:
    env = {"PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(home), "LANG": "C.UTF-8"}
    command = [str(venv / "bin" / "factcheck"), "serve", "--port", str(PORT)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    token = ""
    assert server.stdout is not None
    for line in server.stdout:
        found = re.search(r"API token:\s+(\S+)", line)
        if found:
            token = found.group(1)
            break
    while True:
        if server.poll() is not None:
            raise SystemExit(f"factcheck serve stopped (exit {server.returncode})")
        try:
            requests.get(f"http://127.0.0.1:{PORT}/api/v1/health", timeout=1)
            return server, token
        except requests.ConnectionError:
            time.sleep(0.1)


def check_in_browser(work: Path, token: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "pack_extension.py"), "--out", str(work / "dist")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    unpacked = work / "extension"
    with zipfile.ZipFile(work / "dist" / "factcheck-chromium.zip") as archive:
        archive.extractall(unpacked)
    with serve(page_site()) as site, sync_playwright() as playwright:
        ext = launch(playwright, unpacked, work / "profile")
        options = ext.context.new_page()
        options.goto(ext.page_url("options.html"))
        options.wait_for_selector("body[data-ready=true]")
        options.fill("#serverUrl", f"http://127.0.0.1:{PORT}")
        options.fill("#token", token)
        options.click("#save")
        options.click("#test")
        options.wait_for_selector("#message[data-kind=ok]", timeout=30000)
        _, tab = ext.open_tab(f"{site.url}/p/extension_zh_debunked.html")
        popup = ext.context.new_page()
        popup.goto(ext.page_url(f"popup.html?tab={tab}"))
        popup.wait_for_selector("#app[data-state=report]", timeout=60000)
        ext.context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, help="reuse this environment (skip step 1)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="factcheck-setup-"))
    start = t = time.monotonic()
    venv = args.venv or work / "venv"
    if args.venv is None:
        install(venv)
        t = step("1. venv + pip install .", t)
    server, token = start_server(venv, work / "home")
    try:
        t = step("2. factcheck serve answers (token printed)", t)
        check_in_browser(work, token)
        t = step("3+4. pack, options, test connection, check", t)
    finally:
        server.terminate()
        server.wait(timeout=10)
    step("total (scripted part)", start)


if __name__ == "__main__":
    main()
