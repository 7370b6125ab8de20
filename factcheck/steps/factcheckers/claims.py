"""Check-worthy claims of a page, and whether the page refutes them.

A page states its claim in the headline and in a few sentences that assert something
checkable about health or facts: that X cures, causes or prevents Y, a number, or what an
authority said. Boilerplate (copyright lines, "follow us", editor credits) is not a claim.

:func:`refutes` tells a page that repeats a rumour from one that refutes it: debunk framing
(辟谣, 谣言, 不实, "false", "myth", "no evidence") in the headline, or several times in the
text. A refutation quotes the rumour; it must not be taken for its appearance.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from factcheck.lang.script import found_in_any

#: Headline plus at most this many assertion sentences.
MAX_CLAIMS = 5
MIN_CHARS, MAX_CHARS = 8, 160
#: How far into the text claims are looked for (a page states its claim early).
TEXT_CHARS = 4000

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?|[^\n]+")
_CLAUSE = re.compile(r"[^，,、：:]+[，,、：:]?|[，,、：:]")
_EN_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")

#: What makes a sentence an assertion, as three patterns searched in the lower-cased
#: sentence: one alternation mixing the scripts, or matching case-insensitively, makes the
#: regex engine try every branch at every character (three times slower).
_ASSERTION = (
    re.compile(
        r"治愈|治好|根治|治疗|疗效|特效|神药|秘方|偏方|致癌|致死|致病|导致|引起|引发|诱发|"
        r"预防|防止|抵抗|杀死|杀灭|灭活|抑制|有效|无效|可以|能够|不能|不会|会让|竟然|千万|"
        r"别再|赶紧|必须|一定要|专家|院士|教授|医生|研究|证实|发现|宣布|通报|警告|紧急|"
        r"称|表示|相当于"
    ),
    re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|倍|万|亿|人|例|岁|天|小时|分钟|毫克|克|公斤)"),
    re.compile(
        r"\b(?:cures?|causes?|prevents?|kills?|treats?|blocks?|protects?|linked to|proven|"
        r"studies?|research|scientists?|doctors?|experts?|percent|announced|warns?|"
        r"according to)\b"
    ),
)
_BOILERPLATE = (
    re.compile(
        r"责任编辑|编辑[:：]|校对|审核|版权|转载|原标题|来源[:：]|声明[:：]|免责|关注我们|"
        r"点击|扫码|二维码|阅读原文|长按|订阅|公众号|客户端|下载|广告|投稿|联系电话"
    ),
    re.compile(
        r"copyright|all rights reserved|subscribe|newsletter|cookie|sign up|follow us|"
        r"privacy policy|terms of use|advertis"
    ),
)

#: Debunk framing: a page that uses these about its own subject refutes, it does not spread.
#: One pattern per script, searched in lower-cased text (faster than re.IGNORECASE): beside
#: an English ``\b`` branch, re tries every Chinese cue at every position (5x slower).
_REFUTATION = (
    re.compile(
        r"辟谣|谣言|不实|假的|假消息|虚假信息|误区|谣传|传言|网传|流传|真相|别信|不可信|"
        r"没有科学依据|无科学依据|缺乏科学依据|没有依据|没有根据|毫无根据|并非|纯属|造谣|伪科学|以讹传讹|不靠谱|流言|"
        r"真的[^。！？!?]{0,16}[吗？?]|是真是假|靠谱吗|可信吗|有道理吗|错哪|误解|误读|说法|"
        r"实际上|事实上|其实|并不|专家解读|专家提醒|怎么说"
    ),
    re.compile(
        r"\b(?:fact[- ]check(?:ed|ing)?|debunk(?:ed|s|ing)?|myths?|hoax|false claims?|"
        r"misleading|no evidence|misinformation|falsely|not true|fake news|rumou?rs?)\b"
    ),
)
#: A post's own headlines: its 【bracketed headline】 and its #topics# (Weibo), which often
#: name the rumour itself ("#北京健康宝崩了#", "#俄罗斯放狮子上街#").
_POST_HEADLINE = re.compile(r"#([^#\n]{5,40})#|【([^】\n]{5,40})】")
#: In the headline one cue is enough; in the text it takes this many.
REFUTATION_TEXT_CUES = 3
#: How a news report presents itself: a 【headline】, "据…消息/报道", a reporter, an official
#: notice or press conference. A report on a topic that was once rumoured is not the rumour.
_REPORT = re.compile(r"【[^】]{4,}】|据[^。]{1,12}(?:消息|报道)|记者|通报|发布会")
#: :func:`report_cues` counts up to this many.
MAX_REPORT_CUES = 3


def sentences(text: str) -> list[str]:
    """Sentences of ``text`` (Chinese and English punctuation), stripped."""
    found: list[str] = []
    for piece in _SENTENCE.findall(text):
        for part in _EN_SPLIT.split(piece):
            part = part.strip(" \t\u3000\u00a0·•-—|｜")
            if part:
                found.append(part)
    return found


def is_assertion(sentence: str) -> bool:
    """A checkable statement of the right length that is not boilerplate."""
    if not MIN_CHARS <= len(sentence) <= MAX_CHARS:
        return False
    low = sentence.lower()  # asked first whether it asserts: most sentences do not
    return found_in_any(_ASSERTION, low) and not found_in_any(_BOILERPLATE, low)


def pieces(sentence: str) -> list[str]:
    """A sentence longer than :data:`MAX_CHARS` cut at its clause marks into pieces of at
    most that length (a post may run one sentence over a paragraph)."""
    if len(sentence) <= MAX_CHARS:
        return [sentence]
    chunks: list[str] = []
    current = ""
    for clause in _CLAUSE.findall(sentence):
        if current and len(current) + len(clause) > MAX_CHARS:
            chunks.append(current)
            current = ""
        current += clause[:MAX_CHARS]
    return [*chunks, current] if current else chunks


def extract_claims(headline: str, text: str, *, limit: int = MAX_CLAIMS) -> tuple[str, ...]:
    """The headline and the first ``limit`` assertion sentences of ``text``, distinct.

    Without a headline (a post) its own headlines (:func:`post_headlines`) come first, then
    every statement counts, ``limit + 1`` claims in all: a post has no headline to carry its
    claim, and it states it without the words an article's assertions use
    ("视频中女子为了买肉从十楼爬下", "3月16日居民出行正常化")."""
    title = unicodedata.normalize("NFKC", headline or "").strip()
    body = unicodedata.normalize("NFKC", text[:TEXT_CHARS])
    units = [piece for sentence in sentences(body) for piece in pieces(sentence)]
    keep = is_assertion if title else _is_statement
    claims: list[str] = [title[:MAX_CHARS]] if title else post_headlines(body)[: limit + 1]
    for unit in units:
        if len(claims) > limit:
            break
        if keep(unit) and unit not in claims:
            claims.append(unit)
    return tuple(claims)


def post_headlines(text: str) -> list[str]:
    """A post's 【bracketed headline】 and #topics#, distinct, in order (NFKC text)."""
    found: list[str] = []
    for topic, bracketed in _POST_HEADLINE.findall(text):
        headline = (topic or bracketed).strip(" #")
        if headline and headline not in found:
            found.append(headline)
    return found


def _is_statement(unit: str) -> bool:
    return len(unit) >= MIN_CHARS and not found_in_any(_BOILERPLATE, unit.lower())


def is_question(claim: str) -> bool:
    """The claim asks ("砂糖橘和酸奶不能同食？", "Does garlic cure COVID?") rather than
    asserts: a page whose only statement of a debunked claim is a question does not spread it
    (debunks are headlined that way)."""
    return "？" in claim or "?" in claim


def refutation_cues(text: str) -> int:
    """How many debunk-framing cues ``text`` holds."""
    low = unicodedata.normalize("NFKC", text).lower()
    return sum(len(pattern.findall(low)) for pattern in _REFUTATION)


def refutes(headline: str, text: str) -> bool:
    """The page frames its subject as a rumour it refutes (see the module docstring)."""
    return bool(refutation_cues(headline)) or refutation_cues(text[:TEXT_CHARS]) >= (
        REFUTATION_TEXT_CUES
    )


def report_cues(claims: Sequence[str]) -> int:
    """How many news-report cues the claims hold (NFKC text, see :func:`extract_claims`),
    at most :data:`MAX_REPORT_CUES`: a feature of the same-claim model (:mod:`.verify`).
    Read over the claims together: a 【headline!】 is cut in two sentences at its "!"."""
    return min(len(_REPORT.findall(" ".join(claims))), MAX_REPORT_CUES)
