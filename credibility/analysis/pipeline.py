"""Runs the detectors over one text. The single entry point used by Celery, commands and benchmarks."""
from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from credibility.analysis.detectors.attribution import AttributionDetector
from credibility.analysis.detectors.contradiction import ContradictionDetector
from credibility.analysis.detectors.hedges import HedgeDetector
from credibility.analysis.detectors.typos import TypoDetector
from credibility.analysis.detectors.unsourced import UnsourcedDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Detector, Document, Finding

# Order matters: the claim detectors read the attributions found before them.
DEFAULT_DETECTORS: tuple[Detector, ...] = (
    TypoDetector(),
    AttributionDetector(),
    HedgeDetector(),
    UnsourcedDetector(),
    ContradictionDetector(),
)


@dataclass(frozen=True, slots=True)
class AnalysisResult:
    findings: tuple[Finding, ...]
    timings_ms: dict[str, float]
    detector_versions: dict[str, int]


def detector_versions(detectors: Sequence[Detector] = DEFAULT_DETECTORS) -> dict[str, int]:
    return {detector.name: detector.version for detector in detectors}


def analyze_text(
    *,
    text: str,
    title: str = "",
    context: AnalysisContext | None = None,
    detectors: Sequence[Detector] = DEFAULT_DETECTORS,
) -> AnalysisResult:
    context = context or AnalysisContext()
    timings: dict[str, float] = {}
    began = time.perf_counter()
    document = Document(text=text, sentences=split_sentences(text), title=title)
    timings["segment"] = (time.perf_counter() - began) * 1000
    findings: list[Finding] = []
    for detector in detectors:
        began = time.perf_counter()
        findings.extend(detector.detect(document, context, tuple(findings)))
        timings[detector.name] = (time.perf_counter() - began) * 1000
    ordered = tuple(sorted(findings, key=lambda f: (f.start, f.end, f.kind, f.detector)))
    return AnalysisResult(findings=ordered, timings_ms=timings, detector_versions=detector_versions(detectors))


def finding_to_json(finding: Finding) -> dict[str, object]:
    """The annotation JSON of DESIGN.md for a finding that is not stored (ids are null)."""
    evidence: dict[str, object] | None = None
    if finding.evidence is not None:
        evidence = {
            "identifier": finding.evidence.identifier,
            "url": finding.evidence.url,
            "claim_reviewed": finding.evidence.claim_reviewed,
            "rating": finding.evidence.rating_label,
            "verdict": finding.evidence.verdict,
        }
    elif finding.evidence_claim is not None:
        evidence = {
            "article": finding.evidence_claim.article_id,
            "annotation": finding.evidence_claim.annotation_id,
            "quote": finding.evidence_claim.text,
        }
    return {
        "kind": finding.kind,
        "start": finding.start,
        "end": finding.end,
        "quote": finding.quote,
        "confidence": round(finding.confidence, 3),
        "detector": finding.detector,
        "origin": "machine",
        "status": "open",
        "suggestion": finding.suggestion,
        "reason": finding.reason,
        "source": None if finding.source is None else {"id": None, "name": finding.source.name, "kind": finding.source.kind},
        "evidence": evidence,
        "rule": finding.rule,
        "explanation": finding.explanation,
    }
