"""Running the analysis pipeline on stored articles and writing its findings as machine annotations."""
from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from annotations.models import AnalysisState, Article
from annotations.services.annotations import MachineAnnotationSpec, machine_annotations_sync
from annotations.services.articles import article_analysis_state_set
from credibility.analysis.pipeline import AnalysisResult, analyze_text, detector_versions, finding_to_json
from credibility.analysis.types import AnalysisContext, Finding, KnownSource
from credibility.models import AnalysisRun, FactCheck, RunState, Source
from credibility.services.sources import source_find, source_get_or_create

logger = logging.getLogger(__name__)


def analysis_context_build() -> AnalysisContext:
    """The database's sources (with aliases) as the detectors see them."""
    sources = tuple(
        KnownSource(name=s.name, kind=s.kind, aliases=tuple(a.alias for a in s.aliases.all()))  # type: ignore[arg-type]
        for s in Source.objects.prefetch_related("aliases").only("name", "kind")
    )
    return AnalysisContext(sources=sources)


def text_analyze(*, text: str, title: str = "", context: AnalysisContext | None = None) -> AnalysisResult:
    """Exactly what a Celery run computes for a text, before anything is stored."""
    return analyze_text(text=text, title=title, context=context or analysis_context_build())


def findings_to_json(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    """Annotation JSON for unstored findings; sources resolve to existing rows only (nothing is created)."""
    items = []
    for finding in findings:
        item = finding_to_json(finding)
        if finding.source is not None:
            existing = source_find(name=finding.source.name)
            if existing is not None:
                item["source"] = {"id": existing.pk, "name": existing.name, "kind": existing.kind}
        items.append(item)
    return items


def _spec(finding: Finding) -> MachineAnnotationSpec:
    source = None
    if finding.source is not None:
        source = source_get_or_create(name=finding.source.name, kind=finding.source.kind)
    evidence = None
    if finding.evidence is not None:
        lookup = {"identifier": finding.evidence.identifier} if finding.evidence.identifier else {"url": finding.evidence.url}
        evidence = FactCheck.objects.filter(**lookup).first()
    return MachineAnnotationSpec(
        kind=finding.kind,
        start=finding.start,
        end=finding.end,
        detector=finding.detector,
        rule=finding.rule,
        confidence=max(0.0, min(1.0, finding.confidence)),
        explanation=finding.explanation,
        suggestion=finding.suggestion,
        reason=finding.reason or "",
        source=source,
        evidence_factcheck=evidence,
    )


# Publishing to the broker is retried briefly, so a request never hangs on a dead broker.
ENQUEUE_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1.0}
# A pending run this old, or a running one whose worker has been silent this long, is enqueued again.
STALE_PENDING_AFTER = timedelta(minutes=5)
STALE_RUNNING_AFTER = timedelta(minutes=15)


def analysis_run_enqueue(*, article_id: int, run_id: int) -> bool:
    """Hand a run to Celery; call only after the run's row has committed.

    A broker outage must not lose the article or fail the request that saved it: the run stays
    PENDING in the database and ``analysis_runs_requeue`` sends it again. In eager mode (no
    broker) the task runs right here and its errors propagate as the settings say.
    """
    from credibility.tasks import analyze_article_task

    if analyze_article_task.app.conf.task_always_eager:
        analyze_article_task.delay(article_id, run_id)
        return True
    try:
        analyze_article_task.apply_async(args=(article_id, run_id), retry=True, retry_policy=ENQUEUE_RETRY_POLICY)
    except Exception:  # noqa: BLE001 - any broker failure; the run row is the durable record
        logger.exception("Could not enqueue analysis run %s (article %s); it stays pending for requeue.", run_id, article_id)
        return False
    return True


@transaction.atomic
def analysis_run_create(*, article: Article, requested_by: Any = None) -> AnalysisRun:
    """Record a pending run without enqueueing it (the task itself uses this when given no run)."""
    run = AnalysisRun.objects.create(
        article=article,
        article_revision=article.revision,
        detector_versions=detector_versions(),
        requested_by=requested_by if getattr(requested_by, "is_authenticated", False) else None,
    )
    Article.objects.filter(pk=article.pk).update(analysis_state=AnalysisState.PENDING)
    return run


@transaction.atomic
def analysis_request(*, article: Article, requested_by: Any = None) -> AnalysisRun:
    """Record a pending run and enqueue it once the surrounding transaction commits.

    Enqueueing on commit means a worker never looks for a row that is not visible yet, and a
    rolled-back article is never analysed.
    """
    run = analysis_run_create(article=article, requested_by=requested_by)
    article_id, run_id = article.pk, run.pk
    transaction.on_commit(lambda: analysis_run_enqueue(article_id=article_id, run_id=run_id))
    return run


def analysis_runs_requeue(
    *, pending_after: timedelta = STALE_PENDING_AFTER, running_after: timedelta = STALE_RUNNING_AFTER
) -> int:
    """Enqueue again the runs a broker outage or a lost worker left behind; returns how many.

    Safe to overlap with the original delivery: execution claims a run at most once.
    """
    now = timezone.now()
    stale = list(
        AnalysisRun.objects.filter(state=RunState.PENDING, created_at__lte=now - pending_after).values_list("pk", "article_id")
    ) + list(
        AnalysisRun.objects.filter(state=RunState.RUNNING, started_at__lte=now - running_after).values_list("pk", "article_id")
    )
    return sum(analysis_run_enqueue(article_id=article_id, run_id=run_id) for run_id, article_id in stale)


def _claim(run_id: int) -> AnalysisRun | None:
    """Mark the run running (counting the attempt) unless it is finished or someone else holds it."""
    with transaction.atomic():
        run = (
            AnalysisRun.objects.select_for_update(skip_locked=True)
            .filter(pk=run_id, state__in=[RunState.PENDING, RunState.RUNNING])
            .first()
        )
        if run is None:
            return None
        run.state = RunState.RUNNING
        run.attempts += 1
        run.started_at = timezone.now()
        run.save(update_fields=["state", "attempts", "started_at"])
        article_analysis_state_set(article_id=run.article_id, state=AnalysisState.RUNNING)
    return run


def analysis_run_execute(*, run_id: int) -> AnalysisRun | None:
    """Run the pipeline for a pending run and sync its findings. Safe to call twice (redelivery).

    Returns None when the run is already finished or being executed by another worker.
    """
    if _claim(run_id) is None:
        return None
    began = time.perf_counter()
    with transaction.atomic():
        run = AnalysisRun.objects.select_for_update(skip_locked=True).filter(pk=run_id, state=RunState.RUNNING).first()
        if run is None:
            return None
        article = Article.objects.filter(pk=run.article_id).first()
        if article is None:  # deleted meanwhile; its runs go with it
            return None
        result = text_analyze(text=article.body, title=article.title)
        specs = [_spec(finding) for finding in result.findings]
        detectors = [f"{name}@{version}" for name, version in result.detector_versions.items()]
        counts = machine_annotations_sync(article=article, detectors=detectors, specs=specs)
        per_kind: dict[str, int] = {}
        for finding in result.findings:
            per_kind[finding.kind] = per_kind.get(finding.kind, 0) + 1
        run.state = RunState.DONE
        run.detector_versions = result.detector_versions
        run.article_revision = article.revision
        run.timings_ms = {name: round(ms, 3) for name, ms in result.timings_ms.items()}
        run.counts = {
            "findings": per_kind,
            "created": counts.created,
            "updated": counts.updated,
            "removed": counts.removed,
            "kept_reviewed": counts.kept_reviewed,
        }
        run.error = ""
        run.finished_at = timezone.now()
        run.duration_ms = round((time.perf_counter() - began) * 1000, 3)
        run.save()
        article_analysis_state_set(article_id=article.pk, state=AnalysisState.DONE)
    return run


def analysis_run_fail(*, run_id: int, error: str) -> None:
    """Record a run that will not be retried."""
    with transaction.atomic():
        run = AnalysisRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.state == RunState.DONE:
            return
        run.state = RunState.FAILED
        run.error = error[:5000]
        run.finished_at = timezone.now()
        run.save(update_fields=["state", "error", "finished_at"])
        article_analysis_state_set(article_id=run.article_id, state=AnalysisState.FAILED)
