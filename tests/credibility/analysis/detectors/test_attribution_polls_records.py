"""Attribution on real news (issue 19): poll respondents as a whole and shares restated as a figure,
records that speak only through a document verb, and capitalised document modifiers that are no
names. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from tests.credibility.analysis.detectors.attribution_helpers import cue_speakers

_speakers = cue_speakers


# --- poll respondents --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, quote, name",
    [
        ("In the harbour poll, those surveyed said the ferry ran late.", "those surveyed said", "those surveyed"),
        ("Once more, those polled said the mayor was best placed.", "those polled said", "those polled"),
        ("Those interviewed say the clinic has too few nurses.", "Those interviewed say", "those interviewed"),
        (
            "Among tenants, about two-thirds, 61 percent, say rents are too high.",
            "about two-thirds, 61 percent, say",
            "about two-thirds",
        ),
        (
            "A quarter of drivers, 24%, say they avoid the bridge.",
            "A quarter of drivers, 24%, say",
            "a quarter of drivers",
        ),
        ("Just over half, 52 percent, said the bus was late.", "Just over half, 52 percent, said", "just over half"),
    ],
)
def test_respondents_and_restated_shares_speak_as_the_poll(text: str, quote: str, name: str) -> None:
    found = {q: (n, k) for q, n, k in _speakers(text)}
    assert found.get(quote) == (name, "document")


def test_a_restated_figure_needs_a_share_before_it() -> None:
    # a number between commas after a person is an age, not a share of those polled
    assert [n for _q, n, _k in _speakers("Tomas Greve, 61, said the pier was unsafe.")] == ["Tomas Greve"]


# --- records that speak through a document verb ----------------------------------------------
@pytest.mark.parametrize(
    "text, quote",
    [
        ("The emails show that the clerk approved the contract.", "The emails show"),
        ("The memos revealed the depot had been warned twice.", "The memos revealed"),
        ("Its ledgers suggest the farm lost money for years.", "Its ledgers suggest"),
    ],
)
def test_records_speak_before_a_document_verb(text: str, quote: str) -> None:
    assert quote in [q for q, _n, _k in _speakers(text)]


@pytest.mark.parametrize(
    "text",
    [
        "She received dozens of emails from parents about the closure.",
        "Strong results from Harlow Foods lifted the index.",
        "The memos were filed in a cabinet at the depot.",
    ],
)
def test_records_as_objects_credit_nobody(text: str) -> None:
    assert _speakers(text) == []


# --- capitalised document modifiers are no names -----------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Early polls show the mayor ahead in the north.",
        "Public records show the firm paid no rent.",
        "Initial reports suggested the bridge was closed.",
        "Final figures showed turnout of 64 percent.",
    ],
)
def test_a_capitalised_modifier_before_a_document_names_nobody(text: str) -> None:
    found = _speakers(text)
    assert len(found) == 1
    _quote, name, kind = found[0]
    assert kind != "person"
    assert name == name.lower()


# --- a text's wording, and a bracketed affiliation before a participle's verb ------------------
@pytest.mark.parametrize(
    "text, quote",
    [
        ('The notice read: "The pool is closed until June."', "The notice read"),
        ('The ward letter reads: "We regret the delay."', "The ward letter reads"),
        ('"We regret the delay," Ines Carrow read from the card.', "Ines Carrow read"),
    ],
)
def test_a_text_reads_its_wording(text: str, quote: str) -> None:
    assert quote in [q for q, _n, _k in _speakers(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Mara Lind read the report twice before the hearing.",
        "The clerk reads the minutes aloud every Monday.",
    ],
)
def test_reading_something_is_no_cue(text: str) -> None:
    assert _speakers(text) == []


def test_a_bracketed_affiliation_lets_the_participle_credit_the_subject() -> None:
    found = _speakers("Sen. Lorna Vick (D-Maine) answered the letter, saying the base would stay open.")
    assert [(n, k) for _q, n, k in found] == [("Lorna Vick", "person")]


# --- "has learned", and the participles of stance cues -------------------------------------------
def test_a_newsroom_that_has_learned_is_the_source() -> None:
    found = _speakers("The Harbour Gazette has learned that the ferry contract will be cut.")
    assert [q for q, _n, _k in found] == ["The Harbour Gazette has learned"]


def test_learning_a_skill_is_no_cue() -> None:
    assert _speakers("Ada Fenwick learned to sail at the club.") == []


@pytest.mark.parametrize(
    "text, quote",
    [
        ("Ada Fenwick spoke at the dock on Friday, pointing to the rising fuel bills.", "pointing"),
        ("Tomas Greve wrapped up the meeting early, referring to the vote as a sham.", "referring"),
        ("Lorna Vick took questions from pupils, defending the new timetable.", "defending"),
        ("Ines Carrow opened the hall, praising the volunteers who rebuilt it.", "praising"),
    ],
)
def test_stance_participles_credit_the_clause_subject(text: str, quote: str) -> None:
    assert any(q.endswith(quote) for q, _n, _k in _speakers(text))


def test_referring_something_onward_is_no_cue() -> None:
    # a non-answer passed on, not a statement
    assert _speakers("The depot did not comment, referring the matter to its lawyers.") == []


# --- single verbs grown from PolNeAR train ------------------------------------------------------
@pytest.mark.parametrize(
    "text, quote",
    [
        ('"Not in my name!" Ada Fenwick shouted.', "Ada Fenwick shouted"),
        ('Tomas Greve interjected: "That is not what the report says."', "Tomas Greve interjected"),
        ("Ines Carrow speculated that the depot would close by spring.", "Ines Carrow speculated"),
        ("Lorna Vick portrayed the levy as a tax on the poor.", "Lorna Vick portrayed"),
        ("Ada Fenwick rebuked the board for its silence.", "Ada Fenwick rebuked"),
        ("Tomas Greve disputed the council's figures.", "Tomas Greve disputed"),
        ("The trust praises the volunteers in its annual letter.", "The trust praises"),
        ("The Harbour Gazette quoted the mayor as saying the pier was safe.", "The Harbour Gazette quoted"),
        ("Ada Fenwick bemoaned the loss of the night bus.", "Ada Fenwick bemoaned"),
        ("Tomas Greve compared the levy to a toll on the poor.", "Tomas Greve compared"),
        ("Lorna Vick referenced the 1990 flood in her speech.", "Lorna Vick referenced"),
        ("Ines Carrow voiced doubts about the new timetable.", "Ines Carrow voiced"),
        ("The trust outlined its plan for the pier in a letter.", "The trust outlined"),
    ],
)
def test_grown_verbs_are_cues(text: str, quote: str) -> None:
    assert quote in [q for q, _n, _k in _speakers(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Ada Fenwick shouted across the yard.",  # a manner of speaking needs what was said
        "The quiz discussed in class was hard.",  # a participle used as an adjective
        "Lorna Vick thanked.",
        "Sales rose 4%, compared with a year ago.",
    ],
)
def test_grown_verbs_need_content_or_an_object(text: str) -> None:
    assert _speakers(text) == []


def test_a_group_in_a_place_is_not_the_place() -> None:
    found = _speakers("Jurors in Harwell said the fine was too low.")
    assert [(n, k) for _q, n, k in found] == [("jurors in Harwell", "vague")]


# --- the audience of "told", content after "that", a person from a body --------------------------
def test_the_outlet_told_is_the_audience_never_the_speaker() -> None:
    found = _speakers('"We will reopen in May," told the Harbour Gazette.')
    assert all(name != "Harbour Gazette" for _q, name, _k in found)


def test_what_follows_that_is_content_not_the_speaker() -> None:
    found = _speakers("Brick makers, for instance, argue that imports from Norway and Chile grew.")
    assert [(n, k) for _q, n, k in found] == [("brick makers", "vague")]


@pytest.mark.parametrize(
    "text",
    [
        '"Sales are flat," Kirsten Vale from the Harbour Trust, told the Gazette.',
        '"Sales are flat," Kirsten Vale from the Harbour Trust told the Gazette.',
    ],
)
def test_a_person_from_a_body_speaks_herself(text: str) -> None:
    assert [(n, k) for _q, n, k in _speakers(text)] == [("Kirsten Vale", "person")]


# --- what follows an inverted cue -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Ann Bell, a long-serving member, said he hadn't read the report.",  # "he" opens the content
        "Several mourners at the chapel said Ali's death had shaken the town.",  # a possessive opens it
        "A former aide, speaking on condition of anonymity, said Gates described the plan.",
    ],
)
def test_an_inverted_speaker_is_never_the_content_s_subject(text: str) -> None:
    names = [n for _q, n, _k in _speakers(text)]
    assert "he" not in names and "Ali" not in names and "Gates" not in names


@pytest.mark.parametrize(
    "text, name",
    [
        ('"It is a disgrace," said Ruiz\'s chief of staff Jake Orlow.', "Jake Orlow"),
        ('"It is a disgrace," said Ann Bell\'s campaign manager, Rich Beeson, who ran the count.', "Rich Beeson"),
        ('"Rates will rise," said Dan Weiss of Standard & Poor\'s in New York.', "Dan Weiss"),
    ],
)
def test_a_possessive_after_the_cue_names_the_role_holder(text: str, name: str) -> None:
    assert [n for _q, n, _k in _speakers(text)] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Aides to the governor said the vote would be close.", "aides to the governor"),
        ("Advisers to Mr. Ruiz say he is weary of the talks.", "advisers to Mr. Ruiz"),
    ],
)
def test_a_group_attached_to_someone_is_a_vague_source(text: str, name: str) -> None:
    assert [(n, k) for _q, n, k in _speakers(text)] == [(name, "vague")]


def test_an_infinitive_after_a_group_is_no_postmodifier() -> None:
    found = _speakers("Fast trains are encouraging more people to travel by rail, research suggests.")
    assert all(not n.startswith("people to") for _q, n, _k in found)
