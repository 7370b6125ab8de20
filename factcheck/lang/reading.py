"""Report text as a reader of one language sees it: Chinese without the clauses the
knowledge base only has in English, link titles in the reader's language. The CLI and the
share page read reports through these (the extension keeps the same rules in
``extension/lib/text.js``)."""

from __future__ import annotations

import re

from factcheck.lang.script import count_han, has_han

_PROSE_WORD = re.compile(r"\b[a-z]{3,}\b")


def hide_untranslated(text: str, lang: str) -> str:
    """``text`` for a reader of ``lang``; in Chinese without the clauses that are English
    prose (a knowledge-base note only written in English, after "：" or in "（）")."""
    if lang != "zh":
        return text

    def drop(match: re.Match[str]) -> str:
        return "" if _english_clause(match.group(1)) else match.group(0)

    text = re.sub(r"：([^：。\n]*)(?=。)", drop, text)
    return re.sub(r"（([^（）\n]*)）", drop, text)


def _english_clause(clause: str) -> bool:
    """English prose (a lowercase word), not a name ("Amina Patel") and not an address."""
    return bool(_PROSE_WORD.search(clause)) and not has_han(clause) and "http" not in clause


#: Link titles the engine writes in one language only: the reader's form of each known
#: template (the extension keeps the same list: extension/lib/text.js LINK_TEMPLATES).
_LINK_TEMPLATES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), en, zh)
    for pattern, en, zh in (
        (r"^Search (.+) \(([^()]+)\)$", r"Search \1 (\2)", r"在 \2 搜索"),
        (r"^在(.+)官网（([^（）]+)）搜索$", r"Search \2", r"在\1官网（\2）搜索"),
        (r"^Web search: (.+)$", r"Web search: \1", r"网页搜索：\1"),
        (r"^百度搜索：(.+)$", r"Baidu search: \1", r"百度搜索：\1"),
        (r"^PubMed author search: (.+)$", r"PubMed author search: \1", r"PubMed 作者搜索：\1"),
        (r"^ORCID search: (.+)$", r"ORCID search: \1", r"ORCID 搜索：\1"),
        (r"^好大夫在线：(.+)$", r"Haodf: \1", r"好大夫在线：\1"),
        (r"^丁香园：(.+)$", r"DXY: \1", r"丁香园：\1"),
        (r"^Open ((?:DOI|PMID|PMCID|NCT|ARXIV) .+)$", r"Open \1", r"打开 \1"),
        (
            r"^Google (?:事实核查工具 \()?Fact Check Explorer\)?$",
            "Google Fact Check Explorer",
            "Google 事实核查工具",
        ),
        (r"^World Health Organization \(WHO\)$", "World Health Organization (WHO)", "世界卫生组织"),
        (r"^国家卫生健康委员会$", "National Health Commission of China", "国家卫生健康委员会"),
        (r"^中国疾控中心$", "Chinese Center for Disease Control and Prevention", "中国疾控中心"),
    )
)
_TAIL = re.compile(r"[:：]\s*([^\s:：]+)$")


def link_title(title: str, lang: str) -> str:
    """The reader's form of a link title: "English / 中文" keeps one side (a shared tail
    such as ": who.int" kept on both), known one-language templates are translated."""
    parts = title.split(" / ")
    if len(parts) != 2:
        for pattern, en, zh in _LINK_TEMPLATES:
            if pattern.match(title):
                return pattern.sub(zh if lang == "zh" else en, title)
        return title
    a, b = parts
    tail = _TAIL.search(b)
    if tail and tail.group(1) not in a:
        a = f"{a}: {tail.group(1)}"
    zh_first = count_han(a) >= count_han(b)
    zh_side, en_side = (a, b) if zh_first else (b, a)
    return (zh_side if lang == "zh" else en_side).strip()
