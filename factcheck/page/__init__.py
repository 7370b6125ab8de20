"""The page, parsed once: decoding, the lxml tree, JSON-LD, trafilatura's extraction."""

from factcheck.page.model import Page, resolve_url, url_origin

__all__ = ["Page", "resolve_url", "url_origin"]
