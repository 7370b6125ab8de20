"""Names in bylines: one string split into contributors, each with credentials, affiliation
and a kind (person, organisation or placeholder)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from factcheck.lang.script import HAN

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
    r"电视台|广播|公众号|平台|官方|卫健委|疾控|政府|办公室|集团|公司|工作室|网|網|报|報|社|"
    r"新闻|新聞|新媒体|客户端|频道|頻道|网络版|团队|團隊|通讯社|通訊社|周刊|週刊|时报|時報)$|"
    r"^(网易|腾讯|騰訊|搜狐|新浪|凤凰|鳳凰|今日头条|头条号|百家号|大风号|网易号|搜狐号|企鹅号)$",
    re.IGNORECASE,
)
#: Chinese outlet names are organisations even when JSON-LD types them as a Person.
_ZH_OUTLET = re.compile(rf"[{HAN}](?:社|报|報|网|網|新闻|新聞|台|频道|頻道|客户端)$")
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
    rf"[{HAN}]{{2,24}}?{_ZH_INSTITUTION}(?:[{HAN}]{{0,12}}?{_ZH_INSTITUTION})*"
    rf"(?:[{HAN}]{{1,8}}?(?:科|部|中心))?"
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
        "log in",
        "sign in",
        "username",
        "user name",
        "password",
        "my account",
        "subscribe",
        "archiv anzeigen",
        "human",
        "字号",
        "字體",
        "字体",
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
    if re.fullmatch(f"[{HAN} ]+", name):
        name = name.replace(" ", "")
    return name, tuple(dict.fromkeys(credentials)), affiliation


def classify(name: str, hinted: str = "") -> str:
    """Person, organisation or placeholder; ``hinted`` is a JSON-LD ``@type`` if any."""
    lowered = name.lower().strip()
    if lowered in _PLACEHOLDERS or re.fullmatch(r"(admin|user)\d*", lowered):
        return PLACEHOLDER
    if re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", name):
        return PLACEHOLDER  # a CMS login ("sina_mobile"), not a name
    if hinted and hinted.lower() not in ("person", ""):
        return ORGANISATION
    if hinted.lower() == "person":
        return ORGANISATION if _ZH_OUTLET.search(name) else PERSON
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
