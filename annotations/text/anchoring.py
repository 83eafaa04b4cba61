"""Re-anchoring spans after a text edit. Plain Python, no Django: text and selectors in, positions out.

Offsets are code points (Python ``str`` indices) everywhere, so an emoji or any other astral
character counts as one position, exactly as the API, exports and the admin count it.

Each span goes through three stages, first success wins:

1. **Diff mapping.** The edit is described by ``difflib.SequenceMatcher`` opcodes over code
   points (after trimming the common prefix and suffix, which keeps long bodies fast and makes
   a single edit map exactly). A span whose every character lies in an ``equal`` block, with
   nothing inserted inside it, is carried over: ``anchored``.
2. **Exact quote with context.** ``prefix + quote + suffix`` found exactly once in the new
   text: ``moved``. Found more than once: ambiguous, so ``orphaned``.
3. **Fuzzy context match.** Every occurrence of the *identical* quote is scored the way
   Hypothesis's client scores quote matches (dom-anchor-text-quote / approx-string-match,
   ``match-quote.js``): quote similarity (weight 50), prefix similarity (20) and suffix
   similarity (20) from edit distances, and closeness to the expected position (2). Fuzzy
   matching only *locates* the quote by its context; the quote itself must be identical,
   because an annotation moved onto different words says something its author never said
   (hypothesis/client#7571). Two candidates with equally good quote-and-context scores are
   ambiguous and the span is ``orphaned``; position never breaks such a tie. A best
   candidate whose context is mostly gone (below ``MIN_CONTEXT_SIMILARITY``) is no
   evidence either.

An ``orphaned`` result keeps the old offsets and quote: the caller decides what to show.
``removed`` tells whether the whole old span fell in deleted text.
"""
from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

ANCHORED: Literal["anchored"] = "anchored"
MOVED: Literal["moved"] = "moved"
ORPHANED: Literal["orphaned"] = "orphaned"
AnchorState = Literal["anchored", "moved", "orphaned"]

# Hypothesis client (src/annotator/anchoring/match-quote.js) weights.
QUOTE_WEIGHT = 50.0
PREFIX_WEIGHT = 20.0
SUFFIX_WEIGHT = 20.0
POSITION_WEIGHT = 2.0
# Below this average prefix/suffix similarity a lone quote occurrence is not trusted.
MIN_CONTEXT_SIMILARITY = 0.5
# Scores closer than this are a tie (floating point noise, not evidence).
TIE_EPSILON = 1e-9
# Candidates scored per span at most; a quote more frequent than this is located by context only
# when its nearest occurrences suffice (they are scored first).
MAX_CANDIDATES = 2000

Opcode = tuple[str, int, int, int, int]


@dataclass(frozen=True, slots=True)
class Selector:
    """A span in the old text: offsets plus the W3C TextQuoteSelector (quote, prefix, suffix)."""

    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Anchor:
    state: AnchorState
    start: int
    end: int
    method: str  # "diff", "context", "fuzzy", or why it is orphaned: "ambiguous", "not-found", "removed"
    score: float | None = None
    # True when every character of the old span lies in text the edit deleted or replaced.
    removed: bool = False
    # What the new text holds where the old span was (best effort; "" when it was deleted).
    replacement: str = ""


def text_opcodes(old: str, new: str) -> list[Opcode]:
    """SequenceMatcher opcodes over code points, with the common prefix and suffix trimmed first.

    Trimming is exact for one contiguous edit and keeps the quadratic matcher to the changed middle.
    """
    if old == new:
        return [("equal", 0, len(old), 0, len(new))] if old else []
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    ops: list[Opcode] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    middle = difflib.SequenceMatcher(None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False)
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        ops.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return _merge(ops)


def _merge(ops: list[Opcode]) -> list[Opcode]:
    merged: list[Opcode] = []
    for op in ops:
        if merged and merged[-1][0] == op[0] == "equal" and merged[-1][2] == op[1] and merged[-1][4] == op[3]:
            last = merged[-1]
            merged[-1] = ("equal", last[1], op[2], last[3], op[4])
        else:
            merged.append(op)
    return merged


def changed_ranges(opcodes: Sequence[Opcode]) -> list[tuple[int, int]]:
    """The edited parts in new-text coordinates; a pure deletion is the empty range where it happened."""
    return [(j1, j2) for tag, _i1, _i2, j1, j2 in opcodes if tag != "equal"]


def _map_span(opcodes: Sequence[Opcode], start: int, end: int) -> tuple[int, int] | None:
    """New offsets of [start, end) when the edit left it whole and untouched, else None."""
    mapped_start = mapped_last = None
    for tag, i1, i2, j1, _j2 in opcodes:
        if tag != "equal":
            continue
        if i1 <= start < i2:
            mapped_start = j1 + (start - i1)
        if i1 <= end - 1 < i2:
            mapped_last = j1 + (end - 1 - i1)
    if mapped_start is None or mapped_last is None or mapped_last - mapped_start != end - 1 - start:
        return None
    return mapped_start, mapped_last + 1


def _loose_position(opcodes: Sequence[Opcode], offset: int, *, right: bool) -> int:
    """Where old ``offset`` lands in the new text: exact inside equal blocks, snapped to an edited block's edge.

    ``right`` maps an exclusive end (the position after character ``offset - 1``).
    """
    char = offset - 1 if right else offset
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 <= char < i2:
            if tag == "equal":
                return j1 + (char - i1) + (1 if right else 0)
            return j2 if right else j1
    return opcodes[-1][4] if opcodes and char >= 0 else 0


def _removed(opcodes: Sequence[Opcode], start: int, end: int) -> bool:
    """Every character of [start, end) lies in a delete or replace block whose new text is shorter."""
    covered = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            if i1 < end and start < i2:
                return False
            continue
        overlap = min(end, i2) - max(start, i1)
        if overlap > 0:
            if tag == "replace" and (j2 - j1) > 0:
                return False
            covered += overlap
    return covered == end - start


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance over code points (two rows; the strings here are at most a few dozen long)."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def similarity(expected: str, actual: str) -> float:
    """1 - edit distance / length of ``expected`` (clamped); an empty expectation always matches."""
    if not expected:
        return 1.0
    return max(0.0, 1.0 - edit_distance(expected, actual) / len(expected))


def _occurrences(text: str, needle: str) -> list[int]:
    found = []
    index = text.find(needle)
    while index != -1:
        found.append(index)
        index = text.find(needle, index + 1)
    return found


def _context_search(new: str, selector: Selector, hint: int) -> Anchor | None:
    needle = selector.prefix + selector.quote + selector.suffix
    if not (selector.prefix or selector.suffix):
        return None
    hits = _occurrences(new, needle)
    if len(hits) == 1:
        start = hits[0] + len(selector.prefix)
        return Anchor(MOVED, start, start + len(selector.quote), "context", 1.0)
    if len(hits) > 1:
        return Anchor(ORPHANED, selector.start, selector.end, "ambiguous")
    return None


def _fuzzy_search(new: str, selector: Selector, hint: int) -> Anchor:
    quote = selector.quote
    hits = _occurrences(new, quote)
    if not hits:
        return Anchor(ORPHANED, selector.start, selector.end, "not-found")
    hits.sort(key=lambda position: abs(position - hint))
    scored: list[tuple[float, float, int]] = []
    for position in hits[:MAX_CANDIDATES]:
        before = new[max(0, position - len(selector.prefix)) : position]
        after = new[position + len(quote) : position + len(quote) + len(selector.suffix)]
        prefix_sim = similarity(selector.prefix, before)
        suffix_sim = similarity(selector.suffix, after)
        quote_sim = 1.0  # the quote is identical by construction
        context = (QUOTE_WEIGHT * quote_sim + PREFIX_WEIGHT * prefix_sim + SUFFIX_WEIGHT * suffix_sim) / (
            QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT
        )
        position_sim = 1.0 - abs(position - hint) / max(len(new), 1)
        total = (context * (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT) + POSITION_WEIGHT * position_sim) / (
            QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT
        )
        scored.append((context, total, position))
    scored.sort(key=lambda item: (-item[0], -item[1]))
    best = scored[0]
    if len(scored) > 1 and best[0] - scored[1][0] <= TIE_EPSILON:
        return Anchor(ORPHANED, selector.start, selector.end, "ambiguous")
    has_context = bool(selector.prefix or selector.suffix)
    context_sim = (best[0] * (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT) - QUOTE_WEIGHT) / (PREFIX_WEIGHT + SUFFIX_WEIGHT)
    if has_context and context_sim < MIN_CONTEXT_SIMILARITY:
        return Anchor(ORPHANED, selector.start, selector.end, "not-found", best[1])
    return Anchor(MOVED, best[2], best[2] + len(quote), "fuzzy", round(best[1], 6))


def reanchor(old: str, new: str, selector: Selector, *, opcodes: Sequence[Opcode] | None = None) -> Anchor:
    """Locate ``selector`` (a span of ``old``) in ``new``. Never returns a span whose text differs from the quote."""
    ops = text_opcodes(old, new) if opcodes is None else opcodes
    start, end = selector.start, selector.end
    valid = 0 <= start < end <= len(old) and old[start:end] == selector.quote
    if valid:
        mapped = _map_span(ops, start, end)
        if mapped is not None and new[mapped[0] : mapped[1]] == selector.quote:
            return Anchor(ANCHORED, mapped[0], mapped[1], "diff", 1.0)
        hint = _loose_position(ops, start, right=False)
        removed = _removed(ops, start, end)
        replacement = new[hint : max(hint, _loose_position(ops, end, right=True))]
    else:  # stale offsets: the selector's text is all there is to go on
        hint, removed, replacement = min(start, len(new)), False, ""
    found = _context_search(new, selector, hint)
    if found is None:
        found = _fuzzy_search(new, selector, hint)
    if found.state == ORPHANED:
        method = "removed" if removed and found.method == "not-found" else found.method
        return Anchor(ORPHANED, start, end, method, found.score, removed=removed, replacement=replacement)
    return Anchor(found.state, found.start, found.end, found.method, found.score, removed=removed, replacement=replacement)


def relocate(new: str, selector: Selector) -> Anchor | None:
    """Find an orphan again in ``new`` by its quote *and* its full context, exactly and once (its
    offsets belong to an older body, so no diff applies). None unless the match is unambiguous:
    restored text re-anchors the annotation it held, anything less stays orphaned."""
    found = _context_search(new, selector, min(selector.start, len(new)))
    return found if found is not None and found.state == MOVED else None


def reanchor_all(old: str, new: str, selectors: Sequence[Selector]) -> list[Anchor]:
    """``reanchor`` for many spans of one edit, computing the diff once."""
    ops = text_opcodes(old, new)
    return [reanchor(old, new, selector, opcodes=ops) for selector in selectors]


def unified_diff(old: str, new: str, *, from_label: str, to_label: str, context: int = 3) -> str:
    """A line-based unified diff (what a human reads); the opcodes carry the exact code-point offsets."""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=from_label, tofile=to_label, n=context
        )
    )
