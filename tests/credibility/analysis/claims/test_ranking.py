"""Reciprocal rank fusion of candidate rankings."""

from __future__ import annotations

import pytest

from credibility.analysis.claims.ranking import RRF_K, reciprocal_rank_fusion


def test_reciprocal_rank_fusion_puts_items_both_rankings_hold_first():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "d", "b"]])
    assert [item for item, _ in fused] == ["c", "b", "a", "d"]  # c: ranks 3 and 1; b: ranks 2 and 3
    scores = dict(fused)
    assert scores["b"] == pytest.approx(1 / (RRF_K + 2) + 1 / (RRF_K + 3))
    assert scores["a"] == pytest.approx(1 / (RRF_K + 1))


def test_reciprocal_rank_fusion_of_one_ranking_keeps_its_order():
    assert [item for item, _ in reciprocal_rank_fusion([[3, 1, 2]])] == [3, 1, 2]
    assert reciprocal_rank_fusion([[], []]) == []


def test_reciprocal_rank_fusion_breaks_ties_by_first_meeting_and_counts_repeats_once():
    fused = reciprocal_rank_fusion([["x", "y", "x"], ["y", "x"]])
    assert [item for item, _ in fused] == ["x", "y"]  # equal sums: x was met first
    assert dict(fused)["x"] == pytest.approx(1 / (RRF_K + 1) + 1 / (RRF_K + 2))


def test_reciprocal_rank_fusion_weights_rankings():
    fused = reciprocal_rank_fusion([["a"], ["b"]], weights=[1.0, 2.0])
    assert [item for item, _ in fused] == ["b", "a"]
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"]], weights=[1.0, 2.0])
