"""``python -m factcheck`` is the ``factcheck`` command."""

from factcheck.cli.main import main

if __name__ == "__main__":  # analysis processes may import this module again
    raise SystemExit(main())
