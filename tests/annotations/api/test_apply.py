"""Applying typo suggestions: POST /annotations/{id}/apply/ and the bulk POST /annotations/apply/ (issue 21)."""

from __future__ import annotations

from typing import Any

import pytest

from annotations.models import Annotation, Article, ArticleRevision, ReviewLog
from annotations.services.annotations import annotation_create
from annotations.services.articles import article_create, article_update
from annotations.services.reviews import annotation_review
from tests.annotations.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ANNOTATIONS = "/api/v1/annotations/"
BULK = f"{ANNOTATIONS}apply/"
BODY = "The minister recieved the report. It wasfollowed by a vote on Tuesday, critics said."


def apply_url(annotation: Annotation) -> str:
    return f"{ANNOTATIONS}{annotation.pk}/apply/"


def if_match(article: Article) -> dict[str, str]:
    article.refresh_from_db()
    return {"HTTP_IF_MATCH": f'"{article.version}"'}


def span(article: Article, text: str, **fields: Any) -> Annotation:
    """An editor annotation over the first ``text`` of the body, through the create service."""
    start = article.body.index(text)
    return annotation_create(article=article, start=start, end=start + len(text), **{"kind": "note", **fields})


@pytest.fixture
def article(annotator) -> Article:
    return article_create(title="Vote", body=BODY, created_by=annotator)


@pytest.fixture
def typos(article) -> dict[str, Annotation]:
    return {
        "recieved": span(article, "recieved", kind="typo", suggestion="received"),
        "wasfollowed": span(article, "wasfollowed", kind="typo", suggestion="was followed"),
    }


def test_apply_fixes_the_text_resolves_the_typo_and_orphans_nothing(client_for, reviewer, article, typos):
    """The issue's case: notes over only the fixed word, and a claim around it, survive the fix."""
    word_note = span(article, "wasfollowed", comment="the word itself")
    claim = span(article, "It wasfollowed by a vote on Tuesday", kind="unverified_claim", reason="unsourced")
    before = span(article, "The minister")
    after = span(article, "critics said")
    response = client_for(reviewer).post(apply_url(typos["wasfollowed"]), {}, format="json", **if_match(article))

    assert response.status_code == 200, response.content
    article.refresh_from_db()
    assert article.body == BODY.replace("wasfollowed", "was followed")
    assert article.revision == 2
    assert ArticleRevision.objects.get(article=article, number=2).body == article.body
    data = response.json()
    assert data["article"] == {
        "id": article.pk,
        "version": article.version,
        "revision": 2,
        "etag": f'"{article.version}"',
    }
    assert response["ETag"] == f'"{article.version}"'
    typo = data["annotation"]
    assert typo["status"] == "resolved"
    assert typo["review_note"] == "Applied suggestion 'was followed' (revision 2)"
    assert typo["quote"] == "was followed"
    assert article.body[typo["start"] : typo["end"]] == "was followed"
    log = ReviewLog.objects.get(annotation_id=typo["id"])
    assert (log.from_status, log.to_status, log.reviewer) == ("open", "resolved", reviewer)

    stored = {a.pk: a for a in Annotation.objects.filter(article=article)}
    assert [a.pk for a in stored.values() if a.anchor_state == "orphaned"] == []
    for annotation in stored.values():  # the span invariant holds for every one of them
        assert article.body[annotation.start : annotation.end] == annotation.quote
    assert stored[word_note.pk].quote == "was followed"
    assert stored[claim.pk].quote == "It was followed by a vote on Tuesday"
    assert stored[claim.pk].status == "open"
    assert (stored[before.pk].start, stored[before.pk].quote) == (0, "The minister")
    assert (stored[after.pk].start, stored[after.pk].end) == (after.start + 1, after.end + 1)
    assert stored[typos["recieved"].pk].status == "open"  # the other typo is untouched


def test_apply_from_confirmed_with_a_note(client_for, reviewer, article, typos):
    typo = typos["recieved"]
    annotation_review(annotation=typo, decision="confirm", reviewer=reviewer)
    response = client_for(reviewer).post(apply_url(typo), {"note": "house style"}, format="json", **if_match(article))
    assert response.status_code == 200, response.content
    assert response.json()["annotation"]["review_note"] == "Applied suggestion 'received' (revision 2). house style"
    transitions = list(ReviewLog.objects.filter(annotation=typo).values_list("from_status", "to_status"))
    assert transitions == [("open", "confirmed"), ("confirmed", "resolved")]


def test_apply_an_empty_suggestion_deletes_the_text(client_for, reviewer, annotator):
    article = article_create(title="Stray", body="It was the best xq plan.", created_by=annotator)
    typo = span(article, " xq", kind="typo", suggestion="")
    response = client_for(reviewer).post(apply_url(typo), format="json", **if_match(article))
    assert response.status_code == 200, response.content
    article.refresh_from_db()
    assert article.body == "It was the best plan."
    typo.refresh_from_db()
    assert typo.status == "resolved"
    assert typo.review_note == "Applied suggestion: deleted ' xq' (revision 2)"
    assert typo.anchor_state == "orphaned"  # its text is gone: nothing left to span


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "typo"}, "has no suggestion"),
        ({"kind": "note", "suggestion": "received"}, "only typos carry a suggestion"),
        ({"kind": "typo", "suggestion": "recieved"}, "equals the text"),
    ],
    ids=["typo-without-suggestion", "not-a-typo", "suggestion-equals-text"],
)
def test_apply_with_nothing_to_apply_is_400(client_for, reviewer, article, fields, message):
    annotation = span(article, "recieved", **fields)
    response = client_for(reviewer).post(apply_url(annotation), format="json", **if_match(article))
    assert response.status_code == 400, response.content
    assert message in response.json()["suggestion"][0]
    article.refresh_from_db()
    assert (article.body, article.revision) == (BODY, 1)
    annotation.refresh_from_db()
    assert annotation.status == "open"


def test_apply_when_the_text_under_the_span_changed_is_409(client_for, reviewer, article, typos):
    """Confirmed, then someone rewrote the word by hand: the suggestion was for text that is gone."""
    typo = typos["recieved"]
    annotation_review(annotation=typo, decision="confirm", reviewer=reviewer)
    article_update(article=article, body=BODY.replace("recieved", "got"), changed_by=reviewer)
    typo.refresh_from_db()
    assert typo.anchor_state == "orphaned"
    response = client_for(reviewer).post(apply_url(typo), format="json", **if_match(article))
    assert response.status_code == 409, response.content
    assert "recieved" in response.json()["detail"]
    article.refresh_from_db()
    assert "got the report" in article.body
    assert article.revision == 2
    typo.refresh_from_db()
    assert typo.status == "confirmed"


@pytest.mark.parametrize(("decisions", "status"), [(["dismiss"], "dismissed"), (["confirm", "resolve"], "resolved")])
def test_apply_a_dismissed_or_resolved_typo_is_409(client_for, reviewer, article, typos, decisions, status):
    typo = typos["recieved"]
    for decision in decisions:
        typo = annotation_review(annotation=typo, decision=decision, reviewer=reviewer)
    response = client_for(reviewer).post(apply_url(typo), format="json", **if_match(article))
    assert response.status_code == 409
    data = response.json()
    assert f"is {status}: a suggestion is applied only to an open or confirmed typo" in data["detail"]
    assert data["current_status"] == status
    article.refresh_from_db()
    assert article.body == BODY


def test_apply_with_a_stale_if_match_is_412(client_for, reviewer, article, typos):
    stale = if_match(article)
    article_update(article=article, title="Renamed", changed_by=reviewer)
    response = client_for(reviewer).post(apply_url(typos["recieved"]), format="json", **stale)
    assert response.status_code == 412
    article.refresh_from_db()
    assert response.json()["current_version"] == article.version
    assert response["ETag"] == f'"{article.version}"'
    assert article.body == BODY


def test_apply_without_if_match_is_428(client_for, reviewer, article, typos):
    response = client_for(reviewer).post(apply_url(typos["recieved"]), format="json")
    assert response.status_code == 428
    article.refresh_from_db()
    assert article.body == BODY


def test_apply_by_an_annotator_is_403_even_on_their_own_typo(client_for, annotator, article):
    typo = annotation_create(
        article=article, kind="typo", start=13, end=21, suggestion="received", created_by=annotator
    )
    response = client_for(annotator).post(apply_url(typo), format="json", **if_match(article))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.body == BODY


def test_apply_then_reanalysis_keeps_the_resolved_machine_typo(
    client_for, reviewer, annotator, django_capture_on_commit_callbacks
):
    """End to end with the detectors: the machine's typo is applied, the changed sentence is analysed
    again, and the resolved typo stays (no new flag on the corrected word)."""
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="Vote", body=BODY, created_by=annotator)
    typo = Annotation.objects.get(article=article, kind="typo", origin="machine", quote="recieved")
    assert typo.suggestion == "received"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(reviewer).post(apply_url(typo), format="json", **if_match(article))
    assert response.status_code == 200, response.content
    article.refresh_from_db()
    assert "minister received the report" in article.body
    typo.refresh_from_db()
    assert (typo.status, typo.quote, typo.anchor_state) == ("resolved", "received", "anchored")
    assert not Annotation.objects.filter(article=article, kind="typo", status="open", quote="received").exists()


# --- bulk --------------------------------------------------------------------------------------


def test_bulk_apply_makes_one_edit_and_reports_each_id(client_for, reviewer, article, typos):
    no_suggestion = span(article, "Tuesday", kind="typo")
    dismissed = span(article, "critics", kind="typo", suggestion="Critics")
    annotation_review(annotation=dismissed, decision="dismiss", reviewer=reviewer)
    ids = [typos["wasfollowed"].pk, 999_999, no_suggestion.pk, dismissed.pk, typos["recieved"].pk]
    response = client_for(reviewer).post(BULK, {"annotations": ids}, format="json", **if_match(article))

    assert response.status_code == 200, response.content
    data = response.json()
    assert data["applied"] == 2
    assert [(r["annotation"], r["status"]) for r in data["results"]] == [
        (typos["wasfollowed"].pk, "applied"),
        (999_999, "not_found"),
        (no_suggestion.pk, "invalid"),
        (dismissed.pk, "conflict"),
        (typos["recieved"].pk, "applied"),
    ]
    assert "no suggestion" in data["results"][2]["detail"][0]
    article.refresh_from_db()
    assert article.body == "The minister received the report. It was followed by a vote on Tuesday, critics said."
    assert article.revision == 2  # both fixes in one revision
    assert data["article"]["revision"] == 2
    assert response["ETag"] == f'"{article.version}"'
    for key in ("recieved", "wasfollowed"):
        typo = Annotation.objects.get(pk=typos[key].pk)
        assert typo.status == "resolved"
        assert article.body[typo.start : typo.end] == typo.quote == typo.suggestion
    assert Annotation.objects.get(pk=no_suggestion.pk).quote == "Tuesday"  # shifted by the second fix
    assert article.body.index("Tuesday") == Annotation.objects.get(pk=no_suggestion.pk).start


def test_bulk_apply_refuses_overlapping_fixes_in_one_edit(client_for, reviewer, article):
    first = span(article, "wasfollowed", kind="typo", suggestion="was followed")
    second = span(article, "wasfollowed by", kind="typo", suggestion="was followed by")
    response = client_for(reviewer).post(
        BULK, {"annotations": [second.pk, first.pk]}, format="json", **if_match(article)
    )
    assert response.status_code == 200, response.content
    results = {r["annotation"]: r for r in response.json()["results"]}
    assert results[first.pk]["status"] == "applied"
    assert results[second.pk]["status"] == "invalid"
    assert f"Overlaps annotation {first.pk}" in results[second.pk]["detail"][0]


def test_bulk_apply_with_nothing_applicable_leaves_the_article_alone(client_for, reviewer, article):
    no_suggestion = span(article, "Tuesday", kind="typo")
    version = if_match(article)
    response = client_for(reviewer).post(BULK, {"annotations": [no_suggestion.pk]}, format="json", **version)
    assert response.status_code == 200
    assert response.json()["applied"] == 0
    article.refresh_from_db()
    assert (article.body, article.revision, f'"{article.version}"') == (BODY, 1, version["HTTP_IF_MATCH"])


def test_bulk_apply_across_articles_is_400(client_for, reviewer, article, typos):
    other = ArticleFactory(body="Anuther article.")
    elsewhere = span(other, "Anuther", kind="typo", suggestion="Another")
    response = client_for(reviewer).post(
        BULK, {"annotations": [typos["recieved"].pk, elsewhere.pk]}, format="json", **if_match(article)
    )
    assert response.status_code == 400
    assert "one article per request" in response.json()["annotations"][0]
    article.refresh_from_db()
    assert article.body == BODY


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 428), ({"HTTP_IF_MATCH": '"99"'}, 412)],
    ids=["no-if-match", "stale-if-match"],
)
def test_bulk_apply_needs_the_articles_current_etag(client_for, reviewer, article, typos, headers, status):
    response = client_for(reviewer).post(BULK, {"annotations": [typos["recieved"].pk]}, format="json", **headers)
    assert response.status_code == status
    article.refresh_from_db()
    assert article.body == BODY


def test_bulk_apply_by_an_annotator_is_403(client_for, annotator, article, typos):
    response = client_for(annotator).post(
        BULK, {"annotations": [typos["recieved"].pk]}, format="json", **if_match(article)
    )
    assert response.status_code == 403
