"""``python -m factcheck`` is the ``factcheck`` command."""

from .cli import main

raise SystemExit(main())
