"""The lookalike index (:mod:`factcheck.steps.source.lookalike_index`): the same lookalikes as
asking every official domain, on the knowledge base's own domains and on thousands of
made-up lookalikes of each official one."""

from __future__ import annotations

import random
import string

import pytest

from factcheck.knowledge.sources import SourceDB
from factcheck.steps.source import impersonation
from factcheck.steps.source.edits import _decode_idna, _distance
from factcheck.steps.source.lookalike_index import deletions
from factcheck.steps.source.targets import _per_db


@pytest.fixture(scope="module")
def db() -> SourceDB:
    return SourceDB.load(overlays=())


def every_domain_asked(host: str, db: SourceDB) -> list[impersonation.Lookalike]:
    """What the index replaces: each official domain asked in turn."""
    host = _decode_idna(host.lower().rstrip("."))
    if not host or impersonation._trusted(host, db):
        return []
    h = impersonation._digest(host)
    hits = (impersonation._lookalike(h, form) for form in _forms(db))
    return [hit for hit in hits if hit is not None]


def _near_names(name: str) -> set[str]:
    """Names one and two edits from ``name``: deletions, substitutions, insertions, swaps."""
    ones = set()
    for i in range(len(name) + 1):
        ones.add(name[:i] + "x" + name[i:])
        if i < len(name):
            ones.update({name[:i] + name[i + 1 :], name[:i] + "q" + name[i + 1 :]})
        if i + 1 < len(name):
            ones.add(name[:i] + name[i + 1] + name[i] + name[i + 2 :])
    twos = {w[:i] + w[i + 1 :] for w in ones for i in range(0, len(w), 3)}
    return ones | twos


def _forms(db: SourceDB) -> tuple[impersonation._Form, ...]:
    forms: tuple[impersonation._Form, ...] = _per_db(db, "forms", impersonation._forms)
    return forms


def made_up_hosts(db: SourceDB) -> list[str]:
    """For each official domain: tricks with the whole domain, the name near-missed, homoglyphs,
    the name beside other words, on several suffixes."""
    hosts: set[str] = set()
    for form in _forms(db):
        for official in form.official:
            flat = official.replace(".", "-")
            hosts.update(
                {
                    official,
                    f"www.{official}",
                    f"{official}.example.com",
                    f"{official}.cc",
                    f"{official}-news.com",
                    f"{flat}.info",
                    f"{official.replace('.', '')}.net",
                }
            )
        name = form.core or form.target.domain.split(".")[0]
        glyphs = name.replace("o", "0").replace("l", "1").replace("m", "rn").replace("w", "vv")
        near_names = sorted(_near_names(name))
        picked = near_names[:: max(1, len(near_names) // 12)]  # a dozen of each kind, spread
        for near in {
            *picked,
            glyphs,
            f"{name}-health",
            f"the-{name}-news",
            f"my{name}",
            f"{name}s",
        }:
            if near.strip("-"):
                hosts.update({f"{near}.com", f"{near}.{form.suffix or 'org'}"})
                hosts.add(f"{near}.health-alerts.net")
        for squashed, _ in form.flat_aliases[:2]:
            hosts.add(f"real-{squashed}-news.com")
    return sorted(hosts)


def test_the_index_finds_what_asking_every_domain_finds(db: SourceDB) -> None:
    listed = [domain for domain in sorted(db.entries) if not impersonation._trusted(domain, db)]
    hosts = made_up_hosts(db) + listed  # the listed fakes and unreliable sites too
    found = 0
    for host in hosts:
        expected = every_domain_asked(host, db)
        assert impersonation.domain_lookalikes(host, db) == expected, host
        found += bool(expected)
    assert len(hosts) > 10_000
    assert found > 5_000  # the made-up hosts do resemble: hits are compared, not only misses


@pytest.mark.parametrize("edits", [1, 2])
def test_strings_within_n_edits_share_a_deletion_neighbour(edits: int) -> None:
    rng = random.Random(edits)
    alphabet = "abc-"  # few letters: many pairs near each other, and repeated letters
    pairs = 0
    for _ in range(20_000):
        a = "".join(rng.choices(alphabet, k=rng.randint(1, 7)))
        b = "".join(rng.choices(alphabet, k=rng.randint(1, 7)))
        if _distance(a, b) <= edits:
            pairs += 1
            assert deletions(a, edits) & deletions(b, edits), (a, b)
    assert pairs > 500


def test_a_long_or_odd_host_is_judged_like_every_domain_asked(db: SourceDB) -> None:
    rng = random.Random(7)
    for _ in range(300):
        labels = ["".join(rng.choices(string.ascii_lowercase + "-0", k=rng.randint(1, 30)))]
        labels += rng.choices(["who", "cdc", "nhs", "gov", "int", "com", "cn", "uk"], k=3)
        host = ".".join(labels)
        assert impersonation.domain_lookalikes(host, db) == every_domain_asked(host, db), host
