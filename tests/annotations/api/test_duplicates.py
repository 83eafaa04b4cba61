"""No silent duplicates (issue 21): the same article, kind and span as an existing annotation is a 409
naming it, in the API and the admin; the machine's own sync is exempt."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotations.models import Annotation
from annotations.services.annotations import annotation_create
from annotations.services.articles import article_update
from annotations.services.machine import MachineAnnotationSpec, machine_annotations_sync
from tests.annotations.admin.form_data import annotation_admin_form
from tests.annotations.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ANNOTATIONS = "/api/v1/annotations/"
BODY = "The minister recieved the report on Tuesday."
START, END = 13, 21  # "recieved"


@pytest.fixture
def article():
    return ArticleFactory(body=BODY)


@pytest.fixture
def machine_typo(article):
    """The machine's flag, as the README's old example found it: the hand-made copy must be refused."""
    spec = MachineAnnotationSpec(
        kind="typo", start=START, end=END, detector="typo@1", rule="misspelling", confidence=0.9, suggestion="received"
    )
    machine_annotations_sync(article=article, detectors=["typo@1"], specs=[spec])
    return Annotation.objects.get(article=article, origin="machine")


def typo_payload(article, **overrides):
    return {
        "article": article.pk,
        "kind": "typo",
        "start": START,
        "end": END,
        "quote": "recieved",
        "suggestion": "received",
        **overrides,
    }


def test_api_create_over_the_machines_flag_is_409_naming_it(client_for, annotator, article, machine_typo):
    response = client_for(annotator).post(ANNOTATIONS, typo_payload(article), format="json")
    assert response.status_code == 409, response.content
    data = response.json()
    assert data["existing_annotation"] == machine_typo.pk
    assert f"Annotation {machine_typo.pk} already marks [13:21] as typo" in data["detail"]
    assert Annotation.objects.filter(article=article).count() == 1


def test_api_create_duplicate_of_a_dismissed_or_editor_annotation_is_409(client_for, annotator, reviewer, article):
    first = client_for(annotator).post(ANNOTATIONS, typo_payload(article), format="json")
    assert first.status_code == 201
    again = client_for(reviewer).post(ANNOTATIONS, typo_payload(article, comment="me too"), format="json")
    assert again.status_code == 409
    assert again.json()["existing_annotation"] == first.json()["id"]
    assert Annotation.objects.filter(article=article).count() == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"kind": "note", "suggestion": None},  # another kind on the same span
        {"start": START, "end": END + 4, "quote": "recieved the", "suggestion": "received the"},  # another span
    ],
    ids=["other-kind", "other-span"],
)
def test_api_create_of_another_kind_or_span_is_allowed(client_for, annotator, article, machine_typo, overrides):
    data = {key: value for key, value in typo_payload(article, **overrides).items() if value is not None}
    response = client_for(annotator).post(ANNOTATIONS, data, format="json")
    assert response.status_code == 201, response.content


def test_an_orphan_does_not_block_its_old_span(client_for, annotator, article):
    """An orphan's offsets belong to an older body: the span it once had is free."""
    orphan = annotation_create(article=article, kind="note", start=START, end=END, created_by=annotator)
    article_update(article=article, body=BODY.replace("recieved", "got hold of"), changed_by=annotator)
    article.refresh_from_db()
    orphan.refresh_from_db()
    assert orphan.anchor_state == "orphaned"
    start = article.body.index("got")
    response = client_for(annotator).post(
        ANNOTATIONS, {"article": article.pk, "kind": "note", "start": start, "end": start + 3}, format="json"
    )
    assert response.status_code == 201, response.content


def test_api_patch_moving_onto_an_existing_span_is_409(client_for, annotator, article, machine_typo):
    mine = annotation_create(article=article, kind="typo", start=0, end=3, suggestion="A", created_by=annotator)
    response = client_for(annotator).patch(
        f"{ANNOTATIONS}{mine.pk}/", {"start": START, "end": END}, format="json", HTTP_IF_MATCH=f'"{mine.version}"'
    )
    assert response.status_code == 409
    assert response.json()["existing_annotation"] == machine_typo.pk
    mine.refresh_from_db()
    assert (mine.start, mine.end) == (0, 3)


def test_machine_sync_is_exempt_and_stays_idempotent(article, annotator):
    """The machine upserts its own findings per detector: a human annotation of the same span and kind
    does not stop it, and re-running changes nothing."""
    annotation_create(article=article, kind="typo", start=START, end=END, suggestion="received", created_by=annotator)
    spec = MachineAnnotationSpec(
        kind="typo", start=START, end=END, detector="typo@1", rule="misspelling", confidence=0.9, suggestion="received"
    )
    for _ in range(2):
        machine_annotations_sync(article=article, detectors=["typo@1"], specs=[spec])
    assert sorted(Annotation.objects.filter(article=article).values_list("origin", flat=True)) == [
        "editor",
        "machine",
    ]


def test_admin_add_form_refuses_a_duplicate_with_a_link(staff_client, article, machine_typo):
    form = annotation_admin_form(
        article=str(article.pk), kind="typo", start=str(START), end=str(END), suggestion="received"
    )
    response = staff_client.post(reverse("admin:annotations_annotation_add"), form)
    assert response.status_code == 200  # the form again, with the error
    html = response.content.decode()
    assert f"Annotation {machine_typo.pk} already marks [13:21] as typo" in html
    link = reverse("admin:annotations_annotation_change", args=[machine_typo.pk])
    assert f'<a href="{link}">Open annotation {machine_typo.pk}</a>' in html
    assert Annotation.objects.filter(article=article).count() == 1


def test_admin_article_page_gives_the_panel_the_api_that_answers_409(staff_client, article, machine_typo):
    """The panel posts to the annotations API named in its config; that API's 409 carries the
    ``existing_annotation`` the panel links to (the browser test clicks through it)."""
    page = staff_client.get(reverse("admin:annotations_article_change", args=[article.pk]))
    assert page.status_code == 200
    config = page.context["annotator_config"]
    response = staff_client.post(config["api"]["annotations"], typo_payload(article), content_type="application/json")
    assert response.status_code == 409
    assert response.json()["existing_annotation"] == machine_typo.pk


def test_reattaching_an_orphan_onto_a_marked_span_is_409(client_for, annotator, article):
    """The orphan's old span is free, but not a span another note marks now."""
    orphan = annotation_create(article=article, kind="note", start=START, end=END, created_by=annotator)
    article_update(article=article, body=BODY.replace("recieved", "got hold of"), changed_by=annotator)
    article.refresh_from_db()
    start = article.body.index("the report")
    marked = annotation_create(article=article, kind="note", start=start, end=start + 10, created_by=annotator)
    response = client_for(annotator).post(
        f"{ANNOTATIONS}{orphan.pk}/reattach/", {"start": start, "end": start + 10}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["existing_annotation"] == marked.pk
    orphan.refresh_from_db()
    assert orphan.anchor_state == "orphaned"
