"""Who wrote the page, who reviewed it, and what they claim to be.

Bylines are read from JSON-LD (string, object or list, ``@id`` references resolved),
``<meta>`` (author, article:author, dc.creator, WeChat's author meta), microdata
(``itemprop=author``), ``rel=author`` links and visible bylines in English and Chinese
(By ..., 作者：, 文/, 记者, 通讯员, 审核专家, 医学审核, 责任编辑). Each name is split from
its credentials (Dr., MD, 主任医师 ...) and affiliation (hospital, university, department)
and classed as a person, an organisation or a placeholder (admin, 小编, 佚名 ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from factcheck import platforms
from factcheck.page.jsonld import ARTICLE_TYPES, node_types
from factcheck.page.language import is_chinese

if TYPE_CHECKING:
    from factcheck.page.model import Page

PERSON = "person"
ORGANISATION = "organisation"
PLACEHOLDER = "placeholder"

AUTHOR = "author"
REVIEWER = "reviewer"
EDITOR = "editor"

_PLACEHOLDERS = frozenset(
    [
        "admin",
        "administrator",
        "webmaster",
        "staff",
        "editor",
        "editors",
        "editorial",
        "guest",
        "anonymous",
        "unknown",
        "user",
        "redaktion",
        "team",
        "author",
        "root",
        "site",
        "小编",
        "佚名",
        "网络",
        "网友",
        "匿名",
        "本站",
        "管理员",
        "未知",
        "编辑",
        "转载",
        "网络转载",
        "来源网络",
        "互联网",
        "no-author",
        "noauthor",
        "none",
        "n/a",
        "no author",
        "not available",
        "editorial staff",
        "editorial team",
        "the editors",
    ]
)
_ORG_WORDS = re.compile(
    r"\b(news|press|media|team|staff|editorial|desk|agency|associated press|reuters|afp|dpa|"
    r"xinhua|institute|foundation|association|society|council|ministry|department|hospital|"
    r"clinic|university|college|center|centre|organi[sz]ation|inc|ltd|llc|gmbh|group|"
    r"redaktion|newsroom|health|magazine|times|post|journal|network|channel)\b|"
    r"(新华社|编辑部|中心|委员会|协会|学会|医院|大学|学院|研究所|研究院|日报|晚报|报社|杂志|"
    r"电视台|广播|公众号|平台|官方|卫健委|疾控|政府|办公室|集团|公司|工作室|网)$",
    re.IGNORECASE,
)
_PAGE_TYPES = frozenset(["webpage", "itempage", "profilepage", "qapage", "faqpage"])
# Credentials and roles, longest first so 副主任医师 wins over 主任医师 and 医师.
_ZH_CREDENTIALS = (
    "副主任医师",
    "主任医师",
    "主治医师",
    "住院医师",
    "副主任药师",
    "主任药师",
    "主管护师",
    "执业医师",
    "营养师",
    "药师",
    "护士长",
    "医师",
    "副教授",
    "教授",
    "副研究员",
    "研究员",
    "博士生导师",
    "博士",
    "硕士",
    "院士",
    "科主任",
    "主任",
)
_EN_CREDENTIAL_WORDS = (
    r"Dr\.?|Prof\.?|Professor|M\.?D\.?|Ph\.?D\.?|D\.?O\.|RN|MPH|MSc|MS|MA|BSc|"
    r"PharmD|MBBS|MBChB|FRCP|FACP|RD|RDN|NP|PA-C|DNP|MBA|MPhil|DrPH|DDS|DVM|LPN|CNM|FAAP"
)
_EN_CREDENTIALS = re.compile(rf"(?<![\w.])({_EN_CREDENTIAL_WORDS})(?![\w])")
_MEDICAL = re.compile(
    r"^(Dr|M\.?D|D\.?O|RN|MPH|PharmD|MBBS|MBChB|FRCP|FACP|RD|RDN|NP|PA-C|DNP|DrPH|DDS|FAAP|CNM)\.?$"
    r"|医师|药师|护|营养师",
    re.IGNORECASE,
)
_RESEARCH = re.compile(r"Ph\.?D|Prof|教授|研究员|博士|院士", re.IGNORECASE)
_ZH_INSTITUTION = (
    r"(?:医院|大学|医学院|学院|研究所|研究院|疾病预防控制中心|疾控中心|卫生健康委员会)"
)
_ZH_AFFILIATION = re.compile(
    rf"[\u4e00-\u9fff]{{2,24}}?{_ZH_INSTITUTION}(?:[\u4e00-\u9fff]{{0,12}}?{_ZH_INSTITUTION})*"
    r"(?:[\u4e00-\u9fff]{1,8}?(?:科|部|中心))?"
)
_EN_AFFILIATION = re.compile(
    r"(?:(?:[A-Z][\w&.'-]*|of|the|and|for)\s+){0,6}(?:Hospital|University|Clinic|Medical Center|"
    r"Medical Centre|Institute|School of Medicine|College|Health System)"
    r"(?:\s+(?:of|at|in)\s+(?:[A-Z][\w.'-]*\s?){1,4})?"
    r"|Department of (?:[A-Z][\w-]*\s?){1,4}"
)
#: Labels and buttons that byline heuristics pick up instead of a name.
_NOT_NAMES = frozenset(
    [
        "name",
        "posted",
        "date",
        "datum",
        "follow",
        "share",
        "comment",
        "comments",
        "reply",
        "read more",
        "more",
        "home",
        "menu",
        "search",
        "login",
        "archiv anzeigen",
        "human",
    ]
)
_ZH_LABELS = "作者|撰文|文|记者|通讯员|审核专家|医学审核|审稿专家|审核|责任编辑|责编|编辑"
_BY_PREFIX = re.compile(
    r"^\s*(?:(?:(?:show|view|see) all (?:articles|posts|stories) (?:of|by)|"
    r"more (?:articles|posts) by|"
    r"posted by|zeige alle beiträge von|alle (?:beiträge|artikel) von|beitrag von|interview|text|"
    r"written by|by|vom|von|par|por|door|author|autor|auteur)(?![a-zà-ÿ])\s*[:：/|]?"
    rf"|(?:{_ZH_LABELS})(?:\s*[:：/|｜]|\s))\s*",
    re.IGNORECASE,
)
# Conjunctions in lower case only: "John Y Smith" keeps his initial.
_SPLIT = re.compile(r"\s*(?:,|;|、|，|；|\||&|\band\b|\bund\b|\bet\b|\by\b|\s/\s)\s*")
# Visible bylines: label, separator, names. 文 / 撰文 / 审核 need a real separator
# (文/张三), the others may be followed by a space (记者 张三); byline_contributors checks.
_ZH_BYLINE = re.compile(
    r"(作者|撰文|文|记者|通讯员|审核专家|医学审核|审稿专家|审核|责任编辑|责编)(\s*[:：/｜|]\s*|\s+)"
    r"([\u4e00-\u9fff·A-Za-z][\u4e00-\u9fff·A-Za-z .、，,]{0,40}?)"
    r"(?=\s*(?:\n|$|[|｜]|发布|来源|时间|日期|\d|（|\(|。|作者|文/|记者|通讯员|审核|责任编辑|编辑|摄影|校对))"
)
_NEEDS_SEPARATOR = frozenset(["文", "撰文", "审核", "审稿专家"])
# A capitalised name of 2-4 words, optionally "Dr." before and ", MD, PhD" after.
_EN_NAME = (
    r"(?:(?:Dr|Prof)\.?\s+)?[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,3}"
    rf"(?:,\s*(?:{_EN_CREDENTIAL_WORDS})(?![\w]))*"
)
_EN_BYLINE = re.compile(
    r"(By|Written by|Reviewed by|Medically reviewed by|Fact checked by)\s+"
    rf"({_EN_NAME}(?:\s*(?:,|and|&)\s*{_EN_NAME}){{0,3}})"
    r"(?=\s*(?:$|<|\n|[|·•,;:(]|\d|[A-Z][a-z]+\s+\d|Updated|Published|on\s))"
)
_ZH_ROLE = {
    "审核专家": REVIEWER,
    "医学审核": REVIEWER,
    "审核": REVIEWER,
    "审稿专家": REVIEWER,
    "责任编辑": EDITOR,
    "责编": EDITOR,
}


@dataclass(frozen=True, slots=True)
class Contributor:
    """One named contributor and what the page says about them."""

    name: str
    kind: str  # person | organisation | placeholder
    role: str = AUTHOR  # author | reviewer | editor
    credentials: tuple[str, ...] = ()
    affiliation: str = ""
    profile_url: str = ""
    origin: str = ""  # json-ld | meta | microdata | rel-author | byline | trafilatura
    evidence: str = ""

    @property
    def medical(self) -> bool:
        """Holds a clinical credential (MD, RN, 医师 ...)."""
        return any(_MEDICAL.search(c) for c in self.credentials)

    @property
    def researcher(self) -> bool:
        return any(_RESEARCH.search(c) for c in self.credentials)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "credentials": list(self.credentials),
            "affiliation": self.affiliation,
            "profile_url": self.profile_url,
            "origin": self.origin,
        }


@dataclass(frozen=True, slots=True)
class Authorship:
    """Authors, reviewers and editors found on a page, plus the WeChat account if any."""

    authors: tuple[Contributor, ...]
    reviewers: tuple[Contributor, ...]
    editors: tuple[Contributor, ...]
    account: str = ""  # a WeChat account publishes; it is not the author

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.authors]


# -- names ---------------------------------------------------------------------------------


def split_credentials(raw: str) -> tuple[str, tuple[str, ...], str]:
    """Name, credentials and affiliation from a byline fragment such as
    "Dr. Jane Roe, MD, Mayo Clinic" or "张三 主任医师 北京协和医院心内科"."""
    text = " ".join(raw.split())
    credentials: list[str] = []
    for cred in _ZH_CREDENTIALS:
        if cred in text:
            credentials.append(cred)
            text = text.replace(cred, " ")
    affiliation = ""
    match = _ZH_AFFILIATION.search(text) or _EN_AFFILIATION.search(text)
    if match:
        affiliation = match.group(0).strip(" ,")
        text = (text[: match.start()] + " " + text[match.end() :]).strip()
    credentials.extend(_EN_CREDENTIALS.findall(text))
    text = _EN_CREDENTIALS.sub(" ", text)
    name = re.sub(r"\s+", " ", text).strip(" ,;:-|/（）()→»›>«‹<•·")
    if re.fullmatch(r"[\u4e00-\u9fff ]+", name):
        name = name.replace(" ", "")
    return name, tuple(dict.fromkeys(credentials)), affiliation


def classify(name: str, hinted: str = "") -> str:
    """Person, organisation or placeholder; ``hinted`` is a JSON-LD ``@type`` if any."""
    lowered = name.lower().strip()
    if lowered in _PLACEHOLDERS or re.fullmatch(r"(admin|user)\d*", lowered):
        return PLACEHOLDER
    if hinted and hinted.lower() not in ("person", ""):
        return ORGANISATION
    if hinted.lower() == "person":
        return PERSON
    if _ORG_WORDS.search(name) or re.search(r"\.(com|org|net|cn|de)\b", lowered):
        return ORGANISATION
    return PERSON


def contributors(
    raw: str, *, origin: str, role: str = AUTHOR, hinted: str = "", profile: str = ""
) -> list[Contributor]:
    """Split a byline string into contributors (several names, credentials per name)."""
    raw = _BY_PREFIX.sub("", " ".join(raw.split()))
    raw = re.sub(r"\S+@\S+|https?://\S+", " ", raw).strip()
    if not raw or len(raw) > 200:
        return []
    if hinted and hinted.lower() != "person":
        # A typed organisation is one name: "Example Clinic Editorial Team" is not split.
        kind = classify(raw, hinted)
        return [
            Contributor(raw, kind, role, profile_url=profile, origin=origin, evidence=raw[:160])
        ]
    out = []
    for part in _split_names(raw):
        name, creds, affiliation = split_credentials(_BY_PREFIX.sub("", part))
        if not _plausible(name):
            continue
        out.append(
            Contributor(
                name=name,
                kind=classify(name, hinted),
                role=role,
                credentials=creds,
                affiliation=affiliation,
                profile_url=profile,
                origin=origin,
                evidence=raw[:160],
            )
        )
    return out


def _split_names(raw: str) -> list[str]:
    parts = [p for p in _SPLIT.split(raw) if p and p.strip()]
    merged: list[str] = []
    for part in parts:
        name, creds, affiliation = split_credentials(part)
        # "Jane Roe, MD, PhD": a part that is only credentials belongs to the name before it.
        if merged and not name and (creds or affiliation):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


def _plausible(name: str) -> bool:
    """Not empty, not a sentence, not a page-furniture word ("Name", "Posted", "Follow")."""
    if not name or len(name) > 60 or re.search(r"\d{3,}", name):
        return False
    if name.lower() in _NOT_NAMES or re.search(r"\s(?:says|said|wrote|schreibt)$", name):
        return False
    return len(name.split()) <= 6


# -- sources -------------------------------------------------------------------------------


def jsonld_contributors(page: Page) -> Iterator[Contributor]:
    """Authors of the page's main node (article types first, then web pages), reviewers of any."""
    for node in _main_nodes(page):
        for key, role in (
            ("author", AUTHOR),
            ("creator", AUTHOR),
            ("reviewedBy", REVIEWER),
            ("editor", EDITOR),
        ):
            if key == "creator" and "author" in node:
                continue
            for value in _as_list(node.get(key)):
                yield from _jsonld_person(page, value, role)


def _main_nodes(page: Page) -> list[Mapping[str, Any]]:
    """Article-like nodes, else page-like nodes, else all: image credits stay out."""
    for wanted in (ARTICLE_TYPES, _PAGE_TYPES):
        chosen = [n for n in page.jsonld.nodes if wanted & {t.lower() for t in node_types(n)}]
        if chosen:
            return chosen
    return list(page.jsonld.nodes)


def _jsonld_person(page: Page, value: Any, role: str) -> Iterator[Contributor]:
    value = page.jsonld.resolve(value)
    if isinstance(value, str):
        if not value.startswith("http"):
            yield from contributors(value, origin="json-ld", role=role)
        return
    if not isinstance(value, Mapping):
        return
    name = value.get("name")
    if isinstance(name, list):
        name = next((n for n in name if isinstance(n, str)), "")
    if not isinstance(name, str) or not name.strip():
        given, family = value.get("givenName"), value.get("familyName")
        name = " ".join(n for n in (given, family) if isinstance(n, str))
    types = node_types(value)
    hinted = types[0] if types else ""
    profile = _first_str(value.get("url")) or _first_str(value.get("sameAs"))
    for person in contributors(name, origin="json-ld", role=role, hinted=hinted, profile=profile):
        creds = list(person.credentials)
        for extra in (
            _as_list(value.get("jobTitle"))
            + _as_list(value.get("honorificPrefix"))
            + _as_list(value.get("honorificSuffix"))
        ):
            if isinstance(extra, str) and extra.strip():
                creds.extend(c for c in re.split(r"\s*,\s*", extra.strip()) if c)
        affiliation = person.affiliation or _org_name(
            page, value.get("affiliation") or value.get("worksFor")
        )
        yield replace(person, credentials=tuple(dict.fromkeys(creds)), affiliation=affiliation)


def _org_name(page: Page, value: Any) -> str:
    for item in _as_list(value):
        item = page.jsonld.resolve(item)
        if isinstance(item, str):
            return item
        if isinstance(item, Mapping) and isinstance(item.get("name"), str):
            return str(item["name"])
    return ""


_META_AUTHOR = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
    "citation_author",
    "og:article:author",
)


def meta_contributors(page: Page) -> Iterator[Contributor]:
    for key in _META_AUTHOR:
        values = page.meta.get(key, ())
        if key == "citation_author":
            for value in values[:20]:
                yield from contributors(value, origin="meta")
            continue
        for value in values[:1]:
            if value.startswith("http"):
                continue  # article:author is often a profile URL, not a name
            found = contributors(value, origin="meta")
            if found:
                yield from found
                return


def microdata_contributors(page: Page) -> Iterator[Contributor]:
    found = [
        el
        for el in page.itemprop_elements
        if el.get("itemprop") in ("author", "reviewedBy") and el.tag != "meta"
    ]
    # Sidebars repeat itemprop=author for other stories: keep the first byline's siblings.
    first_parent = found[0].getparent() if found else None
    for el in found[:10]:
        if el.getparent() is not first_parent and el.get("itemprop") == "author":
            continue
        role = REVIEWER if el.get("itemprop") == "reviewedBy" else AUTHOR
        names = el.xpath(".//*[@itemprop='name']")
        node = names[0] if names else el
        text = node.get("content") or node.text_content() or ""
        profile = el.get("href") or next(iter(el.xpath(".//a/@href")), "")
        yield from contributors(text, origin="microdata", role=role, profile=str(profile))


def rel_author_contributors(page: Page) -> Iterator[Contributor]:
    links = [a for a in page.elements("a") if "author" in (a.get("rel") or "").lower().split()]
    # Lists of other stories repeat rel=author: keep the first byline's own links.
    first_parent = links[0].getparent() if links else None
    for link in links[:5]:
        if link.get("href") and link.getparent() is first_parent:
            profile = _absolute(page, link.get("href") or "")
            yield from contributors(link.text_content() or "", origin="rel-author", profile=profile)


def _absolute(page: Page, href: str) -> str:
    try:
        return urljoin(page.address or "", href.strip())
    except ValueError:  # malformed href (e.g. a bracketed non-IP host)
        return ""


def byline_contributors(page: Page) -> Iterator[Contributor]:
    """Visible bylines: 作者：张三, 记者 李四, 审核专家：王五 主任医师, By Jane Roe."""
    text = page.flat_text
    for match in _ZH_BYLINE.finditer(text) if is_chinese(page) else ():
        label, separator, names = match.groups()
        if label in _NEEDS_SEPARATOR and not separator.strip():
            continue
        yield from contributors(names, origin="byline", role=_ZH_ROLE.get(label, AUTHOR))
    html = page.html  # names end at the next tag here; flat text glues paragraphs together
    for match in _EN_BYLINE.finditer(html):
        if match.start() and (html[match.start() - 1].isalnum() or html[match.start() - 1] == "-"):
            continue  # "Standby ..." is not a byline
        label = match.group(1).lower()
        role = REVIEWER if "review" in label or "fact" in label else AUTHOR
        yield from contributors(match.group(2), origin="byline", role=role)


def wechat_contributors(page: Page) -> Iterator[Contributor]:
    """WeChat: the author meta (or ``#js_author_name``); the account is not the author."""
    if not _looks_like_wechat(page):
        return
    for el in page.tree.xpath('//*[@id="js_author_name"]|//*[@id="js_author_name_text"]')[:1]:
        yield from contributors(el.text_content() or "", origin="wechat")


_WECHAT_MARK = re.compile(r"js_(?:author_)?name")  # a literal start: a fast scan


def _looks_like_wechat(page: Page) -> bool:
    return _WECHAT_MARK.search(page.html) is not None


def wechat_account(page: Page) -> str:
    """The WeChat account (:func:`factcheck.platforms.wechat_account`) on WeChat pages."""
    return platforms.wechat_account(page)[0] if _looks_like_wechat(page) else ""


#: Sources tried in order; the first that names an author wins (reviewers and editors are
#: collected from all of them).
SOURCES = (
    ("json-ld", jsonld_contributors),
    ("meta", meta_contributors),
    ("wechat", wechat_contributors),
    ("microdata", microdata_contributors),
    ("rel-author", rel_author_contributors),
    ("byline", byline_contributors),
)


def page_authorship(page: Page) -> Authorship:
    """Authors from the most trusted source naming a person (else an organisation, else a
    placeholder); reviewers and editors collected from every source."""
    candidates: list[list[Contributor]] = []
    reviewers: list[Contributor] = []
    editors: list[Contributor] = []
    for _origin, source in SOURCES:
        found = list(source(page))
        candidates.append([c for c in found if c.role == AUTHOR])
        reviewers += [c for c in found if c.role == REVIEWER]
        editors += [c for c in found if c.role == EDITOR]
    if page.extraction.author:
        candidates.append(contributors(page.extraction.author, origin="trafilatura"))
    account = wechat_account(page)
    authors = [
        replace(a, kind=ORGANISATION) if account and a.name == account else a
        for a in best_authors(candidates)
    ]  # a WeChat "author" that is the account's own name is the publisher
    return Authorship(
        authors=_unique(authors),
        reviewers=_unique(reviewers),
        editors=_unique(editors),
        account=account,
    )


def best_authors(candidates: list[list[Contributor]]) -> list[Contributor]:
    """The first source that names a real-looking person; organisations and placeholders
    (often the site's own name or "admin") only when no source names a person."""
    for wanted in (_named_person, _is_person, lambda c: c.kind == ORGANISATION, lambda c: True):
        for found in candidates:
            if found and any(wanted(c) for c in found):
                return found
    return []


def _is_person(person: Contributor) -> bool:
    return person.kind == PERSON


def _named_person(person: Contributor) -> bool:
    """A person written as a name (not a user handle such as "jane.doe" or "jdoe")."""
    name = person.name
    if person.kind != PERSON:
        return False
    if re.search(r"[\u4e00-\u9fff]", name):
        return True
    return " " in name and "." not in name.replace(". ", " ").rstrip(".") and name != name.lower()


def _unique(found: Iterable[Contributor]) -> tuple[Contributor, ...]:
    seen: dict[str, Contributor] = {}
    for person in found:
        key = person.name.lower()
        if key not in seen or (person.credentials and not seen[key].credentials):
            seen[key] = person
    return tuple(seen.values())


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first_str(value: Any) -> str:
    for item in _as_list(value):
        if isinstance(item, str) and item.startswith("http"):
            return item
    return ""
