"""Re-anchoring spans after a text edit. Plain Python, no Django: text and selectors in, positions out.

Offsets are code points (Python ``str`` indices) everywhere, so an emoji or any other astral
character counts as one position, exactly as the API, exports and the admin count it.

Each span goes through three stages, first success wins:

1. **Diff mapping.** The edit is described by difflib-style opcodes over code points, computed
   by ``diff-match-patch`` (Myers' O(N·D) diff with a line-level pass first and a time limit,
   ``DIFF_TIMEOUT``; past it the rest of the edit is one coarse replace, which only sends more
   spans to the stages below). The common prefix and suffix are trimmed first, which makes a
   single edit map exactly. A span whose every character lies in an ``equal`` block, with
   nothing inserted inside it, is carried over: ``anchored``.
2. **Exact quote with context.** ``prefix + quote + suffix`` found exactly once in the new
   text: ``moved``. Found more than once: ambiguous, so ``orphaned``.
3. **Fuzzy context match.** Every occurrence of the *identical* quote is scored the way
   Hypothesis's client scores quote matches (dom-anchor-text-quote / approx-string-match,
   ``match-quote.js``): quote similarity (weight 50), prefix similarity (20) and suffix
   similarity (20) from edit distances (``rapidfuzz``, C), and closeness to the expected position (2). Fuzzy
   matching only *locates* the quote by its context; the quote itself must be identical,
   because an annotation moved onto different words says something its author never said
   (hypothesis/client#7571). Two candidates with equally good quote-and-context scores are
   ambiguous and the span is ``orphaned``; position never breaks such a tie. A best
   candidate whose context is mostly gone (below ``MIN_CONTEXT_SIMILARITY``) is no
   evidence either.

An ``orphaned`` result keeps the old offsets and quote: the caller decides what to show.
``removed`` tells whether the whole old span fell in deleted text.

Cost: the diff is bounded by ``DIFF_TIMEOUT``; each span then costs O(log ops) to map and at
most ``MAX_CANDIDATES`` bounded edit distances, so a 200,000-character body with scattered
edits re-anchors in milliseconds per span (issue 15).
"""

from __future__ import annotations

import bisect
import difflib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Levenshtein

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
# Seconds (wall clock) the character diff may take before the rest of the edit is described as one
# replace. Ordinary prose with scattered edits needs well under 0.1 s at 200,000 characters; only
# periodic text ("ab ab ab ...") gets near it.
DIFF_TIMEOUT = 0.4

Opcode = tuple[str, int, int, int, int]


class Opcodes(list[Opcode]):
    """Opcodes in old-text order, with the old-text ends kept for binary search (``_op_at``)."""

    __slots__ = ("ends",)

    def __init__(self, ops: Sequence[Opcode] = ()) -> None:
        super().__init__(ops)
        self.ends = [op[2] for op in self]


def _indexed(opcodes: Sequence[Opcode]) -> Opcodes:
    return opcodes if isinstance(opcodes, Opcodes) else Opcodes(opcodes)


def _op_at(opcodes: Opcodes, char: int) -> int:
    """Index of the opcode whose old range holds ``char`` (len(opcodes) when none does).

    Old ranges are contiguous from 0, so the first opcode ending after ``char`` holds it
    (an insert, empty in the old text, never comes before the block that holds ``char``).
    """
    if char < 0:
        return len(opcodes)
    index = bisect.bisect_right(opcodes.ends, char)
    if index < len(opcodes) and opcodes[index][1] <= char:
        return index
    return len(opcodes)


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


def text_opcodes(old: str, new: str, *, timeout: float = DIFF_TIMEOUT) -> Opcodes:
    """difflib-style opcodes over code points, with the common prefix and suffix trimmed first.

    Trimming is exact for one contiguous edit; the changed middle goes to diff-match-patch
    (line-level pass, then characters), which stops refining after ``timeout`` seconds.
    """
    if old == new:
        return Opcodes([("equal", 0, len(old), 0, len(new))] if old else [])
    head = len(_common_prefix(old, new))
    tail = len(_common_prefix(old[head:][::-1], new[head:][::-1]))
    ops: list[Opcode] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    ops.extend(_dmp_opcodes(old[head : len(old) - tail], new[head : len(new) - tail], head, timeout))
    if tail:
        ops.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return Opcodes(_merge(ops))


def _common_prefix(a: str, b: str) -> str:
    """The longest common prefix, by binary search over C-speed slice comparisons."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return a[:low]


def _forward_run(a: str, i: int, b: str, j: int) -> int:
    """len of the common prefix of a[i:] and b[j:], by galloping slice comparisons (C speed)."""
    limit = min(len(a) - i, len(b) - j)
    if limit <= 0 or a[i] != b[j]:
        return 0
    n = step = 1
    while n < limit:
        size = min(step, limit - n)
        if a[i + n : i + n + size] == b[j + n : j + n + size]:
            n += size
            step <<= 1
            continue
        low, high = 0, size - 1  # the matching part of this chunk
        while low < high:
            middle = (low + high + 1) // 2
            if a[i + n : i + n + middle] == b[j + n : j + n + middle]:
                low = middle
            else:
                high = middle - 1
        return n + low
    return n


def _backward_run(a: str, i: int, b: str, j: int) -> int:
    """len of the common suffix of a[:len(a) - i] and b[:len(b) - j] (galloping, like ``_forward_run``)."""
    end_a, end_b = len(a) - i, len(b) - j
    limit = min(end_a, end_b)
    if limit <= 0 or a[end_a - 1] != b[end_b - 1]:
        return 0
    n = step = 1
    while n < limit:
        size = min(step, limit - n)
        if a[end_a - n - size : end_a - n] == b[end_b - n - size : end_b - n]:
            n += size
            step <<= 1
            continue
        low, high = 0, size - 1
        while low < high:
            middle = (low + high + 1) // 2
            if a[end_a - n - middle : end_a - n] == b[end_b - n - middle : end_b - n]:
                low = middle
            else:
                high = middle - 1
        return n + low
    return n


class _Differ(diff_match_patch):  # type: ignore[misc]
    """diff-match-patch with its Myers middle-snake search following snakes by slice comparison
    instead of one character per Python step, and the deadline checked on every diagonal, not
    only once per edit distance: the same diffs, but periodic text ("ab ab ab ...", where every
    diagonal has a long snake) no longer overruns ``Diff_Timeout`` many times over."""

    # The half-match speedup looks at every occurrence of a quarter of the text: thousands in periodic
    # text, each a long comparison. Past this many the texts are not worth splitting that way.
    HALF_MATCH_OCCURRENCES = 8

    def diff_halfMatch(self, text1: str, text2: str) -> tuple[str, str, str, str, str] | None:
        if self.Diff_Timeout <= 0:
            return None
        longtext, shorttext = (text1, text2) if len(text1) > len(text2) else (text2, text1)
        if len(longtext) < 4 or len(shorttext) * 2 < len(longtext):
            return None

        def half_match(i: int) -> tuple[str, str, str, str, str] | None:
            seed = longtext[i : i + len(longtext) // 4]
            best: tuple[str, str, str, str, str] | None = None
            best_length = 0
            j = shorttext.find(seed)
            for _ in range(self.HALF_MATCH_OCCURRENCES):
                if j == -1:
                    break
                prefix = self.diff_commonPrefix(longtext[i:], shorttext[j:])
                suffix = self.diff_commonSuffix(longtext[:i], shorttext[:j])
                if best_length < suffix + prefix:
                    best_length = suffix + prefix
                    best = (
                        longtext[: i - suffix],
                        longtext[i + prefix :],
                        shorttext[: j - suffix],
                        shorttext[j + prefix :],
                        shorttext[j - suffix : j + prefix],
                    )
                j = shorttext.find(seed, j + 1)
            else:
                if j != -1:
                    return None  # too many occurrences: periodic text, no half match worth the search
            return best if best is not None and best_length * 2 >= len(longtext) else None

        first = half_match((len(longtext) + 3) // 4)
        second = half_match((len(longtext) + 1) // 2)
        if not first and not second:
            return None
        found = first if not second else second if not first else (first if len(first[4]) > len(second[4]) else second)
        assert found is not None
        if len(text1) > len(text2):
            return found
        text2_a, text2_b, text1_a, text1_b, common = found
        return text1_a, text1_b, text2_a, text2_b, common

    # The line-level pass cleans its diff semantically, which measures overlaps with one search per
    # candidate length: in periodic text that is one search per period. Past this many searches the
    # longest overlap found so far is used (a smaller one only keeps the diff less tidy, never wrong).
    OVERLAP_SEARCHES = 256

    def diff_commonOverlap(self, text1: str, text2: str) -> int:
        text1_length, text2_length = len(text1), len(text2)
        if text1_length == 0 or text2_length == 0:
            return 0
        if text1_length > text2_length:
            text1 = text1[-text2_length:]
        elif text1_length < text2_length:
            text2 = text2[:text1_length]
        text_length = min(text1_length, text2_length)
        if text1 == text2:
            return text_length
        best = 0
        length = 1
        for _ in range(self.OVERLAP_SEARCHES):
            pattern = text1[text_length - length :]
            found = text2.find(pattern)
            if found == -1:
                return best
            length += found
            if found == 0 or text1[text_length - length :] == text2[:length]:
                best = length
                length += 1
        return best

    def diff_bisect(self, text1: str, text2: str, deadline: float) -> list[tuple[int, str]]:
        text1_length, text2_length = len(text1), len(text2)
        max_d = (text1_length + text2_length + 1) // 2
        v_offset, v_length = max_d, 2 * max_d
        v1 = [-1] * v_length
        v1[v_offset + 1] = 0
        v2 = v1[:]
        delta = text1_length - text2_length
        front = delta % 2 != 0
        k1start = k1end = k2start = k2end = 0
        clock = time.time
        for d in range(max_d):
            if clock() > deadline:
                break
            for k1 in range(-d + k1start, d + 1 - k1end, 2):
                k1_offset = v_offset + k1
                if k1 == -d or (k1 != d and v1[k1_offset - 1] < v1[k1_offset + 1]):
                    x1 = v1[k1_offset + 1]
                else:
                    x1 = v1[k1_offset - 1] + 1
                y1 = x1 - k1
                if x1 < text1_length and y1 < text2_length:
                    run = _forward_run(text1, x1, text2, y1)
                    if run > 64 and clock() > deadline:
                        return [(self.DIFF_DELETE, text1), (self.DIFF_INSERT, text2)]
                    x1 += run
                    y1 += run
                v1[k1_offset] = x1
                if x1 > text1_length:
                    k1end += 2
                elif y1 > text2_length:
                    k1start += 2
                elif front:
                    k2_offset = v_offset + delta - k1
                    if 0 <= k2_offset < v_length and v2[k2_offset] != -1:
                        if x1 >= text1_length - v2[k2_offset]:
                            return self.diff_bisectSplit(text1, text2, x1, y1, deadline)  # type: ignore[no-any-return]
            for k2 in range(-d + k2start, d + 1 - k2end, 2):
                k2_offset = v_offset + k2
                if k2 == -d or (k2 != d and v2[k2_offset - 1] < v2[k2_offset + 1]):
                    x2 = v2[k2_offset + 1]
                else:
                    x2 = v2[k2_offset - 1] + 1
                y2 = x2 - k2
                if x2 < text1_length and y2 < text2_length:
                    run = _backward_run(text1, x2, text2, y2)
                    if run > 64 and clock() > deadline:
                        return [(self.DIFF_DELETE, text1), (self.DIFF_INSERT, text2)]
                    x2 += run
                    y2 += run
                v2[k2_offset] = x2
                if x2 > text1_length:
                    k2end += 2
                elif y2 > text2_length:
                    k2start += 2
                elif not front:
                    k1_offset = v_offset + delta - k2
                    if 0 <= k1_offset < v_length and v1[k1_offset] != -1:
                        x1 = v1[k1_offset]
                        y1 = v_offset + x1 - k1_offset
                        if x1 >= text1_length - x2:
                            return self.diff_bisectSplit(text1, text2, x1, y1, deadline)  # type: ignore[no-any-return]
        return [(self.DIFF_DELETE, text1), (self.DIFF_INSERT, text2)]


def _dmp_opcodes(old: str, new: str, offset: int, timeout: float) -> list[Opcode]:
    """diff-match-patch's edit script for ``old`` -> ``new`` as opcodes shifted by ``offset``."""
    if not old and not new:
        return []
    engine = _Differ()
    engine.Diff_Timeout = timeout
    ops: list[Opcode] = []
    i = j = offset
    deleted = inserted = 0

    def flush() -> None:
        nonlocal i, j, deleted, inserted
        if deleted and inserted:
            ops.append(("replace", i, i + deleted, j, j + inserted))
        elif deleted:
            ops.append(("delete", i, i + deleted, j, j))
        elif inserted:
            ops.append(("insert", i, i, j, j + inserted))
        i, j, deleted, inserted = i + deleted, j + inserted, 0, 0

    for operation, text in engine.diff_main(old, new, checklines=len(old) + len(new) > 1000):
        if operation == diff_match_patch.DIFF_EQUAL:
            flush()
            ops.append(("equal", i, i + len(text), j, j + len(text)))
            i, j = i + len(text), j + len(text)
        elif operation == diff_match_patch.DIFF_DELETE:
            deleted += len(text)
        else:
            inserted += len(text)
    flush()
    return ops


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
    ops = _indexed(opcodes)
    first, last = _op_at(ops, start), _op_at(ops, end - 1)
    if first == len(ops) or last == len(ops) or ops[first][0] != "equal" or ops[last][0] != "equal":
        return None
    mapped_start = ops[first][3] + (start - ops[first][1])
    mapped_last = ops[last][3] + (end - 1 - ops[last][1])
    if mapped_last - mapped_start != end - 1 - start:
        return None
    return mapped_start, mapped_last + 1


def _loose_position(opcodes: Sequence[Opcode], offset: int, *, right: bool) -> int:
    """Where old ``offset`` lands in the new text: exact inside equal blocks, snapped to an edited block's edge.

    ``right`` maps an exclusive end (the position after character ``offset - 1``).
    """
    ops = _indexed(opcodes)
    char = offset - 1 if right else offset
    index = _op_at(ops, char)
    if index < len(ops):
        tag, i1, _i2, j1, j2 = ops[index]
        if tag == "equal":
            return j1 + (char - i1) + (1 if right else 0)
        return j2 if right else j1
    return ops[-1][4] if ops and char >= 0 else 0


def _removed(opcodes: Sequence[Opcode], start: int, end: int) -> bool:
    """Every character of [start, end) lies in a delete or replace block whose new text is shorter."""
    ops = _indexed(opcodes)
    covered = 0
    index = _op_at(ops, start) if start >= 0 else 0
    while index < len(ops) and ops[index][1] < end:
        tag, i1, i2, j1, j2 = ops[index]
        index += 1
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
    """Levenshtein distance over code points (rapidfuzz: C, bit-parallel)."""
    return int(Levenshtein.distance(a, b))


def similarity(expected: str, actual: str) -> float:
    """1 - edit distance / length of ``expected`` (clamped); an empty expectation always matches."""
    if not expected:
        return 1.0
    return max(0.0, 1.0 - edit_distance(expected, actual) / len(expected))


def _occurrences(text: str, needle: str, limit: int | None = None) -> list[int]:
    found: list[int] = []
    index = text.find(needle)
    while index != -1 and (limit is None or len(found) < limit):
        found.append(index)
        index = text.find(needle, index + 1)
    return found


def _nearest_occurrences(text: str, needle: str, hint: int, limit: int) -> list[int]:
    """The ``limit`` occurrences of ``needle`` nearest ``hint`` (overlapping ones included), nearest
    first, the left one first on equal distance: what sorting every occurrence by distance gave,
    without visiting the occurrences beyond the limit."""
    hint = max(0, min(hint, len(text)))
    right = text.find(needle, hint)
    left = text.rfind(needle, 0, hint + len(needle) - 1) if hint > 0 else -1  # starts before ``hint``
    found: list[int] = []
    while len(found) < limit and (left != -1 or right != -1):
        if right == -1 or (left != -1 and hint - left <= right - hint):
            found.append(left)
            left = text.rfind(needle, 0, left + len(needle) - 1) if left > 0 else -1
        else:
            found.append(right)
            right = text.find(needle, right + 1)
    return found


def _context_search(new: str, selector: Selector, hint: int) -> Anchor | None:
    needle = selector.prefix + selector.quote + selector.suffix
    if not (selector.prefix or selector.suffix):
        return None
    hits = _occurrences(new, needle, limit=2)
    if len(hits) == 1:
        start = hits[0] + len(selector.prefix)
        return Anchor(MOVED, start, start + len(selector.quote), "context", 1.0)
    if len(hits) > 1:
        return Anchor(ORPHANED, selector.start, selector.end, "ambiguous")
    return None


def _fuzzy_search(new: str, selector: Selector, hint: int) -> Anchor:
    quote = selector.quote
    hits = _nearest_occurrences(new, quote, hint, MAX_CANDIDATES)
    if not hits:
        return Anchor(ORPHANED, selector.start, selector.end, "not-found")
    scored: list[tuple[float, float, int]] = []
    # Periodic text repeats the same contexts: each distinct one is measured once.
    prefix_sims: dict[str, float] = {}
    suffix_sims: dict[str, float] = {}
    for position in hits:
        before = new[max(0, position - len(selector.prefix)) : position]
        after = new[position + len(quote) : position + len(quote) + len(selector.suffix)]
        prefix_sim = prefix_sims.get(before)
        if prefix_sim is None:
            prefix_sim = prefix_sims[before] = similarity(selector.prefix, before)
        suffix_sim = suffix_sims.get(after)
        if suffix_sim is None:
            suffix_sim = suffix_sims[after] = similarity(selector.suffix, after)
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
    context_sim = (best[0] * (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT) - QUOTE_WEIGHT) / (
        PREFIX_WEIGHT + SUFFIX_WEIGHT
    )
    if has_context and context_sim < MIN_CONTEXT_SIMILARITY:
        return Anchor(ORPHANED, selector.start, selector.end, "not-found", best[1])
    return Anchor(MOVED, best[2], best[2] + len(quote), "fuzzy", round(best[1], 6))


def reanchor(old: str, new: str, selector: Selector, *, opcodes: Sequence[Opcode] | None = None) -> Anchor:
    """Locate ``selector`` (a span of ``old``) in ``new``. Never returns a span whose text differs from the quote."""
    ops = text_opcodes(old, new) if opcodes is None else _indexed(opcodes)
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
    return Anchor(
        found.state, found.start, found.end, found.method, found.score, removed=removed, replacement=replacement
    )


@dataclass(frozen=True, slots=True)
class Replacement:
    """One sanctioned edit: ``old[start:end]`` becomes ``text`` (applying a typo's suggestion)."""

    start: int
    end: int
    text: str


def replacements_apply(old: str, replacements: Sequence[Replacement]) -> str:
    """``old`` with every replacement made. They must not overlap (ValueError otherwise)."""
    pieces: list[str] = []
    at = 0
    for replacement in sorted(replacements, key=lambda r: r.start):
        if not (at <= replacement.start < replacement.end <= len(old)):
            raise ValueError(
                f"Replacement [{replacement.start}:{replacement.end}] overlaps another or leaves the text."
            )
        pieces += [old[at : replacement.start], replacement.text]
        at = replacement.end
    pieces.append(old[at:])
    return "".join(pieces)


def follow_replacements(start: int, end: int, replacements: Sequence[Replacement]) -> tuple[int, int] | None:
    """Where ``[start, end)`` goes when the sanctioned ``replacements`` are made, if it contains one.

    A span that wholly contains a replacement (its own text, or a phrase around it) follows it:
    same start, end shifted by the length change, so a note on "he recieved it" covers "he
    received it" afterwards. This is what an edit whose meaning is known permits and a blind diff
    must not do (``reanchor`` never changes a quote). None when no replacement lies inside the span,
    when one straddles a boundary of it (no exact answer), or when the span would become empty.
    """
    shift_start = shift_end = 0
    contains = False
    for replacement in replacements:
        delta = len(replacement.text) - (replacement.end - replacement.start)
        if replacement.end <= start:
            shift_start += delta
            shift_end += delta
        elif start <= replacement.start and replacement.end <= end:
            shift_end += delta
            contains = True
        elif replacement.start >= end:
            continue
        else:
            return None  # straddles a boundary of the span
    new_start, new_end = start + shift_start, end + shift_end
    if not contains or new_end <= new_start:
        return None
    return new_start, new_end


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


def _line_opcodes(a: Sequence[str], b: Sequence[str], timeout: float) -> list[Opcode]:
    """difflib-style opcodes over line indices, from the same time-limited diff: each distinct line
    becomes one code point (difflib's line matcher is quadratic when lines repeat, and 66,000 short
    repeated lines took it 21 s)."""
    codes: dict[str, str] = {}
    encoded_a = "".join(codes.setdefault(line, chr(len(codes))) for line in a)
    encoded_b = "".join(codes.setdefault(line, chr(len(codes))) for line in b)
    return list(text_opcodes(encoded_a, encoded_b, timeout=timeout))


class _GroupedOpcodes(difflib.SequenceMatcher[str]):
    """difflib's hunk grouping (``get_grouped_opcodes``) over opcodes computed elsewhere."""

    def __init__(self, opcodes: list[Opcode]) -> None:  # no matching: the opcodes are given
        self._given = opcodes

    def get_opcodes(self) -> list[Opcode]:  # type: ignore[override]
        return list(self._given)


def _unified_range(start: int, stop: int) -> str:
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start if not length else start + 1},{length}"


def unified_diff(old: str, new: str, *, from_label: str, to_label: str, context: int = 3) -> str:
    """A line-based unified diff (what a human reads); the opcodes carry the exact code-point offsets.

    Formatted as ``difflib.unified_diff`` does, from the time-limited diff above over lines.
    """
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out: list[str] = []
    for group in _GroupedOpcodes(_line_opcodes(a, b, DIFF_TIMEOUT)).get_grouped_opcodes(context):
        if not out:
            out += [f"--- {from_label}\n", f"+++ {to_label}\n"]
        first, last = group[0], group[-1]
        out.append(f"@@ -{_unified_range(first[1], last[2])} +{_unified_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [" " + line for line in a[i1:i2]]
                continue
            if tag in ("replace", "delete"):
                out += ["-" + line for line in a[i1:i2]]
            if tag in ("replace", "insert"):
                out += ["+" + line for line in b[j1:j2]]
    return "".join(out)
