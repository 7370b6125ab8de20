"""Rebuild ``factcheck/data/sources_imported.tsv`` from the public lists in ``../shared``,
and ``factcheck/data/sources.compiled.json`` (sources.yaml pre-parsed, for fast loading).

    .venv/bin/python scripts/import_sources.py [--shared DIR] [--out FILE] [--exclude LIST ...]

Lists (each cited in its ``SOURCE.txt``):

* ``lin``: Lin et al. 2023 (PNAS Nexus) aggregate quality ``pc1`` (0..1) for 11,520 domains.
  ``lin-independent`` instead uses only Lin's *raw* (not imputed) Ad Fontes Media and
  fact-checker columns, so it carries nothing from MBFC (used by ``evaluation/sources.py``).
* ``mbfc``: Media Bias/Fact Check factuality and bias via Baly et al. (EMNLP 2018, ACL 2020).
* ``opensources``: OpenSources (2017) types: fake, satire, conspiracy, junksci ...

Merge rule: the rating comes from Lin's pc1 when present, else MBFC factuality, else the
OpenSources type; the kind comes from OpenSources when it types the domain (so a satire
site stays "satire" whatever its rating), else "news". Entries with a path
("newyorker.com/humor") are skipped: the knowledge base works on domains. Curated entries in
``sources.yaml`` override these rows at lookup time. The output is sorted and stable: the same
inputs give the same file byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "factcheck" / "data" / "sources_imported.tsv"
LISTS = ("lin", "lin-independent", "mbfc", "opensources")

LIN = "hauselin/domain-quality-ratings 5671d57, 2023-09-14"
ORIGINS = {
    "lin": f"Lin et al. 2023 pc1 ({LIN})",
    "lini": f"Lin et al. 2023 raw AFM + fact-checker columns ({LIN})",
    "mbfc": "Media Bias/Fact Check via Baly et al. 2018/2020 "
    "(ramybaly/News-Media-Reliability 28ab9b4, 2020-07-16)",
    "os": "OpenSources (OpenSourcesGroup/opensources 2fb428d, 2017-04-28)",
}

#: OpenSources type -> (kind, rating used when no other list rates the domain).
OPENSOURCES_KINDS = {
    "fake": ("fake", 5),
    "fake news": ("fake", 5),
    "conspiracy": ("conspiracy", 10),
    "junksci": ("junk_science", 10),
    "hate": ("hate", 10),
    "rumor": ("rumor_mill", 15),
    "unreliable": ("unreliable", 25),
    "unrealiable": ("unreliable", 25),
    "clickbait": ("clickbait", 30),
    "bias": ("bias", 35),
    "satire": ("satire", None),
    "satirical": ("satire", None),
    "political": ("bias", 45),
    "state": ("state_media", 40),
    "blog": ("blog", None),
    "reliable": ("news", 80),
}
#: Most telling kind first: a site typed both "bias" and "fake" is "fake".
KIND_ORDER = ("satire", "fake", "conspiracy", "junk_science", "hate", "rumor_mill", "unreliable",
              "clickbait", "bias", "state_media", "blog", "news")  # fmt: skip
MBFC_RATING = {"high": 80, "mixed": 50, "low": 20}
_RAW = re.compile(r"^-?\d+(\.\d{1,4})?$")  # Lin's raw values have <= 4 decimals; imputed ~15
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")


@dataclass
class Row:
    domain: str
    kinds: list[str] = field(default_factory=list)
    ratings: dict[str, int] = field(default_factory=dict)  # list code -> rating
    reasons: list[str] = field(default_factory=list)

    def merged(self) -> tuple[str, int | None, list[str]]:
        kind = next((k for k in KIND_ORDER if k in self.kinds), "news")
        rating = next(
            (self.ratings[c] for c in ("lin", "lini", "mbfc", "os") if c in self.ratings), None
        )
        codes = [
            c
            for c in ("lin", "lini", "mbfc", "os")
            if c in self.ratings or (c == "os" and self.kinds)
        ]
        return kind, rating, codes

    def line(self) -> str:
        kind, rating, codes = self.merged()
        reasons = "; ".join(r.replace("\t", " ") for r in self.reasons)
        cells = (self.domain, kind, "" if rating is None else str(rating), "+".join(codes), reasons)
        return "\t".join(cells)


def clean_domain(value: str) -> str | None:
    """A bare registered-looking domain, or None for paths, junk and spaces."""
    domain = value.strip().lower().rstrip("/").removeprefix("http://").removeprefix("https://")
    domain = domain.removeprefix("www.")
    if "/" in domain or "#" in domain or not _DOMAIN.match(domain):
        return None
    return domain


def read_lin(shared: Path, rows: dict[str, Row], *, independent: bool) -> int:
    path = shared / "lin2023-domain-ratings" / "data" / "domain_ratings.csv"
    added = 0
    with path.open(encoding="utf-8") as handle:
        for rec in csv.DictReader(handle):
            domain = clean_domain(rec["domain"])
            if domain is None:
                continue
            if independent:
                raw = [float(rec[c]) for c in ("afm", "fc") if _RAW.match(rec[c])]
                if not raw:
                    continue
                value, code = sum(raw) / len(raw), "lini"
                reason = f"Lin et al. 2023 raw AFM/fact-checker rating {value:.2f}"
            else:
                value, code = float(rec["pc1"]), "lin"
                reason = f"Lin et al. 2023 quality {value:.2f} (0..1)"
            row = rows.setdefault(domain, Row(domain))
            row.ratings[code] = round(100 * value)
            row.reasons.append(reason)
            added += 1
    return added


def read_mbfc(shared: Path, rows: dict[str, Row]) -> int:
    labels: dict[str, tuple[str, str]] = {}
    for corpus in ("emnlp18", "acl2020"):  # the later corpus wins for outlets in both
        path = shared / "baly-mbfc" / "data" / corpus / "corpus.tsv"
        with path.open(encoding="utf-8") as handle:
            for rec in csv.DictReader(handle, delimiter="\t"):
                domain = clean_domain(rec["source_url_normalized"])
                if domain and rec["fact"] in MBFC_RATING:
                    labels[domain] = (rec["fact"], rec["bias"])
    for domain, (fact, bias) in labels.items():
        row = rows.setdefault(domain, Row(domain))
        row.ratings["mbfc"] = MBFC_RATING[fact]
        row.reasons.append(f"MBFC factuality {fact}, bias {bias}")
    return len(labels)


def read_opensources(shared: Path, rows: dict[str, Row]) -> int:
    path = shared / "opensources" / "sources" / "sources.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    added = 0
    for raw_domain, rec in sorted(data.items()):
        domain = clean_domain(raw_domain)
        if domain is None:
            continue
        types = [rec.get(k, "").strip().lower() for k in ("type", "2nd type", "3rd type")]
        mapped = [OPENSOURCES_KINDS[t] for t in types if t in OPENSOURCES_KINDS]
        if not mapped:
            continue
        row = rows.setdefault(domain, Row(domain))
        row.kinds.extend(kind for kind, _ in mapped)
        first_rating = next((r for _, r in mapped if r is not None), None)
        if first_rating is not None:
            row.ratings.setdefault("os", first_rating)
        row.reasons.append("OpenSources: " + ", ".join(t for t in types if t))
        added += 1
    return added


def build(shared: Path, exclude: Iterable[str] = ()) -> dict[str, Row]:
    """Rows from every list not in ``exclude`` (``lin`` and ``lin-independent`` exclude
    each other: pass one of them)."""
    exclude = set(exclude)
    rows: dict[str, Row] = {}
    if "lin" not in exclude:
        read_lin(shared, rows, independent=False)
    elif "lin-independent" not in exclude:
        read_lin(shared, rows, independent=True)
    if "mbfc" not in exclude:
        read_mbfc(shared, rows)
    if "opensources" not in exclude:
        read_opensources(shared, rows)
    return rows


def render(rows: dict[str, Row], shared: Path) -> str:
    used = sorted({c for row in rows.values() for c in row.merged()[2]})
    head = [
        "# factcheck imported source ratings. Generated by scripts/import_sources.py; do not edit.",
        "# columns: domain, kind, rating (0-100), origin codes (+), reasons (; )",
        f"#generated\tfrom shared/data/sources: {', '.join(ORIGINS[c] for c in used)}",
        *(f"#origin\t{code}\t{ORIGINS[code]}" for code in used),
    ]
    return "\n".join([*head, *(rows[d].line() for d in sorted(rows))]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data" / "sources")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--exclude", nargs="*", default=["lin-independent"], choices=LISTS)
    args = parser.parse_args(argv)
    rows = build(args.shared, args.exclude)
    args.out.write_text(render(rows, args.shared), encoding="utf-8")
    print(f"wrote {len(rows)} domains to {args.out}", file=sys.stderr)
    if args.out == DEFAULT_OUT:
        compile_curated()
    return 0


def compile_curated(
    yaml_path: Path = REPO / "factcheck" / "data" / "sources.yaml",
    out: Path = REPO / "factcheck" / "data" / "sources.compiled.json",
) -> None:
    """Pre-parse sources.yaml to JSON (keyed by the YAML's sha256) so loading skips YAML."""
    sys.path.insert(0, str(REPO))
    from factcheck.knowledge.sources import yaml_digest

    text = yaml_path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    payload = {"sha256": yaml_digest(text), "data": data}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    out.write_text(body + "\n", "utf-8")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
