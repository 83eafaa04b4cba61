"""Attribution, tenth pass of issue 19: bodies described rather than named ("the utility", "the
Leeds-based baker", "the payments software company"), names the text treats as a body, and a
results verb read as a post. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from credibility.analysis.detectors.attribution import AttributionDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, Finding
from tests.credibility.analysis.detectors.attribution_helpers import cue_speakers


def _speaker_of(text: str, quote: str) -> tuple[str, str] | None:
    return next(((name, kind) for q, name, kind in cue_speakers(text) if q == quote), None)


def _quotes(text: str) -> list[str]:
    return [q for q, _, _ in cue_speakers(text)]


# --- a name its sentence calls "its" is a body's ----------------------------------------------------
def test_name_called_its_is_a_body() -> None:
    text = "Marrow Freight has closed two depots, saying its costs had doubled since spring."
    assert _speaker_of(text, "Marrow Freight has closed two depots, saying") == ("Marrow Freight", "organization")


@pytest.mark.parametrize(
    "text, quote",
    [
        # a given name first: "its" is the firm's, Tom Hale stays a person
        ("Tom Hale has sold the bakery and its vans, saying he wanted to retire.", "Tom Hale"),
        # an "its" inside what the person said is not the person
        ("Piet Vorster said the council had a duty to guard its parks.", "Piet Vorster said"),
    ],
)
def test_its_elsewhere_leaves_a_person(text: str, quote: str) -> None:
    found = [(name, kind) for q, name, kind in cue_speakers(text) if q.startswith(quote)]
    assert found and found[0][1] == "person"


# --- a type word for the body the story is about ----------------------------------------------------
def test_type_word_resolves_to_the_lead_body() -> None:
    text = (
        "Ostrava Grid has ended its rolling blackouts after six weeks. "
        "Engineers rebuilt two turbines over the winter. "
        "Supply will stay normal through the summer, the utility said."
    )
    assert _speaker_of(text, "the utility said") == ("Ostrava Grid", "organization")


def test_the_company_of_a_story_about_one_company() -> None:
    text = (
        "Harwick Foods has reported a fall in profit, blaming costs at its bakeries. "
        "Flour prices rose by a third in a year. "
        "Bread sales were flat. "
        "Volumes will recover in spring, the company said."
    )
    assert _speaker_of(text, "the company said") == ("Harwick Foods", "organization")


def test_type_word_resolves_to_the_body_that_just_spoke() -> None:
    text = (
        "The Rail Safety Office said it had opened an inquiry into the crash. "
        "Two drivers were suspended, the watchdog said."
    )
    assert _speaker_of(text, "the watchdog said") == ("Rail Safety Office", "government_body")


def test_type_word_is_not_another_kind_of_body() -> None:
    """A league is no club named before it; a court is not the story's firm."""
    text = (
        "Harwick Rovers lost again on Saturday. "
        "According to the league's figures, the club has scored four goals in eight games."
    )
    assert _speaker_of(text, "According to the league's figures") != ("Harwick Rovers", "organization")


def test_a_named_body_type_word_keeps_its_own_meaning() -> None:
    """ "the government" after a commission spoke is a government, not the commission."""
    text = (
        "The Boundary Commission said it would redraw four seats. "
        "The government has suggested the change should wait a year."
    )
    assert _speaker_of(text, "The government has suggested") != ("Boundary Commission", "government_body")


# --- descriptions of the body just named --------------------------------------------------------------
def test_description_with_modifiers_is_the_body_just_named() -> None:
    text = "Shares of Plover Inc rose on Monday after the payments software company reported record sales."
    name, kind = _speaker_of(text, "the payments software company reported") or ("", "")
    assert "Plover Inc" in name and kind == "organization"


def test_contrasting_modifier_is_another_body() -> None:
    text = "Plover Inc rose on Monday after the rival company reported weak sales."
    assert _speaker_of(text, "the rival company reported") != ("Plover Inc", "organization")


def test_place_based_description_refers_back() -> None:
    text = (
        "Harwick Foods has reported a fall in profit, blaming costs at its bakeries. "
        "The Leeds-based baker said sales fell 3 per cent."
    )
    assert _speaker_of(text, "The Leeds-based baker said") == ("Harwick Foods", "organization")


def test_place_based_modifier_is_no_name() -> None:
    text = "Delta Oils has cut its dividend. The Oslo-based driller said output fell, and the firm said more."
    names = {name for _, name, _ in cue_speakers(text)}
    assert "Oslo-based" not in names


def test_name_after_its_place_based_description() -> None:
    text = "Tablet sales will halve, according to a study published by Leeds-based consultancy Quarto."
    names = {name for _, name, _ in cue_speakers(text)}
    assert "Quarto" in names


# --- a result is no post ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Delta Oils said it posted a profit of $12.5m in the year.",
        "The bank posted a 4% rise in lending.",
    ],
)
def test_posted_result_is_no_attribution(text: str) -> None:
    assert not any(q.endswith("posted") for q in _quotes(text))


def test_posted_message_is_an_attribution() -> None:
    assert _speaker_of("Ann Bell posted on Facebook that the road was shut.", "Ann Bell posted on Facebook") == (
        "Ann Bell",
        "person",
    )


# --- asides between the speaker and the verb ----------------------------------------------------------
@pytest.mark.parametrize(
    "text, quote, name",
    [
        (
            "Anna Berg, regional organiser for the Transport Workers' Union, warned that more cuts were likely.",
            "Anna Berg, regional organiser for the Transport Workers' Union, warned",
            "Anna Berg",
        ),
        (
            "Tom Hale, of the Greenway group, said the plan was a disgrace.",
            "Tom Hale, of the Greenway group, said",
            "Tom Hale",
        ),
        (
            "Farm consultant Peter Quist, of Delta Advisory, expects prices to fall.",
            "consultant Peter Quist, of Delta Advisory, expects",
            "Peter Quist",
        ),
    ],
)
def test_affiliation_between_speaker_and_verb(text: str, quote: str, name: str) -> None:
    assert _speaker_of(text, quote) == (name, "person")


def test_name_after_a_role_between_commas_is_the_speaker() -> None:
    text = "The count ended late, with 900 votes for the Green candidate, Sam Orr, the returning officer, Lisa Frey, announced."
    assert ("Lisa Frey", "person") in [(name, kind) for _, name, kind in cue_speakers(text)]
    assert "Sam Orr" not in {name for _, name, _ in cue_speakers(text)}


def test_and_opens_no_description() -> None:
    text = "Leading analyst, and founder of the Kestrel consultancy Maud Ferrier, said demand would slow."
    assert "Leading analyst" not in {name for _, name, _ in cue_speakers(text)}


# --- a month after a place or time preposition is no name ---------------------------------------------
def test_document_by_a_body_in_a_month() -> None:
    text = "Rents rose by a fifth, according to figures published by the council in Febuary."
    assert "Febuary" not in {name for _, name, _ in cue_speakers(text)}


# --- a Source is named as the article spells it, not as a slip does ------------------------------------
def test_source_name_takes_the_typo_correction() -> None:
    text = "The Harbour Assocation said the quay would reopen in May."
    at = text.index("Assocation")
    typo = Finding(
        kind="typo",
        start=at,
        end=at + len("Assocation"),
        quote="Assocation",
        detector="typos@1",
        rule="known-misspelling",
        confidence=0.9,
        suggestion="Association",
    )
    document = Document(text=text, sentences=split_sentences(text))
    found = AttributionDetector().detect(document, AnalysisContext(), (typo,))
    assert [f.source.name for f in found if f.source is not None] == ["Harbour Association"]


# --- documents credited to who brought them out --------------------------------------------------------
def test_document_by_a_body_after_a_time_phrase() -> None:
    text = "The mayor took bribes, according to an audit completed last month by the Harbour Audit Office."
    assert _speaker_of(text, "according to an audit completed last month by the Harbour Audit Office") == (
        "Harbour Audit Office",
        "government_body",
    )


def test_document_by_a_body_known_by_its_type() -> None:
    text = "Prices will rise, according to forecasts issued in May by the national statistics bureau."
    found = [(name, kind) for q, name, kind in cue_speakers(text) if q.startswith("according to forecasts")]
    assert found == [("national statistics bureau", "government_body")]


def test_the_report_is_the_one_its_subject_published() -> None:
    text = (
        "The Audit Office criticised Harbour Council in a report published on Monday. "
        "The report said managers had ignored warnings."
    )
    assert _speaker_of(text, "The report said") == ("Audit Office", "government_body")


def test_the_survey_cited_by_nobody_is_not_the_subject_of_the_lead() -> None:
    text = (
        "Welsh farming shrank last year, according to a survey. "
        "The Growers Council said prices fell. The survey added that wages rose."
    )
    assert _speaker_of(text, "The survey added") != ("Welsh", "organization")


# --- groups known by what they do ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, quote",
    [
        ("Innkeepers in the valley say rooms are full.", "Innkeepers in the valley say"),
        ("Tram drivers say the new timetable is unworkable.", "Tram drivers say"),
        ("Veteran skippers say the new pier harms the seals.", "Veteran skippers say"),
        ("Critics however argue that the plan is flawed.", "Critics however argue"),
    ],
)
def test_group_by_its_trade_is_vague(text: str, quote: str) -> None:
    found = _speaker_of(text, quote)
    assert found is not None and found[1] == "vague"


@pytest.mark.parametrize("text", ["Sanders said the vote was rigged.", "Kim Vanders has denied reports that she quit."])
def test_surname_ending_like_a_trade_is_a_person(text: str) -> None:
    assert [kind for _, _, kind in cue_speakers(text)] == ["person"]


def test_group_speaking_for_a_body_named_by_type() -> None:
    text = "Weather forecasters at the state weather agency say rain is coming."
    assert _speaker_of(text, "Weather forecasters at the state weather agency say") == (
        "state weather agency",
        "government_body",
    )


# --- a subject with a restrictive who-clause -----------------------------------------------------------
@pytest.mark.parametrize(
    "text, quote, kind",
    [
        (
            "Local traders who attended the meeting said they were angry.",
            "Local traders who attended the meeting said",
            "vague",
        ),
        ("Ann Bell who runs the bakery said prices would rise.", "Ann Bell who runs the bakery said", "person"),
    ],
)
def test_subject_before_a_who_clause_speaks(text: str, quote: str, kind: str) -> None:
    found = _speaker_of(text, quote)
    assert found is not None and found[1] == kind


# --- the writer's pronoun over a given name's usual sex ------------------------------------------------
def test_she_after_a_quote_is_the_speaker_whose_sex_was_only_guessed() -> None:
    text = 'Park director Jess Ames said new gates had been fitted. "Safety comes first," she said.'
    assert _speaker_of(text, "she said") == ("Jess Ames", "person")


def test_she_after_a_quote_is_no_man_the_text_calls_mr() -> None:
    text = 'Mr Tom Ames said new gates had been fitted. "Safety comes first," she said.'
    assert _speaker_of(text, "she said") != ("Tom Ames", "person")


# --- a body's people, and a person's supporters --------------------------------------------------------
def test_a_bodys_people_with_a_plural_verb_speak() -> None:
    found = _speaker_of("Some GOP strategists say that support will fall.", "Some GOP strategists say")
    assert found is not None and found[1] != "person"


def test_supporters_of_a_person_are_the_speakers() -> None:
    assert _speaker_of("Supporters of the mayor say the plan works.", "Supporters of the mayor say") == (
        "supporters of the mayor",
        "vague",
    )


def test_a_body_after_of_is_not_turned_into_a_group() -> None:
    """Officials of a body are its unnamed people (like "officials at the ministry"), never a person."""
    found = [(name, kind) for _, name, kind in cue_speakers("Officials of the ministry said the road was shut.")]
    assert found == [("officials of the ministry", "vague")]


# --- documents: long modifiers, asides, titles ---------------------------------------------------------
def test_owner_before_several_modifiers_and_an_aside() -> None:
    text = "Harwick's annual tax transparency report, published alongside the results, shows the firm paid little tax."
    found = [name for q, name, _ in cue_speakers(text) if q.endswith("shows")]
    assert found == ["Harwick"]


def test_named_pollster_with_an_aside_before_the_verb() -> None:
    text = "A Quarto Research poll of 900 voters, commissioned by the Daily Echo, found that the race was close."
    assert [name for q, name, _ in cue_speakers(text) if q.endswith("found")] == ["Quarto Research"]


def test_modifiers_stop_at_a_comma() -> None:
    text = "Faster chips will not help phone firms sell more handsets, research suggests."
    assert _speaker_of(text, "research suggests") == ("the research", "document")


def test_a_capitalised_document_word_in_a_title_is_no_document() -> None:
    text = "The band topped the charts with Bluebirds, which was voted Record Of The Year on the late show."
    assert cue_speakers(text) == []


# --- a question put to someone -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, quote",
    [
        ("Councillor Ann Bell asked the mayor whether the pool would reopen.", "Councillor Ann Bell asked"),
        ("Tom Ruiz asked him why the road was shut.", "Tom Ruiz asked"),
    ],
)
def test_asked_someone_whether_is_an_attribution(text: str, quote: str) -> None:
    found = [kind for q, _, kind in cue_speakers(text) if q.startswith(quote)]
    assert found == ["person"]


def test_asked_for_an_object_is_no_attribution() -> None:
    assert cue_speakers("Tom Ruiz asked the waiter for a glass of water.") == []


# --- a characterisation --------------------------------------------------------------------------------
def test_described_something_as_is_an_attribution() -> None:
    assert _speaker_of("Ann Bell described the deal as a betrayal of workers.", "Ann Bell described") == (
        "Ann Bell",
        "person",
    )


def test_described_without_as_is_no_attribution() -> None:
    assert cue_speakers("Tom Ruiz described the route in his diary.") == []


# --- a short phrase before "that" ----------------------------------------------------------------------
def test_admitted_in_court_that_is_an_attribution() -> None:
    assert _speaker_of("Ann Bell admitted in court that she had lied.", "Ann Bell admitted") == ("Ann Bell", "person")


def test_continued_in_a_job_that_is_no_attribution() -> None:
    assert cue_speakers("Tom Ruiz continued in the job that he loved.") == []


# --- a title's portfolio after a descriptor ------------------------------------------------------------
def test_name_after_a_described_title_and_its_portfolio() -> None:
    text = "Provincial Minister of Forests and Lakes Jean-Paul Moreau said in a statement that funding was at a record."
    assert [name for _, name, _ in cue_speakers(text)] == ["Jean-Paul Moreau"]


# --- after an inverted cue: a body, qualified role words, then the person ------------------------------
@pytest.mark.parametrize(
    "text, name",
    [
        ('"We will act," said HPA regional director Ann Bell.', "Ann Bell"),
        ('"Prices will fall," wrote Delta credit analyst Tom Ruiz.', "Tom Ruiz"),
    ],
)
def test_person_after_body_and_qualified_role(text: str, name: str) -> None:
    assert [found for _, found, _ in cue_speakers(text)] == [name]


# --- a group with an "of" phrase, and "which" after one --------------------------------------------------
@pytest.mark.parametrize(
    "text, quote",
    [
        ("Residents of Tarn village said the road flooded.", "Residents of Tarn village said"),
        ("Critics of the plan say it is too costly.", "Critics of the plan say"),
    ],
)
def test_group_with_an_of_phrase_is_vague(text: str, quote: str) -> None:
    found = _speaker_of(text, quote)
    assert found is not None and found[1] == "vague"


def test_which_after_a_bodys_members_is_the_body() -> None:
    text = "The talks included members of the Harbour Board, which has denied any wrongdoing."
    assert _speaker_of(text, "which has denied") == ("Harbour Board", "government_body")
