"""``python -m benchmarks``: run the benchmarks and print one table."""

from .run import main

if __name__ == "__main__":  # analysis processes may import this module again
    raise SystemExit(main())
