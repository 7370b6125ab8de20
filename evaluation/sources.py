"""Source step: how well the step-1 score separates reliable from unreliable domains.

Held-out list: Media Bias/Fact Check factuality via Baly et al. (``baly-mbfc``; "high" =
reliable, "low" = unreliable, "mixed" left out). The knowledge base used for measuring is
rebuilt WITHOUT it, by the same code as the shipped import (``scripts/import_sources.py``):

* ``independent`` (the headline number): curated ``sources.yaml`` + OpenSources + only the
  *raw* Ad Fontes Media and fact-checker columns of Lin et al. 2023. Lin's ``pc1`` is left
  out because it is a principal component over raters that include MBFC (and its imputed
  columns are filled from MBFC too), so it would grade MBFC with MBFC.
* ``with Lin pc1`` (comparison, leaks MBFC): curated + OpenSources + Lin pc1.
* ``curated only``: the hand-written entries alone.

Each held-out domain runs through the real step 1 on an empty page at its address; the step
score is the ranking score, and an unknown domain (step "unknown") scores a neutral 50.
AUC is the Mann-Whitney probability that a reliable domain outscores an unreliable one
(ties count half). Coverage: share of held-out domains the rebuilt base knows.

Also measured here: loading cost, ``import factcheck`` and the first lookup (which reads
sources.yaml and the imported table), in fresh interpreters, median of 5.
"""

from __future__ import annotations

import csv
import importlib.util
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from factcheck.engine import finish_step
from factcheck.i18n import LocalText
from factcheck.knowledge.sources import SourceDB, SourceEntry
from factcheck.page.model import Page
from factcheck.resources import default_resources
from factcheck.steps import CheckContext
from factcheck.steps.source.check import SourceCheck

from .common import REPO, Row, auc_labelled

NOW = datetime(2026, 11, 22, tzinfo=UTC)


def _importer() -> ModuleType:
    """``scripts/import_sources.py``: the very code that builds the shipped table."""
    if "import_sources" in sys.modules:
        return sys.modules["import_sources"]
    path = REPO / "scripts" / "import_sources.py"
    spec = importlib.util.spec_from_file_location("import_sources", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_sources"] = module
    spec.loader.exec_module(module)
    return module


def held_out_labels(sources_dir: Path) -> dict[str, int]:
    """MBFC factuality per domain: 1 = high, 0 = low (mixed left out)."""
    importer = _importer()
    labels: dict[str, int] = {}
    for corpus in ("emnlp18", "acl2020"):
        path = sources_dir / "baly-mbfc" / "data" / corpus / "corpus.tsv"
        with path.open(encoding="utf-8") as handle:
            for rec in csv.DictReader(handle, delimiter="\t"):
                domain = importer.clean_domain(rec["source_url_normalized"])
                if domain and rec["fact"] in ("high", "low"):
                    labels[domain] = int(rec["fact"] == "high")
                elif domain:
                    labels.pop(domain, None)
    return labels


def imported_without(sources_dir: Path, exclude: set[str]) -> dict[str, SourceEntry]:
    """The imported layer rebuilt from every list but ``exclude``."""
    importer = _importer()
    rows = importer.build(sources_dir, exclude)
    entries = {}
    for domain, row in rows.items():
        kind, rating, codes = row.merged()
        entries[domain] = SourceEntry(
            domain, _name(domain), kind, rating, tuple(row.reasons), "+".join(codes)
        )
    return entries


def _name(domain: str) -> LocalText:
    return LocalText(domain, domain)


def step_scores(domains: list[str], db: SourceDB) -> tuple[list[float], int]:
    """Step-1 score per domain (50 when the step is unknown) and how many were known."""
    check, ctx = (
        SourceCheck(),
        CheckContext(now=NOW, resources=default_resources().with_sources(db)),
    )
    scores, known = [], 0
    for domain in domains:
        page = Page.from_html("<html><body></body></html>", f"https://{domain}/")
        result = finish_step(check, check.run(page, ctx))
        known += db.lookup(domain) is not None
        scores.append(float(result.score) if result.score is not None else 50.0)
    return scores, known


_LOADING = """
import time
t0 = time.perf_counter()
import factcheck
t1 = time.perf_counter()
from factcheck.knowledge.domains import registered_domain
from factcheck.knowledge.sources import default_sources
db = default_sources()
t2 = time.perf_counter()
registered_domain("www.example-unlisted.org")
t3 = time.perf_counter()
db.lookup("www.example-unlisted.org")
t4 = time.perf_counter()
print(*(1000 * x for x in (t1 - t0, t2 - t1, t3 - t2, t4 - t3)))
"""


def loading_cost(runs: int = 5) -> list[float]:
    """Median ms, fresh interpreters: ``import factcheck``; sources.yaml load; tldextract's
    first call; first lookup (reads the imported table)."""
    samples: list[list[float]] = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _LOADING], capture_output=True, text=True, check=True, cwd=REPO
        ).stdout.split()
        samples.append([float(x) for x in out])
    return [statistics.median(column) for column in zip(*samples, strict=True)]


def run(shared: Path) -> list[Row]:
    sources_dir = shared / "data" / "sources"
    labels = held_out_labels(sources_dir)
    domains = sorted(labels)
    y = [labels[d] for d in domains]
    n_pos = sum(y)
    data = f"MBFC (Baly) held out: {n_pos} high vs {len(y) - n_pos} low"
    variants = {
        "independent (no MBFC info)": {"mbfc", "lin"},
        "with Lin pc1 (leaks MBFC)": {"mbfc", "lin-independent"},
        "curated only": {"mbfc", "lin", "lin-independent", "opensources"},
    }
    results = {}
    for label, exclude in variants.items():
        db = SourceDB.load(overlays=(), imported=imported_without(sources_dir, exclude))
        scores, known = step_scores(domains, db)
        covered = [i for i, d in enumerate(domains) if db.lookup(d) is not None]
        results[label] = (
            auc_labelled(y, scores),
            known / len(domains),
            auc_labelled([y[i] for i in covered], [scores[i] for i in covered]),
        )
    main = results["independent (no MBFC info)"]
    others = "; ".join(f"{k}: AUC {v[0]:.3f}, coverage {v[1]:.2f}" for k, v in results.items())
    import_ms, yaml_ms, tld_ms, table_ms = loading_cost()
    load_ms = yaml_ms + tld_ms + table_ms
    parts = f"sources.yaml {yaml_ms:.0f} + tldextract {tld_ms:.0f} + imported table {table_ms:.0f}"
    return [
        Row("sources", "step-1 AUC reliable vs unreliable", main[0], len(y), data, others),
        Row("sources", "coverage of held-out domains", main[1], len(y), data, "independent base"),
        Row("sources", "AUC on covered domains only", main[2], len(y), data, "independent base"),
        Row("sources", "import factcheck (ms, median of 5)", import_ms, 5, "fresh interpreter"),
        Row("sources", "load KB + first lookup (ms)", load_ms, 5, "fresh interpreter", parts),
    ]
