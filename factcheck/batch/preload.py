"""Imported once by the batch's forkserver: every analysis process it forks shares these.

``multiprocessing``'s forkserver imports the modules named in ``set_forkserver_preload``
before it forks any worker (see :func:`factcheck.batch.workers.analysis_pool`). Loading the
resources here, checking one small page and freezing the garbage collector means a worker
started from it (the first ones, and every replacement after ``TASKS_PER_WORKER`` pages)
starts at once and shares the loaded resources copy-on-write instead of loading its own.
"""

from __future__ import annotations

import gc
import logging

from factcheck.engine import warm_up
from factcheck.resources import default_resources

try:
    warm_up(default_resources())
except Exception:  # never break the forkserver: the workers then load their own
    logging.getLogger(__name__).exception("preloading the resources failed")
gc.collect()
gc.freeze()
