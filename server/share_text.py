"""Words for the share page (``/reports/<id>``): one language at a time, zh or en.

The report carries its own texts in both languages; this module holds the page's labels
(verdicts, statuses, headings) and the same reading rules as the extension
(``extension/lib/text.js``): markdown links become links, "English / 中文" link titles keep
the reader's side, and the Chinese view leaves out clauses the knowledge base only has in
English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from factcheck.lang.reading import hide_untranslated
from factcheck.lang.reading import link_title as one_link_title
from factcheck.report import technical_evidence

LANGS = ("zh", "en")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((https?://[^\s)]{1,2000})\)")
LABELS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "html_lang": "en",
        "title": "factcheck report",
        "untitled": "(no title)",
        "score": "Score",
        "no_score": "no score",
        "verdict_reliable": "Reliable",
        "verdict_mixed": "Mixed",
        "verdict_doubtful": "Doubtful",
        "verdict_unreliable": "Unreliable",
        "verdict_unknown": "Cannot judge",
        "status_pass": "Pass",
        "status_warn": "Take care",
        "status_fail": "Fail",
        "status_unknown": "Not assessed",
        "status_not_applicable": "Not applicable",
        "confidence": "Confidence",
        "confidence_low": "low",
        "confidence_medium": "medium",
        "confidence_high": "high",
        "steps": "The WHO's seven steps",
        "advice": "Advice:",
        "no_findings": "Nothing was found for this step.",
        "technical": "Technical details",
        "found_in": "found in",
        "debunk": "Debunk",
        "retrieval_provided_html": "Based on the page as the browser showed it.",
        "retrieval_fetched": "The server fetched the page itself.",
        "checked_at": "Checked",
        "knowledge_base": "knowledge base",
        "report_id": "report",
        "print": "To print or save as PDF, use your browser's Print command.",
        "missing_title": "This report is not available",
        "missing_text": "No report has this link. Reports are kept for a limited time, so it "
        "may have expired, or the link may be incomplete. Check the page again with the "
        "factcheck extension to get a new link.",
    },
    "zh": {
        "html_lang": "zh-CN",
        "title": "factcheck 核查报告",
        "untitled": "（无标题）",
        "score": "得分",
        "no_score": "无得分",
        "verdict_reliable": "较可靠",
        "verdict_mixed": "可信度一般",
        "verdict_doubtful": "存疑",
        "verdict_unreliable": "不可靠",
        "verdict_unknown": "无法判断",
        "status_pass": "通过",
        "status_warn": "需注意",
        "status_fail": "未通过",
        "status_unknown": "未能评估",
        "status_not_applicable": "不适用",
        "confidence": "判断把握",
        "confidence_low": "较低",
        "confidence_medium": "中等",
        "confidence_high": "较高",
        "steps": "世卫组织七步核查",
        "advice": "建议：",
        "no_findings": "此步骤没有发现任何信息。",
        "technical": "技术细节",
        "found_in": "出处",
        "debunk": "辟谣",
        "retrieval_provided_html": "根据浏览器中显示的页面核查。",
        "retrieval_fetched": "页面由服务器自行获取。",
        "checked_at": "核查时间",
        "knowledge_base": "知识库",
        "report_id": "报告编号",
        "print": "如需打印或保存为 PDF，请使用浏览器的“打印”功能。",
        "missing_title": "无法打开此报告",
        "missing_text": "没有与此链接对应的报告。报告只保存一段时间，可能已经过期，"
        "也可能链接不完整。请用 factcheck 扩展程序重新核查该页面，获取新的链接。",
    },
}

ORIGINS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "text": "body text",
        "meta": "meta tags",
        "json-ld": "structured data (JSON-LD)",
        "url": "address",
        "sources.yaml": "factcheck source list",
        "script": "page script",
        "byline": "byline",
        "wechat": "WeChat page data",
        "debunk-index": "debunk library",
        "account": "account name",
        "htmldate": "date detection",
        "html": "page code",
        "title": "page title",
        "links": "page links",
        "link": "link",
    },
    "zh": {
        "text": "正文",
        "meta": "元标签",
        "json-ld": "结构化数据（JSON-LD）",
        "url": "网址",
        "sources.yaml": "factcheck 来源库",
        "script": "页面脚本",
        "byline": "署名行",
        "wechat": "微信页面数据",
        "debunk-index": "辟谣文章库",
        "account": "账号名称",
        "htmldate": "日期识别",
        "html": "页面代码",
        "title": "页面标题",
        "links": "页面链接",
        "link": "链接",
    },
}


def choose_language(asked: str | None, accepted: str | None, report_language: str) -> str:
    """``?lang=`` first, then the browser's preference, then the page's language."""
    if asked in LANGS:
        return str(asked)
    if accepted in LANGS:
        return str(accepted)
    return "zh" if report_language == "zh" else "en"


def pick(text: Any, lang: str) -> str:
    if isinstance(text, Mapping):
        value = text.get(lang) or text.get("en") or ""
        return value if isinstance(value, str) else ""
    return text if isinstance(text, str) else ""


def rich(text: Any, lang: str) -> Markup:
    """A report text in ``lang``, escaped, with markdown links as <a> (http(s) only)."""
    value = hide_untranslated(pick(text, lang), lang)
    out, last = [], 0
    for match in _MARKDOWN_LINK.finditer(value):
        out.append(escape(value[last : match.start()]))
        out.append(
            Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(
                match.group(2), match.group(1)
            )
        )
        last = match.end()
    out.append(escape(value[last:]))
    return Markup("").join(out)


def link_title(title: Any, lang: str) -> str:
    """The reader's form of a link title (:func:`factcheck.lang.reading.link_title`)."""
    if isinstance(title, Mapping):
        return pick(title, lang)
    return one_link_title(str(title or ""), lang)


def quotable(finding: Mapping[str, Any]) -> bool:
    evidence = str(finding.get("evidence") or "")
    origin = str(finding.get("origin") or "").lower()
    return bool(evidence) and not technical_evidence(evidence, origin)


def origin_label(origin: Any, lang: str) -> str:
    parts = str(origin or "").split("/")
    return " / ".join(ORIGINS[lang].get(part.lower(), part) for part in parts)


def confidence_level(value: Any) -> str | None:
    """As the extension reads it: a level, a number 0..1 (or 0..100), or {level|value}."""
    if isinstance(value, Mapping):
        value = value.get("level", value.get("value", value.get("score")))
    if isinstance(value, str) and value.lower() in ("low", "medium", "high"):
        return value.lower()
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    share = value / 100 if value > 1 else value
    return "high" if share >= 0.75 else "medium" if share >= 0.5 else "low"


def step_links(step: Mapping[str, Any], lang: str, seen: set[str]) -> list[dict[str, str]]:
    """The step's http(s) links (debunks first for step 7), each once in the whole page."""
    links: list[dict[str, str]] = []
    if step.get("id") == "factcheckers":
        for match in (step.get("data") or {}).get("debunk_matches") or []:
            name, outlet = match.get("title", ""), match.get("outlet", "")
            title = (
                f"{LABELS[lang]['debunk']}：“{name}”（{outlet}）"
                if lang == "zh"
                else f"{LABELS[lang]['debunk']}: “{name}” ({outlet})"
            )
            links.append({"title": title, "url": str(match.get("url") or "")})
    for link in step.get("links") or []:
        title = link_title(link.get("title"), lang)
        links.append({"title": title, "url": str(link.get("url") or "")})
    shown = []
    for link in links:
        if link["url"].startswith(("https://", "http://")) and link["url"] not in seen:
            seen.add(link["url"])
            shown.append(link)
    return shown
