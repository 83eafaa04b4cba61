"""annotations.text.anchoring's sanctioned edits: applying typo suggestions and the spans that follow them."""

from __future__ import annotations

import pytest

from annotations.text.anchoring import Replacement, follow_replacements, replacements_apply

TEXT = "He recieved teh letter 😀 on Tuesday."
RECIEVED = Replacement(TEXT.index("recieved"), TEXT.index("recieved") + 8, "received")
TEH = Replacement(TEXT.index("teh"), TEXT.index("teh") + 3, "the")
EMOJI_TYPO = Replacement(TEXT.index("on"), TEXT.index("on") + 2, "upon")  # after an astral emoji: +2


def test_replacements_apply_makes_every_fix_in_any_order():
    assert replacements_apply(TEXT, [EMOJI_TYPO, RECIEVED, TEH]) == "He received the letter 😀 upon Tuesday."


def test_replacements_apply_refuses_overlaps():
    with pytest.raises(ValueError, match="overlaps"):
        replacements_apply(TEXT, [RECIEVED, Replacement(RECIEVED.start + 2, RECIEVED.end + 2, "x")])


def span_of(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


@pytest.mark.parametrize(
    ("old_phrase", "new_phrase"),
    [
        ("recieved", "received"),  # the fixed word itself
        ("He recieved teh letter", "He received the letter"),  # a phrase around two fixes
        ("letter 😀 on Tuesday", "letter 😀 upon Tuesday"),  # a fix that changes the length, in code points
    ],
)
def test_a_span_containing_fixes_follows_them(old_phrase, new_phrase):
    new = replacements_apply(TEXT, [RECIEVED, TEH, EMOJI_TYPO])
    start, end = span_of(TEXT, old_phrase)
    moved = follow_replacements(start, end, [RECIEVED, TEH, EMOJI_TYPO])
    assert moved is not None
    assert new[moved[0] : moved[1]] == new_phrase


@pytest.mark.parametrize(
    "phrase",
    [
        "letter",  # no fix inside: the ordinary re-anchoring handles it (None here)
        "eved teh",  # straddles the start of the "recieved" fix: no exact answer
        "ciev",  # inside the fixed word, not containing it
    ],
)
def test_spans_without_a_whole_fix_inside_are_not_followed(phrase):
    start, end = span_of(TEXT, phrase)
    assert follow_replacements(start, end, [RECIEVED, TEH]) is None


def test_a_span_whose_text_is_deleted_is_not_followed():
    start, end = span_of(TEXT, "teh ")
    assert follow_replacements(start, end, [Replacement(start, end, "")]) is None
