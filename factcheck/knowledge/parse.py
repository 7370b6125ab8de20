"""Reading and validating sources files (``docs/sources.md``): every bad entry raises
:class:`~factcheck.errors.SourcesFileError` naming it. Used by :mod:`.sources`."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from factcheck.errors import SourcesFileError
from factcheck.i18n import LocalText
from factcheck.knowledge.entries import (
    KINDS,
    PLATFORMS,
    AccountEntry,
    Institution,
    SourceEntry,
    _account_key,
)

COMPILED_FILE = "data/sources.compiled.json"
_DOMAIN_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
_SOURCE_KEYS = frozenset({"domain", "name", "kind", "rating", "reasons", "origin", "region"})
_ACCOUNT_KEYS = frozenset(
    {"platform", "name", "kind", "rating", "reasons", "origin", "owner", "domain", "handles"}
)
_INSTITUTION_KEYS = frozenset({"key", "name", "domain", "domains", "aliases", "kind"})
_TOP_KEYS = frozenset(
    {"version", "updated", "schema", "sources", "accounts", "institutions", "allow", "deny"}
)


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
    # Imported here: the shipped knowledge base is read from its compiled JSON, so most
    # processes never parse YAML, and a one-shot check saves the import (~12 ms).
    import yaml

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
