"""Celery tasks: ids in, one service call out."""
from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

# Transient failures worth a retry; anything else is a bug and fails the run at once.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerOperationalError, ConnectionError, TimeoutError)


@shared_task(
    bind=True,
    name="credibility.analyze_article",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=120,
    time_limit=180,
)
def analyze_article_task(self, article_id: int, run_id: int) -> dict[str, object] | None:  # type: ignore[no-untyped-def]
    from credibility.services.analysis import analysis_run_execute, analysis_run_fail

    try:
        run = analysis_run_execute(run_id=run_id)
    except TRANSIENT_ERRORS:
        if self.request.retries >= self.max_retries:
            analysis_run_fail(run_id=run_id, error="Gave up after repeated transient errors.")
        raise
    except Exception as exc:
        analysis_run_fail(run_id=run_id, error=f"{type(exc).__name__}: {exc}")
        raise
    if run is None:
        return None
    return {"article_id": article_id, "run_id": run.pk, "counts": run.counts}
