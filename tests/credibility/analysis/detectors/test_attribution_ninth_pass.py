"""Attribution, ninth pass of issue 19: bodies meant by a common noun, unnamed spokespeople,
documents that speak for their owner. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from tests.credibility.analysis.detectors.attribution_helpers import cue_speakers

_speakers = cue_speakers


def _speaker_of(text: str, quote: str) -> tuple[str, str] | None:
    return next(((name, kind) for q, name, kind in _speakers(text) if q == quote), None)


# --- a sentence's opening word is no antecedent for "the company" ---------------------------------
@pytest.mark.parametrize(
    "text, quote",
    [
        (
            "Brindle Mills cut its forecast on Monday. Turnover dropped 4% to $1.1 billion, the company said.",
            "the company said",
        ),
        (
            "Brindle Mills met its lenders on Monday. Unlike last year, no plant will close, the firm stressed.",
            "the firm stressed",
        ),
    ],
)
def test_common_word_opening_a_sentence_is_no_body(text: str, quote: str) -> None:
    assert _speaker_of(text, quote) == ("Brindle Mills", "organization")


def test_one_word_firm_opening_sentences_stays_a_body() -> None:
    text = "Kovax makes ferries. Kovax has said it wants to sell more of them abroad."
    assert _speaker_of(text, "Kovax has said") == ("Kovax", "organization")


# --- a body meant by the last word of its name ----------------------------------------------------
def test_definite_noun_means_the_body_whose_name_ends_so() -> None:
    text = (
        "Nurses at the Tamberlin Water District depot were told on Friday. "
        "Two pumps will be replaced by spring, the district confirmed. "
        "A spokeswoman for the district said the work was overdue."
    )
    assert _speaker_of(text, "the district confirmed") == ("Tamberlin Water District", "organization")
    assert _speaker_of(text, "A spokeswoman for the district said") == ("Tamberlin Water District", "organization")


def test_clause_subject_before_and_said_means_the_named_body() -> None:
    text = (
        "A sculpture will go on show at the Ossory Print Gallery next month. "
        "The gallery did not give the price, but said a trust had paid for it."
    )
    assert _speaker_of(text, "but said") == ("Ossory Print Gallery", "organization")


@pytest.mark.parametrize(
    "text, quote",
    [
        # a person's name ending in a common word, and a title, are no bodies
        ("Ruth Baker opened the fair. The children were late, the baker said.", "the baker said"),
        ("Home Secretary Lena Vos spoke first. The plan is dead, the secretary said.", "the secretary said"),
    ],
)
def test_person_names_and_titles_are_not_bodies_by_their_last_word(text: str, quote: str) -> None:
    speaker = _speaker_of(text, quote)
    assert speaker is None or speaker[1] != "organization"


def test_no_body_of_that_name_credits_nobody() -> None:
    text = "The pump ran all night. Water rose in the cellar, the ball said."
    assert _speaker_of(text, "the ball said") is None


# --- unnamed spokespeople speak for a body ---------------------------------------------------------
def test_spokesperson_with_capitalised_article_and_common_modifier() -> None:
    text = "The Harlow Roads Agency runs the bridge. An agency spokesperson said it would reopen on Monday."
    assert _speaker_of(text, "An agency spokesperson said") == ("Harlow Roads Agency", "government_body")


def test_body_named_as_a_spokespersons_modifier_speaks() -> None:
    # (was read as a clause subject of any head; the spokesperson shape reads it now)
    text = "A Harbour Board representative told islanders the pier would reopen."
    assert _speaker_of(text, "A Harbour Board representative told") == ("Harbour Board", "government_body")


def test_bare_spokesperson_speaks_for_the_body_its_sentence_mentions() -> None:
    text = (
        "Pellham Borough Council met on Tuesday. "
        "Despite rumours online, the council has not sold the town hall, a spokesperson said."
    )
    assert _speaker_of(text, "a spokesperson said") == ("Pellham Borough Council", "government_body")


def test_bare_spokesperson_with_no_body_in_its_sentence_stays_a_label() -> None:
    text = 'Pellham Borough Council met on Tuesday. "We will decide in May," a spokesperson said.'
    assert _speaker_of(text, "a spokesperson said") == ("spokesperson", "person")


# --- documents speak for the owner named with them -------------------------------------------------
def test_document_filed_by_a_body_speaks_for_it_later_too() -> None:
    text = (
        "The two men face fraud charges, according to a complaint filed by the Marsh County Sheriff's Office. "
        "The complaint alleges that they sold forged tickets."
    )
    owner = ("Marsh County Sheriff's Office", "government_body")
    assert _speaker_of(text, "according to a complaint filed by the Marsh County Sheriff's Office") == owner
    assert _speaker_of(text, "The complaint alleges") == owner


def test_paper_published_in_a_journal_speaks_for_the_journal() -> None:
    text = (
        "The beetle is described in a paper published on Monday in the Journal of Coastal Entomology. "
        "Its nearest cousin lives on another island, according to the paper. "
        "The beetles fed only at night, the paper reports."
    )
    journal = ("Journal of Coastal Entomology", "outlet")
    assert _speaker_of(text, "according to the paper") == journal
    assert _speaker_of(text, "the paper reports") == journal


def test_document_released_by_a_named_campaign_is_not_the_name_alone() -> None:
    text = "A statement released by the Ruiz campaign on Friday talked about the debate."
    assert all(name != "Ruiz" for _q, name, _kind in _speakers(text))


def test_document_owned_by_possessive_body() -> None:
    text = (
        "A tapestry will hang at the Cardew Textile Museum from June. "
        "According to the museum's records, it was last shown in 1911."
    )
    assert _speaker_of(text, "According to the museum's records") == ("Cardew Textile Museum", "organization")


def test_it_opening_a_quoted_sentence_is_not_the_quoted_body() -> None:
    text = 'The Kestrel Trust read the audit. A trust spokesman said: "We welcome the audit. It shows real progress."'
    assert _speaker_of(text, "It shows") is None


def test_it_closing_a_sentence_after_a_comma_still_speaks_in_an_unclosed_quotation() -> None:
    text = (
        'The Kestrel Trust published its audit. The trust said: "We are worried about the roof. '
        "Repairs will cost more than the grant, it said."
    )
    assert _speaker_of(text, "it said") == ("Kestrel Trust", "organization")


def test_pronoun_after_an_unnamed_spokesperson_speaks_for_the_same_body() -> None:
    text = (
        "Kovax runs the island ferries. A Kovax spokeswoman said the boats were safe. "
        "She added that fares would rise in May."
    )
    assert _speaker_of(text, "She added") == ("Kovax", "organization")


def test_pronoun_of_the_other_sex_does_not_follow_the_spokeswoman() -> None:
    text = "Kovax runs the island ferries. A Kovax spokeswoman said the boats were safe. He said nothing."
    assert _speaker_of(text, "He said") != ("Kovax", "organization")
