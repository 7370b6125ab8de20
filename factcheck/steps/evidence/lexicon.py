"""Domain lists and URL patterns that tell what kind of site a link points to.

Scholarly publishers and registries, official suffixes and bodies, press wires, social
networks, shops, encyclopedias, share widgets and profile pages. Used by
:mod:`factcheck.steps.evidence.linkkinds` for domains the knowledge base does not list.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from factcheck.platforms import SOCIAL_HOSTS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- scholarly ---------------------------------------------------------------------------

ID_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
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
#: Social networks: the hosts of the platform registry (one list for steps 1, 3 and 5).
SOCIAL_DOMAINS = SOCIAL_HOSTS
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

SHOP_PATH = re.compile(
    r"/(?:shop|store|cart|checkout|buy|buy-now|product|products)(?:/|$|\?|\.)"
    r"|/dp/[A-Z0-9]{10}|/gp/product/|[?&](?:add-to-cart|add_to_cart)=",
    re.I,
)
AFFILIATE_PARAMS = _words(
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
