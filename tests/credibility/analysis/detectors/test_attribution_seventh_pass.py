"""Attribution, seventh pass of issue 19: a he/she told apart by the given names of the people
before it, abbreviated titles as role words. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from credibility.analysis.lexicons import english
from credibility.analysis.segment import split_sentences
from tests.credibility.analysis.detectors.attribution_helpers import cue_speakers, detect_attributions

_detect = detect_attributions
_speakers = cue_speakers


@pytest.mark.parametrize(
    "name, sex",
    [("donald", "m"), ("sandra", "f"), ("chris", "m"), ("lee", ""), ("kelly", ""), ("leslie", ""), ("zqxv", "")],
)
def test_given_name_sex_reads_the_census_shares(name: str, sex: str) -> None:
    assert english.given_name_sex(name) == sex


@pytest.mark.parametrize(
    "pronoun, speaker",
    [("She", "Marjorie Tellwyn"), ("He", "Dennis Orrick")],
)
def test_a_pronoun_after_two_people_takes_the_one_its_given_name_fits(pronoun: str, speaker: str) -> None:
    text = (
        "Marjorie Tellwyn met Dennis Orrick at the bus depot on Friday. "
        f"{pronoun} said the night buses would run late all winter."
    )
    assert (f"{pronoun} said", speaker, "person") in _speakers(text)


def test_a_pronoun_both_given_names_fit_takes_the_first_named_the_subject() -> None:
    text = "Dennis Orrick met Walter Penhale at the bus depot on Friday. He said the buses would run late."
    assert ("He said", "Dennis Orrick", "person") in _speakers(text)


def test_a_given_name_of_the_pronouns_sex_beats_a_loose_run_of_no_known_sex() -> None:
    text = (
        "Walter Penhale drove for Kestrel Coaches for thirty years before he retired. "
        "\u201cThe roads were empty,\u201d he said."
    )
    assert ("he said", "Walter Penhale", "person") in _speakers(text)


def test_a_trailing_pronoun_skips_a_person_of_the_other_sex_in_its_sentence() -> None:
    text = (
        "Gwendolyn Marr, who grew up near Harold Pike's farm, still keeps bees. "
        "\u201cThe hives came through the frost,\u201d she said."
    )
    assert ("she said", "Gwendolyn Marr", "person") in _speakers(text)


@pytest.mark.parametrize(
    "intro, later, speaker",
    [
        ("Gov. Tamsin Okafor", "The governor", "Tamsin Okafor"),
        ("Sen. Aldo Brisk", "The senator", "Aldo Brisk"),
        ("Idaho Sen. Aldo Brisk", "The Idaho senator", "Aldo Brisk"),
        ("Rep. Nora Vantreight", "The congresswoman", "Nora Vantreight"),
        ("Adm. Pieter Vos", "The admiral", "Pieter Vos"),
    ],
)
def test_an_abbreviated_title_answers_the_role_word(intro: str, later: str, speaker: str) -> None:
    text = f"{intro} toured the flooded valley on Tuesday. {later} said the levees needed repair."
    assert (f"{later} said", speaker, "person") in _speakers(text)


def test_an_abbreviated_title_answers_only_its_own_role() -> None:
    text = "Sen. Aldo Brisk met Gov. Tamsin Okafor in the valley. The governor said the levees needed repair."
    assert ("The governor said", "Tamsin Okafor", "person") in _speakers(text)


def test_a_role_with_an_of_phrase_speaks_as_a_label_when_nobody_holds_it() -> None:
    text = "The ferry will stop in March. The secretary of state said the harbour was unsafe."
    found = _speakers(text)
    assert found == [("The secretary of state said", "secretary of state", "person")]


def test_a_role_with_an_of_phrase_resolves_to_the_person_given_it() -> None:
    text = (
        "Dolores Amberley, the former secretary of state, opened the bridge on Monday. "
        "Hugo Stint, the secretary of the rowing club, cut the ribbon. "
        "The former secretary of state said the crossing was long overdue."
    )
    assert ("The former secretary of state said", "Dolores Amberley", "person") in _speakers(text)


def test_an_of_phrase_after_a_thing_is_no_speaker() -> None:
    assert _speakers("The price of the cottages said nothing about the village.") == []


@pytest.mark.parametrize("title", ["Adm.", "Atty."])
def test_an_abbreviated_title_does_not_end_a_sentence(title: str) -> None:
    text = f"{title} Pieter Vos toured the valley. He left on Friday."
    assert [s.text for s in split_sentences(text)] == [f"{title} Pieter Vos toured the valley.", "He left on Friday."]


@pytest.mark.parametrize(
    "text, quote",
    [
        (
            "A harbour survey released on Monday found that most berths stood empty.",
            "A harbour survey released on Monday found",
        ),
        (
            "Figures from the 2019 ferry timetable show the crossing got slower.",
            "Figures from the 2019 ferry timetable show",
        ),
        (
            "The audit, carried out over six weeks by two outside accountants, showed the fund was short.",
            "The audit, carried out over six weeks by two outside accountants, showed",
        ),
        ("Exit polling showed the mayor ahead in every ward.", "Exit polling showed"),
    ],
)
def test_a_document_speaks_across_its_postmodifier(text: str, quote: str) -> None:
    found = _detect(text)
    assert [f.quote for f in found] == [quote]
    assert found[0].source is not None and found[0].source.kind in {"document", "vague"}


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The mayor kept campaigning, with recent polls showing her far behind.", "recent polls"),
        ("He stayed in the race despite surveys suggesting he could not win.", "surveys"),
    ],
)
def test_a_document_participle_after_with_or_despite_speaks(text: str, speaker: str) -> None:
    found = _detect(text)
    assert [f.meta["speaker_text"] for f in found] == [speaker]
    assert found[0].source is not None and found[0].source.kind == "document"


@pytest.mark.parametrize(
    "text",
    [
        "The report in which he said the mayor lied found its way to the press.",
        "Her colleagues keep paper records showing every sale.",
    ],
)
def test_a_document_with_a_clause_before_its_verb_is_no_speaker(text: str) -> None:
    assert _detect(text) == []


@pytest.mark.parametrize(
    "text, share",
    [
        ("Most riders backed the new timetable, compared with 22 percent who said it was worse.", "22 percent"),
        ("Two in three back the bridge, including one in five who say they would pay a toll.", "one in five"),
    ],
)
def test_a_poll_share_speaks_through_who(text: str, share: str) -> None:
    found = [f for f in _detect(text) if f.quote.startswith("who")]
    assert len(found) == 1 and found[0].source is not None
    assert (found[0].source.name, found[0].source.kind) == (share, "document")


@pytest.mark.parametrize(
    "text, quote",
    [
        ('"Will the pier reopen by June?" Ida Crane asked.', "Ida Crane asked"),
        ('"Who pays for the dredging?" Ida Crane asked the harbour master.', "Ida Crane asked"),
        ('"Why now, after ten years?" Ida Crane questioned.', "Ida Crane questioned"),
    ],
)
def test_a_weak_cue_credits_the_quotation_that_closed_the_sentence_before(text: str, quote: str) -> None:
    assert [(f.quote, f.source.name if f.source else None) for f in _detect(text)] == [(quote, "Ida Crane")]


@pytest.mark.parametrize(
    "text",
    ["The harbour was quiet. Ida Crane asked the harbour master.", "Ida Crane asked. Nobody answered her."],
)
def test_a_weak_cue_with_no_quotation_before_it_is_none(text: str) -> None:
    assert _detect(text) == []


@pytest.mark.parametrize(
    "text, label",
    [
        ('"The tide turned at noon," the ferryman said.', "ferryman"),
        ('"She always fed the gulls," her neighbour told the inquest.', "neighbour"),
        ('"Nobody warned us about the flood," the retired shopkeeper said.', "retired shopkeeper"),
    ],
)
def test_a_definite_phrase_after_a_quotation_speaks_as_a_label(text: str, label: str) -> None:
    found = _speakers(text)
    assert len(found) == 1 and found[0][1:] == (label, "person")


def test_a_definite_phrase_after_a_quotation_resolves_to_the_person_given_that_role() -> None:
    text = 'Gwen Tarrant, the club chairwoman, met the crews. "The tide turned at noon," the club chairwoman said.'
    assert ("the club chairwoman said", "Gwen Tarrant", "person") in _speakers(text)


def test_a_definite_phrase_without_a_closed_quotation_is_no_label() -> None:
    # no quotation closed before it: left out as before
    assert _speakers("The ferryman said the tide turned at noon.") == []


def test_a_definite_plural_after_a_quotation_is_a_group_not_one_person() -> None:
    # a plural group is no one person's label; since the eighth pass it is a group label (no Source row, not vague)
    assert _speakers('"We will not move," the campers said.') == [("the campers said", "the campers", "person")]


@pytest.mark.parametrize(
    "second, cue",
    [
        ("The toll, they said, would double by spring.", "they said"),
        ("The toll would double by spring, they say.", "they say"),
    ],
)
def test_they_in_an_aside_or_closing_cue_speaks_for_the_group_credited_before(second: str, cue: str) -> None:
    text = f"Local ferry pilots said the crossing was unsafe. {second}"
    assert (cue, "local ferry pilots", "vague") in [
        (f.quote, f.source.name, f.source.kind) for f in _detect(text) if f.source is not None
    ]


def test_they_opening_its_own_statement_after_a_vague_group_is_still_no_guess() -> None:
    text = "Local ferry pilots said the crossing was unsafe. They blamed the harbour board for the delay."
    assert [f.quote for f in _detect(text)] == ["Local ferry pilots said"]


@pytest.mark.parametrize(
    "text, quote, speaker",
    [
        (
            "A group of scientists at the Pellworth Institute has found that eels navigate by smell.",
            "A group of scientists at the Pellworth Institute has found",
            "Pellworth Institute",
        ),
        (
            "The research team, from Carrow University in Norwich, said the eels returned each spring.",
            "The research team, from Carrow University in Norwich, said",
            "Carrow University",
        ),
        ("Researchers at Dunmore College concluded the eels follow rivers.", None, "Dunmore College"),
    ],
)
def test_a_research_team_speaks_as_its_institution(text: str, quote: str | None, speaker: str) -> None:
    found = _detect(text)
    assert len(found) == 1 and found[0].source is not None
    assert found[0].source.name == speaker and found[0].source.kind == "organization"
    if quote is not None:
        assert found[0].quote == quote


def test_the_researchers_resolve_to_the_institution_named_before() -> None:
    text = (
        "Carrow University tagged 300 eels last year. The results surprised the staff. "
        "The researchers said the eels returned each spring."
    )
    assert ("The researchers said", "Carrow University", "organization") in _speakers(text)


def test_a_research_lead_takes_the_institution_named_after_it() -> None:
    text = (
        "A team of marine researchers has shown that eels navigate by smell. "
        "Thirty eels were tagged. The team, from Carrow University, said more work was needed."
    )
    found = _speakers(text)
    assert found[0] == ("A team of marine researchers has shown", "Carrow University", "organization")


def test_a_team_with_no_research_word_is_left_to_the_other_shapes() -> None:
    text = "The club lost again on Saturday. The team said the referee was wrong."
    assert all(not f.rule.startswith("research") for f in _detect(text))


def test_a_team_led_by_a_person_speaks_as_the_leader() -> None:
    found = _speakers("A research team led by Ann Tolley found that eels navigate by smell.")
    assert found == [("A research team led by Ann Tolley found", "Ann Tolley", "person")]


def test_a_poll_share_speaks_through_a_participle_without_a_comma() -> None:
    text = "The mayor's rating slipped, with 41 percent of riders saying the buses were late."
    found = _detect(text)
    assert [f.quote for f in found] == ["41 percent of riders saying"]
    assert found[0].source is not None and found[0].source.kind == "document"


def test_a_share_before_a_clause_with_its_own_verb_is_no_speaker() -> None:
    text = "In the survey, 24 percent of riders put a priority on describing the route."
    assert [f.quote for f in _detect(text) if "describing" in f.quote] == []


def test_a_by_participle_credits_the_clause_subject() -> None:
    text = "The harbour board hit back by saying the dredging had been paid for twice."
    found = _detect(text)
    assert [f.quote for f in found] == ["The harbour board hit back by saying"]


@pytest.mark.parametrize(
    "text",
    [
        "The toll is often justified by arguing that the bridge needs repair.",  # a passive
        "Riders will be able to find a timetable by asking the app.",  # what anyone could do
    ],
)
def test_a_by_participle_after_a_passive_or_a_modal_is_none(text: str) -> None:
    assert _detect(text) == []


def test_a_pronoun_stops_at_a_subject_named_by_a_lone_surname() -> None:
    text = (
        "Seventh seed Walter Penhale beat Dennis Orrick in straight sets. "
        "Kowalczyk broke a racket in the second set and was unhappy with his serve. "
        "\u201cI was not playing well,\u201d he said."
    )
    assert ("he said", "Kowalczyk", "person") in _speakers(text)


def test_a_label_after_a_quotation_may_carry_capitalised_modifiers() -> None:
    found = _speakers('"The count was fair," the RNC delegate said.')
    assert found == [("the RNC delegate said", "rnc delegate", "person")]


def test_a_job_word_after_a_quotation_stands_for_the_person_named_before() -> None:
    text = (
        "Marjorie Tellwyn, whose new film opens in May, nearly stayed at home. "
        '"I wondered whether I should come at all," the Welsh actress said.'
    )
    assert ("the Welsh actress said", "Marjorie Tellwyn", "person") in _speakers(text)
