"""What the steps read besides the page, built once and handed to them through the context.

The knowledge base, the clickbait models, the offline debunk index and the optional online
fact-check lookup are loaded here, at the edge, and never reached from inside a step as a
singleton or through an environment variable. A test hands a step a small knowledge base or
a fake debunk index by building its own :class:`Resources`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from factcheck.combiner import Combiner, load_combiner
from factcheck.knowledge.sources import SourceDB
from factcheck.steps.factcheckers.google import ApiConfig, config_from
from factcheck.steps.factcheckers.verify import Matcher, load_matcher
from factcheck.steps.headline.clickbait import LANGUAGES, ClickbaitModel, load_model


@dataclass(frozen=True)
class Resources:
    """Everything the seven steps may consult, read-only."""

    sources: SourceDB
    clickbait: Mapping[str, ClickbaitModel]  # language -> headline model
    debunks: Matcher  # the debunk index, the same-claim model and its encoder
    online: ApiConfig | None = None  # Google Fact Check Tools, only when a key is configured
    combiner: Combiner | None = None  # the learned overall score (None: weighted mean)

    @classmethod
    def load(
        cls,
        *,
        sources: SourceDB | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Resources:
        """The shipped resources; the online lookup is configured from ``environ`` (the
        process environment by default: the CLI and server read it here, at the edge)."""
        return cls(
            sources=sources or SourceDB.load(),
            clickbait={lang: load_model(lang) for lang in LANGUAGES},
            debunks=load_matcher(),
            online=config_from({}, os.environ if environ is None else environ),
            combiner=load_combiner(),
        )

    def with_sources(self, sources: SourceDB) -> Resources:
        return replace(self, sources=sources)


_LOADING = threading.Lock()


@cache
def _shipped() -> Resources:
    return Resources.load()


def default_resources() -> Resources:
    """The shipped resources, loaded once per process (the library's default).

    Thread-safe: a caller that arrives while another thread loads them waits for that load
    instead of starting a second one (a threaded server's first requests; the CLI, which
    starts the load on a thread while it reads the page: :mod:`factcheck.cli.oneshot`).
    """
    with _LOADING:
        return _shipped()


def default_resources_loaded() -> bool:
    """Whether :func:`default_resources` has loaded them in this process."""
    return _shipped.cache_info().currsize > 0
