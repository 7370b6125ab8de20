"""The whole document as one flat string, for labelled values (bylines, 发布时间, "Published").

Labels and their values often sit in different elements ("Published <time>May 1</time>")
and outside the main text, so the checks search the text of the whole tree. lxml's text
serialisation is the cheapest way to get it (well under a millisecond on a large page);
it is computed once per page and shared by the author and date steps.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from .page import Page


def flat_text(page: Page) -> str:
    """Every text node of the page, in order (script text included: cheap to skip in regexes)."""
    return _flat_text(page.tree)


@lru_cache(maxsize=4)
def _flat_text(tree: etree._Element) -> str:
    try:
        return str(etree.tostring(tree, method="text", encoding="unicode"))
    except (ValueError, etree.LxmlError):  # pragma: no cover - lxml refuses odd trees
        return ""


def itemprop_elements(page: Page) -> tuple[etree._Element, ...]:
    """Elements carrying microdata ``itemprop`` (one scan, shared by the author and date steps)."""
    return _itemprop_elements(page.tree)


@lru_cache(maxsize=4)
def _itemprop_elements(tree: etree._Element) -> tuple[etree._Element, ...]:
    return tuple(tree.xpath("//*[@itemprop]"))


_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_chinese(page: Page) -> bool:
    """Worth running Chinese patterns: the page is detected as Chinese or its title is."""
    return page.language == "zh" or _CJK.search(page.title) is not None
