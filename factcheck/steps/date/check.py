"""Step 4: Check the date.

Is the page recent, and is it still true today? We read published, modified and reviewed
dates (:mod:`factcheck.dates`), measure the age against ``ctx.now``, warn earlier on
fast-moving health topics (:mod:`factcheck.freshness`) and give reverse-image searches for
the main pictures (:mod:`factcheck.images`), because old photos are re-used as new ones.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from factcheck.i18n import LocalText, T
from factcheck.report import Finding, Link, Status
from factcheck.steps.base import Check, CheckContext, StepOutcome
from factcheck.steps.date import rules
from factcheck.steps.date.extract import DateSignal, PageDates, page_dates
from factcheck.steps.date.freshness import Topic, detect_topics, stale_after, topic_evidence
from factcheck.steps.date.images import ImageSearch, image_searches
from factcheck.steps.date.rules import (
    CURRENT,
    FAST_TOPIC,
    FUTURE,
    PUBLISHED_FOUND,
    REVIEWED,
    STALE,
    UPDATED,
    VERY_STALE,
)

if TYPE_CHECKING:
    from factcheck.page.model import Page

#: A date this many days after ``now`` is "in the future" (time zones give a day's slack).
FUTURE_SLACK_DAYS = 1
#: An update this long after publication is worth telling the reader about.
UPDATE_NOTE_DAYS = 30


_IMAGE_ADVICE = T(
    "Pictures can be older than the story: use the reverse image searches below to see where "
    "and when the main picture appeared before.",
    "图片可能比报道更早：可用下方的以图搜图链接，查看主图此前在何时何处出现过。",
)


class DateCheck(Check):
    id = "date"
    number = 4
    rules = rules.RULES
    title = T("Check the date", "核对日期")
    advice = T(
        "Is this recent, and is it still true today? Old stories are often re-shared.",
        "内容是否最新、现在是否仍然成立？旧闻常被重新转发。",
    )

    def run(self, page: Page, ctx: CheckContext) -> StepOutcome:
        dates = page_dates(page, ctx.now)
        topics = detect_topics(page.title, page.text)
        images = image_searches(page)
        today = ctx.now.date()
        data = _data(dates, topics, images, today)
        links = _image_links(images)
        if dates.published is None and dates.latest is None:
            return StepOutcome(
                data=data,
                links=links,
                status=Status.UNKNOWN,
                reason=T("No publication date was found on the page.", "页面上没有找到发布日期。"),
                advice=_join(
                    T(
                        "No date found. Look for one near the title or at the end; search the "
                        "headline to find when it first appeared. "
                        "Undated health advice may be old.",
                        "未找到日期。请在标题附近或文末查找；搜索标题，看看最早何时出现。"
                        "没有日期的健康建议可能已经过时。",
                    ),
                    _IMAGE_ADVICE if images else None,
                ),
            )
        findings = _findings(dates, topics, today)
        findings += [_topic_finding(t, topic_evidence(t, page.title, page.text)) for t in topics]
        return StepOutcome(
            findings=tuple(findings),
            data=data,
            links=links,
            advice=_advice(dates, topics, today, bool(images)),
        )


# -- findings --------------------------------------------------------------------------------


def _findings(dates: PageDates, topics: tuple[Topic, ...], today: date) -> list[Finding]:
    found: list[Finding] = []
    published, latest = dates.published, dates.latest
    if published:
        found.append(PUBLISHED_FOUND.finding(published.evidence, published.origin, d=published.iso))
        if (published.day - today).days > FUTURE_SLACK_DAYS:
            found.append(FUTURE.finding(published.evidence, published.origin, d=published.iso))
            return found
    if latest is not None:
        found.append(_age_finding(latest, topics, today))
    found.extend(_update_findings(dates, today))
    return found


def _topic_finding(topic: Topic, evidence: str) -> Finding:
    return FAST_TOPIC.finding(evidence, "text", t=topic.name.en, tz=topic.name.zh)


def _age_finding(latest: DateSignal, topics: tuple[Topic, ...], today: date) -> Finding:
    """Current, stale or (fast-moving topic, twice the limit) very stale: a warning, never
    a failure on age alone."""
    age = max(0, (today - latest.day).days)
    limit = stale_after(topics)
    words = age_words(age)
    stale = VERY_STALE if topics and age > 2 * limit else STALE
    rule = CURRENT if age <= limit else stale
    return rule.finding(latest.evidence, latest.origin, d=latest.iso, a=words.en, az=words.zh)


def _update_findings(dates: PageDates, today: date) -> list[Finding]:
    found: list[Finding] = []
    published, modified, reviewed = dates.published, dates.modified, dates.reviewed
    if modified and published and (modified.day - published.day).days >= UPDATE_NOTE_DAYS:
        gap = age_words((modified.day - published.day).days)
        found.append(
            UPDATED.finding(
                modified.evidence,
                modified.origin,
                p=published.iso,
                m=modified.iso,
                g=gap.en,
                gz=gap.zh,
            )
        )
    if reviewed and (today - reviewed.day).days <= 2 * 365:
        found.append(REVIEWED.finding(reviewed.evidence, reviewed.origin, d=reviewed.iso))
    return found


# -- data, advice, links -------------------------------------------------------------------------


def _data(
    dates: PageDates, topics: tuple[Topic, ...], images: tuple[ImageSearch, ...], today: date
) -> dict[str, object]:
    latest = dates.latest
    return {
        "published": dates.published.iso if dates.published else None,
        "modified": dates.modified.iso if dates.modified else None,
        "reviewed": dates.reviewed.iso if dates.reviewed else None,
        "age_days": (today - latest.day).days if latest else None,
        "sources": {
            role: signal.origin
            for role, signal in (
                ("published", dates.published),
                ("modified", dates.modified),
                ("reviewed", dates.reviewed),
            )
            if signal
        },
        "topics": [t.key for t in topics],
        "stale_after_days": stale_after(topics),
        "images": [image.to_dict() for image in images],
    }


def _advice(
    dates: PageDates, topics: tuple[Topic, ...], today: date, has_images: bool
) -> LocalText:
    latest = dates.latest
    parts: list[LocalText | None] = []
    if latest and (today - latest.day).days > stale_after(topics):
        age = age_words((today - latest.day).days)
        parts.append(
            T(
                "This was dated {d}, {a} ago. Old stories are often shared again as if they were "
                "new: check that what it says still holds today, and look for newer advice from a "
                "health authority.",
                "本文日期为 {d}，已过去{az}。旧闻常被当作新消息再次转发："
                "请确认其内容如今是否仍然成立，"
                "并查阅卫生部门的最新建议。",
            ).format(d=latest.iso, a=age.en, az=age.zh)
        )
        if topics:
            parts.append(
                T(
                    "Knowledge about {t} changes fast.",
                    "关于{tz}的认识变化很快。",
                ).format(
                    t=", ".join(t.name.en for t in topics), tz="、".join(t.name.zh for t in topics)
                )
            )
    else:
        parts.append(DateCheck.advice)
    parts.append(_IMAGE_ADVICE if has_images else None)
    return _join(*parts)


def _image_links(images: tuple[ImageSearch, ...]) -> tuple[Link, ...]:
    if not images:
        return ()
    return tuple(
        Link(f"Reverse image search ({engine}) / 以图搜图", url)
        for engine, url in images[0].searches
    )


def _join(*parts: LocalText | None) -> LocalText:
    present = [p for p in parts if p]
    return T(" ".join(p.en for p in present), "".join(p.zh for p in present))


def age_words(days: int) -> LocalText:
    """A rough, readable age: "3 years", "5 months", "12 days" (and Chinese)."""
    if days >= 365:
        n = days // 365
        return T(f"{n} year{'s' if n > 1 else ''}", f"{n}年")
    if days >= 60:
        n = days // 30
        return T(f"{n} months", f"{n}个月")
    return T(f"{days} day{'s' if days != 1 else ''}", f"{days}天")
