"""The hostile-input regression corpus: every recipe analyses to valid findings (not timed here).

Timing against prose is the ``hostile`` stage of ``manage.py bench``; these tests only prove that
each input, at a moderate size, runs through the whole pipeline within its default budget.
"""

from __future__ import annotations

import pytest

from credibility.analysis.pipeline import analyze_text
from credibility.quality.benchmarks import hostile

SIZE = 12_000
CORPUS = hostile.load_corpus()

# The issue's table (issue 15), which must stay in the corpus.
ISSUE_INPUTS = [
    {"kind": "words", "length": 10000, "distinct": False},
    {"kind": "words", "length": 10000, "distinct": True},
    {"kind": "repeat", "unit": "according to "},
    {"kind": "repeat", "unit": "officials told reporters said "},
    {"kind": "repeat", "unit": "he said "},
    {"kind": "repeat", "unit": "sources said "},
    {"kind": "repeat", "unit": "?!"},
    {"kind": "repeat", "unit": "\u2026"},
    {"kind": "repeat", "unit": "A-"},
    {"kind": "repeat", "unit": "well-known-"},
]


def test_every_input_of_the_issue_is_in_the_corpus():
    for wanted in ISSUE_INPUTS:
        assert any(all(recipe.get(k) == v for k, v in wanted.items()) for recipe in CORPUS), wanted


@pytest.mark.parametrize("recipe", CORPUS, ids=lambda r: str(r.get("name") or hostile.describe(r))[:40])
def test_each_corpus_input_completes_with_valid_findings(recipe):
    text = hostile.build(recipe, SIZE)
    assert len(text) == SIZE
    result = analyze_text(text=text)
    assert not result.budget_exceeded, result.notice
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.quote == text[finding.start : finding.end]
        assert 0.0 <= finding.confidence <= 1.0


@pytest.mark.parametrize(
    "recipe",
    [
        {"kind": "repeat", "unit": "ab", "prefix": "x"},
        {"kind": "words", "length": 7, "distinct": True, "case": "title", "sep": "-"},
        {"kind": "counter", "case": "alternating", "prefix": "Mr ", "suffix": " said. "},
        {"kind": "nest", "open": "(", "close": ")", "inner": "x"},
    ],
)
def test_build_gives_exactly_the_size_asked(recipe):
    for size in (1, 50, 1000):
        assert len(hostile.build(recipe, size)) == size


def test_distinct_words_are_distinct():
    words = hostile.build({"kind": "words", "length": 30, "distinct": True}, 3100).split()
    assert len(set(words)) == len(words) > 50
