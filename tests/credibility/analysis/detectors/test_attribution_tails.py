"""The cue path's bounded end-anchored searches find what the unbounded ones found (not timed here).

Each helper gives a start position for an end-anchored pattern, or replaces a forward scan with a
backward one; the claim is equality with the plain search on any text, checked on random texts
over an alphabet of the characters and words the patterns care about.
"""

from __future__ import annotations

import random
import re

import pytest

from credibility.analysis.detectors.attribution.cue_verbs import (
    _ADJECTIVAL_BEFORE,
    _AUX_TAIL,
    _PASSIVE_AUX,
    _POSSESSIVE_WORD_BEFORE,
    _STATEMENT_PREFIX,
)
from credibility.analysis.detectors.attribution.documents import _DOC_TAIL, _DOC_WORD
from credibility.analysis.detectors.attribution.grammar import _STRONG_BOUNDARY
from credibility.analysis.detectors.attribution.speakers import _END_PROPER, _clause_start, _proper_run_from
from credibility.analysis.detectors.attribution.statements import _aux_from, _ends_with_comma, _tail_from

PIECES = [
    *"aAbBsSlyMrF .,;:'\u2019\u201c\u201d\"(\u2014\u2013\n\t0123-&",
    *["the ", "of ", "Mr ", "has ", "not ", "n't ", "said ", "is ", "being ", "THESE ", "\u212a", "\u017f"],
    *["'s ", "Smith ", "ly ", "  ", "de ", "Dr. "],
]


def _texts(seed: int, count: int, longest: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    return m.span() if m else None


@pytest.mark.parametrize(
    ("pattern", "reach"),
    [(_ADJECTIVAL_BEFORE, 6), (_PASSIVE_AUX, 6), (_POSSESSIVE_WORD_BEFORE, 3)],
)
def test_tail_from_finds_the_same_end_anchored_match(pattern: re.Pattern[str], reach: int):
    for text in _texts(1, 3000, 30):
        assert _span(pattern.search(text, _tail_from(text, reach))) == _span(pattern.search(text)), text


def test_aux_from_finds_the_same_auxiliary_tail():
    for text in [*_texts(2, 3000, 30), "Mr Frye has also not ", "He has ", "they previously "]:
        assert _span(_AUX_TAIL.search(text, _aux_from(text))) == _span(_AUX_TAIL.search(text)), text


def test_statement_prefix_needs_a_final_comma():
    for text in [*_texts(3, 3000, 30), "in a statement on Monday, ", "In an interview,"]:
        if _STATEMENT_PREFIX.search(text):
            assert _ends_with_comma(text, 0, len(text)), text


def test_clause_start_is_the_end_of_the_last_strong_boundary():
    rng = random.Random(4)
    for text in _texts(4, 3000, 40):
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        last = lo
        for m in _STRONG_BOUNDARY.finditer(text, lo, hi):
            last = m.end()
        assert _clause_start(text, lo, hi) == last, (text, lo, hi)


def test_proper_run_from_finds_the_same_trailing_name():
    texts = [*_texts(5, 3000, 60), "said Mr Aaab said Mr Aaac", "A B C D E F G H I J K L said Mr Frye"]
    for text in (t.rstrip() for t in texts):
        if not text:
            continue
        found = _END_PROPER.search(text, _proper_run_from(text))
        expected = _END_PROPER.search(text)
        assert (found and found.span("name")) == (expected and expected.span("name")), text


def test_proper_run_from_skips_to_the_last_chunk_that_cannot_be_in_a_name():
    seg = "said Mr Aaab said Mr Aaac"
    assert seg[_proper_run_from(seg) :] == "said Mr Aaac"


def test_sentences_of_many_two_character_lines_keep_their_spans():
    from credibility.analysis.segment import split_sentences

    text = '\n"' * 1000
    sentences = split_sentences(text)
    assert len(sentences) == 1000
    assert all(s.text == '"' and text[s.start : s.end] == '"' for s in sentences)


def test_document_tail_needs_a_document_noun_as_the_last_word():
    pieces = ["report", " ", "REPORT", "x", ".", "data", "\n", "\u212a", "Stats", "s", " the ", "survey"]
    rng = random.Random(6)
    for _ in range(5000):
        seg = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))).rstrip()
        if _DOC_TAIL.search(" " + seg):
            assert seg and _DOC_WORD.fullmatch(seg.rsplit(None, 1)[-1]), seg
