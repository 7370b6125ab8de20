"""Sentences of a page and a fast way to find the ones a pattern matches (step 6)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

from factcheck.lang.cues import case_folded, case_sensitive

_SENTENCE_END = re.compile(r"(?<=[.!?。！？；;])\s*|\n+")

#: Whether a match in a sentence counts (e.g. it is not negated).
Keep = Callable[[str, re.Match[str]], bool]


def split_sentences(text: str) -> list[str]:
    """Sentences (and lines) of ``text``, stripped, empty ones dropped."""
    sentences = (s.strip() for s in _SENTENCE_END.split(text) if s and s.strip())
    return list(dict.fromkeys(sentences))  # the headline often repeats as the first line


@dataclass(frozen=True)
class SentenceIndex:
    """Sentences joined into one text, so a pattern is run over the whole text once
    instead of once per sentence (a page has hundreds of sentences)."""

    sentences: tuple[str, ...]

    def __init__(self, sentences: Sequence[str]) -> None:
        object.__setattr__(self, "sentences", tuple(sentences))

    @cached_property
    def joined(self) -> str:
        return "\n".join(self.sentences)

    @cached_property
    def folded(self) -> str | None:
        """:attr:`joined` lower-cased for faster search, when that is exact (see cues)."""
        return case_folded(self.joined)

    @cached_property
    def starts(self) -> list[int]:
        """Where each sentence begins in :attr:`joined`."""
        return list(accumulate((len(s) + 1 for s in self.sentences[:-1]), initial=0))

    def matching(
        self,
        pattern: re.Pattern[str],
        limit: int | None = None,
        keywords: tuple[str, ...] = (),
        keep: Keep | None = None,
    ) -> list[tuple[str, str]]:
        """``(sentence, text matched)`` for the sentences ``pattern`` finds, in order, at most
        ``limit``: exactly what searching each sentence would give, but each sentence is
        searched only when a scan of the whole text proposes it (see :meth:`_candidates`).
        With ``keep``, a sentence counts with its first match ``keep(sentence, match)``
        accepts (a negated "does not cure" is passed over)."""
        found: list[tuple[str, str]] = []
        for index in self._candidates(pattern, keywords):
            sentence = self.sentences[index]
            own = next(
                (m for m in pattern.finditer(sentence) if keep is None or keep(sentence, m)), None
            )
            if own:
                found.append((sentence, own.group(0)))
                if len(found) == limit:
                    break
        return found

    def _candidates(self, pattern: re.Pattern[str], keywords: tuple[str, ...]) -> Iterator[int]:
        """Indices of the sentences that may match, in order: every sentence with a match.

        Every match inside a sentence is also a match of the joined text (sentences are
        separated by a newline, which ends words and lines) and starts with one of the
        pattern's ``keywords`` (:class:`factcheck.cues.Cue`), when it has some. A match
        running across two sentences only proposes the first, which is then searched alone.
        """
        if keywords and self.folded is not None and case_sensitive(pattern) is not None:
            yield from self._with_keywords(keywords)
            return
        text, scan = self._scanner(pattern)
        position = 0
        while (candidate := scan.search(text, position)) is not None:
            index = self._sentence_at(candidate.start())
            yield index
            if index + 1 == len(self.sentences):
                return
            position = self.starts[index + 1]

    def _scanner(self, pattern: re.Pattern[str]) -> tuple[str, re.Pattern[str]]:
        """The text to scan and the pattern to scan it with: the fast lower-case pair when
        exact, else the joined text with ``^`` matching at every sentence start."""
        fast = case_sensitive(pattern)
        if fast is not None and self.folded is not None:
            return self.folded, fast
        return self.joined, re.compile(pattern.pattern, pattern.flags | re.MULTILINE)

    def _sentence_at(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    @cached_property
    def _keywords_sentences(self) -> dict[tuple[str, ...], list[int]]:
        """Memo of :meth:`_with_keywords` (the page's own voice, then what it refutes)."""
        return {}

    def _with_keywords(self, keywords: tuple[str, ...]) -> list[int]:
        """The sentences holding any of ``keywords``, in order; most cue words are not on a
        page, and one look (``in``) tells."""
        found = self._keywords_sentences.get(keywords)
        if found is None:
            assert self.folded is not None
            present = [w for w in keywords if w in self.folded]
            found = sorted(set().union(*map(self._sentences_with, present)))
            self._keywords_sentences[keywords] = found
        return found

    @cached_property
    def _keyword_sentences(self) -> dict[str, frozenset[int]]:
        """Memo of :meth:`_sentences_with`: cues of several categories share words (a scan
        of a long text costs ~10 us each)."""
        return {}

    def _sentences_with(self, word: str) -> frozenset[int]:
        """The sentences whose lower-cased text contains ``word``."""
        found = self._keyword_sentences.get(word)
        if found is None:
            assert self.folded is not None
            found = frozenset(self._sentence_at(at) for at in _finds(self.folded, word))
            self._keyword_sentences[word] = found
        return found


def _finds(text: str, word: str) -> Iterator[int]:
    """Every position of ``word`` in ``text``."""
    at = text.find(word)
    while at != -1:
        yield at
        at = text.find(word, at + 1)


def first_match(pattern: re.Pattern[str], text: str) -> str:
    """``pattern.search(text).group(0)`` or "", on the lower-cased text when that is exact."""
    fast, folded = case_sensitive(pattern), case_folded(text)
    if fast is not None and folded is not None:
        match = fast.search(folded)
        return text[match.start() : match.end()] if match else ""
    match = pattern.search(text)
    return match.group(0) if match else ""
