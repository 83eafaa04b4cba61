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
