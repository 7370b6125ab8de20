"""Which script a text is written in: the one definition of "Chinese characters" every
module uses (CJK Unified Ideographs, Extension A and the compatibility block)."""

from __future__ import annotations

import re

#: The character class, for building larger patterns: ``rf"[{HAN}]{{2,4}}"``.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")


def has_han(text: str) -> bool:
    """Whether ``text`` holds at least one Chinese character."""
    return HAN_CHAR.search(text) is not None


def found_in_any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    """Whether any of ``patterns`` occurs in ``text``: what one alternation of them would say.
    A lexicon that mixes scripts is kept as one pattern per script, because beside an
    English branch that starts with ``\\b`` re tries every Chinese word at every position."""
    return any(pattern.search(text) for pattern in patterns)


def count_han(text: str) -> int:
    """How many Chinese characters ``text`` holds."""
    return len(HAN_CHAR.findall(text))
