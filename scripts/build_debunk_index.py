"""Build ``factcheck/data/debunks.json.gz``, the offline debunk index of step 7.

Sources (third-party, in ``../shared/data``; see each folder's SOURCE.txt):

- HRDE (github.com/hush-cd/HRDE, Apache-2.0): ``debunks-zh/hrde/reference_date/*.csv``,
  5,952 Chinese debunk articles from 12 outlets (columns title, url, date, text).
- ReCOVery (github.com/apurvamulay/ReCOVery, CC BY-NC-SA 4.0): the handful of rows from
  publishers rated reliable whose URL marks them as fact-checks (Reuters, NPR, Chicago
  Sun-Times). ReCOVery is news, not a fact-check corpus: this adds a few English entries only.

Shipped per article: title, URL, date, outlet and language, plus the inverted index over
the titles' claim terms. The texts stay out. ``--key-terms N`` also indexes each article's N
highest-TF-IDF text terms; it is off by default because it did not help: recall@5 on the
CHECKED evaluation was 0.645 with 0, 0.639 with 24 and 0.651 with 48 key terms, for a file
2.8 times larger (measured while building this, with evaluation/debunks.py).

    .venv/bin/python scripts/build_debunk_index.py            # writes the shipped file
    .venv/bin/python scripts/build_debunk_index.py --shared ../shared --key-terms 24
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.steps.factcheckers.debunks import DebunkIndex, document_frequencies, make_doc  # noqa: E402

OUTPUT = REPO / "factcheck" / "data" / "debunks.json.gz"
DEFAULT_KEY_TERMS = 0
TITLE_MAX = 120

#: HRDE file name -> outlet name shown to the reader.
OUTLETS = {
    "中国食品辟谣网_新华网": "中国食品辟谣网（新华网）",
    "人民网“求真”栏目": "人民网“求真”栏目",
    "公众号-科学辟谣": "科学辟谣（公众号）",
    "公众号-谣言过滤器": "谣言过滤器（公众号）",
    "公众号-辟谣助手": "辟谣助手（公众号）",
    "微博辟谣": "微博辟谣",
    "新浪-捉谣记": "新浪捉谣记",
    "果壳网-谣言粉碎机": "果壳网谣言粉碎机",
    "澎湃新闻": "澎湃新闻",
    "百度辟谣": "百度辟谣",
    "科信食品与健康信息交流中心": "科信食品与健康信息交流中心",
    "联动要闻_中国互联网联合辟谣平台": "中国互联网联合辟谣平台",
}

_FACTCHECK_URL = re.compile(r"fact-?check", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Article:
    title: str
    url: str
    date: str
    outlet: str
    text: str
    language: str


def read_hrde(shared: Path) -> Iterator[Article]:
    """HRDE's debunk articles, cleaned: one line titles, ISO dates, no empty rows."""
    csv.field_size_limit(1 << 30)
    folder = shared / "data" / "debunks-zh" / "hrde" / "reference_date"
    for path in sorted(folder.glob("*.csv")):
        outlet = OUTLETS.get(path.stem, path.stem)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                title = clean_title(row.get("title") or "")
                url = (row.get("url") or "").strip()
                if title and url.startswith(("http://", "https://")):
                    text = row.get("text") or ""
                    yield Article(title, url, iso_date(row.get("date")), outlet, text, "zh")


def read_recovery_factchecks(shared: Path) -> Iterator[Article]:
    """Fact-check articles among ReCOVery's reliable publishers (a few, English)."""
    csv.field_size_limit(1 << 30)
    folder = shared / "data" / "articles-en" / "dataset" / "reliable"
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            for row in csv.DictReader(handle):
                url = (row.get("url") or "").strip()
                title = clean_title(row.get("title") or "")
                if not (_FACTCHECK_URL.search(url) and title.lower().startswith(_EN_PREFIXES)):
                    continue
                outlet = (row.get("publisher") or path.stem).strip()
                date = iso_date(row.get("publish_date"))
                yield Article(title, url, date, outlet, row.get("body_text") or "", "en")


_EN_PREFIXES = ("fact check", "fact-check", "false claim", "true claim", "misleading claim")


def clean_title(raw: str) -> str:
    """First line, white space collapsed, cut to :data:`TITLE_MAX` characters."""
    first = next((line for line in raw.strip().splitlines() if line.strip()), "")
    title = _SPACES.sub(" ", first).strip()
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


def iso_date(raw: str | None) -> str:
    """``YYYY-MM-DD`` from the data's date column, or "" when it is not a date."""
    match = re.search(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", raw or "")
    if not match:
        return ""
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return ""


def unique(articles: Iterator[Article]) -> list[Article]:
    """One entry per URL (HRDE repeats some Weibo posts); the first wins."""
    seen: dict[str, Article] = {}
    for article in articles:
        seen.setdefault(article.url, article)
    return list(seen.values())


def build(articles: list[Article], *, key_terms: int, version: str) -> DebunkIndex:
    df, n = document_frequencies(a.text for a in articles)
    docs = [
        make_doc(
            a.title,
            a.url,
            a.date,
            a.outlet,
            a.text,
            document_frequency=df,
            n_docs=n,
            k=key_terms,
            language=a.language,
        )
        for a in articles
    ]
    return DebunkIndex.from_docs(docs, version=version)


def all_articles(shared: Path) -> list[Article]:
    return unique(iter([*read_hrde(shared), *read_recovery_factchecks(shared)]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--key-terms", type=int, default=DEFAULT_KEY_TERMS)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--version", default="hrde-40c305d+recovery-f0ddb61")
    args = parser.parse_args(argv)
    articles = all_articles(args.shared)
    index = build(articles, key_terms=args.key_terms, version=args.version)
    payload = json.dumps(index.to_json(), ensure_ascii=False, separators=(",", ":"))
    # mtime=0: the same data gives byte-identical output.
    args.output.write_bytes(gzip.compress(payload.encode("utf-8"), compresslevel=9, mtime=0))
    by_language = {lang: sum(a.language == lang for a in articles) for lang in ("zh", "en")}
    print(f"{len(index)} debunks {by_language} -> {args.output} ({args.output.stat().st_size:,} B)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
