"""Fact-check import: every format, positions of bad records, idempotency, verdict normalisation."""

from __future__ import annotations

import io
import json
from unittest.mock import patch

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from credibility.formats import detect_format, read_factchecks
from credibility.formats.claimreview import normalize_label, verdict_from_rating
from credibility.formats.records import RecordError
from credibility.models import FactCheck
from credibility.services.factchecks import factcheck_import
from tests import paths

FIXTURES = paths.FIXTURES / "factchecks"
IMPORT_URL = "/api/v1/factchecks/import/"

pytestmark = pytest.mark.django_db


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("import_factchecks", *args, "--no-recheck", stdout=out)
    return out.getvalue()


def _read(name: str, fmt: str = "auto"):
    path = FIXTURES / name
    return read_factchecks(path.read_text(encoding="utf-8"), format=fmt, filename=path.name)


# --- pure readers -------------------------------------------------------------------------------


def test_detect_format_by_name_then_content():
    assert detect_format("", filename="x.html") == "html"
    assert detect_format("", filename="x.csv") == "csv"
    assert detect_format("", filename="x.jsonl") == "liar"
    assert detect_format("identifier\tclaim_reviewed\n", filename="x.tsv") == "csv"
    assert detect_format("1.json\tfalse\tA claim\n", filename="x.tsv") == "liar"
    assert detect_format("<html></html>") == "html"
    assert detect_format('[{"@type": "ClaimReview"}]') == "claimreview"
    assert detect_format('{"id": 1}\n{"id": 2}\n') == "liar"
    assert detect_format("identifier,url,claim_reviewed\n") == "csv"
    with pytest.raises(RecordError, match="cannot tell"):
        detect_format("just some words")


@pytest.mark.parametrize(
    ("label", "verdict"),
    [
        ("False", "false"),
        ("Pants on Fire!", "false"),
        ("pants-fire", "false"),
        ("barely-true", "mostly_false"),
        ("Half True", "mixed"),
        ("MOSTLY TRUE", "mostly_true"),
        ("True.", "true"),
        ("Needs a nap", None),
    ],
)
def test_normalize_label(label, verdict):
    assert normalize_label(label) == verdict


@pytest.mark.parametrize(
    ("value", "best", "worst", "verdict"),
    [
        (1, 5, 1, "false"),
        (2, 5, 1, "mostly_false"),
        (3, 5, 1, "mixed"),
        (4, 5, 1, "mostly_true"),
        (5, 5, 1, "true"),
        (0, 10, 0, "false"),
        (9, 10, 0, "true"),
        (1, 1, 5, "true"),
        (7, 5, 1, None),
        (3, 3, 3, None),
    ],
)
def test_verdict_from_rating_uses_the_position_between_worst_and_best(value, best, worst, verdict):
    assert verdict_from_rating(value, best, worst) == verdict


def test_html_reader_finds_claimreviews_in_graphs_and_lists_and_reports_bad_blocks():
    document = _read("page.html")
    assert document.format == "html" and document.position_unit == "record"
    assert [(r.position, r.parsed.identifier if r.parsed else None) for r in document.records] == [
        (1, "html-1"),
        (2, None),
        (3, "html-2"),
        (4, None),
    ]
    assert "JSON-LD block 3" in document.records[1].error and "not valid JSON" in document.records[1].error
    assert document.records[3].error == "claimReviewed is missing"
    assert document.records[0].parsed.verdict == "mostly_false"  # 2 on 1..5, no label
    assert document.records[2].parsed.verdict == "false" and document.records[2].parsed.rating_label == "Pants on Fire!"


def test_html_without_claimreview_is_unreadable():
    with pytest.raises(RecordError, match="no ClaimReview"):
        read_factchecks('<script type="application/ld+json">{"@type": "WebPage"}</script>', format="html")


def test_csv_reader_reports_bad_rows_by_line():
    document = _read("registry.csv")
    assert document.position_unit == "line"
    good = {r.parsed.identifier: r.parsed for r in document.records if r.parsed}
    bad = {r.position: r.error for r in document.records if r.error}
    assert set(good) == {"csv-1", "csv-2", "csv-3"}
    assert bad == {
        6: "a ClaimReview needs an identifier or a url",
        7: "claim_date '03/04/2024' is not a date (YYYY-MM-DD)",
    }
    assert good["csv-1"].verdict == "mostly_false" and good["csv-1"].claimant == "Joan Whitcomb"
    assert good["csv-2"].verdict == "true" and good["csv-2"].rating_value == 9.0  # 9 on 0..10
    assert good["csv-3"].claim_reviewed == "A claim with\na line break in it." and not good["csv-3"].label_known


def test_csv_without_the_required_columns_is_unreadable():
    with pytest.raises(RecordError, match="claim_reviewed"):
        read_factchecks("name,rating\nx,False\n", format="csv")


def test_liar_jsonl_maps_the_six_labels_and_keeps_the_original():
    document = _read("liar.jsonl")
    good = {r.parsed.identifier: r.parsed for r in document.records if r.parsed}
    assert {k: (v.verdict, v.rating_label) for k, v in good.items()} == {
        "liar-101": ("false", "pants-fire"),
        "liar-102": ("mostly_false", "barely-true"),
        "liar-103": ("mixed", "half-true"),
        "liar-104": ("unproven", "sort-of"),
    }
    assert good["liar-102"].claim_reviewed == "Crime doubled in the capital last year."  # LIAR's quotes stripped
    assert good["liar-101"].claimant == "Jane Doe"
    assert {r.position: r.error for r in document.records if r.error} == {
        5: "not valid JSON: Expecting value",
        7: "claimReviewed is missing",
    }


def test_liar_tsv_reads_the_release_columns():
    document = _read("liar.tsv")
    good = {r.parsed.identifier: r.parsed for r in document.records if r.parsed}
    assert {k: v.verdict for k, v in good.items()} == {"liar-201": "mostly_true", "liar-202": "true"}
    assert good["liar-201"].claimant == "Mary Major"
    assert [r.position for r in document.records if r.error] == [3]


def test_datafeed_format_requires_a_feed():
    assert [r.parsed.verdict for r in _read("feed.json", "datafeed").records] == ["true", "false"]
    with pytest.raises(RecordError, match="DataFeed"):
        read_factchecks("[]", format="datafeed")


# --- service and command ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "created", "skipped"),
    [
        ("page.html", 2, [2, 4]),
        ("registry.csv", 3, [6, 7]),
        ("liar.jsonl", 4, [5, 7]),
        ("liar.tsv", 2, [3]),
        ("feed.json", 2, []),
    ],
)
def test_import_command_reads_every_format_and_is_idempotent(name, created, skipped):
    out = _command(str(FIXTURES / name), "--json")
    summary = json.loads(out)
    assert summary["created"] == created
    assert [s["position"] for s in summary["skipped"]] == skipped
    assert FactCheck.objects.count() == created
    stored = {f.pk: f.updated_at for f in FactCheck.objects.all()}

    again = json.loads(_command(str(FIXTURES / name), "--json"))
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, created)
    assert {f.pk: f.updated_at for f in FactCheck.objects.all()} == stored


def test_import_command_text_output_names_lines_and_unknown_labels():
    out = _command(str(FIXTURES / "liar.jsonl"))
    assert "created 4, updated 0, unchanged 0, skipped 2" in out
    assert "skipped line 5: not valid JSON" in out
    assert "unknown rating label 'sort-of' (1 record): stored as unproven" in out


def test_import_command_explicit_format_and_unreadable_document():
    out = _command(str(FIXTURES / "liar.tsv"), "--format", "liar")
    assert "created 2" in out
    with pytest.raises(CommandError, match="not valid JSON"):
        _command(str(FIXTURES / "registry.csv"), "--format", "claimreview")


def test_import_updates_a_changed_record_matched_by_url_and_keeps_unset_fields():
    factcheck_import(
        records=[
            {
                "url": "https://c.example.org/1",
                "claimReviewed": "Old wording.",
                "reviewRating": {"alternateName": "False"},
                "itemReviewed": {"datePublished": "2024-05-06"},
            }
        ],
        recheck=False,
    )
    summary = factcheck_import(
        records=[
            {
                "identifier": "id-1",
                "url": "https://c.example.org/1",
                "claimReviewed": "New wording.",
                "reviewRating": {"alternateName": "True"},
            }
        ],
        recheck=False,
    )
    assert (summary.created, summary.updated) == (0, 1)
    row = FactCheck.objects.get()
    assert (row.identifier, row.claim_reviewed, row.verdict) == ("id-1", "New wording.", "true")
    assert str(row.claim_date) == "2024-05-06"  # absent (None) in the update: kept
    assert summary.changed_ids == [row.pk]


def test_import_skips_a_record_whose_identifier_and_url_name_two_rows():
    factcheck_import(
        records=[{"identifier": "a", "claimReviewed": "A."}, {"url": "https://c.example.org/b", "claimReviewed": "B."}],
        recheck=False,
    )
    summary = factcheck_import(
        records=[{"identifier": "a", "url": "https://c.example.org/b", "claimReviewed": "A or B?"}], recheck=False
    )
    assert summary.skipped == [
        {"position": 1, "error": "identifier 'a' and url 'https://c.example.org/b' belong to two different fact-checks"}
    ]
    assert FactCheck.objects.count() == 2


def test_import_of_duplicates_within_one_file_creates_one_row():
    records = [{"identifier": "dup", "claimReviewed": "First."}, {"identifier": "dup", "claimReviewed": "Second."}]
    summary = factcheck_import(records=records, recheck=False)
    assert (summary.created, summary.updated) == (1, 1)
    assert FactCheck.objects.get().claim_reviewed == "Second."


def test_bulk_import_uses_a_constant_number_of_queries_per_batch(django_assert_max_num_queries):
    records = [
        {
            "identifier": f"bulk-{n}",
            "claimReviewed": f"Claim number {n} about the budget.",
            "reviewRating": {"alternateName": "False"},
        }
        for n in range(1500)
    ]
    with django_assert_max_num_queries(15):  # + read, delete, insert of the claim embeddings
        summary = factcheck_import(records=records, recheck=False)
    assert summary.created == 1500 and FactCheck.objects.count() == 1500
    records[0]["claimReviewed"] = "Changed."
    with django_assert_max_num_queries(15):  # + read, delete, insert of the claim embeddings
        summary = factcheck_import(records=records, recheck=False)
    assert (summary.updated, summary.unchanged) == (1, 1499)


def test_import_enqueues_a_recheck_of_the_changed_fact_checks_on_commit(django_capture_on_commit_callbacks):
    factcheck_import(records=[{"identifier": "same", "claimReviewed": "Unchanged."}], recheck=False)
    with patch("credibility.tasks.recheck_articles_task.delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            summary = factcheck_import(
                records=[
                    {"identifier": "same", "claimReviewed": "Unchanged."},
                    {"identifier": "new", "claimReviewed": "A new claim."},
                ]
            )
        delay.assert_not_called()  # nothing before the commit
        for callback in callbacks:
            callback()
    new = FactCheck.objects.get(identifier="new")
    assert summary.changed_ids == [new.pk]
    delay.assert_called_once_with(factcheck_ids=[new.pk])


def test_import_without_changes_enqueues_nothing(django_capture_on_commit_callbacks):
    factcheck_import(records=[{"identifier": "same", "claimReviewed": "Unchanged."}], recheck=False)
    with django_capture_on_commit_callbacks() as callbacks:
        factcheck_import(records=[{"identifier": "same", "claimReviewed": "Unchanged."}])
    assert callbacks == []


# --- API ------------------------------------------------------------------------------------------------


def test_api_import_accepts_an_uploaded_file_in_any_format(client_for, staff, annotator):
    def upload(client, name, **extra):
        with (FIXTURES / name).open("rb") as handle:
            return client.post(IMPORT_URL, {"file": handle, **extra}, format="multipart")

    assert upload(client_for(annotator), "registry.csv").status_code == 403
    client = client_for(staff)
    response = upload(client, "registry.csv")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["format"], body["position_unit"], body["created"]) == ("csv", "line", 3)
    assert [s["position"] for s in body["skipped"]] == [6, 7]
    assert body["unknown_labels"] == {"Sort of": 1}

    response = upload(client, "liar.tsv", format="liar")
    assert response.status_code == 200 and response.json()["created"] == 2
    assert upload(client, "page.html").json()["created"] == 2


def test_api_import_rejects_an_unreadable_upload(client_for, staff):
    client = client_for(staff)
    bad = client.post(IMPORT_URL, {"file": io.BytesIO(b"\xff\xfe\x00garbage"), "format": "csv"}, format="multipart")
    assert bad.status_code == 400
    nothing = client.post(IMPORT_URL, {"file": io.BytesIO(b"just words"), "format": "auto"}, format="multipart")
    assert nothing.status_code == 400 and "cannot tell" in json.dumps(nothing.json())
    assert not FactCheck.objects.exists()


def test_api_import_json_body_reports_positions(client_for, staff):
    records = [
        {"identifier": "j-1", "claimReviewed": "One."},
        {"claimReviewed": "No key."},
        {"identifier": "j-3", "claimReviewed": "Three."},
    ]
    body = client_for(staff).post(IMPORT_URL, records, format="json").json()
    assert (body["created"], body["records"], body["position_unit"]) == (2, 3, "record")
    assert body["skipped"] == [{"position": 2, "error": "a ClaimReview needs an identifier or a url"}]
