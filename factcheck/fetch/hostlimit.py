"""Per-host politeness for batch fetching: a concurrency limit and a delay between starts.

The batch scheduler asks :meth:`HostLimiter.try_acquire` before it starts a fetch and
calls :meth:`HostLimiter.release` when the fetch ends. It is not thread-safe on purpose:
only the scheduler's single loop touches it, so no fetch thread ever blocks waiting for a
busy host while another host's URL could go.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Forget a host's last start time once this many hosts are remembered (old ones only).
_PRUNE_AT = 10_000


@dataclass
class HostLimiter:
    """At most ``per_host`` fetches at once per host, starts at least ``delay`` s apart."""

    per_host: int = 2
    delay: float = 0.2
    _active: dict[str, int] = field(default_factory=dict)
    _next_start: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.per_host < 1:
            raise ValueError("per_host must be at least 1")
        if self.delay < 0:
            raise ValueError("delay must not be negative")

    def try_acquire(self, host: str, now: float) -> bool:
        """Take a slot for ``host`` if it has one free and its delay has passed."""
        if self._active.get(host, 0) >= self.per_host:
            return False
        if now < self._next_start.get(host, 0.0):
            return False
        self._active[host] = self._active.get(host, 0) + 1
        if self.delay:
            self._next_start[host] = now + self.delay
            if len(self._next_start) > _PRUNE_AT:
                self._prune(now)
        return True

    def release(self, host: str) -> None:
        """Give back a slot taken by :meth:`try_acquire`."""
        left = self._active.get(host, 0) - 1
        if left > 0:
            self._active[host] = left
        else:
            self._active.pop(host, None)

    def ready_at(self, host: str) -> float | None:
        """When ``host`` may start next (monotonic time), or None if it waits for a release."""
        if self._active.get(host, 0) >= self.per_host:
            return None
        return self._next_start.get(host, 0.0)

    def active(self, host: str) -> int:
        return self._active.get(host, 0)

    def _prune(self, now: float) -> None:
        self._next_start = {h: t for h, t in self._next_start.items() if t > now}
