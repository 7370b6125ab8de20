"""Resident memory of this process and its children, sampled on a thread (Linux /proc)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
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
    """Every ``every`` seconds: (progress, RSS of ``pid``, its tree's RSS, its tree's PSS,
    CPU seconds of ``pid`` alone)."""

    def __init__(self, pid: int, progress: Callable[[], int], every: float = 0.25) -> None:
        self.pid = pid
        self.progress = progress
        self.every = every
        self.samples: list[tuple[int, int, int, int, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            sample = (self.progress(), rss(self.pid), tree_rss(self.pid), tree_pss(self.pid))
            cpu = cpu_seconds(self.pid)
            if sample[1]:  # the process is still there
                self.samples.append((*sample, cpu))


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of ``pid`` itself (not its children)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def pss(pid: int) -> int:
    """Proportional set size: shared pages split between the processes that share them, so
    the PSS of a process tree adds up to the memory it really holds (Linux 4.14+)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def tree_pss(root: int) -> int:
    """PSS of ``root`` and all its descendants: the tree's real footprint."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += pss(pid)
        todo.extend(tree.get(pid, ()))
    return total


def peak_rss() -> int:
    """This process's peak resident size so far (VmHWM), in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0
