"""Bounds on markup before lxml sees it: libxml2 checks every attribute of a tag against the
ones before it, so one tag with many attributes costs quadratic time (20,000: 1.5 s; 500,000
in a 4.9 MB page: minutes of CPU). A linear pre-pass keeps the first
:data:`MAX_ATTRIBUTES` attributes of each tag; no real page comes near that many.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

MAX_ATTRIBUTES = 256  # per tag; 256 parse in linear time (2 MB of such tags: 0.2 s)

# A script or style block (skipped: its text is not markup), or a tag long enough to hold
# more than MAX_ATTRIBUTES attributes (the shortest attribute is 2 characters). The block's
# body is an unrolled loop (runs of non-"<", then a "<" that does not close the block), not
# a lazy ``.*?``: on a 3.5 MB WeChat page 4 ms instead of 70.
_CODE_BLOCK = r"<(script|style)\b[^<>]{0,1024}>[^<]*(?:<(?!/\1\s*>)[^<]*)*(?:</\1\s*>)?"
_BLOCK_OR_LONG_TAG = re.compile(
    _CODE_BLOCK + rf"|<[A-Za-z][^<>]{{{2 * MAX_ATTRIBUTES},}}>?",
    re.IGNORECASE,
)
#: The cheap first look (:func:`long_tags`) reads the page in blocks of this size: a tag long
#: enough to hold too many attributes (a letter and 2 x MAX_ATTRIBUTES characters free of
#: "<" and ">") holds at least one whole block.
_BLOCK = MAX_ATTRIBUTES
_CODE = re.compile(_CODE_BLOCK, re.IGNORECASE)
_NAME = re.compile(r"<[A-Za-z][^\s/>]*")
_ATTRIBUTE = re.compile(r"""\s*[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*/""")


def cap_attributes(html: str, notes: list[str]) -> str:
    """``html`` with every tag cut to its first :data:`MAX_ATTRIBUTES` attributes (a note
    says so when one was cut)."""
    if not any(_too_many(tag) for tag in long_tags(html)):
        return html  # nearly every page: the cheap look alone
    cut = 0

    def shorten(match: re.Match[str]) -> str:
        nonlocal cut
        tag = match.group(0)
        if match.group(1):  # script or style: left as is
            return tag
        name, attributes = _attributes(tag)
        kept = [a.group(0) for a in itertools.islice(attributes, MAX_ATTRIBUTES)]
        if next(attributes, None) is None:
            return tag
        cut += 1
        return name + "".join(kept) + ">"

    capped = _BLOCK_OR_LONG_TAG.sub(shorten, html)
    if cut:
        notes.append(f"{cut:,} tag(s) had over {MAX_ATTRIBUTES} attributes: the rest were ignored")
    return capped


def long_tags(html: str) -> Iterator[str]:
    """Each tag long enough to hold too many attributes, wherever it is (scripts included):
    ``<`` and a letter, then 2 x MAX_ATTRIBUTES characters or more up to the next ``<`` or
    ``>``. Only the blocks free of both are looked at closely, found by ``str.find``: half
    the time of a regular expression's scan, which tries every tag."""
    k = 0
    while k < len(html):
        end = k + _BLOCK
        if html.find("<", k, end) != -1 or html.find(">", k, end) != -1:
            k = end
            continue
        start = max(html.rfind("<", 0, k), html.rfind(">", 0, k)) + 1  # this run's start
        stop = min(
            (i for i in (html.find("<", end), html.find(">", end)) if i != -1), default=len(html)
        )
        if (
            stop - start > 2 * MAX_ATTRIBUTES
            and html[start - 1 : start] == "<"
            and _letter(html[start])
        ):
            yield html[start - 1 : stop]
        k = (stop // _BLOCK + 1) * _BLOCK  # the next block after the run


def _letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _too_many(tag: str) -> bool:
    """Whether ``tag`` (its opening ``<name`` and attributes) has over MAX_ATTRIBUTES attributes."""
    attributes = _attributes(tag)[1]
    return next(itertools.islice(attributes, MAX_ATTRIBUTES, None), None) is not None


def _attributes(tag: str) -> tuple[str, Iterator[re.Match[str]]]:
    """``tag``'s ``<name`` and its attributes, one match each."""
    name = _NAME.match(tag)
    assert name is not None  # the patterns start with "<" and a letter
    return name.group(0), _ATTRIBUTE.finditer(tag, name.end())


def without_code(html: str) -> str:
    """``html`` with its script and style blocks emptied (``<script></script>`` stays): for
    searches of the markup that need not read the megabytes of library code some pages carry."""
    return _CODE.sub(_emptied, html)


def _emptied(block: re.Match[str]) -> str:
    """``<\\1></\\1>`` built directly: re expands a template string in Python on every match."""
    return f"<{block[1]}></{block[1]}>"
