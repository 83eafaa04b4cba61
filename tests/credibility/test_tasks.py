"""The analyze_article Celery task: thin, retried on transient errors, failing loudly on bugs."""

from __future__ import annotations

from unittest import mock

import pytest
from celery.exceptions import Retry
from django.db import OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

from credibility.models import AnalysisRun
from credibility.services import analysis as analysis_service
from credibility.tasks import analysis_runs_requeue_task, analyze_article_task
from tests.annotations.factories import ArticleFactory
from tests.credibility.factories import AnalysisRunFactory


def test_analyze_article_task_options():
    """Late acks so a lost worker's message is redelivered; time limits so a stuck run ends."""
    assert analyze_article_task.name == "credibility.analyze_article"
    assert analyze_article_task.acks_late is True
    assert analyze_article_task.reject_on_worker_lost is True
    assert OperationalError in analyze_article_task.autoretry_for
    assert BrokerOperationalError in analyze_article_task.autoretry_for
    assert analyze_article_task.retry_backoff
    assert analyze_article_task.soft_time_limit and analyze_article_task.time_limit


@pytest.mark.django_db
def test_analyze_article_task_runs_the_run():
    run = AnalysisRunFactory()
    result = analyze_article_task.apply(args=(run.article_id, run.pk))
    assert result.successful(), result.traceback
    assert result.result["run_id"] == run.pk
    run.refresh_from_db()
    assert run.state == "done"


@pytest.mark.django_db
def test_analyze_article_task_without_run_id_creates_a_run():
    article = ArticleFactory()
    result = analyze_article_task.apply(args=(article.pk,))
    assert result.successful(), result.traceback
    assert AnalysisRun.objects.get(article=article).state == "done"


@pytest.mark.django_db
def test_analyze_article_task_redelivery_is_a_noop():
    run = AnalysisRunFactory()
    analyze_article_task.apply(args=(run.article_id, run.pk))
    with mock.patch.object(analysis_service, "text_analyze") as analyze:
        result = analyze_article_task.apply(args=(run.article_id, run.pk))
    assert result.successful() and result.result is None
    analyze.assert_not_called()
    run.refresh_from_db()
    assert run.attempts == 1


@pytest.mark.django_db
def test_analyze_article_task_retries_on_operational_error():
    run = AnalysisRunFactory()
    real = analysis_service.analysis_run_execute
    calls = []

    def flaky(*, run_id, max_attempts=None):
        calls.append(run_id)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(run_id=run_id, max_attempts=max_attempts)

    with mock.patch.object(analysis_service, "analysis_run_execute", side_effect=flaky):
        # Eagerly, Celery runs the retry inline (no countdown) and returns its result.
        result = analyze_article_task.apply(args=(run.article_id, run.pk), throw=False)
    assert result.successful(), result.traceback
    assert len(calls) == 2  # retried once, then succeeded
    run.refresh_from_db()
    assert run.state == "done" and run.error == ""


@pytest.mark.django_db
def test_analyze_article_task_transient_error_leaves_the_run_retryable():
    run = AnalysisRunFactory()
    with mock.patch.object(analysis_service, "analysis_run_execute", side_effect=OperationalError("connection reset")):
        with pytest.raises(Retry):
            analyze_article_task.apply(args=(run.article_id, run.pk))
    run.refresh_from_db()
    assert run.state != "failed" and run.error == ""


@pytest.mark.django_db
def test_analyze_article_task_gives_up_after_max_retries_and_marks_failed():
    run = AnalysisRunFactory()
    last_attempt = analyze_article_task.max_retries
    with (
        mock.patch.object(
            analysis_service, "analysis_run_execute", side_effect=OperationalError("could not connect to server")
        ),
        pytest.raises(OperationalError),
    ):
        analyze_article_task.apply(args=(run.article_id, run.pk), retries=last_attempt)
    run.refresh_from_db()
    run.article.refresh_from_db()
    assert run.state == "failed" and "could not connect to server" in run.error
    assert run.article.analysis_state == "failed"


@pytest.mark.django_db
def test_analyze_article_task_non_transient_error_fails_at_once():
    run = AnalysisRunFactory()
    with mock.patch.object(analysis_service, "text_analyze", side_effect=ValueError("detector exploded")) as analyze:
        result = analyze_article_task.apply(args=(run.article_id, run.pk), throw=False)
    assert result.failed()
    assert analyze.call_count == 1  # not retried
    run.refresh_from_db()
    run.article.refresh_from_db()
    assert run.state == "failed"
    assert run.error == "ValueError: detector exploded"
    assert run.article.analysis_state == "failed"
    assert run.article.analyzed_at is not None


@pytest.mark.django_db
def test_analyze_article_task_for_a_deleted_article_is_a_noop():
    run = AnalysisRunFactory()
    article_id, run_id = run.article_id, run.pk
    run.article.delete()
    result = analyze_article_task.apply(args=(article_id, run_id))
    assert result.successful() and result.result is None
    assert analyze_article_task.apply(args=(article_id,)).result is None


@pytest.mark.django_db
def test_analysis_runs_requeue_task_calls_the_service():
    with mock.patch.object(analysis_service, "analysis_runs_requeue", return_value=3) as requeue:
        assert analysis_runs_requeue_task.apply().result == 3
    requeue.assert_called_once_with()


def test_every_task_takes_its_delivery_policy_from_the_credibility_task_base():
    from config.celery import app
    from credibility.tasks import CredibilityTask

    ours = {name: task for name, task in app.tasks.items() if name.startswith("credibility.")}
    assert len(ours) >= 8
    for name, task in ours.items():
        assert isinstance(task, CredibilityTask), name
        assert task.acks_late and task.reject_on_worker_lost, name
        assert task.soft_time_limit and task.time_limit and task.soft_time_limit < task.time_limit, name


@pytest.mark.django_db
def test_a_run_that_keeps_losing_its_worker_is_failed_instead_of_redelivered_forever():
    from annotations.models import AnalysisState
    from credibility.models import RunState
    from credibility.services.analysis import analysis_run_execute

    run = AnalysisRunFactory(state=RunState.RUNNING, attempts=2)  # two deliveries began, none finished
    assert analysis_run_execute(run_id=run.pk, max_attempts=2) is None
    run.refresh_from_db()
    assert run.state == RunState.FAILED and "worker was lost" in run.error
    run.article.refresh_from_db()
    assert run.article.analysis_state == AnalysisState.FAILED


@pytest.mark.django_db
def test_a_run_lost_once_is_tried_again():
    from credibility.models import RunState
    from credibility.services.analysis import analysis_run_execute

    run = AnalysisRunFactory(state=RunState.RUNNING, attempts=1)
    assert analysis_run_execute(run_id=run.pk, max_attempts=2) is not None
    run.refresh_from_db()
    assert run.state == RunState.DONE and run.attempts == 2
