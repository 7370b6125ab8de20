"""References written into the text: DOIs, PubMed and trial ids, journals, [1] markers and a
References / 参考文献 list (read from the tree when there is one)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml.html import HtmlElement

from factcheck.page.model import Page

MAX_ITEMS = 200  # per list: a pathological page cannot make the scan slow

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
    return list(found.values())[:MAX_ITEMS]


def count_markers(text: str, tree: HtmlElement | Page | None) -> int:
    """Distinct numbered reference markers: ``[1]`` in the text, numeric ``<sup>`` in the HTML."""
    numbers = {m.group(1) for m in _MARKER.finditer(text)}
    if tree is not None:
        for sup in _tagged(tree, "sup"):
            label = (sup.text_content() or "").strip()
            if _SUP_MARKER.match(label):
                numbers.add(label.strip("[]"))
            if len(numbers) > MAX_ITEMS:
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
        if len(entries) >= MAX_ITEMS:
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
