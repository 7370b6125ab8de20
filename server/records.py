"""What every report store holds and offers (:mod:`.storage` for SQLite, :mod:`.storage_redis`)."""

from __future__ import annotations

import secrets
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A stored report as JSON text (served as is: no decode and re-encode on cache hits)."""

    id: str
    report_json: str


class Storage(Protocol):
    kind: str

    def cached(self, key: str) -> StoredReport | None: ...

    def save(
        self, report: dict[str, Any], *, cache_key: str | None = None, owner: str | None = None
    ) -> StoredReport: ...

    def remember(self, owner: str | None, report_id: str) -> None: ...

    def get(self, report_id: str) -> StoredReport | None: ...

    def history(
        self, page: int, per_page: int, owner: str | None = None
    ) -> tuple[list[dict[str, Any]], int]: ...

    def purge(self) -> int: ...

    def ping(self) -> bool: ...

    def fetch_lock(self, key: str, wait: float) -> AbstractContextManager[None]: ...


def new_id() -> str:
    """128 random bits: a report link is hard to guess, so it can be shared as is."""
    return secrets.token_urlsafe(16)


def summary(report_id: str, report: dict[str, Any]) -> dict[str, Any]:
    """One history line."""
    return {
        "id": report_id,
        "url": report.get("url"),
        "title": report.get("title") or "",
        "score": report.get("score"),
        "verdict": report.get("verdict"),
        "checked_at": report.get("checked_at"),
    }
