import pytest

from credibility.quality.evaluation.unverified_eval import (
    LabelledSentence,
    Proportion,
    labelled_sentence,
    score_unverified,
)


def _label(index, start, end, kind, sourcing, article="a1"):
    return LabelledSentence(article, index, start, end, kind, sourcing)


LABELS = [
    _label(0, 0, 40, "CFS", "unsourced"),  # should be flagged
    _label(1, 41, 80, "CFS", "sourced"),
    _label(2, 81, 120, "UFS", "unsourced"),  # acceptable, not strict
    _label(3, 121, 160, "NFS", "na"),
    _label(4, 161, 200, "CFS", "hedged"),  # should be flagged, missed below
]


def test_flags_are_judged_by_the_sentence_they_overlap_most():
    flags = {"a1": [(0, 40), (45, 82), (81, 120), (121, 160)]}
    figures = score_unverified(flags, LABELS, {"a1": 400})
    assert figures.flags == 4
    assert (figures.strict_precision.hits, figures.strict_precision.total) == (1, 4)
    assert (figures.lenient_precision.hits, figures.lenient_precision.total) == (2, 4)
    assert (figures.recall.hits, figures.recall.total) == (1, 2)
    assert figures.flags_per_1000_words == pytest.approx(10.0)


def test_articles_without_labels_are_not_scored():
    figures = score_unverified({"other": [(0, 10)]}, LABELS, {"a1": 100, "other": 100})
    assert figures.flags == 0 and figures.words == 100


def test_wilson_interval_is_sound_at_the_edges_and_narrows_with_more_data():
    low, high = Proportion(0, 10).interval()
    assert low == 0.0 and 0.2 < high < 0.35
    small = Proportion(7, 10).interval()
    large = Proportion(70, 100).interval()
    assert small[0] < large[0] < 0.7 < large[1] < small[1]
    assert str(Proportion(18, 61)).startswith("0.295 (18/61, 95% CI 0.20-0.42")


@pytest.mark.parametrize(
    "row",
    [
        {"article": "a", "index": 0, "start": 0, "end": 5, "kind": "FACT", "sourcing": "na"},
        {"article": "a", "index": 0, "start": 0, "end": 5, "kind": "CFS", "sourcing": "maybe"},
        {"article": "a", "index": 0, "start": 5, "end": 5, "kind": "CFS", "sourcing": "sourced"},
    ],
)
def test_a_bad_label_row_is_refused(row):
    with pytest.raises(ValueError):
        labelled_sentence(row)
