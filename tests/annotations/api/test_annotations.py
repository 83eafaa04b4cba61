"""The annotations API: editor writes through the services, roles, bad spans and filters."""

from __future__ import annotations

import pytest

from annotations.models import Annotation
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.credibility.factories import FactCheckFactory, SourceFactory

pytestmark = pytest.mark.django_db

ANNOTATIONS = "/api/v1/annotations/"
BODY = "The mayor said taxes will rise. Critics disagree."  # "mayor" is body[4:9]


def detail(annotation_id: int) -> str:
    return f"{ANNOTATIONS}{annotation_id}/"


@pytest.fixture
def article():
    return ArticleFactory(body=BODY)


def payload(article, **overrides):
    """A valid create payload; an override of None leaves that key out."""
    data = {"article": article.pk, "kind": "note", "start": 4, "end": 9, "quote": "mayor", "comment": "Which mayor?"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def assert_nothing_written(article) -> None:
    assert not Annotation.objects.filter(article=article).exists()


def test_annotation_create_stores_editor_annotation(client_for, annotator, article):
    source = SourceFactory(name="The Mayor")
    response = client_for(annotator).post(
        ANNOTATIONS, payload(article, kind="source_attribution", source=source.pk), format="json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["origin"] == "editor"
    assert data["status"] == "open"
    assert data["quote"] == "mayor"
    assert data["prefix"] == "The "
    assert data["source"] == {"id": source.pk, "name": "The Mayor", "kind": "person"}
    assert data["created_by"] == annotator.pk
    assert data["evidence"] is None
    assert data["reason"] is None
    assert data["version"] == 1
    stored = Annotation.objects.get(pk=data["id"])
    assert (stored.start, stored.end, stored.created_by) == (4, 9, annotator)


def test_annotation_create_without_quote_takes_it_from_the_body(client_for, annotator, article):
    response = client_for(annotator).post(ANNOTATIONS, payload(article, quote=None), format="json")
    assert response.status_code == 201
    assert response.json()["quote"] == "mayor"


def test_annotation_create_offsets_are_code_points(client_for, annotator):
    article = ArticleFactory(body="Emoji 😀 then Luksahenko spoke.")
    start = article.body.index("Luksahenko")
    response = client_for(annotator).post(
        ANNOTATIONS,
        {
            "article": article.pk,
            "kind": "typo",
            "start": start,
            "end": start + 10,
            "quote": "Luksahenko",
            "suggestion": "Lukashenko",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["start"] == 13


@pytest.mark.parametrize(
    ("user", "overrides", "field", "messages"),
    [
        ("annotator", {"start": 40, "end": len(BODY) + 5, "quote": None}, "end", ["past the end of the body"]),
        ("annotator", {"start": 9, "end": 9, "quote": None}, "end", ["end must be greater than start"]),
        ("annotator", {"start": -1}, "start", []),
        ("annotator", {"quote": "major"}, "quote", ["'mayor'"]),
        ("annotator", {"kind": "rumour"}, "kind", ['"rumour" is not a valid kind', "unverified_claim"]),
        ("reviewer", {"status": "maybe"}, "status", ['"maybe" is not a valid status']),
    ],
    ids=["end-past-body", "start-not-before-end", "negative-start", "quote-mismatch", "unknown-kind", "unknown-status"],
)
def test_annotation_create_invalid_field_is_400(request, client_for, article, user, overrides, field, messages):
    response = client_for(request.getfixturevalue(user)).post(ANNOTATIONS, payload(article, **overrides), format="json")
    assert response.status_code == 400
    message = response.json()[field][0]
    assert all(text in message for text in messages), message
    assert_nothing_written(article)


def test_annotation_create_malformed_json_is_400(client_for, annotator, article):
    response = client_for(annotator).post(
        ANNOTATIONS, data=f'{{"article": {article.pk:d}, "kind": "note",', content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]
    assert_nothing_written(article)


def test_annotation_create_unauthenticated_is_401(anonymous_client, article):
    response = anonymous_client.post(ANNOTATIONS, payload(article), format="json")
    assert response.status_code == 401
    assert_nothing_written(article)


def test_annotation_create_rejects_origin_and_unknown_fields(client_for, annotator, article):
    response = client_for(annotator).post(ANNOTATIONS, payload(article, origin="machine", comit="typo"), format="json")
    assert response.status_code == 400
    errors = response.json()
    assert "read-only" in errors["origin"][0]
    assert "Unknown field" in errors["comit"][0]
    assert_nothing_written(article)


def test_annotation_create_reason_only_for_unverified_claims(client_for, annotator, article):
    response = client_for(annotator).post(ANNOTATIONS, payload(article, reason="hedged"), format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
    assert_nothing_written(article)


def test_annotation_create_without_role_is_403(client_for, article):
    response = client_for(UserFactory()).post(ANNOTATIONS, payload(article), format="json")
    assert response.status_code == 403
    assert_nothing_written(article)


def test_annotation_create_with_review_status_is_refused_for_everyone(client_for, annotator, reviewer, article):
    """Issue 16, finding 3: no annotation is decided at birth (no reviewer, date or log row)."""
    for user in (annotator, reviewer):
        for status in ("confirmed", "dismissed", "resolved"):
            response = client_for(user).post(ANNOTATIONS, payload(article, status=status), format="json")
            assert response.status_code == 400, response.content
            assert "status" in response.json()
    assert_nothing_written(article)
    response = client_for(reviewer).post(ANNOTATIONS, payload(article, status="open"), format="json")
    assert response.status_code == 201


def test_annotation_create_with_evidence(client_for, annotator, article):
    factcheck = FactCheckFactory(rating_label="Pants on Fire")
    other = AnnotationFactory(article=ArticleFactory(body="Taxes fall, says mayor."))
    client = client_for(annotator)
    response = client.post(
        ANNOTATIONS, payload(article, kind="contradicted_claim", evidence_factcheck=factcheck.pk), format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["evidence"] == {
        "identifier": factcheck.identifier,
        "url": factcheck.url,
        "claim_reviewed": factcheck.claim_reviewed,
        "rating": "Pants on Fire",
        "verdict": "false",
    }
    # Another span: the same kind on the same span would be a duplicate (409, see test_duplicates.py).
    response = client.post(
        ANNOTATIONS,
        payload(
            article, kind="contradicted_claim", start=15, end=30, quote="taxes will rise", evidence_annotation=other.pk
        ),
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["evidence"] == {"article": other.article_id, "annotation": other.pk, "quote": "Taxes"}


def test_annotation_update_by_owner_edits_content(client_for, annotator, article):
    annotation = AnnotationFactory(article=article, created_by=annotator)
    response = client_for(annotator).patch(
        detail(annotation.pk),
        {"start": 4, "end": 9, "quote": "mayor", "comment": "Name the mayor."},
        format="json",
        HTTP_IF_MATCH=f'"{annotation.version}"',
    )
    assert response.status_code == 200, response.content
    annotation.refresh_from_db()
    assert (annotation.quote, annotation.comment, annotation.version) == ("mayor", "Name the mayor.", 2)


def test_annotation_update_of_someone_elses_annotation_is_403(client_for, annotator, other_annotator, article):
    annotation = AnnotationFactory(article=article, created_by=other_annotator, comment="theirs")
    response = client_for(annotator).patch(
        detail(annotation.pk), {"comment": "mine now"}, format="json", HTTP_IF_MATCH=f'"{annotation.version}"'
    )
    assert response.status_code == 403
    annotation.refresh_from_db()
    assert (annotation.comment, annotation.version) == ("theirs", 1)


def test_annotation_delete_of_someone_elses_annotation_is_403(client_for, annotator, other_annotator, article):
    annotation = AnnotationFactory(article=article, created_by=other_annotator)
    assert client_for(annotator).delete(detail(annotation.pk)).status_code == 403
    assert Annotation.objects.filter(pk=annotation.pk).exists()
    assert client_for(other_annotator).delete(detail(annotation.pk)).status_code == 204
    assert not Annotation.objects.filter(pk=annotation.pk).exists()


def test_annotation_update_span_past_body_is_400(client_for, annotator, article):
    annotation = AnnotationFactory(article=article, created_by=annotator)
    response = client_for(annotator).patch(
        detail(annotation.pk), {"end": len(BODY) + 1}, format="json", HTTP_IF_MATCH=f'"{annotation.version}"'
    )
    assert response.status_code == 400
    annotation.refresh_from_db()
    assert (annotation.end, annotation.version) == (3, 1)


def test_annotation_update_unknown_status_is_400(client_for, reviewer, article):
    annotation = AnnotationFactory(article=article)
    response = client_for(reviewer).patch(
        detail(annotation.pk), {"status": "closed"}, format="json", HTTP_IF_MATCH=f'"{annotation.version}"'
    )
    assert response.status_code == 400
    annotation.refresh_from_db()
    assert annotation.status == "open"


def test_annotation_update_reviewer_changes_status_of_others(client_for, reviewer, annotator, article):
    annotation = AnnotationFactory(article=article, created_by=annotator)
    response = client_for(reviewer).patch(
        detail(annotation.pk),
        {"status": "confirmed", "review_note": "Checked."},
        format="json",
        HTTP_IF_MATCH=f'"{annotation.version}"',
    )
    assert response.status_code == 200, response.content
    annotation.refresh_from_db()
    assert (annotation.status, annotation.review_note, annotation.reviewer) == ("confirmed", "Checked.", reviewer)
    assert annotation.reviewed_at is not None
    assert response.json()["reviewer"] == reviewer.pk


def test_annotation_update_reviewer_cannot_change_content_of_others(client_for, reviewer, annotator, article):
    annotation = AnnotationFactory(article=article, created_by=annotator, comment="original")
    response = client_for(reviewer).patch(
        detail(annotation.pk),
        {"status": "confirmed", "comment": "rewritten"},
        format="json",
        HTTP_IF_MATCH=f'"{annotation.version}"',
    )
    assert response.status_code == 403
    annotation.refresh_from_db()
    assert (annotation.status, annotation.comment) == ("open", "original")


def test_annotation_update_reviewer_may_send_unchanged_content_back(client_for, reviewer, annotator, article):
    annotation = AnnotationFactory(article=article, created_by=annotator, comment="original")
    client = client_for(reviewer)
    current = client.get(detail(annotation.pk)).json()
    response = client.put(
        detail(annotation.pk),
        {
            "article": current["article"],
            "kind": current["kind"],
            "start": current["start"],
            "end": current["end"],
            "quote": current["quote"],
            "comment": current["comment"],
            "status": "dismissed",
        },
        format="json",
        HTTP_IF_MATCH=f'"{annotation.version}"',
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "dismissed"


def test_annotation_update_annotator_cannot_review(client_for, annotator, article):
    annotation = AnnotationFactory(article=article, created_by=annotator)
    response = client_for(annotator).patch(
        detail(annotation.pk), {"status": "confirmed"}, format="json", HTTP_IF_MATCH=f'"{annotation.version}"'
    )
    assert response.status_code == 403
    annotation.refresh_from_db()
    assert annotation.status == "open"


def test_annotation_update_cannot_move_to_another_article(client_for, annotator, article):
    annotation = AnnotationFactory(article=article, created_by=annotator)
    response = client_for(annotator).patch(
        detail(annotation.pk), {"article": ArticleFactory().pk}, format="json", HTTP_IF_MATCH=f'"{annotation.version}"'
    )
    assert response.status_code == 400
    annotation.refresh_from_db()
    assert annotation.article_id == article.pk


def test_annotation_update_with_stale_body_version_is_412_like_a_stale_if_match(client_for, annotator, article):
    # One stale-version answer for a resource write, however the client names the version it read.
    annotation = AnnotationFactory(article=article, created_by=annotator, version=3)
    response = client_for(annotator).patch(
        detail(annotation.pk), {"comment": "late", "version": 2}, format="json", HTTP_IF_MATCH=f'"{annotation.version}"'
    )
    assert response.status_code == 412
    assert response.json()["current_version"] == 3
    assert response["ETag"] == '"3"'
    annotation.refresh_from_db()
    assert annotation.comment == ""


def test_annotation_update_machine_annotation_by_staff_keeps_origin(client_for, staff, article):
    annotation = AnnotationFactory(article=article, origin="machine", detector="typos@1", confidence=0.8)
    response = client_for(staff).patch(
        detail(annotation.pk), {"comment": "fine"}, format="json", HTTP_IF_MATCH=f'"{annotation.version}"'
    )
    assert response.status_code == 200
    assert response.json()["origin"] == "machine"


def test_annotation_list_filters(client_for, annotator, article):
    source = SourceFactory()
    attribution = AnnotationFactory(
        article=article,
        kind="source_attribution",
        source=source,
        origin="machine",
        detector="attribution@2",
        confidence=0.9,
    )
    hedge = AnnotationFactory(
        article=article,
        kind="unverified_claim",
        reason="hedged",
        origin="machine",
        detector="hedges@1",
        confidence=0.4,
        start=15,
        end=20,
        quote=BODY[15:20],
        status="confirmed",
    )
    note = AnnotationFactory(article=article)
    other_article_note = AnnotationFactory(article=ArticleFactory())
    client = client_for(annotator)

    def ids(**params):
        response = client.get(ANNOTATIONS, params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids(article=article.pk) == {attribution.pk, hedge.pk, note.pk}
    assert ids(kind="source_attribution") == {attribution.pk}
    assert ids(status="confirmed") == {hedge.pk}
    assert ids(origin="editor") == {note.pk, other_article_note.pk}
    assert ids(source=source.pk) == {attribution.pk}
    assert ids(detector="hedges") == {hedge.pk}
    assert ids(detector="attribution@2") == {attribution.pk}
    assert ids(detector="attribution@1") == set()
    assert ids(reason="hedged") == {hedge.pk}
    assert ids(min_confidence=0.5) == {attribution.pk}


def test_annotation_list_rejects_unknown_kind_filter(client_for, annotator):
    assert client_for(annotator).get(ANNOTATIONS, {"kind": "rumour"}).status_code == 400


def test_annotation_list_queries_do_not_grow_with_rows(client_for, annotator, article, django_assert_max_num_queries):
    client = client_for(annotator)
    for _ in range(5):
        AnnotationFactory(article=article, kind="source_attribution", source=SourceFactory())
        AnnotationFactory(article=article, kind="contradicted_claim", evidence_factcheck=FactCheckFactory())
    with django_assert_max_num_queries(2):  # count + page
        response = client.get(ANNOTATIONS)
    assert len(response.json()["results"]) == 10
