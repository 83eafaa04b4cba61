"""Readers of the claim-matching files: records, and bad lines named by number."""

from __future__ import annotations

from datetime import date

import pytest

from credibility.formats.claim_matching import (
    ClaimMatchingError,
    Query,
    document_date,
    document_of,
    group_documents,
    positions_of,
    read_factchecks,
    read_qrels,
    read_queries,
)
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


def test_read_factchecks_takes_the_speaker_as_claimant() -> None:
    record = '{"id": "v", "claim": "c", "speaker": "Jane Roe", "title": null}'
    assert read_factchecks([record])[0].claimant == "Jane Roe"
    with pytest.raises(ClaimMatchingError, match='line 1: "speaker" must be a string'):
        read_factchecks(['{"id": "v", "claim": "c", "speaker": 4}'])


@pytest.mark.parametrize(
    ("identifier", "document", "day"),
    [
        ("20190603_town_hall_0012", "20190603_town_hall", date(2019, 6, 3)),
        ("2019-06-03 town hall_7", "2019-06-03 town hall", date(2019, 6, 3)),
        ("2019_jun_03_12", "2019_jun_03", None),  # month names are not read (see _NAMED_DATE)
        ("mayor_debate_0001", "mayor_debate", None),
        ("20191345_bad_day_1", "20191345_bad_day", None),
        ("tweet-sno-12", "", None),
        ("q1", "", None),
    ],
)
def test_sentence_ids_name_their_document_and_its_day(identifier: str, document: str, day: date | None) -> None:
    assert document_of(identifier) == document
    assert (document_date(document) if document else None) == day
    query = read_queries([f'{{"id": "{identifier}", "text": "x"}}'])[0]
    assert (query.document, query.date) == (document, day)


def test_read_queries_prefers_the_given_document_and_date() -> None:
    line = '{"id": "20190603_hall_1", "text": "x", "document": "speech", "date": "2020-01-02"}'
    assert read_queries([line])[0] == Query("20190603_hall_1", "x", "speech", date(2020, 1, 2))


def test_sentence_ids_give_their_line_as_position() -> None:
    lines = ['{"id": "20190603_hall_0012", "text": "x"}', '{"id": "20190603_hall_7", "text": "y"}']
    queries = read_queries([*lines, '{"id": "tweet-sno-3", "text": "z"}'])
    assert [q.position for q in queries] == [12, 7, None]
    assert positions_of(queries[:2]) == [12, 7]
    assert positions_of(queries) is None  # one without a position: none are used
    # a "document" key the id does not name: the id's number is no line of it
    assert read_queries(['{"id": "20190603_hall_1", "text": "x", "document": "speech"}'])[0].position is None


def test_group_documents_keeps_order_and_standalone_queries_alone() -> None:
    queries = [Query("a_1", "x", "a"), Query("t", "y"), Query("b_1", "z", "b"), Query("a_2", "w", "a")]
    groups = group_documents(queries)
    assert [(name, [q.id for q in members]) for name, members in groups] == [
        ("a", ["a_1", "a_2"]),
        ("", ["t"]),
        ("b", ["b_1"]),
    ]


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
