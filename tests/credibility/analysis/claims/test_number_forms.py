"""Figures written in other forms meet: spans of years, folds, glued multipliers, money in words,
speeds, fractions opening a sentence (issue 17)."""

import pytest

from credibility.analysis.claims.matching import assess, concept, profile
from credibility.analysis.claims.normalise import numbers_as_digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The pier has been shut for two decades.", "The pier has been shut for 20 years."),
        ("Prices held for a decade.", "Prices held for 10 years."),
        ("Crime fell over the past decade.", "Crime fell over the past 10 years."),
        ("The mill closed half a century ago.", "The mill closed 50 years ago."),
        ("a fourfold rise", "a rose 300% rise"),
        ("the bill came to £4.2bn", "the bill came to £4.2 billion"),
        ("a €75m grant and a £40k fee", "a €75 million grant and a £40 thousand fee"),
        ("Winds of ninety miles an hour", "Winds of 90 mph"),
        ("a fine of 2.5 million pounds", "a fine of £2.5 million"),
    ],
)
def test_figure_forms_are_rewritten_to_one_form(text, expected):
    assert numbers_as_digits(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The 1990s decade shaped the town.",  # no count: not a span
        "a decade-long dispute",  # an adjective, left alone
        "A 20m mast was approved.",  # metres: "m" is a multiplier only after a currency sign
        "The pound fell against the euro.",  # currency words without a figure
        "Rents rose tenfold.",  # large folds stay "N times"
    ],
)
def test_figure_forms_leave_other_text_alone(text):
    assert "million" not in numbers_as_digits(text) and " years" not in numbers_as_digits(text)


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        ("The Rowan bridge has been closed for 30 years.", "The Rowan bridge has been closed for three decades."),
        ("Shoplifting in Ambleford has tripled.", "Shoplifting in Ambleford has risen threefold."),
        ("The Ambleford ring road cost €410m.", "The Ambleford ring road cost 410 million euro."),
        ("The Ambleford ring road cost £1.8bn.", "The Ambleford ring road cost £1.8 billion."),
        ("Gusts of 95mph hit Ambleford.", "Gusts of ninety-five miles per hour hit Ambleford."),
        ("Two-fifths of Ambleford nurses plan to quit.", "Some 40 per cent of Ambleford nurses plan to quit."),
        ("Three-quarters of Ambleford voters backed the bypass.", "In Ambleford 75% of voters backed the bypass."),
    ],
)
def test_the_same_figure_in_another_form_states_the_claim(claim, sentence):
    found = assess(profile(sentence), profile(claim))
    assert found.numbers == "agree" and not found.vetoes and found.score >= 0.9, found


def test_a_fraction_opening_a_sentence_is_no_name():
    assert not profile("Two-fifths of the staff left.").names
    assert not profile("Sixty-seven people were rescued.").names


def test_scale_words_are_no_bill_or_mill():
    assert concept("billion")[0] == "billion" and concept("millions")[0] == "million"
    assert concept("bill")[0] != concept("billion")[0]
    # "£6 billion below estimates" says nothing of a bill.
    found = assess(profile("Revenues were £6bn below estimates."), profile("There is no tax rise in this bill."))
    assert found.score < 0.3
