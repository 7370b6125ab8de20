"""Accounts that carry an official account's or institution's name they do not own
(``世卫组织健康``, ``国家卫健委发布``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from factcheck.i18n import LocalText
from factcheck.knowledge.sources import FAKE_KINDS, UNRELIABLE_KINDS, SourceDB
from factcheck.steps.source.edits import _one_edit_apart
from factcheck.steps.source.targets import Lookalike, Target, _per_db, targets


def account_lookalike(platform: str, account: str, db: SourceDB) -> Lookalike | None:
    """An account that carries an official account's or institution's name it does not own."""
    if not account or db.lookup_account(platform, account) is not None:
        return None
    raw = "".join(account.split())
    norm = _account_norm(account)
    names: tuple[tuple[Target, str, str], ...] = _per_db(db, "names", _official_names)
    for target, official_name, official in names:
        evidence = f"{account} (official: {official_name})"
        if norm == official and raw != "".join(official_name.split()):
            return Lookalike(target, "account_homoglyph", evidence, True)
        if norm != official and _contains_name(account, norm, official_name, official):
            return Lookalike(target, "account_name", evidence, True)
        if len(official) >= 4 and not norm.isascii() and _one_edit_apart(norm, official):
            return Lookalike(target, "account_homoglyph", evidence, True)
    return None


def _official_names(db: SourceDB) -> tuple[tuple[Target, str, str], ...]:
    """(target, official name, normalised name) for every official account and alias."""
    out = []
    for target, name in _official_name_pairs(db):
        norm = _account_norm(name)
        if len(norm) >= 2:
            out.append((target, name, norm))
    return tuple(out)


def _official_name_pairs(db: SourceDB) -> Iterable[tuple[Target, str]]:
    by_key = {t.key: t for t in targets(db)}
    seen: set[str] = set()
    for account in sorted({id(a): a for a in db.accounts.values()}.values(), key=lambda a: a.name):
        if account.kind in FAKE_KINDS | UNRELIABLE_KINDS | _OUTLET_KINDS:
            continue
        target = by_key.get(account.owner) or by_key.get(account.domain)
        if target is None:
            label = LocalText(account.name, account.name)
            owned = (account.domain,) if account.domain else ()
            target = Target(account.domain or account.name, label, account.domain, owned, ())
        handles = (h.lstrip("@") for h in account.handles)
        for name in (account.name, *(h for h in handles if len(h) >= 4)):
            if name not in seen:
                seen.add(name)
                yield target, name
    for target in by_key.values():
        for alias in target.aliases:
            if alias not in seen and _distinctive(alias):
                seen.add(alias)
                yield target, alias


#: News outlets' account names are no impersonation targets: an outlet's name inside another
#: account's name is mostly its own sub-account (人民日报健康客户端, 央视财经, 新京报书评周刊).
_OUTLET_KINDS = frozenset({"news", "state_media"})


def _distinctive(alias: str) -> bool:
    """Long enough to mean one body: 3+ characters (CJK), or a Latin name/acronym of 3+."""
    return len(alias.strip()) >= 3


def _account_norm(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    return re.sub(r"[\s\W_]+", "", text).casefold()


def _contains_name(account: str, norm: str, official: str, official_norm: str) -> bool:
    """CJK names as substrings; Latin ones on word boundaries, acronyms in capitals only."""
    if not official.isascii():
        return official_norm in norm
    if official_norm not in norm:
        return False
    flags = 0 if official.isupper() else re.IGNORECASE
    pattern = rf"(?<![A-Za-z0-9]){re.escape(official)}(?![A-Za-z0-9])"
    return re.search(pattern, unicodedata.normalize("NFKC", account), flags) is not None
