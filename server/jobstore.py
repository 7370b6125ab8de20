"""Where batch jobs keep their progress and results: Redis (shared by every worker machine)
or SQLite (:mod:`server.jobstore_sqlite`, the embedded default, shared by the worker
processes of one machine).

A job is a counter set ``{total, done, failed}`` plus an append-only list of result items
(JSON text). ``done`` counts every finished URL, ``failed`` those that ended in an error.
Each URL is recorded at most once (a Redis set guards it), so a chunk that Celery delivers
twice after a worker died adds nothing twice.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class JobState:
    id: str
    total: int
    done: int
    failed: int
    created: float
    started: bool
    mode: str  # "celery" or "in_process"

    @property
    def status(self) -> str:
        if self.done >= self.total:
            return "done"
        return "running" if self.started or self.done else "queued"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "mode": self.mode,
            "total": self.total,
            "done": self.done,
            "failed": self.failed,
        }


class JobStore(Protocol):
    kind: str

    def create(self, total: int) -> str: ...

    def mark_started(self, job_id: str) -> None: ...

    def is_recorded(self, job_id: str, url: str) -> bool: ...

    def record(self, job_id: str, url: str, item_json: str, *, failed: bool) -> bool: ...

    def get(self, job_id: str) -> JobState | None: ...

    def results(self, job_id: str, offset: int, limit: int) -> list[str]: ...


def new_job_id() -> str:
    """128 random bits: a job id is as hard to guess as a report id."""
    return secrets.token_urlsafe(16)


class RedisJobStore:
    """Job state in Redis, so a job's chunks can run on workers on any number of machines."""

    kind = "redis"
    mode = "celery"

    def __init__(self, url: str, prefix: str = "factcheck:", ttl: int = 7 * 86400) -> None:
        import redis  # optional dependency: only needed when Redis is configured

        self.redis = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5)
        self.prefix = prefix
        self.ttl = ttl

    def _key(self, job_id: str, part: str = "") -> str:
        return f"{self.prefix}job:{job_id}" + (f":{part}" if part else "")

    def create(self, total: int) -> str:
        job_id = new_job_id()
        key = self._key(job_id)
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping={"total": total, "done": 0, "failed": 0, "created": time.time()})
            pipe.expire(key, self.ttl)
            pipe.execute()
        return job_id

    def mark_started(self, job_id: str) -> None:
        self.redis.hsetnx(self._key(job_id), "started", time.time())

    def is_recorded(self, job_id: str, url: str) -> bool:
        return bool(self.redis.sismember(self._key(job_id, "urls"), url))

    def record(self, job_id: str, url: str, item_json: str, *, failed: bool) -> bool:
        """Append one result; False (and nothing written) if ``url`` was recorded before."""
        urls, results, head = (
            self._key(job_id, "urls"),
            self._key(job_id, "results"),
            self._key(job_id),
        )
        if not self.redis.sadd(urls, url):
            return False
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.rpush(results, item_json)
            pipe.hincrby(head, "done", 1)
            if failed:
                pipe.hincrby(head, "failed", 1)
            for key in (urls, results, head):
                pipe.expire(key, self.ttl)
            pipe.execute()
        return True

    def get(self, job_id: str) -> JobState | None:
        raw = self.redis.hgetall(self._key(job_id))
        if not raw:
            return None
        values = {_text(k): _text(v) for k, v in raw.items()}
        return JobState(
            id=job_id,
            total=int(values["total"]),
            done=int(values["done"]),
            failed=int(values["failed"]),
            created=float(values["created"]),
            started="started" in values,
            mode=self.mode,
        )

    def results(self, job_id: str, offset: int, limit: int) -> list[str]:
        items = self.redis.lrange(self._key(job_id, "results"), offset, offset + limit - 1)
        return [_text(item) for item in items]

    def ping(self) -> bool:
        return bool(self.redis.ping())


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
