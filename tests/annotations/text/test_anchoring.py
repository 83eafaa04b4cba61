"""annotations.text.anchoring: spans survive edits, never land on other words, and count code points.

The property tests build random articles from words (emoji and other astral characters among
them) with random annotations, apply random edits, and check the three promises of issue 6.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.text.anchoring import (
    ANCHORED,
    MOVED,
    ORPHANED,
    Selector,
    changed_ranges,
    edit_distance,
    reanchor,
    reanchor_all,
    text_opcodes,
)

CONTEXT = 32  # the stored prefix/suffix length (annotations.services.annotations.CONTEXT_CHARS)


def selector(text: str, quote: str, occurrence: int = 0) -> Selector:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    return Selector(start, end, quote, text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT])


# --- examples ---------------------------------------------------------------------------------


def test_reanchor_edit_elsewhere_keeps_span_anchored_with_shifted_offsets():
    old = "The council met on Tuesday. Taxes will rise by 4%, the mayor said."
    new = "BREAKING: " + old
    anchor = reanchor(old, new, selector(old, "Taxes will rise"))
    assert (anchor.state, new[anchor.start : anchor.end]) == (ANCHORED, "Taxes will rise")
    assert anchor.start == old.index("Taxes") + len("BREAKING: ")


def test_reanchor_counts_code_points_around_emoji_and_astral_characters():
    old = "Fans 🎉🇺🇦 cheered. The 𝔪𝔞𝔶𝔬𝔯 said 👍🏽 taxes rise."
    new = old.replace("Fans 🎉🇺🇦", "Fans 🎉🎉🎉🇺🇦 loudly")
    anchor = reanchor(old, new, selector(old, "𝔪𝔞𝔶𝔬𝔯 said 👍🏽"))
    assert anchor.state == ANCHORED
    assert new[anchor.start : anchor.end] == "𝔪𝔞𝔶𝔬𝔯 said 👍🏽"
    assert anchor.start - old.index("𝔪") == len("🎉🎉 loudly")  # 2 emoji + 7 letters: 9 code points


def test_reanchor_moved_paragraph_is_found_by_quote_and_context():
    old = "Alpha opened the session. Beta objected to the budget plan strongly. Gamma closed it."
    new = "Beta objected to the budget plan strongly. Alpha opened the session. Gamma closed it."
    anchor = reanchor(old, new, selector(old, "Alpha opened the session."))
    assert anchor.state == MOVED
    assert new[anchor.start : anchor.end] == "Alpha opened the session."


def test_reanchor_two_equally_good_candidates_is_orphaned_not_guessed():
    # The annotated sentence is rewritten in place; the quote survives twice elsewhere, each copy
    # with the same context, so nothing but position tells them apart: orphan, never guess.
    old = "Start: Prices rose sharply. Finish."
    target = selector(old, "Prices rose sharply")
    copy = "-" * 10 + "Prices rose sharply" + "-" * 10
    new = "Start: Prices fell. " + copy + copy
    anchor = reanchor(old, new, target)
    assert anchor.state == ORPHANED and anchor.method == "ambiguous"
    assert (anchor.start, anchor.end) == (target.start, target.end)  # old offsets kept


def test_reanchor_exact_context_found_twice_is_ambiguous():
    old = "Start: Prices rose sharply. Finish."
    target = selector(old, "Prices rose sharply")
    new = "Gone. Start: Prices rose sharply. Finish. Start: Prices rose sharply. Finish."
    stale = Selector(0, 5, target.quote, target.prefix, target.suffix)  # offsets that no longer fit
    anchor = reanchor(old, new, stale)
    assert anchor.state == ORPHANED and anchor.method == "ambiguous"


def test_reanchor_lookalike_with_other_context_is_not_taken():
    # hypothesis/client#7571: the quote survives only in an unrelated place.
    old = "The minister said the plan was approved by parliament on Monday after a long debate."
    new = "The minister said nothing. Elsewhere, a plan was approved by the city."
    anchor = reanchor(old, new, selector(old, "approved by parliament"))
    assert anchor.state == ORPHANED


def test_reanchor_never_takes_a_changed_quote():
    old = "This wasfollowed by a tweet from the Verkhovna Rada."
    new = old.replace("wasfollowed", "was followed")
    anchor = reanchor(old, new, selector(old, "wasfollowed"))
    assert anchor.state == ORPHANED
    assert anchor.replacement == "was followed" and not anchor.removed


def test_reanchor_deleted_text_is_reported_removed():
    old = "First sentence stays. This claim will be deleted entirely. Last sentence stays."
    new = "First sentence stays. Last sentence stays."
    anchor = reanchor(old, new, selector(old, "This claim will be deleted"))
    assert anchor.state == ORPHANED and anchor.removed and anchor.method == "removed"


def test_text_opcodes_and_changed_ranges_are_code_points():
    old = "a🎉b"
    new = "a🎉🎉b"
    ops = text_opcodes(old, new)
    assert ops[0] == ("equal", 0, 2, 0, 2)
    assert changed_ranges(ops) == [(2, 3)]


def test_edit_distance():
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "🎉🎉") == 2


# --- properties -----------------------------------------------------------------------------

WORDS = (
    "the",
    "council",
    "said",
    "taxes",
    "rise",
    "by",
    "4%",
    "mayor",
    "🎉",
    "🇺🇦",
    "𝔪𝔞𝔶𝔬𝔯",
    "👍🏽",
    "Kyiv",
    "Minsk",
    "troops",
    "entered",
    "reported",
    "according",
    "to",
    "officials",
    "café",
    "naïve",
    "東京",
    "😀",
)
word = st.sampled_from(WORDS)
separator = st.sampled_from([" ", " ", " ", ", ", ". ", "\n\n"])


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, list[Selector]]:
    tokens = draw(st.lists(st.tuples(word, separator), min_size=4, max_size=60))
    text = "".join(w + s for w, s in tokens).strip() or "the council"
    spans = draw(st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, 12)), min_size=1, max_size=5))
    selectors = []
    for start, length in spans:
        end = min(len(text), start + length)
        selectors.append(
            Selector(start, end, text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT])
        )
    return text, selectors


@st.composite
def edits(draw: st.DrawFn, text: str) -> tuple[int, int, str]:
    a = draw(st.integers(0, len(text)))
    b = draw(st.integers(a, min(len(text), a + 15)))
    inserted = draw(st.lists(st.tuples(word, separator), max_size=3))
    return a, b, "".join(w + s for w, s in inserted)


# Bounded so the suite stays fast; ANCHORING_EXAMPLES=5000 for a deeper search.
PROPERTY_SETTINGS = settings(
    max_examples=int(os.environ.get("ANCHORING_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_property_no_annotation_ever_lands_on_a_different_quote(data: st.DataObject):
    text, selectors = data.draw(articles())
    for _ in range(data.draw(st.integers(1, 3))):  # a few successive edits
        a, b, inserted = data.draw(edits(text))
        new = text[:a] + inserted + text[b:]
        results = reanchor_all(text, new, selectors)
        carried = []
        for old, anchor in zip(selectors, results, strict=True):
            if anchor.state == ORPHANED:
                assert (anchor.start, anchor.end) == (old.start, old.end)
                continue
            assert new[anchor.start : anchor.end] == old.quote
            carried.append(
                Selector(
                    anchor.start,
                    anchor.end,
                    old.quote,
                    new[max(0, anchor.start - CONTEXT) : anchor.start],
                    new[anchor.end : anchor.end + CONTEXT],
                )
            )
        text, selectors = new, carried
        if not selectors:
            break


@PROPERTY_SETTINGS
@given(data=st.data())
def test_property_edit_away_from_span_and_context_leaves_it_anchored(data: st.DataObject):
    text, selectors = data.draw(articles())
    a, b, inserted = data.draw(edits(text))
    new = text[:a] + inserted + text[b:]
    # "Away": the edited range and the inserted text stay clear of the span and its stored context.
    # The slack of one edit's length covers diffs that cannot tell where in a repeated run the edit fell.
    slack = max(b - a, len(inserted))
    for old, anchor in zip(selectors, reanchor_all(text, new, selectors), strict=True):
        touches = a <= old.end + len(old.suffix) + slack and old.start - len(old.prefix) - slack <= b
        if not touches:
            assert anchor.state == ANCHORED, (text, new, old, anchor)
            assert new[anchor.start : anchor.end] == old.quote
            shift = len(inserted) - (b - a) if b <= old.start else 0
            assert anchor.start == old.start + shift


@PROPERTY_SETTINGS
@given(data=st.data())
def test_property_edit_touching_span_moves_it_with_identical_quote_or_orphans_it(data: st.DataObject):
    text, selectors = data.draw(articles())
    target = data.draw(st.sampled_from(selectors))
    # An edit that overlaps the span itself.
    a = data.draw(st.integers(max(0, target.start - 5), target.end - 1))
    b = data.draw(st.integers(max(a + 1, target.start + 1), min(len(text), max(a + 1, target.start + 1) + 10)))
    inserted = data.draw(st.sampled_from(["", "x", "🎉", "the council", target.quote[::-1]]))
    new = text[:a] + inserted + text[b:]
    anchor = reanchor(text, new, target)
    assert anchor.state in (ANCHORED, MOVED, ORPHANED)
    if anchor.state == ORPHANED:
        assert (anchor.start, anchor.end) == (target.start, target.end)
    else:
        assert new[anchor.start : anchor.end] == target.quote
