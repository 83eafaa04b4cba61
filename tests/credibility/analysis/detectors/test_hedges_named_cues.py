"""``_named_cues`` tries the cue pattern only at words that open a cue: it must find what the
pattern's ``finditer`` finds."""

import pytest

from credibility.analysis.detectors import hedges

SENTENCES = [
    "The mayor said on Monday that the bridge would reopen, according to a council statement.",
    "In a statement, the firm SAID nothing; In An Interview later it Claimed otherwise.",
    "Figures show that sales rose, the documents show, and analysts told reporters so.",
    "A café owner said it; the naïve plan, residents claimed, would fail.",
    "He \u017faid so and \u0131n a statement repeated it.",  # letters case-folding onto ASCII ones
    "Unsaid words and said_ or said2 are no cues; saidé is none either.",
    "",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_named_cues_finds_what_the_pattern_finds(text):
    expected = [(m.span(), m.group(0)) for m in hedges._NAMED_CUES.finditer(text)]
    assert [(m.span(), m.group(0)) for m in hedges._named_cues(text)] == expected


def test_named_cues_finds_overlapping_cues_once():
    text = "According to the report, data show it."
    assert [m.group(0) for m in hedges._named_cues(text)] == [m.group(0) for m in hedges._NAMED_CUES.finditer(text)]
    assert [m.group(0) for m in hedges._named_cues(text)]
