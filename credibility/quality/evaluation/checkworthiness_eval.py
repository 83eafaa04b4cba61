"""Check-worthiness against public labelled sentences: baselines, the old rules, the learned model.

Pure: callers read the files and pass texts and binary labels. Every system is scored on the
same sentences in the same run, as positive-class precision / recall / F1 (CheckThat! 2024's
official metric; ClaimBuster's CFS against the rest):

- ``majority``: always the majority class of the training data (not check-worthy), F1 0 by
  construction; ``all positive`` is the other trivial baseline and gives the positive rate's F1;
- ``old rules``: ``checkworthiness(text).score >= CHECKWORTHY_THRESHOLD``;
- ``learned``: ``checkworthiness_model`` at its shipped threshold.
"""

from __future__ import annotations

from collections.abc import Sequence

from credibility.analysis.claims.checkworthiness import CHECKWORTHY_THRESHOLD, checkworthiness
from credibility.analysis.claims.checkworthiness_model import CheckworthinessModel, load_model
from credibility.quality.evaluation.claims_eval import BinaryScores, binary_scores


def checkworthiness_systems(
    texts: Sequence[str], labels: Sequence[bool], *, model: CheckworthinessModel | None = None
) -> dict[str, BinaryScores]:
    """Scores of each system, in the order they are printed."""
    model = model or load_model()
    probability = model.probability(texts)
    decisions = {
        "majority (none)": [False] * len(texts),
        "all positive": [True] * len(texts),
        "old rules": [checkworthiness(t).score >= CHECKWORTHY_THRESHOLD for t in texts],
        "learned": [bool(p >= model.threshold) for p in probability],
    }
    return {name: binary_scores(zip(predicted, labels, strict=True)) for name, predicted in decisions.items()}
