"""Rumour titles rewritten by rule from debunk titles (a recall set kept apart from tuning).

A debunk title states or questions a rumour ("吃大蒜能预防新冠？别信"). The rewrite takes
the claim out of the debunk framing, undoes a negation the debunk added, swaps verbs for
synonyms and wraps the result in rumour framing ("转发给家人！"). Deterministic: the
choices depend on a hash of the title. Only titles that state or question a claim are used
(a question mark or a quoted claim), and only those of the held-apart half for the recall
measure (``evaluation/debunks.py``); the tuning half may serve tuning.
"""

from __future__ import annotations

import hashlib
import re

_FRAMING = re.compile(
    r"#[^#]{1,20}#|【[^】]{0,12}】|捉谣记\s*[|｜]?|[|｜]\s*百度辟谣|谣言粉碎机|"
    r"[？?！!，,：:]*\s*(?:是真的吗|真的吗|真相来了|真相|官方辟谣|官方回应|警方回应|辟谣|"
    r"谣言|不实|假的|别信|别再信了|系谣言|纯属谣言|误区|流言|真的假的|听听专家怎么说|"
    r"专家解读|揭秘|科普)\s*[？?！!]*"
)
_SWAPS = (
    ("不能", "能"),
    ("不会", "会"),
    ("并不", ""),
    ("并非", "是"),
    ("没有", "有"),
    ("可以", "能"),
    ("导致", "引起"),
    ("引起", "导致"),
    ("预防", "防止"),
    ("治疗", "治好"),
    ("食用", "吃"),
    ("饮用", "喝"),
    ("真的", ""),
    ("竟然", ""),
    ("网传", ""),
    ("有人说", ""),
)
_WRAPS = (
    "{c}！赶紧告诉家人",
    "震惊！{c}",
    "专家证实：{c}",
    "{c}，很多人还不知道，转发给身边的人",
    "紧急提醒：{c}！",
    "{c}",
)
MIN_CHARS = 6


def rumour_of(title: str) -> str | None:
    """The rumour a debunk title refutes, rewritten; ``None`` when too little is left."""
    claim = _FRAMING.sub("", title)
    claim = re.sub(r"[“”\"'《》？?！!。…\s]+", "", claim).strip("，,：:|｜-—")
    if len(claim) < MIN_CHARS:
        return None
    digest = hashlib.sha1(title.encode("utf-8")).digest()
    swaps = [pair for i, pair in enumerate(_SWAPS) if digest[1 + i % 8] % 2 and pair[0] in claim]
    for old, new in swaps[:2]:
        claim = claim.replace(old, new, 1)
    wrap = _WRAPS[digest[0] % len(_WRAPS)]
    return wrap.format(c=claim) if len(claim) >= MIN_CHARS else None


def states_a_claim(title: str) -> bool:
    """A debunk title that states or questions one claim (not a digest or a notice)."""
    return ("？" in title or "?" in title or "“" in title) and not re.search(
        r"盘点|月谣言|周谣言|榜|公告|通报|汇总|合集|十大", title
    )
