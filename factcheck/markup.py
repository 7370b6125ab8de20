"""Whole-tree views for the author and date steps: the page's flat text and its microdata.

Labels and their values often sit in different elements ("Published <time>May 1</time>")
and outside the main text, so the checks search the text of the whole tree. Both views are
computed once per page, on the :class:`~factcheck.page.Page` (so they live and die with it).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from .page import Page


def flat_text(page: Page) -> str:
    """Every text node of the page, in order (script text included: cheap to skip in regexes)."""
    return page.flat_text


def itemprop_elements(page: Page) -> tuple[etree._Element, ...]:
    """Elements carrying microdata ``itemprop`` (one scan, shared by the author and date steps)."""
    return page.itemprop_elements


_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_chinese(page: Page) -> bool:
    """Worth running Chinese patterns: the page is detected as Chinese or its title is."""
    return page.language == "zh" or _CJK.search(page.title) is not None
