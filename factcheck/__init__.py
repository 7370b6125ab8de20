"""factcheck: the WHO's seven steps for judging health information, as a scored checklist.

>>> import factcheck
>>> report = factcheck.check_html(html, url="https://example.org/article")  # doctest: +SKIP
>>> report.score, report.verdict, report.step("author").data["authors"]  # doctest: +SKIP
"""

from __future__ import annotations

from factcheck._version import __version__
from factcheck.engine import check_html, check_url
from factcheck.errors import (
    BlockedURLError,
    EmptyPageError,
    FactcheckError,
    FetchError,
    FetchTimeoutError,
    HostUnreachableError,
    HTTPStatusError,
    InvalidInputError,
    InvalidURLError,
    PageTooLargeError,
    SourcesFileError,
    TooManyRedirectsError,
    UnsupportedContentError,
)
from factcheck.i18n import LocalText
from factcheck.report import (
    SCHEMA_VERSION,
    Finding,
    Link,
    Report,
    Retrieval,
    Status,
    StepResult,
    Verdict,
)

__all__ = [
    "SCHEMA_VERSION",
    "BlockedURLError",
    "EmptyPageError",
    "FactcheckError",
    "FetchError",
    "FetchTimeoutError",
    "Finding",
    "HTTPStatusError",
    "HostUnreachableError",
    "InvalidInputError",
    "InvalidURLError",
    "Link",
    "LocalText",
    "PageTooLargeError",
    "Report",
    "Retrieval",
    "SourcesFileError",
    "Status",
    "StepResult",
    "TooManyRedirectsError",
    "UnsupportedContentError",
    "Verdict",
    "__version__",
    "check_html",
    "check_url",
]

from factcheck.batch import check_many

__all__ += ["check_many"]
