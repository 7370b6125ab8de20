"""Every place a page states a date: one reader per kind of signal (see :mod:`.extract`)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from factcheck.page.jsonld import ARTICLE_TYPES, node_types
from factcheck.page.language import is_chinese
from factcheck.platforms.wechat import script_times
from factcheck.steps.date.extract_parse import (
    _EN_REVIEWED,
    _LABELLED,
    _META_MODIFIED,
    _META_PUBLISHED,
    _PAGE_TYPES,
    _UPDATE_LABEL,
    _URL_DATE,
    _VAR_BEFORE,
    _ZH_LABELLED,
    CHINA_TIME,
    MODIFIED,
    PUBLISHED,
    REVIEWED,
    DateSignal,
    _safe_date,
    parse_date,
)

if TYPE_CHECKING:
    from factcheck.page.model import Page

#: Classes of an element that shows the publication date (each holds "pub").
_PUBLISHED_CLASSES = ("published-date", "publish-date", "date-published", "pubdate")

#: The date of a Chinese byline line: "2025年03月08日10:20 来源：人民网", "2024-05-12 17:19
#: 来源：新华网" (a date and time, then the source credit).
_ZH_BYLINE_DATE = re.compile(
    r"((?:19|20)\d\d)\s*[-/年]\s*(\d{1,2})\s*[-/月]\s*(\d{1,2})日?\s*\d{1,2}:\d\d(?::\d\d)?"
    r"\s*(?:\|\s*)?(?:来源|來源|作者|出处|出處)"
)

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
    match = script_times(scripts)[0]  # the scan the WeChat reader made, if it read the page
    if match is not None:
        start = match.start()
        var = _VAR_BEFORE.search(scripts, max(0, start - 40), start)
        evidence = scripts[var.start() if var else start : match.end()]
        day = datetime.fromtimestamp(int(match.group(2)), tz=CHINA_TIME).date()
        yield DateSignal(day, PUBLISHED, "script", evidence.strip())


def text_signals(page: Page) -> Iterator[DateSignal]:
    """Labelled dates in the page text: 发布时间：2023-05-01, 更新于 2023年5月1日,
    "Published on ..."."""
    text = page.flat_text
    for match in _ZH_LABELLED.finditer(text) if is_chinese(page) else ():
        day = _safe_date(*match.group(2, 3, 4))
        if day:
            yield DateSignal(day, _zh_role(match.group(1)), "text", _strip_tags(match.group(0)))
    bylined = _ZH_BYLINE_DATE.search(page.visible_text) if is_chinese(page) else None
    day = _safe_date(*bylined.group(1, 2, 3)) if bylined else None
    if bylined and day:
        yield DateSignal(day, PUBLISHED, "text", bylined.group(0))
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


def platform_signal(page: Page) -> DateSignal | None:
    """The post's date as the platform reader found it (a Zhihu answer's own time, a Weibo
    post's "24-5-13 17:07"), in the platform's local time."""
    platform = page.platform
    if platform is None or platform.published is None:
        return None
    evidence = platform.published_evidence or platform.published.isoformat()
    return DateSignal(platform.published, PUBLISHED, "platform", evidence)


def visible_signal(page: Page) -> DateSignal | None:
    """The date a page prints in an element named as the publication date
    (``<div class="timestamp published-date">December 14, 2020 11:31 PM</div>``): the local
    day readers saw, used to correct a UTC time that fell on the next day."""
    named = (
        el
        for el, names in page.classed_elements
        if "pub" in names and el.tag != "meta" and any(n in names for n in _PUBLISHED_CLASSES)
    )
    for el in itertools.islice(named, 3):
        text = " ".join((el.text_content() or "").split())
        day = parse_date(text) if 6 <= len(text) <= 40 else None
        if day:
            return DateSignal(day, PUBLISHED, "visible", text)
    return None


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
    for single in (
        platform_signal(page),
        visible_signal(page),
        url_signal(page),
        htmldate_signal(page),
    ):
        if single:
            found.append(single)
    return tuple(found)
