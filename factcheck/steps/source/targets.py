"""What is worth impersonating (institutions, curated authority domains) and what a
lookalike of it is: shared by the domain and account checks of :mod:`.impersonation`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from factcheck.i18n import LocalText
from factcheck.knowledge.sources import AUTHORITY_KINDS, SourceDB, alias_position


@dataclass(frozen=True, slots=True)
class Target:
    """Something worth impersonating: an institution or a curated authority domain."""

    key: str
    name: LocalText
    domain: str
    official: tuple[str, ...]  # every domain that really is this body
    aliases: tuple[str, ...]
    institution: bool = True  # an institution people cite (strong checks) or a curated entry


@dataclass(frozen=True, slots=True)
class Lookalike:
    """One resemblance between the page's domain or account and an official one."""

    target: Target
    technique: str  # subdomain / spelled_out / homoglyph / typo / other_tld / added_words / ...
    evidence: str
    strong: bool  # fires on its own; weak ones need the page to name the institution

    @property
    def official_domain(self) -> str:
        return self.target.domain


TECHNIQUE_TEXT = {
    "subdomain": (
        "the official domain is used as a sub-domain of another site",
        "把官方域名用作其他网站的子域名",
    ),
    "spelled_out": ("the official domain is written into another domain", "把官方域名嵌入其他域名"),
    "homoglyph": (
        "look-alike characters (0 for o, 1 for l, Cyrillic letters ...)",
        "使用形近字符（如 0 冒充 o、西里尔字母）",
    ),
    "typo": ("a one-letter change of the official name", "与官方名称仅差一个字母"),
    "other_tld": ("the official name under another ending", "官方名称换了后缀"),
    "added_words": ("the official name with added words", "在官方名称上添加了词语"),
    "name_in_domain": (
        "the institution's full name in an unofficial domain",
        "非官方域名中含有机构全称",
    ),
    "site_name": ("the page calls itself by the institution's name", "网页自称是该机构"),
    "account_name": ("an account named like the official one", "账号名称模仿官方账号"),
    "account_homoglyph": ("an account name with look-alike characters", "账号名称使用形近字符"),
}


_CACHE: dict[tuple[int, str], tuple[SourceDB, Any]] = {}


def _per_db(db: SourceDB, name: str, build: Callable[[SourceDB], Any]) -> Any:
    """``build(db)`` once per knowledge base (keyed by identity; the DB is immutable)."""
    cached = _CACHE.get((id(db), name))
    if cached is None or cached[0] is not db:
        if len(_CACHE) > 16:
            _CACHE.clear()
        cached = _CACHE[(id(db), name)] = (db, build(db))
    return cached[1]


def targets(db: SourceDB) -> tuple[Target, ...]:
    """Institutions first, then curated authority domains not already covered (cached per DB)."""
    result: tuple[Target, ...] = _per_db(db, "targets", _build_targets)
    return result


def _build_targets(db: SourceDB) -> tuple[Target, ...]:
    out = [Target(i.key, i.name, i.domain, i.official_domains, i.aliases) for i in db.institutions]
    covered = {d for t in out for d in t.official}
    curated = getattr(db.entries, "curated", db.entries)
    for entry in curated.values():
        if entry.kind in AUTHORITY_KINDS and entry.domain not in covered:
            aliases = tuple({entry.name.en, entry.name.zh} - {entry.domain})
            target = Target(entry.domain, entry.name, entry.domain, (entry.domain,), aliases, False)
            out.append(target)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _NameIndex:
    """Every target's names (aliases and English name), to the position of the first target
    with that name. Acronyms (all capitals) match exactly, other names ignore case."""

    exact: dict[str, int]
    folded: dict[str, int]

    @classmethod
    def build(cls, db: SourceDB) -> _NameIndex:
        exact: dict[str, int] = {}
        folded: dict[str, int] = {}
        for position, target in enumerate(targets(db)):
            for alias in (*target.aliases, target.name.en):
                if len(alias) < 2:
                    continue
                if alias.isascii() and alias.isupper():
                    exact.setdefault(alias, position)
                else:
                    folded.setdefault(alias.casefold(), position)
        return cls(exact, folded)

    def first(self, name: str) -> int | None:
        """The position of the first target named ``name``, if any."""
        hits = [
            hit
            for hit in (self.exact.get(name), self.folded.get(name.casefold()))
            if hit is not None
        ]
        return min(hits) if hits else None


def names_any(text: str, aliases: Iterable[str]) -> bool:
    """Whether ``text`` names one of ``aliases`` (Latin on word boundaries, CJK as is)."""
    return bool(text) and any(alias_position(text, a) >= 0 for a in aliases if len(a) >= 2)
