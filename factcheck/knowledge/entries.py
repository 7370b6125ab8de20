"""What the knowledge base knows about one domain, account or institution, and what a kind
and rating mean for the reader (:func:`category`)."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.i18n import LocalText

#: Kinds whose word carries weight on health: their lookalikes are impersonation.
AUTHORITY_KINDS = frozenset(
    {
        "health_authority",
        "government",
        "international_org",
        "academic",
        "hospital",
        "journal",
        "medical_association",
        "fact_checker",
    }
)
FAKE_KINDS = frozenset({"fake", "conspiracy", "junk_science", "hate", "rumor_mill"})
UNRELIABLE_KINDS = frozenset({"unreliable", "clickbait", "bias", "denylisted"})
#: Every kind an entry may have (docs/sources.md says what step 1 makes of each).
KINDS = (
    AUTHORITY_KINDS
    | FAKE_KINDS
    | UNRELIABLE_KINDS
    | {
        "reference",
        "news",
        "state_media",
        "health_media",
        "commercial",
        "platform",
        "blog",
        "satire",
        "allowlisted",
        "unknown",
    }
)
PLATFORMS = frozenset(
    {
        "wechat",
        "weibo",
        "zhihu",
        "douyin",
        "xiaohongshu",
        "toutiao",
        "bilibili",
        "facebook",
        "x",
        "youtube",
        "tiktok",
    }
)
#: A rating below this makes a listed source "unreliable"; at or above RELIABLE_AT, "reliable".
UNRELIABLE_BELOW = 40
RELIABLE_AT = 65


def category(kind: str, rating: int | None) -> str:
    """What a kind and rating mean for the reader: fake, unreliable, satire, mixed,
    reliable or unknown. Satire is never "fake": it is a joke, not a lie."""
    if kind == "satire":
        return "satire"
    if kind in FAKE_KINDS:
        return "fake"
    if kind in UNRELIABLE_KINDS or (rating is not None and rating < UNRELIABLE_BELOW):
        return "unreliable"
    if rating is None:
        return "reliable" if kind in AUTHORITY_KINDS else "unknown"
    return "reliable" if rating >= RELIABLE_AT else "mixed"


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """What the knowledge base says about one domain."""

    domain: str
    name: LocalText
    kind: str
    rating: int | None  # 0 (worst) .. 100 (best); None when only the kind is known
    reasons: tuple[str, ...]
    origin: str  # where the rating comes from: list and date
    region: str = ""  # where the source is based, when curated: "cn", "hk", "tw" ...

    @property
    def category(self) -> str:
        """fake / unreliable / satire / mixed / reliable / unknown (see :func:`category`)."""
        return category(self.kind, self.rating)


@dataclass(frozen=True, slots=True)
class AccountEntry:
    """An account on a platform (WeChat 公众号, Weibo, X ...), known by its exact name."""

    platform: str
    name: str
    kind: str
    rating: int | None
    reasons: tuple[str, ...]
    origin: str
    owner: str = ""  # institution key, e.g. "nhc"
    domain: str = ""  # the owner's official domain, e.g. "nhc.gov.cn"
    handles: tuple[str, ...] = ()  # ids the URL shows (x.com/WHO, youtube.com/@WHO ...)

    @property
    def category(self) -> str:
        return category(self.kind, self.rating)


@dataclass(frozen=True, slots=True)
class Institution:
    """An institution people cite by name ("the WHO", "世卫组织"), and its official domain."""

    key: str  # stable id, e.g. "who"
    name: LocalText
    domain: str  # official registered domain, e.g. "who.int"
    aliases: tuple[str, ...]  # every name it goes by, en and zh ("WHO", "世界卫生组织" ...)
    kind: str = "health_authority"
    domains: tuple[str, ...] = ()  # other official domains (nhs.net beside nhs.uk ...)

    @property
    def official_domains(self) -> tuple[str, ...]:
        return (self.domain, *self.domains)


def _account_key(name: str) -> str:
    """Accounts match on their exact name; handles (Latin) ignore case."""
    name = name.strip()
    return name.lower() if name.isascii() else name
