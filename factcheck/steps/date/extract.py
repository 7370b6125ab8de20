"""Published, modified and reviewed dates of a page, from every place they hide.

Structured signals (JSON-LD, ``<meta>``, ``<time>``, microdata, WeChat's create time in the
page script, labelled Chinese dates such as 发布时间) are read here in one cheap pass over
the shared tree. htmldate's answer (already computed by trafilatura inside
``page.extraction``, ``original_date=True``) is one more vote. :func:`page_dates` combines
them by source priority and agreement; nothing here downloads or parses HTML again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from dateutil import parser as dateutil_parser

from factcheck.page.jsonld import ARTICLE_TYPES, node_types
from factcheck.page.language import is_chinese

if TYPE_CHECKING:
    from factcheck.page.model import Page

PUBLISHED = "published"
MODIFIED = "modified"
REVIEWED = "reviewed"

#: WeChat's Unix times are shown to readers in China Standard Time.
CHINA_TIME = timezone(timedelta(hours=8))
#: Dates before the web's mass adoption are almost always parsing noise (or history).
EARLIEST = date(1995, 1, 1)

_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/.年]\s?(\d{1,2})[-/.月]\s?(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)(?!\d)")
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
_WECHAT_TIME = re.compile(
    r"(ct|ori_create_time|create_time|publish_time)\s*[=:]\s*[\"']?(1\d{9})[\"']?"
)
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


@dataclass(frozen=True, slots=True)
class PageDates:
    """The chosen dates plus every signal that was considered."""

    published: DateSignal | None
    modified: DateSignal | None
    reviewed: DateSignal | None
    signals: tuple[DateSignal, ...]

    @property
    def latest(self) -> DateSignal | None:
        """The newest of published, modified and reviewed: how current the page claims to be."""
        chosen = [s for s in (self.published, self.modified, self.reviewed) if s]
        return max(chosen, key=lambda s: s.day) if chosen else None


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


# -- signals -------------------------------------------------------------------------------


def jsonld_signals(page: Page, latest: date | None = None) -> Iterator[DateSignal]:
    """datePublished / dateModified / lastReviewed, article nodes first, then web pages."""
    nodes = page.jsonld.nodes
    ranked = sorted(nodes, key=lambda n: _jsonld_rank(n))
    for node in ranked:
        if _jsonld_rank(node) > 1:
            break
        for key, role in (
            ("datePublished", PUBLISHED),
            ("dateCreated", PUBLISHED),
            ("uploadDate", PUBLISHED),
            ("dateModified", MODIFIED),
            ("lastReviewed", REVIEWED),
        ):
            value = node.get(key)
            if isinstance(value, list) and value:
                value = value[0]
            if isinstance(value, str | int):
                day = parse_date(str(value), latest=latest)
                if day:
                    yield DateSignal(day, role, "json-ld", f'"{key}": "{value}"')


def _jsonld_rank(node: Any) -> int:
    types = {t.lower() for t in node_types(node)}
    if types & ARTICLE_TYPES:
        return 0
    if types & _PAGE_TYPES:
        return 1
    return 2


def meta_signals(page: Page, latest: date | None = None) -> Iterator[DateSignal]:
    for keys, role in ((_META_PUBLISHED, PUBLISHED), (_META_MODIFIED, MODIFIED)):
        for key in keys:
            for value in page.meta.get(key, ())[:1]:
                day = parse_date(value, latest=latest)
                if day:
                    yield DateSignal(day, role, "meta", f'<meta {key}="{value}">')


def time_signals(page: Page, latest: date | None = None) -> Iterator[DateSignal]:
    """``<time datetime>``, microdata ``itemprop=datePublished|dateModified`` elements, and
    the first ``<time>`` without ``datetime`` whose text is a date."""
    times = page.elements("time")
    marked = [
        el
        for el in page.itemprop_elements
        if el.get("itemprop") in ("datePublished", "dateModified")
        and el.tag not in ("meta", "time")
    ]
    for el in ([t for t in times if t.get("datetime")] + marked)[:20]:
        value = el.get("datetime") or el.get("content") or (el.text_content() or "")
        day = parse_date(value, latest=latest)
        if day:
            yield _time_signal(el, day, value)
    for el in times:
        text = (el.text_content() or "").strip()
        day = (
            parse_date(text, latest=latest)
            if not el.get("datetime") and 6 <= len(text) <= 40
            else None
        )
        if day:
            role = (
                MODIFIED
                if re.search(r"modif|updat", (el.get("class") or "").lower())
                else PUBLISHED
            )
            yield DateSignal(day, role, "time-text", f"<time>{text}</time>")
            return


def _time_signal(el: Any, day: date, value: str) -> DateSignal:
    parent = el.getparent()
    hint = " ".join(
        (
            el.get("itemprop") or "",
            el.get("class") or "",
            parent.get("class") or "" if parent is not None else "",
        )
    ).lower()
    role = MODIFIED if re.search(r"modif|updat", hint) else PUBLISHED
    explicit = el.get("pubdate") is not None or re.search(
        r"publish|posted|entry-date|created", hint
    )
    origin = "microdata" if el.get("itemprop") else "time"
    return DateSignal(
        day, role, origin if explicit or role == MODIFIED else "time-any", _tag(el, value)
    )


def _tag(el: Any, value: str) -> str:
    return f'<{el.tag} {"datetime" if el.get("datetime") else "content"}="{value.strip()[:60]}">'


def script_signals(page: Page) -> Iterator[DateSignal]:
    """WeChat keeps the article's creation time as a Unix time in page script."""
    scripts = page.scripts_text  # far smaller than the HTML
    if "create_time" not in scripts and "var ct" not in scripts:
        return
    for match in _WECHAT_TIME.finditer(scripts):
        start = match.start()
        if start and _is_word_char(scripts[start - 1]):
            continue  # "abstract = ...", "product_ct: ...": not a key of its own
        var = _VAR_BEFORE.search(scripts, max(0, start - 40), start)
        evidence = scripts[var.start() if var else start : match.end()]
        day = datetime.fromtimestamp(int(match.group(2)), tz=CHINA_TIME).date()
        yield DateSignal(day, PUBLISHED, "script", evidence.strip())
        return


def _is_word_char(char: str) -> bool:
    """What ``\\w`` matches in a str pattern."""
    return char.isalnum() or char == "_"


def text_signals(page: Page) -> Iterator[DateSignal]:
    """Labelled dates in the page text: 发布时间：2023-05-01, 更新于 2023年5月1日,
    "Published on ..."."""
    text = page.flat_text
    for match in _ZH_LABELLED.finditer(text) if is_chinese(page) else ():
        day = _safe_date(*match.group(2, 3, 4))
        if day:
            yield DateSignal(day, _zh_role(match.group(1)), "text", _strip_tags(match.group(0)))
    for match in _LABELLED.finditer(text):
        day = parse_date(match.group(2))
        if day and not _inside_word(text, match.start()):
            role = MODIFIED if _UPDATE_LABEL.search(match.group(1)) else PUBLISHED
            yield DateSignal(day, role, "label", _strip_tags(match.group(0)))
    reviewed = _reviewed_label(text)
    day = parse_date(reviewed.group(1)) if reviewed else None
    if reviewed and day:
        evidence = text[reviewed.start() - 1 : reviewed.end()]  # with the R of "Reviewed"
        yield DateSignal(day, REVIEWED, "text", _strip_tags(evidence))


def _reviewed_label(text: str) -> re.Match[str] | None:
    """The first "[Rr]eviewed ... <date>" (the match starts after the R)."""
    for match in _EN_REVIEWED.finditer(text):
        if match.start() and text[match.start() - 1] in "Rr":
            return match
    return None


def _inside_word(text: str, start: int) -> bool:
    """True when a label match starts mid-word ("datePublished"): checked here, not with a
    leading ``\\b`` that would make the regex engine try every position."""
    return start > 0 and text[start - 1].isalnum()


def _zh_role(label: str) -> str:
    if "审核" in label:
        return REVIEWED
    if "更新" in label or "修改" in label or "修订" in label:
        return MODIFIED
    return PUBLISHED


def _strip_tags(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", text)).strip()


def url_signal(page: Page) -> DateSignal | None:
    """A full date in the URL path (``/2023/05/01/``, ``/20230501/``)."""
    address = page.address or ""
    match = _URL_DATE.search(address.split("?", 1)[0])
    if not match:
        return None
    day = _safe_date(*match.groups())
    return DateSignal(day, PUBLISHED, "url", address) if day else None


def htmldate_signal(page: Page) -> DateSignal | None:
    """htmldate's original-date guess, as trafilatura computed it on the shared tree."""
    day = parse_date(page.extraction.date)
    return DateSignal(day, PUBLISHED, "htmldate", page.extraction.date) if day else None


def all_signals(page: Page, now: datetime | None = None) -> tuple[DateSignal, ...]:
    latest = now.date() if now else None
    found: list[DateSignal] = []
    for group in (
        jsonld_signals(page, latest),
        meta_signals(page, latest),
        script_signals(page),
        time_signals(page, latest),
        text_signals(page),
    ):
        found.extend(group)
    for single in (url_signal(page), htmldate_signal(page)):
        if single:
            found.append(single)
    return tuple(found)


# -- choosing ------------------------------------------------------------------------------

#: Which origin wins for the published date, most trusted first. WeChat's create time is
#: exact; then htmldate (measured best on real pages; see evaluation/dates.py: letting
#: JSON-LD, meta or visible labels overrule it lost accuracy on held-out pages), then the
#: structured signals for pages where htmldate finds nothing.
PUBLISHED_PRIORITY = (
    "script",
    "htmldate",
    "json-ld",
    "meta",
    "microdata",
    "time",
    "label",
    "text",
    "url",
    "time-text",
    "time-any",
)
MODIFIED_PRIORITY = ("json-ld", "meta", "microdata", "time", "label", "text", "time-text")


def page_dates(page: Page, now: datetime | None = None) -> PageDates:
    """Choose published, modified and reviewed dates from every signal on the page."""
    signals = all_signals(page, now)
    published = _future_claim(signals, now) or choose_published(signals)
    modified = _first(signals, MODIFIED, MODIFIED_PRIORITY)
    if modified and published and modified.day <= published.day:
        modified = None  # "modified" equal to or before publication says nothing new
    reviewed = _first(signals, REVIEWED, ("json-ld", "text"))
    return PageDates(published, modified, reviewed, signals)


def _future_claim(signals: tuple[DateSignal, ...], now: datetime | None) -> DateSignal | None:
    """A publication date the page's own metadata puts in the future: a red flag to show,
    even though htmldate (which ignores future dates) would pick another one."""
    if now is None:
        return None
    future = [
        s
        for s in signals
        if s.role == PUBLISHED and s.origin in ("json-ld", "meta") and (s.day - now.date()).days > 1
    ]
    return future[0] if future else None


def choose_published(signals: Iterable[DateSignal]) -> DateSignal | None:
    """The published date from the most trusted origin that has one.

    Two corrections by agreement when htmldate wins: if its date is one the page itself
    labels as *modified* and the page states a different published date, htmldate took
    the update for the publication; if a structured signal agrees with it, that signal is
    shown instead (its evidence is the page's own text).
    """
    signals = tuple(signals)
    chosen = _first(signals, PUBLISHED, PUBLISHED_PRIORITY)
    if chosen is None or chosen.origin != "htmldate":
        return chosen
    stated = [s for s in signals if s.role == PUBLISHED and s.origin != "htmldate"]
    modified_days = {s.day for s in signals if s.role == MODIFIED}
    if chosen.day in modified_days and stated and chosen.day not in {s.day for s in stated}:
        return _first(stated, PUBLISHED, PUBLISHED_PRIORITY)
    agreeing = [s for s in stated if s.day == chosen.day]
    return _first(agreeing, PUBLISHED, PUBLISHED_PRIORITY) or chosen


def _first(
    signals: Iterable[DateSignal], role: str, priority: tuple[str, ...]
) -> DateSignal | None:
    best: DateSignal | None = None
    best_rank = len(priority)
    for signal in signals:
        if signal.role != role or signal.origin not in priority:
            continue
        rank = priority.index(signal.origin)
        if rank < best_rank:
            best, best_rank = signal, rank
    return best
