"""Measured quality of factcheck on the third-party data sets in ``../shared/data``."""
