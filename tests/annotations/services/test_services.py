"""Article and annotation services: the invariants every entry point (API, admin, seeds) relies on."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.models import Annotation, Article
from annotations.services.annotations import annotation_create, annotation_update
from annotations.services.articles import article_create, article_update
from annotations.services.errors import DuplicateArticleError, StaleVersionError
from tests.annotations.factories import AnnotationFactory, ArticleFactory

pytestmark = pytest.mark.django_db

BODY = "The mayor said taxes will rise. Critics disagree."


def test_article_create_duplicate_url_names_existing_article():
    existing = ArticleFactory(url="https://news.example.org/x")
    with pytest.raises(DuplicateArticleError) as caught:
        article_create(title="T", body=BODY, url="https://news.example.org/x")
    assert caught.value.existing_id == existing.pk
    assert isinstance(caught.value, ValidationError)  # callers that only catch ValidationError still work
    assert f"id {existing.pk}" in caught.value.message_dict["url"][0]
    assert Article.objects.count() == 1


def test_article_update_duplicate_url_names_existing_article():
    existing = ArticleFactory(url="https://news.example.org/x")
    article = ArticleFactory()
    with pytest.raises(DuplicateArticleError) as caught:
        article_update(article=article, url="https://news.example.org/x")
    assert caught.value.existing_id == existing.pk


def test_article_update_keeping_own_url_is_fine():
    article = ArticleFactory(url="https://news.example.org/mine")
    article_update(article=article, url="https://news.example.org/mine", byline="Staff")
    article.refresh_from_db()
    assert article.byline == "Staff"


def test_annotation_create_rejects_span_past_body_and_writes_nothing():
    article = ArticleFactory(body=BODY)
    with pytest.raises(ValidationError) as caught:
        annotation_create(article=article, kind="note", start=0, end=len(BODY) + 1)
    assert "past the end" in caught.value.message_dict["end"][0]
    assert not Annotation.objects.exists()


def test_annotation_update_stale_version_is_refused_and_changes_nothing(annotator):
    annotation = AnnotationFactory(article=ArticleFactory(body=BODY), created_by=annotator, version=4)
    with pytest.raises(StaleVersionError) as caught:
        annotation_update(annotation=annotation, changed_by=annotator, expected_version=3, comment="late")
    assert caught.value.current == 4
    annotation.refresh_from_db()
    assert (annotation.comment, annotation.version) == ("", 4)


def test_annotation_update_matching_version_applies(annotator):
    annotation = AnnotationFactory(article=ArticleFactory(body=BODY), created_by=annotator, version=4)
    updated = annotation_update(annotation=annotation, changed_by=annotator, expected_version=4, comment="ok")
    assert (updated.comment, updated.version) == ("ok", 5)


def test_annotation_update_without_changes_keeps_version(annotator):
    annotation = AnnotationFactory(article=ArticleFactory(body=BODY), created_by=annotator)
    updated = annotation_update(annotation=annotation, changed_by=annotator)
    assert updated.version == 1
    annotation.refresh_from_db()
    assert annotation.version == 1 and annotation.reviewed_at is None


def test_annotation_update_reviewer_may_review_but_not_edit_others(reviewer, annotator):
    annotation = AnnotationFactory(article=ArticleFactory(body=BODY), created_by=annotator)
    with pytest.raises(PermissionDenied):
        annotation_update(annotation=annotation, changed_by=reviewer, comment="rewritten")
    updated = annotation_update(annotation=annotation, changed_by=reviewer, status="confirmed")
    assert (updated.status, updated.reviewer) == ("confirmed", reviewer)


def test_annotation_update_span_move_rechecks_quote(annotator):
    annotation = AnnotationFactory(article=ArticleFactory(body=BODY), created_by=annotator)
    with pytest.raises(ValidationError):
        annotation_update(annotation=annotation, changed_by=annotator, start=4, end=9, quote="The")
    updated = annotation_update(annotation=annotation, changed_by=annotator, start=4, end=9)
    assert (updated.quote, updated.prefix) == ("mayor", "The ")
