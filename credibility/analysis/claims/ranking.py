"""Combining ranked candidate lists (pure)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

T = TypeVar("T", bound=Hashable)

# Cormack, Clarke and Buettcher (SIGIR 2009): k = 60 damps the head of each list, so an item two
# lists rank fairly high beats one that a single list ranks first.
RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[T]], *, k: int = RRF_K, weights: Sequence[float] | None = None
) -> list[tuple[T, float]]:
    """Items of several best-first rankings ordered by the sum over rankings of ``weight / (k + rank)``.

    ``rank`` starts at 1; an item repeated within one ranking counts at its best rank there. Ties
    keep the order in which the items were first met (the first ranking first), so the result
    is deterministic and a single ranking comes back unchanged.
    """
    if weights is not None and len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    scores: dict[T, float] = {}
    for number, ranking in enumerate(rankings):
        weight = 1.0 if weights is None else weights[number]
        seen: set[T] = set()
        for rank, item in enumerate(ranking, start=1):
            if item in seen:
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    first_met = {item: position for position, item in enumerate(scores)}
    return sorted(scores.items(), key=lambda pair: (-pair[1], first_met[pair[0]]))
