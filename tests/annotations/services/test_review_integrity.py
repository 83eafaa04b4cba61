"""Issue 16, findings 2, 3 and 4 (and the reattach part of 9): reviews only reviewers can overturn.

- An edit that removes a decided flag's text never overturns the decision: the flag becomes
  orphaned and keeps status, reviewer and note; the flagged-claim report tells the reviewer.
- Restoring the text re-anchors that same annotation; no fresh open flag is raised.
- Nothing is decided at birth: the API refuses a decided status on create, and a reviewer's
  W3C import is recorded as their decision (reviewer, date, ReviewLog).
- A review carries the version it decided on: 428 without it, 409 when stale; the report page
  and annotator.js send it.
- Reattaching someone else's anchored annotation is refused; orphans stay reattachable by reviewers.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from annotations.models import Annotation, ReviewLog
from annotations.services.annotations import annotation_create, annotation_reattach, annotation_update
from annotations.services.articles import article_create, article_update
from annotations.services.reviews import annotation_review
from tests import paths
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

# A claim from a vague source (not a forecast: what experts predict is an opinion, never flagged).
CLAIM = "Experts say the bridge was built with faulty steel."
BODY = f"The council met on Monday. {CLAIM} The mayor thanked residents."
WITHOUT = "The council met on Monday. The mayor thanked residents."
REPORT = "/admin/credibility/flagged-claim-report/"


def _analysed(annotator, capture):
    with capture(execute=True):
        article = article_create(title="Bridge", body=BODY, created_by=annotator)
    flag = Annotation.objects.get(article=article, kind="unverified_claim", origin="machine")
    return article, flag


def _edit(article, body, user, capture):
    article.refresh_from_db()
    with capture(execute=True):
        article_update(article=article, body=body, changed_by=user, expected_version=article.version)
    article.refresh_from_db()
    return article


@pytest.mark.parametrize("decision", ["confirm", "dismiss"])
def test_removing_the_text_orphans_a_decided_flag_and_keeps_the_decision(
    decision, annotator, reviewer, django_capture_on_commit_callbacks
):
    article, flag = _analysed(annotator, django_capture_on_commit_callbacks)
    annotation_review(
        annotation=flag, decision=decision, note="checked", reviewer=reviewer, expected_version=flag.version
    )
    flag.refresh_from_db()
    decided = (flag.status, flag.reviewer_id, flag.review_note, flag.reviewed_at)
    logs = ReviewLog.objects.filter(annotation=flag).count()

    _edit(article, WITHOUT, annotator, django_capture_on_commit_callbacks)  # an annotator deletes the sentence
    flag.refresh_from_db()
    assert flag.anchor_state == "orphaned"
    assert (flag.status, flag.reviewer_id, flag.review_note, flag.reviewed_at) == decided
    assert ReviewLog.objects.filter(annotation=flag).count() == logs  # no system "decision"

    # The reviewer is told in the report.
    staff_reviewer = UserFactory(roles=["reviewer"], is_staff=True)
    client = Client()
    client.force_login(staff_reviewer)
    page = client.get(REPORT, {"status": ""}).content.decode()  # every state (the page opens on open flags)
    assert f'id="flag-{flag.pk}"' in page
    assert "Text removed from the article" in page and "decision stands until a reviewer acts" in page


def test_restoring_the_text_re_anchors_the_same_annotation(annotator, reviewer, django_capture_on_commit_callbacks):
    article, flag = _analysed(annotator, django_capture_on_commit_callbacks)
    annotation_review(annotation=flag, decision="confirm", reviewer=reviewer, expected_version=flag.version)
    _edit(article, WITHOUT, annotator, django_capture_on_commit_callbacks)
    article = _edit(article, BODY, annotator, django_capture_on_commit_callbacks)  # restored
    flag.refresh_from_db()
    assert flag.anchor_state != "orphaned" and flag.status == "confirmed" and flag.reviewer == reviewer
    assert article.body[flag.start : flag.end] == flag.quote == CLAIM
    same_span = Annotation.objects.filter(article=article, kind="unverified_claim")
    assert list(same_span) == [flag]  # no fresh open flag


def test_an_open_flag_resolved_by_removal_reopens_when_the_text_returns(annotator, django_capture_on_commit_callbacks):
    article, flag = _analysed(annotator, django_capture_on_commit_callbacks)
    note = annotation_create(
        article=article,
        kind="note",
        start=BODY.index(CLAIM),
        end=BODY.index(CLAIM) + 7,
        comment="mine",
        created_by=annotator,
    )
    _edit(article, WITHOUT, annotator, django_capture_on_commit_callbacks)
    note.refresh_from_db()
    assert (note.status, note.anchor_state, note.reviewer) == ("resolved", "orphaned", None)
    _edit(article, BODY, annotator, django_capture_on_commit_callbacks)
    note.refresh_from_db()
    assert (note.status, note.anchor_state) == ("open", "moved")
    assert note.review_note.startswith("text restored in revision")
    assert Annotation.objects.filter(article=article, kind="note").count() == 1


# --- decided at birth ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["confirmed", "dismissed", "resolved"])
def test_api_create_with_a_decided_status_is_refused(status, client_for, reviewer):
    article = ArticleFactory()
    response = client_for(reviewer).post(
        "/api/v1/annotations/",
        {"article": article.pk, "kind": "note", "start": 0, "end": 3, "status": status},
        format="json",
    )
    assert response.status_code == 400 and "status" in response.json()
    assert not Annotation.objects.filter(article=article).exists()


def test_service_create_decided_needs_a_reviewer_and_is_logged(annotator, reviewer):
    article = ArticleFactory()
    with pytest.raises(ValidationError):
        annotation_create(article=article, kind="note", start=0, end=3, status="confirmed", created_by=reviewer)
    with pytest.raises(PermissionDenied):
        annotation_create(
            article=article,
            kind="note",
            start=0,
            end=3,
            status="confirmed",
            created_by=annotator,
            decided_via="W3C import",
        )
    made = annotation_create(
        article=article, kind="note", start=0, end=3, status="resolved", created_by=reviewer, decided_via="W3C import"
    )
    assert (made.status, made.reviewer, made.reviewed_at is not None) == ("resolved", reviewer, True)
    log = ReviewLog.objects.get(annotation=made)
    assert (log.reviewer, log.to_status, log.note) == (reviewer, "resolved", "decided via W3C import")


def test_w3c_import_with_a_confirmed_status_is_recorded_as_the_reviewers_decision(client_for, reviewer, annotator):
    article = ArticleFactory()
    document = {
        "type": "AnnotationCollection",
        "items": [
            {
                "type": "Annotation",
                "motivation": "assessing",
                "target": {
                    "selector": [
                        {"type": "TextPositionSelector", "start": 0, "end": 3},
                        {"type": "TextQuoteSelector", "exact": article.body[0:3]},
                    ]
                },
                "body": [
                    {
                        "type": "TextualBody",
                        "value": "x",
                        "purpose": "commenting",
                        "credibility": {"kind": "note", "status": "confirmed"},
                    }
                ],
            }
        ],
    }
    response = client_for(annotator).post(f"/api/v1/articles/{article.pk}/import/?format=w3c", document, format="json")
    assert response.status_code == 200, response.content
    stored = Annotation.objects.get(article=article)
    assert stored.status == "open" and not ReviewLog.objects.filter(annotation=stored).exists()
    stored.delete()
    response = client_for(reviewer).post(f"/api/v1/articles/{article.pk}/import/?format=w3c", document, format="json")
    assert response.status_code == 200, response.content
    stored = Annotation.objects.get(article=article)
    assert (stored.status, stored.reviewer, stored.reviewed_at is not None) == ("confirmed", reviewer, True)
    assert ReviewLog.objects.filter(annotation=stored, reviewer=reviewer, to_status="confirmed").count() == 1


# --- reviews carry their version -----------------------------------------------------------------


def test_review_without_version_is_428_and_stale_is_409(client_for, reviewer, annotator):
    flag = AnnotationFactory(kind="unverified_claim", reason="unsourced", created_by=annotator)
    url = f"/api/v1/annotations/{flag.pk}/review/"
    client = client_for(reviewer)
    assert client.post(url, {"decision": "confirm"}, format="json").status_code == 428
    # The owner changes the comment after the reviewer read version 1.
    annotation_update(annotation=flag, changed_by=annotator, comment="rewritten", expected_version=1)
    stale = client.post(url, {"decision": "confirm", "version": 1}, format="json")
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert client.post(url, {"decision": "confirm"}, format="json", HTTP_IF_MATCH='"1"').status_code == 409
    flag.refresh_from_db()
    assert flag.status == "open" and not ReviewLog.objects.filter(annotation=flag).exists()
    assert client.post(url, {"decision": "confirm"}, format="json", HTTP_IF_MATCH='"2"').status_code == 200


def test_report_page_decides_only_the_version_it_showed(reviewer):
    staff_reviewer = UserFactory(roles=["reviewer"], is_staff=True)
    flag = AnnotationFactory(kind="unverified_claim", reason="unsourced")
    client = Client()
    client.force_login(staff_reviewer)
    page = client.get(REPORT).content.decode()
    assert f'name="version-{flag.pk}" value="{flag.version}"' in page
    client.post(REPORT, {"single": f"{flag.pk}:confirm"})  # no version: refused
    flag.refresh_from_db()
    assert flag.status == "open"
    client.post(REPORT, {"single": f"{flag.pk}:confirm", f"version-{flag.pk}": flag.version + 1})  # stale
    flag.refresh_from_db()
    assert flag.status == "open"
    client.post(
        REPORT, {"bulk": "apply", "bulk_decision": "confirm", "ids": [flag.pk], f"version-{flag.pk}": flag.version}
    )
    flag.refresh_from_db()
    assert (flag.status, flag.reviewer) == ("confirmed", staff_reviewer)


def test_annotator_js_sends_the_version_it_shows():
    js = (paths.ROOT / "annotations/static/annotations/annotator.js").read_text()
    assert "/review/`, {decision, note: note.value, version: a.version}" in js


# --- reattach ------------------------------------------------------------------------------------


def test_reattaching_someone_elses_anchored_annotation_is_refused(client_for, annotator, reviewer):
    note = AnnotationFactory(created_by=annotator)
    response = client_for(reviewer).post(
        f"/api/v1/annotations/{note.pk}/reattach/", {"start": 4, "end": 11}, format="json"
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        annotation_reattach(annotation=note, start=4, end=11, changed_by=reviewer)
    assert (
        client_for(annotator)
        .post(f"/api/v1/annotations/{note.pk}/reattach/", {"start": 4, "end": 11}, format="json")
        .status_code
        == 200
    )
    orphan = AnnotationFactory(created_by=annotator, anchor_state="orphaned")
    response = client_for(reviewer).post(
        f"/api/v1/annotations/{orphan.pk}/reattach/", {"start": 4, "end": 11}, format="json"
    )
    assert response.status_code == 200 and response.json()["anchor_state"] == "anchored"
