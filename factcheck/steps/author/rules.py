"""Step 3's findings: code, points and message, declared once (see :mod:`factcheck.rules`)."""

from __future__ import annotations

from factcheck.i18n import T
from factcheck.rules import Rule

NAMED_PERSON = Rule(
    "author.named_person", 15, T("Written by a named person: {n}.", "作者署名为：{n}。")
)
ORGANISATION = Rule(
    "author.organisation",
    10,
    T("Signed by an organisation ({n}), not a named person.", "署名为机构（{n}），而非具体个人。"),
)
PLACEHOLDER = Rule(
    "author.placeholder",
    -10,
    T(
        'The author is given as "{n}": a placeholder, not a name anyone can check.',
        "作者署名为“{n}”：这是占位名，无法核实是谁写的。",
    ),
)
CREDENTIALS = Rule(
    "author.credentials",
    10,
    T("{n} is presented as {c}: check that this is true.", "{n} 的头衔为 {c}：请核实是否属实。"),
)
AFFILIATION = Rule("author.affiliation", 5, T("{n} is affiliated with {a}.", "{n} 所属机构：{a}。"))
PROFILE_LINK = Rule(
    "author.profile_link",
    5,
    T("The page links to a profile of {n}.", "页面提供了 {n} 的个人介绍链接。"),
)
MEDICAL_REVIEWER = Rule(
    "author.medical_reviewer", 10, T("Reviewed by {n}{c}.", "审核专家：{n}{c}。")
)

RULES = (
    NAMED_PERSON,
    ORGANISATION,
    PLACEHOLDER,
    CREDENTIALS,
    AFFILIATION,
    PROFILE_LINK,
    MEDICAL_REVIEWER,
)
