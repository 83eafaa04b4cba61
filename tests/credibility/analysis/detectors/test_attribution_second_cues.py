"""Attribution, issue 19: a participle after a speaker's cue that says something more (", adding
that ...") is an attribution of its own to the same speaker. Every sentence here was written for
these tests."""

from __future__ import annotations

import pytest

from tests.credibility.analysis.detectors.attribution_helpers import cue_speakers, detect_attributions


@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        (
            '"The pier will reopen in May," Hattie Crane said, adding that the cafe would follow.',
            "adding",
            "Hattie Crane",
        ),
        ('"We ran out of grit," said Owen Prys, noting that the lorries came late.', "noting", "Owen Prys"),
        (
            "\u201cIt was a fair fight,\u201d the referee said on Sunday, explaining why he let play go on.",
            "explaining",
            "referee",
        ),
        (
            "Hattie Crane said the pier would reopen in May, adding that the cafe would follow.",
            "adding",
            "Hattie Crane",
        ),
        ("Owen Prys told the parish meeting that the grit had run out, citing late lorries.", "citing", "Owen Prys"),
        ("The ferry company denied the claims, adding that its boats had passed every check.", "adding", "ferry"),
        (
            "Ada Moss told the paper that the plan was \u201cdead in the water,\u201d adding, \u201cNobody wants it.\u201d",
            "adding",
            "Ada Moss",
        ),
    ],
)
def test_a_second_cue_of_one_speaker_is_its_own_attribution(text: str, cue: str, speaker: str) -> None:
    found = [(q, name) for q, name, _kind in cue_speakers(text)]
    assert len(found) == 2
    assert any(q == cue and speaker in name for q, name in found)


def test_the_second_cue_reports_what_follows_it() -> None:
    text = '"The pier will reopen in May," Hattie Crane said, adding that the cafe would follow.'
    second = [f for f in detect_attributions(text) if f.quote == "adding"][0]
    start, end = int(second.meta["statement_start"]), int(second.meta["statement_end"])
    assert text[start:end].startswith("that the cafe would follow")


@pytest.mark.parametrize(
    "text",
    [
        # the participle is the content of a stance verb, not a second statement
        "The ferry company denied the claims, saying its boats were safe.",
        "Hattie Crane rejected the offer, saying it came too late.",
        # a belief is no verb of saying: its participle is left to the cue before it
        "Owen Prys believes the winter break helps, explaining: \u201cThe players need the rest.\u201d",
        # "saying" after a cue is too often the same statement to count twice
        '"It is over," Ada Moss said, saying nothing more about the vote.',
        # the verb of saying has no content before the participle
        "Ada Moss said, adding nothing.",
    ],
)
def test_no_second_cue_where_the_participle_carries_the_first_cues_content(text: str) -> None:
    assert len(cue_speakers(text)) <= 1


def test_a_participle_far_from_a_closed_quotation_is_no_second_cue() -> None:
    text = (
        '"We ran out of grit," said Owen Prys, whose lorries were stuck on the pass for most of the week'
        " while the snow kept falling, noting the delay."
    )
    assert [q for q, _name, _kind in cue_speakers(text) if q == "noting"] == []


# --- he/she the resolver is sure of no one for -----------------------------------------------------
@pytest.mark.parametrize(
    "text, quote",
    [
        ("Rain shut the lido again. He said the pumps had failed twice this month.", "He said"),
        ('The ferry ran late all week. "We are short of crew," she added.', "she added"),
    ],
)
def test_an_unresolved_he_or_she_speaks_as_an_unnamed_label(text: str, quote: str) -> None:
    found = [f for f in detect_attributions(text) if f.quote == quote]
    assert len(found) == 1 and found[0].source is not None
    assert found[0].source.name == quote.split()[0].casefold()
    assert not found[0].source.named  # a label: no Source row is made for a pronoun
    assert found[0].confidence < 0.8


def test_an_unresolved_pronoun_is_no_antecedent_for_a_later_one() -> None:
    # the label "he" is never a person for a later pronoun or for a named speaker's resolution
    text = "Rain shut the lido again. He said the pumps had failed. Mayor Ivo Rask met the engineers. He said repairs would start soon."
    names = [name for _q, name, _k in cue_speakers(text)]
    assert names == ["he", "Ivo Rask"]


@pytest.mark.parametrize(
    "text",
    [
        # inside a quotation: the quoted speaker's story, not the article's attribution
        'Ivo Rask shook his head. "Then he said the pumps were fine," the engineer recalled.',
        # right after a cue of its own speaker: the content of that cue
        "Mayor Ivo Rask said he thought the pumps would hold.",
        # after "what": a noun clause, no statement of its own
        "The pumps failed, whatever he said about them.",
    ],
)
def test_no_unresolved_pronoun_label_where_the_pronoun_is_no_speaker_of_the_article(text: str) -> None:
    assert all(name not in {"he", "she"} for _q, name, _k in cue_speakers(text))
