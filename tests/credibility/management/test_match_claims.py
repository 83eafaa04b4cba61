"""match_claims on a small fixture: the run format, and bad input stopping with the line number."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests import paths

DATA = paths.FIXTURES / "claim_matching"


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("match_claims", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_match_claims_writes_ranked_tsv(tmp_path: Path) -> None:
    run = tmp_path / "run.tsv"
    _, err = _run(
        str(DATA / "queries.jsonl"), "--factchecks", str(DATA / "vclaims.jsonl"), "--top", "3", "--output", str(run)
    )
    rows = [line.split("\t") for line in run.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 9
    assert [r[2] for r in rows[:3]] == ["1", "2", "3"]
    assert all(float(a[3]) >= float(b[3]) for a, b in zip(rows[:3], rows[1:3], strict=False))
    best = {r[0]: r[1] for r in rows if r[2] == "1"}
    assert best["a"] == "fc-police"  # paraphrase: "policing per resident" / "per-capita police spending"
    assert best["b"] == "fc-cards"  # "four million" / "4 million"
    assert set(best) == {"a", "b", "c"}
    assert "Ranked 12 fact-checks for 3 queries" in err


def test_match_claims_stdout_and_is_repeatable() -> None:
    args = (str(DATA / "queries.jsonl"), "--factchecks", str(DATA / "vclaims.jsonl"), "--top", "2")
    first, _ = _run(*args)
    assert first == _run(*args)[0]
    assert len(first.splitlines()) == 6


def test_match_claims_ranks_a_document_s_sentences_together() -> None:
    out, _ = _run(
        str(DATA / "queries-debate.jsonl"), "--factchecks", str(DATA / "vclaims_speakers.jsonl"), "--top", "1"
    )
    best = dict(line.split("\t")[:2] for line in out.splitlines())
    # the same sentence, said in two debates: each gets the fact-check of its own speaker and day
    assert best["20190603_town_hall_0014"] == "fc-roe-jobs"
    assert best["20150109_council_debate_0007"] == "fc-doe-jobs"


@pytest.mark.parametrize(
    ("queries", "factchecks", "message"),
    [
        (
            "queries_bad_text.jsonl",
            "vclaims.jsonl",
            r"queries_bad_text.jsonl: line 2: \"text\" must be a non-empty string",
        ),
        ("queries_duplicate.jsonl", "vclaims.jsonl", "line 2: duplicate id 'a'"),
        ("queries.jsonl", "vclaims_bad_json.jsonl", "vclaims_bad_json.jsonl: line 3: invalid JSON"),
        ("missing.jsonl", "vclaims.jsonl", "Cannot read .*missing.jsonl"),
        ("queries.jsonl", "missing.jsonl", "Cannot read .*missing.jsonl"),
    ],
)
def test_match_claims_bad_input(queries: str, factchecks: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _run(str(DATA / queries), "--factchecks", str(DATA / factchecks))


def test_match_claims_rejects_top_zero() -> None:
    with pytest.raises(CommandError, match="--top must be at least 1"):
        _run(str(DATA / "queries.jsonl"), "--factchecks", str(DATA / "vclaims.jsonl"), "--top", "0")
