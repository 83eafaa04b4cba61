"""Unverified-claim flags on real news, scored against hand labels of every sentence.

Pure: the caller runs the pipeline and passes each article's flags as ``(start, end)`` spans,
with the labelled sentences (``LabelledSentence``: offsets into the article text, a ``kind``
and a ``sourcing`` from the labelling guide). A flag is judged by the labelled sentence it
overlaps most:

- **strict**: the sentence is a check-worthy factual statement (``CFS``) that is unsourced,
  vaguely sourced or hedged: what a fact-checker wants to see;
- **lenient**: any factual statement (``CFS`` or ``UFS``) with such sourcing.

Recall counts the strict-positive sentences that carry a flag. Every figure comes with its
counts and a 95% Wilson interval, so a reader sees how much a small sample can say.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

KINDS = frozenset({"CFS", "UFS", "NFS"})
SOURCINGS = frozenset({"sourced", "vague", "hedged", "unsourced", "na"})
UNSUPPORTED = frozenset({"vague", "hedged", "unsourced"})


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    article: str
    index: int
    start: int
    end: int
    kind: str
    sourcing: str

    @property
    def should_flag(self) -> bool:
        return self.kind == "CFS" and self.sourcing in UNSUPPORTED

    @property
    def acceptable_flag(self) -> bool:
        return self.kind in ("CFS", "UFS") and self.sourcing in UNSUPPORTED


def labelled_sentence(row: Mapping[str, object]) -> LabelledSentence:
    """One label row, checked: a bad row raises ``ValueError`` naming the field."""
    kind, sourcing = row.get("kind"), row.get("sourcing")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {sorted(KINDS)}, got {kind!r}")
    if sourcing not in SOURCINGS:
        raise ValueError(f"sourcing must be one of {sorted(SOURCINGS)}, got {sourcing!r}")
    start, end, index = row.get("start"), row.get("end"), row.get("index")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(index, int) and 0 <= start < end):
        raise ValueError("index, start and end must be integers with 0 <= start < end")
    return LabelledSentence(str(row.get("article")), index, start, end, str(kind), str(sourcing))


@dataclass(frozen=True, slots=True)
class Proportion:
    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def interval(self, z: float = 1.96) -> tuple[float, float]:
        """The Wilson score interval (95% by default): sound for small samples and for 0 or 1."""
        if not self.total:
            return (0.0, 1.0)
        n, p = self.total, self.value
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return (max(0.0, centre - half), min(1.0, centre + half))

    def __str__(self) -> str:
        low, high = self.interval()
        return f"{self.value:.3f} ({self.hits}/{self.total}, 95% CI {low:.2f}-{high:.2f})"


@dataclass(frozen=True, slots=True)
class UnverifiedFigures:
    flags: int
    words: int
    strict_precision: Proportion
    lenient_precision: Proportion
    recall: Proportion
    unmatched_flags: int  # flags overlapping no labelled sentence (counted as wrong)

    @property
    def flags_per_1000_words(self) -> float:
        return 1000 * self.flags / self.words if self.words else 0.0


def best_sentence(span: tuple[int, int], sentences: Sequence[LabelledSentence]) -> LabelledSentence | None:
    start, end = span
    best, overlap = None, 0
    for sentence in sentences:
        shared = min(end, sentence.end) - max(start, sentence.start)
        if shared > overlap:
            best, overlap = sentence, shared
    return best


def score_unverified(
    flags_by_article: Mapping[str, Iterable[tuple[int, int]]],
    labels: Iterable[LabelledSentence],
    words_by_article: Mapping[str, int],
) -> UnverifiedFigures:
    """Precision of the flags and recall of the strict positives, over the labelled articles only."""
    by_article: dict[str, list[LabelledSentence]] = {}
    for label in labels:
        by_article.setdefault(label.article, []).append(label)
    flags = strict = lenient = unmatched = 0
    flagged: set[tuple[str, int]] = set()
    for article, sentences in by_article.items():
        for span in flags_by_article.get(article, ()):
            flags += 1
            sentence = best_sentence(span, sentences)
            if sentence is None:
                unmatched += 1
                continue
            flagged.add((article, sentence.index))
            strict += sentence.should_flag
            lenient += sentence.acceptable_flag
    positives = [s for sentences in by_article.values() for s in sentences if s.should_flag]
    found = sum(1 for s in positives if (s.article, s.index) in flagged)
    return UnverifiedFigures(
        flags=flags,
        words=sum(words_by_article.get(article, 0) for article in by_article),
        strict_precision=Proportion(strict, flags),
        lenient_precision=Proportion(lenient, flags),
        recall=Proportion(found, len(positives)),
        unmatched_flags=unmatched,
    )


@dataclass(frozen=True, slots=True)
class RankedFlag:
    """An unverified-claim flag as the flagged-claim report ranks it."""

    start: int
    end: int
    checkworthiness: float | None
    confidence: float


def within_report_budget(flags: Sequence[RankedFlag], *, threshold: float, low_value_limit: int) -> list[RankedFlag]:
    """The flags of one article that the flagged-claim report shows by default: what a reviewer sees.

    The same rule as ``credibility.selectors.flagged_claim_budget`` applies in the database (a
    test keeps the two in step): every flag scored at ``threshold`` or above, or not scored, stays;
    of the others, only the ``low_value_limit`` best ranked (check-worthiness, then confidence,
    highest first). Exact ties go to the earlier span here and to the newer row in the database: the
    pipeline's output has no creation order.
    """
    low = sorted(
        (flag for flag in flags if flag.checkworthiness is not None and flag.checkworthiness < threshold),
        key=lambda flag: (-(flag.checkworthiness or 0.0), -flag.confidence, flag.start),
    )
    shown = set(low[:low_value_limit])
    return [
        flag for flag in flags if flag in shown or flag.checkworthiness is None or flag.checkworthiness >= threshold
    ]
