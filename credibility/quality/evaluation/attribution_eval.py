"""Scores the attribution detector on PolNeAR-style records (pure: parsed records in, figures out).

A record is a mapping with ``text``, ``has_attribution`` and, for positives, ``source``,
``source_spans`` and ``cue_spans`` (``[start, end)`` offsets into ``text``). Each positive
row labels ONE attribution of its paragraph, so other attributions found in the same text
are neither credited nor penalised; precision is estimated from the negative rows
(sentences with no annotated attribution), where any finding is a false positive.

Two matching levels:

- ``overlap``: some finding's span overlaps the gold source or cue span;
- ``exact``: such a finding also names the gold source (case-folded, titles ignored,
  a surname matches the full name, a pronoun or vague phrase matches by its words, as in
  the dev-corpus scorer).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from credibility.analysis.detectors.attribution import AttributionDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, Finding

_TITLES = frozenset("dr mr mrs ms prof professor colonel col judge the sir president rep sen gov rev a an".split())


@dataclass(frozen=True, slots=True)
class AttributionFigures:
    positives: int
    negatives: int
    recall_overlap: float
    recall_exact: float
    negative_false_positive_rate: float  # share of negative sentences with any finding
    precision_overlap: float  # estimated: hits / (hits + negative rows with a finding)
    precision_exact: float
    f1_overlap: float
    f1_exact: float

    def as_dict(self) -> dict[str, float | int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _words(name: str) -> list[str]:
    name = re.sub(r"['\u2019]s\b", "", name.casefold())
    return [w for w in re.findall(r"[\w-]+", name) if w not in _TITLES]


def names_match(predicted: str, gold: str) -> bool:
    """Same speaker, by the dev scorer's rule: equal, contained, or the same surname."""
    p, g = _words(predicted), _words(gold)
    if not p or not g:
        return False
    pj, gj = " ".join(p), " ".join(g)
    return p == g or pj in gj or gj in pj or p[-1] == g[-1]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def default_findings(text: str) -> list[Finding]:
    document = Document(text=text, sentences=split_sentences(text))
    return AttributionDetector().detect(document, AnalysisContext(), ())


def score_polnear(
    records: Iterable[Mapping[str, Any]],
    *,
    find: Callable[[str], Sequence[Finding]] = default_findings,
) -> AttributionFigures:
    """Figures for ``records`` (see the module docstring); ``find`` maps a text to findings."""
    pos = neg = hit_overlap = hit_exact = neg_fp = 0
    for record in records:
        text = str(record["text"])
        findings = [f for f in find(text) if f.kind == "source_attribution"]
        if not record.get("has_attribution"):
            neg += 1
            neg_fp += bool(findings)
            continue
        pos += 1
        spans = [tuple(s) for s in [*record.get("source_spans", []), *record.get("cue_spans", [])]]
        near = [f for f in findings if any(_overlaps((f.start, f.end), (int(s[0]), int(s[1]))) for s in spans)]
        if near:
            hit_overlap += 1
            gold = str(record.get("source") or "")
            surface = [f.meta.get("speaker_text", "") for f in near]
            if any(f.source is not None and names_match(f.source.name, gold) for f in near) or any(
                names_match(s, gold) for s in surface if s
            ):
                hit_exact += 1
    r_o = hit_overlap / pos if pos else 0.0
    r_e = hit_exact / pos if pos else 0.0
    # Scale negative false positives to the positive count so that the estimate does not
    # depend on the 2:1 sampling ratio of the file.
    fp_rate = neg_fp / neg if neg else 0.0
    est_fp = fp_rate * pos
    p_o = hit_overlap / (hit_overlap + est_fp) if hit_overlap + est_fp else 0.0
    p_e = hit_exact / (hit_exact + est_fp) if hit_exact + est_fp else 0.0
    return AttributionFigures(
        positives=pos,
        negatives=neg,
        recall_overlap=round(r_o, 3),
        recall_exact=round(r_e, 3),
        negative_false_positive_rate=round(fp_rate, 3),
        precision_overlap=round(p_o, 3),
        precision_exact=round(p_e, 3),
        f1_overlap=round(_f1(p_o, r_o), 3),
        f1_exact=round(_f1(p_e, r_e), 3),
    )
