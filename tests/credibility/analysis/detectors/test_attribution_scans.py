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
    _share_words_in,
)
from credibility.analysis.detectors.attribution.coreference import _FIRM_SIGN
from credibility.analysis.detectors.attribution.grammar import _PROPER_ANYWHERE
from credibility.analysis.detectors.attribution.prescan import _called_its
from credibility.analysis.detectors.attribution.speakers import (
    _ISTS_IANS,
    _PRE_WORDS,
    _descriptor_words,
    _words_before,
)


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


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Harrow Mills\u2019 shares fell and shares in Quillby rose", [(7, "Mills", None), (30, None, "Quillby")]),
        ("ex-Quillby's profits and xQuillby's sales", []),
        ("Reshares in Acme; SHARES in Acme", []),
        (".Acme's stores", []),
    ],
)
def test_firm_signs_open_at_a_name_or_a_whole_word(text: str, names: list[tuple[int, str | None, str | None]]) -> None:
    assert [(m.start(), m.group("a"), m.group("b")) for m in _FIRM_SIGN.finditer(text)] == names


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("the local economists said", ["economists"]),
        ("Pianists and PIANISTS", ["Pianists"]),
        ("xEconomists 3economists", ["economists"]),
    ],
)
def test_agent_plurals_are_whole_letter_runs(text: str, words: list[str]) -> None:
    assert [m.group(0) for m in _ISTS_IANS.finditer(text)] == words


@pytest.mark.parametrize(
    "text",
    ["half of them saying", "HALF CALLING", "most describing", "half sayıng", "HALF SAY\u0130NG", "half \u017faying"],
)
def test_share_participle_gate_lets_every_possible_match_through(text: str) -> None:
    assert _SHARE_PARTICIPLE.search(text) is not None
    assert _share_words_in(text.casefold())


def test_share_participle_gate_skips_sentences_without_the_words() -> None:
    assert not _share_words_in("forty percent of the pier staff said no".casefold())


def _words_before_by_search(text: str, end: int, limit: int) -> tuple[int, str]:
    """``_words_before`` as first written: the run found by ``_PRE_WORDS`` searched over the whole
    window (the backward reading is what changed; the descriptor words are read from the run alike)."""
    m = _PRE_WORDS.search(text, max(0, end - 60), end)
    if not m:
        return end, ""
    return _descriptor_words(text, m.start(), m.end(), end, limit)


@pytest.mark.parametrize(
    "text",
    [
        "The harbour trust's acting chief executive Ann Bell said the pier would reopen.",
        "Former deputy mayor \t Tom Reyes, a retired ferry pilot, told the   council \n Ann",
        "said the\u00a0senior engineer Ola Ruiz-Ward and ex-pilot O\u2019Hara \n\n",
        "a",
        "",
    ],
)
def test_words_before_read_backwards_equal_the_window_search(text: str) -> None:
    for end in range(len(text) + 1):
        for limit in (1, 3):
            assert _words_before(text, end, limit) == _words_before_by_search(text, end, limit)


@pytest.mark.parametrize(
    ("sentence", "called"),
    [
        ("Quillby Mills cut prices, blaming its costs.", True),
        ("Quillby Mills cut prices, blaming ITS costs.", True),
        ("Quillby Mills cut prices, blaming \u0131ts costs.", True),  # the case-blind pattern's "i"
        ("Quillby Mills cut prices, and he blamed its costs.", False),
        ("Quillby Mills cut prices on Monday.", False),
    ],
)
def test_a_sentence_calling_its_subject_its(sentence: str, called: bool) -> None:
    name = "Quillby Mills"
    assert _called_its(sentence, name, len(name), len(sentence)) is called
