"""Attribution, eighth pass of issue 19: phrase cues mined from PolNeAR train and the subject shapes
its misses showed (vague groups, asides, bare plurals). Every sentence here was written for these tests."""

from __future__ import annotations

import json

import pytest

from credibility.quality.training.attribution_cues import finding_table, normalise, phrase_key, phrase_table
from tests.credibility.analysis.detectors.attribution_helpers import cue_speakers, detect_attributions

_detect = detect_attributions
_speakers = cue_speakers


# --- phrase cues -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, quote",
    [
        ("Marta Quillon called for a second vote on the ferry levy.", "Marta Quillon called for"),
        ("The harbour board calls for calm after the flooding.", "The harbour board calls for"),
        ("Tobias Wend pushed for an earlier closing time at the depot.", "Tobias Wend pushed for"),
        ("Orla Penrith vouched for the new treasurer at the meeting.", "Orla Penrith vouched for"),
        ("Ivo Marchetti called out the council over the missed repairs.", "Ivo Marchetti called out"),
        ("The Brackwater Rowing Club issued a statement on Sunday.", "The Brackwater Rowing Club issued a statement"),
        ("Lena Broadhurst opened up about her years at the mill.", "Lena Broadhurst opened up about"),
        ("Dario Fenn shrugged off the criticism of his budget.", "Dario Fenn shrugged off"),
        ("Nadia Orlov distanced herself from the letter.", "Nadia Orlov distanced herself from"),
        ("Cyrus Hale apologized for the delays at the clinic.", "Cyrus Hale apologized for"),
        ("Ann Bell points to the deficit as proof that the plan failed.", "Ann Bell points to"),
    ],
)
def test_mined_phrase_cues_credit_their_subject(text: str, quote: str) -> None:
    assert quote in [q for q, _name, _kind in _speakers(text)]


@pytest.mark.parametrize(
    "text",
    [
        "As Greta Voss put it, the ferry is the town's only road.",
        "Greta Voss put it this way: the ferry is the town's only road.",
        '"The ferry is our only road," as one harbour worker put it.',
    ],
)
def test_put_it_credits_the_speaker_of_the_quoted_words(text: str) -> None:
    assert any(q.endswith("put it") for q, _name, _kind in _speakers(text))


@pytest.mark.parametrize(
    "text",
    [
        "Greta Voss put it on the shelf by the door.",
        "The bakery put it up for sale in March.",
        "Peace talks about the border resumed on Monday.",
        "The index rose 20 points to 5,100 in early trading.",
    ],
)
def test_phrases_in_their_other_senses_credit_nobody(text: str) -> None:
    assert _speakers(text) == []


def test_a_non_answer_is_no_attribution() -> None:
    # "declined to comment" is a PolNeAR cue, but it credits no statement (BBC guide): left out.
    assert _speakers("The ferry company declined to comment on the timetable.") == []


# --- vague groups --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Several Liberal councillors said the levy would fall on tenants.", "several Liberal councillors"),
        ("Other Green candidates said they back the tram extension.", "other Green candidates"),
    ],
)
def test_a_quantified_plural_group_is_a_vague_speaker(text: str, speaker: str) -> None:
    assert [(name, kind) for _q, name, kind in _speakers(text)] == [(speaker, "vague")]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The authorities say they were preparing a second search.", "the authorities"),
        ("The marchers said the parade would go ahead.", "the marchers"),
    ],
)
def test_a_definite_plural_group_is_a_label_not_a_vague_source(text: str, speaker: str) -> None:
    # the group the article described, referred back to: a lower-case label (no Source row), no weasel
    found = _speakers(text)
    assert [(name, kind) for _q, name, kind in found] == [(speaker, "person")]
    assert not [f for f in _detect(text) if f.source is not None and f.source.named]


def test_the_lawyers_of_a_party_named_before_are_not_a_vague_group() -> None:
    assert _speakers("Lawyers for the pair denied that they had planted the device.") == []


def test_a_definite_singular_description_stays_unread() -> None:
    # "The island ferry giant said": one body the article named before; no guess from the words alone.
    assert _speakers("The island ferry giant said the fares would rise.") == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The tide came in early, fishermen said.", "fishermen"),
        ("The queue, bakers say, starts before dawn.", "bakers"),
        ("If the rain keeps up, forecasters say the river will burst its banks.", "forecasters"),
    ],
)
def test_a_bare_plural_group_closing_or_opening_a_clause_speaks(text: str, speaker: str) -> None:
    assert [(name, kind) for _q, name, kind in _speakers(text)] == [(speaker, "vague")]


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("Tile makers, for instance, argue that imports undercut them.", "tile makers", "vague"),
        ("Opponents of the new bypass, however, say it will empty the high street.", None, "vague"),
        ("Supporters of the rail strike argued that the pay offer was too low.", None, "vague"),
        ("The petition, which was signed by 400 parents, claimed that the crossing is unsafe.", "the petition", None),
    ],
)
def test_an_aside_or_a_lower_case_tail_does_not_hide_the_subject(
    text: str, speaker: str | None, kind: str | None
) -> None:
    found = _speakers(text)
    assert len(found) == 1
    _quote, name, got_kind = found[0]
    if speaker is not None:
        assert name == speaker
    if kind is not None:
        assert got_kind == kind


def test_a_capitalised_name_with_of_stays_a_name() -> None:
    found = _speakers("Harbour Board of Trustees officials said the quay would reopen.")
    assert found and all(name != "Harbour Board of Trustees officials" for _q, name, _k in found)


# --- the mining script -------------------------------------------------------------------------
def test_normalise_drops_auxiliaries_and_groups_inflections() -> None:
    assert normalise("did not respond to") == ("respond", "to")
    assert normalise("has repeatedly called for") == ("called", "for")
    assert phrase_key(normalise("talked about")) == phrase_key(normalise("talks about"))


def test_phrase_table_counts_gold_misses_and_text_precision() -> None:
    text = "Ann Bell called for a vote. Tom Ruiz called for calm. The dog called for its owner."
    article = {
        "id": "a1",
        "text": text,
        "attributions": [
            {"source": [[0, 8]], "cue": [[9, 19]], "content": [[20, 26]]},
            {"source": [[28, 36]], "cue": [[37, 47]], "content": [[48, 52]]},
        ],
    }
    rows = phrase_table([article], {"a1": [(0, 8)]}, min_gold=1)
    assert len(rows) == 1
    row = rows[0]
    assert row["forms"] == ["called for"]
    assert (row["gold"], row["missed"], row["occurrences"]) == (2, 1, 3)
    assert row["text_precision"] == pytest.approx(0.667)
    json.dumps(rows)  # a JSON-lines report


def test_finding_table_scores_findings_by_their_cue_words() -> None:
    articles = [{"id": "a1", "attributions": [{"source": [[0, 8]], "cue": [[9, 13]]}]}]
    predicted = {"a1": [((0, 8), (9, 13), "said"), ((20, 24), (25, 29), "said")]}
    assert finding_table(articles, predicted) == [{"cue": "said", "findings": 2, "precision": 0.5}]


# --- quotations opened with two apostrophes ----------------------------------------------------
@pytest.mark.parametrize(
    "text, quote",
    [
        ("Ann Bell has called the ferry plan ''a shambles.''", "Ann Bell has called"),
        ("Tomas Reyes admitted ''we got the timetable wrong.''", "Tomas Reyes admitted"),
    ],
)
def test_a_weak_cue_before_a_two_apostrophe_quotation_is_read(text: str, quote: str) -> None:
    assert quote in [q for q, _name, _kind in _speakers(text)]


def test_a_weak_cue_with_a_plain_object_stays_unread() -> None:
    assert _speakers("Tomas Reyes admitted the error.") == []


# --- a weak cue right after a closed quotation -------------------------------------------------
def test_a_weak_cue_after_a_closed_quotation_credits_it_however_long_the_tail() -> None:
    text = '"The levy is dead," Wilma Ostrander admitted during a long interview for the harbour radio on Friday.'
    assert ("Wilma Ostrander admitted", "Wilma Ostrander", "person") in _speakers(text)


def test_a_weak_cue_with_no_quotation_before_it_stays_unread() -> None:
    assert _speakers("The harbour clinic admitted 64 patients during the storm on Friday morning.") == []


# --- "according to" a definite text or record -------------------------------------------------
@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The clerk never filed the forms, according to the summary.", "the summary"),
        ("Turnout rose by a third, according to the results.", "the results"),
    ],
)
def test_according_to_a_definite_record_credits_it_as_an_unnamed_document(text: str, speaker: str) -> None:
    found = [f for f in _detect(text) if f.source is not None]
    assert [(f.source.name, f.source.kind) for f in found] == [(speaker, "document")]
    assert not found[0].source.named


def test_according_to_a_timetable_that_is_followed_is_no_source() -> None:
    assert _speakers("The night ferry ran according to the timetable.") == []


# --- coordinated cues in a subordinate clause ----------------------------------------------------
def test_a_coordinated_cue_in_a_when_clause_shares_that_clause_subject() -> None:
    text = "The hall went quiet, and when Odile Marchand thanked the crew and said the season was over, nobody moved."
    assert ("and said", "Odile Marchand", "person") in _speakers(text)


def test_an_opening_adverb_does_not_hide_the_subject_of_a_coordinated_cue() -> None:
    text = "There, Piet Vandermolen declined to name the buyers but said one was a local family."
    assert ("but said", "Piet Vandermolen", "person") in _speakers(text)
