"""Step 1: Assess the source: who is really speaking, and is it who it claims to be.

On an ordinary site the source is the host or its registered domain, rated from the
knowledge base (:mod:`factcheck.knowledge.sources`) at full resolution with the rating's
provenance (:mod:`.findings`), with official endings (.gov, .gov.cn, .int, .edu ...) and
https as extra signals. On a platform (WeChat, Weibo, X ...) the source is the account,
never the platform (:mod:`.accounts`). A source nobody rates is unknown: no score, never a
penalty. A page dressed as an institution it is not (:mod:`.impersonation`) fails, with the
official domain and a ``site:`` search to verify the claim where the institution publishes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from factcheck.i18n import T
from factcheck.knowledge.domains import host_of, registered_domain
from factcheck.knowledge.sources import SourceDB
from factcheck.page.model import Page
from factcheck.platforms import looks_like_wechat, platform_of
from factcheck.report import Finding, Link, Status
from factcheck.steps.base import Check, CheckContext, StepOutcome
from factcheck.steps.source import rules
from factcheck.steps.source.accounts import platform_outcome
from factcheck.steps.source.findings import (
    entry_data,
    https_findings,
    impersonation_finding,
    official_tld,
    official_tld_finding,
    rating_finding,
    verify_links,
)
from factcheck.steps.source.impersonation import Lookalike, claimed_identity, judge_domain
from factcheck.steps.source.rules import LISTED_FAKE, OFFICIAL_TLD

_OFFICIAL_SUFFIX = re.compile(
    r"^(?:gov|edu|mil|int)$|^(?:gov|edu|mil|go|gob|gouv|govt|ac|gc|nhs)\.[a-z]{2,3}$"
)


class SourceCheck(Check):
    id = "source"
    number = 1
    rules = rules.RULES
    title = T("Assess the source", "评估信息来源")
    advice = T(
        "Who published this? Check the site or account is what it claims to be.",
        "是谁发布的？确认网站或账号确实是其自称的机构。",
    )

    def run(self, page: Page, ctx: CheckContext) -> StepOutcome:
        host, address_origin = _host(page)
        platform = _platform(page, host, address_origin)
        if platform is not None:
            return platform_outcome(page, ctx.sources, platform, host)
        if not host:
            return StepOutcome(
                data={"domain": ""},
                status=Status.UNKNOWN,
                reason=T("The page came without its address.", "网页没有附带网址。"),
            )
        return _site_outcome(page, ctx.sources, host, address_origin)


def _site_outcome(page: Page, db: SourceDB, host: str, origin: str) -> StepOutcome:
    domain = registered_domain(host)
    entry = db.lookup(host)
    official = official_tld(host, _OFFICIAL_SUFFIX)
    platform_host = bool(entry and entry.kind == "platform")
    data: dict[str, Any] = {
        "domain": domain,
        "host": host,
        "address_origin": origin,
        "official_tld": official,
        "https": page.is_https,
        "platform": None,
        "user_generated": platform_host,
        **entry_data(entry, host),
    }
    findings: list[Finding] = []
    links: list[Link] = []
    status: Status | None = None
    fake = _impersonation(page, db, host)
    if fake is not None:
        findings.append(impersonation_finding(fake, host))
        links.extend(verify_links(fake.official_domain, page.title))
        data.update(impersonates=fake.official_domain, impersonation_technique=fake.technique)
        status = Status.FAIL
    if entry is not None:
        rated = rating_finding(entry, entry.domain, "sources.yaml")
        findings.append(rated)
        if rated.code == LISTED_FAKE.code:
            status = Status.FAIL
    if official:
        decided = entry is not None or fake is not None
        findings.append(official_tld_finding(host, 0 if decided else OFFICIAL_TLD.points))
    findings.extend(https_findings(page.is_https, page.address or ""))
    if (entry is None or platform_host) and not official and fake is None:
        return _unknown_site(domain, findings, data)
    return StepOutcome(findings=tuple(findings), data=data, links=tuple(links), status=status)


def _unknown_site(domain: str, findings: list[Finding], data: dict[str, Any]) -> StepOutcome:
    """No rating, no official ending, no lookalike: no signal, so no score (not a penalty).
    A site where anyone publishes (a listed platform) is unknown too: judge the author."""
    return StepOutcome(
        findings=tuple(findings),
        data=data,
        status=Status.UNKNOWN,
        reason=T(
            f"{domain} is not rated in the sources knowledge base.",
            f"信息来源知识库中没有 {domain} 的评级。",
        ),
        advice=T(
            f"{domain} is not a source we know. Look for an 'About us' page, who runs the "
            "site, and whether other reliable sources cite it.",
            f"我们不了解 {domain}。请查看“关于我们”页面、网站的运营者，以及是否有可靠来源引用它。",
        ),
    )


def _impersonation(page: Page, db: SourceDB, host: str) -> Lookalike | None:
    """The page's own words are gathered only when a verdict needs them (most pages never
    do): the named text lazily, the self-names as a generator."""
    return judge_domain(host, lambda: _named_text(page), db) or claimed_identity(
        host, _self_names(page), db
    )


_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—_]\s+|\s*[｜丨]\s*")


def _self_names(page: Page) -> Iterator[tuple[str, str]]:
    """What the page calls itself: site name, the title's last segment, header logos."""
    for where, text in _self_name_candidates(page):
        if text:
            yield where, text


def _self_name_candidates(page: Page) -> Iterator[tuple[str, str]]:
    for key in ("og:site_name", "application-name"):
        yield key, page.meta_first(key)
    segments = _TITLE_SEPARATORS.split(page.title)
    if len(segments) > 1:
        yield "title", segments[-1].strip()
    for img in page.tree.iter("img"):
        if _is_logo(img):
            yield "logo alt", img.get("alt") or ""


def _is_logo(img: HtmlElement) -> bool:
    """An image with alt text inside ``<header>``, or with "logo" in its class or id."""
    return img.get("alt") is not None and (
        "logo" in (img.get("class") or "")
        or "logo" in (img.get("id") or "")
        or next(img.iterancestors("header"), None) is not None
    )


def _named_text(page: Page) -> str:
    """Where a page says who it is or whom it quotes: title, site name, logo, opening text."""
    parts = [
        page.title,
        page.meta_first("og:site_name", "application-name", "author"),
        *(img.get("alt") or "" for img in page.tree.iter("img")),
        page.text[:5000],
    ]
    return "\n".join(p for p in parts if p)


def _platform(page: Page, host: str, origin: str) -> str | None:
    """The page's platform: the page's own reading when the host is the page's address."""
    if origin == "url":
        return page.platform.platform if page.platform is not None else None
    return platform_of(host) or ("wechat" if looks_like_wechat(page) else None)


def _host(page: Page) -> tuple[str, str]:
    """The page's host; without a URL, its canonical address (marked as such)."""
    if page.host:
        return page.host, "url"
    for el in page.tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            return host_of(el.get("href")), "canonical"
    og = page.meta_first("og:url")
    return (host_of(og), "og:url") if og else ("", "")
