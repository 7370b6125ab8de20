"""Evidence written into the text itself: references, attributed numbers, quotes.

Many health pages cite without linking: "PMID: 12345678", "a study in The Lancet",
"据《中华医学杂志》报道", a numbered References / 参考文献 list. This module finds those in
the main text (and the reference list in the tree), and tells numbers and quotes that say
where they come from from those that do not. English and Chinese; every pattern is compiled
once at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.page.model import Page

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lxml.html import HtmlElement

# -- in-text references ---------------------------------------------------------------------

#: (kind, a literal every match contains, pattern): the literal is a cheap first test.
_IDS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("doi", "10.", re.compile(r"(?<![A-Za-z0-9])(10\.\d{4,9}/[^\s\"'<>，。；、）\]]+)")),
    ("pmid", "PMID", re.compile(r"PMID[:：]?\s*(\d{5,9})(?!\d)")),
    ("pmcid", "PMC", re.compile(r"(?<![A-Za-z0-9])(PMC\d{5,9})(?!\d)")),
    ("nct", "NCT", re.compile(r"(?<![A-Za-z0-9])(NCT\d{8})(?!\d)")),
    ("chictr", "ChiCTR", re.compile(r"(ChiCTR-?[A-Z]{0,4}-?\d{6,12})(?!\d)")),
    ("arxiv", "arXiv", re.compile(r"arXiv[:：]\s?(\d{4}\.\d{4,5})")),
)

_JOURNALS_EN = (
    r"New England Journal of Medicine|NEJM|The Lancet(?: [A-Z][a-z]+(?: [A-Z][a-z]+)*)?"
    r"|JAMA(?: [A-Z][a-z]+(?: [A-Z][a-z]+)*)?|BMJ(?: Open)?|British Medical Journal"
    r"|PLOS (?:ONE|One|Medicine|Biology)"
    r"|Annals of (?:Internal Medicine|[A-Z][a-z]+(?: [A-Z][a-z]+)*)"
    r"|Journal of (?:the )?[A-Z][A-Za-z]+(?: (?:of |and |& )?[A-Z][A-Za-z]+){0,5}"
    r"|[A-Z][a-z]+ Journal of [A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,3}"
    r"|Morbidity and Mortality Weekly Report|MMWR|Cochrane (?:Database|Library|Review)"
    r"|Clinical Infectious Diseases|Emerging Infectious Diseases|Eurosurveillance"
    r"|Nature Medicine|Nature Communications|Science Translational Medicine|Cell"
    r"|Pediatrics|Circulation|medRxiv|bioRxiv|Nature|Science"
)
_PUBLISHED_IN = re.compile(
    r"(?:published|appeared|appears|reported|appearing|study|paper|research|review|"
    r"article|letter|trial|analysis)\s+(?:online\s+)?(?:today\s+|this week\s+)?in\s+"
    r"(?:the\s+)?(?:journal\s+)?(" + _JOURNALS_EN + r")\b"
)
#: Journal names unambiguous enough to count without "published in" before them.
_JOURNAL_ALONE = re.compile(
    r"(New England Journal of Medicine|NEJM|The Lancet|JAMA|BMJ|British Medical Journal"
    r"|PLOS ONE|Morbidity and Mortality Weekly Report|MMWR|Cochrane Database"
    r"|Annals of Internal Medicine|medRxiv|bioRxiv)\b"
)
_JOURNALS_ZH = frozenset(
    {
        "柳叶刀",
        "自然",
        "科学",
        "细胞",
        "新英格兰医学杂志",
        "英国医学杂志",
        "美国医学会杂志",
        "自然医学",
    }
)
_BOOK_TITLE = re.compile(r"《([^《》\n]{1,40})》")
_ZH_JOURNAL_END = re.compile(r"(?:杂志|学报|期刊|医学|周报|Journal|Lancet|JAMA|BMJ|NEJM)$", re.I)

_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "dt", "summary")
_MARKER = re.compile(r"\[(\d{1,3})(?:\s?[,，\-–]\s?\d{1,3})*\]")
_SUP_MARKER = re.compile(r"^\[?\d{1,3}(?:[,\-–]\d{1,3})*\]?$")

_REF_HEADING = re.compile(
    r"^\s*(?:\d+\.?\s*)?(references?|sources?|bibliography|citations?|works cited"
    r"|literature cited|notes and references"
    r"|参考文献|参考资料|文献来源|资料来源|引用文献|参考来源|引文)\s*[:：]?\s*$",
    re.I,
)
_REF_LIKE = re.compile(
    r"(?:19|20)\d\d|doi|https?://|et al|PMID|《|杂志|学报|Journal|Lancet|JAMA|BMJ"
    r"|\bvol\.|\d+\(\d+\)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Citation:
    """A reference written in the text: a DOI, PMID, trial number, journal name ..."""

    kind: str  # doi | pmid | pmcid | nct | chictr | arxiv | journal
    value: str
    evidence: str  # the sentence or words it was found in


@dataclass(frozen=True, slots=True)
class ReferenceSection:
    heading: str
    items: int  # entries that look like references (a year, DOI, URL, journal ...)
    first_items: tuple[str, ...]
    origin: str  # "html" (heading in the tree) or "text"


# -- numbers and attribution ----------------------------------------------------------------

# Speed: these run on lower-cased text, and every branch starts with a literal or a digit
# (no leading \b), so the regex engine can skip ahead instead of trying each position.
_STATISTIC = re.compile(
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
_HEARSAY = re.compile(
    r"it is (?:well )?known that\b|everyone knows\b|they say\b|people say\b"
    r"|rumou?rs? (?:say|has it)\b|据说|听说|网传|有消息称|众所周知|有人说|网友称"
)

#: Both, in one pass over the text.
_UNNAMED = re.compile(f"{_HEARSAY.pattern}|{_VAGUE.pattern}")


@dataclass(frozen=True, slots=True)
class Statistic:
    number: str
    sentence: str
    attributed: bool


# -- quotes ----------------------------------------------------------------------------------

_QUOTE = re.compile(r"“([^“”]{12,400})”|\"([^\"]{12,400})\"|「([^「」]{6,300})」")
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|explained|explains|added|adds|noted|notes|warned|warns|"
    r"according to|stated|states|wrote|writes|recommended|recommends)\b"
    r"|说|表示|指出|介绍|称|强调|提醒|认为|坦言|告诉|解释|建议"
)
_SPEAKER_TITLE = re.compile(
    r"\b(?:Dr\.?|Doctor|Prof\.?|Professor|M\.?D\.?|Ph\.?D\.?|MPH|RN|spokes(?:person|man|woman)|"
    r"director|chief|president|researcher|epidemiologist|physician|scientist|nurse|surgeon|"
    r"commissioner|secretary|minister|officer|pharmacist|dietitian|nutritionist|pediatrician|"
    r"virologist|immunologist|cardiologist|oncologist|expert at|author)\b"
    r"|教授|医生|医师|主任|院士|研究员|博士|所长|院长|局长|发言人|负责人|首席|科学家|处长|部长|"
    r"司长|专家组|营养师|药师|护士长"
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


# -- the whole text ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TextEvidence:
    """Everything the text itself offers as support."""

    citations: tuple[Citation, ...]
    markers: int  # distinct [1]-style reference markers (text and <sup>)
    reference_section: ReferenceSection | None
    statistics: tuple[Statistic, ...]
    quotes: tuple[Quote, ...]
    vague_appeals: tuple[str, ...]
    #: Text around phrases that give a source ("according to", "根据", "said" ...), where
    #: the institution a claim comes from is looked for.
    source_snippets: tuple[str, ...]

    @property
    def attributed_numbers(self) -> int:
        return sum(1 for s in self.statistics if s.attributed)

    @property
    def unattributed_numbers(self) -> int:
        return sum(1 for s in self.statistics if not s.attributed)


_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])|(?<=[。！？；])|\n+")
_MAX_SENTENCE = 600
_MAX_ITEMS = 200  # per list: a pathological page cannot make the scan slow


def analyse_text(text: str, tree: HtmlElement | Page | None = None) -> TextEvidence:
    """Read references, numbers and quotes from ``text`` (and the reference list from ``tree``).

    Pass the :class:`Page` rather than its tree when there is one: its elements are then
    found in the walk over the tree that the page shares between the checks.
    """
    sentences = split_sentences(text)
    vague = _vague_phrases(text.lower())
    hearsay = any(_HEARSAY.fullmatch(phrase) for phrase in vague)
    statistics: list[Statistic] = []
    for sentence in sentences:
        low = sentence.lower()
        numbers = [m.group(0).strip() for m in _STATISTIC.finditer(low)]
        if numbers:
            has_cue = _attributed(sentence, low, hearsay)
            statistics.extend(Statistic(number, sentence, has_cue) for number in numbers)
        if len(statistics) >= _MAX_ITEMS:
            break
    return TextEvidence(
        citations=tuple(find_citations(text)),
        markers=count_markers(text, tree),
        reference_section=find_reference_section(tree, text),
        statistics=tuple(statistics[:_MAX_ITEMS]),
        quotes=tuple(find_quotes(text)),
        vague_appeals=tuple(_sentence_of(sentences, phrase) for phrase in vague),
        source_snippets=tuple(_source_snippets(text)),
    )


def split_sentences(text: str) -> list[str]:
    """Sentences of English or Chinese text, each cut to a readable length."""
    return [s.strip()[:_MAX_SENTENCE] for s in _SENTENCE.split(text) if s and s.strip()]


def is_attributed(sentence: str) -> bool:
    """Does the sentence say where its claim comes from (a study, an agency, a speaker)?

    "Studies show" and "研究表明" count (weakly, and are reported as vague appeals);
    hearsay ("据说", "everyone knows") does not.
    """
    return _attributed(sentence, sentence.lower(), hearsay=True)


def _attributed(sentence: str, low: str, hearsay: bool) -> bool:
    if hearsay:
        low = _HEARSAY.sub(" ", low)
    return bool(_ATTRIBUTION.search(low) or _AGENCY_ACRONYM.search(sentence))


def find_citations(text: str) -> list[Citation]:
    """DOIs, PubMed/PMC ids, trial numbers, arXiv ids and journal names, each once."""
    found: dict[tuple[str, str], Citation] = {}
    for kind, literal, pattern in _IDS:
        if literal not in text:
            continue
        for match in pattern.finditer(text):
            value = _trim_id(match.group(1))
            found.setdefault((kind, value.lower()), Citation(kind, value, _around(text, match)))
    for pattern in (_PUBLISHED_IN, _JOURNAL_ALONE):
        for match in pattern.finditer(text):
            name = match.group(1)
            found.setdefault(
                ("journal", name.lower()), Citation("journal", name, _around(text, match))
            )
    for match in _BOOK_TITLE.finditer(text):
        name = match.group(1).strip()
        if name in _JOURNALS_ZH or _ZH_JOURNAL_END.search(name) or _JOURNAL_ALONE.fullmatch(name):
            found.setdefault(
                ("journal", name.lower()), Citation("journal", f"《{name}》", _around(text, match))
            )
    return list(found.values())[:_MAX_ITEMS]


def count_markers(text: str, tree: HtmlElement | Page | None) -> int:
    """Distinct numbered reference markers: ``[1]`` in the text, numeric ``<sup>`` in the HTML."""
    numbers = {m.group(1) for m in _MARKER.finditer(text)}
    if tree is not None:
        for sup in _tagged(tree, "sup"):
            label = (sup.text_content() or "").strip()
            if _SUP_MARKER.match(label):
                numbers.add(label.strip("[]"))
            if len(numbers) > _MAX_ITEMS:
                break
    return len(numbers)


def find_reference_section(tree: HtmlElement | Page | None, text: str) -> ReferenceSection | None:
    """A References / 参考文献 heading and how many reference-like entries follow it."""
    if tree is not None:
        for el in _tagged(tree, *_HEADING_TAGS):
            heading = (el.text_content() or "").strip()
            if len(heading) <= 40 and _REF_HEADING.match(heading):
                entries = _entries_after(el)
                if entries:
                    return ReferenceSection(heading, len(entries), tuple(entries[:5]), "html")
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if len(line) <= 40 and _REF_HEADING.match(line):
            entries = [ln.strip() for ln in lines[index + 1 : index + 41] if _REF_LIKE.search(ln)]
            if entries:
                return ReferenceSection(line.strip(), len(entries), tuple(entries[:5]), "text")
    return None


def find_quotes(text: str) -> list[Quote]:
    """Quoted speech: quotation marks with a speech verb nearby, the speaker named or not."""
    quotes = []
    for match in _QUOTE.finditer(text):
        start = max(0, match.start() - _QUOTE_CONTEXT)
        after = text[match.end() : match.end() + _QUOTE_CONTEXT]
        outside = text[start : match.start()] + after
        context = match.group(0) + _END_OF_SENTENCE.split(after, maxsplit=1)[0]
        if not _SPEECH.search(outside):
            continue  # a title, a slogan or scare quotes, not speech
        named = bool(_SPEAKER_TITLE.search(outside)) or _names_speaker(outside)
        quoted = next(g for g in match.groups() if g)
        quotes.append(Quote(quoted.strip(), named, context.strip()))
        if len(quotes) >= _MAX_ITEMS:
            break
    if not any(q.named for q in quotes):
        quotes += [
            Quote(m.group(0), True, _sentence_around(text, m.start(), m.end()), direct=False)
            for m in _EXPERT_SAYS.finditer(text)
        ][:_MAX_ITEMS]
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


def _tagged(tree: HtmlElement | Page, *tags: str) -> Iterable[HtmlElement]:
    return tree.elements(*tags) if isinstance(tree, Page) else tree.iter(*tags)


def _entries_after(heading: HtmlElement) -> list[str]:
    """Reference-like entries in the few elements that follow a heading."""
    container = heading
    # a <strong> inside a <p>: the entries follow the paragraph, not the <strong>
    while container.getnext() is None and container.getparent() is not None:
        container = container.getparent()
        if container.tag in ("body", "html"):
            return []
    entries: list[str] = []
    sibling = container.getnext()
    for _ in range(4):
        if sibling is None:
            break
        items = sibling.findall(".//li") or [sibling]
        for item in items:
            line = " ".join((item.text_content() or "").split())
            if line and _REF_LIKE.search(line):
                entries.append(line[:300])
        sibling = sibling.getnext()
        if len(entries) >= _MAX_ITEMS:
            break
    return entries


def _trim_id(value: str) -> str:
    """Drop trailing punctuation and a closing parenthesis that belongs to the sentence."""
    value = value.rstrip(".,;:")
    while value.endswith(")") and value.count(")") > value.count("("):
        value = value[:-1].rstrip(".,;:")
    return value


def _around(text: str, match: re.Match[str], width: int = 80) -> str:
    start = max(0, match.start() - width)
    return " ".join(text[start : match.end() + width].split())


def _source_snippets(text: str) -> list[str]:
    """The words around each source phrase, overlapping windows merged."""
    spans: list[list[int]] = []
    for match in _SOURCE_PHRASE.finditer(text):
        start, end = max(0, match.start() - _SNIPPET), match.end() + _SNIPPET
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
        if len(spans) >= _MAX_ITEMS:
            break
    return [" ".join(text[a:b].split()) for a, b in spans]


def _vague_phrases(low: str) -> list[str]:
    """Hearsay and appeals to unnamed authority in lower-cased text, each phrase once."""
    found = [m.group(0) for m in _UNNAMED.finditer(low)]
    return list(dict.fromkeys(found))[:5]


def _sentence_of(sentences: list[str], phrase: str) -> str:
    for sentence in sentences:
        if phrase in sentence.lower():
            return sentence
    return phrase
