"""The pure nearest-neighbour index: upserts, removals that are never returned, exact subsets."""

from __future__ import annotations

import numpy as np
import pytest

from credibility.retrieval.ann import AnnIndex, exact_top


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture
def vectors() -> np.ndarray:
    return _unit(np.random.default_rng(7).standard_normal((300, 16)))


@pytest.mark.parametrize("factory", ["HNSW32", "HNSW32,SQ8", "IVF8,SQ8", "IVF8,PQ8x4fs,Refine(SQ8)", "Flat"])
def test_search_finds_each_vector_itself_first(vectors, factory):
    index = AnnIndex(16, factory=factory)
    index.add(np.arange(1000, 1300), vectors)
    hits = index.search(vectors[:20], k=3)
    assert [h[0].id for h in hits] == list(range(1000, 1020))
    assert all(h[0].score == pytest.approx(1.0, abs=0.05) for h in hits)
    assert len(index) == 300 and index.nbytes() > 0


@pytest.mark.parametrize("factory", ["HNSW32", "IVF8,PQ8x4fs,Refine(SQ8)"])
def test_a_removed_id_is_never_returned_and_leaves_no_gap(vectors, factory):
    index = AnnIndex(16, factory=factory, nprobe=8)
    index.add(range(300), vectors)
    index.remove([5, 6])
    hits = index.search(vectors[5:7], k=10)
    assert all(len(row) == 10 for row in hits)
    assert not {5, 6} & {h.id for row in hits for h in row}
    assert 5 not in index and index.garbage == 2
    assert index.search_within(vectors[5:6], [5, 7], k=5)[0][0].id == 7


def test_re_adding_an_id_replaces_its_vector(vectors):
    index = AnnIndex(16)
    index.add(range(300), vectors, stamps=[1.0] * 300)
    index.add([0], vectors[42:43], stamps=[2.0])
    ids = [h.id for h in index.search(vectors[42:43], k=2)[0]]
    assert sorted(ids) == [0, 42]
    assert index.search(vectors[0:1], k=1)[0][0].id != 0  # the old vector is gone
    assert index.stamps([0, 1, 999]) == [2.0, 1.0, None]
    assert len(index) == 300


def test_the_score_floor_and_exact_subset_search(vectors):
    index = AnnIndex(16)
    index.add(range(300), vectors)
    assert all(h.score >= 0.5 for row in index.search(vectors[:5], k=50, min_score=0.5) for h in row)
    within = index.search_within(vectors[:1], [3, 0, 9], k=2)[0]
    assert within[0].id == 0 and len(within) == 2
    assert exact_top(vectors[:1], vectors[:0], np.zeros(0, dtype=np.int64), k=3) == [[]]


def test_an_empty_index_answers_nothing():
    index = AnnIndex(16)
    assert index.search(np.zeros((2, 16), dtype=np.float32), k=5) == [[], []]
    assert index.nbytes() == 0 and len(index) == 0
