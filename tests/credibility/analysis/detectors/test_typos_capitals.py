"""Capitalised slips: weekdays and months, titles, short sentence openers, words inside a name of
ordinary words, and keyboard slips of well-known first names. Our own sentences; each kind also
has sentences that must stay unflagged."""

from __future__ import annotations

import pytest

from credibility.analysis.detectors.typos import TypoDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document


def _slips(text: str) -> dict[str, str | None]:
    document = Document(text=text, sentences=split_sentences(text))
    return {f.quote: f.suggestion for f in TypoDetector().detect(document, AnalysisContext(), ())}


@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        # Beside a place, "on" no longer reads as part of a name ("Reno on ...").
        ("Crowds gathered in central Dundee on Thursdy to watch the parade.", "Thursdy", "Thursday"),
        # Five letters: too short for the general capital check, not for a closed set of dates.
        ("The board will meet again next Tusday to approve the accounts.", "Tusday", "Tuesday"),
        ("Ballots close on 14 Agust, the returning officer confirmed.", "Agust", "August"),
        ("The mayor said Fridy that the bridge would reopen.", "Fridy", "Friday"),
        ("Frday's session ended early after a fire alarm.", "Frday", "Friday"),
    ],
)
def test_a_weekday_or_month_slip_is_flagged_where_a_date_stands(text: str, slip: str, meant: str) -> None:
    assert _slips(text).get(slip) == meant


@pytest.mark.parametrize(
    "text",
    [
        "The club signed Tom Munday from the academy last summer.",  # a census surname one letter from Monday
        "The band Marsh played two encores at the festival.",  # a word
        "Fred Aprile won the seat at the first count.",  # a name with no date around it
    ],
)
def test_names_near_a_weekday_or_month_are_left_alone(text: str) -> None:
    assert _slips(text) == {}


def test_a_misspelt_title_before_a_name_is_flagged() -> None:
    assert _slips("The audit was ordered by Goverenor Walsh after the floods.") == {"Goverenor": "Governor"}
    assert _slips("Tributes were paid to Presidnet Okafor at the ceremony.") == {"Presidnet": "President"}


def test_a_short_sentence_opener_is_checked_as_a_word() -> None:
    assert _slips("The roads were closed. Plaese use the ring road instead.") == {"Plaese": "Please"}


def test_a_word_in_a_name_of_ordinary_words_is_corrected_without_a_listed_pair() -> None:
    found = _slips("She has led the Regional Transprot Authority since its creation.")
    assert found == {"Transprot": "Transport"}


@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        ("Michaell Stone was elected chairman of the trust.", "Michaell", "Michael"),  # a doubled letter
        ("The award went to Elizabteh Kerr for her work on the wards.", "Elizabteh", "Elizabeth"),
        ("The meeting was chaired by Davud Okoro, the trust's treasurer.", "Davud", "David"),  # five letters
    ],
)
def test_a_keyboard_slip_of_a_well_known_first_name_is_flagged(text: str, slip: str, meant: str) -> None:
    assert _slips(text).get(slip) == meant


@pytest.mark.parametrize(
    "text",
    [
        # Different people a letter apart, and rare names a key away from famous ones.
        "The forwards were Niall Horgan and Jim Horan.",
        "The spokesman Pieter Woest declined to comment on the figures.",
        "Reporting by Anna Lim and Ho Chyen Lee in Singapore.",
    ],
)
def test_rare_names_a_key_away_from_famous_ones_are_left_alone(text: str) -> None:
    assert _slips(text) == {}


def test_a_name_introduced_twice_with_one_spelling_unseen_is_one_person_mistyped() -> None:
    # Same first name before both spellings, one of which the web has never seen.
    found = _slips("Carly Fiorina spoke first. The fact-checkers later gave Carly Fioirna three ratings.")
    assert found == {"Fioirna": "Fiorina"}
    # Different first names a letter apart are different people, and so are rare spellings.
    assert _slips("Niall Horgan scored twice. Jim Horan added a third.") == {}


def test_a_first_name_mistyped_before_the_same_surname_is_flagged() -> None:
    found = _slips("Megyn Kelly asked the first question. Later the candidate told Meygn Kelly he was unhappy.")
    assert found == {"Meygn": "Megyn"}
    # Two real first names before one surname: relatives, not a slip.
    assert _slips("Rob Marsden won the seat. His brother Bob Marsden lost his.") == {}


def test_a_slip_inside_a_short_quotation_is_flagged_but_not_a_foreign_or_coined_term() -> None:
    assert _slips("The minister said the plan goes \u201cnowehre near\u201d what was promised.") == {
        "nowehre": "nowhere"
    }
    # Known on the web (a coinage, a foreign phrase) or more than one slip away: a term, left alone.
    assert _slips("Lawyers call it the \u201cin terrorem\u201d effect of the clause.") == {}
    assert _slips("He mocked the \u201cremoaners\u201d who backed his rival.") == {}


def test_a_date_slip_is_read_to_the_closest_day_and_inside_a_short_quotation() -> None:
    # Two edits from Thursday, one from Tuesday: the closer one.
    assert _slips("On Turesday, the committee met again.") == {"Turesday": "Tuesday"}
    assert _slips('She told the rally: "We will win in Novembber." The crowd cheered.') == {"Novembber": "November"}
    assert _slips("The series airs beginning Frriday on the main channel.") == {"Frriday": "Friday"}


# -- a real word typed for a commoner one inside a capitalised name ----------------------------


@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        # the correction makes a set phrase with the word after it that the written word never makes
        ("Questions went to the Minster for Housing on Tuesday.", "Minster", "Minister"),
        ("Exports to the Untied States fell by a tenth.", "Untied", "United"),
        ("A report by Pubic Health Wales found the same.", "Pubic", "Public"),
    ],
)
def test_a_real_word_slip_inside_a_name_is_flagged(text: str, slip: str, meant: str) -> None:
    assert _slips(text).get(slip) == meant


@pytest.mark.parametrize(
    "text",
    [
        "Crowds filled Beverley Minster for the service.",  # the church: a surname-word after a name, not "the"
        "The panel show Faking It returns in May.",  # a title's pun changes the first letter
        "The Polish Government protested.",  # no commoner word one slip away makes the phrase
        "The Trial Court of Ostrava heard the case.",  # "Trail Court" would be the slip, not this
    ],
)
def test_real_words_in_names_that_are_meant_are_left_alone(text: str) -> None:
    assert _slips(text) == {}
