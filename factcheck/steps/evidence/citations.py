"""Evidence written into the text itself: references, attributed numbers, quotes.

Many health pages cite without linking: "PMID: 12345678", "a study in The Lancet",
"据《中华医学杂志》报道", a numbered References / 参考文献 list. This module finds those in
the main text (and the reference list in the tree), and tells numbers and quotes that say
where they come from from those that do not. English and Chinese; every pattern is compiled
once at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.page.model import Page
from factcheck.steps.evidence.attribution import (
    HEARSAY,
    STATISTIC,
    Quote,
    Statistic,
    attributed,
    find_quotes,
    sentence_of,
    source_snippets,
    vague_phrases,
)
from factcheck.steps.evidence.references import (
    MAX_ITEMS,
    Citation,
    ReferenceSection,
    count_markers,
    find_citations,
    find_reference_section,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# -- the whole text ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TextEvidence:
    """Everything the text itself offers as support."""

    citations: tuple[Citation, ...]
    markers: int  # distinct [1]-style reference markers (text and <sup>)
    reference_section: ReferenceSection | None
    statistics: tuple[Statistic, ...]
    quotes: tuple[Quote, ...]
    vague_appeals: tuple[str, ...]
    #: Text around phrases that give a source ("according to", "根据", "said" ...), where
    #: the institution a claim comes from is looked for.
    source_snippets: tuple[str, ...]

    @property
    def attributed_numbers(self) -> int:
        return sum(1 for s in self.statistics if s.attributed)

    @property
    def unattributed_numbers(self) -> int:
        return sum(1 for s in self.statistics if not s.attributed)


_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])|(?<=[。！？；])|\n+")
_MAX_SENTENCE = 600


def analyse_text(text: str, tree: HtmlElement | Page | None = None) -> TextEvidence:
    """Read references, numbers and quotes from ``text`` (and the reference list from ``tree``).

    Pass the :class:`Page` rather than its tree when there is one: its elements are then
    found in the walk over the tree that the page shares between the checks.
    """
    sentences = split_sentences(text)
    vague = vague_phrases(text.lower())
    hearsay = any(HEARSAY.fullmatch(phrase) for phrase in vague)
    statistics: list[Statistic] = []
    for sentence in sentences:
        low = sentence.lower()
        numbers = [m.group(0).strip() for m in STATISTIC.finditer(low)]
        if numbers:
            has_cue = attributed(sentence, low, hearsay)
            statistics.extend(Statistic(number, sentence, has_cue) for number in numbers)
        if len(statistics) >= MAX_ITEMS:
            break
    return TextEvidence(
        citations=tuple(find_citations(text)),
        markers=count_markers(text, tree),
        reference_section=find_reference_section(tree, text),
        statistics=tuple(statistics[:MAX_ITEMS]),
        quotes=tuple(find_quotes(text)),
        vague_appeals=tuple(sentence_of(sentences, phrase) for phrase in vague),
        source_snippets=tuple(source_snippets(text)),
    )


def split_sentences(text: str) -> list[str]:
    """Sentences of English or Chinese text, each cut to a readable length."""
    return [s.strip()[:_MAX_SENTENCE] for s in _SENTENCE.split(text) if s and s.strip()]
