"""Where batch jobs keep their progress and results: Redis (shared by every worker machine)
or memory (the embedded, single-process default).

A job is a counter set ``{total, done, failed}`` plus an append-only list of result items
(JSON text). ``done`` counts every finished URL, ``failed`` those that ended in an error.
Each URL is recorded at most once (a Redis set guards it), so a chunk that Celery delivers
twice after a worker died adds nothing twice.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
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


@dataclass
class _MemoryJob:
    total: int
    created: float = field(default_factory=time.time)
    started: bool = False
    failed: int = 0
    urls: set[str] = field(default_factory=set)
    items: list[str] = field(default_factory=list)


class MemoryJobStore:
    """Jobs in this process's memory: the embedded default for one server process.

    Keeps the newest ``max_jobs`` jobs for at most ``ttl`` seconds. Behind a load balancer
    with several processes, a poll may reach a process that does not know the job: set
    ``FACTCHECK_REDIS_URL`` there.
    """

    kind = "memory"
    mode = "in_process"

    def __init__(self, ttl: int = 3600, max_jobs: int = 200) -> None:
        self.ttl = ttl
        self.max_jobs = max_jobs
        self._jobs: OrderedDict[str, _MemoryJob] = OrderedDict()
        self._lock = threading.Lock()

    def create(self, total: int) -> str:
        job_id = new_job_id()
        with self._lock:
            self._forget_old()
            self._jobs[job_id] = _MemoryJob(total)
        return job_id

    def mark_started(self, job_id: str) -> None:
        with self._lock:
            if job_id in self._jobs:
                self._jobs[job_id].started = True

    def is_recorded(self, job_id: str, url: str) -> bool:
        with self._lock:
            job = self._jobs.get(job_id)
            return job is not None and url in job.urls

    def record(self, job_id: str, url: str, item_json: str, *, failed: bool) -> bool:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or url in job.urls:
                return False
            job.urls.add(url)
            job.items.append(item_json)
            job.failed += failed
            return True

    def get(self, job_id: str) -> JobState | None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return None
            return JobState(
                job_id, job.total, len(job.items), job.failed, job.created, job.started, self.mode
            )

    def results(self, job_id: str, offset: int, limit: int) -> list[str]:
        with self._lock:
            job = self._jobs.get(job_id)
            return [] if job is None else job.items[offset : offset + limit]

    def running(self) -> int:
        """Jobs not finished yet (the in-process runner admits only a few at a time)."""
        with self._lock:
            return sum(len(job.items) < job.total for job in self._jobs.values())

    def _forget_old(self) -> None:
        cutoff = time.time() - self.ttl
        for job_id in [j for j, job in self._jobs.items() if job.created < cutoff]:
            del self._jobs[job_id]
        while len(self._jobs) >= self.max_jobs:
            self._jobs.popitem(last=False)
