"""Dates as pages write them: the patterns, the signal type, and :func:`parse_date`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from dateutil import parser as dateutil_parser

PUBLISHED = "published"
MODIFIED = "modified"
REVIEWED = "reviewed"

#: WeChat's Unix times are shown to readers in China Standard Time.
CHINA_TIME = timezone(timedelta(hours=8))
#: Dates before the web's mass adoption are almost always parsing noise (or history).
EARLIEST = date(1995, 1, 1)

_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/.年]\s?(\d{1,2})[-/.月]\s?(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?!\d)")
#: "05/09/2024": month first, as US pages and their JSON-LD write it (a first number
#: above 12 can only be a day: "25/12/2024").
_SLASHED = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?!\d)")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)")
_EPOCH = re.compile(r"^\s*(1\d{9})(\d{3})?\s*$")
_HAS_MONTH_WORD = re.compile(r"[A-Za-z]{3}")

_PAGE_TYPES = frozenset(["webpage", "itempage", "aboutpage", "faqpage", "qapage", "videoobject"])

_META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "publish_date",
    "publishdate",
    "publish-date",
    "pubdate",
    "publication_date",
    "citation_publication_date",
    "citation_online_date",
    "citation_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "prism.publicationdate",
    "bt:pubdate",
    "date_published",
    "date",
)
_META_MODIFIED = (
    "article:modified_time",
    "og:updated_time",
    "og:modified_time",
    "article:modified",
    "modified_time",
    "datemodified",
    "last-modified",
    "lastmod",
    "dc.date.modified",
    "dcterms.modified",
    "parsely-updated",
    "updated",
)
# Chinese labels in front of a date (visible text, often outside the main text).
_ZH_LABELLED = re.compile(
    r"(发布时间|发布日期|发表时间|发表日期|发布于|发布|时间|日期|来源时间|更新时间|更新于|更新日期|"
    r"最后更新|修改时间|修订日期|审核时间|审核日期)\s*[:：]?\s*"
    r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})日?"
)
# "Medically reviewed on May 1, 2023", "Last reviewed: 2023-05-01". The pattern starts at
# "eview", a literal the regex engine finds fast (a leading optional group made it crawl,
# and even ``[Rr]`` is three times slower on large pages); the R is checked before the match.
_EN_REVIEWED = re.compile(
    r"eview(?:ed|\s+date)\s*(?:on|:)?\s*"
    r"([A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)"
)
_MONTH_DATE = (
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+(?:19|20)\d\d"
    r"|\d{1,2}\.?\s+[A-Z][a-z]{2,8}\.?\s+(?:19|20)\d\d"
)
_NUM_DATE = r"(?:19|20)\d\d-\d\d-\d\d|\d{1,2}\.\d{1,2}\.(?:19|20)\d\d"
# Visible labels in front of a date, in the languages of the pages we meet most.
_LABELLED = re.compile(
    r"(Published|Posted|First published|Publication date|Date published|Veröffentlicht|Erstellt|"
    r"Publiziert|Publié|Publicado|Pubblicato|Gepubliceerd|Updated|Last updated|Last modified|"
    r"Aktualisiert|Zuletzt aktualisiert|Geändert|Mis à jour|Actualizado)\b"
    r"(?:\s+(?:on|am|le|el|il|at|op))?\s*:?\s*"
    rf"({_MONTH_DATE}|{_NUM_DATE})"
)
_UPDATE_LABEL = re.compile(r"updat|modif|aktualis|geändert|mis à jour|actualiz", re.IGNORECASE)
# WeChat's create time in page script: ``var ct = "1700000000"``. The key comes first so the
# regex engine jumps between the few characters a key starts with (a leading ``\b`` or
# optional ``var`` made it try every position of scripts that run to hundreds of KB); the
# word boundary and the ``var`` shown in the evidence are checked around each match.
_VAR_BEFORE = re.compile(r"\bvar\s+\Z")
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|\d{2,}|$)"
)


@dataclass(frozen=True, slots=True)
class DateSignal:
    """One date seen on the page: what it claims to be, where, and the exact text."""

    day: date
    role: str  # published | modified | reviewed
    origin: str  # json-ld | meta | microdata | time | time-any | time-text | script | text
    #              | label | url | htmldate
    evidence: str

    @property
    def iso(self) -> str:
        return self.day.isoformat()


# -- parsing -------------------------------------------------------------------------------


def parse_date(text: str | None, *, latest: date | None = None) -> date | None:
    """A calendar date from an ISO string, a Chinese date, a Unix time or free English text.

    The date written is kept (no time-zone shift): "2023-05-01T23:30-05:00" is 2023-05-01.
    Dates before 1995 or after ``latest`` (when given, plus one year) are refused as noise.
    """
    if not text:
        return None
    text = text.strip()[:80]
    found = _parse_known(text)
    if found is None and _HAS_MONTH_WORD.search(text):
        found = _parse_free(text)
    if found is None or found < EARLIEST:
        return None
    if latest is not None and found.year > latest.year + 1:
        return None
    return found


def _parse_known(text: str) -> date | None:
    epoch = _EPOCH.match(text)
    if epoch:
        return datetime.fromtimestamp(int(epoch.group(1)), tz=UTC).date()
    slashed = _SLASHED.search(text)
    if slashed and not _ISO.search(text):
        first, second, year = slashed.groups()
        order = (year, second, first) if int(first) > 12 else (year, first, second)
        return _safe_date(*order)
    for pattern, order in ((_ISO, (0, 1, 2)), (_DMY, (2, 1, 0)), (_COMPACT, (0, 1, 2))):
        match = pattern.search(text)
        if match:
            parts = match.groups()
            day = _safe_date(parts[order[0]], parts[order[1]], parts[order[2]])
            if day:
                return day
    return None


def _parse_free(text: str) -> date | None:
    try:
        parsed = dateutil_parser.parse(text, fuzzy=True, ignoretz=True, default=datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed.year > 1 else None


def _safe_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
