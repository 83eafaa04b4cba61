"""Readers of the claim-matching files: records, and bad lines named by number."""

from __future__ import annotations

from datetime import date

import pytest

from credibility.formats.claim_matching import ClaimMatchingError, read_factchecks, read_qrels, read_queries
from tests import paths

DATA = paths.FIXTURES / "claim_matching"


def test_read_factchecks_keeps_claim_title_and_date() -> None:
    factchecks = read_factchecks((DATA / "vclaims.jsonl").read_text(encoding="utf-8").splitlines())
    assert len(factchecks) == 12
    assert factchecks[0].id == "fc-transfer" and factchecks[0].date == date(2023, 8, 2)
    moon = factchecks[-1]
    assert moon.title == "" and moon.date == date(2019, 7, 20)
    assert factchecks[9].date is None


def test_read_queries_and_qrels() -> None:
    assert read_queries(['{"id": "q", "text": "x"}', ""])[0].text == "x"
    assert read_qrels(["q1\tfc-1", "q2 0 fc-2 1", "q3 0 fc-3 0", ""]) == {"q1": {"fc-1"}, "q2": {"fc-2"}}


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"id": "a", "text": "x"}', '{"id": "b", "text": 3}'], 'line 2: "text" must be a non-empty string'),
        (['{"id": "a", "text": "x"}', "", "[1]"], "line 3: expected a JSON object, got list"),
        (['{"id": "a"'], "line 1: invalid JSON"),
        (['{"id": "a", "text": "x"}', '{"id": "a", "text": "y"}'], "line 2: duplicate id 'a'"),
    ],
)
def test_read_queries_names_the_bad_line(lines: list[str], message: str) -> None:
    with pytest.raises(ClaimMatchingError, match=message):
        read_queries(lines)


def test_read_factchecks_rejects_non_string_title() -> None:
    with pytest.raises(ClaimMatchingError, match='line 1: "title" must be a string'):
        read_factchecks(['{"id": "a", "claim": "x", "title": 5}'])
