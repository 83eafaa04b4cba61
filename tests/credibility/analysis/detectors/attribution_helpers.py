"""What the attribution tests share: run the detector on a text, and read its speakers."""

from __future__ import annotations

from credibility.analysis.detectors.attribution import AttributionDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, Finding


def detect_attributions(text: str, context: AnalysisContext | None = None) -> list[Finding]:
    document = Document(text=text, sentences=split_sentences(text))
    return AttributionDetector().detect(document, context or AnalysisContext(), ())


def cue_speakers(text: str) -> list[tuple[str, str, str]]:
    """(cue quote, source name, source kind) of each finding that names a source."""
    return [(f.quote, f.source.name, f.source.kind) for f in detect_attributions(text) if f.source is not None]
