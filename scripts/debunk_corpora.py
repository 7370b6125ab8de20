"""Debunk corpora read into one shape, for the index build and the evaluation.

Each reader yields :class:`Article` (title, url, date, outlet, language, claim, text); the
text is used at build time only (term weights), never shipped. A new corpus is either a
reader here or, without code, a file for :func:`read_adapter`:

- CSV with a header, or JSONL (one object per line), with the fields ``title``, ``url`` and
  optionally ``date`` (any ``YYYY-MM-DD``-like form), ``outlet``, ``language`` (default
  ``en``), ``claim`` (the refuted claim; default: the title without debunk framing) and
  ``text``. ClaimReview-style names are accepted too: ``claim_reviewed`` / ``claimReviewed``
  for the claim, ``publisher`` / ``author`` for the outlet, ``date_published`` for the date.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from factcheck.steps.factcheckers.claims import refutes
from factcheck.steps.factcheckers.debunks import Debunk, DebunkIndex
from factcheck.steps.factcheckers.terms import claim_of_title, learn_weights, tokens

TITLE_MAX = 120
CLAIM_MAX = 160

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
CHECKED = Path("data/articles-zh/checked/checked_posts_no_comments.jsonl")

_FACTCHECK_URL = re.compile(r"fact-?check", re.IGNORECASE)
_EN_PREFIXES = ("fact check", "fact-check", "false claim", "true claim", "misleading claim")
_SPACES = re.compile(r"\s+")
_SPREAD = re.compile(r"(?:流传内容|网传|流言)[:：]\s*(.{6,160}?)(?:\s*鉴定结果|$)", re.S)
_QUOTE = re.compile(r"“([^”]{6,120})”")
_CHECKED_CLAIM = re.compile(r"称\s*“([^”]{4,200})”")
_CHECKED_URL = re.compile(r"详情[:：]\s*(https?://[^\s，。,）)]+)")


@dataclass(frozen=True)
class Article:
    title: str
    url: str
    date: str
    outlet: str
    language: str
    claim: str
    text: str = ""
    refutes: bool = True  # False: a health explainer, not a refutation of a claim


def clean(raw: str, limit: int) -> str:
    """First line, white space collapsed, cut to ``limit`` characters."""
    first = next((line for line in raw.strip().splitlines() if line.strip()), "")
    text = _SPACES.sub(" ", first).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def iso_date(raw: str | None) -> str:
    """``YYYY-MM-DD`` from a date column, or "" when it is not a date."""
    match = re.search(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", raw or "")
    if not match:
        return ""
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return ""


def claim_summary(title: str, text: str = "") -> str:
    """The refuted claim: the title without debunk framing, plus the text's statement of
    the rumour ("流传内容：…") or its first quoted claim when the title lacks it."""
    base = _SPACES.sub(" ", claim_of_title(title)).strip(" ：:|｜？?！!")
    found = _SPREAD.search(text[:600]) or _QUOTE.search(title) or _QUOTE.search(text[:300])
    extra = _SPACES.sub(" ", found.group(1)).strip()[:120] if found else ""
    summary = f"{base} {extra}".strip() if extra and extra not in base else base
    return summary[:CLAIM_MAX] or clean(title, CLAIM_MAX)


def read_hrde(shared: Path) -> Iterator[Article]:
    """HRDE's debunk articles, cleaned: one line titles, ISO dates, no empty rows."""
    csv.field_size_limit(1 << 30)
    for path in sorted((shared / "data/debunks-zh/hrde/reference_date").glob("*.csv")):
        outlet = OUTLETS.get(path.stem, path.stem)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                title = clean(row.get("title") or "", TITLE_MAX)
                url = (row.get("url") or "").strip()
                if title and url.startswith(("http://", "https://")):
                    text = row.get("text") or ""
                    claim = claim_summary(row.get("title") or "", text)
                    date = iso_date(row.get("date"))
                    framed = refutes(title, text)
                    yield Article(title, url, date, outlet, "zh", claim, text, framed)


def read_recovery_factchecks(shared: Path) -> Iterator[Article]:
    """Fact-check articles among ReCOVery's reliable publishers (a few, English)."""
    csv.field_size_limit(1 << 30)
    for path in sorted((shared / "data/articles-en/dataset/reliable").glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            for row in csv.DictReader(handle):
                url = (row.get("url") or "").strip()
                title = clean(row.get("title") or "", TITLE_MAX)
                if not (_FACTCHECK_URL.search(url) and title.lower().startswith(_EN_PREFIXES)):
                    continue
                outlet = (row.get("publisher") or path.stem).strip()
                text = row.get("body_text") or ""
                date = iso_date(row.get("publish_date"))
                framed = not title.lower().startswith("true claim")
                yield Article(title, url, date, outlet, "en", claim_summary(title), text, framed)


def read_checked(shared: Path) -> list[Article]:
    """CHECKED's official Weibo debunks (academic use only: evaluation, not shipped), one per
    distinct refuted claim; url ``checked:<claim>`` when the text names no source."""
    seen: dict[str, Article] = {}
    with (shared / CHECKED).open(encoding="utf-8") as handle:
        for line in handle:
            post = json.loads(line) if line.strip() else {}
            analysis = (post.get("analysis") or "").strip()
            if post.get("label") != "fake" or not analysis:
                continue
            claim = checked_claim(analysis)
            title = f"“{claim[: TITLE_MAX - 4]}”不实"
            seen.setdefault(
                claim,
                Article(
                    title, f"checked:{claim}", "", "微博辟谣（CHECKED）", "zh", claim, analysis
                ),
            )
    return list(seen.values())


def checked_claim(analysis: str) -> str:
    """The claim a CHECKED analysis refutes (the quote after 称)."""
    found = _CHECKED_CLAIM.search(analysis) or _QUOTE.search(analysis)
    return _SPACES.sub(" ", found.group(1)).strip()[:CLAIM_MAX] if found else analysis[:80]


def read_adapter(path: Path) -> Iterator[Article]:
    """Articles from a CSV or JSONL corpus file (fields in the module docstring)."""
    for row in _rows(path):
        title = clean(_field(row, "title", "headline"), TITLE_MAX)
        url = _field(row, "url", "review_url", "link")
        if not (title and url.startswith(("http://", "https://"))):
            continue
        text = _field(row, "text", "main_text", "body")
        claim = _field(row, "claim", "claim_reviewed", "claimReviewed") or claim_summary(title)
        yield Article(
            title,
            url,
            iso_date(_field(row, "date", "date_published", "datePublished")),
            _field(row, "outlet", "publisher", "author", "fact_checkers") or path.stem,
            _field(row, "language", "lang") or "en",
            clean(claim, CLAIM_MAX),
            text,
            _field(row, "rating", "label", "verdict").lower() not in ("true", "correct"),
        )


def _rows(path: Path) -> Iterable[Mapping[str, object]]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        if path.suffix.lower() in (".jsonl", ".json"):
            yield from (json.loads(line) for line in handle if line.strip())
        else:
            yield from csv.DictReader(handle, delimiter="\t" if path.suffix == ".tsv" else ",")


def _field(row: Mapping[str, object], *names: str) -> str:
    for name in names:
        value = row.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def unique(articles: Iterable[Article]) -> list[Article]:
    """One entry per URL (HRDE repeats some Weibo posts); the first wins."""
    seen: dict[str, Article] = {}
    for article in articles:
        seen.setdefault(article.url, article)
    return list(seen.values())


def all_articles(shared: Path) -> list[Article]:
    """The shipped corpora (HRDE and ReCOVery's fact-checks), one entry per URL."""
    return unique([*read_hrde(shared), *read_recovery_factchecks(shared)])


def half(key: str) -> int:
    """0 = tuning, 1 = held apart: a stable split by a hash of ``key`` (a claim, a URL)."""
    return hashlib.sha1(key.encode("utf-8")).digest()[0] % 2


def build_index(articles: Sequence[Article], *, version: str, source: str) -> DebunkIndex:
    """Entries and weights learned from the articles' texts (no embeddings)."""
    debunks = [
        Debunk(a.title, a.url, a.date, a.outlet, a.language, a.claim, a.refutes) for a in articles
    ]
    vocabulary = {t for d in debunks for t in tokens(d.claim)}
    weights = learn_weights((a.text or a.claim for a in articles), vocabulary)
    return DebunkIndex(debunks, weights, version=version, source=source)


def with_vectors(index: DebunkIndex, vectors: np.ndarray) -> DebunkIndex:
    return DebunkIndex(
        index.debunks, index.weights, vectors, version=index.version, source=index.source
    )


if __name__ == "__main__":  # a quick look: python scripts/debunk_corpora.py FILE
    for item in read_adapter(Path(sys.argv[1])):
        print(item.title, item.url, item.claim, sep=" | ")
