"""How fast a health topic goes out of date.

Advice on COVID-19, vaccines, outbreaks, new drug approvals and clinical guidelines changes
within months; advice on, say, washing hands or a balanced diet stays valid for years. The
date step warns earlier for the fast-moving topics. Topics are found by keywords in the
title and the start of the text, in English and Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.i18n import LocalText, T


@dataclass(frozen=True, slots=True)
class Topic:
    """A fast-moving health topic and how long its advice stays current."""

    key: str
    name: LocalText
    stale_after_days: int
    pattern: re.Pattern[str]


def _words(*terms: str) -> re.Pattern[str]:
    """One pattern for lower-case terms (the sample is lower-cased once, which is faster
    than a case-insensitive search)."""
    return re.compile("|".join(terms))


FAST_TOPICS: tuple[Topic, ...] = (
    Topic(
        "covid",
        T("COVID-19", "新冠肺炎"),
        365,
        _words(
            r"covid",
            r"coronavirus",
            r"sars-cov-2",
            r"omicron",
            r"long covid",
            "新冠",
            "新型冠状病毒",
            "奥密克戎",
            "核酸检测",
        ),
    ),
    Topic(
        "vaccine",
        T("vaccines", "疫苗"),
        365,
        _words(r"vaccin", r"immuni[sz]ation", r"booster (?:shot|dose)", "疫苗", "接种", "加强针"),
    ),
    Topic(
        "outbreak",
        T("an outbreak", "疫情暴发"),
        180,
        _words(
            r"outbreak",
            r"epidemic",
            r"pandemic",
            r"bird flu",
            r"avian (?:flu|influenza)",
            r"h5n1",
            r"mpox",
            r"monkeypox",
            r"ebola",
            r"cholera",
            r"dengue",
            "暴发",
            "爆发",
            "疫情",
            "禽流感",
            "猴痘",
            "埃博拉",
            "登革热",
            "流行病",
        ),
    ),
    Topic(
        "drug_approval",
        T("a drug approval", "药品审批"),
        365,
        _words(
            r"fda (?:approv|clear|authori[sz])",
            r"approved by the fda",
            r"ema (?:approv|recommend)",
            r"emergency use authori[sz]ation",
            r"new drug",
            "获批",
            "批准上市",
            "药监局",
            "新药",
            "紧急使用授权",
        ),
    ),
    Topic(
        "guideline",
        T("clinical guidelines", "诊疗指南"),
        730,
        _words(
            r"guideline",
            r"recommendations? (?:from|by|of) the",
            r"consensus statement",
            "指南",
            "专家共识",
            "诊疗方案",
        ),
    ),
)

#: How long general (evergreen) health information stays current before we suggest checking.
EVERGREEN_STALE_AFTER_DAYS = 3 * 365


def detect_topics(title: str, text: str) -> tuple[Topic, ...]:
    """Fast-moving topics named in the title or the first 3,000 characters of the text."""
    sample = _sample(title, text)
    return tuple(topic for topic in FAST_TOPICS if topic.pattern.search(sample))


def topic_evidence(topic: Topic, title: str, text: str) -> str:
    """The words that named ``topic`` on the page, with a little context."""
    sample = _sample(title, text)
    match = topic.pattern.search(sample)
    if not match:
        return ""
    original = f"{title}\n{text[:3000]}"
    shown = original if len(original) == len(sample) else sample  # quote the page's own case
    return " ".join(shown[max(0, match.start() - 30) : match.end() + 30].split())


def _sample(title: str, text: str) -> str:
    return f"{title}\n{text[:3000]}".lower()


def stale_after(topics: tuple[Topic, ...]) -> int:
    """Days after which the page's advice may be out of date (the fastest topic decides)."""
    return min((t.stale_after_days for t in topics), default=EVERGREEN_STALE_AFTER_DAYS)
