"""Scoring helpers for the claim detectors on public sentence-level data sets.

Pure: callers parse the files (CoNLL-2010 WikiWeasel, ClaimBuster) and pass
``(text, label)`` pairs, so nothing here knows a path or a file format. Both tasks are
binary per sentence and are scored as precision / recall / F1 of the positive class.

- Hedge/weasel: a sentence is predicted uncertain when the hedge detector's cue finders
  fire (a hedge cue or a vague-source attribution) or, since WikiWeasel's "uncertain" class
  is mostly Wikipedia weasel and peacock wording, when ``find_weasel`` does. This measures
  the cue lexicons alone, without the check-worthiness and attribution gates the detector
  adds on news copy; ``is_hedged_or_vague`` is the news detectors' own decision.
- Check-worthiness: a sentence is predicted check-worthy when its score reaches the
  threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from credibility.analysis.claims.checkworthiness import CHECKWORTHY_THRESHOLD, checkworthiness
from credibility.analysis.detectors.hedges import find_hedge, find_vague_sources, find_weasel


@dataclass(frozen=True, slots=True)
class BinaryScores:
    precision: float
    recall: float
    f1: float
    true_positives: int
    false_positives: int
    false_negatives: int
    total: int


def binary_scores(pairs: Iterable[tuple[bool, bool]]) -> BinaryScores:
    """Scores of the positive class from ``(predicted, gold)`` pairs."""
    tp = fp = fn = total = 0
    for predicted, gold in pairs:
        total += 1
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BinaryScores(round(precision, 4), round(recall, 4), round(f1, 4), tp, fp, fn, total)


def is_hedged_or_vague(text: str) -> bool:
    """The sentence-level decision measured on WikiWeasel."""
    return find_hedge(text) is not None or bool(find_vague_sources(text))


def is_uncertain(text: str) -> bool:
    """The sentence-level decision measured on WikiWeasel: a news hedge/vague source or a weasel cue."""
    return is_hedged_or_vague(text) or find_weasel(text) is not None


def hedge_weasel_scores(records: Iterable[tuple[str, bool]], *, weasel: bool = True) -> BinaryScores:
    """``records``: (sentence, is_uncertain) pairs, e.g. WikiWeasel ``text`` and ``label == 1``.

    ``weasel=False`` scores the news detectors' cues alone (``is_hedged_or_vague``).
    """
    decide = is_uncertain if weasel else is_hedged_or_vague
    return binary_scores((decide(text), gold) for text, gold in records)


def checkworthiness_scores(
    records: Iterable[tuple[str, bool]], *, threshold: float = CHECKWORTHY_THRESHOLD
) -> BinaryScores:
    """``records``: (sentence, is_checkworthy) pairs, e.g. ClaimBuster ``text`` and ``label == 1``."""
    return binary_scores((checkworthiness(text).score >= threshold, gold) for text, gold in records)


def checkworthiness_curve(
    records: Sequence[tuple[str, bool]], *, thresholds: Sequence[float] = (0.1, 0.2, 0.3, 0.45, 0.6)
) -> dict[float, BinaryScores]:
    """Scores at several thresholds, to choose an operating point for a new domain."""
    scored = [(checkworthiness(text).score, gold) for text, gold in records]
    return {t: binary_scores((score >= t, gold) for score, gold in scored) for t in thresholds}
