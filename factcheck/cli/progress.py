"""A one-line progress bar on stderr: done, rate, ETA. Small enough not to need tqdm."""

from __future__ import annotations

import time
from typing import TextIO

_WIDTH = 24
_EVERY = 0.2  # seconds between redraws


class Progress:
    """``[#####-----]  412/1000  41%  12.3/s  ETA 0:47  3 failed``, redrawn in place."""

    def __init__(self, total: int, stream: TextIO, *, enabled: bool = True) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled
        self.started = time.monotonic()
        self._drawn = 0.0
        self._last = ""

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def update(self, done: int, failed: int = 0) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._drawn < _EVERY and done < self.total:
            return
        self._drawn = now
        self._last = self.line(done, failed, now - self.started)
        self.stream.write("\r" + self._last)
        self.stream.flush()

    def line(self, done: int, failed: int, elapsed: float) -> str:
        """The bar's text for ``done`` of ``total`` after ``elapsed`` seconds."""
        share = done / self.total if self.total else 1.0
        filled = int(share * _WIDTH)
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (self.total - done) / rate if rate > 0 else None
        eta = _clock(left) if left is not None else "?"
        width = len(str(self.total))
        text = (
            f"[{'#' * filled}{'-' * (_WIDTH - filled)}] {done:>{width}}/{self.total} "
            f"{share:4.0%}  {rate:.1f}/s  ETA {eta}"
        )
        return text + (f"  {failed} failed" if failed else "")

    def close(self) -> None:
        if self.enabled and self._last:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
