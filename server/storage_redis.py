"""Reports in Redis, shared by every instance behind a load balancer (see :mod:`.storage`)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .records import StoredReport, new_id, summary

_LOCK_MARGIN = 15  # a fetch lock outlives the fetch deadline by this much, then expires
# Delete the lock only if it is still ours (it may have expired and been taken since).
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end"


class RedisStorage:
    """Keys under one prefix: ``report:<id>``, ``item:<id>`` (history line), ``history``
    (sorted set by time), ``cache:<key>`` (report id). Reports expire with the retention."""

    kind = "redis"

    def __init__(self, url: str, prefix: str, ttl: int, retention: float) -> None:
        import redis  # optional dependency: only needed when Redis is configured

        self.redis = redis.Redis.from_url(
            url, socket_timeout=5, socket_connect_timeout=5, decode_responses=True
        )
        self.prefix = prefix
        self.ttl, self.retention = ttl, retention

    def _key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)

    def cached(self, key: str) -> StoredReport | None:
        report_id = self.redis.get(self._key("cache", key))
        return self.get(str(report_id)) if report_id else None

    def save(
        self, report: dict[str, Any], *, cache_key: str | None = None, owner: str | None = None
    ) -> StoredReport:
        stored = StoredReport(new_id(), json.dumps(report, ensure_ascii=False))
        now, keep = time.time(), max(1, int(self.retention))
        line = json.dumps(summary(stored.id, report), ensure_ascii=False)
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self._key("report", stored.id), stored.report_json, ex=keep)
            pipe.set(self._key("item", stored.id), line, ex=keep)
            pipe.zadd(self._key("history"), {stored.id: now})
            pipe.zremrangebyscore(self._key("history"), "-inf", now - self.retention)
            if cache_key is not None:
                pipe.set(self._key("cache", cache_key), stored.id, ex=max(1, self.ttl))
            if owner is not None:
                self._remember(pipe, owner, stored.id, now)
            pipe.execute()
        return stored

    def remember(self, owner: str | None, report_id: str) -> None:
        if owner is not None:
            with self.redis.pipeline(transaction=True) as pipe:
                self._remember(pipe, owner, report_id, time.time())
                pipe.execute()

    def _remember(self, pipe: Any, owner: str, report_id: str, now: float) -> None:
        mine = self._key("history", owner)
        pipe.zadd(mine, {report_id: now})
        pipe.zremrangebyscore(mine, "-inf", now - self.retention)
        pipe.expire(mine, max(1, int(self.retention)))

    def get(self, report_id: str) -> StoredReport | None:
        text = self.redis.get(self._key("report", report_id))
        return StoredReport(report_id, str(text)) if text else None

    def history(
        self, page: int, per_page: int, owner: str | None = None
    ) -> tuple[list[dict[str, Any]], int]:
        oldest = time.time() - self.retention
        history = self._key("history") if owner is None else self._key("history", owner)
        total = self.redis.zcount(history, oldest, "+inf")
        ids = self.redis.zrevrangebyscore(
            history, "+inf", oldest, start=(page - 1) * per_page, num=per_page
        )
        if not ids:
            return [], int(total)
        lines = self.redis.mget([self._key("item", str(i)) for i in ids])
        return [json.loads(line) for line in lines if line], int(total)

    def purge(self) -> int:
        return int(
            self.redis.zremrangebyscore(self._key("history"), "-inf", time.time() - self.retention)
        )

    def ping(self) -> bool:
        return bool(self.redis.ping())

    @contextmanager
    def fetch_lock(self, key: str, wait: float) -> Iterator[None]:
        """Across instances: one fetch per URL at a time; the others wait until the report
        is cached, or at most ``wait`` seconds, then look again. The lock expires by itself
        (``wait`` is the holder's deadline, plus a margin)."""
        name, token = self._key("lock", key), new_id()
        give_up = time.monotonic() + wait
        hold = int(wait) + _LOCK_MARGIN
        while not self.redis.set(name, token, nx=True, ex=hold):
            if self.cached(key) is not None or time.monotonic() > give_up:
                yield  # the caller looks in the cache again before fetching
                return
            time.sleep(0.05)
        try:
            yield
        finally:
            self.redis.eval(_RELEASE, 1, name, token)
