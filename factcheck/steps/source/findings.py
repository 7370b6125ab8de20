"""Step 1's findings from what the knowledge base says, and the rating's provenance.

A rated source keeps its rating at full resolution: points = rating - 50 within the bounds
its category declares (:mod:`factcheck.steps.source.rules`), so the step score of a listed
source is its rating. The step data carries the rating, the lists it comes from
(curated, Lin et al. pc1, MBFC, OpenSources, an overlay) and whether the listing is for the
page's own host or a parent domain.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_plus

from factcheck.knowledge.domains import public_suffix, registered_domain
from factcheck.knowledge.sources import AUTHORITY_KINDS, SourceEntry
from factcheck.report import Finding, Link
from factcheck.rules import Rule
from factcheck.steps.source.impersonation import TECHNIQUE_TEXT, Lookalike
from factcheck.steps.source.rules import (
    GOVERNMENT_DOMAIN_TEXT,
    HTTPS,
    IMPERSONATION,
    LISTED_FAKE,
    LISTED_MIXED,
    LISTED_RELIABLE,
    LISTED_UNRELIABLE,
    NO_HTTPS,
    OFFICIAL_ACCOUNT,
    OFFICIAL_TLD,
    PLATFORM_HOST_TEXT,
    SATIRE,
    USER_GENERATED,
)

_OFFICIAL_DOMAINS = frozenset({"europa.eu", "canada.ca", "gov.uk", "gov.cn"})
#: Where a rating comes from, by a phrase of its origin label -> short list code.
_PROVENANCE = (
    ("Lin et al.", "lin"),
    ("Media Bias", "mbfc"),
    ("OpenSources", "opensources"),
    ("overlay", "overlay"),
    ("curated", "curated"),
)


def rating_finding(
    entry: SourceEntry, evidence: str, origin: str, *, account: bool = False
) -> Finding:
    """One finding for what the knowledge base says: its rule, points and plain words."""
    rule, points = rating_rule(entry, account)
    values = _message_values(entry)
    if entry.kind == "platform":
        return rule.finding(evidence, origin, message=PLATFORM_HOST_TEXT.format(**values))
    return rule.finding(evidence, origin, points=points, message=rule.message.format(**values))


def rating_rule(entry: SourceEntry, account: bool) -> tuple[Rule, int]:
    """The rule and points by category; points follow the rating (rating - 50)."""
    rating, category = entry.rating, entry.category
    if entry.kind == "platform":
        return USER_GENERATED, 0
    if category == "fake":
        points = LISTED_FAKE.points if rating is None else min(-30, max(-50, rating - 50))
        return LISTED_FAKE, points
    if category == "satire":
        return SATIRE, SATIRE.points
    if category == "unreliable":
        if rating is None:
            return LISTED_UNRELIABLE, LISTED_UNRELIABLE.points
        return LISTED_UNRELIABLE, min(-10, max(-50, rating - 50))
    if category == "reliable":
        rule = OFFICIAL_ACCOUNT if account and entry.kind in AUTHORITY_KINDS else LISTED_RELIABLE
        return rule, rule.points if rating is None else min(50, max(15, rating - 50))
    return LISTED_MIXED, 0 if rating is None else min(14, max(-10, rating - 50))


def _message_values(entry: SourceEntry) -> dict[str, object]:
    return {
        "name_en": entry.name.en,
        "name_zh": entry.name.zh,
        "kind_en": entry.kind.replace("_", " "),
        "kind_zh": KIND_ZH.get(entry.kind, entry.kind),
        "scale": f" ({entry.rating}/100)" if entry.rating is not None else "",
        "why": "; ".join(entry.reasons),
    }


def provenance(origin: str) -> list[str]:
    """Short codes of the lists a rating comes from (``curated``, ``lin``, ``mbfc`` ...)."""
    return [code for phrase, code in _PROVENANCE if phrase in origin] or (
        ["curated"] if origin else []
    )


def entry_data(entry: SourceEntry | None, host: str = "") -> dict[str, Any]:
    """Step data for a listing: rating (0-100, full resolution), provenance and scope."""
    if entry is None:
        return {
            "kind": None,
            "rating": None,
            "rating_origin": None,
            "rating_lists": [],
            "rating_scope": None,
            "category": "unknown",
        }
    bare = host.removeprefix("www.")
    return {
        "kind": entry.kind,
        "rating": entry.rating,
        "rating_origin": entry.origin,
        "rating_lists": provenance(entry.origin),
        "rating_scope": ("host" if entry.domain == bare else "parent") if host else "account",
        "category": entry.category,
        "name": entry.name,
        "listed_domain": entry.domain,
        "reasons": list(entry.reasons),
    }


def impersonation_finding(fake: Lookalike, evidence_subject: str) -> Finding:
    how_en, how_zh = TECHNIQUE_TEXT.get(fake.technique, (fake.technique, fake.technique))
    name = fake.target.name
    return IMPERSONATION.finding(
        f"{evidence_subject}: {fake.evidence}",
        "url" if fake.technique not in ("account_name", "account_homoglyph") else "account",
        name_en=name.en,
        name_zh=name.zh,
        how_en=how_en,
        how_zh=how_zh,
        official=fake.official_domain or name.en,
    )


def official_tld_finding(host: str, points: int) -> Finding:
    base = registered_domain(host)
    if base in _OFFICIAL_DOMAINS:
        message = GOVERNMENT_DOMAIN_TEXT.format(base=base)
        return OFFICIAL_TLD.finding(host, "url", points=points, message=message)
    return OFFICIAL_TLD.finding(host, "url", points=points, suffix=public_suffix(host))


def official_tld(host: str, pattern: Any) -> bool:
    return bool(pattern.match(public_suffix(host))) or registered_domain(host) in _OFFICIAL_DOMAINS


def https_findings(is_https: bool | None, address: str) -> list[Finding]:
    if is_https is None:
        return []
    return [(HTTPS if is_https else NO_HTTPS).finding(address, "url")]


def verify_links(domain: str, title: str) -> list[Link]:
    """The WHO advice's own method: look for the claim on the institution's real site."""
    if not domain:
        return []
    query = quote_plus(f"site:{domain} {title[:60]}".strip())
    return [
        Link(
            f"Search {domain} for this claim (Google) / 在 {domain} 搜索该说法",
            "https://www.google.com/search?q=" + query,
        ),
        Link(
            f"Search {domain} for this claim (Baidu) / 用百度在 {domain} 搜索",
            "https://www.baidu.com/s?wd=" + query,
        ),
        official_link(domain),
    ]


def official_link(domain: str) -> Link:
    return Link(f"Official site / 官方网站: {domain}", f"https://{domain}/")


KIND_ZH = {
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
    "platform": "平台",
    "blog": "博客",
    "satire": "讽刺",
}
