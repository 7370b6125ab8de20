"""Turning page bytes into text when the charset is declared wrongly or not at all."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Chinese pages often declare gb2312 but use characters only gb18030 has.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
}


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Decode ``data``; return the text and a note when decoding needed a fallback.

    Order: byte-order mark, the ``declared`` charset (HTTP header), ``<meta charset>``,
    UTF-8, then charset detection. Undecodable bytes are replaced, never raised.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), None
    tried: list[str] = []
    for candidate in (declared, _meta_charset(data), "utf-8"):
        codec = _codec(candidate)
        if not codec or codec in tried:
            continue
        tried.append(codec)
        try:
            return data.decode(codec), None
        except UnicodeDecodeError:
            continue
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        codec = _codec(best.encoding) or "utf-8"
        note = f"charset detected as {codec} (declared: {', '.join(tried) or 'none'})"
        return data.decode(codec, errors="replace"), note
    return data.decode("utf-8", errors="replace"), "undecodable bytes replaced (UTF-8 assumed)"


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii", "ignore") if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    return _SUPERSETS.get(codec, codec)
