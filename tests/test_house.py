"""The house rules (issue 11), checked: declared findings, no hidden resources, small files.

Dependency direction is checked by import-linter in the test command (pyproject.toml).
"""

from __future__ import annotations

import ast
import gzip
import json
from pathlib import Path

import pytest

import factcheck
from factcheck.steps import ALL_CHECKS, CAPS, RULES

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = [ROOT / "factcheck", ROOT / "server"]
PAGES_REAL = ROOT.parent / "shared" / "data" / "pages-real"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 50
SIZE_MARK = "# size:"  # a justified exception says why, at the top of the module or function


def _pages() -> list[tuple[str, bytes, str]]:
    pages = [
        (p.name, p.read_bytes(), f"https://example.org/{p.stem}")
        for p in sorted((ROOT / "tests" / "fixtures").glob("*.html"))
    ]
    if (PAGES_REAL / "truth.json").exists():
        for row in json.loads((PAGES_REAL / "truth.json").read_text("utf-8")):
            raw = gzip.decompress((PAGES_REAL / row["file"]).read_bytes())
            pages.append((row["file"], raw, row["url"]))
    return pages


@pytest.fixture(scope="module")
def reports():
    return [(name, factcheck.check_html(raw, url)) for name, raw, url in _pages()]


def test_every_finding_emitted_is_declared_with_its_points(reports):
    seen = set()
    for name, report in reports:
        for step in report.steps:
            for finding in step.findings:
                rule = RULES.get(finding.code)
                assert rule is not None, f"{name}: undeclared finding code {finding.code}"
                assert rule.step == step.id, f"{name}: {finding.code} emitted by {step.id}"
                assert rule.allows(finding.impact), f"{name}: {finding.code} {finding.impact}"
                seen.add(finding.code)
    assert len(seen) >= 20  # the pages exercise a good share of the rules


def test_each_step_declares_only_its_own_rules_and_caps_refer_to_rules():
    for check in ALL_CHECKS:
        assert all(rule.step == check.id for rule in check.rules), check.id
    assert set(CAPS) <= set(RULES)
    assert {"source.listed_fake", "source.impersonation", "factcheckers.claim_rated_false"} <= set(
        CAPS
    )


def _python_files() -> list[Path]:
    return sorted(p for package in PACKAGES for p in package.rglob("*.py"))


def test_steps_read_no_environment_and_no_loaded_singletons():
    offenders = []
    for path in sorted((ROOT / "factcheck" / "steps").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                offenders.append(f"{path.name}:{node.lineno} reads the environment")
            if isinstance(node, ast.FunctionDef) and node.name.startswith(("load", "default")):
                decorators = [ast.unparse(d) for d in node.decorator_list]
                if any("cache" in d for d in decorators):
                    offenders.append(f"{path.name}:{node.lineno} caches {node.name}()")
    assert not offenders


def test_modules_and_functions_stay_small():
    too_big = []
    for path in _python_files():
        lines = path.read_text("utf-8").splitlines()
        rel = path.relative_to(ROOT)
        if len(lines) > MAX_MODULE_LINES and not any(SIZE_MARK in line for line in lines[:20]):
            too_big.append(f"{rel}: {len(lines)} lines")
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                head = lines[node.lineno - 1 : node.lineno + 2]
                if length > MAX_FUNCTION_LINES and not any(SIZE_MARK in line for line in head):
                    too_big.append(f"{rel}:{node.lineno} {node.name}() {length} lines")
    assert not too_big, "\n".join(too_big)
