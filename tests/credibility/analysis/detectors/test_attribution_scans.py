"""The attribution detector's sentence-wide scans: the boundaries they must keep.

The patterns that once opened with ``\\b`` or a look-behind now open with their first character
and look back from there (so they are tried only where that character stands); these tests pin
where a match may and may not start. Pure Python, hand-written sentences.
"""

from __future__ import annotations

import re

import pytest

from credibility.analysis.detectors.attribution.candidates import (
    _ACCORDING,
    _SHARE_PARTICIPLE,
    _TERMED,
    _WITH_SAYING,
)
from credibility.analysis.detectors.attribution.grammar import _PROPER_ANYWHERE


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        (
            "Ann Bell met de-Ville, O'Hara and McLeod at the Harbour Trust of Bray.",
            ["Ann Bell", "O'Hara and McLeod", "Harbour Trust of Bray."],
        ),
        ("x.Ray and _Tom and 3Dee saw \u0141\u0119cki Nowak.", ["Ray", "\u0141\u0119cki Nowak."]),
        ("The Port of the Clyde Trust 2 said", ["The Port of the Clyde Trust 2"]),
        ("\u2019Tis Wren", ["Wren"]),
    ],
)
def test_proper_runs_start_only_after_a_non_word_character(text: str, runs: list[str]) -> None:
    assert [m.group(0) for m in _PROPER_ANYWHERE.finditer(text)] == runs


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (_ACCORDING, "according to the pier", [(0, "according to ")]),
        (_ACCORDING, "ACCORDING  TO Bell", [(0, "ACCORDING  TO ")]),
        (_ACCORDING, "Disaccording to nobody", []),
        (_ACCORDING, "_according to x", []),
        (_WITH_SAYING, "with most residents saying no", [(0, "with most residents saying")]),
        (_WITH_SAYING, "Bell, with the pier staff arguing that", [(6, "with the pier staff arguing")]),
        (_WITH_SAYING, "forthwith residents saying no", []),
        (_TERMED, "what the mayor called a farce", [(0, "what the mayor called")]),
        (_TERMED, "WHAT critics have described as", [(0, "WHAT critics have described as")]),
        (_TERMED, "somewhat the mayor called", []),
        (_SHARE_PARTICIPLE, "30 percent of voters  saying", [(20, "  saying")]),
        (_SHARE_PARTICIPLE, "half calling", [(4, " calling")]),
        (_SHARE_PARTICIPLE, "a\nsaying", [(1, "\nsaying")]),
        (_SHARE_PARTICIPLE, "30%  saying", []),
        (_SHARE_PARTICIPLE, "x -saying", []),
    ],
)
def test_phrase_scans_open_only_at_a_word_start(
    pattern: re.Pattern[str], text: str, found: list[tuple[int, str]]
) -> None:
    assert [(m.start(), m.group(0)) for m in pattern.finditer(text)] == found
