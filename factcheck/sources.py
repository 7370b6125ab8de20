"""The sources knowledge base (``sources.yaml``): who a domain is, and how far to trust it.

Lookup is exact and label-wise (``domain_candidates``): ``deviantart.com`` never matches an
entry for ``rt.com``. The file is found in this order: the ``FACTCHECK_SOURCES`` environment
variable, then the copy shipped inside the package (``factcheck/data/sources.yaml``; the
repository's root ``sources.yaml`` is a link to it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .domains import domain_candidates
from .errors import SourcesFileError
from .text import LocalText

ENV_VAR = "FACTCHECK_SOURCES"


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """What the knowledge base says about one domain."""

    domain: str
    name: LocalText
    kind: str
    rating: int | None  # 0 (worst) .. 100 (best); None when only the kind is known
    reasons: tuple[str, ...]
    origin: str  # where the rating comes from: list and date


@dataclass(frozen=True, slots=True)
class Institution:
    """An institution people cite by name ("the WHO", "世卫组织"), and its official domain."""

    key: str  # stable id, e.g. "who"
    name: LocalText
    domain: str  # official registered domain, e.g. "who.int"
    aliases: tuple[str, ...]  # every name it goes by, en and zh ("WHO", "世界卫生组织" ...)
    kind: str = "health_authority"


@dataclass(frozen=True)
class SourceDB:
    """All entries, indexed by domain, and the institutions pages cite by name."""

    version: str
    updated: str
    entries: Mapping[str, SourceEntry]
    institutions: tuple[Institution, ...] = ()

    def find_institutions(self, text: str) -> list[tuple[Institution, str]]:
        """Institutions named in ``text``, each with the alias that matched, in text order.

        Latin aliases match on word boundaries and case (so "WHO" is not "who"); Chinese
        aliases match as substrings.
        """
        found: list[tuple[int, Institution, str]] = []
        for inst in self.institutions:
            best: tuple[int, str] | None = None
            for alias in inst.aliases:
                pos = _alias_position(text, alias)
                if pos >= 0 and (best is None or pos < best[0]):
                    best = (pos, alias)
            if best is not None:
                found.append((best[0], inst, best[1]))
        return [(inst, alias) for _, inst, alias in sorted(found, key=lambda x: x[0])]

    def lookup(self, host: str) -> SourceEntry | None:
        """The entry for ``host`` or its closest listed parent domain (whole labels only)."""
        if not host:
            return None
        for candidate in domain_candidates(host):
            entry = self.entries.get(candidate)
            if entry is not None:
                return entry
        return None

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any], *, origin: str = "sources.yaml") -> SourceDB:
        if not isinstance(raw, Mapping):
            raise SourcesFileError(f"{origin}: the top level must be a mapping")
        entries: dict[str, SourceEntry] = {}
        for index, item in enumerate(raw.get("sources") or [], start=1):
            entry = _entry(item, f"{origin}: sources[{index}]")
            entries[entry.domain] = entry
        institutions = tuple(
            _institution(item, f"{origin}: institutions[{index}]")
            for index, item in enumerate(raw.get("institutions") or [], start=1)
        )
        return cls(
            version=str(raw.get("version", "unversioned")),
            updated=str(raw.get("updated", "")),
            entries=entries,
            institutions=institutions,
        )

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> SourceDB:
        """Read and validate a sources file (default: see module docstring)."""
        if path is None:
            path = os.environ.get(ENV_VAR) or None
        if path is not None:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise SourcesFileError(f"cannot read sources file {path}: {exc}") from exc
            name = str(path)
        else:
            text = resources.files("factcheck").joinpath("data/sources.yaml").read_text("utf-8")
            name = "sources.yaml"
        try:
            raw = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise SourcesFileError(f"{name} is not valid YAML: {exc}") from exc
        return cls.from_mapping(raw, origin=name)


@cache
def default_sources() -> SourceDB:
    """The knowledge base loaded once per process."""
    return SourceDB.load()


def _entry(item: Any, where: str) -> SourceEntry:
    if not isinstance(item, Mapping) or not item.get("domain"):
        raise SourcesFileError(f"{where}: each entry needs a 'domain'")
    name = item.get("name") or item["domain"]
    if isinstance(name, Mapping):
        local = LocalText(str(name.get("en", "")), str(name.get("zh", name.get("en", ""))))
    else:
        local = LocalText(str(name), str(name))
    rating = item.get("rating")
    if rating is not None and (not isinstance(rating, int | float) or not 0 <= rating <= 100):
        raise SourcesFileError(f"{where} ({item['domain']}): rating must be 0..100")
    return SourceEntry(
        domain=str(item["domain"]).lower().strip(),
        name=local,
        kind=str(item.get("kind", "unknown")),
        rating=None if rating is None else int(rating),
        reasons=tuple(str(r) for r in item.get("reasons") or ()),
        origin=str(item.get("origin", "")),
    )


def _local(name: Any, fallback: str) -> LocalText:
    if isinstance(name, Mapping):
        en = str(name.get("en") or fallback)
        return LocalText(en, str(name.get("zh") or en))
    return LocalText(str(name or fallback), str(name or fallback))


def _institution(item: Any, where: str) -> Institution:
    if not isinstance(item, Mapping) or not item.get("key") or not item.get("domain"):
        raise SourcesFileError(f"{where}: each institution needs a 'key' and a 'domain'")
    name = _local(item.get("name"), str(item["key"]))
    aliases = tuple(str(a) for a in item.get("aliases") or ()) or (name.en, name.zh)
    return Institution(
        key=str(item["key"]),
        name=name,
        domain=str(item["domain"]).lower(),
        aliases=aliases,
        kind=str(item.get("kind", "health_authority")),
    )


_HAS_CJK = re.compile(r"[\u3400-\u9fff]")


def _alias_position(text: str, alias: str) -> int:
    if not alias:
        return -1
    if _HAS_CJK.search(alias):
        return text.find(alias)
    match = re.search(rf"(?<![A-Za-z0-9]){re.escape(alias)}(?![A-Za-z0-9])", text)
    return match.start() if match else -1
