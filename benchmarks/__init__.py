"""Speed benchmarks (not tests): each compares with a baseline measured in the same run.

Run them all with ``python -m benchmarks`` (see ``benchmarks/README.md``).
"""
