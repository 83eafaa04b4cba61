"""Celery tasks: ids in, one service call out.

Every task may run more than once (``acks_late`` plus redelivery, or the requeue sweep): the
services they call claim a run at most once, so a repeat is a no-op.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from celery import Task, shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

# Transient failures worth a retry; anything else is a bug and fails the run at once.
DATABASE_AND_BROKER_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError, BrokerOperationalError)
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (*DATABASE_AND_BROKER_ERRORS, ConnectionError, TimeoutError)
# How often an analysis may be redelivered after its worker was lost (acks_late) before it is failed.
LOST_WORKER_REDELIVERIES = 1


@contextmanager
def failure_recorded(record: Callable[[str], object]) -> Iterator[None]:
    """Run the block; an error that is not transient (those are retried) is recorded on the task's
    row with ``record("Type: message")`` before it propagates, so the job never stays "running"."""
    try:
        yield
    except DATABASE_AND_BROKER_ERRORS:
        raise
    except Exception as exc:
        record(f"{type(exc).__name__}: {exc}")
        raise


class CredibilityTask(Task):
    """The delivery policy of every task, in one place (like pretix's TransactionAwareTask).

    - ``acks_late`` with ``reject_on_worker_lost``: the message is acknowledged after the work, so a
      worker that dies mid-task leaves it to another; every task is idempotent, so a repeat is harmless.
    - Transient database, broker and network errors are retried with jittered exponential backoff
      (at most 5 times, 5 minutes apart at most); anything else is a bug and fails at once.
    A task narrows ``autoretry_for`` where a network error is a result rather than a failure
    (ingestion), or sets it empty where the next beat tick is the retry (periodic sweeps).
    """

    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = TRANSIENT_ERRORS
    retry_backoff = True
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 5


@shared_task(
    base=CredibilityTask,
    bind=True,
    name="credibility.analyze_article",
    soft_time_limit=120,
    time_limit=180,
)
def analyze_article_task(self: Any, article_id: int, run_id: int | None = None) -> dict[str, Any] | None:
    """Execute analysis run ``run_id`` of ``article_id`` (a new run when none is given).

    A transient database or broker error is retried with exponential backoff, and the run stays
    claimable meanwhile; any other error, or running out of retries, marks the run and the
    article failed with the error text.
    """
    from annotations.models import Article
    from credibility.services.analysis import analysis_run_create, analysis_run_execute, analysis_run_fail

    if run_id is None:
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            return None
        run_id = analysis_run_create(article=article).pk
    try:
        # This try, its retries so far, and one redelivery after a lost worker: a message that
        # takes a second worker down is failed at its next delivery instead of killing a third.
        run = analysis_run_execute(run_id=run_id, max_attempts=self.request.retries + LOST_WORKER_REDELIVERIES + 1)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            analysis_run_fail(
                run_id=run_id, error=f"Gave up after {self.request.retries + 1} attempts: {type(exc).__name__}: {exc}"
            )
        raise
    except Exception as exc:
        analysis_run_fail(run_id=run_id, error=f"{type(exc).__name__}: {exc}")
        raise
    if run is None:
        return None
    return {"article_id": article_id, "run_id": run.pk, "counts": run.counts}


@shared_task(
    base=CredibilityTask, name="credibility.analysis_runs_requeue", autoretry_for=(), soft_time_limit=60, time_limit=90
)
def analysis_runs_requeue_task() -> int:
    """Periodic sweep (celery beat): send again the runs a broker outage or a lost worker left behind."""
    from credibility.services.analysis import analysis_runs_requeue

    return analysis_runs_requeue()


@shared_task(
    base=CredibilityTask,
    name="credibility.source_score_recompute",
    soft_time_limit=60,
    time_limit=90,
)
def source_score_recompute_task(source_ids: list[int]) -> dict[int, float | None]:
    """Recompute and store the scores of ``source_ids``; recomputing is idempotent, so redelivery is harmless."""
    from credibility.services.scoring import source_score_recompute

    scores: dict[int, float | None] = {}
    for source_id in source_ids:
        source = source_score_recompute(source_id=source_id)
        scores[source_id] = source.score if source is not None else None
    return scores


@shared_task(
    base=CredibilityTask,
    name="credibility.recheck_articles",
    soft_time_limit=1800,
    time_limit=1900,
)
def recheck_articles_task(factcheck_ids: list[int]) -> dict[str, Any]:
    """Re-check the recent articles against these (new or changed) fact-checks only; idempotent."""
    from credibility.services.recheck import factcheck_recheck

    record = factcheck_recheck(factcheck_ids=list(factcheck_ids))
    return {
        "recheck_id": record.pk,
        "factchecks": record.factchecks,
        "articles": record.articles_checked,
        "created": record.created,
        "removed": record.removed,
    }


@shared_task(
    base=CredibilityTask,
    name="credibility.recheck_articles_periodic",
    autoretry_for=(),
    soft_time_limit=3300,
    time_limit=3500,
)
def recheck_articles_periodic_task() -> int:
    """Periodic (celery beat): re-check against the fact-checks changed since the last periodic run."""
    from credibility.services.recheck import factcheck_recheck_periodic

    return sum(record.factchecks for record in factcheck_recheck_periodic())


@shared_task(
    base=CredibilityTask,
    bind=True,
    name="credibility.ingestion_job_run",
    autoretry_for=DATABASE_AND_BROKER_ERRORS,
    soft_time_limit=1800,
    time_limit=1900,
)
def ingestion_job_run_task(self: Any, job_id: int) -> dict[str, Any] | None:
    """Fetch the URLs of ingestion job ``job_id``; a redelivery resumes where the job stopped.

    Network failures of single URLs are results, not task errors; only a database or broker
    error is retried. Anything else fails the job with the error text.
    """
    from credibility.services.ingestion import ingestion_job_execute, ingestion_job_fail

    with failure_recorded(lambda error: ingestion_job_fail(job_id=job_id, error=error)):
        job = ingestion_job_execute(job_id=job_id)
    if job is None:
        return None
    return {"job_id": job.pk, "state": job.state, "done": job.done, "total": job.total, "failed": job.failed}


@shared_task(
    base=CredibilityTask,
    name="credibility.feed_poll",
    autoretry_for=DATABASE_AND_BROKER_ERRORS,
    max_retries=3,
    soft_time_limit=120,
    time_limit=180,
)
def feed_poll_task(feed_id: int) -> dict[str, Any] | None:
    """Poll one feed (conditional GET); its own failures are recorded on the feed, never raised."""
    from credibility.services.ingestion import feed_poll, feed_poll_fail

    try:
        result = feed_poll(feed_id=feed_id)
    except DATABASE_AND_BROKER_ERRORS:
        raise
    except Exception as exc:  # noqa: BLE001 - a bug in one feed's poll is recorded and stops nothing else
        result = feed_poll_fail(feed_id=feed_id, error=f"{type(exc).__name__}: {exc}")
    if result is None:
        return None
    return {"feed_id": result.feed_id, "status": result.status, "new": len(result.new_urls), "job_id": result.job_id}


@shared_task(
    base=CredibilityTask, name="credibility.feeds_poll_due", autoretry_for=(), soft_time_limit=50, time_limit=55
)
def feeds_poll_due_task() -> int:
    """Periodic (celery beat, every minute): enqueue a poll of every feed that is due."""
    from credibility.services.ingestion import feeds_poll_due

    return len(feeds_poll_due())


# --- W3C import jobs (issue 15) ------------------------------------------------------------------


@shared_task(
    base=CredibilityTask,
    name="credibility.article_import_job_run",
    autoretry_for=DATABASE_AND_BROKER_ERRORS,
    max_retries=3,
    soft_time_limit=600,
    time_limit=660,
)
def article_import_job_run_task(job_id: str) -> dict[str, Any] | None:
    """Import the annotations of a large W3C / Hypothesis document (``article_import_request``)."""
    from credibility.services.imports import article_import_job_execute, article_import_job_fail

    with failure_recorded(lambda error: article_import_job_fail(job_id=job_id, error=error)):
        job = article_import_job_execute(job_id=job_id)
    if job is None:
        return None
    return {"job_id": job["id"], "state": job["state"], "done": job["done"], "total": job["total"]}
