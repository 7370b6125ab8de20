"""How a one-shot ``factcheck check`` process spends its second.

A process that checks one page and exits pays mostly for loading: the imports, the
knowledge base, the debunk index. Three things cut that without changing any result:

- the resources load on a thread while the page is read, fetched and parsed (file and
  network reads, zlib and lxml's parser release the GIL): :func:`start_loading`;
- the cyclic garbage collector stays off while the modules and the resources load (they
  live as long as the process; ``python -m factcheck`` turns it off before the first
  import), then they are frozen (``gc.freeze``) and the collector comes back for the
  page's own objects, never traversing the loaded ones again;
- the process ends without tearing the interpreter down (:func:`exit_now`): nothing is
  left to release that the operating system does not reclaim at once.

Only the process entry (:func:`factcheck.cli.main.entry`) uses :func:`exit_now`; tests and
programs that call :func:`factcheck.cli.main.main` get a normal return.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import threading
from typing import NoReturn

from factcheck.resources import default_resources


def hold_collector() -> None:
    """Keep the cyclic collector off until :func:`start_loading`'s load has finished."""
    gc.disable()


def start_loading() -> None:
    """Load the shipped resources on a daemon thread; the check's own call to
    :func:`~factcheck.resources.default_resources` waits for this load to finish."""
    threading.Thread(target=_load, name="factcheck-resources", daemon=True).start()


def _load() -> None:
    try:
        default_resources()
    except Exception:  # the check's own call raises it again, where the CLI reports it
        return
    finally:
        gc.freeze()
        gc.enable()


def exit_now(code: int) -> NoReturn:
    """Flush what the user should see, then end the process at once."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to show
            stream.flush()
    os._exit(code)
