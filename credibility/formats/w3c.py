"""W3C Web Annotation (JSON-LD) out, and W3C or Hypothesis annotations back in, re-anchored.

Export shape (one ``AnnotationCollection`` per article, all items on its first page)::

    {"@context": ["http://www.w3.org/ns/anno.jsonld", EXTENSION_CONTEXT], "type": "AnnotationCollection",
     "id": ..., "label": title, "total": n, "first": {"type": "AnnotationPage", "startIndex": 0, "items": [...]}}

Our own fields travel as top-level members of each annotation, named by terms of the extension
context ``EXTENSION_CONTEXT`` (embedded in ``@context``, so a JSON-LD processor needs no download):
``kind``, ``reason``, ``origin``, ``detector``, ``rule``, ``confidence``, ``checkworthiness``,
``explanation``, ``status``, ``review_note``, ``reviewer``, ``reviewed_at``, ``assignee``,
``review_history``, ``attributed_source``, ``evidence``, ``anchor_state``; on the target ``page``
(the web page the article was taken from), ``revision`` (the body revision the offsets count in);
on a ``TextPositionSelector`` ``offset_unit`` (``code_point``, ours, or ``utf-16``).

The target's ``source`` is the article's own text (its API URL: offsets count into its ``body``),
never the web page, whose text differs. A ``TextQuoteSelector`` (exact, prefix, suffix) always; a
``TextPositionSelector`` (code-point offsets) only while the annotation is anchored: an orphan's
offsets point into an older revision, so it carries its last quote and ``anchor_state`` only.

The body is a list of ``TextualBody`` items for tools that know nothing of our context: purpose
``tagging`` (the kind), ``commenting`` (the comment), ``describing`` (a finding's explanation),
``editing`` (a typo's correction; ``""`` means delete), ``classifying`` (``"<kind>"`` or
``"<kind>:<reason>"``).

Import accepts such a collection or page, a bare annotation, a list of annotations, and the
Hypothesis formats (API annotations with ``target: [{"source", "selector": [...]}]``, ``text``,
``tags``, ``user``, ``created``, ``updated``; the client's export ``{"annotations": [...]}``;
search results ``{"rows": [...]}``). Bodies may be ``bodyValue``, strings (IRIs), ``TextualBody``
items with one purpose or a list of them, ``SpecificResource`` tags, ``Choice`` (the first option,
the default, is used) and ``Composite``/``List``/``Independents`` sets. Every member that cannot be
mapped is named in the item's ``unmapped`` list. Exports of the earlier shape (our fields in a
``credibility`` member of the classifying body) are still read.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Our vocabulary's namespace: an experimental URN, the same in every deployment, so a file names
# the same terms wherever it was exported.
EXTENSION_NAMESPACE = "urn:x-credibility:"
EXTENSION_CONTEXT: dict[str, Any] = {
    "@version": 1.1,
    "cred": EXTENSION_NAMESPACE,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "kind": "cred:kind",
    "reason": "cred:reason",
    "origin": "cred:origin",
    "detector": "cred:detector",
    "rule": "cred:rule",
    "confidence": {"@id": "cred:confidence", "@type": "xsd:double"},
    "checkworthiness": {"@id": "cred:checkworthiness", "@type": "xsd:double"},
    "explanation": "cred:explanation",
    "status": "cred:status",
    "review_note": "cred:reviewNote",
    "reviewer": "cred:reviewer",
    "reviewed_at": {"@id": "cred:reviewedAt", "@type": "xsd:dateTime"},
    "assignee": "cred:assignee",
    # Nested records stay JSON literals: their shape is the API's, documented in the README.
    "review_history": {"@id": "cred:reviewHistory", "@type": "@json"},
    "attributed_source": {"@id": "cred:attributedSource", "@type": "@json"},
    "evidence": {"@id": "cred:evidence", "@type": "@json"},
    "anchor_state": "cred:anchorState",
    "page": {"@id": "cred:page", "@type": "@id"},
    "revision": {"@id": "cred:revision", "@type": "xsd:integer"},
    "offset_unit": "cred:offsetUnit",
}
EXPORT_CONTEXT: list[Any] = [ANNO_CONTEXT, EXTENSION_CONTEXT]

KINDS = ("typo", "unverified_claim", "source_attribution", "contradicted_claim", "note")
STATUSES = ("open", "confirmed", "dismissed", "resolved")
MOTIVATION = {
    "typo": "editing",
    "unverified_claim": "assessing",
    "contradicted_claim": "assessing",
    "source_attribution": "identifying",
    "note": "commenting",
}
CODE_POINT = "code_point"
UTF16 = "utf-16"
OFFSET_UNITS = (CODE_POINT, UTF16)


def _review_history(entries: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "from_status": e["from_status"],
            "to_status": e["to_status"],
            "decision": e["decision"],
            "note": e["note"],
            "reviewer": e.get("reviewer_name") or None,
            "decided_at": e["created_at"].isoformat() if hasattr(e["created_at"], "isoformat") else e["created_at"],
        }
        for e in entries
    ]


def annotation_to_w3c(
    item: Mapping[str, Any],
    *,
    target_source: str,
    annotation_base: str,
    page_url: str | None = None,
    revision: int | None = None,
    people: Mapping[int, str] | None = None,
    history: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """One annotation (the API's JSON, ``item``) as a W3C annotation with our extension members.

    ``people`` names the users whose ids ``item`` holds (reviewer, assignee); ``history`` is its
    review log (``annotations.selectors.article_review_history``).
    """
    people = people or {}
    kind = item["kind"]
    reason = item.get("reason")
    body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": kind}]
    if item.get("comment"):
        body.append({"type": "TextualBody", "purpose": "commenting", "value": item["comment"], "format": "text/plain"})
    if item.get("explanation"):
        body.append(
            {"type": "TextualBody", "purpose": "describing", "value": item["explanation"], "format": "text/plain"}
        )
    if kind == "typo" and item.get("suggestion") is not None:
        body.append({"type": "TextualBody", "purpose": "editing", "value": item["suggestion"], "format": "text/plain"})
    body.append({"type": "TextualBody", "purpose": "classifying", "value": f"{kind}:{reason}" if reason else kind})

    orphaned = item.get("anchor_state") == "orphaned"
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": item["quote"],
            "prefix": item.get("prefix") or "",
            "suffix": item.get("suffix") or "",
        }
    ]
    if not orphaned:  # an orphan's offsets count in an older revision: they would point at other text
        selectors.append(
            {"type": "TextPositionSelector", "start": item["start"], "end": item["end"], "offset_unit": CODE_POINT}
        )
    target: dict[str, Any] = {"source": target_source, "selector": selectors}
    if page_url:
        target["page"] = page_url
    if revision is not None and not orphaned:
        target["revision"] = revision

    annotation: dict[str, Any] = {
        "id": f"{annotation_base}{item['id']}",
        "type": "Annotation",
        "motivation": MOTIVATION.get(kind, "commenting"),
        "body": body,
        "target": target,
        "kind": kind,
        "origin": item.get("origin") or "editor",
        "status": item.get("status") or "open",
        "review_note": item.get("review_note") or "",
        "anchor_state": item.get("anchor_state") or "anchored",
    }
    optional = {
        "reason": reason,
        "detector": item.get("detector") or None,
        "rule": item.get("rule") or None,
        "confidence": item.get("confidence"),
        "checkworthiness": item.get("checkworthiness"),
        "explanation": item.get("explanation") or None,
        "reviewer": people.get(item["reviewer"]) if item.get("reviewer") is not None else None,
        "reviewed_at": item.get("reviewed_at"),
        "assignee": people.get(item["assignee"]) if item.get("assignee") is not None else None,
        "attributed_source": item.get("source"),
        "evidence": item.get("evidence"),
    }
    annotation.update({key: value for key, value in optional.items() if value is not None})
    if history:
        annotation["review_history"] = _review_history(history)
    author = people.get(item["created_by"]) if item.get("created_by") is not None else None
    if author:
        annotation["creator"] = {"type": "Person", "nickname": author}
    if item.get("created_at"):
        annotation["created"] = item["created_at"]
    if item.get("updated_at"):
        annotation["modified"] = item["updated_at"]
    return annotation


def collection(
    *,
    collection_id: str,
    label: str,
    target_source: str,
    annotation_base: str,
    items: Sequence[Mapping[str, Any]],
    page_url: str | None = None,
    revision: int | None = None,
    people: Mapping[int, str] | None = None,
    histories: Mapping[int, Sequence[Mapping[str, Any]]] | None = None,
) -> dict[str, Any]:
    histories = histories or {}
    annotations = [
        annotation_to_w3c(
            i,
            target_source=target_source,
            annotation_base=annotation_base,
            page_url=page_url,
            revision=revision,
            people=people,
            history=histories.get(i["id"], ()),
        )
        for i in items
    ]
    return {
        "@context": EXPORT_CONTEXT,
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
    """One incoming annotation, reduced to what re-anchoring and storing need.

    ``None`` in ``status``, ``review_note``, ``assignee`` and ``review_history`` means "not said"
    (a foreign annotation): the importer then leaves those of an existing annotation alone.
    """

    index: int
    external_id: str | None = None
    position: tuple[int, int] | None = None
    position_unit: str = CODE_POINT
    exact: str | None = None
    prefix: str = ""
    suffix: str = ""
    kind: str = "note"
    reason: str = ""
    comment: str = ""
    suggestion: str | None = None
    source: Mapping[str, Any] | None = None
    evidence: Mapping[str, Any] | None = None
    # Our extension (present in our own exports).
    ours: bool = False
    origin: str = "editor"
    detector: str = ""
    rule: str = ""
    explanation: str = ""
    confidence: float | None = None
    checkworthiness: float | None = None
    status: str | None = None
    review_note: str | None = None
    assignee: str | None = None
    review_history: list[dict[str, Any]] | None = None
    anchor_state: str = ""
    creator: str | None = None  # our export's author (a username there)
    problems: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)


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


def _types(node: Mapping[str, Any]) -> set[str]:
    return {t for t in _as_list(node.get("type") or node.get("@type")) if isinstance(t, str)}


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


# --- targets and selectors -------------------------------------------------------------------------

_UNUSABLE_SELECTORS = {
    "RangeSelector": "RangeSelector (a range in the page's DOM, not in the article's plain text)",
    "XPathSelector": "XPathSelector (the page's DOM)",
    "CssSelector": "CssSelector (the page's DOM)",
    "FragmentSelector": "FragmentSelector (a fragment of the page)",
    "DataPositionSelector": "DataPositionSelector (byte offsets)",
    "SvgSelector": "SvgSelector (an image region)",
}


def _read_selector(item: ImportItem, selector: Any, *, default_unit: str, path: str) -> None:
    if not isinstance(selector, dict):
        item.unmapped.append(f"{path}: a selector given by IRI cannot be resolved here")
        return
    kind = selector.get("type")
    if kind == "TextPositionSelector":
        start, end = _int(selector.get("start")), _int(selector.get("end"))
        if start is None or end is None:
            item.unmapped.append(f"{path}: TextPositionSelector without integer start and end")
        elif item.position is None:
            item.position = (start, end)
            unit = selector.get("offset_unit", default_unit)
            if unit not in OFFSET_UNITS:
                item.unmapped.append(
                    f"{path}.offset_unit {unit!r}: not one of {', '.join(OFFSET_UNITS)}; read as code points"
                )
                unit = CODE_POINT
            item.position_unit = unit
    elif kind == "TextQuoteSelector" and isinstance(selector.get("exact"), str):
        if item.exact is None:
            item.exact = selector["exact"]
            item.prefix = _text(selector.get("prefix"))
            item.suffix = _text(selector.get("suffix"))
    elif kind in _UNUSABLE_SELECTORS:
        refined = selector.get("refinedBy")
        if isinstance(refined, dict) and refined.get("type") == "TextQuoteSelector":
            # A quote is self-locating: it anchors without the fragment or range it refines.
            item.unmapped.append(f"{path}: {_UNUSABLE_SELECTORS[kind]}; its refinedBy TextQuoteSelector is used")
            _read_selector(item, refined, default_unit=default_unit, path=f"{path}.refinedBy")
            return
        item.unmapped.append(f"{path}: {_UNUSABLE_SELECTORS[kind]}")
    else:
        item.unmapped.append(f"{path}: selector of type {str(kind)[:100]!r} is not understood")
    if isinstance(selector.get("refinedBy"), dict):
        item.unmapped.append(f"{path}.refinedBy: refinements are not applied")


def _read_targets(item: ImportItem, target: Any, *, default_unit: str) -> None:
    used = False
    for n, node in enumerate(_as_list(target)):
        path = f"target[{n}]" if isinstance(target, list) else "target"
        if isinstance(node, str):
            if not used:
                item.problems.append(f"{path} is the whole resource {node!r}: there is no span to anchor")
            continue
        if not isinstance(node, dict):
            item.unmapped.append(f"{path}: not an object")
            continue
        if _types(node) & {"Choice", "Composite", "List", "Independents"}:
            item.unmapped.append(f"{path}: a {'/'.join(sorted(_types(node)))} of targets; annotate one span each")
            continue
        selectors = node.get("selector")
        if used:
            if selectors is not None:
                item.unmapped.append(f"{path}: only one target per annotation is kept (the first with a selector)")
            continue
        if selectors is None:
            continue
        used = True
        for m, selector in enumerate(_as_list(selectors)):
            _read_selector(item, selector, default_unit=default_unit, path=f"{path}.selector[{m}]")
    if item.problems and used:
        item.problems.clear()


# --- bodies ----------------------------------------------------------------------------------------

_COMMENT_PURPOSES = {"commenting", "describing", "replying", "questioning", "assessing", "highlighting", "linking"}
_BODY_KEYS = {"type", "@type", "value", "purpose", "format", "language", "id", "items", "source", "credibility"}


def _flat_bodies(item: ImportItem, bodies: Any, path: str) -> Iterator[tuple[str, Any]]:
    for n, body in enumerate(_as_list(bodies)):
        here = f"{path}[{n}]" if isinstance(bodies, list) else path
        if isinstance(body, dict) and "Choice" in _types(body):
            options = _as_list(body.get("items"))
            if options:
                yield from _flat_bodies(item, options[0], f"{here}.items[0]")
            if len(options) > 1:
                item.unmapped.append(f"{here}: Choice of {len(options)} bodies; only the first (the default) is kept")
        elif isinstance(body, dict) and _types(body) & {"Composite", "List", "Independents"}:
            yield from _flat_bodies(item, body.get("items"), f"{here}.items")
        else:
            yield here, body


def _read_bodies(item: ImportItem, bodies: Any, tags: list[str]) -> tuple[list[str], Mapping[str, Any] | None]:
    """Comments and tags from the bodies; the earlier export's ``credibility`` member if one carries it."""
    comments: list[str] = []
    legacy: Mapping[str, Any] | None = None
    for path, body in _flat_bodies(item, bodies, "body"):
        if isinstance(body, str):  # an IRI: a linked resource
            comments.append(body)
            continue
        if not isinstance(body, dict):
            item.unmapped.append(f"{path}: not an object or IRI")
            continue
        if isinstance(body.get("credibility"), dict):
            legacy = body["credibility"]
        purposes = {p for p in _as_list(body.get("purpose")) if isinstance(p, str)}
        value = body.get("value")
        if not isinstance(value, str):
            source = body.get("source") if isinstance(body.get("source"), str) else body.get("id")
            if isinstance(source, str) and "tagging" in purposes:
                tags.append(source)
            elif isinstance(source, str):
                comments.append(source)
            else:
                item.unmapped.append(f"{path}: no value, source or id to keep")
            continue
        extra = sorted(set(body) - _BODY_KEYS)
        if extra:
            item.unmapped.append(f"{path}: {', '.join(k[:100] for k in extra[:20])}")
        if "tagging" in purposes:
            tags.append(value)
        if "editing" in purposes:
            item.suggestion = value
        if "classifying" in purposes and not purposes & _COMMENT_PURPOSES:
            continue  # our own "kind:reason" echo, or a foreign classification kept as a tag below
        if "describing" in purposes and item.ours and value == item.explanation:
            continue  # the finding's explanation, carried by the extension
        if (purposes & _COMMENT_PURPOSES or not purposes) and value:
            comments.append(value)
        unknown = purposes - _COMMENT_PURPOSES - {"tagging", "editing", "classifying"}
        if unknown:
            item.unmapped.append(f"{path}.purpose {', '.join(sorted(unknown))}: kept as a comment")
            if value and value not in comments:
                comments.append(value)
    return comments, legacy


def _read_extension(item: ImportItem, ext: Mapping[str, Any]) -> None:
    """Our own fields (the extension context's terms, or the earlier ``credibility`` member)."""
    item.ours = True
    kind = ext.get("kind")
    if kind in KINDS:
        item.kind = kind
    elif kind is not None:
        item.problems.append(f"unknown kind {kind!r}")
    item.reason = _text(ext.get("reason"))
    status = ext.get("status")
    if status is not None:
        if status in STATUSES:
            item.status = status
        else:
            item.problems.append(f"unknown status {status!r}")
    if "review_note" in ext:
        item.review_note = _text(ext.get("review_note"))
    item.origin = "machine" if ext.get("origin") == "machine" else "editor"
    item.detector = _text(ext.get("detector"))
    item.rule = _text(ext.get("rule"))
    item.explanation = _text(ext.get("explanation"))
    item.confidence = _number(ext.get("confidence"))
    item.checkworthiness = _number(ext.get("checkworthiness"))
    source = ext.get("attributed_source", ext.get("source"))
    item.source = source if isinstance(source, dict) else None
    item.evidence = ext.get("evidence") if isinstance(ext.get("evidence"), dict) else None
    if isinstance(ext.get("assignee"), str):
        item.assignee = ext["assignee"]
    history = ext.get("review_history")
    if isinstance(history, list):
        item.review_history = [h for h in history if isinstance(h, dict)]
    item.anchor_state = _text(ext.get("anchor_state"))


# Members every annotation may have that are mapped (or deliberately not needed: ids, types, dates
# of our own export, which the new row gets anew).
_W3C_KEYS = {"@context", "id", "type", "@type", "motivation", "body", "bodyValue", "target", "created", "modified"}
_EXTENSION_KEYS = set(EXTENSION_CONTEXT) - {"@version", "cred", "xsd", "page", "revision", "offset_unit"}
_HYPOTHESIS_KEYS = {"text", "tags", "user", "created", "updated", "uri", "target", "id"}
# Hypothesis members that have no place here, named for the report.
_HYPOTHESIS_UNMAPPED = {
    "document": "the page's metadata (title, links)",
    "group": "the Hypothesis group",
    "permissions": "Hypothesis permissions",
    "references": "the reply thread (a reply's parents)",
    "links": "Hypothesis links",
    "user_info": "the author's display name",
    "flagged": "moderation flag",
    "hidden": "moderation state",
    "moderation": "moderation state",
}


def _is_hypothesis(raw: Mapping[str, Any]) -> bool:
    return "type" not in raw and any(key in raw for key in ("user", "uri", "text", "tags", "document"))


def _byline(*, author: Any, created: Any, updated: Any) -> str:
    """Who wrote a foreign annotation and when: kept at the end of its comment (there is no column for it)."""
    parts = []
    if isinstance(author, dict):
        author = author.get("name") or author.get("nickname") or author.get("id")
    if isinstance(author, str) and author:
        parts.append(f"by {author}")
    if isinstance(created, str) and created:
        parts.append(f"created {created}")
    if isinstance(updated, str) and updated and updated != created:
        parts.append(f"updated {updated}")
    return f"— {', '.join(parts)}" if parts else ""


def parse_annotations(document: Any, *, offset_unit: str | None = None) -> list[ImportItem]:
    """Every annotation in ``document`` (W3C or Hypothesis), in order, with what could be read of it.

    ``offset_unit`` is the document's default for ``TextPositionSelector`` offsets (a selector's
    own ``offset_unit`` wins); without it, Hypothesis annotations count UTF-16 code units (as
    JavaScript strings do) and everything else code points.
    """
    items: list[ImportItem] = []
    for index, raw in enumerate(_annotation_objects(document)):
        item = ImportItem(index=index)
        items.append(item)
        if not isinstance(raw, dict):
            item.problems.append("not a JSON object")
            continue
        item.external_id = str(raw["id"]) if raw.get("id") is not None else None
        hypothesis = _is_hypothesis(raw)
        default_unit = offset_unit or (UTF16 if hypothesis else CODE_POINT)
        if any(key in raw for key in ("status", "origin")):
            _read_extension(item, raw)
        _read_targets(item, raw.get("target"), default_unit=default_unit)
        tags = [t for t in _as_list(raw.get("tags")) if isinstance(t, str)]
        comments, legacy = _read_bodies(item, raw.get("body"), tags)
        if legacy is not None and not item.ours:
            _read_extension(item, legacy)
            comments = [c for c in comments if c != item.explanation]
        if isinstance(raw.get("bodyValue"), str) and raw["bodyValue"]:
            comments.insert(0, raw["bodyValue"])
        if hypothesis and isinstance(raw.get("text"), str) and raw["text"]:
            comments.insert(0, raw["text"])
        item.comment = "\n\n".join(comments)
        if not item.ours:
            known = [t for t in tags if t in KINDS]
            if known:
                item.kind = known[0]
            other = [t for t in tags if t not in KINDS]
            if other:
                item.comment = (item.comment + "\n\n" if item.comment else "") + "Tags: " + ", ".join(other)
            byline = _byline(
                author=raw.get("user") if hypothesis else raw.get("creator"),
                created=raw.get("created"),
                updated=raw.get("updated") if hypothesis else raw.get("modified"),
            )
            if byline:
                item.comment = (item.comment + "\n\n" if item.comment else "") + byline
        if item.ours and isinstance(raw.get("creator"), dict):
            nickname = raw["creator"].get("nickname")
            item.creator = nickname if isinstance(nickname, str) else None
        known_keys = (
            _W3C_KEYS | (_HYPOTHESIS_KEYS if hypothesis else {"creator"}) | (_EXTENSION_KEYS if item.ours else set())
        )
        for key in sorted(set(raw) - known_keys):
            why = _HYPOTHESIS_UNMAPPED.get(key, "no matching field here") if hypothesis else "no matching field here"
            item.unmapped.append(f"{key[:100]}: {why}")  # a key is the sender's text: bounded in the answer
    return items


# --- offsets ---------------------------------------------------------------------------------------


class Utf16Offsets:
    """UTF-16 code-unit offsets of one body converted to code points (Python ``str`` indices).

    Built once per body and only when it holds characters outside the BMP (else both counts agree).
    """

    def __init__(self, body: str) -> None:
        self._units: list[int] | None = None
        if any(ord(ch) > 0xFFFF for ch in body):
            units, total = [0], 0
            for ch in body:
                total += 2 if ord(ch) > 0xFFFF else 1
                units.append(total)
            self._units = units  # units[i]: UTF-16 units before code point i

    def to_code_points(self, offset: int) -> int | None:
        """The code-point index at UTF-16 ``offset``, or None when it falls inside a surrogate pair."""
        if self._units is None:
            return offset
        at = bisect.bisect_left(self._units, offset)
        if at < len(self._units) and self._units[at] == offset:
            return at
        return None if at < len(self._units) else offset - self._units[-1] + len(self._units) - 1


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


def _position(item: ImportItem, utf16: Utf16Offsets | None) -> tuple[int, int] | None:
    if item.position is None or item.position_unit != UTF16 or utf16 is None:
        return item.position
    start, end = utf16.to_code_points(item.position[0]), utf16.to_code_points(item.position[1])
    if start is None or end is None:
        item.unmapped.append("TextPositionSelector: a UTF-16 offset falls inside a character; the quote decides")
        return None
    return start, end


def iter_anchored(body: str, items: Sequence[ImportItem]) -> Iterator[tuple[ImportItem, Anchor]]:
    """Each item with where it lies in ``body`` (UTF-16 positions converted to code points first)."""
    utf16 = Utf16Offsets(body) if any(i.position_unit == UTF16 and i.position for i in items) else None
    for item in items:
        if item.problems:
            yield item, Anchor(None, None, "", "; ".join(item.problems))
        else:
            position = _position(item, utf16)
            yield item, anchor(body, position=position, exact=item.exact, prefix=item.prefix, suffix=item.suffix)
