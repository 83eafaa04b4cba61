"""Source credibility: rating history, score recompute after reviews (on commit), API and admin breakdown."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from django.urls import reverse

from annotations.signals import annotation_reviewed
from credibility.models import SourceRatingChange
from credibility.services.scoring import source_score_recompute
from credibility.services.sources import source_create, source_update
from tests.annotations.factories import AnnotationFactory, ArticleFactory
from tests.credibility.factories import SourceFactory

pytestmark = pytest.mark.django_db

BODY = "Local sources had reported that 33 units crossed the border. The council approved the budget on Tuesday."
#       [0, 60) sentence one; [61, ...) sentence two


def _review(annotation, *, to_status: str, reviewer=None) -> None:
    """What the review service does: change the status, then announce it inside the transaction."""
    from_status = annotation.status
    annotation.status = to_status
    annotation.save(update_fields=["status"])
    annotation_reviewed.send(
        sender=type(annotation),
        annotation=annotation,
        from_status=from_status,
        to_status=to_status,
        reviewer=reviewer,
        note="",
    )


def _claim_with_attribution(source):
    article = ArticleFactory(body=BODY)
    attribution = AnnotationFactory(article=article, kind="source_attribution", start=0, end=26, source=source)
    flag = AnnotationFactory(article=article, kind="unverified_claim", reason="vague_source", start=0, end=60)
    return article, attribution, flag


def test_source_create_and_update_write_rating_history(staff):
    source = source_create(
        name="Verkhovna Rada", kind="government_body", rating=70, rating_rationale="Record.", changed_by=staff
    )
    source_update(source=source, rating=40, rating_rationale="Two retractions.", changed_by=staff)
    source_update(source=source, description="Parliament")  # no rating change: no history
    history = list(SourceRatingChange.objects.filter(source=source).order_by("id"))
    assert [(h.old_rating, h.new_rating, h.rationale, h.changed_by) for h in history] == [
        (None, 70, "Record.", staff),
        (70, 40, "Two retractions.", staff),
    ]


def test_rating_change_recomputes_the_score_on_commit(django_capture_on_commit_callbacks):
    source = SourceFactory(rating=None)
    with django_capture_on_commit_callbacks(execute=True):
        source_update(source=source, rating=80)
    source.refresh_from_db()
    assert (source.score, source.score_prior) == (80.0, 80.0)


def test_review_enqueues_recompute_of_involved_sources_on_commit(django_capture_on_commit_callbacks):
    source = SourceFactory(rating=60)
    other = SourceFactory()
    _, _, flag = _claim_with_attribution(source)
    with patch("credibility.tasks.source_score_recompute_task.apply_async") as publish:
        with django_capture_on_commit_callbacks() as callbacks:
            _review(flag, to_status="confirmed")
        assert not publish.called  # nothing leaves before COMMIT
        for callback in callbacks:
            callback()
    publish.assert_called_once()
    assert publish.call_args.kwargs["args"] == [[source.pk]] and other.pk not in publish.call_args.kwargs["args"][0]


def test_confirming_a_flag_lowers_the_attributed_source_and_dismissing_restores(django_capture_on_commit_callbacks):
    source = SourceFactory(rating=60)
    _, _, flag = _claim_with_attribution(source)
    source_score_recompute(source_id=source.pk)
    source.refresh_from_db()
    assert (source.score, source.track_pending, source.track_sourced) == (60.0, 1, 0)

    with django_capture_on_commit_callbacks(execute=True):
        _review(flag, to_status="confirmed")
    source.refresh_from_db()
    assert source.track_unverified == 1 and source.track_pending == 0
    assert source.score == pytest.approx(100 * 6 / 10.5, abs=0.01)

    with django_capture_on_commit_callbacks(execute=True):
        _review(flag, to_status="open")
        _review(flag, to_status="dismissed")
    source.refresh_from_db()
    assert (source.track_unverified, source.track_dismissed) == (0, 1)
    assert source.score == pytest.approx(100 * 7 / 11, abs=0.01)


def test_source_api_shows_score_breakdown_and_explanation(client_for, annotator):
    source = SourceFactory(rating=60)
    _, _, flag = _claim_with_attribution(source)
    flag.status = "confirmed"
    flag.save()
    source_score_recompute(source_id=source.pk)
    data = client_for(annotator).get(f"/api/v1/sources/{source.pk}/").json()
    credibility = data["credibility"]
    assert data["score"] == credibility["score"] == pytest.approx(57.14, abs=0.01)
    assert credibility["prior"] == 60 and credibility["prior_strength"] == 10
    assert credibility["track_record"] == {
        "contradicted": 0,
        "unverified": 1,
        "dismissed": 0,
        "sourced": 0,
        "pending": 0,
    }
    assert (credibility["held_up"], credibility["against"]) == (0, 0.5)
    assert "editorial rating 60" in credibility["explanation"] and "= 57.14" in credibility["explanation"]
    assert credibility["computed_at"] is not None


def test_source_list_serialises_without_extra_queries(client_for, annotator, django_assert_max_num_queries):
    for _ in range(5):
        SourceFactory(rating=50)
    client = client_for(annotator)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/sources/").status_code == 200


def test_source_admin_shows_breakdown_and_rating_history(client, staff):
    source = source_create(name="Kyrylov", kind="person", rating=55, rating_rationale="On record.", changed_by=staff)
    source_score_recompute(source_id=source.pk)
    client.force_login(staff)
    html = client.get(reverse("admin:credibility_source_change", args=[source.pk])).content.decode()
    assert "Score breakdown" in html and "editorial rating 55" in html
    assert "Rating history" in html and "On record." in html


@pytest.mark.django_db
def test_sources_table_answers_like_sources_find():
    from credibility.services.sources import normalize_name, source_aliases_set, sources_find, sources_table

    first = SourceFactory(name="Bank of England")
    second = SourceFactory(name="BoE Watchers")
    source_aliases_set(source=first, aliases=["the Bank", "BoE"])
    source_aliases_set(source=second, aliases=["the Bank"])  # an alias two sources share: the lowest id wins
    names = ["bank of england", "The Bank", "BoE", "BoE Watchers", "nobody"]
    table = sources_table()
    in_memory = {name: table[normalize_name(name)] for name in names if normalize_name(name) in table}
    assert in_memory == sources_find(names=names)
    assert in_memory["The Bank"] == first and "nobody" not in in_memory
