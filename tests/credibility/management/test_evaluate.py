import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

TEXT = (
    "Unemployment in Brackwater rose to 12% last year. "
    "The council said it would publish its figures on Monday. "
    "Critics think the plan is a disgrace."
)


def _write(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def test_evaluate_scores_unverified_flags_against_hand_labels(tmp_path):
    articles, labels = tmp_path / "articles.jsonl", tmp_path / "labels.jsonl"
    _write(articles, [{"id": "a1", "title": "Jobs", "text": TEXT}])
    first = TEXT.index(".") + 1
    _write(
        labels,
        [
            {
                "article": "a1",
                "split": "dev",
                "index": 0,
                "start": 0,
                "end": first,
                "kind": "CFS",
                "sourcing": "unsourced",
            },
            {
                "article": "a1",
                "split": "dev",
                "index": 1,
                "start": first + 1,
                "end": len(TEXT),
                "kind": "NFS",
                "sourcing": "na",
            },
        ],
    )
    out = StringIO()
    call_command(
        "evaluate",
        dev=str(tmp_path / "none.jsonl"),
        data=str(tmp_path / "none"),
        unverified_labels=str(labels),
        unverified_articles=str(articles),
        no_baseline=True,
        stdout=out,
    )
    text = out.getvalue()
    assert "dev split, 1 articles" in text
    assert "recall (strict positives flagged)" in text and "/1, 95% CI" in text


def test_evaluate_without_any_data_says_so(tmp_path):
    with pytest.raises(CommandError, match="No data set could be evaluated"):
        call_command(
            "evaluate",
            dev=str(tmp_path / "none.jsonl"),
            data=str(tmp_path / "none"),
            unverified_labels=str(tmp_path / "none-labels.jsonl"),
            attribution_labels=str(tmp_path / "none-attributions.jsonl"),
            unverified_articles=str(tmp_path / "none-articles.jsonl"),
            polnear_split="dev",
            stdout=StringIO(),
        )


def test_evaluate_scores_typo_flags_on_real_news_against_hand_labels(tmp_path):
    text = "The council recieved 40 complaints. Its leader said she would reply sooner then planned."
    articles, labels = tmp_path / "articles.jsonl", tmp_path / "typos.jsonl"
    _write(articles, [{"id": "n1", "title": "Complaints", "text": text}])
    typo, slip = text.index("recieved"), text.index("then")
    _write(
        labels,
        [
            {
                "article": "n1",
                "start": typo,
                "end": typo + 8,
                "quote": "recieved",
                "correction": "received",
                "kind": "non_word",
            },
            {
                "article": "n1",
                "start": slip,
                "end": slip + 4,
                "quote": "then",
                "correction": "than",
                "kind": "real_word",
            },
        ],
    )
    out = StringIO()
    call_command(
        "evaluate",
        dev=str(tmp_path / "none.jsonl"),
        data=str(tmp_path / "none"),
        typo_labels=str(labels),
        unverified_labels=str(tmp_path / "none-labels.jsonl"),
        attribution_labels=str(tmp_path / "none-attributions.jsonl"),
        unverified_articles=str(articles),
        no_baseline=True,
        stdout=out,
    )
    section = out.getvalue().split("Typos on real news")[1].split("Unverified flags")[0]
    assert "1 articles, 2 labelled typos" in section
    assert "non_word          1.000 (1/1" in section  # "recieved" is found
    assert "precision           1.000" in section and "false flags (0)" in section


@pytest.mark.parametrize("split", ["dev", "test", "all"])
def test_evaluate_scores_attribution_labels_of_the_chosen_split(tmp_path, split):
    from credibility.quality.evaluation.attribution_labels_eval import attribution_split

    ids = {attribution_split(f"a{n}"): f"a{n}" for n in range(20)}  # one article of each split
    articles, labels = tmp_path / "articles.jsonl", tmp_path / "labels.jsonl"
    _write(articles, [{"id": key, "title": "Jobs", "text": TEXT} for key in ids.values()])
    cue = TEXT.index("The council said")
    rows = [
        {"article": key, "start": cue, "end": cue + 16, "speaker": "council", "speaker_kind": "vague"}
        for key in ids.values()
    ]
    _write(labels, rows)
    out = StringIO()
    call_command(
        "evaluate",
        dev=str(tmp_path / "none.jsonl"),
        data=str(tmp_path / "none"),
        unverified_labels=str(tmp_path / "none-labels.jsonl"),
        attribution_labels=str(labels),
        unverified_articles=str(articles),
        attribution_split=split,
        no_baseline=True,
        stdout=out,
    )
    text = out.getvalue()
    wanted = 2 if split == "all" else 1
    assert f"{split} split, {wanted} articles, {wanted} labelled attributions" in text
    assert f"/{wanted}, 95% CI" in text
