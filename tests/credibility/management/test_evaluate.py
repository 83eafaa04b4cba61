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


# A stand-in for the shared gold scorer (score(gold, predictions) -> figures per kind), so that the
# command's own work is tested without ../shared/: which articles it scores, and how sets are pooled.
SCORER = """
def score(gold, predictions):
    flagged = sum(1 for art in gold for p in predictions[art["id"]] if p["kind"] == "typo")
    wanted = sum(len(art["gold"]["typos"]) for art in gold)
    return {"typo": {"predicted": flagged, "gold": wanted, "articles": len(gold)}}
"""


def _gold_set(folder, article_id, text, typos):
    folder.mkdir()
    _write(folder / "articles.jsonl", [{"id": article_id, "title": "", "text": text, "gold": {"typos": typos}}])
    return folder / "articles.jsonl"


def test_several_gold_sets_are_scored_one_by_one_then_pooled(tmp_path):
    scorer = tmp_path / "score.py"
    scorer.write_text(SCORER, encoding="utf-8")
    typo = [{"quote": "recieved", "correction": "received"}]
    # The same article id in both sets: pooling must keep them apart.
    first = _gold_set(tmp_path / "one", "a1", "The council recieved the report on Monday.", typo)
    second = _gold_set(tmp_path / "two", "a1", "The council published the report on Monday.", [])
    out = StringIO()
    call_command(
        "evaluate", dev=[str(first), str(second)], scorer=str(scorer), only=["dev"], no_baseline=True, stdout=out
    )
    text = out.getvalue()
    assert "Gold sets (2)" in text
    lines = [line.split() for line in text.splitlines() if line.strip().startswith("typo")]
    assert [dict(part.split("=") for part in line[1:]) for line in lines] == [
        {"predicted": "1", "gold": "1", "articles": "1"},
        {"predicted": "0", "gold": "0", "articles": "1"},
        {"predicted": "1", "gold": "1", "articles": "2"},
    ]
    assert "pooled, 2 sets, 2 articles" in text


def test_only_runs_the_sections_asked_for(tmp_path):
    scorer = tmp_path / "score.py"
    scorer.write_text(SCORER, encoding="utf-8")
    gold = _gold_set(tmp_path / "one", "a1", "The council met on Monday.", [])
    out = StringIO()
    call_command("evaluate", dev=str(gold), scorer=str(scorer), only="dev", no_baseline=True, stdout=out)
    text = out.getvalue()
    assert "Dev corpus" in text and "pooled" not in text
    assert "Hedge/weasel" not in text and "Attribution on real news" not in text


def test_one_registry_for_several_sets_is_refused(tmp_path):
    with pytest.raises(CommandError, match="--factchecks names one registry"):
        call_command(
            "evaluate",
            dev=[str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")],
            factchecks=str(tmp_path / "registry.json"),
            stdout=StringIO(),
        )
