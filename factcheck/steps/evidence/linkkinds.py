"""What kind of source a URL points to: a study, official guidance, a shop ...

Step 5 weighs evidence by what it is, not by how much of it there is, so every outbound
link gets one :class:`LinkKind` and, from ``sources.yaml``, a reputation. Rules are tried
from the most specific (a DOI or PubMed id in the URL) to the least (a ``/shop/`` path);
the knowledge base decides for domains it lists, URL patterns for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from factcheck.knowledge.domains import host_of, public_suffix, registered_domain

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


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- scholarly ---------------------------------------------------------------------------

_ID_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("doi", re.compile(r"(?:doi\.org/|/doi/(?:abs/|full/|pdf/)?)(10\.\d{4,9}/[^\s?#]+)", re.I)),
    (
        "pmid",
        re.compile(
            r"pubmed\.ncbi\.nlm\.nih\.gov/(\d{5,9})|ncbi\.nlm\.nih\.gov/pubmed/(\d{5,9})", re.I
        ),
    ),
    ("pmcid", re.compile(r"/pmc/articles/(PMC\d{4,9})", re.I)),
    ("nct", re.compile(r"clinicaltrials\.gov/\S*?(NCT\d{8})", re.I)),
    ("chictr", re.compile(r"chictr\.org\.cn/\S*?(?:proj=|ChiCTR)(\w+)", re.I)),
    ("arxiv", re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", re.I)),
    ("preprint", re.compile(r"(?:medrxiv|biorxiv)\.org/content/(10\.1101/[\d.]+)", re.I)),
)

#: Journals, publishers, indexes and preprint servers (registered domains).
SCHOLARLY_DOMAINS = _words(
    """
    doi.org pubmed.gov ncbi.nlm.nih.gov europepmc.org clinicaltrials.gov
    arxiv.org medrxiv.org biorxiv.org ssrn.com researchsquare.com preprints.org
    nejm.org thelancet.com bmj.com jamanetwork.com nature.com science.org sciencemag.org
    cell.com sciencedirect.com springer.com link.springer.com wiley.com onlinelibrary.wiley.com
    tandfonline.com sagepub.com oup.com academic.oup.com plos.org journals.plos.org
    frontiersin.org mdpi.com biomedcentral.com cochranelibrary.com cochrane.org acpjournals.org
    annals.org ahajournals.org atsjournals.org jci.org pnas.org elifesciences.org karger.com
    thieme-connect.com lww.com journals.lww.com cambridge.org hindawi.com jstor.org
    scholar.google.com semanticscholar.org researchgate.net acs.org pubs.acs.org
    cnki.net cnki.com.cn wanfangdata.com.cn cqvip.com yiigle.com cmj.org cmaj.ca
    chinacdcweekly.cn sciengine.com
    """
)

# -- official ----------------------------------------------------------------------------

OFFICIAL_SUFFIXES = _words(
    """
    gov gov.cn gov.uk gov.au gov.sg gov.hk gov.tw gov.in gov.za gc.ca mil int
    gouv.fr bund.de go.jp go.kr govt.nz gov.ie gov.br gob.mx gob.es admin.ch
    """
)
OFFICIAL_DOMAINS = _words(
    """
    who.int europa.eu ema.europa.eu ecdc.europa.eu nhc.gov.cn chinacdc.cn nmpa.gov.cn
    nhs.uk nice.org.uk cdc.gov nih.gov fda.gov hhs.gov cms.gov canada.ca paho.org unicef.org
    un.org worldbank.org gavi.org ecdc.eu rki.de hc-sc.gc.ca tga.gov.au health.gov.au
    nhsa.gov.cn satcm.gov.cn moh.gov.sg chp.gov.hk cdc.gov.tw
    """
)

# -- press wires, social networks, shops --------------------------------------------------

PRESS_DOMAINS = _words(
    """
    prnewswire.com prnewswire.co.uk businesswire.com globenewswire.com prweb.com
    accesswire.com einpresswire.com newswire.com prnasia.com prlog.org openpr.com
    newsfilecorp.com marketwired.com cision.com
    """
)
SOCIAL_DOMAINS = _words(
    """
    facebook.com fb.com fb.me twitter.com x.com t.co instagram.com threads.net tiktok.com
    youtube.com youtu.be linkedin.com reddit.com pinterest.com tumblr.com t.me telegram.me
    telegram.org whatsapp.com wa.me vk.com snapchat.com quora.com medium.com substack.com
    rumble.com bitchute.com gab.com truthsocial.com parler.com odysee.com
    weibo.com weibo.cn t.cn weixin.qq.com mp.weixin.qq.com douyin.com iesdouyin.com
    kuaishou.com bilibili.com b23.tv zhihu.com xiaohongshu.com xhslink.com toutiao.com
    ixigua.com douban.com tieba.baidu.com
    """
)
SHOP_DOMAINS = _words(
    """
    amazon.com amazon.co.uk amazon.de amazon.fr amazon.ca amazon.co.jp amazon.cn amazon.in
    amzn.to amzn.com a.co ebay.com aliexpress.com alibaba.com walmart.com target.com
    etsy.com iherb.com vitacost.com gnc.com bestbuy.com myshopify.com shopify.com
    clickbank.net clickbank.com shareasale.com awin1.com linksynergy.com skimresources.com
    rstyle.me shopstyle.com go2cloud.org
    taobao.com tmall.com tmall.hk jd.com jd.hk 3.cn pinduoduo.com yangkeduo.com
    suning.com vip.com dangdang.com youzan.com koudaitong.com weidian.com
    """
)
#: Hosts under a social platform's domain that are shops, checked on the full host.
SHOP_HOSTS = frozenset({"s.click.taobao.com", "union.jd.com", "u.jd.com", "item.jd.com"})
REFERENCE_DOMAINS = frozenset(
    {"wikipedia.org", "wikimedia.org", "britannica.com", "baike.baidu.com", "baike.com"}
)
REFERENCE_HOSTS = frozenset({"baike.baidu.com", "baike.sogou.com", "baike.so.com"})

_SHOP_PATH = re.compile(
    r"/(?:shop|store|cart|checkout|buy|buy-now|product|products)(?:/|$|\?|\.)"
    r"|/dp/[A-Z0-9]{10}|/gp/product/|[?&](?:add-to-cart|add_to_cart)=",
    re.I,
)
_AFFILIATE_PARAMS = _words(
    """
    aff aff_id affid affiliate affiliate_id affiliateid aff_sub irclickid ranmid ransiteid
    cjevent associate_id clickref
    """
)

#: Share buttons and follow links: widgets of the page, never a source it cites.
_SHARE_WIDGET = re.compile(
    r"/sharer|/share(?:\.php|article|/|\?|$)|/dialog/(?:share|feed|send)|/intent/(?:tweet|post)"
    r"|/pin/create|/submit\?|/cws/share|/widget/share|sns\.qzone\.qq\.com|service\.weibo\.com/share"
    r"|addtoany\.com|sharethis\.com|api\.whatsapp\.com/send|/send\?text=|t\.me/share",
    re.I,
)
_PROFILE_HOSTS = frozenset(
    {
        "facebook.com",
        "twitter.com",
        "x.com",
        "instagram.com",
        "weibo.com",
        "tiktok.com",
        "pinterest.com",
        "threads.net",
        "linkedin.com",
        "youtube.com",
        "douyin.com",
        "zhihu.com",
    }
)
_PROFILE_PATH = re.compile(r"^/(?:@?[\w.-]+|(?:in|company|channel|c|user|people|u)/[\w.-]+)/?$")


def is_widget_link(url: str, host: str, domain: str) -> bool:
    """A share button or a social profile ("follow us", an author's account), not a source."""
    if _SHARE_WIDGET.search(url):
        return True
    if domain in _PROFILE_HOSTS:
        parts = urlsplit(url)
        return not parts.query and bool(_PROFILE_PATH.match(parts.path or "/"))
    return False


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
    for name, pattern in _ID_PATTERNS:
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
    if _SHOP_PATH.search(f"{parts.path}?{parts.query}"):
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
        if key in _AFFILIATE_PARAMS or (key == "utm_medium" and "affiliate" in value.lower()):
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
