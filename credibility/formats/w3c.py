"""W3C Web Annotation (JSON-LD) out, and W3C or Hypothesis annotations back in, re-anchored.

Export shape (one ``AnnotationCollection`` per article, all items on its first page)::

    {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "id": ..., "label": title,
     "total": n, "first": {"type": "AnnotationPage", "startIndex": 0, "items": [annotation, ...]}}

Each annotation targets the article with a ``TextQuoteSelector`` (exact, prefix, suffix) and a
``TextPositionSelector`` (start, end: code-point offsets into the plain-text body, i.e. Python
``str`` indices, not UTF-16 units). Its body is a list of ``TextualBody`` items:

* purpose ``tagging``: the kind (``typo``, ``unverified_claim``, ...);
* purpose ``commenting``: the editor's comment, and ``describing``: a machine finding's explanation;
* purpose ``editing``: a typo's suggested correction (``""`` means delete);
* purpose ``classifying``: value ``"<kind>"`` or ``"<kind>:<reason>"``, carrying the extension
  member ``credibility`` = ``{"kind", "status", "reason", "origin", "detector", "confidence",
  "source": {"id", "name", "kind"} | null, "evidence": {...} | null, "review_note"}`` (the
  annotation JSON of DESIGN.md). The anno.jsonld context does not define ``credibility``, so a
  strict JSON-LD processor drops it; plain-JSON consumers (and our importer) read it.

Import accepts such a collection or page, a bare annotation, a list of annotations, and the
Hypothesis formats (API annotations with ``target: [{"source", "selector": [...]}]``, ``text``
and ``tags``; the client's export ``{"annotations": [...]}``; search results ``{"rows": [...]}``).
``RangeSelector``s point into HTML DOM and cannot be used on plain text; they are ignored.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
KINDS = ("typo", "unverified_claim", "source_attribution", "contradicted_claim", "note")
MOTIVATION = {
    "typo": "editing",
    "unverified_claim": "assessing",
    "contradicted_claim": "assessing",
    "source_attribution": "identifying",
    "note": "commenting",
}


def annotation_to_w3c(item: Mapping[str, Any], *, target_source: str, annotation_base: str) -> dict[str, Any]:
    kind = item["kind"]
    body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": kind}]
    if item.get("comment"):
        body.append({"type": "TextualBody", "purpose": "commenting", "value": item["comment"], "format": "text/plain"})
    if item.get("explanation"):
        body.append(
            {"type": "TextualBody", "purpose": "describing", "value": item["explanation"], "format": "text/plain"}
        )
    if kind == "typo" and item.get("suggestion") is not None:
        body.append({"type": "TextualBody", "purpose": "editing", "value": item["suggestion"], "format": "text/plain"})
    reason = item.get("reason")
    body.append(
        {
            "type": "TextualBody",
            "purpose": "classifying",
            "value": f"{kind}:{reason}" if reason else kind,
            "credibility": {
                "kind": kind,
                "status": item.get("status"),
                "reason": reason,
                "origin": item.get("origin"),
                "detector": item.get("detector") or None,
                "confidence": item.get("confidence"),
                "source": item.get("source"),
                "evidence": item.get("evidence"),
                "review_note": item.get("review_note") or None,
            },
        }
    )
    annotation: dict[str, Any] = {
        "id": f"{annotation_base}{item['id']}",
        "type": "Annotation",
        "motivation": MOTIVATION.get(kind, "commenting"),
        "body": body,
        "target": {
            "source": target_source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": item["quote"],
                    "prefix": item.get("prefix") or "",
                    "suffix": item.get("suffix") or "",
                },
                {"type": "TextPositionSelector", "start": item["start"], "end": item["end"]},
            ],
        },
    }
    if item.get("created_at"):
        annotation["created"] = item["created_at"]
    if item.get("updated_at"):
        annotation["modified"] = item["updated_at"]
    return annotation


def collection(
    *, collection_id: str, label: str, target_source: str, annotation_base: str, items: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    annotations = [annotation_to_w3c(i, target_source=target_source, annotation_base=annotation_base) for i in items]
    return {
        "@context": ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(annotations),
        "first": {"id": f"{collection_id}#page1", "type": "AnnotationPage", "startIndex": 0, "items": annotations},
    }


class ImportFormatError(ValueError):
    """The document as a whole is not something we can read annotations from."""


@dataclass(slots=True)
class ImportItem:
    """One incoming annotation, reduced to what re-anchoring and storing need."""

    index: int
    external_id: str | None = None
    position: tuple[int, int] | None = None
    exact: str | None = None
    prefix: str = ""
    suffix: str = ""
    kind: str = "note"
    reason: str = ""
    status: str = "open"
    comment: str = ""
    suggestion: str | None = None
    source: Mapping[str, Any] | None = None
    evidence: Mapping[str, Any] | None = None
    problems: list[str] = field(default_factory=list)


def _annotation_objects(document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise ImportFormatError("Expected a JSON object or list of annotations.")
    kind = document.get("type") or document.get("@type")
    if kind == "AnnotationCollection":
        first = document.get("first")
        if isinstance(first, dict):
            pages: list[dict[str, Any]] = [first]
            found: list[Any] = []
            while pages:  # embedded pages only; a page given by URL cannot be followed here
                page = pages.pop()
                found.extend(page.get("items") or [])
                if isinstance(page.get("next"), dict):
                    pages.append(page["next"])
            return found
        if isinstance(items := document.get("items"), list):
            return items
        if first is None and not document.get("total"):
            return []
        raise ImportFormatError("The collection's pages are not embedded; post the pages' items instead.")
    if kind == "AnnotationPage":
        return list(document.get("items") or [])
    for key in ("annotations", "rows", "items"):  # Hypothesis client export, Hypothesis search API
        if isinstance(listed := document.get(key), list):
            return listed
    if kind == "Annotation" or "target" in document:
        return [document]
    raise ImportFormatError("No annotations found: expected an AnnotationCollection, AnnotationPage or a list.")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _read_selectors(item: ImportItem, target: Any) -> None:
    for node in _as_list(target):
        if not isinstance(node, dict):
            continue
        for selector in _as_list(node.get("selector")):
            if not isinstance(selector, dict):
                continue
            kind = selector.get("type")
            if kind == "TextPositionSelector" and item.position is None:
                start, end = _int(selector.get("start")), _int(selector.get("end"))
                if start is not None and end is not None:
                    item.position = (start, end)
            elif kind == "TextQuoteSelector" and item.exact is None and isinstance(selector.get("exact"), str):
                item.exact = selector["exact"]
                item.prefix = selector["prefix"] if isinstance(selector.get("prefix"), str) else ""
                item.suffix = selector["suffix"] if isinstance(selector.get("suffix"), str) else ""


def _read_bodies(item: ImportItem, bodies: Any, tags: list[str]) -> None:
    comments: list[str] = []
    extension: Mapping[str, Any] | None = None
    for body in _as_list(bodies):
        if isinstance(body, str):
            comments.append(body)
            continue
        if not isinstance(body, dict):
            continue
        purpose = body.get("purpose")
        value = body.get("value")
        if isinstance(body.get("credibility"), dict):
            extension = body["credibility"]
        elif purpose == "tagging" and isinstance(value, str):
            tags.append(value)
        elif purpose == "editing" and isinstance(value, str):
            item.suggestion = value
        elif purpose in (None, "commenting") and isinstance(value, str) and value:
            comments.append(value)
    item.comment = "\n\n".join(comments)
    if extension is not None:
        kind = extension.get("kind")
        item.kind = kind if kind in KINDS else item.kind
        item.reason = extension.get("reason") or ""
        item.status = extension.get("status") or "open"
        item.source = extension.get("source") if isinstance(extension.get("source"), dict) else None
        item.evidence = extension.get("evidence") if isinstance(extension.get("evidence"), dict) else None
        return
    known = [t for t in tags if t in KINDS]
    if known:
        item.kind = known[0]
    other = [t for t in tags if t not in KINDS]
    if other:
        item.comment = (item.comment + "\n\n" if item.comment else "") + "Tags: " + ", ".join(other)


def parse_annotations(document: Any) -> list[ImportItem]:
    """Every annotation in ``document`` (W3C or Hypothesis), in order, with what could be read of it."""
    items: list[ImportItem] = []
    for index, raw in enumerate(_annotation_objects(document)):
        item = ImportItem(index=index)
        items.append(item)
        if not isinstance(raw, dict):
            item.problems.append("not a JSON object")
            continue
        item.external_id = str(raw["id"]) if raw.get("id") is not None else None
        _read_selectors(item, raw.get("target"))
        tags = [t for t in _as_list(raw.get("tags")) if isinstance(t, str)]
        _read_bodies(item, raw.get("body"), tags)
        if isinstance(raw.get("text"), str) and raw["text"] and raw["text"] not in item.comment:  # Hypothesis
            item.comment = raw["text"] + ("\n\n" + item.comment if item.comment else "")
    return items


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int | None
    end: int | None
    method: str  # "position", "quote" or "quote+context"; "" when not anchored
    problem: str = ""

    @property
    def anchored(self) -> bool:
        return self.start is not None


# Context compared around each occurrence of a quote: the last CONTEXT_CHARS of the prefix and the
# first CONTEXT_CHARS of the suffix (what this service stores itself), however long the posted ones are.
CONTEXT_CHARS = 32
# Occurrences of one quote scored at most. A quote more frequent than this is anchored only when its
# bounded context occurs exactly once (found by a plain substring search), else left unanchored.
MAX_OCCURRENCES = 1000


def _common_prefix_length(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _context_score(body: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the prefix (from its end) and suffix (from its start) match around [start:end].

    Both are cut to CONTEXT_CHARS first, so scoring one occurrence costs O(CONTEXT_CHARS).
    """
    prefix, suffix = prefix[-CONTEXT_CHARS:] if prefix else "", suffix[:CONTEXT_CHARS]
    before = body[max(0, start - len(prefix)) : start]
    return _common_prefix_length(before[::-1], prefix[::-1]) + _common_prefix_length(
        body[end : end + len(suffix)], suffix
    )


def anchor(
    body: str, *, position: tuple[int, int] | None, exact: str | None, prefix: str = "", suffix: str = ""
) -> Anchor:
    """Where the annotation lies in ``body``.

    1. The position, when it is in range and the quote (if any) reads there.
    2. Else the quote: its only occurrence, or the one occurrence whose prefix/suffix context
       (CONTEXT_CHARS each side) matches best. Ties are ambiguous and not anchored: a wrong
       anchor is worse than none. Past MAX_OCCURRENCES occurrences only an exact, unique
       match of the bounded context anchors.
    """
    if position is not None:
        start, end = position
        if 0 <= start < end <= len(body) and (exact is None or body[start:end] == exact):
            return Anchor(start, end, "position")
    if not exact:
        problem = (
            "no quote, and the position is outside the body"
            if position
            else "no TextQuoteSelector or TextPositionSelector"
        )
        return Anchor(None, None, "", problem)
    found: list[int] = []
    at = body.find(exact)
    while at != -1 and len(found) <= MAX_OCCURRENCES:
        found.append(at)
        at = body.find(exact, at + 1)
    if not found:
        return Anchor(None, None, "", "the quote does not occur in the article body")
    if len(found) == 1:
        return Anchor(found[0], found[0] + len(exact), "quote")
    if len(found) > MAX_OCCURRENCES:
        before, after = prefix[-CONTEXT_CHARS:] if prefix else "", suffix[:CONTEXT_CHARS]
        needle = before + exact + after
        first = body.find(needle) if (before or after) else -1
        if first != -1 and body.find(needle, first + 1) == -1:
            start = first + len(before)
            return Anchor(start, start + len(exact), "quote+context")
        return Anchor(
            None,
            None,
            "",
            (
                f"ambiguous: the quote occurs more than {MAX_OCCURRENCES} times and its context "
                f"({CONTEXT_CHARS} characters each side) does not occur exactly once"
            ),
        )
    scored = sorted(((_context_score(body, s, s + len(exact), prefix, suffix), s) for s in found), reverse=True)
    if scored[0][0] > scored[1][0]:
        start = scored[0][1]
        return Anchor(start, start + len(exact), "quote+context")
    return Anchor(
        None, None, "", f"ambiguous: the quote occurs {len(found)} times and the context does not tell them apart"
    )


def iter_anchored(body: str, items: Sequence[ImportItem]) -> Iterator[tuple[ImportItem, Anchor]]:
    for item in items:
        if item.problems:
            yield item, Anchor(None, None, "", "; ".join(item.problems))
        else:
            yield item, anchor(body, position=item.position, exact=item.exact, prefix=item.prefix, suffix=item.suffix)
