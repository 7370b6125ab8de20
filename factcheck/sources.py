"""The sources knowledge base (``sources.yaml``): who a domain is, and how far to trust it.

Lookup is exact and label-wise (``domain_candidates``): ``deviantart.com`` never matches an
entry for ``rt.com``. The file is found in this order: the ``FACTCHECK_SOURCES`` environment
variable, then the copy shipped inside the package (``factcheck/data/sources.yaml``; the
repository's root ``sources.yaml`` is a link to it).
"""

from __future__ import annotations

import os
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


@dataclass(frozen=True)
class SourceDB:
    """All entries, indexed by domain."""

    version: str
    updated: str
    entries: Mapping[str, SourceEntry]

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
        return cls(
            version=str(raw.get("version", "unversioned")),
            updated=str(raw.get("updated", "")),
            entries=entries,
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
