"""Re-checks: recent articles against new or changed fact-checks (contradiction detector only), on demand and periodically."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from annotations.models import Annotation, Article
from annotations.services.machine import MachineAnnotationSpec, machine_annotations_sync_evidence
from credibility.analysis.pipeline import analyze_text, detector_supports
from credibility.analysis.types import AnalysisContext, Detector, KnownSource
from credibility.models import FactCheck, FactCheckRecheck, RecheckTrigger
from credibility.retrieval.factchecks import factcheck_candidates, factcheck_entry, factcheck_lexicon_refresh
from credibility.retrieval.profiles import factcheck_profiles_sync
from credibility.retrieval.semantic import factcheck_embeddings_sync
from credibility.retrieval.statements import recent_articles_q, recheck_days
from credibility.services.analysis import (
    CONTRADICTION_DETECTOR,
    analysis_detectors,
    known_sources,
    machine_annotation_spec,
    own_review_excluded,
    own_statements,
)

logger = logging.getLogger(__name__)


def _recheck_detectors() -> tuple[Detector, ...]:
    """The pipeline up to and including the contradiction detector (it may read earlier findings)."""
    detectors = analysis_detectors()
    names = [d.name for d in detectors]
    if CONTRADICTION_DETECTOR not in names:
        return ()
    return detectors[: names.index(CONTRADICTION_DETECTOR) + 1]


def article_recheck(
    *,
    article: Article,
    factcheck_ids: list[int],
    detectors: tuple[Detector, ...],
    sources: tuple[KnownSource, ...] = (),
) -> tuple[bool, int, int]:
    """Check one stored article against these fact-checks only; returns (had candidates, created, removed).

    Only the contradiction detector's open annotations citing these fact-checks are synced:
    findings citing other fact-checks or other articles, and reviewed ones, stay as they are.
    """
    contradiction = detectors[-1]
    if not detector_supports(contradiction, article.language):
        return False, 0, 0  # as the full analysis: the detector does not run on this language
    detector = f"{contradiction.name}@{contradiction.version}"
    sentences = [article.body[s.start : s.end] for s in own_statements(text=article.body, article=article)]
    candidates = own_review_excluded(
        factcheck_candidates(sentences=sentences, only_ids=factcheck_ids), article_id=article.pk
    )
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
            spec = machine_annotation_spec(finding, article_id=article.pk)
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
        for article in (
            Article.objects.filter(recent_articles_q(days=days))
            .only("pk", "title", "body", "body_sha256")
            .iterator(chunk_size=200)
        ):
            checked += 1
            had, made, dropped = article_recheck(
                article=article, factcheck_ids=ids, detectors=detectors, sources=sources
            )
            with_candidates += had
            created += made
            removed += dropped
    elif ids:
        logger.warning(
            "No %s detector in the pipeline: re-check of %d fact-checks skipped.", CONTRADICTION_DETECTOR, len(ids)
        )
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
    factcheck_embeddings_sync()  # rows a write outside the services or an encoder change left missing
    factcheck_profiles_sync()  # the same for the claim profiles (an analyser change makes them all stale)
    ids = list(
        FactCheck.objects.filter(updated_at__gt=since, updated_at__lte=until)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    records = [
        factcheck_recheck(factcheck_ids=ids[start : start + chunk], trigger=RecheckTrigger.PERIODIC, until=until)
        for start in range(0, len(ids), chunk)
    ]
    if not records:  # nothing changed: still move the bookmark
        records.append(factcheck_recheck(factcheck_ids=[], trigger=RecheckTrigger.PERIODIC, until=until))
    return records
