import pytest

from credibility.quality.evaluation.attribution_labels_eval import (
    FoundAttribution,
    LabelledAttribution,
    attribution_split,
    in_split,
    labelled_attribution,
    same_speaker,
    score_attributions,
)

SENTENCES = [(0, 50), (51, 100), (101, 150)]
LABELS = [
    LabelledAttribution("a", 10, 20, "Chris Fox", "person"),
    LabelledAttribution("a", 60, 70, "Halifax", "organization"),
    LabelledAttribution("a", 110, 120, "analysts", "vague"),
]


def test_recall_source_accuracy_and_precision_are_counted_per_label():
    found = [
        FoundAttribution(5, 15, "Mr Fox", "person"),  # right: a person's surname
        FoundAttribution(55, 65, "Bank of England", "organization"),  # found, wrong source
        FoundAttribution(130, 140, "some analysts", "vague"),  # right: vague and shares a word
    ]
    figures = score_attributions({"a": (SENTENCES, found)}, LABELS)
    assert (figures.recall.hits, figures.recall.total) == (3, 3)
    assert (figures.source_accuracy.hits, figures.source_accuracy.total) == (2, 3)
    assert (figures.precision.hits, figures.precision.total) == (3, 3)


def test_a_finding_answers_one_label_and_findings_elsewhere_are_wrong():
    found = [FoundAttribution(5, 15, "Chris Fox", "person"), FoundAttribution(30, 40, "Chris Fox", "person")]
    figures = score_attributions({"a": (SENTENCES, found)}, LABELS)
    assert (figures.recall.hits, figures.precision.hits, figures.precision.total) == (1, 1, 2)


def test_speaker_names_match_without_titles_and_by_containment():
    assert same_speaker(
        FoundAttribution(0, 1, "the Observer", "outlet"), LabelledAttribution("a", 0, 1, "Observer", "outlet")
    )
    assert not same_speaker(
        FoundAttribution(0, 1, "Bank of England", "organization"),
        LabelledAttribution("a", 0, 1, "Halifax", "organization"),
    )


@pytest.mark.parametrize(
    "row",
    [
        {"article": "a", "start": 5, "end": 5, "speaker": "X", "speaker_kind": "person"},
        {"article": "a", "start": 0, "end": 5, "speaker": "X", "speaker_kind": "robot"},
        {"article": "a", "start": 0, "end": 5, "speaker": " ", "speaker_kind": "person"},
    ],
)
def test_a_bad_label_row_is_refused(row):
    with pytest.raises(ValueError):
        labelled_attribution(row)


def test_the_split_is_by_article_stable_and_near_forty_percent_dev():
    ids = [f"article-{n}" for n in range(1000)]
    splits = [attribution_split(i) for i in ids]
    assert splits == [attribution_split(i) for i in ids]  # deterministic
    assert set(splits) == {"dev", "test"}
    assert 0.35 < splits.count("dev") / len(ids) < 0.45
    label = LabelledAttribution("article-1", 0, 5, "X", "person")
    assert in_split(label, "all")
    assert in_split(label, attribution_split("article-1"))
    assert not in_split(label, "test" if attribution_split("article-1") == "dev" else "dev")
    with pytest.raises(ValueError):
        in_split(label, "train")
