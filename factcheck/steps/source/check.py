"""Step 1: Assess the source: who is really speaking, and is it who it claims to be.

On an ordinary site the source is the registered domain, rated from the knowledge base
(:mod:`factcheck.sources`), with official endings (.gov, .gov.cn, .int, .edu ...) and https as
extra signals. On a platform (WeChat, Weibo, X ...) the source is the account, never the
platform (:mod:`factcheck.platforms`); an account the knowledge base does not know is
user-generated content. A page dressed as an institution it is not
(:mod:`factcheck.impersonation`) fails, with the official domain and a ``site:`` search to
verify the claim where the institution really publishes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote_plus

from lxml.html import HtmlElement

from factcheck.i18n import LocalText, T
from factcheck.knowledge.domains import host_of, public_suffix, registered_domain
from factcheck.knowledge.sources import AUTHORITY_KINDS, AccountEntry, SourceDB, SourceEntry
from factcheck.page.model import Page
from factcheck.platforms import (
    PLATFORM_NAMES,
    PageState,
    PlatformSource,
    identify,
    looks_like_wechat,
    platform_domain,
    platform_of,
)
from factcheck.report import Finding, Link, Status
from factcheck.steps.base import Check, CheckContext, StepOutcome
from factcheck.steps.source import rules
from factcheck.steps.source.impersonation import (
    TECHNIQUE_TEXT,
    Lookalike,
    account_lookalike,
    claimed_identity,
    judge_domain,
)
from factcheck.steps.source.rules import IMPERSONATION, LISTED_FAKE, LISTED_UNRELIABLE

_OFFICIAL_SUFFIX = re.compile(
    r"^(?:gov|edu|mil|int)$|^(?:gov|edu|mil|go|gob|gouv|govt|ac|gc|nhs)\.[a-z]{2,3}$"
)
_OFFICIAL_DOMAINS = frozenset({"europa.eu", "canada.ca", "gov.uk", "gov.cn"})

_EXTENSION_ADVICE = T(
    "Open the article in your browser and check it from the factcheck extension, which reads "
    "the page you see.",
    "请在浏览器中打开文章，并通过 factcheck 扩展程序核查（扩展程序会读取您看到的页面）。",
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
        platform = platform_of(host) or ("wechat" if looks_like_wechat(page) else None)
        if platform is not None:
            return _platform_outcome(page, ctx.sources, platform, host)
        if not host:
            return StepOutcome(
                data={"domain": ""},
                status=Status.UNKNOWN,
                reason=T("The page came without its address.", "网页没有附带网址。"),
            )
        return _site_outcome(page, ctx.sources, host, address_origin)


# -- ordinary sites ------------------------------------------------------------------------------


def _site_outcome(page: Page, db: SourceDB, host: str, origin: str) -> StepOutcome:
    domain = registered_domain(host)
    entry = db.lookup(host)
    official = _official_tld(host)
    data: dict[str, Any] = {
        "domain": domain,
        "host": host,
        "address_origin": origin,
        "official_tld": official,
        "https": page.is_https,
        "platform": None,
        "user_generated": bool(entry and entry.kind == "platform"),
        **_entry_data(entry),
    }
    findings: list[Finding] = []
    links: list[Link] = []
    status: Status | None = None
    fake = _impersonation(page, db, host)
    if fake is not None:
        findings.append(_impersonation_finding(fake, host))
        links.extend(_verify_links(fake.official_domain, page.title))
        data.update(impersonates=fake.official_domain, impersonation_technique=fake.technique)
        status = Status.FAIL
    if entry is not None:
        rated = _rating_finding(entry, entry.domain, "sources.yaml")
        findings.append(rated)
        if rated.code == LISTED_FAKE.code:
            status = Status.FAIL
    if official:
        findings.append(_official_tld_finding(host, 15 if entry is None and fake is None else 0))
    findings.extend(_https_findings(page))
    if entry is None and not official and fake is None:
        return _unknown_site(domain, findings, data)
    return StepOutcome(findings=tuple(findings), data=data, links=tuple(links), status=status)


def _unknown_site(domain: str, findings: list[Finding], data: dict[str, Any]) -> StepOutcome:
    """No listing, no official ending, no lookalike: no signal, so no score (not a penalty)."""
    return StepOutcome(
        findings=tuple(findings),
        data=data,
        status=Status.UNKNOWN,
        reason=T(
            f"{domain} is not in the sources knowledge base.",
            f"{domain} 不在信息来源知识库中。",
        ),
        advice=T(
            f"{domain} is not a source we know. Look for an 'About us' page, who runs the "
            "site, and whether other reliable sources cite it.",
            f"我们不了解 {domain}。请查看“关于我们”页面、网站的运营者，以及是否有可靠来源引用它。",
        ),
    )


def _official_tld_finding(host: str, impact: int) -> Finding:
    base = registered_domain(host)
    if base in _OFFICIAL_DOMAINS:
        message = T(
            f"The address is under {base}, a government domain.",
            f"网址属于政府域名 {base}。",
        )
    else:
        suffix = public_suffix(host)
        message = T(
            f"The address ends in .{suffix}, which only official bodies can register.",
            f"网址以 .{suffix} 结尾，只有官方机构可以注册。",
        )
    return Finding("source.official_tld", impact, message, host, "url")


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


# -- platforms -------------------------------------------------------------------------------------


def _platform_outcome(page: Page, db: SourceDB, platform: str, host: str) -> StepOutcome:
    source = identify(page, platform)
    en, zh = PLATFORM_NAMES.get(platform, (platform, platform))
    data: dict[str, Any] = {
        "domain": platform_domain(host) or ("mp.weixin.qq.com" if platform == "wechat" else host),
        "host": host,
        "platform": platform,
        "account": source.account,
        "handle": source.handle,
        "account_description": source.description,
        "author": source.author,
        "platform_verified": source.verified,
        "verified_reason": source.verified_reason,
        "page_state": source.state.value,
        "https": page.is_https,
        "official_tld": False,
    }
    if source.state is not PageState.CONTENT:
        return _placeholder_outcome(source, en, zh, data)
    known = db.lookup_account(platform, source.account) or db.lookup_account(
        platform, source.handle
    )
    if known is not None:
        return _known_account_outcome(known, en, data)
    fake = account_lookalike(platform, source.account, db)
    if fake is not None:
        data.update(
            user_generated=True,
            impersonates=fake.official_domain,
            impersonation_technique=fake.technique,
        )
        return StepOutcome(
            findings=(_impersonation_finding(fake, en),),  # fake.evidence names the account
            data=data,
            links=tuple(_verify_links(fake.official_domain, page.title)),
            status=Status.FAIL,
        )
    data.update(user_generated=True, kind=None, rating=None)
    return StepOutcome(findings=_unknown_account_findings(source, en, zh), data=data)


def _placeholder_outcome(
    source: PlatformSource, en: str, zh: str, data: dict[str, Any]
) -> StepOutcome:
    """WeChat's verification or deleted-article page: no article, so no judgement."""
    what = (
        T("a verification (anti-bot) page", "验证（反爬虫）页面")
        if source.state is PageState.VERIFICATION
        else T("a notice that the article was deleted", "文章已被删除的提示")
    )
    return StepOutcome(
        data={**data, "placeholder_evidence": source.evidence},
        status=Status.UNKNOWN,
        reason=T(
            f"{en} served {what.en} instead of the article.",
            f"{zh}返回的是{what.zh}，而不是文章。",
        ),
        advice=_EXTENSION_ADVICE,
    )


def _known_account_outcome(known: AccountEntry, en: str, data: dict[str, Any]) -> StepOutcome:
    """An account the knowledge base lists: rated like a domain, linked to its owner's site."""
    entry = SourceEntry(
        known.domain or known.name,
        LocalText(known.name, known.name),
        known.kind,
        known.rating,
        known.reasons,
        known.origin,
    )
    data.update(_entry_data(entry), account_domain=known.domain, user_generated=False)
    finding = _rating_finding(entry, f"{en}: {known.name}", "sources.yaml", account=True)
    status = Status.FAIL if finding.code == LISTED_FAKE.code else None
    links = (_official_link(known.domain),) if known.domain else ()
    return StepOutcome(findings=(finding,), data=data, links=links, status=status)


def _unknown_account_findings(source: PlatformSource, en: str, zh: str) -> tuple[Finding, ...]:
    who_en = (
        f"the account “{source.account}”" if source.account else "an account the page does not name"
    )
    who_zh = f"账号“{source.account}”" if source.account else "页面未显示名称的账号"
    findings = [
        Finding(
            "source.user_generated",
            -10,
            T(
                f"Posted on {en} by {who_en}, which is not a source we know: user-generated "
                f"content, not vouched for by {en}.",
                f"由{who_zh}发布在{zh}上，我们不了解该账号：这是用户自行发布的内容，{zh}并不为其背书。",
            ),
            source.account or "",
            source.evidence or "url",
        )
    ]
    if source.verified:
        reason_en = source.verified_reason or "no reason given"
        reason_zh = source.verified_reason or "未说明"
        findings.append(
            Finding(
                "source.platform_verified",
                5,
                T(
                    f"{en} shows the account as verified ({reason_en}): its identity is "
                    "checked, not its accuracy.",
                    f"{zh}显示该账号已认证（{reason_zh}）：认证的是身份，而非内容准确性。",
                ),
                source.verified_reason or "verified",
                "script",
            )
        )
    return tuple(findings)


# -- findings ----------------------------------------------------------------------------------


def _rating_finding(
    entry: SourceEntry, evidence: str, origin: str, *, account: bool = False
) -> Finding:
    """One finding for what the knowledge base says: its code, points and plain words."""
    code, impact = _rating_points(entry, account)
    return Finding(code, impact, _rating_message(entry, code), evidence, origin)


def _rating_points(entry: SourceEntry, account: bool) -> tuple[str, int]:
    """Code and points by category. Points grow with the rating inside each band, so a 95
    counts more than a 66; satire loses a little (a joke is not a report) but is not "fake"."""
    rating, category = entry.rating, entry.category
    if entry.kind == "platform":
        return "source.user_generated", -10
    if category == "fake":
        return LISTED_FAKE.code, LISTED_FAKE.points
    if category == "satire":
        return "source.satire", -10
    if category == "unreliable":
        return LISTED_UNRELIABLE.code, -(15 + (40 - (30 if rating is None else rating)) // 2)
    if category == "reliable":
        impact = 25 if rating is None else 15 + (rating - 65) // 2
        official = account and entry.kind in AUTHORITY_KINDS
        return ("source.official_account" if official else "source.listed_reliable"), impact
    return "source.listed_mixed", 0 if rating is None else (rating - 52) // 2


def _rating_message(entry: SourceEntry, code: str) -> LocalText:
    name, why = entry.name, "; ".join(entry.reasons)
    scale = f" ({entry.rating}/100)" if entry.rating is not None else ""
    kind_en = entry.kind.replace("_", " ")
    kind_zh = _KIND_ZH.get(entry.kind, entry.kind)
    values = {
        "name_en": name.en,
        "name_zh": name.zh,
        "kind_en": kind_en,
        "kind_zh": kind_zh,
        "scale": scale,
        "why": why,
    }
    messages = {
        "source.user_generated": T(
            f"{name.en} hosts posts by anyone: judge the author, not the platform.",
            f"{name.zh}上任何人都可以发布内容：请判断作者，而不是平台。",
        ),
        LISTED_FAKE.code: LISTED_FAKE.message.format(**values),
        "source.satire": T(
            f"{name.en} is a satire site: its stories are jokes, not news ({why}).",
            f"{name.zh} 是讽刺网站：其内容是玩笑，不是新闻（{why}）。",
        ),
        LISTED_UNRELIABLE.code: LISTED_UNRELIABLE.message.format(**values),
        "source.listed_mixed": T(
            f"{name.en} has a mixed reliability record{scale}: {why}. Check its claims elsewhere.",
            f"{name.zh} 的可靠性参差不齐{scale}：{why}。请到其他来源核实其说法。",
        ),
    }
    return messages.get(
        code,
        T(
            f"{name.en} is a known {kind_en} source{scale}: {why}.",
            f"{name.zh} 是已知的{kind_zh}来源{scale}：{why}。",
        ),
    )


def _impersonation_finding(fake: Lookalike, evidence_subject: str) -> Finding:
    how_en, how_zh = TECHNIQUE_TEXT.get(fake.technique, (fake.technique, fake.technique))
    name = fake.target.name
    official = fake.official_domain or name.en
    return IMPERSONATION.finding(
        f"{evidence_subject}: {fake.evidence}",
        "url" if fake.technique not in ("account_name", "account_homoglyph") else "account",
        name_en=name.en,
        name_zh=name.zh,
        how_en=how_en,
        how_zh=how_zh,
        official=official,
    )


def _https_findings(page: Page) -> list[Finding]:
    if page.is_https is None:
        return []
    if page.is_https:
        return [
            Finding(
                "source.https",
                0,
                T(
                    "The page is served over https (encrypted; says nothing about accuracy).",
                    "网页使用 https 加密传输（与内容是否准确无关）。",
                ),
                page.address or "",
                "url",
            )
        ]
    return [
        Finding(
            "source.no_https",
            -5,
            T(
                "The page is not served over https: anyone on the way could alter it.",
                "网页未使用 https：传输途中可能被篡改。",
            ),
            page.address or "",
            "url",
        )
    ]


def _verify_links(domain: str, title: str) -> list[Link]:
    """The WHO advice's own method: look for the claim on the institution's real site."""
    if not domain:
        return []
    query = f"site:{domain} {title[:60]}".strip()
    return [
        Link(f"Search {domain} for this claim (Google) / 在 {domain} 搜索该说法", _google(query)),
        Link(f"Search {domain} for this claim (Baidu) / 用百度在 {domain} 搜索", _baidu(query)),
        _official_link(domain),
    ]


def _official_link(domain: str) -> Link:
    return Link(f"Official site / 官方网站: {domain}", f"https://{domain}/")


def _google(query: str) -> str:
    return "https://www.google.com/search?q=" + quote_plus(query)


def _baidu(query: str) -> str:
    return "https://www.baidu.com/s?wd=" + quote_plus(query)


# -- small helpers ------------------------------------------------------------------------------


def _host(page: Page) -> tuple[str, str]:
    """The page's host; without a URL, its canonical address (marked as such)."""
    if page.host:
        return page.host, "url"
    for el in page.tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            return host_of(el.get("href")), "canonical"
    og = page.meta_first("og:url")
    return (host_of(og), "og:url") if og else ("", "")


def _official_tld(host: str) -> bool:
    suffix = public_suffix(host)
    return bool(_OFFICIAL_SUFFIX.match(suffix)) or registered_domain(host) in _OFFICIAL_DOMAINS


def _entry_data(entry: SourceEntry | None) -> dict[str, Any]:
    if entry is None:
        return {"kind": None, "rating": None, "rating_origin": None, "category": "unknown"}
    return {
        "kind": entry.kind,
        "rating": entry.rating,
        "rating_origin": entry.origin,
        "category": entry.category,
        "name": entry.name,
        "listed_domain": entry.domain,
        "reasons": list(entry.reasons),
    }


_KIND_ZH = {
    "health_authority": "卫生机构",
    "government": "政府",
    "international_org": "国际组织",
    "academic": "学术机构",
    "hospital": "医院",
    "journal": "学术期刊",
    "medical_association": "医学学会",
    "fact_checker": "事实核查",
    "reference": "参考资料",
    "news": "新闻",
    "state_media": "官方媒体",
    "health_media": "健康媒体",
    "commercial": "商业网站",
    "fake": "假新闻",
    "conspiracy": "阴谋论",
    "junk_science": "伪科学",
    "hate": "仇恨言论",
    "rumor_mill": "谣言/内容农场",
    "unreliable": "不可靠",
    "clickbait": "标题党",
    "bias": "偏颇",
    "denylisted": "您的黑名单",
    "allowlisted": "您的白名单",
}
