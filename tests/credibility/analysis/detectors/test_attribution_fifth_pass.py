"""Attribution, fifth pass of issue 19: job words as speakers, leads named later, impersonal
passives, commitments. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from tests.credibility.analysis.detectors.attribution_helpers import cue_speakers, detect_attributions

_detect = detect_attributions
_speakers = cue_speakers


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


@pytest.mark.parametrize(
    "text, cue, label",
    [
        ("The mill will close before the summer, it is reported.", "it is reported", "it is reported"),
        ("It is widely expected that the pier will reopen in June.", "It is widely expected", "it is widely expected"),
        ("It is understood the brewery has found a buyer.", "It is understood", "it is understood"),
        ("The flood is estimated to have cost the valley £3m.", "is estimated", "it is estimated"),
        # (was in test_no_attribution_without_a_source: an unnamed source is now a vague label)
        ("It is said that the castle is haunted.", "It is said", "it is said"),
        ("Two hikers were believed to have taken the north path.", "were believed", "it was believed"),
    ],
)
def test_an_impersonal_passive_is_a_vague_source(text: str, cue: str, label: str) -> None:
    found = _detect(text)
    assert [(f.quote, f.source.name if f.source else "", f.source.kind if f.source else "") for f in found] == [
        (cue, label, "vague")
    ]
    assert found[0].meta["speaker_text"] == ""  # no speaker span: nobody is named


@pytest.mark.parametrize(
    "text",
    [
        "The theft was reported to police on Monday.",
        "It was reported to the harbour office in June.",
        "The bakery is expected to open a second shop.",
        "The result was said in jest by nobody in particular.",
    ],
)
def test_a_plain_passive_or_a_forecast_is_no_impersonal_source(text: str) -> None:
    assert [f.rule for f in _detect(text) if f.rule.startswith("impersonal")] == []


def test_an_unnamed_document_in_the_lead_is_not_named_after_the_next_speaker() -> None:
    text = (
        "Rents rose again in March, according to a survey.\n\n"
        '"It is a hard time for tenants," said letting agent Poppy Marsh.'
    )
    lead = _detect(text)[0]
    assert lead.source is not None and not lead.source.named


@pytest.mark.parametrize(
    "text, cues",
    [
        ("Mayor Ida Krantz pledged to reopen the lido by June.", ["Mayor Ida Krantz pledged"]),
        (
            "Ida Krantz said the lido was safe and promised to publish the survey.",
            ["Ida Krantz said", "and promised"],
        ),
        ("Ida Krantz dismissed the talk of a rift.", ["Ida Krantz dismissed"]),
        (
            "Ida Krantz dismissed the talk of a rift and said the council was united.",
            ["Ida Krantz dismissed", "and said"],
        ),
    ],
)
def test_commitments_with_a_to_infinitive_and_dismissals_with_an_object_are_cues(text: str, cues: list[str]) -> None:
    assert [q for q, _, _ in _speakers(text)] == cues


@pytest.mark.parametrize(
    "text",
    [
        "The club promised to the winners a trip to Rome.",
        "The appeal was dismissed.",
        "Ida Krantz was dismissed in May.",
        "The manager dismissed two players for lateness.",
    ],
)
def test_a_promise_to_a_person_or_a_dismissal_without_speech_is_no_cue(text: str) -> None:
    assert [q for q, _, _ in _speakers(text) if "promised" in q or "dismissed" in q] == []


def test_a_relative_cue_inside_the_main_cue_is_an_attribution_of_its_own() -> None:
    text = "Mr Tobi Adeyemi, who insists he did nothing wrong, said the inquiry was unfair."
    assert _speakers(text) == [
        ("Mr Tobi Adeyemi, who insists he did nothing wrong, said", "Tobi Adeyemi", "person"),
        ("who insists", "Tobi Adeyemi", "person"),
    ]


def test_a_relative_clause_without_a_cue_adds_nothing() -> None:
    text = "Mr Tobi Adeyemi, who runs the bakery, said the rent was too high."
    assert [q for q, _, _ in _speakers(text)] == ["Mr Tobi Adeyemi, who runs the bakery, said"]


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The Greens said they would keep the tax but agreed bus fares would rise.", "but agreed"),
        ("Mr Lars Engel assured voters the clinic will stay open.", "Mr Lars Engel assured"),
    ],
)
def test_a_weak_cue_before_a_clause_without_that_is_a_cue(text: str, cue: str) -> None:
    assert cue in [q for q, _, _ in _speakers(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The hospital admitted 64 patients overnight.",
        "Mr Lars Engel agreed terms with the club in May.",
        "The band continued the tour in Spain.",
    ],
)
def test_a_weak_cue_before_a_plain_object_is_still_no_cue(text: str) -> None:
    assert _speakers(text) == []


@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        ("Coach Rui Mota was concerned that the pitch had been watered.", "Coach Rui Mota was concerned", "Rui Mota"),
        ("Ms Ada Pike spoke first. She is adamant that the mill must stay.", "She is adamant", "Ada Pike"),
        ("Rui Mota intimated that the referee had been swayed.", "Rui Mota intimated", "Rui Mota"),
    ],
)
def test_a_state_of_mind_with_content_and_intimated_are_cues(text: str, cue: str, speaker: str) -> None:
    assert (cue, speaker, "person") in _speakers(text)


@pytest.mark.parametrize(
    "text",
    [
        "People were worried that prices would rise.",
        "The report is confident that sales will grow.",
        "Rui Mota was concerned about the pitch.",
        "They were certain that it would rain.",
    ],
)
def test_a_state_of_mind_without_a_speaker_or_content_is_no_cue(text: str) -> None:
    assert _speakers(text) == []


@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        ("Senator Ivy Roan is warning that the bridge will fail.", "Senator Ivy Roan is warning", "Ivy Roan"),
        ("The Harbour Board was urging owners to move their boats.", "The Harbour Board was urging", "Harbour Board"),
        ("Mr Ezra Cole is now calling for a recount.", "Mr Ezra Cole is now calling", "Ezra Cole"),
    ],
)
def test_a_cue_in_the_progressive_is_a_cue(text: str, cue: str, speaker: str) -> None:
    assert [(q, name) for q, name, _ in _speakers(text)] == [(cue, speaker)]


@pytest.mark.parametrize(
    "text",
    [
        "More shoppers are calling from their mobile phones.",
        "The novelist Ada Fenn is writing a book about whales.",
        "Nobody is saying anything.",
    ],
)
def test_a_progressive_without_speech_is_no_cue(text: str) -> None:
    assert _speakers(text) == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Ms Ada Pike, in a statement on Monday, said the plan was dead.", "Ada Pike"),
        ("Tom Reyes, for the Green Party, said the vote was a disgrace.", "Tom Reyes"),
        ("Ada Pike, however, insisted the plan was sound.", "Ada Pike"),
        ("Separately, the city's largest bakery, Crumbwell, said it would close.", "Crumbwell"),
        ("After the vote Ada Pike, a local farmer, said the result was fair.", "Ada Pike"),
    ],
)
def test_an_aside_between_the_speaker_and_the_verb_is_skipped(text: str, speaker: str) -> None:
    assert [name for _, name, _ in _speakers(text)] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Ada Pike -- co-author of a study on rivers -- said the dam was unsafe.",
        "Ada Pike - a well-known hydrologist - said the dam was unsafe.",
    ],
)
def test_an_aside_between_double_hyphens_or_with_a_hyphenated_word_is_skipped(text: str) -> None:
    assert [name for _, name, _ in _speakers(text)] == ["Ada Pike"]


def test_a_firm_named_inside_an_appositive_before_a_dash_aside_is_not_the_speaker() -> None:
    text = "Ada Pike, chief executive of Rivo - a firm which sells hand-made boats - believes sales will rise."
    assert "Rivo" not in [name for _, name, _ in _speakers(text)]
