"""How a typo finding is made: the detector's name and version, one detector string shared by every
finding, and the span helpers the checks share (overlap with protected text, overlaps between findings).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from credibility.analysis.types import Finding

DETECTOR_NAME = "typo"
DETECTOR_VERSION = 1


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """[start, end) shares a character with one of ``spans`` (a protected name, quote or address)."""
    return any(a < end and start < b for a, b in spans)


_DETECTOR = f"{DETECTOR_NAME}@{DETECTOR_VERSION}"  # one string shared by every finding


def _typo_finding(text: str, start: int, end: int, **fields: Any) -> Finding:
    """A typo finding over ``text[start:end]`` (its quote), made by this detector."""
    return Finding(
        kind="typo",
        start=start,
        end=end,
        quote=text[start:end],
        detector=_DETECTOR,
        **fields,
    )


def _confusable_finding(text: str, start: int, end: int, suggestion: str, explanation: str) -> Finding:
    """A real word written for another in a fixed context (rule ``confusable``, its one confidence)."""
    return _typo_finding(
        text, start, end, rule="confusable", confidence=0.5, explanation=explanation, suggestion=suggestion
    )


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    ordered = sorted(findings, key=lambda f: (f.start, -f.confidence))
    kept: list[Finding] = []
    for finding in ordered:
        if kept and finding.start < kept[-1].end:
            if finding.confidence > kept[-1].confidence:
                kept[-1] = finding
            continue
        kept.append(finding)
    return kept
