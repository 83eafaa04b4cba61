"""Issue 22: a W3C export imported into an analysed copy of its article loses nothing, and says what it merged.

The copy is analysed on creation, so it already holds the machine's own findings: the import must
merge the reviews into them (through the review service, under the importer's rights) and create
the human annotations, and the two articles must then agree field by field.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from annotations.models import Annotation, AnnotationKind, Origin, ReviewLog
from annotations.services.annotations import annotation_create
from annotations.services.articles import article_create
from annotations.services.reviews import annotation_assign, annotation_review
from credibility.analysis.pipeline import analyze_text
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.credibility.factories import SourceFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Crime rose 40% last year, experts say. "
    "The council recieved 300 complaints about the new parking rules. "
    "Unemployment fell to 3% in March, the lowest level in a decade. "
    "Studies show that most residents support the plan."
)
# Every field of an annotation that a round trip must carry (ids, dates and version belong to the row).
COMPARED = (
    "kind",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "origin",
    "detector",
    "rule",
    "explanation",
    "confidence",
    "checkworthiness",
    "reason",
    "comment",
    "suggestion",
    "status",
    "review_note",
    "anchor_state",
    "source_id",
    "reviewer_id",
    "assignee_id",
)


def _analysed(title: str, user: Any, capture: Any) -> Any:
    with capture(execute=True):  # the analysis runs eagerly on commit, as on creation in production
        return article_create(title=title, body=BODY, created_by=user)


def _row(annotation: Annotation) -> dict[str, Any]:
    history = [
        (log.from_status, log.to_status, log.decision, log.note, log.reviewer_name)
        for log in ReviewLog.objects.filter(annotation=annotation).order_by("created_at", "id")
    ]
    return {**{name: getattr(annotation, name) for name in COMPARED}, "history": history}


def _rows(article: Any) -> dict[tuple[str, int, int, str, str], dict[str, Any]]:
    rows = {}
    for annotation in Annotation.objects.filter(article=article):
        key = (annotation.kind, annotation.start, annotation.end, annotation.origin, annotation.comment)
        assert key not in rows, f"two annotations share {key}"
        rows[key] = _row(annotation)
    return rows


@pytest.fixture
def warm_detectors():
    # The analysis has a 5 s budget; loading the typo model the first time must not eat it.
    analyze_text(text=BODY, budget_seconds=None)


def _reviewed_original(*, annotator: Any, reviewer: Any, capture: Any) -> tuple[Any, dict[str, Any]]:
    """An analysed article with machine flags confirmed and dismissed (with notes), assigned, and human annotations."""
    original = _analysed("Council report", annotator, capture)
    machine = list(Annotation.objects.filter(article=original, origin=Origin.MACHINE).order_by("start", "kind"))
    assert len(machine) >= 3, [(a.kind, a.quote) for a in machine]
    confirmed = annotation_review(annotation=machine[0], decision="confirm", note="No source given.", reviewer=reviewer)
    dismissed = annotation_review(
        annotation=machine[1], decision="dismiss", note="Attributed later.", reviewer=reviewer
    )
    annotation_assign(annotation=machine[2], assignee=reviewer, assigned_by=reviewer)

    source = SourceFactory(name="City clerk")
    # A person's typo (house style) where the machine flags nothing: the machine's own "recieved"
    # flag already holds that span, and a second typo there would be a refused duplicate.
    typo_at = BODY.index("300 complaints")
    typo = annotation_create(
        article=original,
        kind=AnnotationKind.TYPO,
        start=typo_at,
        end=typo_at + len("300"),
        suggestion="three hundred",
        comment="House style.",
        created_by=annotator,
    )
    typo = annotation_review(annotation=typo, decision="confirm", note="Yes.", reviewer=reviewer)
    annotation_review(annotation=typo, decision="resolve", note="Fixed in print.", reviewer=reviewer)
    # A human note on exactly the span of the first machine flag: another kind, so it must not collapse.
    annotation_create(
        article=original,
        kind=AnnotationKind.NOTE,
        start=confirmed.start,
        end=confirmed.end,
        comment="Ask the desk which experts.",
        created_by=annotator,
    )
    claim_at = BODY.index("The council recieved 300 complaints")
    annotation_create(
        article=original,
        kind=AnnotationKind.SOURCE_ATTRIBUTION,
        start=claim_at,
        end=claim_at + len("The council"),
        source=source,
        created_by=annotator,
    )
    return original, {"confirmed": confirmed, "dismissed": dismissed, "assigned": machine[2]}


def test_w3c_export_imported_into_an_analysed_copy_loses_nothing_and_lists_the_merges(
    client_for, annotator, reviewer, django_capture_on_commit_callbacks, warm_detectors
):
    original, decided = _reviewed_original(
        annotator=annotator, reviewer=reviewer, capture=django_capture_on_commit_callbacks
    )
    exported = client_for(reviewer).get(f"/api/v1/articles/{original.pk}/export/?format=w3c")
    assert exported.status_code == 200
    document = exported.json()

    copy = _analysed("Council report (copy)", annotator, django_capture_on_commit_callbacks)
    machine_before = Annotation.objects.filter(article=copy, origin=Origin.MACHINE).count()
    assert machine_before == Annotation.objects.filter(article=original, origin=Origin.MACHINE).count()

    response = client_for(reviewer).post(f"/api/v1/articles/{copy.pk}/import/", document, format="json")
    assert response.status_code == 200, response.content
    result = response.json()

    # Nothing refused, nothing dropped: every exported annotation is listed once.
    assert result["refused"] == [] and result["warnings"] == []
    listed = result["created"] + result["merged"] + result["unchanged"]
    assert sorted(entry["index"] for entry in listed) == list(range(document["total"]))
    # The machine's findings were already there: reviews merged into them, no duplicate rows.
    assert Annotation.objects.filter(article=copy, origin=Origin.MACHINE).count() == machine_before
    merged = {(m["kind"], m["start"], m["end"]): m for m in result["merged"]}
    for name, wanted in (("confirmed", ["status"]), ("dismissed", ["status"]), ("assigned", ["assignee"])):
        flag = decided[name]
        assert merged[(flag.kind, flag.start, flag.end)]["applied"] == wanted, name
    assert len(result["merged"]) == 3
    assert {(c["kind"], c["anchored_by"]) for c in result["created"]} == {
        ("typo", "position"),
        ("note", "position"),
        ("source_attribution", "position"),
    }

    # Authorship cannot travel (an import never writes in another's name): each created one says so.
    for entry in result["created"]:
        assert entry["unmapped"] == [f"creator: {annotator.username} made it there; here it is {reviewer.username}'s"]
    # Field by field, reviews and their history included.
    assert _rows(copy) == _rows(original)


def test_w3c_import_by_an_annotator_refuses_the_review_decisions_with_reasons(
    client_for, annotator, reviewer, django_capture_on_commit_callbacks, warm_detectors
):
    original, decided = _reviewed_original(
        annotator=annotator, reviewer=reviewer, capture=django_capture_on_commit_callbacks
    )
    document = client_for(annotator).get(f"/api/v1/articles/{original.pk}/export/?format=w3c").json()
    copy = _analysed("Council report (copy)", annotator, django_capture_on_commit_callbacks)

    result = client_for(annotator).post(f"/api/v1/articles/{copy.pk}/import/", document, format="json").json()

    refused = {(r["kind"], r["start"], r["end"]): r for r in result["refused"]}
    for name in ("confirmed", "dismissed", "assigned"):
        flag = decided[name]
        entry = refused[(flag.kind, flag.start, flag.end)]
        assert entry["code"] == "not_permitted" and entry["refused"][0]["reason"].startswith("Only reviewers"), name
    assert not ReviewLog.objects.filter(annotation__article=copy).exists()
    assert set(Annotation.objects.filter(article=copy).values_list("status", flat=True)) == {"open"}
    typo = next(c for c in result["created"] if c["kind"] == "typo")
    assert [r["field"] for r in typo["refused"]] == ["status"]  # created open, the decision refused
    every = result["created"] + result["merged"] + result["unchanged"] + result["refused"]
    assert sorted(e["index"] for e in every) == list(range(document["total"]))


def test_import_into_an_empty_article_keeps_machine_provenance_and_two_kinds_on_one_span(client_for, reviewer):
    source_article = ArticleFactory(body=BODY)
    span = (0, len("Crime rose 40% last year, experts say."))
    AnnotationFactory(
        article=source_article,
        kind="unverified_claim",
        reason="vague_source",
        start=span[0],
        end=span[1],
        origin="machine",
        detector="hedges@4",
        rule="experts say",
        explanation="A claim credited to unnamed experts.",
        confidence=0.72,
        checkworthiness=0.6,
    )
    AnnotationFactory(article=source_article, kind="note", start=span[0], end=span[1], comment="Same span, a note.")
    document = client_for(reviewer).get(f"/api/v1/articles/{source_article.pk}/export/").json()
    target = ArticleFactory(body=BODY)

    result = client_for(reviewer).post(f"/api/v1/articles/{target.pk}/import/", document, format="json").json()

    assert len(result["created"]) == 2 and result["refused"] == []
    flag = Annotation.objects.get(article=target, kind="unverified_claim")
    assert (flag.origin, flag.detector, flag.rule, flag.explanation, flag.confidence, flag.checkworthiness) == (
        "machine",
        "hedges@4",
        "experts say",
        "A claim credited to unnamed experts.",
        0.72,
        0.6,
    )
    assert Annotation.objects.get(article=target, kind="note").comment == "Same span, a note."


def test_export_of_a_fetched_article_names_its_own_text_and_the_page_apart(client_for, annotator):
    article = ArticleFactory(body=BODY, url="https://news.example.org/council")
    AnnotationFactory(article=article, kind="note", start=0, end=5)
    [item] = client_for(annotator).get(f"/api/v1/articles/{article.pk}/export/").json()["first"]["items"]
    assert item["target"]["source"] == f"http://testserver/api/v1/articles/{article.pk}/"
    assert item["target"]["page"] == "https://news.example.org/council"
    assert item["target"]["revision"] == article.revision


def test_orphan_is_exported_with_its_last_quote_and_state_and_no_position(client_for, annotator):
    article = ArticleFactory(body="Taxes will rise next year, the council said.")
    orphan = AnnotationFactory(article=article, kind="typo", start=0, end=5)
    # What re-anchoring leaves after an edit removed the text: the old quote and offsets, state orphaned.
    Annotation.objects.filter(pk=orphan.pk).update(quote="recieved", prefix="", suffix=" 300", anchor_state="orphaned")
    [item] = client_for(annotator).get(f"/api/v1/articles/{article.pk}/export/").json()["first"]["items"]
    assert item["anchor_state"] == "orphaned"
    assert item["target"]["selector"] == [
        {"type": "TextQuoteSelector", "exact": "recieved", "prefix": "", "suffix": " 300"}
    ]
    assert "revision" not in item["target"]


def test_utf16_offsets_are_converted_when_the_document_says_so(client_for, annotator):
    body = "🚀 Launch 🌍 day: the agency said the rocket reached orbit."
    article = ArticleFactory(body=body)
    exact = "the agency said"
    start = body.index(exact)
    utf16 = len(body[:start].encode("utf-16-le")) // 2  # two more than ``start``: two astral characters before
    item = {
        "type": "Annotation",
        "bodyValue": "Which agency?",
        "target": {"selector": {"type": "TextPositionSelector", "start": utf16, "end": utf16 + len(exact)}},
    }
    as_code_points = client_for(annotator).post(f"/api/v1/articles/{article.pk}/import/", [item], format="json")
    [wrong] = as_code_points.json()["created"]  # read as code points, the span lands two characters late
    assert Annotation.objects.get(pk=wrong["annotation"]).quote == body[utf16 : utf16 + len(exact)] != exact
    Annotation.objects.filter(pk=wrong["annotation"]).delete()

    response = client_for(annotator).post(
        f"/api/v1/articles/{article.pk}/import/?offset_unit=utf-16", [item], format="json"
    )
    [created] = response.json()["created"]
    assert (created["start"], created["end"], created["anchored_by"]) == (start, start + len(exact), "position")
    assert Annotation.objects.get(pk=created["annotation"]).comment == "Which agency?"

    bad = client_for(annotator).post(f"/api/v1/articles/{article.pk}/import/?offset_unit=bytes", [item], format="json")
    assert bad.status_code == 400 and "offset_unit" in bad.json()


def test_reimport_by_another_reviewer_changes_nothing(client_for, reviewer):
    article = ArticleFactory(body=BODY)
    flag = AnnotationFactory(article=article, kind="unverified_claim", reason="unsourced", start=0, end=5)
    annotation_review(annotation=flag, decision="confirm", note="ok", reviewer=reviewer)
    document = client_for(reviewer).get(f"/api/v1/articles/{article.pk}/export/").json()
    other = UserFactory(roles=["reviewer"])
    result = client_for(other).post(f"/api/v1/articles/{article.pk}/import/", document, format="json").json()
    assert [u["annotation"] for u in result["unchanged"]] == [flag.pk] and result["merged"] == []
    assert ReviewLog.objects.filter(annotation=flag).count() == 1


def test_a_second_item_on_the_same_span_merges_into_the_first_across_a_jobs_chunks(
    client_for, annotator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(body=BODY)
    note = {"type": "Annotation", "target": {"selector": {"type": "TextPositionSelector", "start": 0, "end": 5}}}
    items = [{**note, "bodyValue": "first"}, {**note, "bodyValue": "second"}]
    with override_settings(W3C_IMPORT_SYNC_MAX_ITEMS=1), mock.patch("credibility.services.imports.IMPORT_JOB_CHUNK", 1):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(annotator).post(f"/api/v1/articles/{article.pk}/import/", items, format="json")
    assert response.status_code == 202
    job = client_for(annotator).get(response["Location"]).json()
    # One note per span (a duplicate is refused): the second item's comment is added to the first's.
    assert job["state"] == "done" and len(job["result"]["created"]) == 1 and len(job["result"]["merged"]) == 1
    assert list(Annotation.objects.filter(article=article).values_list("comment", flat=True)) == ["first\n\nsecond"]


def test_w3c_export_reads_reviews_and_people_in_a_fixed_number_of_queries(client_for, reviewer):
    def queries_for(count: int) -> int:
        article = ArticleFactory(body=BODY)
        for n in range(count):
            flag = AnnotationFactory(article=article, kind="note", start=n, end=n + 3, assignee=reviewer)
            annotation_review(annotation=flag, decision="confirm", note=f"n{n}", reviewer=reviewer)
        client = client_for(reviewer)
        with CaptureQueriesContext(connection) as captured:
            items = client.get(f"/api/v1/articles/{article.pk}/export/").json()["first"]["items"]
        assert len(items) == count and all(i["review_history"][0]["note"] == f"n{n}" for n, i in enumerate(items))
        assert {i["assignee"] for i in items} == {reviewer.username}
        return len(captured)

    assert queries_for(2) == queries_for(12)
