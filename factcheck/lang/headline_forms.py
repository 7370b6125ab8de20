"""Sober headline forms (issue 13): explainer questions, fact-check verdicts, official notices.

The labelled clickbait sets call almost every question headline bait (HanCD labels 38 of its
39 "如何…？/为什么…？" explainer titles 标题党), while a careful editor does not: "如何正确接种
流感疫苗？" announces an explainer, "网传…？官方：不实" is a fact-check. A headline written in
one of these forms is capped at a low clickbait probability unless a strong bait cue is also
present (:data:`factcheck.lang.cues.HEADLINE_CUES`). The patterns were written from the forms
named in issue 13 and the tuning half of ``evaluation/data/sober_headlines.tsv`` only.
"""

from __future__ import annotations

import re

from factcheck.i18n import LocalText, T

_SECOND_PERSON = r"(?!.*\b(you|your|you'll|you're|you've)\b)"

#: (form, pattern) per language; the first form that matches names the headline's form.
SOBER_FORMS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "en": (
        (
            "explainer",
            re.compile(  # "How …", "how …", not the acronym "WHO"
                rf"^([Hh]ow|[Ww]hy|[Ww]hat|[Ww]hen|[Ww]here|[Ww]ho|[Ww]hich)\b(?i:{_SECOND_PERSON})"
                r"(?!\s+happen(s|ed)\b)"
            ),
        ),
        ("explainer", re.compile(r"^(how to|a guide to|guide:|explainer:|q&a:|faq:)", re.I)),
        (
            "verdict",
            re.compile(
                r"\b(is|are|was|were|isn'?t|aren'?t)\s+(false|misleading|fake|not true|"
                r"unproven|a hoax|wrong|baseless|unfounded|inaccurate|satire)\b|"
                r"^fact[- ]?check\b|\bno evidence\b|\bdebunk|\bfalse(ly)? claims?\b|\bmyths?\b|"
                r"\bhoax\b",
                re.IGNORECASE,
            ),
        ),
    ),
    "zh": (
        (
            "verdict",
            re.compile(
                r"辟谣|谣言|谣传|不实|不属实|失实|假的|是假|勿信|别信|莫信|澄清|真相是|查处|网传|"
                r"[？?][^！!]{0,24}(官方|警方|公安|回应|答案|专家|解答|释疑)"
            ),
        ),
        (
            "explainer",
            re.compile(
                r"(如何|为什么|为何|怎么|怎样|是什么|有哪些|哪些|能否|是否)[^！!]{0,30}[？?]"
            ),
        ),
        (
            "official",
            re.compile(r"通报|公告|通知|印发|召开|座谈会|答记者问|新闻发布会|权威发布|情况说明"),
        ),
    ),
}

#: What each form is, in the reader's words.
FORM_LABELS: dict[str, LocalText] = {
    "explainer": T("a question that announces an explainer", "提出问题并给出解答的说明式标题"),
    "verdict": T("a fact-check verdict", "辟谣或核查结论式标题"),
    "official": T("an official notice", "官方通报或公告式标题"),
}


def sober_form(headline: str, lang: str) -> str:
    """The first sober form ``headline`` is written in ("explainer", "verdict", "official"),
    or "" (also for a language without forms)."""
    for name, pattern in SOBER_FORMS.get(lang, ()):
        if pattern.search(headline):
            return name
    return ""
