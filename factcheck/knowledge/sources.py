"""The sources knowledge base: who a domain or account is, and how far to trust it.

Three layers, later ones overriding earlier ones entry by entry:

1. ``data/sources_imported.tsv``: ratings imported from public lists (Lin et al. 2023,
   MBFC via Baly et al., OpenSources) by ``scripts/import_sources.py``. About 11,600 rows,
   read lazily on the first lookup that the curated layer cannot answer.
2. ``data/sources.yaml`` (the repository's root ``sources.yaml`` links to it): curated
   entries, official platform accounts and institutions. ``$FACTCHECK_SOURCES`` replaces it.
3. The user's overlays: ``$FACTCHECK_SOURCES_OVERLAY`` (one or more paths separated by
   ``os.pathsep``), same schema plus ``allow`` / ``deny`` lists.

Lookup is exact and label-wise (``domain_candidates``): ``deviantart.com`` never matches an
entry for ``rt.com``. The schema is documented in ``docs/sources.md``; every file is validated
on load and a bad entry raises :class:`~factcheck.errors.SourcesFileError` naming it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from factcheck.i18n import LocalText
from factcheck.knowledge.aliases import alias_position
from factcheck.knowledge.domains import domain_candidates
from factcheck.knowledge.entries import AUTHORITY_KINDS as AUTHORITY_KINDS
from factcheck.knowledge.entries import FAKE_KINDS as FAKE_KINDS
from factcheck.knowledge.entries import KINDS as KINDS
from factcheck.knowledge.entries import PLATFORMS as PLATFORMS
from factcheck.knowledge.entries import RELIABLE_AT as RELIABLE_AT
from factcheck.knowledge.entries import UNRELIABLE_BELOW as UNRELIABLE_BELOW
from factcheck.knowledge.entries import UNRELIABLE_KINDS as UNRELIABLE_KINDS
from factcheck.knowledge.entries import AccountEntry, Institution, SourceEntry, _account_key
from factcheck.knowledge.entries import category as category
from factcheck.knowledge.parse import COMPILED_FILE as COMPILED_FILE
from factcheck.knowledge.parse import _compiled, _Layer, _parse_yaml, _read
from factcheck.knowledge.parse import yaml_digest as yaml_digest

ENV_VAR = "FACTCHECK_SOURCES"
OVERLAY_ENV_VAR = "FACTCHECK_SOURCES_OVERLAY"
IMPORTED_FILE = "data/sources_imported.tsv"


class ImportedTable(Mapping[str, SourceEntry]):
    """The imported ratings, read on first use; rows become entries only when looked up."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._rows: dict[str, str] | None = None
        self._origins: dict[str, str] = {}
        self.stamp = ""

    def _load(self) -> dict[str, str]:
        if self._rows is None:
            if self._path is not None:
                text = self._path.read_text(encoding="utf-8")
            else:
                text = resources.files("factcheck").joinpath(IMPORTED_FILE).read_text("utf-8")
            rows: dict[str, str] = {}
            for line in text.splitlines():
                if line.startswith("#origin\t"):
                    _, code, label = line.split("\t", 2)
                    self._origins[code] = label
                elif line.startswith("#generated\t"):
                    self.stamp = line.split("\t", 1)[1]
                elif line and not line.startswith("#"):
                    rows[line[: line.index("\t")]] = line
            self._rows = rows
        return self._rows

    def __getitem__(self, domain: str) -> SourceEntry:
        line = self._load()[domain]
        domain, kind, rating, origins, reasons = line.split("\t")
        origin = "; ".join(self._origins.get(code, code) for code in origins.split("+"))
        return SourceEntry(
            domain=domain,
            name=LocalText(domain, domain),
            kind=kind,
            rating=int(rating) if rating else None,
            reasons=tuple(r for r in reasons.split("; ") if r),
            origin=origin,
        )

    def get(self, domain: str, default: Any = None) -> Any:
        try:
            return self[domain]
        except KeyError:
            return default

    def __contains__(self, domain: object) -> bool:
        return domain in self._load()

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


class LayeredEntries(Mapping[str, SourceEntry]):
    """Curated entries over imported ones: the curated entry wins for the same domain."""

    def __init__(self, curated: Mapping[str, SourceEntry], imported: Mapping[str, SourceEntry]):
        self.curated = curated
        self.imported = imported

    def __getitem__(self, domain: str) -> SourceEntry:
        entry = self.curated.get(domain)
        if entry is None:
            entry = self.imported[domain]
        return entry

    def get(self, domain: str, default: Any = None) -> Any:
        entry = self.curated.get(domain)
        return entry if entry is not None else self.imported.get(domain, default)

    def __iter__(self) -> Iterator[str]:
        yield from self.curated
        yield from (d for d in self.imported if d not in self.curated)

    def __len__(self) -> int:
        return len(self.curated) + sum(1 for d in self.imported if d not in self.curated)


@dataclass(frozen=True)
class SourceDB:
    """All entries, indexed by domain, the official accounts, and the institutions pages
    cite by name."""

    version: str
    updated: str
    entries: Mapping[str, SourceEntry]
    institutions: tuple[Institution, ...] = ()
    accounts: Mapping[tuple[str, str], AccountEntry] = field(default_factory=dict)
    overlays: tuple[str, ...] = ()  # overlay files applied, for the report's data

    # -- queries -------------------------------------------------------------------------

    def lookup(self, host: str) -> SourceEntry | None:
        """The entry for ``host`` or its closest listed parent domain (whole labels only)."""
        if not host:
            return None
        for candidate in domain_candidates(host):
            entry = self.entries.get(candidate)
            if entry is not None:
                return entry
        return None

    def lookup_account(self, platform: str, name: str) -> AccountEntry | None:
        """The account named exactly ``name`` (or with that handle) on ``platform``."""
        if not name:
            return None
        key = _account_key(name)
        return self.accounts.get((platform, key)) or self.accounts.get((platform, "@" + key))

    def accounts_on(self, platform: str) -> list[AccountEntry]:
        """Every known account on ``platform`` (each once)."""
        seen: dict[int, AccountEntry] = {}
        for (plat, _), account in self.accounts.items():
            if plat == platform:
                seen.setdefault(id(account), account)
        return list(seen.values())

    def institution(self, key: str) -> Institution | None:
        return next((inst for inst in self.institutions if inst.key == key), None)

    def institution_for_domain(self, host: str) -> Institution | None:
        """The institution whose official domain ``host`` is (or is under)."""
        candidates = set(domain_candidates(host)) if host else set()
        for inst in self.institutions:
            if candidates.intersection(inst.official_domains):
                return inst
        return None

    def find_institutions(self, text: str) -> list[tuple[Institution, str]]:
        """Institutions named in ``text``, each with the alias that matched, in text order.

        Latin aliases match on word boundaries and case (so "WHO" is not "who"); Chinese
        aliases match as substrings.
        """
        found: list[tuple[int, Institution, str]] = []
        for inst in self.institutions:
            best: tuple[int, str] | None = None
            for alias in inst.aliases:
                pos = alias_position(text, alias)
                if pos >= 0 and (best is None or pos < best[0]):
                    best = (pos, alias)
            if best is not None:
                found.append((best[0], inst, best[1]))
        return [(inst, alias) for _, inst, alias in sorted(found, key=lambda x: x[0])]

    # -- building ------------------------------------------------------------------------

    @classmethod
    def from_mapping(
        cls,
        raw: Mapping[str, Any],
        *,
        origin: str = "sources.yaml",
        imported: Mapping[str, SourceEntry] | None = None,
    ) -> SourceDB:
        """Validate one parsed sources file; ``imported`` is the layer beneath it."""
        layer = _Layer.parse(raw, origin)
        return cls(
            version=layer.version or "unversioned",
            updated=layer.updated,
            entries=LayeredEntries(layer.sources, imported if imported is not None else {}),
            institutions=tuple(layer.institutions.values()),
            accounts=layer.accounts,
        )

    def with_overlay(self, raw: Mapping[str, Any], *, origin: str) -> SourceDB:
        """A new DB with the user's overlay applied on top (entry by entry)."""
        layer = _Layer.parse(raw, origin, overlay=True)
        base = self.entries
        curated = dict(base.curated) if isinstance(base, LayeredEntries) else dict(base)
        curated.update(layer.sources)
        imported = base.imported if isinstance(base, LayeredEntries) else {}
        institutions = {inst.key: inst for inst in self.institutions}
        institutions.update(layer.institutions)
        return replace(
            self,
            entries=LayeredEntries(curated, imported),
            institutions=tuple(institutions.values()),
            accounts={**self.accounts, **layer.accounts},
            overlays=(*self.overlays, origin),
        )

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        overlays: tuple[str | os.PathLike[str], ...] | None = None,
        imported: Mapping[str, SourceEntry] | None = None,
    ) -> SourceDB:
        """Read and validate the sources file, the imported ratings and the overlays.

        Defaults: see the module docstring. ``imported`` replaces the shipped imported table
        (evaluation builds one without its held-out list); pass ``{}`` for none.
        """
        if path is None:
            path = os.environ.get(ENV_VAR) or None
        if path is not None:
            text, name = _read(path), str(path)
        else:
            text = resources.files("factcheck").joinpath("data/sources.yaml").read_text("utf-8")
            name = "sources.yaml"
        raw = _compiled(text) if path is None else None
        db = cls.from_mapping(
            raw if raw is not None else _parse_yaml(text, name),
            origin=name,
            imported=ImportedTable() if imported is None else imported,
        )
        if overlays is None:
            env = os.environ.get(OVERLAY_ENV_VAR, "")
            overlays = tuple(p for p in env.split(os.pathsep) if p.strip())
        for overlay in overlays:
            db = db.with_overlay(_parse_yaml(_read(overlay), str(overlay)), origin=str(overlay))
        return db


@cache
def default_sources() -> SourceDB:
    """The knowledge base loaded once per process."""
    return SourceDB.load()
