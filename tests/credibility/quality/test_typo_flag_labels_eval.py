"""The precision scorer for labelled typo flags, on a small hand-made fixture (no shared data)."""

from __future__ import annotations

import pytest

from credibility.quality.evaluation.typo_flag_labels_eval import flag_precision

TEXTS = {"a1": "The mayor recieved a furor of letters.", "a2": "Nothing wrong here at all."}
LABELS = [
    {"article": "a1", "start": 10, "end": 18, "quote": "recieved", "typo": "yes", "note": ""},
    {"article": "a1", "start": 21, "end": 26, "quote": "furor", "typo": "no", "note": "US spelling"},
    {"article": "a2", "start": 0, "end": 7, "quote": "Nothing", "typo": "unsure", "note": "close call"},
]


def test_flags_are_scored_by_the_overlapping_label_and_new_flags_are_unlabelled() -> None:
    findings = {"a1": [(10, 18), (21, 26), (30, 37)], "a2": [(0, 7)]}
    figures = flag_precision(TEXTS, LABELS, findings)
    assert figures.flags == 4
    assert (figures.strict.hits, figures.strict.total) == (1, 3)
    assert (figures.lenient.hits, figures.lenient.total) == (2, 3)
    assert figures.unlabelled == (("a1", "letters"),)
    assert figures.wrong == (("a1", "furor", "US spelling"),)


def test_a_label_whose_quote_is_not_the_text_is_refused() -> None:
    bad = [{**LABELS[0], "quote": "received"}]
    with pytest.raises(ValueError, match="quote"):
        flag_precision(TEXTS, bad, {"a1": [(10, 18)]})
    with pytest.raises(ValueError, match="typo must be"):
        flag_precision(TEXTS, [{**LABELS[0], "typo": "maybe"}], {})
