"""Attribution, fifth pass of issue 19: job words as speakers, leads named later, impersonal
passives, commitments. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from credibility.analysis.detectors.attribution import AttributionDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, Finding


def _detect(text: str) -> list[Finding]:
    document = Document(text=text, sentences=split_sentences(text))
    return AttributionDetector().detect(document, AnalysisContext(), ())


def _speakers(text: str) -> list[tuple[str, str, str]]:
    return [(f.quote, f.source.name, f.source.kind) for f in _detect(text) if f.source is not None]


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The school fees will rise next year, a headteacher has said.", "a headteacher has said"),
        ("The chapel roof is unsafe, the vicar said.", "the vicar said"),
        ("A clergywoman told the meeting the hall would close.", "A clergywoman told"),
        ("The presenter said she had loved every minute of the show.", "The presenter said"),
    ],
)
def test_a_job_word_alone_speaks_as_a_label(text: str, cue: str) -> None:
    found = _speakers(text)
    assert [q for q, _, _ in found] == [cue]
    name, kind = found[0][1], found[0][2]
    assert kind == "person" and name == name.casefold()  # a label, never a Source row named "Vicar"


def test_a_job_word_resolves_to_the_person_introduced_with_it() -> None:
    text = "Striker Lenny Obuya scored twice on Saturday. The striker said the team deserved the win."
    assert ("The striker said", "Lenny Obuya", "person") in _speakers(text)


def test_a_job_word_in_an_appositive_title_does_not_replace_the_name() -> None:
    text = "Dame Ella Brock, CBI director general, warned ministers against new taxes."
    assert [(name, kind) for _, name, kind in _speakers(text)] == [("Ella Brock", "person")]


def test_a_stance_verb_before_a_direction_word_has_no_object_but_a_hyphenated_adjective_is_one() -> None:
    assert _speakers("The winger Jo Pell attacked down the right all afternoon.") == []
    text = "Mr Ravi Sood spoke on Monday. He rejected across-the-board pay rises for the staff."
    assert [q for q, _, _ in _speakers(text)] == ["He rejected"]


@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        (
            "The new ferry timetable is unworkable, a ferry captain has said.\n\n"
            "Captain Isla Grange told the council that crews would be stretched.",
            "a ferry captain has said",
            "Isla Grange",
        ),
        (
            "A senior Green councillor has criticised the city's plan for the old market.\n\n"
            "Councillor Rhys Mabon said the traders had not been asked.",
            "A senior Green councillor has criticised",
            "Rhys Mabon",
        ),
        # a body's statement in between is skipped
        (
            "Fares will rise in May, a senior engineer has said.\n\n"
            "Northline Rail Ltd said the rise was needed. But engineer Kay Lomax said it was a mistake.",
            "a senior engineer has said",
            "Kay Lomax",
        ),
    ],
)
def test_a_lead_speaker_named_in_the_next_paragraph_is_that_person(text: str, cue: str, speaker: str) -> None:
    assert (cue, speaker, "person") in _speakers(text)


@pytest.mark.parametrize(
    "text",
    [
        # someone unnamed speaks first: the person after them is not the lead's speaker
        "Fares will rise in May, a senior engineer has said.\n\n"
        "Some passengers said the rise was needed. Conductor Kay Lomax said it was unfair.",
        # an anonymous head stays unnamed
        "The merger will go ahead, a source has said.\n\nChief executive Omar Hale said talks were going well.",
        # the person comes too late
        "Fares will rise, an economist has said. The rise is the third. It follows a bad year. "
        "Trains were late. Many were cancelled. Staff were short. Analyst Bea Moss said more would follow.",
    ],
)
def test_a_lead_speaker_is_not_named_across_a_vague_speaker_an_anonymous_head_or_far_away(text: str) -> None:
    lead = _detect(text)[0]
    assert lead.source is not None and not lead.source.named
