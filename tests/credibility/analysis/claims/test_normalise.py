import pytest

from credibility.analysis.claims.matching import profile
from credibility.analysis.claims.normalise import fold_diacritics, numbers_as_digits


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Tam Kỳ, Quảng Ngãi", "Tam Ky, Quang Ngai"),
        ("Suối Đá", "Suoi Da"),
        ("São Paulo and Zürich", "Sao Paulo and Zurich"),
        ("Neuquén", "Neuquen"),
        ("Łódź and Ørsted", "Lodz and Orsted"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_diacritics_fold_onto_their_base_letters(text, folded):
    assert fold_diacritics(text) == folded


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("a hundred and twenty miles per hour", "120 mph"),
        ("twelve hundred measles cases", "1200 measles cases"),
        ("some two hundred million years old", "some 200000000 years old"),
        ("half a million homes", "500000 homes"),
        ("a thousand pounds", "£1000"),
        ("fourteen million dollars", "$14000000"),
        ("twenty-five cases", "25 cases"),
        ("three out of every four pupils", "75.0% pupils"),
        ("nine in ten voters", "90.0% voters"),
        ("a quarter of a million tickets", "250000 tickets"),
        ("three quarters of a billion euros", "€750000000"),
        # "a" before a number that is not a scale word is the article, not one more.
        ("won by a forty-point margin", "won by 40-point margin"),
        ("a six-month delay", "6-month delay"),
    ],
)
def test_numbers_in_words_become_digits(text, digits):
    assert numbers_as_digits(text) == digits


@pytest.mark.parametrize(
    "text",
    ["one or two people", "a man and a woman", "one in three years", "ten of the twelve jurors", "two"],
)
def test_words_that_are_not_one_number_stay(text):
    assert numbers_as_digits(text) == text


def test_a_fall_by_half_reads_as_fifty_percent():
    quantities = profile("Ridership on the ferry fell by half over the winter.").quantities
    assert [(q.value, q.percent) for q in quantities] == [(50.0, True)]
    assert profile("The ferry ran half empty over the winter.").quantities == ()
