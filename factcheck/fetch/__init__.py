"""Fetching pages strangers point us at, safely; per-host politeness for batches."""

from factcheck.fetch.safe import DEFAULT_TIMEOUT, FetchedPage, fetch, validate_url

__all__ = ["DEFAULT_TIMEOUT", "FetchedPage", "fetch", "validate_url"]
