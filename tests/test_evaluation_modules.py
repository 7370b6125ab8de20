"""Every evaluation module still imports: `python -m evaluation` must not die half-way because a
module it reads from was rewritten (it did once: evidence.py imported a loader overall.py lost)."""

from __future__ import annotations

import importlib

import pytest

from evaluation.__main__ import MODULES


@pytest.mark.parametrize("name", MODULES)
def test_evaluation_module_imports_and_can_run(name):
    module = importlib.import_module(f"evaluation.{name}")
    assert callable(getattr(module, "run", None)), f"evaluation.{name} has no run(shared)"
