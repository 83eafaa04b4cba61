"""Running the analysis pipeline on stored articles and writing its findings as machine annotations."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from annotations.models import AnalysisState, Annotation, Article, ArticleRevision
from annotations.services.articles import article_analysis_state_set
from annotations.services.machine import MachineAnnotationSpec, machine_annotation_anchor, machine_annotations_sync
from annotations.text import anchoring
from annotations.text import language as languages
from credibility.analysis import pipeline
from credibility.analysis.pipeline import AnalysisResult, analyze_text, finding_to_json, finding_vague_source
from credibility.analysis.types import AnalysisContext, Detector, Finding, KnownSource, SourceRef, StoredClaim
from credibility.models import AnalysisRun, FactCheck, RunState, Source, SourceAlias
from credibility.retrieval.factchecks import factcheck_candidates_many, factcheck_entry
from credibility.retrieval.statements import (
    IndexedStatement,
    article_statement_indexes,
    other_claim_candidates,
    sentence_bounds_build,
    sentence_bounds_store,
    statement_index,
)
from credibility.services.runs import WorkExhausted, work_claim
from credibility.services.sources import normalize_name, source_get_or_create, sources_find

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
    """The database's sources (with aliases) as the detectors see them.

    Kept per process and read again only when the sources' change stamp moves (one aggregate
    query instead of every Source and alias row on every run: the table only grows).
    """
    global _known_sources
    stamp = _sources_stamp()
    cached = _known_sources
    if cached is not None and cached[0] == stamp:
        return cached[1]
    sources = tuple(
        KnownSource(name=s.name, kind=s.kind, aliases=tuple(a.alias for a in s.aliases.all()))  # type: ignore[arg-type]
        for s in Source.objects.prefetch_related("aliases").only("name", "kind").order_by("pk")
    )
    _known_sources = (stamp, sources)
    return sources


# (stamp, sources) of the last read in this process; see known_sources.
_known_sources: tuple[tuple[Any, ...], tuple[KnownSource, ...]] | None = None


def _sources_stamp() -> tuple[Any, ...]:
    """Changes whenever a source is added, removed or saved, or an alias added or removed (one query)."""
    sources, aliases = Source._meta.db_table, SourceAlias._meta.db_table  # table names, no input
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM {sources}), (SELECT max(updated_at) FROM {sources}), "
            f"(SELECT count(*) FROM {aliases}), (SELECT max(id) FROM {aliases})"
        )
        return tuple(cursor.fetchone() or ())


def analysis_context_build(
    *, text: str | None = None, article: Article | None = None, sources: tuple[KnownSource, ...] | None = None
) -> AnalysisContext:
    """What the detectors may use besides the text: sources, candidate fact-checks, other articles' statements.

    Without a text (or article) only the sources are filled in. Candidates come from the
    registry's index for the text's check-worthy sentences (``credibility.retrieval.factchecks``); other
    articles' statements only when an article is given or the text is analysed unstored
    (every recent article then counts as "other"). ``sources`` lets a caller analysing many
    texts load them once.
    """
    sources = known_sources() if sources is None else sources
    if text is None and article is not None:
        text = article.body
    if not text:
        return AnalysisContext(sources=sources)
    statements = own_statements(text=text, article=article)
    return _contexts(
        texts=[text], statements=[statements], sources=sources, exclude_article_id=article.pk if article else None
    )[0]


def analysis_contexts_build(*, texts: Sequence[str], sources: tuple[KnownSource, ...]) -> list[AnalysisContext]:
    """``analysis_context_build(text=..., sources=sources)`` for many unstored texts, with one
    fact-check retrieval for the whole batch instead of one per text (batch analysis)."""
    return _contexts(texts=texts, statements=[statement_index(text) if text else [] for text in texts], sources=sources)


def _contexts(
    *,
    texts: Sequence[str],
    statements: Sequence[list[IndexedStatement]],
    sources: tuple[KnownSource, ...],
    exclude_article_id: int | None = None,
) -> list[AnalysisContext]:
    """The contexts of ``texts`` given their retrievable statements: one fact-check retrieval for all."""
    sentence_lists = [[text[s.start : s.end] for s in own] for text, own in zip(texts, statements, strict=True)]
    candidates = factcheck_candidates_many(texts=sentence_lists)
    contexts = []
    for text, own, sentences, factchecks in zip(texts, statements, sentence_lists, candidates, strict=True):
        if not text:
            contexts.append(AnalysisContext(sources=sources))
            continue
        others = other_claim_candidates(
            sentences=sentences, terms=[s.terms for s in own], exclude_article_id=exclude_article_id
        )
        cited = own_review_excluded(factchecks, article_id=exclude_article_id)
        contexts.append(
            AnalysisContext(
                sources=sources, factchecks=tuple(factcheck_entry(f) for f in cited), other_claims=tuple(others)
            )
        )
    return contexts


def _own_review_of(factcheck: FactCheck, article_id: int | None) -> bool:
    """Whether the fact-check is our own review of a claim in this article (an export re-imported):
    it would contradict its own article with the article's own words, so it is never evidence there."""
    return article_id is not None and factcheck.own_review_article_id == article_id


def own_review_excluded(factchecks: Sequence[FactCheck], *, article_id: int | None) -> list[FactCheck]:
    """``factchecks`` less our own reviews of this article (``_own_review_of``)."""
    return [f for f in factchecks if not _own_review_of(f, article_id)]


def own_statements(*, text: str, article: Article | None) -> list[IndexedStatement]:
    """The text's retrievable statements; a stored article's come from (and go to) its statement index."""
    if article is not None and article.pk is not None and text == article.body:
        indexed = article_statement_indexes({article.pk: article.body_sha256}).get(article.pk)
        if indexed is not None:
            return indexed
    return statement_index(text)


def text_analyze(
    *, text: str, title: str = "", context: AnalysisContext | None = None, language: str | None = None
) -> AnalysisResult:
    """Exactly what a Celery run computes for a text, before anything is stored (with ``language``,
    only the detectors supporting it run)."""
    return analyze_text(
        text=text,
        title=title,
        context=context or analysis_context_build(text=text),
        detectors=analysis_detectors(),
        language=language,
    )


# What each detector looks for, in the words of the notice.
DETECTOR_LABELS = {
    "typo": "typos",
    "attribution": "source attributions",
    "hedge": "hedged and vague-source claims",
    "unsourced": "unsourced claims",
    "contradiction": "contradicted claims",
}


def language_notice(*, language: str, skipped: Sequence[str], detectors: Sequence[Detector] | None = None) -> str:
    """The notice for an article some detectors could not analyse because of its language; "" when
    every detector ran. Names the language, what was not checked, and which languages are supported."""
    if not skipped:
        return ""
    detectors = analysis_detectors() if detectors is None else detectors
    supported = sorted({code for d in detectors if d.name in skipped for code in (getattr(d, "languages", None) or ())})
    what = ", ".join(DETECTOR_LABELS.get(name, name) for name in skipped)
    name = languages.language_name(language)
    where = " and ".join(f"{languages.language_name(code)} ({code})" for code in supported) or "other languages"
    if len(skipped) == len(detectors):
        head = (
            f"This article is in {name} ({language}): automatic analysis supports {where} only, so nothing was checked"
        )
    else:
        head = f"This article is in {name} ({language}): some detectors support {where} only"
    return f"{head}. Not checked: {what}. No findings does not mean no problems; review it by hand."


def findings_to_json(findings: tuple[Finding, ...], *, table: dict[str, Source] | None = None) -> list[dict[str, Any]]:
    """Annotation JSON for unstored findings; sources resolve to existing rows only (nothing is created).

    Names are looked up together (``sources_find``: two queries at most), or in ``table``
    (``sources_table()``), which a caller analysing many texts builds once.
    """
    names = {f.source.name for f in findings if f.source is not None and f.source.named}
    if table is not None:
        found = {name: table[key] for name in names if (key := normalize_name(name)) in table}
    else:
        found = sources_find(names=names) if names else {}
    items = []
    for finding in findings:
        item = finding_to_json(finding)
        named = finding.source is not None and finding.source.named
        existing = found.get(finding.source.name) if named and finding.source is not None else None
        if existing is not None:
            item["source"] = {"id": existing.pk, "name": existing.name, "kind": existing.kind}
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
        article_id=claim.article_id,
        start=claim.start,
        end=claim.end,
        detector=EVIDENCE_ANCHOR_DETECTOR,
        comment=f"Statement cited as contradicting evidence{cited_by}.",
    )
    if anchor is None or anchor.quote != claim.text:
        return None
    return anchor


def findings_sources(findings: Iterable[Finding]) -> dict[str, Source]:
    """The Source of every named speaker the findings attribute to, created when new; looked up in
    one go. Vague speakers ("officials") and unnamed documents ("the report") are left out: they
    stay labels (``finding_vague_source``). A new Source keeps the role the text gave its speaker
    ("broadcaster") as its description; the name carries none."""
    refs: dict[str, SourceRef] = {}
    for finding in findings:
        if finding.source is not None and finding.source.named:
            refs.setdefault(finding.source.name, finding.source)  # as the first finding names it
    found = sources_find(names=refs)
    for name, ref in refs.items():
        if name not in found:
            found[name] = source_get_or_create(name=name, kind=ref.kind, description=ref.role)
    return found


def machine_annotation_spec(
    finding: Finding, *, article_id: int | None = None, sources: dict[str, Source] | None = None
) -> MachineAnnotationSpec:
    """The stored form of a finding; ``sources`` (from ``findings_sources``) saves a lookup per finding."""
    source = None
    if finding.source is not None and finding.source.named:
        source = (sources or {}).get(finding.source.name) or source_get_or_create(
            name=finding.source.name, kind=finding.source.kind, description=finding.source.role
        )
    evidence = None
    if finding.evidence is not None:
        lookup: dict[str, str | None] = (
            {"identifier": finding.evidence.identifier}
            if finding.evidence.identifier
            else {"url": finding.evidence.url}
        )
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
        checkworthiness=None if finding.checkworthiness is None else max(0.0, min(1.0, finding.checkworthiness)),
        explanation=finding.explanation,
        suggestion=finding.suggestion,
        reason=finding.reason or "",
        source=source,
        vague_source=finding_vague_source(finding),
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
        logger.exception(
            "Could not enqueue analysis run %s (article %s); it stays pending for requeue.", run_id, article_id
        )
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
        AnalysisRun.objects.filter(state=RunState.PENDING, created_at__lte=now - pending_after).values_list(
            "pk", "article_id"
        )
    ) + list(
        AnalysisRun.objects.filter(state=RunState.RUNNING, started_at__lte=now - running_after).values_list(
            "pk", "article_id"
        )
    )
    return sum(analysis_run_enqueue(article_id=article_id, run_id=run_id) for run_id, article_id in stale)


def _claim(run_id: int, *, max_attempts: int | None = None) -> AnalysisRun | None:
    """Mark the run running (counting the attempt) unless it is finished or someone else holds it.

    A run that has already begun ``max_attempts`` times without finishing was taking its workers
    down with it (killed, or out of memory, before any error could be recorded): it is failed
    with a notice instead of being tried again, so one message cannot kill worker after worker.
    """
    with transaction.atomic():
        try:
            run = work_claim(AnalysisRun, pk=run_id, keep_started_at=False, max_attempts=max_attempts)
        except WorkExhausted as exhausted:
            lost = exhausted.row
            assert isinstance(lost, AnalysisRun)
            lost.state = RunState.FAILED
            lost.error = (
                f"Stopped: {lost.attempts} attempts began and none finished (the worker was lost: killed or "
                "out of memory). Not tried again; re-run the analysis after fixing the cause."
            )
            lost.finished_at = timezone.now()
            lost.save(update_fields=["state", "error", "finished_at"])
            article_analysis_state_set(article_id=lost.article_id, state=AnalysisState.FAILED)
            return None
        if run is None:
            return None
        article_analysis_state_set(article_id=run.article_id, state=AnalysisState.RUNNING)
    return run


def analysis_run_execute(*, run_id: int, max_attempts: int | None = None) -> AnalysisRun | None:
    """Run the pipeline for a pending run and sync its findings. Safe to call twice (redelivery).

    Returns None when the run is already finished or being executed by another worker, or when
    it has begun ``max_attempts`` times without finishing (see ``_claim``).
    """
    if _claim(run_id, max_attempts=max_attempts) is None:
        return None
    began = time.perf_counter()
    with transaction.atomic():
        run = AnalysisRun.objects.select_for_update(skip_locked=True).filter(pk=run_id, state=RunState.RUNNING).first()
        if run is None:
            return None
        article = Article.objects.filter(pk=run.article_id).first()
        if article is None:  # deleted meanwhile; its runs go with it
            return None
        result = text_analyze(
            text=article.body,
            title=article.title,
            context=analysis_context_build(article=article),
            language=article.language,
        )
        # The sentences the pipeline segmented (segmented here only if the budget cut it short).
        bounds = result.sentences or sentence_bounds_build(article.body)
        _sentence_bounds_store_on_commit(article=article, bounds=bounds)
        sources = findings_sources(result.findings)
        specs = [
            machine_annotation_spec(finding, article_id=article.pk, sources=sources) for finding in result.findings
        ]
        # A run stopped by its time budget (``AnalysisResult.budget_exceeded``) syncs only the
        # detectors that finished, so the others' earlier annotations are not removed. The run ends
        # done, with the notice as its error text and in ``counts``; the article's state is partial.
        # Detectors skipped for the article's language are synced with no findings: their open
        # annotations from an analysis under another language go (reviewed ones stay).
        detectors = [
            f"{name}@{version}"
            for name, version in result.detector_versions.items()
            if not result.budget_exceeded or name in result.completed or name in result.skipped
        ]
        within = changed_sentence_ranges(
            article=article,
            run=run,
            detector_versions=result.detector_versions,
            bounds=bounds,
            language=article.language,
        )
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
            run.counts["budget_exceeded"] = {
                "cut": result.cut,
                "completed": list(result.completed),
                "budget_seconds": result.budget_seconds,
            }
        if result.limits_reached:
            # Text far denser than prose (cues, unknown words, names): the detector stopped that
            # check at a character, kept what it found before it, and the run says so.
            run.counts["limits_reached"] = [
                {"step": step, "stopped_at": position, "limit": limit}
                for step, position, limit in result.limits_reached
            ]
        if result.partial:
            logger.warning("analysis run %s of article %s: %s", run.pk, article.pk, result.notice)
        run.error = result.notice
        run.language = article.language
        run.skipped_detectors = list(result.skipped)
        run.finished_at = timezone.now()
        run.duration_ms = round((time.perf_counter() - began) * 1000, 3)
        run.save()
        article_analysis_state_set(
            article_id=article.pk,
            state=AnalysisState.PARTIAL if result.partial else AnalysisState.DONE,
            notice=language_notice(language=article.language, skipped=result.skipped),
        )
    return run


def _sentence_bounds_store_on_commit(*, article: Article, bounds: tuple[tuple[int, int], ...]) -> None:
    """Keep the body's sentence bounds for the reads (credibility, report), which never segment (issue 15).
    Stored after the run commits, in a statement of its own, like the statement index."""
    article_id, sha = article.pk, article.body_sha256
    transaction.on_commit(lambda: sentence_bounds_store(article_id=article_id, sha=sha, bounds=bounds), robust=True)


def changed_sentence_ranges(
    *,
    article: Article,
    run: AnalysisRun,
    detector_versions: dict[str, int],
    bounds: tuple[tuple[int, int], ...],
    language: str | None = None,
) -> list[tuple[int, int]] | None:
    """The sentences of the current body an edit changed since the last finished analysis, or None for all.

    Incremental re-analysis: the pipeline still reads the whole text (context matters), but only
    findings in these sentences are synced; annotations elsewhere were carried over by
    re-anchoring, review decisions included. None (sync everything) when there is no earlier
    run of the same detector versions (and, given ``language``, the same language) on an older
    stored revision to compare with.
    """
    previous = (
        AnalysisRun.objects.filter(article=article, state=RunState.DONE)
        .exclude(pk=run.pk)
        .order_by("-finished_at", "-id")
        .values("article_revision", "detector_versions", "language")
        .first()
    )
    if previous is None or previous["detector_versions"] != detector_versions:
        return None
    if language is not None and previous["language"] != language:
        return None  # other detectors may apply now (or the run predates languages): refresh everything
    if previous["article_revision"] >= article.revision:
        return None  # the same text analysed again on request: refresh everything
    old = (
        ArticleRevision.objects.filter(article=article, number=previous["article_revision"])
        .values_list("body", flat=True)
        .first()
    )
    if old is None:
        return None
    edits = anchoring.changed_ranges(anchoring.text_opcodes(old, article.body))
    ranges: list[tuple[int, int]] = []
    for sentence_start, sentence_end in bounds:  # the current body's sentences
        if any(
            sentence_start < end and start < sentence_end if start < end else sentence_start <= start <= sentence_end
            for start, end in edits
        ):
            ranges.append((sentence_start, sentence_end))
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
