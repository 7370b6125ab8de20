"""The report contract: frozen dataclasses and their JSON form.

``Report.to_dict()`` is what the CLI prints with ``--json``, what the HTTP API returns and
what the extension renders. Its shape is versioned by :data:`SCHEMA_VERSION`; any change
that is not purely additive bumps it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum, StrEnum
from typing import Any

from factcheck.i18n import LocalText

SCHEMA_VERSION = "1"

#: Origins whose evidence is a script variable or another tool's output, not the page's words.
TECHNICAL_ORIGINS = frozenset(
    {"script", "htmldate", "debunk-index", "google-factcheck-api", "trafilatura"}
)
#: The tool's own numbers and words in an evidence string (model probabilities, weights).
_INTERNALS = re.compile(
    r"(^|[\s;(])(p|model|similarity|score)\s*[=:]|\bwords:|\bcues:|shared terms|\s->\s|\(official:",
    re.IGNORECASE,
)


def technical_evidence(evidence: str, origin: str) -> bool:
    """Evidence that is technical detail (model numbers, a script variable), not the page's
    words: shown under technical details, never quoted to a reader as what the page says."""
    return origin.lower() in TECHNICAL_ORIGINS or _INTERNALS.search(evidence) is not None


class Status(StrEnum):
    """Outcome of one WHO step."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    UNKNOWN = "unknown"  # the step could not see its signal; not counted in the score
    NOT_APPLICABLE = "not_applicable"  # the step does not apply to this page; not counted

    @property
    def scored(self) -> bool:
        return self in (Status.PASS, Status.WARN, Status.FAIL)


class Verdict(StrEnum):
    """Plain band of the overall score (bands are defined in :mod:`factcheck.scoring`)."""

    RELIABLE = "reliable"
    MIXED = "mixed"
    DOUBTFUL = "doubtful"
    UNRELIABLE = "unreliable"
    UNKNOWN = "unknown"  # no step could be scored (e.g. a page with no text and no source)


class Retrieval(StrEnum):
    """How the HTML reached the engine."""

    FETCHED = "fetched"  # factcheck fetched the URL itself
    PROVIDED = "provided_html"  # the caller (extension, script) supplied the HTML


#: How verdicts and statuses read to a person, in both languages (CLI, summaries).
VERDICT_TEXT: dict[Verdict, LocalText] = {
    Verdict.RELIABLE: LocalText("reliable", "较可靠"),
    Verdict.MIXED: LocalText("mixed", "可信度一般"),
    Verdict.DOUBTFUL: LocalText("doubtful", "存疑"),
    Verdict.UNRELIABLE: LocalText("unreliable", "不可靠"),
    Verdict.UNKNOWN: LocalText("not assessed", "无法判断"),
}
STATUS_TEXT: dict[Status, LocalText] = {
    Status.PASS: LocalText("pass", "通过"),
    Status.WARN: LocalText("take care", "需注意"),
    Status.FAIL: LocalText("fail", "未通过"),
    Status.UNKNOWN: LocalText("not assessed", "未能评估"),
    Status.NOT_APPLICABLE: LocalText("not applicable", "不适用"),
}


@dataclass(frozen=True, slots=True)
class Link:
    """A next-step link for the reader: a fact-checker search, an official page ..."""

    title: str
    url: str

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url}


@dataclass(frozen=True, slots=True)
class Finding:
    """One observation and the points it moved, with the evidence that produced it.

    ``impact`` is signed: positive findings raise the step score, negative ones lower it,
    zero is information only. ``evidence`` is the exact text, attribute or URL seen on the
    page; ``origin`` says where it was found (meta, json-ld, text, url, sources.yaml ...).
    """

    code: str
    impact: int
    message: LocalText
    evidence: str = ""
    origin: str = ""

    @property
    def technical(self) -> bool:
        """The evidence is technical detail, not the page's words (:func:`technical_evidence`)."""
        return technical_evidence(self.evidence, self.origin)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "impact": self.impact,
            "message": self.message.to_dict(),
            "evidence": self.evidence,
            "origin": self.origin,
        }


@dataclass(frozen=True, slots=True)
class StepResult:
    """The outcome of one WHO step, as shown to the reader."""

    id: str
    number: int
    title: LocalText
    status: Status
    score: int | None
    findings: tuple[Finding, ...]
    data: Mapping[str, Any]
    advice: LocalText
    links: tuple[Link, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title.to_dict(),
            "status": self.status.value,
            "score": self.score,
            "findings": [f.to_dict() for f in self.findings],
            "data": _jsonable(self.data),
            "advice": self.advice.to_dict(),
            "links": [link.to_dict() for link in self.links],
        }


@dataclass(frozen=True, slots=True)
class SourcesStamp:
    """Which knowledge base the report was made with."""

    version: str
    updated: str

    def to_dict(self) -> dict[str, str]:
        return {"version": self.version, "updated": self.updated}


@dataclass(frozen=True, slots=True)
class Confidence:
    """How much the overall score rests on (see :mod:`factcheck.scoring`): an optional,
    additive field of schema 1."""

    level: str  # low | medium | high
    value: float  # 0..1: distance of the model's probability from a coin flip
    reason: LocalText

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "value": self.value, "reason": self.reason.to_dict()}


@dataclass(frozen=True, slots=True)
class Report:
    """The scored WHO checklist for one page."""

    url: str | None
    final_url: str | None
    checked_at: datetime
    language: str
    title: str
    score: int | None
    verdict: Verdict
    summary: LocalText
    disclaimer: LocalText
    steps: tuple[StepResult, ...]
    retrieval: Retrieval
    sources: SourcesStamp
    engine_version: str
    schema_version: str = field(default=SCHEMA_VERSION)
    confidence: Confidence | None = None

    def step(self, step_id: str) -> StepResult:
        """The step with ``step_id`` (``source``, ``headline`` ... ``factcheckers``)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def to_dict(self) -> dict[str, Any]:
        checked = self.checked_at.astimezone(UTC).replace(microsecond=0)
        return {
            "schema_version": self.schema_version,
            "engine_version": self.engine_version,
            "url": self.url,
            "final_url": self.final_url,
            "retrieval": self.retrieval.value,
            "checked_at": checked.isoformat().replace("+00:00", "Z"),
            "language": self.language,
            "title": self.title,
            "score": self.score,
            "verdict": self.verdict.value,
            "summary": self.summary.to_dict(),
            "disclaimer": self.disclaimer.to_dict(),
            "sources": self.sources.to_dict(),
            "steps": [step.to_dict() for step in self.steps],
            **({"confidence": self.confidence.to_dict()} if self.confidence else {}),
        }


def _jsonable(value: Any) -> Any:
    """Deep-convert step data (tuples, mappings, enums, LocalText) to JSON types."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value
