"""Hypothesis fuzzes the analysis pipeline on arbitrary Unicode: it never raises, and every finding
is a well-formed span of the text it was given.

Texts mix every code point class (astral characters, combining marks, NUL, lone surrogates,
right-to-left scripts and marks, zero-width characters) with newsroom-like sentences, so the
detectors' cues still fire on hostile surroundings. Deterministic (``derandomize``) and bounded
(``PIPELINE_FUZZ_EXAMPLES``, default 150 per test), with no deadline.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credibility.analysis.pipeline import analyze_text

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("PIPELINE_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NEWSROOM = [
    "Crime rose 40% last year, experts say.",
    "The minister said the plan was agreed in March.",
    "According to officials, 3,000 jobs were lost.",
    "It is thought that the council reportedly approved it.",
    "Studies show the vaccine is unsafe, the Guardian reported.",
    "Teh goverment recieved the report on Tuesday.",
    "\u201cWe will win,\u201d said John Smith, the 29-year-old mayor.",
    "Vladimir Putin told reporters that Lukashenko had agreed.",
]
ODD = [
    "\x00",
    "\ud800",
    "\udfff",
    "\ud83d",
    "\U0001f600",
    "\U00010348",
    "\U0002a6d6",
    "e\u0301",
    "\u0301\u0302\u0303",
    "\u200f",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "\r\n",
    "\u2028",
    "\t",
    "...",
    "%",
    "\u201c",
    "\u2019",
    "A" * 300,
    "x" * 2000,
]
# Every general category, surrogates (Cs) included: hypothesis leaves them out unless asked.
any_text = st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Z", "C"]), max_size=400)
pieces = st.lists(
    st.one_of(st.sampled_from(NEWSROOM), st.sampled_from(ODD), any_text, st.just(" ")), min_size=1, max_size=12
)
texts = st.one_of(any_text, pieces.map("".join), pieces.map(" ".join))


def _check(text: str) -> None:
    result = analyze_text(text=text)
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(text), finding
        assert finding.quote == text[finding.start : finding.end], finding
        assert 0.0 <= finding.confidence <= 1.0, finding
        assert "@" in finding.detector, finding


@FUZZ
@given(texts)
def test_analyze_text_never_raises_and_spans_match(text: str):
    _check(text)


@FUZZ
@given(
    st.lists(st.sampled_from(NEWSROOM), min_size=1, max_size=6),
    st.lists(st.sampled_from(ODD), max_size=6),
    st.randoms(),
)
def test_newsroom_sentences_with_hostile_characters_spliced_in(sentences, odd, rnd):
    text = " ".join(sentences)
    for piece in odd:
        at = rnd.randint(0, len(text))
        text = text[:at] + piece + text[at:]
    _check(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00" * 50,
        "\ud800 Crime rose 40% last year, experts say. \udfff",
        "Crime rose 40%\x00 last year, experts say.",
        "\u202eCrime rose 40% last year, experts say.\u202c",
        "Supercalifragilistic" * 500 + " rose 40%, experts say.",
        "\U0001f600" * 1000 + " The minister said it.",
        "e\u0301" * 2000,
    ],
)
def test_analyze_text_on_known_hostile_texts(text: str):
    _check(text)
