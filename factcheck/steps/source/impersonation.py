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
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from factcheck.knowledge.domains import domain_candidates, public_suffix, registered_domain
from factcheck.knowledge.sources import FAKE_KINDS, UNRELIABLE_KINDS, SourceDB
from factcheck.steps.source.accounts_lookalike import account_lookalike
from factcheck.steps.source.edits import (
    _decode_idna,
    _distance,
    _flat_variants,
    _one_edit_apart,
    _skeleton,
    _two_edits_apart,
)
from factcheck.steps.source.lookalike_index import ONE_EDIT_CORE, TWO_EDIT_CORE, FormIndex, HostKeys
from factcheck.steps.source.targets import (
    TECHNIQUE_TEXT,
    Lookalike,
    Target,
    _NameIndex,
    _per_db,
    names_any,
    targets,
)

__all__ = [
    "TECHNIQUE_TEXT",
    "Lookalike",
    "Target",
    "_distance",
    "_one_edit_apart",
    "account_lookalike",
    "claimed_identity",
    "domain_lookalikes",
    "judge_domain",
    "names_any",
    "targets",
]

#: Public suffixes whose registrations are controlled by a government or university
#: registry: a different name there is another real body, not a lookalike.
_CONTROLLED = re.compile(
    r"^(?:gov|edu|mil|gc\.ca|nhs\.uk)$|^(?:gov|edu|go|gob|gouv|govt|ac)\.[a-z]{2,3}$"
)


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
    controlled: bool  # a government or university registry's suffix (:data:`_CONTROLLED`)


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
        controlled=bool(_CONTROLLED.match(suffix)),
    )


def domain_lookalikes(host: str, db: SourceDB) -> list[Lookalike]:
    """Every way ``host`` resembles an official domain it does not belong to."""
    host = _decode_idna(host.lower().rstrip("."))
    if not host or _trusted(host, db):
        return []
    h = _digest(host)
    forms: tuple[_Form, ...] = _per_db(db, "forms", _forms)
    index: FormIndex = _per_db(db, "form_index", lambda _: FormIndex.build(forms))
    skeletons = h.label_skeletons | h.token_skeletons | {h.name_skeleton}
    keys = HostKeys(h.host, h.name, h.squashed, h.tokens, h.labels, skeletons)
    hits = (_lookalike(h, forms[i]) for i in index.candidates(keys))  # no other can hit
    return [hit for hit in hits if hit is not None]


def _lookalike(h: _Host, form: _Form) -> Lookalike | None:
    """How ``h`` resembles ``form``'s official domain, if it does."""
    if h.candidates & form.official:
        return None
    return (
        _subdomain(h, form)
        or (None if h.controlled else _resembles(h, form))
        or _name_as_subdomain(h, form)
    )


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
        if official not in h.host:  # both tricks hold it: one look before building either
            continue
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
    distinctive = target.institution and len(core) >= 6
    gap = abs(len(name) - len(core))  # beyond one edit's or two edits' reach, no typo
    technique, strong = "", False
    if name == core:
        if h.suffix.startswith(form.suffix + "."):
            return None  # unicef.org.uk beside unicef.org: the usual national-affiliate pattern
        technique, strong = "other_tld", distinctive
    elif h.name_skeleton == form.core_skeleton:
        technique, strong = "homoglyph", True
    elif (len(core) >= ONE_EDIT_CORE and gap <= 1 and _one_edit_apart(name, core)) or (
        len(core) >= TWO_EDIT_CORE and gap <= 2 and _two_edits_apart(name, core)
    ):
        technique, strong = "typo", target.institution and h.suffix == form.suffix
    elif core in h.tokens or (len(core) >= 5 and (name.startswith(core) or name.endswith(core))):
        technique, strong = "added_words", distinctive
    elif not name.isascii() and form.core_skeleton in h.token_skeletons:
        technique, strong = "homoglyph", True  # mixed scripts: deliberate
    return Lookalike(target, technique, _evidence(h, form), strong) if technique else None


def _name_part(host: str, suffix: str) -> str:
    """``nhc.gov.cn`` -> ``nhc``; ``a.b.example.co.uk`` -> ``example``."""
    base = registered_domain(host)
    if suffix and base.endswith("." + suffix):
        base = base[: -len(suffix) - 1]
    return base.split(".")[-1]


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
