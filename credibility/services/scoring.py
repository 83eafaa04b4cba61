"""Writes for credibility scores: recompute a source's stored score from the rows behind it.

The arithmetic lives in ``credibility.analysis.scoring`` (pure); this module reads the rows, stores the
result on the Source and schedules recomputes after the transactions that change their inputs.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone

from credibility.analysis.scoring import TrackRecord, article_track_record, source_score
from credibility.models import SOURCE_SCORE_FIELDS, Source
from credibility.selectors import source_evidence_rows


def source_track_record(*, source_id: int) -> TrackRecord:
    """The source's evidence over every article that names it (annotation ids per bucket included)."""
    record = TrackRecord()
    for article in source_evidence_rows(source_id=source_id):
        record.merge(article_track_record(source_id=source_id, rows=article.rows, bounds=article.bounds))
    return record


@transaction.atomic
def source_score_recompute(*, source_id: int) -> Source | None:
    """Store the source's track record and combined score. Idempotent; a deleted source is a no-op.

    The row is locked while writing so two concurrent recomputes serialise; each reads the
    committed annotations, so the last one to run stores the current figures.
    """
    source = Source.objects.select_for_update().filter(pk=source_id).first()
    if source is None:
        return None
    record = source_track_record(source_id=source_id)
    result = source_score(
        rating=source.rating,
        contradicted=record.contradicted,
        unverified=record.unverified,
        dismissed=record.dismissed,
        sourced=record.sourced,
    )
    source.score = result.score
    source.score_prior = result.prior
    source.track_contradicted = record.contradicted
    source.track_unverified = record.unverified
    source.track_dismissed = record.dismissed
    source.track_sourced = record.sourced
    source.track_pending = record.pending
    source.score_computed_at = timezone.now()
    # Computed figures are not audited (the reviews behind them are): no history row for this save.
    source.skip_history_when_saving = True  # type: ignore[attr-defined]
    # update_fields: never overwrite a concurrent rating edit with this instance's stale copy.
    source.save(update_fields=list(SOURCE_SCORE_FIELDS))
    del source.skip_history_when_saving  # type: ignore[attr-defined]
    return source


# Publishing is retried briefly so a dead broker never hangs the request that committed the review.
ENQUEUE_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1.0}


def _enqueue(source_ids: list[int]) -> None:
    from credibility.tasks import source_score_recompute_task

    source_score_recompute_task.apply_async(args=[source_ids], retry=True, retry_policy=ENQUEUE_RETRY_POLICY)


def source_scores_recompute_on_commit(*, source_ids: Iterable[int]) -> None:
    """Enqueue one recompute task for ``source_ids`` once the current transaction commits.

    ``robust``: the review is committed by then, so a broker outage is logged, not raised; the
    score is stale until the next review or rating change of that source.
    """
    ids = sorted({int(i) for i in source_ids if i is not None})
    if not ids:
        return
    transaction.on_commit(partial(_enqueue, ids), robust=True)
