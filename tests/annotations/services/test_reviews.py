"""The review state machine, its log and signal, assignment, and the review endpoints."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from annotations.models import ReviewLog
from annotations.services.annotations import annotation_update
from annotations.services.errors import InvalidTransition
from annotations.services.reviews import annotation_assign, annotation_review
from annotations.signals import annotation_reviewed
from tests.annotations.factories import AnnotationFactory, UserFactory

pytestmark = pytest.mark.django_db

ALLOWED = [
    ("open", "confirm", "confirmed"),
    ("open", "dismiss", "dismissed"),
    ("confirmed", "resolve", "resolved"),
    ("confirmed", "reopen", "open"),
    ("dismissed", "reopen", "open"),
    ("resolved", "reopen", "open"),
]
FORBIDDEN = [
    ("open", "resolve"),
    ("open", "reopen"),
    ("confirmed", "confirm"),
    ("confirmed", "dismiss"),
    ("dismissed", "confirm"),
    ("dismissed", "dismiss"),
    ("dismissed", "resolve"),
    ("resolved", "confirm"),
    ("resolved", "dismiss"),
    ("resolved", "resolve"),
]


def review_url(pk: int) -> str:
    return f"/api/v1/annotations/{pk}/review/"


def flag(**kwargs):
    return AnnotationFactory(kind="unverified_claim", reason="unsourced", **kwargs)


@pytest.mark.parametrize(("start", "decision", "end"), ALLOWED)
def test_review_allowed_transitions(client_for, reviewer, start, decision, end):
    annotation = flag(status=start)
    response = client_for(reviewer).post(
        review_url(annotation.pk), {"decision": decision, "note": "n", "version": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["review_note"], body["reviewer"], body["version"]) == (end, "n", reviewer.pk, 2)
    log = ReviewLog.objects.get(annotation=annotation)
    assert (log.from_status, log.to_status, log.decision, log.note, log.reviewer) == (
        start,
        end,
        decision,
        "n",
        reviewer,
    )


@pytest.mark.parametrize(("start", "decision"), FORBIDDEN)
def test_review_forbidden_transitions_are_409(client_for, reviewer, start, decision):
    annotation = flag(status=start)
    response = client_for(reviewer).post(review_url(annotation.pk), {"decision": decision, "version": 1}, format="json")
    assert response.status_code == 409, response.content
    assert f"cannot go from {start}" in response.json()["status"][0]
    assert response.json()["current_status"] == start
    annotation.refresh_from_db()
    assert annotation.status == start and annotation.version == 1
    assert not ReviewLog.objects.exists()


def test_review_by_non_reviewer_is_403(client_for, annotator):
    annotation = flag(created_by=annotator)
    response = client_for(annotator).post(review_url(annotation.pk), {"decision": "confirm"}, format="json")
    assert response.status_code == 403
    annotation.refresh_from_db()
    assert annotation.status == "open"


def test_review_by_user_without_role_is_403(client_for):
    annotation = flag()
    response = client_for(UserFactory()).post(review_url(annotation.pk), {"decision": "confirm"}, format="json")
    assert response.status_code == 403


def test_review_anonymous_is_401(anonymous_client):
    annotation = flag()
    assert anonymous_client.post(review_url(annotation.pk), {"decision": "confirm"}, format="json").status_code == 401
    assert anonymous_client.get(f"/api/v1/annotations/{annotation.pk}/reviews/").status_code == 401


def test_review_staff_may_review(client_for, staff):
    annotation = flag()
    response = client_for(staff).post(review_url(annotation.pk), {"decision": "dismiss", "version": 1}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "dismissed"


def test_review_unknown_decision_is_400(client_for, reviewer):
    annotation = flag()
    response = client_for(reviewer).post(review_url(annotation.pk), {"decision": "approve"}, format="json")
    assert response.status_code == 400
    assert "decision" in response.json()


def test_review_stale_version_is_409(client_for, reviewer):
    annotation = flag(version=3)
    response = client_for(reviewer).post(
        review_url(annotation.pk), {"decision": "confirm", "version": 2}, format="json"
    )
    assert response.status_code == 409 and response.json()["current_version"] == 3


def test_review_log_endpoint_lists_every_transition(client_for, reviewer, annotator):
    annotation = flag()
    client = client_for(reviewer)
    for version, decision in enumerate(("confirm", "resolve", "reopen", "dismiss"), start=1):
        assert (
            client.post(
                review_url(annotation.pk), {"decision": decision, "note": decision, "version": version}, format="json"
            ).status_code
            == 200
        )
    response = client_for(annotator).get(f"/api/v1/annotations/{annotation.pk}/reviews/")
    assert response.status_code == 200
    rows = response.json()
    assert [(r["from_status"], r["to_status"], r["note"]) for r in rows] == [
        ("open", "confirmed", "confirm"),
        ("confirmed", "resolved", "resolve"),
        ("resolved", "open", "reopen"),
        ("open", "dismissed", "dismiss"),
    ]
    assert rows[0]["reviewer"] == {"id": reviewer.pk, "username": reviewer.username}
    assert rows[0]["created_at"]


def test_annotation_review_sends_signal_inside_transaction(reviewer):
    annotation = flag()
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    annotation_reviewed.connect(receiver, dispatch_uid="test-review-signal")
    try:
        annotation_review(annotation=annotation, decision="confirm", note="ok", reviewer=reviewer)
    finally:
        annotation_reviewed.disconnect(dispatch_uid="test-review-signal")
    assert len(received) == 1
    kwargs = received[0]
    assert (kwargs["from_status"], kwargs["to_status"], kwargs["reviewer"], kwargs["note"]) == (
        "open",
        "confirmed",
        reviewer,
        "ok",
    )
    assert kwargs["annotation"].pk == annotation.pk and kwargs["annotation"].status == "confirmed"


def test_annotation_review_service_checks_policy(annotator):
    with pytest.raises(PermissionDenied):
        annotation_review(annotation=flag(), decision="confirm", reviewer=annotator)


def test_patch_status_follows_the_same_rules(client_for, reviewer):
    annotation = flag()
    client = client_for(reviewer)
    response = client.patch(
        f"/api/v1/annotations/{annotation.pk}/",
        {"status": "resolved"},
        format="json",
        HTTP_IF_MATCH=f'"{annotation.version}"',
    )
    assert response.status_code == 409
    response = client.patch(
        f"/api/v1/annotations/{annotation.pk}/",
        {"status": "confirmed", "review_note": "via patch"},
        format="json",
        HTTP_IF_MATCH=f'"{annotation.version}"',
    )
    assert response.status_code == 200
    log = ReviewLog.objects.get(annotation=annotation)
    assert (log.from_status, log.to_status, log.decision, log.note) == ("open", "confirmed", "confirm", "via patch")


def test_annotation_update_invalid_transition_raises(reviewer):
    with pytest.raises(InvalidTransition):
        annotation_update(annotation=flag(status="dismissed"), changed_by=reviewer, status="resolved")


def test_assign_and_unassign(client_for, reviewer, staff):
    annotation = flag()
    url = f"/api/v1/annotations/{annotation.pk}/assign/"
    response = client_for(staff).post(url, {"assignee": reviewer.pk}, format="json")
    assert response.status_code == 200 and response.json()["assignee"] == reviewer.pk
    response = client_for(reviewer).post(url, {"assignee": None}, format="json")
    assert response.status_code == 200 and response.json()["assignee"] is None


def test_assign_needs_reviewer_and_a_reviewer_assignee(client_for, annotator, reviewer):
    annotation = flag()
    url = f"/api/v1/annotations/{annotation.pk}/assign/"
    assert client_for(annotator).post(url, {"assignee": reviewer.pk}, format="json").status_code == 403
    assert client_for(reviewer).post(url, {"assignee": annotator.pk}, format="json").status_code == 400
    with pytest.raises(PermissionDenied):
        annotation_assign(annotation=annotation, assignee=reviewer, assigned_by=annotator)
