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


# ---------------------------------------------------------------------------------------
# The full PolNeAR corpus: every attribution of every article is the target
# ---------------------------------------------------------------------------------------
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class RoleFigures:
    """Precision/recall/F1 of one role, one-to-one matching of findings to gold attributions."""

    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float | int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class PredictedAttribution:
    """A finding read as PolNeAR roles: the speaker, the cue and the reported content spans."""

    source: Span | None
    cue: Span
    content: Span | None
    source_text: str


def finding_roles(text: str, finding: Finding) -> PredictedAttribution:
    """The roles of ``finding``: the speaker is ``speaker_text`` located inside the finding span
    (the span covers speaker and cue), the cue is the rest of the span, the content is the statement."""
    speaker = str(finding.meta.get("speaker_text", ""))
    source: Span | None = None
    cue: Span = (finding.start, finding.end)
    if speaker:
        at = text.find(speaker, finding.start, finding.end)
        if at < 0:  # a speaker outside the cue span (resolved across a quote): search the sentence around it
            lo = max(0, finding.start - 400)
            at = text.rfind(speaker, lo, finding.start)
        if at >= 0:
            source = (at, at + len(speaker))
            if finding.start <= at and at + len(speaker) <= finding.end:
                before, after = (finding.start, at), (at + len(speaker), finding.end)
                cue = max(before, after, key=lambda s: s[1] - s[0])
                if cue[1] <= cue[0]:
                    cue = (finding.start, finding.end)
    content: Span | None = None
    if "statement_start" in finding.meta:
        content = (int(finding.meta["statement_start"]), int(finding.meta["statement_end"]))
    return PredictedAttribution(source=source, cue=cue, content=content, source_text=speaker)


def _role_figures(gold: int, predicted: int, matched: int) -> RoleFigures:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    return RoleFigures(gold, predicted, matched, round(p, 3), round(r, 3), round(_f1(p, r), 3))


def _match(
    predicted: Sequence[Span | None], gold: Sequence[Sequence[Span]], same: Callable[[int, int], bool] | None = None
) -> int:
    """Greedy one-to-one matches: each prediction takes the first unmatched gold attribution it overlaps."""
    taken: set[int] = set()
    matched = 0
    for i, span in enumerate(predicted):
        if span is None:
            continue
        for j, pieces in enumerate(gold):
            if j in taken or not any(_overlaps(span, piece) for piece in pieces):
                continue
            if same is not None and not same(i, j):
                continue
            taken.add(j)
            matched += 1
            break
    return matched


def score_polnear_corpus(
    articles: Iterable[Mapping[str, Any]],
    *,
    find: Callable[[str], Sequence[Finding]] = default_findings,
) -> dict[str, RoleFigures]:
    """Role figures over whole PolNeAR articles (``articles-<split>.jsonl`` records).

    Every annotated attribution with a source is a gold source; every ``source_attribution``
    finding is a prediction, so precision is measured, not estimated. ``source`` matches a
    predicted speaker span overlapping a gold source piece (the overlap measure); ``source
    (exact)`` also requires the same name by ``names_match``; ``cue`` and ``content`` match
    overlapping spans against every gold attribution (no-source ones included).
    """
    totals: dict[str, list[int]] = {k: [0, 0, 0] for k in ("source", "source (exact)", "cue", "content")}
    for article in articles:
        text = str(article["text"])
        gold = list(article.get("attributions", []))
        predicted = [finding_roles(text, f) for f in find(text) if f.kind == "source_attribution"]
        g_source = [[(int(a), int(b)) for a, b in g["source"]] for g in gold if g.get("source")]
        g_source_text = [" ".join(text[a:b] for a, b in pieces) for pieces in g_source]
        g_cue = [[(int(a), int(b)) for a, b in g["cue"]] for g in gold]
        g_content = [[(int(a), int(b)) for a, b in g["content"]] for g in gold]
        p_source = [p.source for p in predicted]

        def same_name(
            i: int, j: int, predicted: list[PredictedAttribution] = predicted, gold_text: list[str] = g_source_text
        ) -> bool:
            return names_match(predicted[i].source_text, gold_text[j])

        rows = {
            "source": (len(g_source), sum(s is not None for s in p_source), _match(p_source, g_source)),
            "source (exact)": (
                len(g_source),
                sum(s is not None for s in p_source),
                _match(p_source, g_source, same_name),
            ),
            "cue": (sum(bool(c) for c in g_cue), len(predicted), _match([p.cue for p in predicted], g_cue)),
            "content": (
                sum(bool(c) for c in g_content),
                sum(p.content is not None for p in predicted),
                _match([p.content for p in predicted], g_content),
            ),
        }
        for key, (g, p, m) in rows.items():
            totals[key][0] += g
            totals[key][1] += p
            totals[key][2] += m
    return {key: _role_figures(*values) for key, values in totals.items()}
