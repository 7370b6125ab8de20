"""The sober reputable headlines of issue 13: a false-alarm test list for step 2.

    .venv/bin/python -m evaluation.sober_list      # rewrites evaluation/data/sober_headlines.tsv

Every row is a real headline from a reputable source in ``../shared`` (never written here):

- ``pages-real/truth.json`` headlines of pages rated mainstream, official or fact-check;
- ReCOVery titles of publishers rated reliable (up to 6 a publisher, plus up to 4 in an
  explainer form: How/What/Why/When/Who/Where ... or a question);
- HRDE debunk titles (12 fact-check outlets) in a verdict form ("网传…？真相是…", "…？假的",
  "谣言：…") or an explainer form (如何/为什么/怎么/是什么/哪些 …), up to 14 an outlet.

They are non-clickbait by assumption (who wrote them), not by anyone's reading of each row.
Rows are split into a tuning half and a held-out half **by source** (publisher, outlet or
site): ``sha1("sober|" + source)`` even = tune. Nothing may be fitted or tuned on the
held-out half; the false-positive rate reported is the held-out half's.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .common import REPO, shared_dir

LIST_PATH = REPO / "evaluation" / "data" / "sober_headlines.tsv"
COLUMNS = ("lang", "split", "kind", "source", "headline", "provenance")
PER_PUBLISHER = 6
PER_PUBLISHER_EXPLAINER = 4
PER_OUTLET = 14
EN_EXPLAINER = re.compile(r"^(how|what|why|when|who|where|which|is|are|can|should|do|does)\b|\?")
ZH_VERDICT = re.compile(
    r"[？?].{0,12}(真相|假的|不实|谣言|辟谣|回应|官方|警方|专家|别信|是真是假|答案)|^谣言[：:]|辟谣|不实"
)
ZH_EXPLAINER = re.compile(r"如何|为什么|为何|怎么|怎样|是什么|哪些|能不能|可以吗|吗[？?]|[？?]$")


@dataclass(frozen=True)
class Sober:
    lang: str
    split: str  # "tune" or "heldout"
    kind: str  # news | explainer | debunk
    source: str  # publisher, outlet or site: the unit of the split
    headline: str
    provenance: str

    def cells(self) -> list[str]:
        return [self.lang, self.split, self.kind, self.source, self.headline, self.provenance]


def split_of(source: str) -> str:
    digest = hashlib.sha1(f"sober|{source}".encode()).hexdigest()
    return "tune" if int(digest[:8], 16) % 2 == 0 else "heldout"


def _rank(text: str) -> str:
    """A fixed order independent of file order: the sample is the first rows by this hash."""
    return hashlib.sha1(f"sober-sample|{text}".encode()).hexdigest()


def _clean(text: str) -> str:
    return " ".join(text.split())


def _pages_real(data: Path) -> Iterator[tuple[str, str, str, str, str]]:
    truth = json.loads((data / "pages-real/truth.json").read_text(encoding="utf-8"))
    for page in truth:
        if page["reliability"] in ("mainstream", "official", "fact-check") and page["headline"]:
            site = urlsplit(page["url"]).hostname or page["file"]
            site = site.removeprefix("www.")
            kind = "explainer" if _explainer(page["headline"], page["lang"]) else "news"
            yield page["lang"], kind, site, page["headline"], f"pages-real/{page['file']}"


def _explainer(text: str, lang: str) -> bool:
    return bool((EN_EXPLAINER if lang == "en" else ZH_EXPLAINER).search(text.lower()))


def _recovery(data: Path) -> Iterator[tuple[str, str, str, str, str]]:
    csv.field_size_limit(sys.maxsize)
    by_publisher: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((data / "articles-en/dataset/reliable").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                title = _clean(row.get("title") or "")
                if title:
                    by_publisher.setdefault(row["publisher"], []).append((title, row["url"]))
    for publisher, rows in sorted(by_publisher.items()):
        ranked = sorted(dict(rows).items(), key=lambda tu: _rank(tu[0]))
        plain = [r for r in ranked if not _explainer(r[0], "en")][:PER_PUBLISHER]
        explain = [r for r in ranked if _explainer(r[0], "en")][:PER_PUBLISHER_EXPLAINER]
        for kind, chosen in (("news", plain), ("explainer", explain)):
            for title, url in chosen:
                yield "en", kind, publisher, title, f"ReCOVery reliable: {url}"


def _hrde(data: Path) -> Iterator[tuple[str, str, str, str, str]]:
    csv.field_size_limit(sys.maxsize)
    for path in sorted((data / "debunks-zh/hrde/reference_date").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = {_clean(r.get("title") or ""): r.get("url", "") for r in csv.DictReader(handle)}
        picked = [
            (t, u)
            for t, u in sorted(rows.items(), key=lambda tu: _rank(tu[0]))
            if 6 <= len(t) <= 60 and (ZH_VERDICT.search(t) or ZH_EXPLAINER.search(t))
        ][:PER_OUTLET]
        for title, url in picked:
            kind = "debunk" if ZH_VERDICT.search(title) else "explainer"
            yield "zh", kind, path.stem, title, f"HRDE {path.stem}: {url}"


def build(shared: Path) -> list[Sober]:
    data = shared / "data"
    rows: list[Sober] = []
    seen: set[str] = set()
    for lang, kind, source, headline, provenance in (
        *_pages_real(data),
        *_recovery(data),
        *_hrde(data),
    ):
        if headline not in seen:
            seen.add(headline)
            rows.append(Sober(lang, split_of(source), kind, source, headline, provenance))
    return rows


def load(path: Path = LIST_PATH) -> list[Sober]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        if tuple(header) != COLUMNS:
            raise ValueError(f"unexpected columns in {path}: {header}")
        return [Sober(*row) for row in reader]


def write(rows: list[Sober], path: Path = LIST_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(r.cells() for r in rows)


if __name__ == "__main__":
    built = build(shared_dir())
    write(built)
    print(f"{len(built)} rows -> {LIST_PATH}", file=sys.stderr)
