"""The one version source (pyproject reads it; the engine stamps it on every report)."""

__version__ = "0.1.0"
