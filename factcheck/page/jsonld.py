"""A tolerant JSON-LD reader.

Each ``<script type="application/ld+json">`` block is parsed on its own, so one malformed
block (common on real pages) loses only itself. ``@graph`` containers and top-level lists
are flattened, every node with an ``@id`` is indexed, and ``@type`` is read as a string or
a list. Nested objects (``author``, ``publisher``, ``itemReviewed`` ...) stay inside their
parent node; :meth:`JsonLd.resolve` follows ``{"@id": ...}`` references.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

_WRAPPERS = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Node = Mapping[str, Any]

#: Lower-cased schema.org types of a page's main content node (article-like types and
#: MedicalWebPage), where authors and dates of the page itself are declared.
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "backgroundnewsarticle",
        "opinionnewsarticle",
        "scholarlyarticle",
        "medicalscholarlyarticle",
        "socialmediaposting",
        "liveblogposting",
        "techarticle",
        "report",
        "posting",
        "medicalwebpage",
        "review",
    }
)


@dataclass(frozen=True)
class JsonLd:
    """All JSON-LD nodes of a page, plus the reasons blocks were skipped."""

    nodes: tuple[Node, ...]
    errors: tuple[str, ...]
    by_id: Mapping[str, Node]

    @classmethod
    def from_scripts(cls, scripts: Iterable[HtmlElement]) -> JsonLd:
        """The JSON-LD blocks among ``scripts`` (a ``type`` holding "ld+json", any case)."""
        blocks = (s for s in scripts if "ld+json" in (s.get("type") or "").lower())
        return cls.from_blocks(block.text_content() or "" for block in blocks)

    @classmethod
    def from_blocks(cls, blocks: Iterable[str]) -> JsonLd:
        nodes: list[Node] = []
        errors: list[str] = []
        for index, raw in enumerate(blocks, start=1):
            try:
                parsed = _parse_block(raw)
            except ValueError as exc:
                errors.append(f"JSON-LD block {index} skipped: {exc}")
                continue
            nodes.extend(_flatten(parsed))
        by_id = {str(node["@id"]): node for node in nodes if isinstance(node.get("@id"), str)}
        return cls(nodes=tuple(nodes), errors=tuple(errors), by_id=by_id)

    def of_type(self, *types: str) -> list[Node]:
        """Top-level nodes whose ``@type`` is one of ``types`` (case-insensitive)."""
        wanted = {t.lower() for t in types}
        return [node for node in self.nodes if wanted & {t.lower() for t in node_types(node)}]

    def walk(self) -> Iterator[Node]:
        """Every node, nested ones included, depth first."""
        for node in self.nodes:
            yield from _walk(node)

    def resolve(self, value: Any) -> Any:
        """Replace a bare ``{"@id": ...}`` reference by the node it names, if known."""
        if isinstance(value, Mapping) and set(value) == {"@id"}:
            return self.by_id.get(str(value["@id"]), value)
        return value


def node_types(node: Node) -> list[str]:
    """``@type`` as a list of plain names (``schema:Article`` and URLs reduced to ``Article``)."""
    raw = node.get("@type", [])
    types = raw if isinstance(raw, list) else [raw]
    return [re.split(r"[/:#]", t)[-1] for t in types if isinstance(t, str)]


def _parse_block(raw: str) -> Any:
    text = _WRAPPERS.sub("", raw.strip())
    text = _CONTROL_CHARS.sub(" ", text).strip()
    if not text:
        raise ValueError("empty block")
    try:
        return json.loads(text, strict=False)
    except json.JSONDecodeError as first:
        # Trailing commas are the most frequent hand-written mistake; try once without them.
        try:
            return json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
        except json.JSONDecodeError:
            raise ValueError(f"invalid JSON ({first.msg} at line {first.lineno})") from None


def _flatten(value: Any) -> Iterator[Node]:
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, Mapping):
        graph = value.get("@graph")
        if isinstance(graph, list):
            yield from _flatten(graph)
            rest = {k: v for k, v in value.items() if k not in ("@graph", "@context")}
            if "@type" in rest:
                yield rest
        else:
            yield value


def _walk(value: Any) -> Iterator[Node]:
    if isinstance(value, Mapping):
        yield value
        for child in value.values():
            yield from _walk(child)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)
