"""What the detectors leave behind and share (not timed here): memory on hostile text stays bounded."""

from __future__ import annotations

import gc

from credibility.analysis.detectors import typos
from credibility.analysis.detectors.attribution import AttributionDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document


def _document(text: str) -> Document:
    return Document(text=text, sentences=split_sentences(text))


def test_typo_detector_leaves_no_token_cycles_for_the_garbage_collector():
    text = "Mr Okafor said the plan was late. Mr Okafur said it was not. " * 20
    gc.collect()
    gc.disable()
    try:
        typos.TypoDetector().detect(_document(text), AnalysisContext(), ())
        alive = sum(isinstance(o, typos._Token) for o in gc.get_objects())
    finally:
        gc.enable()
    assert alive == 0


def test_attribution_findings_of_one_verb_share_their_rule_string():
    text = " ".join(f"Mr {name} said the plan was late." for name in ("Okafor", "Lindqvist", "Moreau"))
    findings = AttributionDetector().detect(_document(text), AnalysisContext(), ())
    assert len(findings) == 3
    assert {f.rule for f in findings} == {"cue-verb:said"}
    assert findings[0].rule is findings[1].rule is findings[2].rule
