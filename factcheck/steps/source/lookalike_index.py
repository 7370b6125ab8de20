"""Which official domains a host could resemble, found by lookups instead of a scan.

:func:`~factcheck.steps.source.impersonation.domain_lookalikes` asks every official domain of
the knowledge base (over two hundred, more as ``sources.yaml`` grows) a dozen questions about
the page's host: about 0.3 ms on each page whose host the knowledge base does not list, which
is most pages worth checking. Every question has a necessary condition that one table answers:

* a string of the domain's (an official domain, a flat form such as ``who-int``, the
  registered name ``who``) is a run of the host's labels, a prefix of the host, a prefix,
  suffix or hyphen-separated token of its registered name, or one of its long aliases is
  inside the squashed name;
* a skeleton of the domain's is the skeleton of one of the host's labels, of its name or of
  a token;
* the name is within one or two edits of the domain's registered name: two strings that far
  apart share a string that each reaches by deleting at most that many characters (SymSpell's
  deletion neighbourhoods; an adjacent swap is one deletion on each side).

:meth:`FormIndex.candidates` returns the domains that pass any of them, in the knowledge
base's order, and the questions run on those alone: the same answers, from a few domains.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

#: The shortest registered name of a domain that a name one edit, or two edits, away is taken
#: to imitate (a typo, :func:`~factcheck.steps.source.impersonation.domain_lookalikes`).
ONE_EDIT_CORE, TWO_EDIT_CORE = 3, 8


class IndexedForm(Protocol):
    """What the index reads of an official domain (``impersonation._Form``)."""

    @property
    def official(self) -> frozenset[str]: ...
    @property
    def flat(self) -> frozenset[str]: ...
    @property
    def flat_skeletons(self) -> frozenset[str]: ...
    @property
    def flat_aliases(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def core(self) -> str: ...
    @property
    def core_skeleton(self) -> str: ...


@dataclass(frozen=True, slots=True)
class HostKeys:
    """What the index looks up of a host (``impersonation._Host`` carries these)."""

    host: str
    name: str  # the registered name
    squashed: str  # the name without hyphens
    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    skeletons: frozenset[str]  # of the labels, the name and the tokens


@dataclass(frozen=True, slots=True)
class FormIndex:
    """The official domains' strings, skeletons and near names, each to the domains' order."""

    strings: dict[str, frozenset[int]]
    aliases: dict[str, frozenset[int]]
    alias_lengths: tuple[int, ...]
    skeletons: dict[str, frozenset[int]]
    near_one: dict[str, frozenset[int]]
    near_two: dict[str, frozenset[int]]
    longest_core: int

    @classmethod
    def build(cls, forms: Sequence[IndexedForm]) -> FormIndex:
        tables: dict[str, defaultdict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for i, form in enumerate(forms):
            for text in (*form.official, *form.flat, form.core):
                tables["strings"][text].add(i)
            for squashed, _ in form.flat_aliases:
                tables["aliases"][squashed].add(i)
            for skeleton in (*form.flat_skeletons, form.core_skeleton):
                tables["skeletons"][skeleton].add(i)
            if len(form.core) >= ONE_EDIT_CORE:
                for near in deletions(form.core, 1):
                    tables["near_one"][near].add(i)
            if len(form.core) >= TWO_EDIT_CORE:
                for near in deletions(form.core, 2):
                    tables["near_two"][near].add(i)
        frozen = {name: {k: frozenset(v) for k, v in t.items() if k} for name, t in tables.items()}
        return cls(
            strings=frozen["strings"],
            aliases=frozen["aliases"],
            alias_lengths=tuple(sorted({len(a) for a in frozen["aliases"]})),
            skeletons=frozen["skeletons"],
            near_one=frozen["near_one"],
            near_two=frozen["near_two"],
            longest_core=max((len(f.core) for f in forms), default=0),
        )

    def candidates(self, keys: HostKeys) -> list[int]:
        """The positions, in order, of every domain that may resemble the host."""
        found: set[int] = set()
        for table, wanted in (
            (self.strings, _strings(keys)),
            (self.aliases, _runs(keys.squashed, self.alias_lengths)),
            (self.skeletons, keys.skeletons),
            (self.near_one, _near(keys.name, 1, self.longest_core)),
            (self.near_two, _near(keys.name, 2, self.longest_core)),
        ):
            for key in wanted:
                found.update(table.get(key, ()))
        return sorted(found)


def deletions(word: str, depth: int) -> set[str]:
    """``word`` and every string it becomes with at most ``depth`` characters deleted."""
    found, edge = {word}, {word}
    for _ in range(depth):
        edge = {w[:i] + w[i + 1 :] for w in edge for i in range(len(w))}
        found |= edge
    return found


def _strings(keys: HostKeys) -> set[str]:
    """Runs of labels, prefixes of the host, prefixes, suffixes and tokens of the name."""
    labels, name = keys.labels, keys.name
    ends = range(1, len(labels) + 1)
    found = {".".join(labels[i:j]) for j in ends for i in range(j)}
    found.update(keys.host[:end] for end in range(1, len(keys.host) + 1))
    found.update(name[:end] for end in range(1, len(name) + 1))
    found.update(name[start:] for start in range(len(name)))
    found.update(keys.tokens)
    return found


def _runs(text: str, lengths: Iterable[int]) -> set[str]:
    """Every substring of ``text`` of one of ``lengths``."""
    return {text[i : i + n] for n in lengths if n <= len(text) for i in range(len(text) - n + 1)}


def _near(name: str, edits: int, longest: int) -> set[str]:
    """The name's deletion neighbourhood, when some domain's name is short enough to be
    within ``edits`` of it."""
    if len(name) > longest + edits:
        return set()
    return deletions(name, edits)
