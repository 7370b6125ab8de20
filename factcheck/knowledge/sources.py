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

import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from factcheck.errors import SourcesFileError
from factcheck.i18n import LocalText
from factcheck.knowledge.domains import domain_candidates

ENV_VAR = "FACTCHECK_SOURCES"
OVERLAY_ENV_VAR = "FACTCHECK_SOURCES_OVERLAY"
IMPORTED_FILE = "data/sources_imported.tsv"
COMPILED_FILE = "data/sources.compiled.json"

#: Kinds whose word carries weight on health: their lookalikes are impersonation.
AUTHORITY_KINDS = frozenset(
    {
        "health_authority",
        "government",
        "international_org",
        "academic",
        "hospital",
        "journal",
        "medical_association",
        "fact_checker",
    }
)
FAKE_KINDS = frozenset({"fake", "conspiracy", "junk_science", "hate", "rumor_mill"})
UNRELIABLE_KINDS = frozenset({"unreliable", "clickbait", "bias", "denylisted"})
#: Every kind an entry may have (docs/sources.md says what step 1 makes of each).
KINDS = (
    AUTHORITY_KINDS
    | FAKE_KINDS
    | UNRELIABLE_KINDS
    | {
        "reference",
        "news",
        "state_media",
        "health_media",
        "commercial",
        "platform",
        "blog",
        "satire",
        "allowlisted",
        "unknown",
    }
)
PLATFORMS = frozenset(
    {
        "wechat",
        "weibo",
        "zhihu",
        "douyin",
        "xiaohongshu",
        "toutiao",
        "bilibili",
        "facebook",
        "x",
        "youtube",
        "tiktok",
    }
)
#: A rating below this makes a listed source "unreliable"; at or above RELIABLE_AT, "reliable".
UNRELIABLE_BELOW = 40
RELIABLE_AT = 65

_DOMAIN_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
_SOURCE_KEYS = frozenset({"domain", "name", "kind", "rating", "reasons", "origin", "region"})
_ACCOUNT_KEYS = frozenset(
    {"platform", "name", "kind", "rating", "reasons", "origin", "owner", "domain", "handles"}
)
_INSTITUTION_KEYS = frozenset({"key", "name", "domain", "domains", "aliases", "kind"})
_TOP_KEYS = frozenset(
    {"version", "updated", "schema", "sources", "accounts", "institutions", "allow", "deny"}
)


def category(kind: str, rating: int | None) -> str:
    """What a kind and rating mean for the reader: fake, unreliable, satire, mixed,
    reliable or unknown. Satire is never "fake": it is a joke, not a lie."""
    if kind == "satire":
        return "satire"
    if kind in FAKE_KINDS:
        return "fake"
    if kind in UNRELIABLE_KINDS or (rating is not None and rating < UNRELIABLE_BELOW):
        return "unreliable"
    if rating is None:
        return "reliable" if kind in AUTHORITY_KINDS else "unknown"
    return "reliable" if rating >= RELIABLE_AT else "mixed"


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """What the knowledge base says about one domain."""

    domain: str
    name: LocalText
    kind: str
    rating: int | None  # 0 (worst) .. 100 (best); None when only the kind is known
    reasons: tuple[str, ...]
    origin: str  # where the rating comes from: list and date
    region: str = ""  # where the source is based, when curated: "cn", "hk", "tw" ...

    @property
    def category(self) -> str:
        """fake / unreliable / satire / mixed / reliable / unknown (see :func:`category`)."""
        return category(self.kind, self.rating)


@dataclass(frozen=True, slots=True)
class AccountEntry:
    """An account on a platform (WeChat 公众号, Weibo, X ...), known by its exact name."""

    platform: str
    name: str
    kind: str
    rating: int | None
    reasons: tuple[str, ...]
    origin: str
    owner: str = ""  # institution key, e.g. "nhc"
    domain: str = ""  # the owner's official domain, e.g. "nhc.gov.cn"
    handles: tuple[str, ...] = ()  # ids the URL shows (x.com/WHO, youtube.com/@WHO ...)

    @property
    def category(self) -> str:
        return category(self.kind, self.rating)


@dataclass(frozen=True, slots=True)
class Institution:
    """An institution people cite by name ("the WHO", "世卫组织"), and its official domain."""

    key: str  # stable id, e.g. "who"
    name: LocalText
    domain: str  # official registered domain, e.g. "who.int"
    aliases: tuple[str, ...]  # every name it goes by, en and zh ("WHO", "世界卫生组织" ...)
    kind: str = "health_authority"
    domains: tuple[str, ...] = ()  # other official domains (nhs.net beside nhs.uk ...)

    @property
    def official_domains(self) -> tuple[str, ...]:
        return (self.domain, *self.domains)


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


# -- parsing and validation ---------------------------------------------------------------


@dataclass
class _Layer:
    """One validated file: its entries, accounts and institutions."""

    version: str
    updated: str
    sources: dict[str, SourceEntry]
    accounts: dict[tuple[str, str], AccountEntry]
    institutions: dict[str, Institution]

    @classmethod
    def parse(cls, raw: Any, origin: str, *, overlay: bool = False) -> _Layer:
        if not isinstance(raw, Mapping):
            raise SourcesFileError(f"{origin}: the top level must be a mapping")
        unknown = set(raw) - _TOP_KEYS
        if unknown:
            raise SourcesFileError(f"{origin}: unknown top-level key(s) {sorted(unknown)}")
        if not overlay and (not raw.get("version") or not raw.get("updated")):
            raise SourcesFileError(f"{origin}: 'version' and 'updated' are required")
        updated = str(raw.get("updated") or "")
        default_origin = f"{'overlay' if overlay else 'curated'} {origin} {updated}".strip()
        layer = cls(str(raw.get("version") or ""), updated, {}, {}, {})
        for index, item in enumerate(_list(raw, "sources", origin), start=1):
            where = f"{origin}: sources[{index}]"
            entry = _entry(item, where, default_origin)
            if entry.domain in layer.sources:
                raise SourcesFileError(f"{where} ({entry.domain}): duplicate domain")
            layer.sources[entry.domain] = entry
        for key, kind, rating in (("allow", "allowlisted", 90), ("deny", "denylisted", 5)):
            for index, value in enumerate(_list(raw, key, origin), start=1):
                where = f"{origin}: {key}[{index}]"
                layer.add_listed(str(value), key, (kind, rating), where, default_origin)
        for index, item in enumerate(_list(raw, "institutions", origin), start=1):
            inst = _institution(item, f"{origin}: institutions[{index}]")
            layer.institutions[inst.key] = inst
        for index, item in enumerate(_list(raw, "accounts", origin), start=1):
            account = _account(item, f"{origin}: accounts[{index}]", default_origin)
            layer.add_account(account)
        return layer

    def add_account(self, account: AccountEntry) -> None:
        for label in (account.name, *account.handles):
            self.accounts[(account.platform, _account_key(label))] = account

    def add_listed(
        self, value: str, key: str, verdict: tuple[str, int], where: str, origin: str
    ) -> None:
        """An allow/deny item: a domain, or ``platform:account name`` (``wechat:养生堂``)."""
        kind, rating = verdict
        item: dict[str, Any] = {"kind": kind, "rating": rating, "reasons": [f"{key}-listed by you"]}
        platform, _, name = value.partition(":")
        if name and platform in PLATFORMS:
            account = {**item, "platform": platform, "name": name}
            self.add_account(_account(account, where, origin))
        else:
            entry = _entry({**item, "domain": value}, where, origin)
            self.sources[entry.domain] = entry


def _read(path: str | os.PathLike[str]) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesFileError(f"cannot read sources file {path}: {exc}") from exc


def yaml_digest(text: str) -> str:
    """The key of ``data/sources.compiled.json``: sha256 of the YAML text it was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _compiled(text: str) -> Any:
    """The shipped YAML pre-parsed to JSON (about 10x faster to read), if it is current.

    ``scripts/import_sources.py`` writes it; a stale or missing file is ignored, so editing
    sources.yaml never serves old data (it is only slower until the file is rebuilt). The
    JSON goes through the same validation as the YAML.
    """
    try:
        compiled = resources.files("factcheck").joinpath(COMPILED_FILE).read_text("utf-8")
        payload = json.loads(compiled)
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("sha256") != yaml_digest(text):
        return None
    return payload.get("data")


def _parse_yaml(text: str, name: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader) or {}
    except yaml.YAMLError as exc:
        raise SourcesFileError(f"{name} is not valid YAML: {exc}") from exc


def _list(raw: Mapping[str, Any], key: str, origin: str) -> list[Any]:
    value = raw.get(key) or []
    if not isinstance(value, list):
        raise SourcesFileError(f"{origin}: '{key}' must be a list")
    return value


def _check_keys(item: Any, allowed: frozenset[str], where: str, required: tuple[str, ...]) -> None:
    if not isinstance(item, Mapping):
        raise SourcesFileError(f"{where}: must be a mapping, got {type(item).__name__}")
    label = item.get("domain") or item.get("name") or item.get("key") or ""
    missing = [k for k in required if not item.get(k)]
    if missing:
        raise SourcesFileError(f"{where} {label}: missing {', '.join(missing)}".replace("  ", " "))
    unknown = set(item) - allowed
    if unknown:
        raise SourcesFileError(f"{where} ({label}): unknown key(s) {sorted(unknown)}")


def _domain(value: Any, where: str) -> str:
    domain = str(value).strip().lower().rstrip(".")
    if domain.startswith("www."):
        domain = domain[4:]
    if not _DOMAIN_RE.match(domain):
        raise SourcesFileError(f"{where}: {value!r} is not a bare domain (no scheme, no path)")
    return domain


def _kind(item: Mapping[str, Any], where: str, default: str = "unknown") -> str:
    kind = str(item.get("kind") or default)
    if kind not in KINDS:
        raise SourcesFileError(f"{where}: unknown kind {kind!r} (one of {sorted(KINDS)})")
    return kind


def _rating(item: Mapping[str, Any], where: str) -> int | None:
    rating = item.get("rating")
    if rating is None:
        return None
    if isinstance(rating, bool) or not isinstance(rating, int | float) or not 0 <= rating <= 100:
        raise SourcesFileError(f"{where}: rating must be a number 0..100, got {rating!r}")
    return round(rating)


def _reasons(item: Mapping[str, Any], where: str) -> tuple[str, ...]:
    reasons = item.get("reasons") or []
    if isinstance(reasons, str):
        reasons = [reasons]
    if not isinstance(reasons, list):
        raise SourcesFileError(f"{where}: reasons must be a list of strings")
    return tuple(str(r) for r in reasons)


def _entry(item: Any, where: str, default_origin: str) -> SourceEntry:
    _check_keys(item, _SOURCE_KEYS, where, ("domain",))
    where = f"{where} ({item['domain']})"
    domain = _domain(item["domain"], where)
    return SourceEntry(
        domain=domain,
        name=_local(item.get("name"), domain),
        kind=_kind(item, where),
        rating=_rating(item, where),
        reasons=_reasons(item, where),
        origin=str(item.get("origin") or default_origin),
        region=str(item.get("region") or ""),
    )


def _account(item: Any, where: str, default_origin: str) -> AccountEntry:
    _check_keys(item, _ACCOUNT_KEYS, where, ("platform", "name"))
    where = f"{where} ({item['platform']}:{item['name']})"
    platform = str(item["platform"])
    if platform not in PLATFORMS:
        raise SourcesFileError(f"{where}: unknown platform (one of {sorted(PLATFORMS)})")
    handles = item.get("handles") or []
    if not isinstance(handles, list):
        raise SourcesFileError(f"{where}: handles must be a list")
    return AccountEntry(
        platform=platform,
        name=str(item["name"]).strip(),
        kind=_kind(item, where, "unknown"),
        rating=_rating(item, where),
        reasons=_reasons(item, where),
        origin=str(item.get("origin") or default_origin),
        owner=str(item.get("owner") or ""),
        domain=_domain(item["domain"], where) if item.get("domain") else "",
        handles=tuple(str(h).strip() for h in handles),
    )


def _local(name: Any, fallback: str) -> LocalText:
    if isinstance(name, Mapping):
        en = str(name.get("en") or fallback)
        return LocalText(en, str(name.get("zh") or en))
    return LocalText(str(name or fallback), str(name or fallback))


def _institution(item: Any, where: str) -> Institution:
    _check_keys(item, _INSTITUTION_KEYS, where, ("key", "domain"))
    where = f"{where} ({item['key']})"
    name = _local(item.get("name"), str(item["key"]))
    aliases = tuple(str(a) for a in item.get("aliases") or ()) or (name.en, name.zh)
    return Institution(
        key=str(item["key"]),
        name=name,
        domain=_domain(item["domain"], where),
        aliases=aliases,
        kind=_kind(item, where, "health_authority"),
        domains=tuple(_domain(d, where) for d in item.get("domains") or ()),
    )


def _account_key(name: str) -> str:
    """Accounts match on their exact name; handles (Latin) ignore case."""
    name = name.strip()
    return name.lower() if name.isascii() else name


_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def alias_position(text: str, alias: str) -> int:
    """Where ``alias`` first names something in ``text`` (-1: nowhere). Latin aliases match on
    word boundaries and case ("WHO" is not "who"); CJK aliases as substrings."""
    if not alias:
        return -1
    if _is_cjk_alias(alias):
        return text.find(alias)
    return _word_position(text, alias)


@lru_cache(maxsize=4096)
def _is_cjk_alias(alias: str) -> bool:
    return _HAS_CJK.search(alias) is not None


def _word_position(text: str, word: str) -> int:
    """The first ``word`` in ``text`` not glued to an ASCII letter or digit on either side.

    Plain substring search (C speed) with the boundaries checked by hand: the same answer as
    the regex ``(?<![A-Za-z0-9])word(?![A-Za-z0-9])``, several times faster on long texts.
    """
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before not in _WORD_CHARS and after not in _WORD_CHARS:
            return start
        start = text.find(word, start + 1)
    return -1
