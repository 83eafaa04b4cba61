"""The reported content of a cue: its span in the sentence (the side of the cue that holds more),
the text up to the next clause boundary, and the verb's tail before the cue (auxiliaries, a comma).
"""

from __future__ import annotations

import re

from credibility.analysis.detectors.attribution.speakers import _WINDOW, _parse_start
from credibility.analysis.detectors.attribution.state import _Candidate
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.types import Sentence

_SAYING_TAIL = re.compile(r",?\s*(?:saying|which\s+said|that\s+said|in\s+which\s+\w+\s+said)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the|his|her|its|their)\s+$")


_BOUND = re.compile(r"[,;:\u201c\u201d\"(\u2014\u2013]|\.(?=\s|$)")
_ABBREV_BEFORE = re.compile(
    r"(?:\b(?:[A-Z]|Dr|Mr|Mrs|Ms|Prof|St|Sr|Jr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Hon|Supt|Insp|Det|Inc|Ltd|Co|Corp)|(?:[A-Z]\.)+[A-Z])$"
)


def _speech_from(text: str, sentence: Sentence, n_start: int, from_end: int, noun: str) -> _Candidate | None:
    lo, hi = sentence.start, sentence.end
    np = _parse_start(text, from_end, _bounded(text, from_end, hi))
    if np is None or np.shape == "pronoun":
        return None
    if (
        noun in lex.DOCUMENT_NOUNS
        and np.shape == "common"
        and (np.head not in lex.SPEAKER_HEADS or np.det in {"a", "an"})
    ):
        return None  # "figures from the past", "figures from a dodgy government"
    end = np.end
    tail = _SAYING_TAIL.match(text, end, hi)
    if tail:
        end = tail.end()
    article = _ARTICLE_BEFORE.search(text, max(lo, n_start - 8), n_start)
    start = article.start() if article else n_start
    return _Candidate(start, end, f"speech-from:{noun}", np, 0.8, sentence)


def _bounded(text: str, lo: int, hi: int) -> int:
    """End of the phrase starting at ``lo``: the next clause punctuation or sentence stop.

    Read through ``_WINDOW`` characters: a phrase with no punctuation for longer ends there.
    """
    end = hi
    limit = min(hi, lo + _WINDOW)
    if limit < hi:
        end = limit
    # One character past the window so that the stop's look-ahead sees the real next character.
    for m in _BOUND.finditer(text, lo, min(hi, limit + 1)):
        if m.start() >= limit:
            break
        if m.group(0) == "." and _ABBREV_BEFORE.search(text, max(lo, m.start() - 6), m.start()):
            continue
        end = m.start()
        break
    if end == hi and text[hi - 1 : hi] in ".!?":
        end = hi - 1
    return end


def _statement_span(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The reported content: the rest of the sentence on whichever side of the cue holds more."""
    before = (sentence.start, start)
    after = (end, sentence.end)
    chosen = before if (start - sentence.start) > (sentence.end - end) else after
    a, b = chosen
    # What lstrip/rstrip of the chunk would remove, read in place (no copy of half the sentence per cue).
    chunk, offset = sentence.text, sentence.start
    i, j = a - offset, b - offset
    while i < j and chunk[i] in ' ,:\u201c\u201d"':
        i += 1
    lead = i - (a - offset)
    i = a - offset
    while j > i and chunk[j - 1] in ' ,.:\u201c\u201d"':
        j -= 1
    trail = (b - offset) - j
    return a + lead, b - trail


def _tail_from(s: str, reach: int) -> int:
    """Where a match of an end-anchored pattern spanning at most ``reach`` characters before the
    trailing blanks of ``s`` can begin (searching from there finds the same match as from 0)."""
    return max(0, len(s.rstrip()) - reach)


# What ``_AUX_TAIL`` can span: lowercase letters, apostrophes and blanks (no flags, so no capitals).
_NOT_AUX_CHAR = re.compile(r"[^a-z'\u2019\s]")


def _aux_from(before: str) -> int:
    """Where ``_AUX_TAIL`` can begin in ``before``: after the last character it cannot span."""
    m = _NOT_AUX_CHAR.search(before[::-1])
    return 0 if m is None else len(before) - m.start()


def _ends_with_comma(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` ends in a comma and blanks (what ``_STATEMENT_PREFIX`` needs)."""
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi > lo and text[hi - 1] == ","
