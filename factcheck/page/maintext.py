"""trafilatura's main-text extraction on the shared tree, with the same output for less work.

``bare_extraction(tree, options=MAIN_TEXT)`` (fast mode, no comments, no metadata) runs
trafilatura's extraction sequence (``trafilatura.core.trafilatura_sequence``). This module
runs that sequence's steps as written, for these options only, and skips three kinds of work
whose result is known in advance:

- **Prunes that can match nothing.** Two whole-tree XPath prunes (follow-up article
  containers; comment sections) test every ``div`` and ``section`` with regular expressions
  called back into Python: about 1.8 ms a page. Each can match only an element whose class or
  id holds a given word, and the walk (:mod:`factcheck.page.walk`) already holds every class
  and id value, so a prune runs only on pages that have one.
- **Copies nothing reads.** The sequence keeps the pruned tree for the steps that rescue a
  short extraction and cleans a copy of it; here it is cleaned itself and made again (a copy
  and the prunes) only where an extraction is short and a rescue step reads it. The sequence
  also copies the cleaned tree for its fallback extractors, which fast mode without comments
  never calls: that copy is not made.
- **The page-text measure, when a bound answers.** A short extraction is retried in recall
  mode when it covers under a fifth of the page's text, measured by ``html2txt`` (a copy, a
  cleaning and a walk: about 3 ms). A bound on that text's length, from the page's plain text,
  often shows the extraction covers more than a fifth already; ``html2txt`` runs otherwise.

Ported from trafilatura 2.3.1 (pinned in ``pyproject.toml``). ``tests/test_maintext.py``
compares the output with ``bare_extraction``'s on every real page: an upgrade that changes
the sequence shows there.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.baseline import _BLOCK_ELEMS, baseline, html2txt
from trafilatura.core import (
    ESCALATION_ACCEPT_RATIO,
    ESCALATION_MAX_LENGTH,
    ESCALATION_PAGE_SHARE,
    _forum_thread_page,
    _recall_retry,
)
from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.settings import Extractor
from trafilatura.xml import xmltotxt
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from factcheck.page.walk import ElementIndex

#: The extraction's settings, built once (trafilatura reads its config file's values on each
#: call otherwise): fast (no fallback extractors), no comments, links kept (their hrefs as
#: written: ``url=None``), no metadata (read apart, :mod:`factcheck.page.metadata`).
MAIN_TEXT = Extractor(output_format="python", fast=True, comments=False, links=True)

#: Each prune, and the words one of the class or id values must hold for it to match (after
#: a NUL: at the value's start): the literal parts of its regular expressions,
#: ``mvp-post-add-(?:box|wrap)|infinite-?scroll``; ``elementor-share-buttons``; for classes
#: ``^[Cc]omment(?!ary)|(?:article|post)-comments``, for ids
#: ``^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)``. A word here may be wider
#: than its expression, never narrower.
_FOLLOW_UPS = (RAW_TREE_PRUNE_XPATH[:1], ("mvp-post-add-", "infinite"))
_SHARE_BUTTONS = (RAW_TREE_PRUNE_XPATH[1:], ("elementor-share-buttons",))
_COMMENTS = (
    REMOVE_COMMENTS_AND_LISTS_XPATH,
    (
        *("\0comment", "\0Comment", "article-comments", "post-comments"),  # classes, ids
        *("\0comol", "\0disqus_thread", "\0dsq-comments"),  # ids
    ),
)

#: The tags before whose text and tail ``html2txt`` puts a space.
_BLOCKS = tuple(sorted(_BLOCK_ELEMS))


@dataclass(frozen=True)
class MainText:
    """What ``bare_extraction`` returns that the checks read: the text and its tree."""

    text: str
    body: etree._Element


def main_text(tree: HtmlElement, index: ElementIndex) -> MainText | None:
    """``bare_extraction(tree, options=MAIN_TEXT)``'s text and body; ``None`` where it finds
    no text. ``tree`` is left as it was; ``index``: the walk over its document."""
    values = _attribute_values(index)
    try:
        cleaned = tree_cleaning(_pruned_copy(tree, values), MAIN_TEXT)
        body, text = extract_content(convert_tags(cleaned, MAIN_TEXT, None), MAIN_TEXT)
        raw = None  # the pruned tree, uncleaned: made again for the steps that read it
        if len(text) < MAIN_TEXT.min_extracted_size:  # rescue: the baseline, if it finds more
            raw = _pruned_copy(tree, values)
            rescued, rescued_text, rescued_length = baseline(raw)
            if rescued_length > len(text):
                body, text = rescued, rescued_text
        if _may_cover_little(text, tree):
            raw = _pruned_copy(tree, values) if raw is None else raw
            if len(text) < ESCALATION_PAGE_SHARE * len(html2txt(raw)):
                body, text = _recall(raw, body, text)
    except (TypeError, ValueError):  # what bare_extraction turns into "no result"
        return None
    if len(text) < MAIN_TEXT.min_output_size:
        return None
    return MainText(xmltotxt(body, MAIN_TEXT.formatting), body)


def _attribute_values(index: ElementIndex) -> str:
    """Every class and id value of the document, each after a NUL (so ``"\\0x"`` finds a
    value that starts with ``x``)."""
    return "\0" + "\0".join([*(name for _, name in index.classed), *index.ids])


def _pruned_copy(tree: HtmlElement, values: str) -> HtmlElement:
    """A copy of ``tree`` without follow-up articles, share buttons and comment sections."""
    raw = copy(tree)
    forum = _forum_thread_page(raw)  # on a forum, the comments are the posts
    for prune, words in (_FOLLOW_UPS, _SHARE_BUTTONS, *(() if forum else (_COMMENTS,))):
        if any(word in values for word in words):
            raw = prune_unwanted_nodes(raw, prune)
    return raw


def _may_cover_little(text: str, tree: HtmlElement) -> bool:
    """Whether a short extraction may cover under a fifth of the page's text, the sequence's
    cue to retry in recall mode: not when the text's bound already rules it out."""
    if not 0 < len(text) < ESCALATION_MAX_LENGTH:
        return False
    return len(text) < ESCALATION_PAGE_SHARE * text_bound(tree)


def text_bound(tree: HtmlElement) -> int:
    """An upper bound on ``len(html2txt(raw))``, without its copy and cleaning, for ``raw`` a
    copy of ``tree`` or of ``tree`` less some elements (the prunes only remove).

    ``html2txt`` joins the words of the body's text with single spaces, after (1) deleting
    elements, scripts and styles among them, (2) dropping control characters, and (3) putting a
    space before the text and the tail of each block element. (1) and (2) only remove stretches
    of the text: no more characters, no more words. (3) adds no character that is not a space,
    and at most two words per block element. Removing one script's text removes its words but
    may join the words on either side of it: at most two fewer words removed.
    """
    body = tree.find(".//body")
    if body is None:
        body = tree
    words = body.text_content().split()
    characters, count = sum(map(len, words)), len(words)
    for element in body.iter("script", "style"):
        if element.text:
            removed = element.text.split()
            characters -= sum(map(len, removed))
            count -= len(removed) - 2
    blocks = sum(1 for _ in body.iter(*_BLOCKS))  # an XPath count takes 30 times longer
    return characters + count + 2 * blocks


def _recall(raw: HtmlElement, body: etree._Element, text: str) -> tuple[etree._Element, str]:
    """The sequence's retry in recall mode, kept when it finds clearly more."""
    options = copy(MAIN_TEXT)
    options.focus = "recall"
    try:
        retried, retried_text = _recall_retry(raw, options, None)
    except Exception:  # the sequence logs and ignores a failed retry
        return body, text
    length = len(retried_text)
    if length >= MAIN_TEXT.min_extracted_size and length > ESCALATION_ACCEPT_RATIO * len(text):
        return retried, retried_text
    return body, text
