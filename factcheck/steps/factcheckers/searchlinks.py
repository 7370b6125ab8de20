"""Where the reader can look next: fact-checker and authority searches, prefilled.

Chosen by the page's language: English pages get the international fact-checkers and
Google web searches; Chinese pages get Chinese fact-checkers and Baidu searches (Google is
not reachable for most readers in mainland China). ``site:`` searches of the institutions a
page names let the reader see whether the institution really said it (the WHO's own advice).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

from factcheck.report import Link

MAX_QUERY_CHARS = 100


@dataclass(frozen=True, slots=True)
class Authority:
    """A health authority the reader can compare the page with."""

    domain: str
    name_en: str
    name_zh: str


#: Authorities on health topics, by page language.
AUTHORITIES: dict[str, tuple[Authority, ...]] = {
    "en": (
        Authority("who.int", "World Health Organization (WHO)", "世界卫生组织"),
        Authority("cdc.gov", "US Centers for Disease Control and Prevention (CDC)", "美国疾控中心"),
    ),
    "zh": (
        Authority("nhc.gov.cn", "National Health Commission of China", "国家卫生健康委员会"),
        Authority(
            "chinacdc.cn", "Chinese Center for Disease Control and Prevention", "中国疾控中心"
        ),
        Authority("who.int", "World Health Organization (WHO)", "世界卫生组织"),
    ),
}


#: Where to start when the page gives nothing to search for (no headline, no text).
HOME_PAGES: dict[str, tuple[Link, ...]] = {
    "en": (
        Link("Google Fact Check Explorer", "https://toolbox.google.com/factcheck/explorer"),
        Link("Snopes", "https://www.snopes.com/"),
        Link("AP Fact Check", "https://apnews.com/hub/ap-fact-check"),
        Link("Reuters Fact Check", "https://www.reuters.com/fact-check/"),
        Link("AFP Fact Check", "https://factcheck.afp.com/"),
        Link("Health Feedback", "https://healthfeedback.org/"),
        Link("World Health Organization (WHO)", "https://www.who.int/"),
    ),
    "zh": (
        Link("中国互联网联合辟谣平台", "https://www.piyao.org.cn/"),
        Link("腾讯较真", "https://vp.fact.qq.com/"),
        Link("丁香医生", "https://dxy.com/"),
        Link("国家卫生健康委员会", "https://www.nhc.gov.cn/"),
        Link("中国疾控中心", "https://www.chinacdc.cn/"),
    ),
}


def search_query(headline: str) -> str:
    """The headline as a search query: white space collapsed, cut on a word boundary."""
    text = re.sub(r"\s+", " ", headline).strip()
    if len(text) <= MAX_QUERY_CHARS:
        return text
    cut = text[:MAX_QUERY_CHARS]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut


def google(query: str) -> str:
    return "https://www.google.com/search?q=" + quote_plus(query)


def baidu(query: str) -> str:
    return "https://www.baidu.com/s?wd=" + quote_plus(query)


def fact_check_explorer(query: str, language: str) -> str:
    hl = "zh-CN" if language == "zh" else "en"
    return f"https://toolbox.google.com/factcheck/explorer/search/{quote(query, safe='')};hl={hl}"


def fact_checker_links(query: str, language: str) -> list[Link]:
    """The fact-checkers to search, for the page's language."""
    if language == "zh":
        return [
            Link("中国互联网联合辟谣平台", baidu(f"site:piyao.org.cn {query}")),
            Link("腾讯较真", baidu(f"site:fact.qq.com {query}")),
            Link("丁香医生", baidu(f"site:dxy.com {query}")),
            Link("Google 事实核查工具 (Fact Check Explorer)", fact_check_explorer(query, language)),
        ]
    return [
        Link("Google Fact Check Explorer", fact_check_explorer(query, language)),
        Link("Snopes", "https://www.snopes.com/search/?q=" + quote_plus(query)),
        Link("AP Fact Check", "https://apnews.com/search?q=" + quote_plus(f"fact check {query}")),
        Link(
            "Reuters Fact Check",
            "https://www.reuters.com/site-search/?query=" + quote_plus(f"fact check {query}"),
        ),
        Link("AFP Fact Check", google(f"site:factcheck.afp.com {query}")),
        Link("Health Feedback", "https://healthfeedback.org/?s=" + quote_plus(query)),
    ]


def site_search(domain: str, name_en: str, name_zh: str, query: str, language: str) -> Link:
    """A ``site:`` search of ``domain`` for ``query`` (Baidu for Chinese pages)."""
    if language == "zh":
        return Link(f"在{name_zh}官网（{domain}）搜索", baidu(f"site:{domain} {query}"))
    return Link(f"Search {name_en} ({domain})", google(f"site:{domain} {query}"))


def all_links(
    headline: str,
    language: str,
    institutions: Iterable[tuple[str, str, str]] = (),
    *,
    skip_domain: str = "",
) -> list[Link]:
    """Fact-checkers, then the institutions the page names, then the topic's authorities.

    ``institutions`` are (domain, name_en, name_zh); a domain is searched once, and the
    page's own domain (``skip_domain``) is not searched.
    """
    query = search_query(headline)
    lang = "zh" if language == "zh" else "en"
    if not query:  # nothing to prefill: the fact-checkers' own pages
        return list(HOME_PAGES[lang])
    links = fact_checker_links(query, lang)
    seen = {skip_domain} if skip_domain else set()
    named = list(institutions) + [(a.domain, a.name_en, a.name_zh) for a in AUTHORITIES[lang]]
    for domain, name_en, name_zh in named:
        if domain and domain not in seen:
            seen.add(domain)
            links.append(site_search(domain, name_en, name_zh, query, lang))
    return links
