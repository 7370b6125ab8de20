"""Who a claim comes from: numbers with and without a source, quoted speech and its speaker,
appeals to unnamed authorities ("studies show", "据说")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.lang.script import found_in_any
from factcheck.steps.evidence.references import MAX_ITEMS

# -- numbers and attribution ----------------------------------------------------------------

# Speed: these run on lower-cased text, and every branch starts with a literal or a digit
# (no leading \b), so the regex engine can skip ahead instead of trying each position.
STATISTIC = re.compile(
    r"\d[\d,]*(?:\.\d+)?\s?(?:%|％|percent\b|per cent\b|[- ]?(?:times|fold)\b|倍"
    r"|(?:万|亿)(?:人|例|名|剂|次|元)?|(?:in|out of) (?:every )?\d{1,6}\b"
    r"|(?:million |billion |thousand )?(?:people|patients|cases|deaths|adults|children|"
    r"participants|subjects|americans|infections|hospitali[sz]ations)\b"
    r"|例|名患者|人死亡|人感染|名受试者)"
    r"|百分之[零一二三四五六七八九十百点\d]+"
)
_ATTRIBUTION = re.compile(
    r"(?:according to|stud(?:y|ies)|research(?:ers)?|survey|poll|data (?:from|show|shows|"
    r"suggest|suggests|released)|reports?|reported|published|found that|finds|analy[sz]is|"
    r"analy[sz]ed|trials?|estimates?|estimated|statistics|census|said|says|told|cited|"
    r"per the|scientists|journal|meta-analysis|review|source[sd]?|figures from|department|"
    r"ministry|agency|institute|university)\b"
    r"|根据|据(?!说)|研究|调查|统计|数据(?:显示|表明)|报告|报道|发布|指出|表示|显示|"
    r"发现|介绍|来源|论文|发表|《[^》]+》|卫健委|卫生健康委|疾控|世卫|卫生组织|统计局|"
    r"研究所|研究院|科学院|药监局|通报|公布"
)
# Speed: in the patterns below every alternative starts with a literal (no leading group,
# optional part or character class), so the regex engine jumps to the characters they can
# start with instead of trying each alternative at every position of the text.

#: Phrases that introduce a source; institutions are looked for around them.
_SOURCE_PHRASE = re.compile(
    r"According to|according to|Per the|per the|Data from|data from|said|says|told|reported"
    r"|published by|issued by|根据|据|发布|通报|公布|表示|指出|数据显示|提醒"
)
_SNIPPET = 90  # characters either side of a source phrase
_AGENCY_ACRONYM = re.compile(r"(?:CDC|WHO|NIH|FDA|NHS|EMA|ECDC|NICE|ONS|UKHSA)\b")

_VAGUE_SUBJECTS = ("studies", "research", "science", "experts", "doctors", "scientists")
_VAGUE_VERB = (
    r" (?:show|shows|have shown|has shown|say|says|agree|suggest|prove|proves|proved|confirm)\b"
)
#: Appeals to unnamed authority: they count as (weak) attribution, and are reported.
#: ("many studies show", "some experts say", "research shows", "研究表明" ...)
_VAGUE = re.compile(
    "|".join(
        f"{quantity}{subject}{_VAGUE_VERB}"
        for quantity in ("many ", "some ", "")
        for subject in _VAGUE_SUBJECTS
    )
    + r"|有(?:研究|专家|医生|科学家)(?:称|说|表示|认为|指出|发现)|专家(?:称|说|认为)"
    r"|研究表明|研究显示|科学(?:研究)?证明"
)
#: Hearsay: these name no source at all and never count as attribution.
HEARSAY = re.compile(
    r"it is (?:well )?known that\b|everyone knows\b|they say\b|people say\b"
    r"|rumou?rs? (?:say|has it)\b|据说|听说|网传|有消息称|众所周知|有人说|网友称"
)

#: Both, in one pass over the text.
_UNNAMED = re.compile(f"{HEARSAY.pattern}|{_VAGUE.pattern}")


@dataclass(frozen=True, slots=True)
class Statistic:
    number: str
    sentence: str
    attributed: bool


# -- quotes ----------------------------------------------------------------------------------

_QUOTE = re.compile(r"“([^“”]{12,400})”|\"([^\"]{12,400})\"|「([^「」]{6,300})」")
#: A speech verb near a quote, and a speaker's title: one pattern per script, each only
#: asked whether it occurs. Beside an English branch that starts with ``\b``, re tries every
#: Chinese word at every position (the title search took twice as long).
_SPEECH = (
    re.compile(
        r"\b(?:said|says|say|told|tells|explained|explains|added|adds|noted|notes|warned|warns|"
        r"according to|stated|states|wrote|writes|recommended|recommends)\b"
    ),
    re.compile(r"说|表示|指出|介绍|称|强调|提醒|认为|坦言|告诉|解释|建议"),
)
_SPEAKER_TITLE = (
    re.compile(
        r"\b(?:Dr\.?|Doctor|Prof\.?|Professor|M\.?D\.?|Ph\.?D\.?|MPH|RN|"
        r"spokes(?:person|man|woman)|director|chief|president|researcher|epidemiologist|"
        r"physician|scientist|nurse|surgeon|commissioner|secretary|minister|officer|"
        r"pharmacist|dietitian|nutritionist|pediatrician|virologist|immunologist|"
        r"cardiologist|oncologist|expert at|author)\b"
    ),
    re.compile(
        r"教授|医生|医师|主任|院士|研究员|博士|所长|院长|局长|发言人|负责人|首席|科学家|处长|部长|"
        r"司长|专家组|营养师|药师|护士长"
    ),
)
_NAME = r"[A-Z][\w’'-]+(?:\s[A-Z]\.)?(?:\s[A-Z][\w’'-]+){0,2}"
_VERB = r"(?:said|says|told|explained|explains|added|noted|warned|wrote|writes|according to)"
#: "said Jane Smith", "Lopez said", "Mayer, Disney's chairman, said": a speaker by name.
_PERSON_NAME = re.compile(
    rf"\b{_VERB}\s+(?:Dr\.?\s+)?(?P<after>{_NAME})"
    rf"|(?P<before>{_NAME})(?:,[^,\n]{{3,90}},)?\s+{_VERB}\b"
)
#: Capitalised words that are not names: pronouns, days, months, sentence starters.
_NOT_NAME_WORDS = """he she they it we i you this that there the a an in on at but and so then when
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december officials police experts
    reports report studies sources"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
_END_OF_SENTENCE = re.compile(r"(?<=[.!?。！？])|\n")
_QUOTE_CONTEXT = 140  # characters either side of a quote searched for its speaker


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    named: bool  # a named person or a titled expert is given as the speaker
    context: str
    direct: bool = True  # False: reported speech ("王华教授表示", "Dr. Li said that ...")


#: Reported speech of a titled expert, without quotation marks.
_EXPERT_SAYS = re.compile(
    r"(?:Dr\.?|Prof\.?|Professor)\s[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?[^.\n]{0,80}?"
    r"\b(?:said|says|told|explained|explains|added|noted|warned|recommends?|advises?)\b"
    r"|(?:主任医师|主治医师|教授|院士|研究员|博士)[^，。！？\n]{0,6}?"
    r"(?:表示|指出|介绍|提醒|建议|认为|解释|强调|说)"
)


def is_attributed(sentence: str) -> bool:
    """Does the sentence say where its claim comes from (a study, an agency, a speaker)?

    "Studies show" and "研究表明" count (weakly, and are reported as vague appeals);
    hearsay ("据说", "everyone knows") does not.
    """
    return attributed(sentence, sentence.lower(), hearsay=True)


def attributed(sentence: str, low: str, hearsay: bool) -> bool:
    if hearsay:
        low = HEARSAY.sub(" ", low)
    return bool(_ATTRIBUTION.search(low) or _AGENCY_ACRONYM.search(sentence))


def find_quotes(text: str) -> list[Quote]:
    """Quoted speech: quotation marks with a speech verb nearby, the speaker named or not."""
    quotes = []
    for match in _QUOTE.finditer(text):
        start = max(0, match.start() - _QUOTE_CONTEXT)
        after = text[match.end() : match.end() + _QUOTE_CONTEXT]
        outside = text[start : match.start()] + after
        context = match.group(0) + _END_OF_SENTENCE.split(after, maxsplit=1)[0]
        if not found_in_any(_SPEECH, outside):
            continue  # a title, a slogan or scare quotes, not speech
        named = found_in_any(_SPEAKER_TITLE, outside) or _names_speaker(outside)
        quoted = next(g for g in match.groups() if g)
        quotes.append(Quote(quoted.strip(), named, context.strip()))
        if len(quotes) >= MAX_ITEMS:
            break
    if not any(q.named for q in quotes):
        quotes += [
            Quote(m.group(0), True, _sentence_around(text, m.start(), m.end()), direct=False)
            for m in _EXPERT_SAYS.finditer(text)
        ][:MAX_ITEMS]
    return quotes


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] (at most ~300 characters)."""
    left = max(text.rfind(mark, max(0, start - 200), start) for mark in ".。！？!?\n")
    stops = [i for i in (text.find(mark, end, end + 200) for mark in ".。！？!?\n") if i >= 0]
    right = min(stops) + 1 if stops else min(len(text), end + 200)
    return " ".join(text[left + 1 : right].split())


def _names_speaker(context: str) -> bool:
    for match in _PERSON_NAME.finditer(context):
        name = match.group("after") or match.group("before") or ""
        if name.split()[0].lower() not in _NOT_NAMES:
            return True
    return False


def source_snippets(text: str) -> list[str]:
    """The words around each source phrase, overlapping windows merged."""
    spans: list[list[int]] = []
    for match in _SOURCE_PHRASE.finditer(text):
        start, end = max(0, match.start() - _SNIPPET), match.end() + _SNIPPET
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
        if len(spans) >= MAX_ITEMS:
            break
    return [" ".join(text[a:b].split()) for a, b in spans]


def vague_phrases(low: str) -> list[str]:
    """Hearsay and appeals to unnamed authority in lower-cased text, each phrase once."""
    found = [m.group(0) for m in _UNNAMED.finditer(low)]
    return list(dict.fromkeys(found))[:5]


def sentence_of(sentences: list[str], phrase: str) -> str:
    for sentence in sentences:
        if phrase in sentence.lower():
            return sentence
    return phrase
