"""Step 1's findings: code, points and message, declared once (see :mod:`factcheck.rules`).

A rated source's points follow its rating at full resolution (points = rating - 50, within
each category's bounds), so the step score of a listed source is its rating: the step keeps
the information of the list instead of a coarse band. An account or site nobody rates is
unknown, not penalised (:data:`USER_GENERATED` is information, 0 points).
"""

from __future__ import annotations

from factcheck.i18n import T
from factcheck.rules import Rule

LISTED_FAKE = Rule(
    "source.listed_fake",
    -45,
    T(
        "{name_en} is listed as a {kind_en} source{scale}: {why}.",
        "{name_zh} 被列为{kind_zh}来源{scale}：{why}。",
    ),
    cap=20,  # the domain is on a fake-news list
    variable=(-50, -30),  # rating - 50 when rated, at most -30
)
LISTED_UNRELIABLE = Rule(
    "source.listed_unreliable",
    -25,
    T(
        "{name_en} has a low reliability rating{scale}: {why}.",
        "{name_zh} 的可靠性评级较低{scale}：{why}。",
    ),
    cap=45,
    variable=(-50, -10),  # rating - 50 (ratings below 40); -25 for an unrated listed kind
)
IMPERSONATION = Rule(
    "source.impersonation",
    -60,
    T(
        "This looks like an imitation of {name_en}: {how_en}. The official site is "
        "{official}; check the claim there.",
        "这像是在冒充{name_zh}：{how_zh}。其官方网站是 {official}，请到官网核实。",
    ),
    cap=20,  # lookalike of an institution's domain or account
)
LISTED_RELIABLE = Rule(
    "source.listed_reliable",
    25,
    T(
        "{name_en} is a known {kind_en} source{scale}: {why}.",
        "{name_zh} 是已知的{kind_zh}来源{scale}：{why}。",
    ),
    variable=(15, 50),  # rating - 50 (ratings from 65); 25 for an unrated authority
)
OFFICIAL_ACCOUNT = Rule(
    "source.official_account",
    25,
    T(
        "{name_en} is a known {kind_en} source{scale}: {why}.",
        "{name_zh} 是已知的{kind_zh}来源{scale}：{why}。",
    ),
    variable=(15, 50),
)
LISTED_MIXED = Rule(
    "source.listed_mixed",
    0,
    T(
        "{name_en} has a mixed reliability record{scale}: {why}. Check its claims elsewhere.",
        "{name_zh} 的可靠性参差不齐{scale}：{why}。请到其他来源核实其说法。",
    ),
    variable=(-10, 14),  # rating - 50 (ratings 40-64)
)
SATIRE = Rule(
    "source.satire",
    -10,
    T(
        "{name_en} is a satire site: its stories are jokes, not news ({why}).",
        "{name_zh} 是讽刺网站：其内容是玩笑，不是新闻（{why}）。",
    ),
)
USER_GENERATED = Rule(
    "source.user_generated",
    0,
    T(
        "Posted on {platform_en} by {who_en}, which is not a source we know: user-generated "
        "content, not vouched for by {platform_en}. Unknown is not bad: judge the author.",
        "由{who_zh}发布在{platform_zh}上，我们不了解该账号：这是用户自行发布的内容，"
        "{platform_zh}并不为其背书。未知不等于不可靠：请判断作者。",
    ),
)
PLATFORM_VERIFIED = Rule(
    "source.platform_verified",
    0,
    T(
        "{platform_en} shows the account as verified ({reason_en}): its identity is "
        "checked, not its accuracy.",
        "{platform_zh}显示该账号已认证（{reason_zh}）：认证的是身份，而非内容准确性。",
    ),
)
OFFICIAL_TLD = Rule(
    "source.official_tld",
    15,
    T(
        "The address ends in .{suffix}, which only official bodies can register.",
        "网址以 .{suffix} 结尾，只有官方机构可以注册。",
    ),
    variable=(0, 15),  # 0 when a listing or lookalike already decides
)
#: The words of :data:`OFFICIAL_TLD` for a government registered domain (gov.cn, gov.uk ...).
GOVERNMENT_DOMAIN_TEXT = T(
    "The address is under {base}, a government domain.", "网址属于政府域名 {base}。"
)
#: The words of :data:`USER_GENERATED` for a site where anyone publishes (a listed platform).
PLATFORM_HOST_TEXT = T(
    "{name_en} hosts posts by anyone: judge the author, not the platform.",
    "{name_zh}上任何人都可以发布内容：请判断作者，而不是平台。",
)
HTTPS = Rule(
    "source.https",
    0,
    T(
        "The page is served over https (encrypted; says nothing about accuracy).",
        "网页使用 https 加密传输（与内容是否准确无关）。",
    ),
)
NO_HTTPS = Rule(
    "source.no_https",
    -5,
    T(
        "The page is not served over https: anyone on the way could alter it.",
        "网页未使用 https：传输途中可能被篡改。",
    ),
)

RULES = (
    LISTED_FAKE,
    LISTED_UNRELIABLE,
    IMPERSONATION,
    LISTED_RELIABLE,
    OFFICIAL_ACCOUNT,
    LISTED_MIXED,
    SATIRE,
    USER_GENERATED,
    PLATFORM_VERIFIED,
    OFFICIAL_TLD,
    HTTPS,
    NO_HTTPS,
)
