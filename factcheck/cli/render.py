"""The checklist for a person in a terminal: status symbols, scores, evidence, advice."""

from __future__ import annotations

import os
import re
from typing import TextIO
from urllib.parse import unquote

from factcheck.lang.reading import hide_untranslated, link_title
from factcheck.report import STATUS_TEXT, VERDICT_TEXT, Report, Status

_NON_ASCII_ESCAPE = re.compile(r"%[89A-Fa-f][0-9A-Fa-f]")

_SYMBOLS = {
    Status.PASS: ("✔", "32"),
    Status.WARN: ("!", "33"),
    Status.FAIL: ("✘", "31"),
    Status.UNKNOWN: ("?", "90"),
    Status.NOT_APPLICABLE: ("–", "90"),
}
_VERDICT_COLOURS = {"reliable": "32", "mixed": "33", "doubtful": "33", "unreliable": "31"}
_LABELS = {
    "en": {"score": "Score", "advice": "What to do", "links": "Next steps", "sources": "sources",
           "confidence": "Confidence", "technical": "technical details: "},
    "zh": {"score": "得分", "advice": "建议", "links": "下一步", "sources": "来源库",
           "confidence": "可信程度", "technical": "技术细节："},
}  # fmt: skip
_CONFIDENCE_TEXT = {
    "en": {"low": "low", "medium": "medium", "high": "high"},
    "zh": {"low": "低", "medium": "中", "high": "高"},
}


def render(
    report: Report, out: TextIO, *, lang: str = "en", color: bool = False, details: bool = False
) -> None:
    """Print the checklist for a person: status symbols, scores, evidence, advice; with
    ``details``, also the technical evidence (model numbers, script variables), labelled."""

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    labels = _LABELS["zh" if lang == "zh" else "en"]
    score = "–" if report.score is None else f"{report.score}/100"
    verdict = report.verdict.value
    address = report.final_url or report.url
    out.write(paint(report.title or address or "(untitled)", "1") + "\n")
    if address and report.title:
        out.write(f"{address}\n")
    verdict_text = VERDICT_TEXT[report.verdict].get(lang)
    colour = _VERDICT_COLOURS.get(verdict, "90")
    out.write(f"{labels['score']}: " + paint(f"{score} {verdict_text}", colour) + "\n")
    if report.confidence is not None:
        level = _CONFIDENCE_TEXT["zh" if lang == "zh" else "en"][report.confidence.level]
        colon = "：" if lang == "zh" else ": "
        reason = report.confidence.reason.get(lang)
        out.write(f"{labels['confidence']}{colon}{level} — {reason}\n")
    out.write(report.summary.get(lang) + "\n\n")
    for step in report.steps:
        symbol, code = _SYMBOLS[step.status]
        step_score = "" if step.score is None else f" ({step.score})"
        out.write(paint(f"{symbol} {step.number}. {step.title.get(lang)}", code))
        out.write(f" — {STATUS_TEXT[step.status].get(lang)}{step_score}\n")
        for finding in step.findings:
            sign = f"{finding.impact:+d}" if finding.impact else " 0"
            out.write(f"    {sign:>4}  {hide_untranslated(finding.message.get(lang), lang)}\n")
            if finding.evidence and (details or not finding.technical):
                label = labels["technical"] if finding.technical else ""
                out.write(paint(f"          {label}{_clip(finding.evidence)}", "90") + "\n")
        out.write(f"    → {step.advice.get(lang)}\n")
        for link in step.links[:4]:
            title = link_title(link.title, lang)
            out.write(paint(f"      {title}: {readable_url(link.url)}", "36") + "\n")
    out.write("\n" + paint(report.disclaimer.get(lang), "90") + "\n")
    out.write(
        paint(f"{labels['sources']} {report.sources.version} ({report.sources.updated})", "90")
        + "\n"
    )


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def use_color(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and "NO_COLOR" not in os.environ


def readable_url(url: str) -> str:
    """The URL as a person reads it: percent-escapes of non-ASCII text decoded (a Chinese
    query stays Chinese instead of 400 characters of %E9%9C%87...). Browsers accept the
    decoded form; spaces and reserved characters stay escaped so it still parses."""
    return unquote(url).replace(" ", "%20") if _NON_ASCII_ESCAPE.search(url) else url
