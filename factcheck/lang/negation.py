"""Negation and attribution around a cue (issue 13): "does not cure", "没有证据表明…能治愈",
"网传…是谣言", a rumour quoted in order to refute it.

Step 6 asks, for each manipulative-language match, whether the page says it in its own voice.
It does not when the words before the match in the same clause negate it (not, no evidence
that, so-called, 没有, 所谓, 谣言), when the words after it refute it (is false, 是谣言,
没有科学依据), when the sentence labels a rumour ("误区二：…"), or when it sits inside
quotation marks in a sentence that attributes or refutes. In a text that reads as a debunk
(its refuting words recur), reported speech (网传, 声称, claims), quoted words and questions
are held at a distance too; outside one they are not (rumour posts say 网传 as well).
Written from the forms named in issue 13 and from debunk articles that the evaluation does
not report on (``evaluation/bias.py``).
"""

from __future__ import annotations

import re

from factcheck.lang.cues import case_sensitive

#: Words before a match (same clause) that negate or refute it.
BEFORE: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(not|no|never|neither|nor|cannot|can'?t|doesn'?t|don'?t|didn'?t|isn'?t|aren'?t|"
        r"won'?t|wasn'?t|weren'?t|hasn'?t|haven'?t|false(ly)?|myths?|hoax(es)?|"
        r"debunk\w*|misleading|unproven|unfounded|fact[- ]check\w*|lack of evidence|so-called)\b",
        re.IGNORECASE,
    ),
    "zh": re.compile(
        r"谣言|谣传|辟谣|不实|误区|伪科学|所谓|没有证据|没有科学|缺乏证据|尚无|并无|并非|并不|不能|"
        r"无法|不会|不可能|难以|没有|没|未|别|勿|莫|不"
    ),
}
#: Words before a match that attribute it to someone else: a refutation only in a debunk.
REPORTED: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(claims?|claimed|claiming|alleged(ly)?|supposed(ly)?|purported(ly)?|"
        r"rumou?rs?|rumou?red|(some|many) (people )?(say|believe))\b",
        re.IGNORECASE,
    ),
    "zh": re.compile(r"网传|传言|声称|号称|宣称|据称|自称|流传|有人说|有人称|据说|传说"),
}
#: Single-character Chinese negators act only close to the match (within this many chars).
ZH_NEAR = 6
_ZH_SHORT = re.compile(r"没|未|别|勿|莫|不")

#: Words right after a match that refute it.
AFTER: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"^[^.;]{0,40}?\b(is|are|was|were|has been|have been)\s+(not|false|a myth|a hoax|"
        r"misleading|unproven|untrue|baseless|wrong|debunked|not supported)\b|"
        r"^[^.;]{0,40}?\b(has|have) (not|never) been (proven|shown)",
        re.IGNORECASE,
    ),
    "zh": re.compile(
        r"^.{0,16}?(是谣言|系谣言|为谣言|属谣言|不实|是假的|纯属|没有科学依据|缺乏(科学)?依据|"
        r"并不可信|不可信|是错误|不靠谱|被证伪|站不住脚|是误区|没有证据|谣言)"
    ),
}

#: Words in a sentence that attribute what is quoted in it to someone else (or refute it).
ATTRIBUTION: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(claims?|claimed|rumou?rs?|myths?|hoax(es)?|false(ly)?|misleading|so-called|"
        r"alleged(ly)?|debunk\w*|fact[- ]check\w*)\b",
        re.IGNORECASE,
    ),
    "zh": re.compile(r"网传|传言|谣言|谣传|所谓|声称|号称|宣称|据称|辟谣|不实|假的|误区|流传"),
}

#: A sentence that labels what follows as a rumour or a misconception ("误区二：…").
LABELLED: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"^\W*(myth|claim|rumou?r|false|misleading|fact[- ]check)\s*\d*\s*[:#-]", re.I
    ),
    "zh": re.compile(
        r"^\W*(谣言|流言|传言|误区|网传|说法|错误)\s*[一二三四五六七八九十\d]*\s*[：:]"
    ),
}
#: Words that make a whole text a debunk when they occur at least :data:`CONTEXT_MIN` times.
DEBUNK_WORDS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(false|misleading|myths?|hoax(es)?|debunk\w*|fact[- ]check\w*|no evidence|"
        r"rumou?rs?|unproven|misinformation)\b",
        re.IGNORECASE,
    ),
    "zh": re.compile(r"辟谣|谣言|流言|不实|误区|伪科学|不靠谱|假的|没有科学依据|缺乏依据|真相是"),
}
CONTEXT_MIN = 2

#: Clause boundaries: negation does not reach across them.
_CLAUSE = re.compile(r"[,，;；:：。!！?？]")
_QUOTED = re.compile(r"“[^”]{0,80}”|\"[^\"]{0,80}\"|「[^」]{0,80}」|‘[^’]{0,80}’")


def _clause_before(sentence: str, start: int) -> str:
    head = sentence[:start]
    cut = max((m.end() for m in _CLAUSE.finditer(head)), default=0)
    return head[cut:][-60:]


def _quoted(sentence: str, start: int, end: int) -> bool:
    return any(q.start() < start and end < q.end() for q in _QUOTED.finditer(sentence))


def debunk_context(text: str, lang: str, folded: str | None = None) -> bool:
    """Whether ``text`` reads as a debunk or fact-check (its refuting words recur).
    ``folded``: ``case_folded(text)`` when the caller has it (a faster, exact search)."""
    if folded is not None and (fast := case_sensitive(DEBUNK_WORDS[lang])) is not None:
        found = fast.finditer(folded)
    else:
        found = DEBUNK_WORDS[lang].finditer(text)
    return sum(1 for _ in zip(range(CONTEXT_MIN), found, strict=False)) >= CONTEXT_MIN


def negated(sentence: str, start: int, end: int, lang: str, context: bool = False) -> bool:
    """Whether the match ``sentence[start:end]`` is negated, attributed or refuted. In a
    debunk (``context``), words in quotation marks or in a question are also held at a
    distance ("益生菌能包治百病？", 所谓“神药”)."""
    if LABELLED[lang].search(sentence):
        return True
    if context and (_quoted(sentence, start, end) or sentence.rstrip().endswith(("?", "？"))):
        return True
    before = _clause_before(sentence, start)
    found = BEFORE[lang].search(before)
    if found and lang == "zh" and _ZH_SHORT.fullmatch(found.group(0)):
        found = next(
            (m for m in BEFORE[lang].finditer(before) if not _ZH_SHORT.fullmatch(m.group(0))),
            None,
        ) or _ZH_SHORT.search(before[-ZH_NEAR:])
    if found or (context and REPORTED[lang].search(before)):
        return True
    if AFTER[lang].search(sentence[end:]):
        return True
    return bool(ATTRIBUTION[lang].search(sentence)) and _quoted(sentence, start, end)
