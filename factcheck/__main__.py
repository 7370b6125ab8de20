"""``python -m factcheck`` is the ``factcheck`` command."""

if __name__ == "__main__":  # not when an analysis process imports this module again
    import gc

    gc.disable()  # a one-shot check spends most of its life loading: factcheck.cli.oneshot

from factcheck.cli.main import entry

if __name__ == "__main__":
    raise SystemExit(entry())
