"""Capitalised slips beside names, titles mistyped as real words, quotation marks that pair up
across narration, and real-word slips read with the part-of-speech model. Our own sentences;
each kind also has sentences that must stay unflagged."""

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
        ("The contract was awarded by the Kelbury Metropolitn Council in May.", "Metropolitn", "Metropolitan"),
        ("Officials at Drevna Intenational Airport cancelled every flight.", "Intenational", "International"),
        ("The Hollins Assocation of Builders backed the bill.", "Assocation", "Association"),
        ("The deal was signed by Secretray Helen Ames on Friday.", "Secretray", "Secretary"),
    ],
)
def test_a_word_slip_beside_a_name_is_flagged(text: str, slip: str, meant: str) -> None:
    assert _slips(text).get(slip) == meant


@pytest.mark.parametrize(
    "text",
    [
        "The report was written by Ingrid Mercere and a colleague.",  # a final "e" more: a namesake
        "Voters in Greenvale Township backed the levy.",  # a name unlike any word
        "Rangers signed Tom Burrel from the academy.",  # a census name
    ],
)
def test_names_beside_names_are_left_alone(text: str) -> None:
    assert _slips(text) == {}


def test_a_title_typed_as_a_rarer_word_before_a_first_name_is_flagged() -> None:
    assert _slips("The plan was unveiled by Trade Minster Paul Hay in the capital.") == {"Minster": "Minister"}


@pytest.mark.parametrize(
    "text",
    [
        "The choir sang at York Minster on Sunday.",  # the word itself, no name after it
        "Records held at Minster Court were lost in the fire.",
    ],
)
def test_a_real_word_in_a_place_name_is_left_alone(text: str) -> None:
    assert _slips(text) == {}


def test_narration_between_two_quotations_is_no_short_quotation() -> None:
    text = (
        '"We had to wait for hours in the cold with no word from anyone at all," Northern Helath Trust chief '
        'Dan Reyes said. "It was far too long."'
    )
    assert _slips(text) == {"Helath": "Health"}


def test_a_short_quotation_still_shields_a_foreign_phrase() -> None:
    assert _slips('She called the plan "une bêtise totale" and left.') == {}


@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        ("The bank said it's total revenue had fallen for a second year.", "it's", "its"),
        ("A tourist who's passport was stolen at the airport flew home.", "who's", "whose"),
        ("The storm has already past, forecasters said.", "past", "passed"),
        ("Three winters have past since the mill closed.", "past", "passed"),
        ("Rents dropped after there landlords cut prices.", "there", "their"),
        ("The smoke was so thick that the crew could barely breath inside.", "breath", "breathe"),
        ("The ban had a lasting affect on local traders.", "affect", "effect"),
    ],
)
def test_a_real_word_the_grammar_rules_out_is_flagged(text: str, slip: str, meant: str) -> None:
    assert _slips(text).get(slip) == meant


@pytest.mark.parametrize(
    "text",
    [
        "He said it's time the council acted.",  # no noun then verb
        "Ask the man who's running the stall.",
        "She has past experience in the role.",  # an adjective before its noun
        "We drove past the old mill.",
        "Because there students pay no fees, the college is popular.",  # after a subordinator
        "She took a deep breath before the speech.",
        "Prices could sharply affect how people vote.",
    ],
)
def test_real_words_the_grammar_allows_are_left_alone(text: str) -> None:
    assert _slips(text) == {}


@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        # a listed surname that sounds like the name given in full, after a courtesy title
        (
            "The inquiry was chaired by Colm Kearns, a retired judge. Mr Kerns said the findings were clear.",
            "Kerns",
            "Kearns",
        ),
        # a first name before the same surname as the full name, which only ever opens a quotation
        (
            'The bank apologised. "Dylan Reyes and the board acted fast," it said. "Dylan knew the risks." '
            "Dylen Reyes joined in 2019.",
            "Dylen",
            "Dylan",
        ),
        # a listed surname that sounds like the name given in full, after a title with a full stop
        ("The survey was run by Ellen Kyle of the trust. Ms. Kile said the sample was small.", "Kile", "Kyle"),
    ],
)
def test_a_name_spelt_two_ways_for_one_person_is_flagged(text: str, slip: str, meant: str) -> None:
    assert _slips(text).get(slip) == meant


@pytest.mark.parametrize(
    "text",
    [
        # a surname that sounds different: someone else
        "The fund is run by Jacques Barrow. Mrs Barlow, his deputy, declined to comment.",
        # two people who share a surname
        "The award went to Maria Olsen. Her brother Mario Olsen also competed.",
        # a first name one letter from another, before another surname
        'The bank apologised. "Dylan Reyes and the board acted fast," it said. Dylen Ortiz joined in 2019.',
    ],
)
def test_names_of_different_people_are_left_alone(text: str) -> None:
    assert _slips(text) == {}


@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        ("The vote was close. Wich way it goes now is anyone's guess.", "Wich", "Which"),
        ("The vote was close. Thsi is the third recount.", "Thsi", "This"),
    ],
)
def test_a_four_letter_sentence_opener_codespell_lists_is_flagged(text: str, slip: str, meant: str) -> None:
    assert _slips(text).get(slip) == meant


@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        ("The report was written by Dr Fletcherand two colleagues.", "Fletcherand", "Fletcher and"),
        ("Harbour master Tane Fletchersaid the channel would reopen.", "Fletchersaid", "Fletcher said"),
    ],
)
def test_a_common_surname_run_into_the_next_word_is_split(text: str, slip: str, meant: str) -> None:
    assert _slips(text).get(slip) == meant


@pytest.mark.parametrize(
    "text",
    [
        "Critics at Garland said the plan was weak.",  # a listed surname itself
        "The band played at Sutherland Hall.",
    ],
)
def test_a_surname_that_ends_like_a_word_is_left_alone(text: str) -> None:
    assert _slips(text) == {}


@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        ("The cat hid under neath the shed.", "under neath", "underneath"),
        ("Talks be tween the two sides stalled.", "be tween", "between"),
    ],
)
def test_a_function_word_split_from_a_rare_half_is_one_word(text: str, slip: str, meant: str) -> None:
    assert _slips(text).get(slip) == meant


@pytest.mark.parametrize(
    "text",
    [
        "Officials found a voided ballot in the box.",  # one letter: an article before a rare word
        "The firm went in credible talks with the bank.",  # a common second half
        "The work was done with out much fuss.",  # the pair list knows it as written
    ],
)
def test_a_function_word_before_a_word_is_left_alone(text: str) -> None:
    assert _slips(text) == {}


@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        ("The school bought new computes for every class.", "computes", "computers"),
        ("Fans say their also the loudest crowd in the league.", "their", "they're"),
        ("The keys went missing and their still here somewhere.", "their", "they're"),
    ],
)
def test_a_word_whose_part_of_speech_cannot_follow_is_flagged(text: str, slip: str, meant: str) -> None:
    assert _slips(text).get(slip) == meant


@pytest.mark.parametrize(
    "text",
    [
        "They moved into their newly built homes in May.",
        "The club held their once a year dinner on Friday.",
        "They held their once in a lifetime party.",
        "Many lies were told during the campaign.",  # a noun as well as a verb
        "The rich buys them whatever they want.",  # an object: the adjective is a noun
    ],
)
def test_an_adverb_or_verb_the_grammar_allows_is_left_alone(text: str) -> None:
    assert _slips(text) == {}


def test_a_double_barrelled_name_spelt_by_ear_is_flagged() -> None:
    text = (
        "Tessa Holt-Whyte, a former nurse, won the seat. "
        '"It was a long night," Ms Holt-Whyte said. Ms Holt-White will take her seat on Monday.'
    )
    assert _slips(text) == {"Holt-White": "Holt-Whyte"}


@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        ("She is one off the best players in the club.", "off", "of"),
        ("The hospital's principle, Ruth Okoye, said the ward would reopen.", "principle", "principal"),
    ],
)
def test_a_classic_confusion_its_phrase_rules_out_is_flagged(text: str, slip: str, meant: str) -> None:
    assert _slips(text).get(slip) == meant


@pytest.mark.parametrize(
    "text",
    [
        "He finished two off the lead after a late bogey.",
        "The shop took $5 off the price of every coat.",
        "The principle at stake, Jones argued, was fairness.",
    ],
)
def test_a_classic_confusion_its_phrase_allows_is_left_alone(text: str) -> None:
    assert _slips(text) == {}


def test_two_place_names_two_letters_apart_are_two_places() -> None:
    text = (
        "Ferries leave Dunmorragh twice a day, and Radio Dunmorragh carries the timetable. "
        "A second pier will open at Donmerragh next year."
    )
    assert _slips(text) == {}


def test_a_person_named_twice_two_letters_apart_is_one_person() -> None:
    text = (
        "The trust hired Dr Ingrid Vasquelane last year. Dr Vasquelane said the data was clear. "
        "Dr Vasquolene added that more work was needed."
    )
    assert _slips(text) == {"Vasquolene": "Vasquelane"}


def test_two_usual_slips_in_a_word_of_a_name_are_flagged() -> None:
    assert _slips("The Regional Enviromnent Agency issued a warning.") == {"Enviromnent": "Environment"}


@pytest.mark.parametrize(
    "text",
    [
        "Members of Marbdale District Council approved the plan.",  # two unusual letters from "marble"
        "Members of Garglen District Council approved the plan.",
        "Pickets gathered at Barmley Cross on Monday.",
    ],
)
def test_a_place_name_two_unusual_letters_from_a_word_is_left_alone(text: str) -> None:
    assert _slips(text) == {}
