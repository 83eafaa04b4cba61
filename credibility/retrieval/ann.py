"""An approximate-nearest-neighbour index of unit vectors keyed by integer ids (pure: numpy and faiss).

Built for the fact-check registry (``credibility.retrieval.semantic`` keeps one per process),
with three invariants:

- **Upserts and removals without a rebuild.** faiss graph indexes cannot delete, so the index
  stores vectors at positions (faiss labels) and maps positions to ids; re-adding an id writes a
  new position and retires the old one, removing retires it. Retired positions are excluded
  *during* the search (a faiss ``IDSelectorBitmap``), so a removed id is never returned and never
  takes a place in the top k. ``garbage`` says how much is retired; past a share, rebuild.
- **Exact answers inside a small subset.** ``search_within`` scores only the given ids, exactly
  (the re-check of stored articles against a few new fact-checks: a graph search filtered down
  to a thousand ids of a million loses recall, a dot product over them does not).
- **Scores are cosines.** Rows are unit length and the metric is the inner product, so a score
  floor means the same at any size (approximately so for quantised storage such as ``SQ8``).

``factory`` is a faiss index-factory string: ``HNSW32`` (flat vectors, 4 bytes a dimension),
``HNSW32,SQ8`` (one byte a dimension), ``IVF1024,PQ32`` and so on; anything that needs training is
trained on the first batch added.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import numpy.typing as npt

DEFAULT_FACTORY = "HNSW32"
EF_CONSTRUCTION = 64
EF_SEARCH = 96
# Lists probed: 16 for an inverted file scanning 8-bit codes; 64 when the lists hold 4-bit
# fast-scan PQ codes (``IVF...,PQ64x4fs,Refine(SQ8)``), which are scanned about five times
# faster, the best ``REFINE_K_FACTOR`` x k of them re-scored on their 8-bit codes.
IVF_NPROBE = 16
FAST_SCAN_NPROBE = 64
REFINE_K_FACTOR = 8
# faiss's bundled stubs lack some of its SWIG classes (SearchParametersHNSW); those go through this.
_faiss: Any = faiss

Floats = npt.NDArray[np.float32]
Ids = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Hit:
    id: int
    score: float


class AnnIndex:
    """Unit vectors by id; see the module docstring for the invariants."""

    def __init__(
        self, dim: int, *, factory: str = DEFAULT_FACTORY, ef_search: int = EF_SEARCH, nprobe: int | None = None
    ) -> None:
        self.dim = dim
        self.factory = factory
        self.ef_search = ef_search
        self._index = faiss.index_factory(dim, factory, faiss.METRIC_INNER_PRODUCT)
        hnsw = _hnsw(self._index)
        if hnsw is not None:
            hnsw.efConstruction = EF_CONSTRUCTION
        self._ids: Ids = np.zeros(0, dtype=np.int64)  # position -> id
        self._stamps = np.zeros(0, dtype=np.float64)  # position -> the caller's version of the vector
        self._live = np.zeros(0, dtype=np.bool_)  # position -> not retired
        self._position: dict[int, int] = {}  # id -> its live position
        self._bitmap: npt.NDArray[np.uint8] | None = None  # packed _live, kept while faiss reads it
        self._selector: Any = None
        self._base_params: Any = None
        # Fast-scan codes ("PQ64x4fs") are cheap enough to probe more lists for the same time.
        self.nprobe = nprobe if nprobe is not None else FAST_SCAN_NPROBE if "x4fs" in factory else IVF_NPROBE

    # --- size -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._position)

    @property
    def garbage(self) -> int:
        """Retired positions still in the graph (superseded or removed vectors)."""
        return len(self._ids) - len(self._position)

    def nbytes(self) -> int:
        """Bytes of the serialised faiss index plus the id, stamp and liveness arrays."""
        if self._index.ntotal == 0:
            return 0
        return (
            int(faiss.serialize_index(self._index).nbytes) + self._ids.nbytes + self._stamps.nbytes + self._live.nbytes
        )

    def __contains__(self, item: int) -> bool:
        return item in self._position

    def stamps(self, ids: Sequence[int]) -> list[float | None]:
        """The stamp each id's live vector was added with (None: not held)."""
        return [None if (p := self._position.get(int(i))) is None else float(self._stamps[p]) for i in ids]

    def ids(self) -> list[int]:
        return list(self._position)

    # --- writes -----------------------------------------------------------------------------

    def add(self, ids: Sequence[int] | Ids, vectors: Floats, stamps: Sequence[float] | None = None) -> None:
        """Insert or replace the vectors of ``ids`` (rows of ``vectors``, unit length)."""
        ids_array = np.asarray(ids, dtype=np.int64)
        if len(ids_array) == 0:
            return
        matrix = np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(ids_array), self.dim)
        # The last row wins when an id repeats within the batch.
        _, last = np.unique(ids_array[::-1], return_index=True)
        keep = np.sort(len(ids_array) - 1 - last)
        ids_array, matrix = ids_array[keep], matrix[keep]
        stamp_array = np.zeros(len(keep), dtype=np.float64) if stamps is None else np.asarray(stamps)[keep]
        self.remove(ids_array.tolist())
        if not self._index.is_trained:
            self._index.train(matrix)
        start = len(self._ids)
        self._index.add(matrix)
        self._ids = np.concatenate([self._ids, ids_array])
        self._stamps = np.concatenate([self._stamps, stamp_array.astype(np.float64)])
        self._live = np.concatenate([self._live, np.ones(len(ids_array), dtype=np.bool_)])
        self._position.update(zip(ids_array.tolist(), range(start, start + len(ids_array)), strict=True))
        self._bitmap = None

    def remove(self, ids: Sequence[int]) -> int:
        """Retire these ids' vectors; returns how many were held."""
        removed = 0
        for item in ids:
            position = self._position.pop(int(item), None)
            if position is not None:
                self._live[position] = False
                removed += 1
        if removed:
            self._bitmap = None
        return removed

    # --- files ------------------------------------------------------------------------------

    def save(self, path: Path, **extra: str) -> None:
        """Write the index, its id, stamp and liveness arrays and ``extra`` strings to one file, atomically.

        Written beside ``path`` and renamed over it: a process reading the old file meanwhile
        sees the whole old one.
        """
        arrays: dict[str, Any] = {
            "faiss": faiss.serialize_index(self._index),
            "ids": self._ids,
            "stamps": self._stamps,
            "live": self._live,
            "meta": np.asarray(json.dumps({"dim": self.dim, "factory": self.factory, "nprobe": self.nprobe, **extra})),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, suffix=".tmp", delete=False) as handle:
            np.savez(handle, **arrays)
        os.chmod(handle.name, 0o644)  # read by worker processes, written by one
        os.replace(handle.name, path)

    @classmethod
    def load(cls, path: Path) -> tuple[AnnIndex, dict[str, str]]:
        """An index written by ``save``, and the ``extra`` strings it was saved with."""
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"]))
            index = cls(int(meta.pop("dim")), factory=meta.pop("factory"), nprobe=int(meta.pop("nprobe")))
            index._index = faiss.deserialize_index(stored["faiss"])
            index._ids = stored["ids"]
            index._stamps = stored["stamps"]
            index._live = stored["live"].copy()
        live = np.flatnonzero(index._live)
        index._position = dict(zip(index._ids[live].tolist(), live.tolist(), strict=True))
        return index, meta

    # --- reads ------------------------------------------------------------------------------

    def search(self, queries: Floats, *, k: int, min_score: float = -1.0) -> list[list[Hit]]:
        """The ``k`` nearest live ids of each query row with a cosine of at least ``min_score``, best first."""
        matrix = np.ascontiguousarray(queries, dtype=np.float32).reshape(-1, self.dim)
        if len(matrix) == 0:
            return []
        if not self._position or k <= 0:
            return [[] for _ in range(len(matrix))]
        k = min(k, len(self._position))
        # One thread: a query batch is a few dozen sentences, and OpenMP's worker threads spin
        # against the other processes of a busy host (4x slower measured on two shared cores).
        threads = _faiss.omp_get_max_threads()
        _faiss.omp_set_num_threads(1)
        try:
            scores, positions = self._index.search(matrix, k, params=self._params())
        finally:
            _faiss.omp_set_num_threads(threads)
        return [
            self._hits(row_scores, row_positions, min_score)
            for row_scores, row_positions in zip(scores, positions, strict=True)
        ]

    def search_within(self, queries: Floats, ids: Sequence[int], *, k: int, min_score: float = -1.0) -> list[list[Hit]]:
        """``search`` restricted to ``ids``, exactly (their vectors as held; ids not held are skipped)."""
        matrix = np.ascontiguousarray(queries, dtype=np.float32).reshape(-1, self.dim)
        held = [(int(i), p) for i in ids if (p := self._position.get(int(i))) is not None]
        if not held:
            return [[] for _ in range(len(matrix))]
        positions = np.asarray([p for _, p in held], dtype=np.int64)
        vectors = self._index.reconstruct_batch(positions)
        return exact_top(matrix, vectors, np.asarray([i for i, _ in held], dtype=np.int64), k=k, min_score=min_score)

    def _hits(self, scores: Floats, positions: Ids, min_score: float) -> list[Hit]:
        hits = []
        for score, position in zip(scores.tolist(), positions.tolist(), strict=True):
            if position < 0 or score < min_score or not self._live[position]:
                continue
            hits.append(Hit(int(self._ids[position]), float(score)))
        return hits

    def _params(self) -> Any:
        if self.garbage and self._bitmap is None:
            self._bitmap = np.packbits(self._live, bitorder="little")
            self._selector = faiss.IDSelectorBitmap(len(self._live), faiss.swig_ptr(self._bitmap))
        selector = self._selector if self.garbage else None
        outer = _faiss.downcast_index(self._index)
        refine = isinstance(outer, faiss.IndexRefine)
        inner = _faiss.downcast_index(outer.base_index) if refine else self._index
        if _hnsw(inner) is not None:
            params = _faiss.SearchParametersHNSW()
            params.efSearch = self.ef_search
        elif isinstance(faiss.try_extract_index_ivf(inner), faiss.IndexIVF):
            params = faiss.SearchParametersIVF()
            params.nprobe = self.nprobe
        else:
            params = faiss.SearchParameters()
        if selector is not None:  # on the first stage: what it passes on is all the refinement sees
            params.sel = selector
        if not refine:
            return params
        wrapper = faiss.IndexRefineSearchParameters()
        wrapper.k_factor = REFINE_K_FACTOR
        wrapper.base_index_params = params
        self._base_params = params  # the wrapper does not own it
        return wrapper


def exact_top(queries: Floats, vectors: Floats, ids: Ids, *, k: int, min_score: float = -1.0) -> list[list[Hit]]:
    """The ``k`` best of ``ids`` for each query by inner product (exact), at least ``min_score``."""
    if len(ids) == 0 or k <= 0:
        return [[] for _ in range(len(queries))]
    scores = np.asarray(queries, dtype=np.float32) @ np.asarray(vectors, dtype=np.float32).T
    results = []
    for row in scores:
        order = np.lexsort((ids, -row))[:k]
        results.append([Hit(int(ids[j]), float(row[j])) for j in order if row[j] >= min_score])
    return results


def _hnsw(index: Any) -> Any:
    """The HNSW graph of an HNSW index (to set its build and search depth), else None."""
    return getattr(_faiss.downcast_index(index), "hnsw", None)
