"""Benchmark 4: peak memory over a batch of 1,000 pages stays flat (see batch_network.py)."""

from __future__ import annotations

from .batch_network import memory_rows as run

__all__ = ["run"]
