"""Claiming a unit of background work (an ``AnalysisRun``, an ``IngestionJob``): the one protocol that makes
a redelivered or duplicated task harmless, shared so both kinds of work follow it alike."""

from __future__ import annotations

from typing import TypeVar

from django.utils import timezone

from credibility.models import AnalysisRun, IngestionJob, RunState

WorkRow = TypeVar("WorkRow", AnalysisRun, IngestionJob)


class WorkExhausted(Exception):
    """The row has begun ``max_attempts`` times without finishing; it is still locked, unchanged."""

    def __init__(self, row: AnalysisRun | IngestionJob) -> None:
        super().__init__(f"{type(row).__name__} {row.pk}: {row.attempts} attempts began, none finished")
        self.row = row


def work_claim(
    model: type[WorkRow], *, pk: int, keep_started_at: bool, max_attempts: int | None = None
) -> WorkRow | None:
    """Mark row ``pk`` running and count the attempt, unless it is finished or another worker holds its lock.

    Call inside ``transaction.atomic()``: the row stays locked until the caller's transaction ends.
    ``keep_started_at`` keeps the first attempt's start (a resumed job) instead of restarting the clock.
    A running row that has already begun ``max_attempts`` times raises ``WorkExhausted`` instead.
    """
    row = (
        model._default_manager.select_for_update(skip_locked=True)
        .filter(pk=pk, state__in=[RunState.PENDING, RunState.RUNNING])
        .first()
    )
    if row is None:
        return None
    if max_attempts is not None and row.state == RunState.RUNNING and row.attempts >= max_attempts:
        raise WorkExhausted(row)
    row.state = RunState.RUNNING
    row.attempts += 1
    row.started_at = row.started_at if keep_started_at and row.started_at else timezone.now()
    row.save(update_fields=["state", "attempts", "started_at"])
    return row
