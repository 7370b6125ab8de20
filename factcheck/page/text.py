"""Text helpers shared by the page modules."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def clean_text(text: object) -> str:
    """Collapse white space; ``None`` and non-strings (trafilatura passes a JSON-LD
    ``headline`` given as a list, number or object on as is) become ""."""
    return _SPACES.sub(" ", text).strip() if isinstance(text, str) else ""
