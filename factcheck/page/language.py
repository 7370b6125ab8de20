"""Which language patterns are worth running on a page (shared by the author and date steps).

The whole-tree views those steps search (``Page.flat_text``, ``Page.itemprop_elements``) live
on the :class:`~factcheck.page.Page`, computed once per page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.lang.script import has_han

if TYPE_CHECKING:
    from factcheck.page.model import Page


def is_chinese(page: Page) -> bool:
    """Worth running Chinese patterns: the page is detected as Chinese or its title is."""
    return page.language == "zh" or has_han(page.title)
