"""Resident memory of this process and its children, sampled on a thread (Linux /proc)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def rss(pid: int) -> int:
    try:
        return int((Path(f"/proc/{pid}/statm")).read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(root: int) -> int:
    """RSS of ``root`` and all its descendants (shared pages counted in each)."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += rss(pid)
        todo.extend(tree.get(pid, ()))
    return total


class Sampler:
    """Every ``every`` seconds: (progress value, own RSS, process-tree RSS)."""

    def __init__(self, progress: list[int], every: float = 0.25) -> None:
        self.progress = progress
        self.every = every
        self.samples: list[tuple[int, int, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(self.every):
            self.samples.append((self.progress[0], rss(me), tree_rss(me)))
