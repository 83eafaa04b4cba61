"""What an unverified-claim flag is worth to a fact-checker: a check-worthiness score and a calibrated confidence.

Both numbers rank the flagged-claim report (score first, then confidence) and decide which
flags are "low value" there. Two small functions, so either source can be swapped alone:

- ``claim_checkworthiness_many`` (and ``claim_checkworthiness`` for one sentence): the score in
  [0, 1]: the learned classifier's probability (``claims.checkworthiness_model``). Replace it
  there, and only there (then rebuild the calibration, whose bins are over this score).
- ``flag_confidence``: P(a reviewer finds the flag worth checking | score), read from
  ``flag_calibration.json``. That table is fitted on the **dev** split of the BBC hand labels
  (``credibility/quality/evaluation/labels``; the test split is never used) by
  ``python -m credibility.quality.evaluation.flag_calibration``, which rebuilds it exactly.
  It depends on the score alone: on the dev split the three reasons (unsourced, vague source,
  hedged) were equally often worth checking, too few flags to tell them apart.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from credibility.analysis.claims.checkworthiness_model import checkworthy_probability

CALIBRATION_PATH = Path(__file__).with_name("flag_calibration.json")


def claim_checkworthiness(text: str) -> float:
    """The check-worthiness score of a flagged sentence, in [0, 1] (``claim_checkworthiness_many``)."""
    return claim_checkworthiness_many([text])[0]


# Sentences recur (re-analysis after an edit, wire copy, boilerplate): their scores are kept,
# up to a cap, and the whole table is dropped when it fills (dict operations stay atomic).
_SCORES: dict[str, float] = {}
_SCORES_CAP = 50_000


def claim_checkworthiness_many(texts: Sequence[str]) -> list[float]:
    """The check-worthiness scores of many flagged sentences, the unseen ones scored in one batch:
    the one place the score's source is chosen."""
    missing = [text for text in dict.fromkeys(texts) if text not in _SCORES]
    if missing:
        if len(_SCORES) + len(missing) > _SCORES_CAP:
            _SCORES.clear()
        _SCORES.update(zip(missing, (float(p) for p in checkworthy_probability(missing)), strict=True))
    return [_SCORES[text] for text in texts]


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    low: float  # the bin holds scores in [low, next bin's low); the last one up to 1 inclusive
    flags: int
    positives: int
    confidence: float


@dataclass(frozen=True, slots=True)
class Calibration:
    bins: tuple[CalibrationBin, ...]

    def confidence(self, score: float) -> float:
        lows = [b.low for b in self.bins]
        at = max(0, bisect.bisect_right(lows, score) - 1)
        return self.bins[at].confidence


def calibration_from_json(data: dict[str, object]) -> Calibration:
    """The table of ``flag_calibration.json``; raises ``ValueError`` on a malformed one."""
    rows = data.get("bins")
    if not isinstance(rows, list) or not rows:
        raise ValueError("a calibration needs a non-empty list of bins")
    bins = tuple(
        CalibrationBin(
            low=float(row["low"]),
            flags=int(row["flags"]),
            positives=int(row["positives"]),
            confidence=float(row["confidence"]),
        )
        for row in rows
    )
    if bins[0].low != 0.0 or any(a.low >= b.low for a, b in zip(bins, bins[1:], strict=False)):
        raise ValueError("calibration bins must start at 0 and rise")
    if any(not 0.0 <= b.confidence <= 1.0 for b in bins):
        raise ValueError("calibrated confidences must lie in [0, 1]")
    return Calibration(bins)


@lru_cache(maxsize=1)
def flag_calibration() -> Calibration:
    return calibration_from_json(json.loads(CALIBRATION_PATH.read_text(encoding="utf-8")))


def flag_confidence(*, checkworthiness: float) -> float:
    """The calibrated confidence of an unverified-claim flag with this check-worthiness score."""
    return flag_calibration().confidence(checkworthiness)
