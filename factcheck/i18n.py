"""Bilingual text: every sentence a user reads exists in English and Simplified Chinese."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LocalText:
    """A sentence in English and Simplified Chinese."""

    en: str
    zh: str

    def to_dict(self) -> dict[str, str]:
        return {"en": self.en, "zh": self.zh}

    def get(self, lang: str) -> str:
        """The text in ``lang`` ("zh" or anything else for English)."""
        return self.zh if lang.startswith("zh") else self.en

    def format(self, **values: object) -> LocalText:
        """Fill ``{name}`` placeholders in both languages."""
        return LocalText(self.en.format(**values), self.zh.format(**values))


def T(en: str, zh: str) -> LocalText:
    """Shorthand for :class:`LocalText`."""
    return LocalText(en, zh)
