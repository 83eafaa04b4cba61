"""Running the analysis pipeline on stored articles and writing its findings as machine annotations."""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from annotations import anchoring
from annotations.models import AnalysisState, Annotation, Article, ArticleRevision
from annotations.services.annotations import (
    MachineAnnotationSpec,
    machine_annotation_anchor,
    machine_annotations_sync,
    machine_annotations_sync_evidence,
)
from annotations.services.articles import article_analysis_state_set
from credibility.analysis import pipeline
from credibility.analysis.pipeline import AnalysisResult, analyze_text, finding_to_json
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Detector, Finding, KnownSource, StoredClaim
from credibility.models import AnalysisRun, FactCheck, FactCheckRecheck, RecheckTrigger, RunState, Source
from credibility.retrieval import (
    factcheck_candidates,
    factcheck_entry,
    factcheck_lexicon_refresh,
    other_claim_candidates,
    recent_articles_q,
    recheck_days,
)
from credibility.statement_index import IndexedStatement, article_statement_indexes, statement_index
from credibility.services.sources import source_find, source_get_or_create, sources_find

logger = logging.getLogger(__name__)

# The detector whose findings cite fact-checks, and the detector name of the notes that anchor
# another article's statement when a contradiction cites it (see ``_evidence_annotation``).
CONTRADICTION_DETECTOR = "contradiction"
EVIDENCE_ANCHOR_DETECTOR = "contradiction-evidence@1"


def analysis_detectors() -> tuple[Detector, ...]:
    """The pipeline's detectors, read at call time."""
    return tuple(pipeline.DEFAULT_DETECTORS)


def detector_versions() -> dict[str, int]:
    return pipeline.detector_versions(analysis_detectors())


def known_sources() -> tuple[KnownSource, ...]:
    """The database's sources (with aliases) as the detectors see them."""
    return tuple(
        KnownSource(name=s.name, kind=s.kind, aliases=tuple(a.alias for a in s.aliases.all()))  # type: ignore[arg-type]
        for s in Source.objects.prefetch_related("aliases").only("name", "kind")
    )


def analysis_context_build(
    *, text: str | None = None, article: Article | None = None, sources: tuple[KnownSource, ...] | None = None
) -> AnalysisContext:
    """What the detectors may use besides the text: sources, candidate fact-checks, other articles' statements.

    Without a text (or article) only the sources are filled in. Candidates come from the
    registry's index for the text's check-worthy sentences (``credibility.retrieval``); other
    articles' statements only when an article is given or the text is analysed unstored
    (every recent article then counts as "other"). ``sources`` lets a caller analysing many
    texts load them once.
    """
    sources = known_sources() if sources is None else sources
    if text is None and article is not None:
        text = article.body
    if not text:
        return AnalysisContext(sources=sources)
    sentences = [text[s.start : s.end] for s in _own_statements(text=text, article=article)]
    factchecks = tuple(factcheck_entry(f) for f in factcheck_candidates(sentences=sentences))
    others = tuple(other_claim_candidates(sentences=sentences, exclude_article_id=article.pk if article else None))
    return AnalysisContext(sources=sources, factchecks=factchecks, other_claims=others)


def _own_statements(*, text: str, article: Article | None) -> list[IndexedStatement]:
    """The text's retrievable statements; a stored article's come from (and go to) its statement index."""
    if article is not None and article.pk is not None and text == article.body:
        indexed = article_statement_indexes({article.pk: article.body_sha256}).get(article.pk)
        if indexed is not None:
            return indexed
    return statement_index(text)


def text_analyze(*, text: str, title: str = "", context: AnalysisContext | None = None) -> AnalysisResult:
    """Exactly what a Celery run computes for a text, before anything is stored."""
    return analyze_text(
        text=text, title=title, context=context or analysis_context_build(text=text), detectors=analysis_detectors()
    )


def findings_to_json(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    """Annotation JSON for unstored findings; sources resolve to existing rows only (nothing is created)."""
    items = []
    for finding in findings:
        item = finding_to_json(finding)
        if finding.source is not None:
            existing = source_find(name=finding.source.name)
            if existing is not None:
                item["source"] = {"id": existing.pk, "name": existing.name, "kind": existing.kind}
        if finding.evidence is None and finding.evidence_claim is not None:
            claim = finding.evidence_claim
            item["evidence"] = {"article": claim.article_id, "annotation": claim.annotation_id, "quote": claim.text}
        items.append(item)
    return items


def _evidence_annotation(*, claim: StoredClaim, citing_article_id: int | None) -> Annotation | None:
    """The annotation a contradiction cites for another article's statement.

    The covering annotation when retrieval found one; otherwise a machine ``note`` created on
    the other article over that statement (detector ``EVIDENCE_ANCHOR_DETECTOR``, which no
    pipeline sync touches), so the evidence is always an annotation a reviewer can open.
    """
    if claim.annotation_id is not None:
        found = Annotation.objects.filter(pk=claim.annotation_id, article_id=claim.article_id).first()
        if found is not None:
            return found
    cited_by = f" by article {citing_article_id}" if citing_article_id is not None else ""
    anchor = machine_annotation_anchor(
        article_id=claim.article_id, start=claim.start, end=claim.end, detector=EVIDENCE_ANCHOR_DETECTOR,
        comment=f"Statement cited as contradicting evidence{cited_by}.",
    )
    if anchor is None or anchor.quote != claim.text:
        return None
    return anchor


def findings_sources(findings: Iterable[Finding]) -> dict[str, Source]:
    """The Source of every name the findings attribute to, created when new; looked up in one go."""
    kinds: dict[str, str] = {}
    for finding in findings:
        if finding.source is not None:
            kinds.setdefault(finding.source.name, finding.source.kind)  # as the first finding names it
    found = sources_find(names=kinds)
    for name, kind in kinds.items():
        if name not in found:
            found[name] = source_get_or_create(name=name, kind=kind)
    return found


def _spec(finding: Finding, *, article_id: int | None = None, sources: dict[str, Source] | None = None) -> MachineAnnotationSpec:
    """The stored form of a finding; ``sources`` (from ``findings_sources``) saves a lookup per finding."""
    source = None
    if finding.source is not None:
        source = (sources or {}).get(finding.source.name) or source_get_or_create(
            name=finding.source.name, kind=finding.source.kind
        )
    evidence = None
    if finding.evidence is not None:
        lookup = {"identifier": finding.evidence.identifier} if finding.evidence.identifier else {"url": finding.evidence.url}
        evidence = FactCheck.objects.filter(**lookup).first()
    evidence_annotation = None
    if finding.evidence_claim is not None and finding.evidence_claim.article_id != article_id:
        evidence_annotation = _evidence_annotation(claim=finding.evidence_claim, citing_article_id=article_id)
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
        evidence_annotation=evidence_annotation,
    )


# Publishing to the broker is retried briefly, so a request never hangs on a dead broker.
ENQUEUE_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1.0}


def requeue_ages() -> tuple[timedelta, timedelta]:
    """How old a pending run, and how silent a running one, must be before the sweep sends it again.

    ``ANALYSIS_REQUEUE_AFTER_SECONDS`` (default 300) and ``ANALYSIS_REQUEUE_RUNNING_AFTER_SECONDS``
    (default 900), read at call time.
    """
    from django.conf import settings

    return (
        timedelta(seconds=float(getattr(settings, "ANALYSIS_REQUEUE_AFTER_SECONDS", 300))),
        timedelta(seconds=float(getattr(settings, "ANALYSIS_REQUEUE_RUNNING_AFTER_SECONDS", 900))),
    )


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


def analysis_runs_requeue(*, pending_after: timedelta | None = None, running_after: timedelta | None = None) -> int:
    """Enqueue again the runs a broker outage or a lost worker left behind; returns how many.

    Ages default to ``requeue_ages()`` (the settings). Safe to overlap with the original
    delivery: execution claims a run at most once.
    """
    default_pending, default_running = requeue_ages()
    pending_after = default_pending if pending_after is None else pending_after
    running_after = default_running if running_after is None else running_after
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
        result = text_analyze(text=article.body, title=article.title, context=analysis_context_build(article=article))
        sources = findings_sources(result.findings)
        specs = [_spec(finding, article_id=article.pk, sources=sources) for finding in result.findings]
        # A run stopped by its time budget (``AnalysisResult.budget_exceeded``) syncs only the
        # detectors that finished, so the others' earlier annotations are not removed. It still
        # ends in state done, with the notice as the run's error text and in ``counts``.
        detectors = [
            f"{name}@{version}" for name, version in result.detector_versions.items()
            if not result.budget_exceeded or name in result.completed
        ]
        within = changed_sentence_ranges(article=article, run=run, detector_versions=result.detector_versions)
        counts = machine_annotations_sync(article=article, detectors=detectors, specs=specs, within_ranges=within)
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
            "synced_ranges": None if within is None else [list(r) for r in within],
        }
        if result.budget_exceeded:
            run.counts["budget_exceeded"] = {"cut": result.cut, "completed": list(result.completed),
                                            "budget_seconds": result.budget_seconds}
            logger.warning("analysis run %s of article %s: %s", run.pk, article.pk, result.notice)
        run.error = result.notice
        run.finished_at = timezone.now()
        run.duration_ms = round((time.perf_counter() - began) * 1000, 3)
        run.save()
        article_analysis_state_set(article_id=article.pk, state=AnalysisState.DONE)
    return run


def changed_sentence_ranges(
    *, article: Article, run: AnalysisRun, detector_versions: dict[str, int]
) -> list[tuple[int, int]] | None:
    """The sentences of the current body an edit changed since the last finished analysis, or None for all.

    Incremental re-analysis: the pipeline still reads the whole text (context matters), but only
    findings in these sentences are synced; annotations elsewhere were carried over by
    re-anchoring, review decisions included. None (sync everything) when there is no earlier
    run of the same detector versions on an older stored revision to compare with.
    """
    previous = (
        AnalysisRun.objects.filter(article=article, state=RunState.DONE)
        .exclude(pk=run.pk)
        .order_by("-finished_at", "-id")
        .values("article_revision", "detector_versions")
        .first()
    )
    if previous is None or previous["detector_versions"] != detector_versions:
        return None
    if previous["article_revision"] >= article.revision:
        return None  # the same text analysed again on request: refresh everything
    old = ArticleRevision.objects.filter(article=article, number=previous["article_revision"]).values_list("body", flat=True).first()
    if old is None:
        return None
    edits = anchoring.changed_ranges(anchoring.text_opcodes(old, article.body))
    ranges: list[tuple[int, int]] = []
    for sentence in split_sentences(article.body):
        if any(
            sentence.start < end and start < sentence.end if start < end else sentence.start <= start <= sentence.end
            for start, end in edits
        ):
            ranges.append((sentence.start, sentence.end))
    # Edits in the whitespace between sentences still count (a sentence may have been split there).
    ranges.extend((start, end) for start, end in edits if not any(s <= start and end <= e for s, e in ranges))
    return sorted(set(ranges))


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


# --- re-checking stored articles against new fact-checks ---------------------------------------


def _recheck_detectors() -> tuple[Detector, ...]:
    """The pipeline up to and including the contradiction detector (it may read earlier findings)."""
    detectors = analysis_detectors()
    names = [d.name for d in detectors]
    if CONTRADICTION_DETECTOR not in names:
        return ()
    return detectors[: names.index(CONTRADICTION_DETECTOR) + 1]


def article_recheck(
    *, article: Article, factcheck_ids: list[int], detectors: tuple[Detector, ...], sources: tuple[KnownSource, ...] = ()
) -> tuple[bool, int, int]:
    """Check one stored article against these fact-checks only; returns (had candidates, created, removed).

    Only the contradiction detector's open annotations citing these fact-checks are synced:
    findings citing other fact-checks or other articles, and reviewed ones, stay as they are.
    """
    contradiction = detectors[-1]
    detector = f"{contradiction.name}@{contradiction.version}"
    sentences = [article.body[s.start : s.end] for s in _own_statements(text=article.body, article=article)]
    candidates = factcheck_candidates(sentences=sentences, only_ids=factcheck_ids)
    cited = Annotation.objects.filter(
        article=article, detector=detector, evidence_factcheck_id__in=factcheck_ids, status="open"
    ).exists()
    if not candidates and not cited:
        return False, 0, 0
    specs: list[MachineAnnotationSpec] = []
    if candidates:
        context = AnalysisContext(sources=sources, factchecks=tuple(factcheck_entry(f) for f in candidates))
        result = analyze_text(text=article.body, title=article.title, context=context, detectors=detectors)
        wanted = set(factcheck_ids)
        for finding in result.findings:
            if finding.detector != detector or finding.evidence is None:
                continue
            spec = _spec(finding, article_id=article.pk)
            if spec.evidence_factcheck is not None and spec.evidence_factcheck.pk in wanted:
                specs.append(spec)
    with transaction.atomic():
        counts = machine_annotations_sync_evidence(
            article=article, detector=detector, specs=specs, evidence_factcheck_ids=factcheck_ids
        )
    return bool(candidates), counts.created, counts.removed


def factcheck_recheck(
    *,
    factcheck_ids: list[int],
    trigger: str = RecheckTrigger.IMPORT,
    until: Any = None,
    days: int | None = None,
) -> FactCheckRecheck:
    """Re-check the articles of the window (``FACTCHECK_RECHECK_DAYS``) against these fact-checks only.

    Idempotent, so a redelivered task or an overlapping periodic run changes nothing more.
    Articles are committed one at a time: a long re-check never holds one big transaction.
    """
    began = time.perf_counter()
    record = FactCheckRecheck.objects.create(trigger=trigger, until=until or timezone.now())
    ids = sorted(set(FactCheck.objects.filter(pk__in=list(factcheck_ids)).values_list("pk", flat=True)))
    detectors = _recheck_detectors()
    checked = with_candidates = created = removed = 0
    if ids and detectors:
        sources = known_sources()
        for article in Article.objects.filter(recent_articles_q(days=days)).only("pk", "title", "body", "body_sha256").iterator(chunk_size=200):
            checked += 1
            had, made, dropped = article_recheck(article=article, factcheck_ids=ids, detectors=detectors, sources=sources)
            with_candidates += had
            created += made
            removed += dropped
    elif ids:
        logger.warning("No %s detector in the pipeline: re-check of %d fact-checks skipped.", CONTRADICTION_DETECTOR, len(ids))
    record.factchecks = len(ids)
    record.articles_checked = checked
    record.articles_with_candidates = with_candidates
    record.created = created
    record.removed = removed
    record.finished_at = timezone.now()
    record.duration_ms = round((time.perf_counter() - began) * 1000, 3)
    record.save()
    return record


def factcheck_recheck_periodic(*, chunk: int = 1000) -> list[FactCheckRecheck]:
    """Re-check against every fact-check changed since the last finished periodic run.

    The first run looks back over the re-check window. Imports re-check their own fact-checks
    at once; this sweep catches what an import could not enqueue and what was edited by hand.
    """
    last = (
        FactCheckRecheck.objects.filter(trigger=RecheckTrigger.PERIODIC, finished_at__isnull=False)
        .order_by("-until")
        .first()
    )
    until = timezone.now()
    since = last.until if last is not None else until - timedelta(days=recheck_days())
    factcheck_lexicon_refresh()
    ids = list(FactCheck.objects.filter(updated_at__gt=since, updated_at__lte=until).order_by("pk").values_list("pk", flat=True))
    records = [
        factcheck_recheck(factcheck_ids=ids[start : start + chunk], trigger=RecheckTrigger.PERIODIC, until=until)
        for start in range(0, len(ids), chunk)
    ]
    if not records:  # nothing changed: still move the bookmark
        records.append(factcheck_recheck(factcheck_ids=[], trigger=RecheckTrigger.PERIODIC, until=until))
    return records
