"""What kind of source a URL points to: a study, official guidance, a shop ...

Step 5 weighs evidence by what it is, not by how much of it there is, so every outbound
link gets one :class:`LinkKind` and, from ``sources.yaml``, a reputation. Rules are tried
from the most specific (a DOI or PubMed id in the URL) to the least (a ``/shop/`` path);
the knowledge base decides for domains it lists, URL patterns for the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from factcheck.knowledge.domains import host_of, public_suffix, registered_domain
from factcheck.steps.evidence.lexicon import (
    AFFILIATE_PARAMS,
    ID_PATTERNS,
    OFFICIAL_DOMAINS,
    OFFICIAL_SUFFIXES,
    PRESS_DOMAINS,
    REFERENCE_DOMAINS,
    REFERENCE_HOSTS,
    SCHOLARLY_DOMAINS,
    SHOP_DOMAINS,
    SHOP_HOSTS,
    SHOP_PATH,
    SOCIAL_DOMAINS,
)

if TYPE_CHECKING:
    from factcheck.knowledge.sources import SourceDB, SourceEntry


class LinkKind(StrEnum):
    """Kinds of source, best evidence first."""

    SCHOLARLY = "scholarly"  # a paper, preprint, trial registry entry or journal
    OFFICIAL = "official"  # a health authority or government body
    ACADEMIC = "academic"  # a university or research institute site (not a paper)
    FACT_CHECKER = "fact_checker"
    NEWS = "news"  # a news outlet listed in sources.yaml
    REFERENCE = "reference"  # an encyclopedia (Wikipedia, 百度百科)
    PRESS_RELEASE = "press_release"  # a PR wire: the company's own words
    SOCIAL = "social"  # a social network post or video
    COMMERCIAL = "commercial"  # a shop, a product page, an affiliate link
    UNKNOWN = "unknown"


class Reputation(StrEnum):
    GOOD = "good"
    LOW = "low"  # rated unreliable (or satire) in sources.yaml
    BAD = "bad"  # listed as fake news, conspiracy or junk science in sources.yaml
    UNRATED = "unrated"


@dataclass(frozen=True, slots=True)
class LinkClass:
    """One classified URL and why it got its kind."""

    url: str
    host: str
    domain: str
    kind: LinkKind
    reputation: Reputation
    reason: str  # the rule that decided, e.g. "doi in url", "sources.yaml: news"
    identifier: str = ""  # DOI, PMID, NCT ... when the URL carries one
    source_name: str = ""  # the knowledge base's name for the domain

    @property
    def is_affiliate(self) -> bool:
        return self.reason == "affiliate parameter"


# -- knowledge base kinds ------------------------------------------------------------------

_KB_KINDS: dict[str, LinkKind] = {
    "health_authority": LinkKind.OFFICIAL,
    "government": LinkKind.OFFICIAL,
    "international_org": LinkKind.OFFICIAL,
    "medical_association": LinkKind.OFFICIAL,
    "journal": LinkKind.SCHOLARLY,
    "academic": LinkKind.ACADEMIC,
    "hospital": LinkKind.ACADEMIC,
    "fact_checker": LinkKind.FACT_CHECKER,
    "news": LinkKind.NEWS,
    "state_media": LinkKind.NEWS,
    "health_media": LinkKind.NEWS,
    "reference": LinkKind.REFERENCE,
    "platform": LinkKind.SOCIAL,
    "commercial": LinkKind.COMMERCIAL,
}
#: Knowledge-base kinds that win over the domain lists; the others (news, platform ...) come
#: after them, so a .gov site rated by a news-quality list is still official.
_TRUSTED_KB_KINDS = frozenset(
    {LinkKind.OFFICIAL, LinkKind.SCHOLARLY, LinkKind.ACADEMIC, LinkKind.FACT_CHECKER}
)
#: sources.yaml categories that make a link a negative, whatever its kind: citing a fake,
#: unreliable or satirical site as support is worse than citing nothing.
LOW_CATEGORIES = frozenset({"unreliable", "satire"})
_ACADEMIC_SUFFIXES = ("edu", "edu.cn", "ac.uk", "ac.cn", "edu.au", "ac.jp", "edu.hk")


def kb_link_kind(kb_kind: str) -> LinkKind | None:
    """The link kind a sources.yaml kind stands for (``international_org`` -> official)."""
    return _KB_KINDS.get(kb_kind)


def classify_url(
    url: str, sources: SourceDB | None = None, *, host: str | None = None
) -> LinkClass:
    """Kind and reputation of ``url``. Never raises; a URL without a host is UNKNOWN.

    ``host`` may be passed when already known (``PageLink.host``) to save parsing the URL.
    """
    host = host_of(url) if host is None else host
    domain = registered_domain(host) if host else ""
    entry = sources.lookup(host) if sources is not None and host else None
    kind, reason, identifier = _kind(url, host, domain, entry)
    return LinkClass(
        url=url,
        host=host,
        domain=domain,
        kind=kind,
        reputation=_reputation(entry),
        reason=reason,
        identifier=identifier,
        source_name=entry.name.en if entry is not None else "",
    )


def scholarly_identifier(url: str) -> tuple[str, str]:
    """``("doi", "10.1056/...")`` when ``url`` carries a paper or trial id, else ``("", "")``."""
    for name, pattern in ID_PATTERNS:
        match = pattern.search(url)
        if match:
            value = next(g for g in match.groups() if g).rstrip(".,;")
            while value.endswith(")") and value.count(")") > value.count("("):
                value = value[:-1]
            return name, value
    return "", ""


def _kind(url: str, host: str, domain: str, entry: SourceEntry | None) -> tuple[LinkKind, str, str]:
    id_name, identifier = scholarly_identifier(url)
    if id_name:
        return LinkKind.SCHOLARLY, f"{id_name} in url", identifier
    if not host:
        return LinkKind.UNKNOWN, "no host", ""
    parts = urlsplit(url)
    if _has_affiliate_param(url, parts.query):
        return LinkKind.COMMERCIAL, "affiliate parameter", ""
    kb_name = entry.kind if entry is not None else ""
    kb_kind = _KB_KINDS.get(kb_name)
    if kb_kind is not None and kb_kind in _TRUSTED_KB_KINDS:
        return kb_kind, f"sources.yaml: {kb_name}", ""
    for kind, rule in _DOMAIN_RULES:
        if rule(host, domain):
            return kind, "domain list", ""
    suffix = public_suffix(host)
    if suffix in OFFICIAL_SUFFIXES or suffix.startswith("gov."):
        return LinkKind.OFFICIAL, f"official suffix .{suffix}", ""
    if kb_kind is not None:
        return kb_kind, f"sources.yaml: {kb_name}", ""
    if suffix in _ACADEMIC_SUFFIXES:
        return LinkKind.ACADEMIC, f"academic suffix .{suffix}", ""
    if SHOP_PATH.search(f"{parts.path}?{parts.query}"):
        return LinkKind.COMMERCIAL, "shop path", ""
    return LinkKind.UNKNOWN, "not listed", ""


def _reputation(entry: SourceEntry | None) -> Reputation:
    if entry is None:
        return Reputation.UNRATED
    category = entry.category
    if category == "fake":
        return Reputation.BAD
    if category in LOW_CATEGORIES:
        return Reputation.LOW
    return Reputation.GOOD if category == "reliable" else Reputation.UNRATED


def _in(domains: frozenset[str]) -> Callable[[str, str], bool]:
    return lambda host, domain: domain in domains or host in domains


def _has_affiliate_param(url: str, query: str) -> bool:
    if not query:
        return False
    for key, value in parse_qsl(query):
        key = key.lower()
        if key in AFFILIATE_PARAMS or (key == "utm_medium" and "affiliate" in value.lower()):
            return True
        if key == "tag" and "amazon." in url.lower():  # Amazon Associates tag
            return True
    return False


_DOMAIN_RULES = (
    (LinkKind.SCHOLARLY, _in(SCHOLARLY_DOMAINS)),
    (LinkKind.OFFICIAL, _in(OFFICIAL_DOMAINS)),
    (LinkKind.PRESS_RELEASE, _in(PRESS_DOMAINS)),
    (LinkKind.COMMERCIAL, lambda host, domain: host in SHOP_HOSTS),
    (LinkKind.REFERENCE, lambda host, domain: host in REFERENCE_HOSTS),
    (LinkKind.SOCIAL, _in(SOCIAL_DOMAINS)),
    (LinkKind.COMMERCIAL, _in(SHOP_DOMAINS)),
    (LinkKind.REFERENCE, _in(REFERENCE_DOMAINS)),
)
