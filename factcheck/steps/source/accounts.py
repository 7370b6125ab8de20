"""Step 1 on a platform (WeChat, Weibo, X ...): the account is the source, not the platform.

A listed account is rated like a domain and linked to its owner's site; a lookalike of an
institution's account fails; an account nobody lists is user-generated content and the step
is **unknown** (no score): not knowing an account is no evidence against it.
"""

from __future__ import annotations

from typing import Any

from factcheck.i18n import LocalText, T
from factcheck.knowledge.sources import AccountEntry, SourceDB, SourceEntry
from factcheck.page.model import Page
from factcheck.platforms import PLATFORM_NAMES, PageState, PlatformSource, identify, platform_domain
from factcheck.report import Finding, Status
from factcheck.steps.base import StepOutcome
from factcheck.steps.source.findings import (
    entry_data,
    impersonation_finding,
    official_link,
    rating_finding,
    verify_links,
)
from factcheck.steps.source.impersonation import account_lookalike
from factcheck.steps.source.rules import LISTED_FAKE, PLATFORM_VERIFIED, USER_GENERATED

EXTENSION_ADVICE = T(
    "Open the article in your browser and check it from the factcheck extension, which reads "
    "the page you see.",
    "请在浏览器中打开文章，并通过 factcheck 扩展程序核查（扩展程序会读取您看到的页面）。",
)


def platform_outcome(page: Page, db: SourceDB, platform: str, host: str) -> StepOutcome:
    read = page.platform  # the page's own platform reading, when it is of this platform
    source = read if read is not None and read.platform == platform else identify(page, platform)
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
            findings=(impersonation_finding(fake, en),),  # fake.evidence names the account
            data=data,
            links=tuple(verify_links(fake.official_domain, page.title)),
            status=Status.FAIL,
        )
    return _unknown_account_outcome(source, en, zh, data)


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
        advice=EXTENSION_ADVICE,
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
    data.update(entry_data(entry), account_domain=known.domain, user_generated=False)
    finding = rating_finding(entry, f"{en}: {known.name}", "sources.yaml", account=True)
    status = Status.FAIL if finding.code == LISTED_FAKE.code else None
    links = (official_link(known.domain),) if known.domain else ()
    return StepOutcome(findings=(finding,), data=data, links=links, status=status)


def _unknown_account_outcome(
    source: PlatformSource, en: str, zh: str, data: dict[str, Any]
) -> StepOutcome:
    """Nobody lists the account: user-generated, and the step is unknown (no penalty)."""
    data.update(user_generated=True, **entry_data(None))
    who = (
        T(f"the account “{source.account}”", f"账号“{source.account}”")
        if source.account
        else T("an account the page does not name", "页面未显示名称的账号")
    )
    findings: list[Finding] = [
        USER_GENERATED.finding(
            source.account or "",
            source.evidence or "url",
            platform_en=en,
            platform_zh=zh,
            who_en=who.en,
            who_zh=who.zh,
        )
    ]
    if source.verified:
        findings.append(
            PLATFORM_VERIFIED.finding(
                source.verified_reason or "verified",
                "script",
                platform_en=en,
                platform_zh=zh,
                reason_en=source.verified_reason or "no reason given",
                reason_zh=source.verified_reason or "未说明",
            )
        )
    return StepOutcome(
        findings=tuple(findings),
        data=data,
        status=Status.UNKNOWN,
        reason=T(
            f"{who.en[:1].upper()}{who.en[1:]} on {en} is not in the sources knowledge base.",
            f"{who.zh}不在信息来源知识库中。",
        ),
        advice=T(
            f"Who runs {who.en}? Look at the account's profile, its other posts and whether "
            "an institution or outlet names it as its own.",
            f"{who.zh}由谁运营？请查看账号简介、其他文章，以及是否有机构或媒体确认这是其官方账号。",
        ),
    )
