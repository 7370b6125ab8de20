"""Step 7: does the debunk matcher find the debunk of a claim, and never accuse a good page?

Tuning (``training/train_debunk_verifier.py``) saw only the tuning half of each set (a hash
of the claim or URL, ``scripts/debunk_corpora.half``); everything here is the other half,
or data the tuning never saw.

1. **Recall** of the *verified* match (the same-claim check on, as the step runs it):
   - CHECKED (Yang et al. 2021; academic use only; never shipped): fake Weibo posts against
     their own official debunk, in an index of the shipped debunks plus CHECKED's debunks.
     recall@1 = the top verified match is the post's own debunk; @5 = it is verified among
     the five candidates. Lexical recall@5 (stage 1 alone) beside it, and recall@1 counting
     a debunk of the same claim reworded (CHECKED has "信阳封城了" and "信阳要封城了" as two
     debunks; term Dice >= ``SAME_CLAIM_DICE``) as a hit.
   - The label cap, computed: recall@1 of a matcher that finds the claim but picks at random
     among CHECKED's rewordings of it (:func:`debunk_eval.rewording_cap`).
   - The label cap, read (``evaluation/data``, not tuned on): recall@1 over the posts that
     state their debunk's claim, and with a debunk read as the same rumour reworded as a hit.
   - Rumour rewrites of held-apart HRDE debunk titles (``scripts/debunk_paraphrase.py``).
2. **False accusations** (a verified match that lowers the score) on reputable pages, goal 0:
   ``pages-real`` pages rated mainstream, official or fact-check (the whole engine);
   ReCOVery's articles from reliable publishers (title + body) of the half the threshold
   choice never saw (the other half beside it); held-apart HRDE debunk
   articles themselves (title + text, their own entry removed from the index, stance read
   from the text only, no help from the site's reputation). CHECKED real posts beside them.
3. **Cost**: the shipped files on disk, memory after loading, time per page.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import factcheck
from factcheck.steps.factcheckers.claims import extract_claims, refutes
from factcheck.steps.factcheckers.debunks import (
    INDEX_RESOURCE,
    TERMS_RESOURCE,
    VECTORS_RESOURCE,
    load_index,
)
from factcheck.steps.factcheckers.verify import Matcher, load_encoder, load_verifier, verifiable

from .common import REPO, Row, read_gz, recovery_articles

sys.path.insert(0, str(REPO / "scripts"))
from debunk_corpora import all_articles, half
from debunk_eval import SAME_CLAIM_DICE, Query, eval_index, queries, rewording_cap, same_claim

#: Read, not tuned on: does each held-out fake post state its debunk's claim; which other
#: debunks refute the same rumour as a post's own one (pairs met as a top match).
CLAIM_AUDIT = REPO / "evaluation" / "data" / "debunk_claim_audit.tsv"
SAME_RUMOUR = REPO / "evaluation" / "data" / "debunk_same_rumour.tsv"
REPUTABLE = frozenset({"mainstream", "official", "fact-check"})
HRDE_PAGES = 150  # held-apart HRDE articles checked as pages
PARAPHRASES_EVERY = 2  # every other held-apart rewrite (time on a shared 2-core machine)


def recall(
    matcher: Matcher, items: list[Query], tops: dict[Query, str | None] | None = None
) -> tuple[float, float, float, float, float, tuple[float, int]]:
    """(recall@1, recall@5 of the verified match, lexical recall@5, ms per query, recall@1
    counting a debunk of the same claim as the own one: :func:`same_claim`, and recall@1
    averaged over the debunks with the number of debunks: one rumour is posted many times,
    and a few rumours would otherwise make most of the number). ``tops``, when given, gets
    each query's top verified debunk URL (None: none verified)."""
    at1 = at5 = lexical = near = 0
    claim_of = {d.url: d.claim for d in matcher.index.debunks}
    by_debunk: dict[str, list[bool]] = {}
    started = time.perf_counter()
    for item in items:
        found = matcher.match(item.claims)
        verified = [c.debunk for c in found if matcher.verified(c)]
        if tops is not None:
            tops[item] = verified[0].url if verified else None
        hit = bool(verified) and verified[0].url == item.target
        at1 += hit
        by_debunk.setdefault(item.target or "", []).append(hit)
        at5 += item.target in [d.url for d in verified]
        own = claim_of.get(item.target or "")
        near += bool(verified) and own is not None and same_claim(verified[0].claim, own)
    n = max(len(items), 1)
    ms = (time.perf_counter() - started) * 1000 / n
    for item in items:  # the lexical stage alone (match() drops what cannot relate)
        lexical_stage = verifiable(matcher.index, matcher.index.candidates(item.claims))
        lexical += any(c.debunk.url == item.target for c in lexical_stage)
    macro = sum(sum(h) / len(h) for h in by_debunk.values()) / max(len(by_debunk), 1)
    return at1 / n, at5 / n, lexical / n, ms, near / n, (macro, len(by_debunk))


def _tsv(path: Path) -> list[list[str]]:  # after the "#" comments and the header line
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    return [line.split("\t") for line in lines[1:] if line]


def audited(
    fakes: list[Query], tops: dict[Query, str | None]
) -> tuple[float, int, float, dict[str, int]]:
    """Over the fake posts read as stating their debunk's claim (:data:`CLAIM_AUDIT`):
    (recall@1, how many, recall@1 counting a debunk read as refuting the same rumour
    (:data:`SAME_RUMOUR`) as a hit, posts per reading). ``tops``: each post's top verified
    debunk, as :func:`recall` found it."""
    judged = {row[0]: row[1] for row in _tsv(CLAIM_AUDIT)}
    same = {(row[0], row[1]) for row in _tsv(SAME_RUMOUR)}
    stating = [q for q in fakes if judged.get(q.post) == "states"]
    own = sum(tops.get(q) == q.target for q in stating)
    rumour = sum(tops.get(q) == q.target or (q.target, tops.get(q)) in same for q in stating)
    counts: dict[str, int] = {}
    for q in fakes:
        counts[judged.get(q.post, "unread")] = counts.get(judged.get(q.post, "unread"), 0) + 1
    n = max(len(stating), 1)
    return own / n, len(stating), rumour / n, counts


def accuses(matcher: Matcher, title: str, text: str, *, skip_url: str = "") -> tuple[bool, bool]:
    """(a verified match that would lower the score, any verified match)."""
    claims = extract_claims(title, text)
    found = [c for c in matcher.match(claims) if c.debunk.url != skip_url] if claims else []
    verified = any(matcher.verified(c) for c in found)
    stated = any(matcher.asserted(c) for c in found)
    return stated and not refutes(title, text), verified


def pages_real(shared: Path) -> tuple[int, int]:
    """(reputable pages with a debunk_match finding, reputable pages)."""
    root = shared / "data/pages-real"
    bad = n = 0
    for truth in json.loads((root / "truth.json").read_text("utf-8")):
        if truth["reliability"] not in REPUTABLE:
            continue
        report = factcheck.check_html(read_gz(root / truth["file"]), truth["url"])
        codes = [f.code for f in report.step("factcheckers").findings]
        bad += "factcheckers.debunk_match" in codes
        n += 1
    return bad, n


def recovery_reliable(shared: Path, matcher: Matcher) -> dict[int, tuple[int, int]]:
    """Per half (0: every other page seen by the threshold choice), (accused, pages)."""
    rows = [r for r in recovery_articles(shared) if r.get("reliability") == "1"]
    out = {}
    for part in (0, 1):
        mine = [r for r in rows if half(r.get("url") or "") == part]
        accused = [accuses(matcher, r.get("title") or "", r.get("body_text") or "") for r in mine]
        out[part] = (sum(a[0] for a in accused), len(mine))
    return out


def hrde_pages(shared: Path, matcher: Matcher) -> tuple[int, int, int]:
    """(accused, verified at all, n) over held-apart HRDE debunk articles."""
    articles = [a for a in all_articles(shared) if a.language == "zh" and half(a.url) == 1]
    sample = articles[:: max(1, len(articles) // HRDE_PAGES)][:HRDE_PAGES]
    results = [accuses(matcher, a.title, a.text, skip_url=a.url) for a in sample]
    return sum(r[0] for r in results), sum(r[1] for r in results), len(sample)


def cost() -> tuple[float, float, float]:
    """(MB on disk, MB of memory added by loading, seconds to load) in a fresh process."""
    disk = sum(
        (REPO / "factcheck" / name).stat().st_size
        for name in (INDEX_RESOURCE, VECTORS_RESOURCE, TERMS_RESOURCE)
    )
    code = (
        "import re, time\n"
        "from factcheck.steps.factcheckers.verify import load_matcher\n"
        "def rss():\n"
        "    status = open('/proc/self/status').read()\n"
        "    return int(re.search(r'VmRSS:\\s+(\\d+)', status)[1])\n"
        "r0 = rss(); t = time.perf_counter(); m = load_matcher()\n"
        "m.match(['喝柠檬苏打水可以预防新冠肺炎'])\n"
        "print(time.perf_counter() - t, rss() - r0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, kb = out.stdout.split()
    return disk / 1e6, int(kb) / 1024, float(seconds)


CHECKED_DATA = "CHECKED fake posts, held-apart half, vs shipped + CHECKED debunks"


def run(shared: Path) -> list[Row]:
    encode = load_encoder()
    verifier = load_verifier()
    shipped = Matcher(load_index(), verifier, encode)
    evaluated = Matcher(eval_index(shared, encode), verifier, encode)
    held = [q for q in queries(shared) if q.half == 1]
    recall_rows, ms = _recall_rows(evaluated, held)
    fakes = [q for q in held if q.kind == "fake"]
    reals = [q for q in held if q.kind == "real" and not q.refutes]
    real_bad = sum(any(evaluated.verified(c) for c in evaluated.match(q.claims)) for q in reals)
    disk, memory, load = cost()
    return [
        *recall_rows,
        *_accusation_rows(shared, shipped),
        Row(
            "debunks",
            "verified match rate, CHECKED real posts",
            real_bad / max(len(reals), 1),
            len(reals),
            "CHECKED real posts (held-apart half, not refuting)",
            f"{real_bad} of {len(reals)}",
        ),
        Row("debunks", "ms per page (claims, 5 candidates, verify)", ms, len(fakes), CHECKED_DATA),
        Row(
            "debunks",
            "index on disk (MB)",
            disk,
            1,
            "debunks.json.gz + debunks-e5.npy + debunks-terms.npy",
            f"memory after load +{memory:.0f} MB (encoder included); load+first query {load:.2f} s",
        ),
    ]


def _recall_rows(evaluated: Matcher, held: list[Query]) -> tuple[list[Row], float]:
    """The recall rows (fake posts, the same read for the label cap, rewrites) and the ms
    per fake post."""
    fakes = [q for q in held if q.kind == "fake"]
    paras = [q for q in held if q.kind == "para"][::PARAPHRASES_EVERY]
    tops: dict[Query, str | None] = {}
    f1, f5, flex, ms, fnear, (fmacro, fdebunks) = recall(evaluated, fakes, tops)
    p1, p5, plex, _, pnear, _ = recall(evaluated, paras)
    stated = sum(any(evaluated.asserted(c) for c in evaluated.match(q.claims)) for q in fakes)
    a1, a_n, a_rumour, a_counts = audited(fakes, tops)
    cap = rewording_cap({d.url: d.claim for d in evaluated.index.debunks}, fakes)
    readings = ", ".join(f"{k} {v}" for k, v in sorted(a_counts.items()))
    rows = [
        Row(
            "debunks",
            "recall@1 verified (own official debunk)",
            f1,
            len(fakes),
            CHECKED_DATA,
            f"recall@5 verified {f5:.3f}; lexical stage recall@5 {flex:.3f}; recall@1 own "
            f"or same-claim debunk (term Dice >= {SAME_CLAIM_DICE}) {fnear:.3f}; a verified "
            f"match the post states (not only asks) {stated / max(len(fakes), 1):.3f}; "
            f"recall@1 averaged over the {fdebunks} debunks {fmacro:.3f}; label cap "
            f"{cap:.3f} (a matcher that finds the claim but picks at random among "
            f"CHECKED's rewordings of it, term Dice >= {SAME_CLAIM_DICE})",
        ),
        Row(
            "debunks",
            "recall@1 verified, posts that state the claim (read)",
            a1,
            a_n,
            f"the held-out fake posts read as stating their debunk's claim "
            f"({CLAIM_AUDIT.name}: {readings})",
            f"recall@1 own or a debunk read as the same rumour ({SAME_RUMOUR.name}) {a_rumour:.3f}",
        ),
        Row(
            "debunks",
            "recall@1 verified (HRDE title rewrites)",
            p1,
            len(paras),
            "rule-based rumour rewrites of held-apart HRDE titles",
            f"recall@5 verified {p5:.3f}; lexical stage recall@5 {plex:.3f}; own or "
            f"same-claim {pnear:.3f}",
        ),
    ]
    return rows, ms


def _accusation_rows(shared: Path, shipped: Matcher) -> list[Row]:
    """False accusations on the three reputable sets."""
    pr_bad, pr_n = pages_real(shared)
    recovery = recovery_reliable(shared, shipped)
    rc_bad, rc_n = recovery[1]
    hr_bad, hr_verified, hr_n = hrde_pages(shared, shipped)
    return [
        Row(
            "debunks",
            "false accusations, pages-real reputable",
            pr_bad / max(pr_n, 1),
            pr_n,
            "pages-real mainstream/official/fact-check, whole engine",
            f"{pr_bad} of {pr_n}",
        ),
        Row(
            "debunks",
            "false accusations, ReCOVery reliable",
            rc_bad / max(rc_n, 1),
            rc_n,
            "ReCOVery reliable publishers (title + body), the half the threshold never saw",
            f"{rc_bad} of {rc_n}; the other half (seen by the threshold choice) "
            f"{recovery[0][0]} of {recovery[0][1]}",
        ),
        Row(
            "debunks",
            "false accusations, debunk articles",
            hr_bad / max(hr_n, 1),
            hr_n,
            "held-apart HRDE articles as pages, own entry removed",
            f"{hr_bad} of {hr_n}; verified match before the stance check {hr_verified}",
        ),
    ]
