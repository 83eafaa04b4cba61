import json
from pathlib import Path

import pytest

from credibility.quality.evaluation.bbc_typos_eval import LABELS_FILE, bbc_typo_figures, typo_label

# Hand-written fixture (not BBC text): three typos of three kinds in two short articles.
ARTICLES = {
    "x1": "The council recieved more letters then last year. The the mayor said so.",
    "x2": "Ferry services wasfollowed by a strike. Fares rose.",
}


def _label(article: str, quote: str, correction: str, kind: str, nth: int = 0) -> dict[str, object]:
    text = ARTICLES[article]
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return {
        "article": article,
        "start": start,
        "end": start + len(quote),
        "quote": quote,
        "correction": correction,
        "kind": kind,
    }


LABELS = [
    _label("x1", "recieved", "received", "non_word"),
    _label("x1", "then", "than", "real_word"),
    _label("x1", "The the", "The", "real_word"),
    _label("x2", "wasfollowed", "was followed", "spacing"),
]


def _at(article: str, quote: str, suggestion: str | None) -> tuple[int, int, str | None]:
    start = ARTICLES[article].index(quote)
    return (start, start + len(quote), suggestion)


def test_found_missed_false_flags_and_suggestion_accuracy():
    findings = {
        "x1": [
            _at("x1", "recieved", "received"),  # found, right suggestion
            _at("x1", "letters", "litters"),  # false flag on correct text
            _at("x1", "the mayor", "mayor"),  # overlaps "The the": found; deleting the second word is right too
        ],
        "x2": [_at("x2", "wasfollowed", "was-followed")],  # found, wrong suggestion
    }
    figures = bbc_typo_figures(ARTICLES, LABELS, findings)
    assert [f.label.quote for f in figures.found] == ["recieved", "The the", "wasfollowed"]
    assert [m.quote for m in figures.missed] == ["then"]
    assert [(f.quote, f.suggestion) for f in figures.false_flags] == [("letters", "litters")]
    assert (figures.recall.hits, figures.recall.total) == (3, 4)
    assert (figures.precision.hits, figures.precision.total) == (3, 4)
    assert (figures.suggestion_accuracy.hits, figures.suggestion_accuracy.total) == (2, 3)
    assert (figures.recall_by_kind["real_word"].hits, figures.recall_by_kind["real_word"].total) == (1, 2)
    assert figures.recall_by_kind["name"].total == 0


def test_no_findings_means_everything_missed_and_no_flags():
    figures = bbc_typo_figures(ARTICLES, LABELS, {})
    assert len(figures.missed) == 4 and not figures.found and not figures.false_flags
    assert figures.precision.total == 0 and figures.suggestion_accuracy.total == 0


def test_a_label_answered_by_two_findings_counts_once_and_takes_the_right_suggestion():
    start = ARTICLES["x1"].index("recieved")
    findings = {"x1": [(start, start + 4, None), (start, start + 8, "received")]}
    figures = bbc_typo_figures(ARTICLES, LABELS, findings)
    assert len(figures.found) == 1 and figures.found[0].suggestion_right
    assert not figures.false_flags and figures.precision.hits == 2


def test_findings_outside_the_labelled_articles_are_ignored():
    figures = bbc_typo_figures(ARTICLES, LABELS, {"elsewhere": [(0, 3, "x")]})
    assert figures.precision.total == 0


@pytest.mark.parametrize(
    "change",
    [
        {"start": 5, "end": 5},
        {"kind": "style"},
        {"quote": "received"},
        {"correction": "recieved"},
        {"article": "nowhere"},
    ],
)
def test_a_bad_label_row_is_refused(change):
    with pytest.raises(ValueError):
        bbc_typo_figures(ARTICLES, [{**LABELS[0], **change}], {})


def test_typo_label_checks_the_quote_against_the_text():
    label = typo_label(LABELS[0], ARTICLES["x1"])
    assert ARTICLES["x1"][label.start : label.end] == "recieved"


def test_the_shipped_label_rows_are_well_formed():
    path = Path(__file__).parents[3] / "credibility/quality/evaluation/labels" / LABELS_FILE
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows
    for row in rows:
        assert set(row) >= {"article", "start", "end", "quote", "correction", "kind"}
        assert row["kind"] in {"non_word", "real_word", "spacing", "name"}
        assert len(row["quote"]) == row["end"] - row["start"] and row["quote"] != row["correction"]


BBC = Path(__file__).resolve().parents[4] / "shared" / "data" / "external" / "bbc-news-sample.jsonl"


@pytest.mark.skipif(not BBC.is_file(), reason="the BBC sample is not on this machine")
def test_every_shipped_label_quotes_its_article_exactly():
    articles = {}
    for line in BBC.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        articles[record["id"]] = record["text"]
    path = Path(__file__).parents[3] / "credibility/quality/evaluation/labels" / LABELS_FILE
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        assert articles[row["article"]][row["start"] : row["end"]] == row["quote"], row
    assert len(bbc_typo_figures(articles, rows, {}).missed) == len(rows)


def test_bbc_typo_split_is_seeded_by_article_and_stable() -> None:
    from credibility.quality.evaluation.bbc_typos_eval import bbc_typo_split

    ids = [f"bbc-tech-{n:03d}" for n in range(200)]
    splits = [bbc_typo_split(article) for article in ids]
    assert splits == [bbc_typo_split(article) for article in ids]  # no state between calls
    assert set(splits) == {"dev", "test"} and 60 <= splits.count("dev") <= 140
    assert bbc_typo_split("bbc-politics-148") == "dev" and bbc_typo_split("bbc-sport-168") == "test"
