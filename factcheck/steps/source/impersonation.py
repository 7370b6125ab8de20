"""Lookalikes: domains and accounts dressed up as an institution people trust.

The WHO's own advice warns about pages that borrow its name. Two questions, kept apart:

* does the *address* resemble an official one (``who-int.org``, ``wh0.int``,
  ``nhc.gov.cn.example.com``, ``cdc-gov.info``)? Some tricks are only ever deliberate
  ("strong": the official domain written into another one, homoglyphs, a one-letter slip on
  the same TLD); others are common words too ("weak": ``who.org``, ``who-cares.com``) and
  count only when the page also names that institution;
* does an *account* carry an official name it does not own (``世卫组织健康``,
  ``国家卫健委发布``)?

Matching is on labels and normalised skeletons, never on raw substrings of the URL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from factcheck.i18n import LocalText
from factcheck.knowledge.domains import domain_candidates, public_suffix, registered_domain
from factcheck.knowledge.sources import (
    AUTHORITY_KINDS,
    FAKE_KINDS,
    UNRELIABLE_KINDS,
    SourceDB,
    alias_position,
)

#: Public suffixes whose registrations are controlled by a government or university
#: registry: a different name there is another real body, not a lookalike.
_CONTROLLED = re.compile(
    r"^(?:gov|edu|mil|gc\.ca|nhs\.uk)$|^(?:gov|edu|go|gob|gouv|govt|ac)\.[a-z]{2,3}$"
)

_HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i",
        "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ɡ": "g", "ο": "o", "α": "a", "ν": "v",
        "ι": "i", "κ": "k", "ρ": "p", "τ": "t", "ϲ": "c", "ԝ": "w",
        "0": "o", "1": "l", "i": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
    }
)  # fmt: skip


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


# -- domains ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Form:
    """A target's official domain, pre-digested once per knowledge base."""

    target: Target
    official: frozenset[str]
    flat: frozenset[str]  # who.int -> {whoint, who-int}
    flat_skeletons: frozenset[str]
    flat_prefixes: tuple[str, ...]  # "whoint-", "who-int-" ...: a name starting with one
    flat_suffixes: tuple[str, ...]  # "-whoint", "-who-int" ...: a name ending with one
    flat_aliases: tuple[tuple[str, str], ...]  # (squashed alias, alias), 10+ letters
    core: str  # the registered name: "who"; "" for a sub-site such as wjw.beijing.gov.cn
    core_skeleton: str
    suffix: str


@dataclass(frozen=True, slots=True)
class _Host:
    """The page's host, pre-digested once per lookup."""

    host: str
    candidates: frozenset[str]
    suffix: str
    name: str  # registered name: "who-int" for who-int.org
    name_skeleton: str
    squashed: str  # the name without hyphens
    tokens: tuple[str, ...]  # the name cut at hyphens
    token_skeletons: frozenset[str]
    labels: tuple[str, ...]
    label_skeletons: frozenset[str]
    sub_labels: tuple[str, ...]  # labels left of the registered domain
    left: str  # ".labels.left.of.the.suffix."


def _forms(db: SourceDB) -> tuple[_Form, ...]:
    return tuple(_form(t) for t in targets(db))


def _form(target: Target) -> _Form:
    official = target.domain
    flat = frozenset().union(*(_flat_variants(d) for d in target.official))
    registered = registered_domain(official) == official
    core = _name_part(official, public_suffix(official)) if registered else ""
    aliases = ((re.sub(r"[^a-z0-9]", "", a.lower()), a) for a in target.aliases)
    return _Form(
        target=target,
        official=frozenset(target.official),
        flat=flat,
        flat_skeletons=frozenset(_skeleton(v) for v in flat),
        flat_prefixes=tuple(v + "-" for v in flat),
        flat_suffixes=tuple("-" + v for v in flat),
        flat_aliases=tuple((f, a) for f, a in aliases if len(f) >= 10),
        core=core,
        core_skeleton=_skeleton(core),
        suffix=public_suffix(official),
    )


def _digest(host: str) -> _Host:
    suffix = public_suffix(host)
    base = registered_domain(host)
    labels = tuple(host.split("."))
    sub = host[: -len(base)].rstrip(".").split(".") if host != base else []
    left = f".{host[: -len(suffix) - 1]}." if suffix and host.endswith("." + suffix) else ""
    name = _name_part(host, suffix)
    tokens = tuple(name.split("-"))
    return _Host(
        host=host,
        candidates=frozenset(domain_candidates(host)),
        suffix=suffix,
        name=name,
        name_skeleton=_skeleton(name),
        squashed=name.replace("-", ""),
        tokens=tokens,
        token_skeletons=frozenset(_skeleton(t) for t in tokens),
        labels=labels,
        label_skeletons=frozenset(_skeleton(label) for label in labels),
        sub_labels=tuple(sub),
        left=left,
    )


def domain_lookalikes(host: str, db: SourceDB) -> list[Lookalike]:
    """Every way ``host`` resembles an official domain it does not belong to."""
    host = _decode_idna(host.lower().rstrip("."))
    if not host or _trusted(host, db):
        return []
    h = _digest(host)
    controlled = bool(_CONTROLLED.match(h.suffix))
    found = []
    forms: tuple[_Form, ...] = _per_db(db, "forms", _forms)
    for form in forms:
        if h.candidates & form.official:
            continue
        hit = (
            _subdomain(h, form)
            or (None if controlled else _resembles(h, form))
            or _name_as_subdomain(h, form)
        )
        if hit is not None:
            found.append(hit)
    return found


def _trusted(host: str, db: SourceDB) -> bool:
    """Listed as something other than bad: another real body, never an impersonator."""
    entry = db.lookup(host)
    return entry is not None and entry.kind not in FAKE_KINDS | UNRELIABLE_KINDS


def _evidence(h: _Host, form: _Form) -> str:
    return f"{h.host} (official: {form.target.domain})"


def _subdomain(h: _Host, form: _Form) -> Lookalike | None:
    """``nhc.gov.cn.example.com``, ``nhc.gov.cn.cc``, ``who.int-news.com``: the official
    domain sits wholly left of the host's public suffix (``fda.gov.ph`` is no trick: there
    ``.gov`` belongs to the suffix ``gov.ph``)."""
    for official in form.target.official:
        if h.left.find(f".{official}.") >= 0 or h.host.startswith(f"{official}-"):
            return Lookalike(form.target, "subdomain", f"{h.host} (official: {official})", True)
    return None


def _name_as_subdomain(h: _Host, form: _Form) -> Lookalike | None:
    """``who.health-alerts.net``: the institution's name as a sub-domain label (weak: "who"
    is also a word, so it counts only when the page names the WHO)."""
    if form.target.institution and len(form.core) >= 3 and form.core in h.sub_labels:
        return Lookalike(form.target, "subdomain", _evidence(h, form), False)
    return None


def _resembles(h: _Host, form: _Form) -> Lookalike | None:
    """The checks on the registered name (the label before the public suffix)."""
    name = h.name
    if (
        not form.flat.isdisjoint(h.labels)
        or not h.label_skeletons.isdisjoint(form.flat_skeletons)
        or name.startswith(form.flat_prefixes)
        or name.endswith(form.flat_suffixes)
    ):
        return Lookalike(form.target, "spelled_out", _evidence(h, form), True)
    for flat_alias, alias in form.flat_aliases:
        if flat_alias in h.squashed:
            evidence = f"{_evidence(h, form)}; name: {alias}"
            return Lookalike(form.target, "name_in_domain", evidence, True)
    if not form.core or (name == form.core and h.suffix == form.suffix):
        return None  # a sub-site (wjw.beijing.gov.cn): its parent's name is not its own
    return _name_resembles(h, form)


def _name_resembles(h: _Host, form: _Form) -> Lookalike | None:
    name, core, target = h.name, form.core, form.target
    evidence = _evidence(h, form)
    distinctive = target.institution and len(core) >= 6
    if name == core:
        if h.suffix.startswith(form.suffix + "."):
            return None  # unicef.org.uk beside unicef.org: the usual national-affiliate pattern
        return Lookalike(target, "other_tld", evidence, distinctive)
    if h.name_skeleton == form.core_skeleton:
        return Lookalike(target, "homoglyph", evidence, True)
    if (len(core) >= 3 and _one_edit_apart(name, core)) or (
        len(core) >= 8 and abs(len(name) - len(core)) <= 2 and _two_edits_apart(name, core)
    ):
        same_suffix = h.suffix == form.suffix
        return Lookalike(target, "typo", evidence, target.institution and same_suffix)
    if core in h.tokens or (len(core) >= 5 and (name.startswith(core) or name.endswith(core))):
        return Lookalike(target, "added_words", evidence, distinctive)
    if not name.isascii() and form.core_skeleton in h.token_skeletons:
        return Lookalike(target, "homoglyph", evidence, True)  # mixed scripts: deliberate
    return None


def _name_part(host: str, suffix: str) -> str:
    """``nhc.gov.cn`` -> ``nhc``; ``a.b.example.co.uk`` -> ``example``."""
    base = registered_domain(host)
    if suffix and base.endswith("." + suffix):
        base = base[: -len(suffix) - 1]
    return base.split(".")[-1]


def _flat_variants(domain: str) -> frozenset[str]:
    """``who.int`` -> {whoint, who-int}; ``nhc.gov.cn`` also -> {nhcgov, nhc-gov}."""
    labels = domain.split(".")
    out = set()
    for end in range(2, len(labels) + 1):
        part = labels[:end]
        out.update({"".join(part), "-".join(part)})
    return frozenset(v for v in out if len(v) >= 5)


def _skeleton(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().translate(_HOMOGLYPHS)
    return text.replace("rn", "m").replace("vv", "w").replace("-", "")


def _decode_idna(host: str) -> str:
    if "xn--" not in host:
        return host
    labels = []
    for label in host.split("."):
        try:
            labels.append(
                label.encode("ascii").decode("idna") if label.startswith("xn--") else label
            )
        except UnicodeError:
            labels.append(label)
    return ".".join(labels)


def _one_edit_apart(a: str, b: str) -> bool:
    """Exactly one substitution, insertion, deletion or adjacent swap apart, in O(n)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def _two_edits_apart(a: str, b: str) -> bool:
    """Exactly two edits apart. An edit removes at most one of the letters missing from the
    other string, so a pair with three or more such letters is ruled out before the
    quadratic :func:`_distance` (nearly every pair an unrelated host makes)."""
    if len(set(a) - set(b)) > 2 or len(set(b) - set(a)) > 2:
        return False
    return _distance(a, b) == 2


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps)."""
    if abs(len(a) - len(b)) > 2:
        return 3
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, prev2[j - 2] + 1)
            cur.append(value)
        prev2, prev = prev, cur
    return prev[-1]


def judge_domain(host: str, named_text: str | Callable[[], str], db: SourceDB) -> Lookalike | None:
    """The verdict step 1 uses: the first strong lookalike, else a weak one whose
    institution ``named_text`` (title, site name, logo alt, opening text) names.

    ``named_text`` may be a function: it is called only when a weak lookalike needs it."""
    found = domain_lookalikes(host, db)
    strong = next((f for f in found if f.strong), None)
    if strong is not None or not found:
        return strong
    text = named_text() if callable(named_text) else named_text
    return next((f for f in found if names_any(text, f.target.aliases)), None)


def claimed_identity(
    host: str, self_names: Iterable[tuple[str, str]], db: SourceDB
) -> Lookalike | None:
    """A page that calls itself an institution (site name, title suffix, header logo) on a
    domain that is not that institution's. ``self_names`` is ``(where, text)`` pairs.

    Targets are tried in order: an earlier target that ``host`` officially belongs to wins
    over a later name match (the institution's own site), as does the first name given."""
    host = _decode_idna(host.lower().rstrip("."))
    if not host or _trusted(host, db):
        return None
    all_targets = targets(db)
    candidates = set(domain_candidates(host))
    own = next((i for i, t in enumerate(all_targets) if candidates.intersection(t.official)), None)
    index: _NameIndex = _per_db(db, "name_index", _NameIndex.build)
    for where, text in self_names:
        name = _LOGO_WORDS.sub("", text).strip()
        if not name:
            continue
        hit = index.first(name)
        if own is not None and (hit is None or own <= hit):
            return None  # the institution's own site
        if hit is not None:
            target = all_targets[hit]
            evidence = f"{where} “{text}” on {host} (official: {target.domain})"
            return Lookalike(target, "site_name", evidence, True)
    return None


_LOGO_WORDS = re.compile(r"(?i)\s*(?:official\s+)?(?:logo|徽标|标志|标识)\s*$")


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


# -- accounts --------------------------------------------------------------------------------


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
        if account.kind in FAKE_KINDS | UNRELIABLE_KINDS:
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
