"""Language: one detector for the page and its parts; cue lexicons per language."""

from factcheck.lang.detect import detect_language, language_of

__all__ = ["detect_language", "language_of"]
