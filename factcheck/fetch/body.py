"""Reading a response's body within the fetch's limits: size after decompression, the one
deadline (:class:`~factcheck.fetch.transport.Guard`), HTML only, decoded to text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import requests
import urllib3

from factcheck.errors import (
    EmptyPageError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    PageTooLargeError,
    UnsupportedContentError,
)
from factcheck.fetch.transport import Guard
from factcheck.page.decode import decode_bytes

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 65_536


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched HTML page, decoded."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content_type: str
    html: str
    encoding_note: str | None
    redirects: tuple[str, ...]  # every URL passed through, in order


def read_page(
    response: requests.Response, url: str, chain: list[str], max_bytes: int, guard: Guard
) -> FetchedPage:
    """The page ``response`` carries, or the typed error that stops it."""
    final = chain[-1]
    content_type = _check_head(response, final, max_bytes)
    data = _body(response, final, max_bytes, guard)
    if not data.strip():
        raise EmptyPageError(f"{final} returned an empty page", url=final)
    if not content_type and not _looks_like_html(data):
        raise UnsupportedContentError(f"{final} does not look like an HTML page", url=final)
    if b"\x00" in data[:2048] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedContentError(f"{final} sent binary data, not HTML", url=final)
    declared = "charset" in response.headers.get("Content-Type", "").lower()
    html, note = decode_bytes(data, declared=response.encoding if declared else None)
    return FetchedPage(
        url=url,
        final_url=final,
        status=response.status_code,
        content_type=content_type or "text/html",
        html=html,
        encoding_note=note,
        redirects=tuple(chain),
    )


def _check_head(response: requests.Response, final: str, max_bytes: int) -> str:
    """Status, type and declared length; returns the bare content type ("" if none)."""
    if response.status_code >= 400:
        raise HTTPStatusError(
            f"{final} answered HTTP {response.status_code}", url=final, status=response.status_code
        )
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type and content_type not in HTML_TYPES:
        raise UnsupportedContentError(f"{final} is {content_type}, not an HTML page", url=final)
    declared_length = response.headers.get("Content-Length", "")
    if declared_length.isdigit() and int(declared_length) > max_bytes:
        raise PageTooLargeError(
            f"{final} is {int(declared_length):,} bytes (limit {max_bytes:,})", url=final
        )
    return content_type


def _body(response: requests.Response, final: str, max_bytes: int, guard: Guard) -> bytes:
    late = FetchTimeoutError(f"{final} took longer than the fetch deadline", url=final)
    body = bytearray()
    try:
        for chunk in _arrived(response):
            body += chunk
            if len(body) > max_bytes:
                raise PageTooLargeError(f"{final} is larger than {max_bytes:,} bytes", url=final)
            if guard.expired:
                raise late
    except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
        if guard.expired:
            raise late from exc
        if isinstance(exc.__context__, TimeoutError) or "timed out" in str(exc).lower():
            raise FetchTimeoutError(f"timed out reading {final}", url=final) from exc
        raise FetchError(
            f"the connection broke while reading {final}: {reason(exc)}", url=final
        ) from exc
    except requests.exceptions.ContentDecodingError as exc:
        raise UnsupportedContentError(
            f"{final} sent a body that cannot be decompressed", url=final
        ) from exc
    except requests.RequestException as exc:
        raise FetchError(f"reading {final} failed: {reason(exc)}", url=final) from exc
    if guard.expired:  # the watchdog cut the connection: what arrived is not the whole page
        raise late
    return bytes(body)


def _arrived(response: requests.Response) -> Iterator[bytes]:
    """Body chunks as they arrive (decompressed, at most ``_CHUNK`` bytes each).

    ``iter_content`` blocks until a whole chunk is in, so a server dripping one byte a
    second under a Content-Length would outlast the total deadline; ``read1`` returns what
    one socket read brought. urllib3 errors are mapped the way ``iter_content`` maps them.
    """
    while True:
        try:
            chunk = response.raw.read1(_CHUNK, decode_content=True)
        except urllib3.exceptions.DecodeError as exc:
            raise requests.exceptions.ContentDecodingError(exc) from exc
        except urllib3.exceptions.ReadTimeoutError as exc:
            raise requests.ConnectionError(exc) from exc
        except (urllib3.exceptions.ProtocolError, urllib3.exceptions.SSLError) as exc:
            raise requests.exceptions.ChunkedEncodingError(exc) from exc
        if not chunk:
            return
        yield chunk


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(
        (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<meta", b"<!--")
    )


def reason(exc: BaseException) -> str:
    """A short cause without urllib3's nested repr noise."""
    text = str(exc.args[0] if exc.args else exc)
    for marker in (
        "Name or service not known",
        "Connection refused",
        "Temporary failure in name resolution",
        "No address associated",
        "Connection reset",
        "Failed to resolve",
    ):
        if marker.lower() in text.lower():
            return marker.lower()
    return text[:200]
