"""POST /api/v1/articles/bulk/: one transaction per batch, each item validated and reported."""

from __future__ import annotations

import pytest

from annotations.models import Article, ArticleRevision
from annotations.services.articles import ARTICLE_BULK_MAX
from credibility.models import AnalysisRun
from tests.annotations.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

BULK = "/api/v1/articles/bulk/"


def item(n: int, **extra: object) -> dict[str, object]:
    return {"title": f"Story {n}", "body": f"Story {n}: taxes rose 4% last year, the council said.", **extra}


def test_article_bulk_creates_each_with_revision_and_analysis_on_commit(
    client_for, annotator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(annotator).post(
            BULK, {"articles": [item(n, url=f"https://news.example.org/{n}") for n in range(3)]}, format="json"
        )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["created"], data["duplicates"], data["invalid"]) == (3, 0, 0)
    ids = [row["id"] for row in data["results"]]
    assert [row["index"] for row in data["results"]] == [0, 1, 2]
    assert list(Article.objects.filter(pk__in=ids).order_by("pk").values_list("title", flat=True)) == [
        "Story 0",
        "Story 1",
        "Story 2",
    ]
    assert ArticleRevision.objects.filter(article_id__in=ids, number=1).count() == 3
    assert AnalysisRun.objects.filter(article_id__in=ids).count() == 3
    assert len(callbacks) == 3  # one enqueue per article, all after the batch's commit
    assert set(Article.objects.values_list("created_by", flat=True)) == {annotator.pk}


def test_article_bulk_reports_bad_item_and_duplicates_without_failing_the_batch(client_for, annotator):
    stored = ArticleFactory(url="https://news.example.org/old")
    payload = {
        "articles": [
            item(0, url="https://news.example.org/new"),
            {"title": "No body"},  # invalid: body missing
            item(2, url="https://news.example.org/old"),  # duplicate of a stored article
            item(3, url="https://news.example.org/new"),  # duplicate of item 0 in the same batch
            item(4, html="<p>bulk takes plain bodies only</p>"),  # invalid: unknown field
            "not an object",
            item(6, body="   "),  # invalid: whitespace-only body (the service's check)
            item(7),
        ]
    }
    response = client_for(annotator).post(BULK, payload, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    statuses = [(row["index"], row["status"]) for row in data["results"]]
    assert statuses == [
        (0, "created"),
        (1, "invalid"),
        (2, "duplicate"),
        (3, "duplicate"),
        (4, "invalid"),
        (5, "invalid"),
        (6, "invalid"),
        (7, "created"),
    ]
    rows = data["results"]
    assert "body" in rows[1]["errors"]
    assert rows[2]["existing_article"] == stored.pk
    assert rows[3]["existing_article"] == rows[0]["id"]
    assert "body" in rows[6]["errors"]
    assert (data["created"], data["duplicates"], data["invalid"]) == (2, 2, 4)
    assert Article.objects.count() == 3
    assert AnalysisRun.objects.filter(article_id__in=[rows[0]["id"], rows[7]["id"]]).count() == 2


def test_article_bulk_refuses_empty_and_oversized_batches(client_for, annotator):
    client = client_for(annotator)
    assert client.post(BULK, {"articles": []}, format="json").status_code == 400
    too_many = {"articles": [item(n) for n in range(ARTICLE_BULK_MAX + 1)]}
    response = client.post(BULK, too_many, format="json")
    assert response.status_code == 400
    assert "articles" in response.json()
    assert not Article.objects.exists()


def test_article_bulk_needs_write_permission(client_for, anonymous_client):
    viewer = UserFactory(roles=[])
    assert anonymous_client.post(BULK, {"articles": [item(0)]}, format="json").status_code == 401
    assert client_for(viewer).post(BULK, {"articles": [item(0)]}, format="json").status_code == 403
    assert not Article.objects.exists()


def test_article_bulk_query_count_grows_per_item_not_per_batch(client_for, annotator, django_assert_max_num_queries):
    """About a dozen statements per created article (savepoint, checks, insert, revision, run), none per batch."""
    client = client_for(annotator)
    client.post(BULK, {"articles": [item(0)]}, format="json")  # warm caches (content types, permissions)
    with django_assert_max_num_queries(16 * 20 + 10):
        response = client.post(BULK, {"articles": [item(n) for n in range(1, 21)]}, format="json")
    assert response.json()["created"] == 20
