"""Pack the one extension source tree (extension/) for Chromium and for Firefox.

    python scripts/pack_extension.py [--out DIR]

writes ``factcheck-chromium.zip`` (``background.service_worker``, as in the source
manifest) and ``factcheck-firefox.zip`` (``background.scripts`` plus
``browser_specific_settings``) to ``extension/dist/`` by default. The zips are
reproducible: sorted entries, fixed timestamps. Packing fails if the manifest points at a
missing file or a page loads a script from outside the package (no remote code).
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "extension"
DIST = SOURCE / "dist"
GECKO_ID = "factcheck@factcheck.invalid"
# Firefox 140 (ESR): the first to read data_collection_permissions; MV3
# optional_host_permissions and storage.session came earlier (128). Android: 142.
GECKO_MIN_VERSION = "140.0"
GECKO_ANDROID_MIN_VERSION = "142.0"
# Firefox's data-consent declaration: the page (content) and its address leave the browser.
GECKO_DATA = {"required": ["websiteContent", "browsingActivity"]}
SKIP_DIRS = {"dist", "__pycache__", "node_modules"}
SKIP_SUFFIXES = {".py", ".pyc", ".md", ".zip"}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
REMOTE_SCRIPT = re.compile(r"<script[^>]+src\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE)


def source_files(source: Path = SOURCE) -> list[Path]:
    """Files shipped in both packages, relative to ``source``, sorted."""
    files = []
    for path in source.rglob("*"):
        rel = path.relative_to(source)
        if path.is_dir() or any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts):
            continue
        if path.suffix in SKIP_SUFFIXES:
            continue
        files.append(rel)
    return sorted(files)


def chromium_manifest(manifest: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(manifest)
    result.pop("browser_specific_settings", None)
    return result


def firefox_manifest(manifest: dict[str, Any]) -> dict[str, Any]:
    """Firefox MV3 runs the background as an event page: ``scripts`` instead of a worker."""
    result = copy.deepcopy(manifest)
    background = result.pop("background")
    worker = background["service_worker"]
    result["background"] = {"scripts": [worker]}
    if background.get("type"):
        result["background"]["type"] = background["type"]
    result["browser_specific_settings"] = {
        "gecko": {
            "id": GECKO_ID,
            "strict_min_version": GECKO_MIN_VERSION,
            "data_collection_permissions": GECKO_DATA,
        },
        "gecko_android": {"strict_min_version": GECKO_ANDROID_MIN_VERSION},
    }
    return result


def referenced_files(manifest: dict[str, Any]) -> set[str]:
    """Every package file the manifest names (icons, pages, background)."""
    names = set(manifest.get("icons", {}).values())
    action = manifest.get("action", {})
    names |= set(action.get("default_icon", {}).values())
    names |= {action.get("default_popup"), manifest.get("options_ui", {}).get("page")}
    background = manifest.get("background", {})
    names |= {background.get("service_worker"), *background.get("scripts", [])}
    if manifest.get("default_locale"):
        names.add(f"_locales/{manifest['default_locale']}/messages.json")
    return {name for name in names if name}


def check_package(source: Path, files: list[Path], manifest: dict[str, Any]) -> None:
    shipped = {path.as_posix() for path in files}
    missing = sorted(referenced_files(manifest) - shipped)
    if missing:
        raise SystemExit(f"manifest names files that are not in {source}: {missing}")
    for rel in files:
        if rel.suffix == ".html" and REMOTE_SCRIPT.search((source / rel).read_text("utf-8")):
            raise SystemExit(f"{rel} loads a remote script: extensions ship all their code")


def write_zip(target: Path, source: Path, files: list[Path], manifest: dict[str, Any]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = [(Path("manifest.json"), (json.dumps(manifest, indent=2) + "\n").encode())]
        entries += [
            (rel, (source / rel).read_bytes()) for rel in files if rel.name != "manifest.json"
        ]
        for rel, data in sorted(entries, key=lambda entry: entry[0].as_posix()):
            info = zipfile.ZipInfo(rel.as_posix(), ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def pack(source: Path = SOURCE, out: Path = DIST) -> dict[str, Path]:
    """Build both zips; returns ``{"chromium": path, "firefox": path}``."""
    manifest = json.loads((source / "manifest.json").read_text("utf-8"))
    files = source_files(source)
    builds = {"chromium": chromium_manifest(manifest), "firefox": firefox_manifest(manifest)}
    paths = {}
    for browser, browser_manifest in builds.items():
        check_package(source, files, browser_manifest)
        paths[browser] = out / f"factcheck-{browser}.zip"
        write_zip(paths[browser], source, files, browser_manifest)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DIST, help="output folder")
    args = parser.parse_args(argv)
    for browser, path in pack(out=args.out).items():
        print(f"{browser}: {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
