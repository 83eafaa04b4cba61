"""Semantic retrieval of fact-checks: stored claim embeddings and a per-process nearest-neighbour index.

The lexical paths (``credibility.retrieval.factchecks``) find a fact-check only through shared
rare words; this one finds claims whose *meaning* is near a sentence's ("full credit card
numbers of about 4 million customers" for "complete payment card numbers for roughly four
million customers were stolen"). ``factcheck_candidates_many`` fuses both.

- **Store.** One ``FactCheckEmbedding`` per fact-check (``encode`` of its claim, float16),
  written by the registry services wherever the term rows are (``factcheck_embeddings_store``,
  in batches) and removed with the fact-check. Rows of another ``ENCODER_VERSION`` are ignored
  until ``manage.py embed_factchecks`` (or the periodic re-check, ``factcheck_embeddings_sync``)
  re-embeds them.
- **Index.** Each process holds one ``AnnIndex`` of the current version's rows, read on first
  use (``semantic_index_preload`` in a Celery worker's start-up) from the file a previous build
  wrote to ``SEMANTIC_INDEX_DIR`` and caught up with the rows changed or deleted since, or else
  built from the store (and written there; ``embed_factchecks --write-index`` rewrites it), then kept
  in step with one indexed ``max(updated_at)`` query per retrieval: rows changed since the
  last read (with ``OVERLAP`` for transactions that committed late) are upserted. Removals
  reach it in this process at once (``semantic_index_forget``) and in others by a row count
  compared every ``SEMANTIC_INDEX_RECONCILE_SECONDS``. Whatever the index holds, a deleted
  fact-check is never returned: candidates are read back from ``FactCheck`` by id.
- **Restricted queries** (``only_ids``: the re-check against new fact-checks) read those
  fact-checks' vectors from the store and score them exactly: never stale, never approximate.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max

from credibility.analysis.claims import semantic
from credibility.models import FactCheck, FactCheckEmbedding
from credibility.retrieval.ann import AnnIndex, Hit, exact_top

logger = logging.getLogger(__name__)

# Claims embedded and written per batch (imports, rebuilds).
EMBED_BATCH = 2000
# How far before the last change seen each refresh reads again: a transaction that wrote rows
# earlier but committed later than one already read is still picked up.
OVERLAP = timedelta(minutes=10)
# Below this many vectors the index is an HNSW graph over flat vectors (no training, grows one
# vector at a time; faster than a flat scan at 10,000 on this host); at or above it, an inverted
# file of 4-bit fast-scan PQ codes re-scored on 8-bit codes (``_factory``), trained on the whole
# store: about 290 MB and 3-5 minutes to build at 1M vectors, which is why the built index is
# written to SEMANTIC_INDEX_DIR and read back (about 10 s) by the next process.
IVF_FROM = 50_000
# Rebuild when retired vectors pass this share of the live ones, or the store has doubled
# since the build (the inverted file's lists were sized for the build).
REBUILD_GARBAGE_SHARE = 0.25
REBUILD_GROWTH = 2.0
_STORED_DTYPE = np.dtype("<f2")


def semantic_enabled() -> bool:
    """``FACTCHECK_SEMANTIC`` (default on): whether retrieval also asks the embedding index."""
    return bool(getattr(settings, "FACTCHECK_SEMANTIC", True))


def semantic_min_cosine() -> float:
    """``FACTCHECK_SEMANTIC_MIN_COSINE``: the floor below which a neighbour is no candidate."""
    return float(getattr(settings, "FACTCHECK_SEMANTIC_MIN_COSINE", 0.5))


# --- the store ---------------------------------------------------------------------------------


def vector_to_bytes(vector: npt.NDArray[np.float32]) -> bytes:
    return np.asarray(vector, dtype=_STORED_DTYPE).tobytes()


def vectors_from_bytes(blobs: Sequence[bytes | memoryview]) -> npt.NDArray[np.float32]:
    joined = b"".join(bytes(blob) for blob in blobs)
    return np.frombuffer(joined, dtype=_STORED_DTYPE).astype(np.float32).reshape(len(blobs), semantic.EMBEDDING_DIM)


def factcheck_embeddings_store(*, factcheck_ids: Iterable[int] | None = None, batch_size: int = EMBED_BATCH) -> int:
    """Embed the claims of these fact-checks (all when None) and write their rows; returns the rows written.

    Batched: ``batch_size`` claims are read, encoded and written at a time (three queries a
    batch), so an import of a million fact-checks never holds a million vectors.
    """
    return sum(_store_batch(pairs) for pairs in factcheck_claim_batches(factcheck_ids, batch_size))


def factcheck_claim_batches(factcheck_ids: Iterable[int] | None, batch_size: int) -> Iterator[list[tuple[int, str]]]:
    """(pk, claim) of these fact-checks (all when None) in pk order, ``batch_size`` at a time (one
    query a batch); the stores that derive a row from each claim (embeddings, profiles) read them so."""
    if factcheck_ids is None:
        wanted = list(FactCheck.objects.order_by("pk").values_list("pk", flat=True))
    else:
        wanted = sorted(set(factcheck_ids))
    for start in range(0, len(wanted), batch_size):
        pairs = list(
            FactCheck.objects.filter(pk__in=wanted[start : start + batch_size])
            .order_by("pk")
            .values_list("pk", "claim_reviewed")
        )
        if pairs:
            yield pairs


def _store_batch(pairs: list[tuple[int, str]]) -> int:
    vectors = semantic.encode([claim for _, claim in pairs])
    ids = [pk for pk, _ in pairs]
    with transaction.atomic(savepoint=False):
        FactCheckEmbedding.objects.filter(factcheck_id__in=ids)._raw_delete(FactCheckEmbedding.objects.db)
        FactCheckEmbedding.objects.bulk_create(
            [
                FactCheckEmbedding(
                    factcheck_id=pk, encoder_version=semantic.ENCODER_VERSION, vector=vector_to_bytes(vector)
                )
                for pk, vector in zip(ids, vectors, strict=True)
            ],
            batch_size=len(ids),
        )
    return len(ids)


def factcheck_embeddings_sync(*, batch_size: int = EMBED_BATCH, rebuild: bool = False) -> int:
    """Embed every fact-check with no row of the current ``ENCODER_VERSION`` (every one with ``rebuild``).

    What ``manage.py embed_factchecks`` and the periodic re-check run: after an encoder change,
    a migration onto an existing registry, or a write that bypassed the services.
    """
    if rebuild:
        return factcheck_embeddings_store(batch_size=batch_size)
    missing = (
        FactCheck.objects.exclude(embedding__encoder_version=semantic.ENCODER_VERSION)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return factcheck_embeddings_store(factcheck_ids=list(missing), batch_size=batch_size)


# --- the per-process index -----------------------------------------------------------------------


@dataclass(slots=True)
class _Held:
    index: AnnIndex
    version: str
    watermark: datetime | None  # the latest updated_at read
    built_size: int
    reconciled_at: float  # time.monotonic() of the last row count
    source: str = "store"  # where it came from: "store" (built) or "file" (read, then caught up)


_lock = threading.RLock()
_held: _Held | None = None


def semantic_index() -> AnnIndex:
    """This process's index of the stored vectors, brought up to date with the store first."""
    global _held
    with _lock:
        version = semantic.ENCODER_VERSION
        latest = _store_watermark(version)
        held = _held
        if held is None or held.version != version:
            held = _held = _load_or_build(version)
            return held.index
        if _needs_rebuild(held):
            held = _held = _build(version)
            _save(held)
            return held.index
        if latest is not None and (held.watermark is None or latest > held.watermark):
            _read_changes(held, since=None if held.watermark is None else held.watermark - OVERLAP)
        if time.monotonic() - held.reconciled_at >= _reconcile_seconds():
            _reconcile(held)
        return held.index


def _store_watermark(version: str) -> datetime | None:
    """The latest ``updated_at`` of the store's vectors of ``version`` (its index answers at once).

    Read on every retrieval, before the lexical query can start: plain SQL on PostgreSQL, since
    building the same aggregate through the ORM cost more CPU than the database's answer (0.6 ms).
    (SQLite returns the column as text: the ORM converts it.)"""
    if connection.vendor != "postgresql":
        return FactCheckEmbedding.objects.filter(encoder_version=version).aggregate(m=Max("updated_at"))["m"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT max(updated_at) FROM {FactCheckEmbedding._meta.db_table} WHERE encoder_version = %s", [version]
        )
        row = cursor.fetchone()
    return row[0] if row else None


def semantic_index_preload() -> None:
    """Load the encoder and build the index now (a worker process starting), not on the first article."""
    semantic.preload()
    if not semantic_enabled():
        return
    try:
        semantic_index()
    except Exception:  # noqa: BLE001 - no database yet: the first retrieval builds it instead
        logger.warning("Semantic index not built at start-up; the first retrieval will build it.", exc_info=True)


def semantic_index_source() -> str | None:
    """Where this process's index came from: "store" (built), "file" (read and caught up), or None (none yet)."""
    with _lock:
        return None if _held is None else _held.source


def semantic_index_forget(*, factcheck_ids: Iterable[int]) -> None:
    """Drop deleted fact-checks from this process's index at once (other processes: next reconcile)."""
    with _lock:
        if _held is not None:
            _held.index.remove(list(factcheck_ids))


def semantic_index_reset() -> None:
    """Forget this process's index (tests; after restoring a database)."""
    global _held
    with _lock:
        _held = None


def semantic_index_file(version: str | None = None) -> Path | None:
    """Where this encoder version's index is kept between processes (``SEMANTIC_INDEX_DIR``; None: nowhere)."""
    directory = str(getattr(settings, "SEMANTIC_INDEX_DIR", "") or "")
    if not directory:
        return None
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", version or semantic.ENCODER_VERSION)
    return Path(directory) / f"factchecks-{name}.npz"


def _database() -> str:
    """Which database a file's index was built from: one directory may serve several (dev, tests)."""
    db = connection.settings_dict
    return f"{connection.vendor}:{db.get('HOST') or ''}:{db.get('PORT') or ''}:{db.get('NAME')}"


def semantic_index_write() -> int:
    """Build this process's index from the store afresh and write its file; returns the vectors held.

    For ``manage.py embed_factchecks --write-index`` (after a large import, or nightly), so that
    starting workers read a recent file and little of the store.
    """
    global _held
    with _lock:
        _held = _build(semantic.ENCODER_VERSION)
        _save(_held)
        return len(_held.index)


def _load_or_build(version: str) -> _Held:
    """The index from its file, caught up with the store, when there is one; else built from the store (and saved).

    Catching up: rows changed since the file's watermark (less ``OVERLAP``) are upserted, and a
    row count compared at once drops what was deleted since.
    """
    path = semantic_index_file(version)
    if path is not None and path.exists():
        began = time.perf_counter()
        index: AnnIndex | None = None
        try:
            index, meta = AnnIndex.load(path)
        except Exception:  # noqa: BLE001 - a truncated or foreign file must not stop retrieval: build instead
            logger.warning("Semantic index file %s unreadable; building from the store.", path, exc_info=True)
        else:
            if meta.get("database") != _database():
                index = None
        if index is not None:
            watermark = datetime.fromisoformat(meta["watermark"]) if meta.get("watermark") else None
            held = _Held(
                index=index,
                version=version,
                watermark=watermark,
                built_size=int(meta.get("built_size", len(index))),
                reconciled_at=time.monotonic(),
                source="file",
            )
            _read_changes(held, since=None if watermark is None else watermark - OVERLAP)
            _reconcile(held)
            logger.info(
                "Semantic index read from %s: %d vectors in %.1f s", path, len(index), time.perf_counter() - began
            )
            if not _needs_rebuild(held):
                return held
    held = _build(version)
    _save(held)
    return held


def _save(held: _Held) -> None:
    path = semantic_index_file(held.version)
    if path is None:
        return
    try:
        held.index.save(
            path,
            version=held.version,
            database=_database(),
            watermark=held.watermark.isoformat() if held.watermark else "",
            built_size=str(held.built_size),
        )
    except OSError:  # a read-only or full disk: this process still has its index
        logger.warning("Semantic index not written to %s.", path, exc_info=True)


def _reconcile_seconds() -> float:
    return float(getattr(settings, "SEMANTIC_INDEX_RECONCILE_SECONDS", 60.0))


def _factory(size: int) -> str:
    configured = str(getattr(settings, "SEMANTIC_INDEX_FACTORY", "auto"))
    if configured != "auto":
        return configured
    if size < IVF_FROM:
        return "HNSW32"
    lists = 2 ** round(math.log2(4 * math.sqrt(size)))  # 100k: 1024, 1M: 4096
    # 4-bit fast-scan PQ codes in the lists (a quarter of a byte a dimension, scanned with SIMD
    # lookups), the best candidates re-scored on 8-bit codes: at 100k on this host, 64 lists
    # probed in about a third of the time 16 took with 8-bit codes in the lists, at higher recall.
    return f"IVF{lists},PQ{semantic.EMBEDDING_DIM // 4}x4fs,Refine(SQ8)"


def _needs_rebuild(held: _Held) -> bool:
    live = len(held.index)
    if held.index.garbage > REBUILD_GARBAGE_SHARE * live + 1000:
        return True
    return live >= IVF_FROM and live > REBUILD_GROWTH * max(held.built_size, 1)


def _rows(version: str, **filters: Any) -> Iterable[tuple[list[int], npt.NDArray[np.float32], list[float], datetime]]:
    """The stored rows of a version as (ids, vectors, stamps, latest updated_at) chunks."""
    query = (
        FactCheckEmbedding.objects.filter(encoder_version=version, **filters)
        .order_by()
        .values_list("factcheck_id", "vector", "updated_at")
    )
    chunk: list[tuple[int, Any, datetime]] = []
    for row in query.iterator(chunk_size=20_000):
        chunk.append(row)
        if len(chunk) >= 20_000:
            yield _split(chunk)
            chunk = []
    if chunk:
        yield _split(chunk)


def _split(
    chunk: list[tuple[int, Any, datetime]],
) -> tuple[list[int], npt.NDArray[np.float32], list[float], datetime]:
    return (
        [pk for pk, _, _ in chunk],
        vectors_from_bytes([v for _, v, _ in chunk]),
        [u.timestamp() for *_, u in chunk],
        max(u for *_, u in chunk),
    )


def _build(version: str) -> _Held:
    began = time.perf_counter()
    ids: list[int] = []
    parts: list[npt.NDArray[np.float32]] = []
    stamps: list[float] = []
    watermark: datetime | None = None
    for chunk_ids, vectors, chunk_stamps, latest in _rows(version):
        ids += chunk_ids
        parts.append(vectors)
        stamps += chunk_stamps
        watermark = latest if watermark is None else max(watermark, latest)
    index = AnnIndex(semantic.EMBEDDING_DIM, factory=_factory(len(ids)))
    if ids:
        index.add(ids, np.concatenate(parts), stamps)
    logger.info("Semantic index built: %d vectors (%s) in %.1f s", len(ids), index.factory, time.perf_counter() - began)
    return _Held(index=index, version=version, watermark=watermark, built_size=len(ids), reconciled_at=time.monotonic())


def _read_changes(held: _Held, *, since: datetime | None) -> None:
    filters = {} if since is None else {"updated_at__gt": since}
    for ids, vectors, stamps, latest in _rows(held.version, **filters):
        known = held.index.stamps(ids)
        fresh = [i for i, (old, new) in enumerate(zip(known, stamps, strict=True)) if old != new]
        if fresh:
            held.index.add([ids[i] for i in fresh], vectors[fresh], [stamps[i] for i in fresh])
        if held.watermark is None or latest > held.watermark:
            held.watermark = latest


def _reconcile(held: _Held) -> None:
    """Compare the row count with the index; on a difference, drop what the store lost and read what it gained."""
    held.reconciled_at = time.monotonic()
    stored = FactCheckEmbedding.objects.filter(encoder_version=held.version)
    if stored.count() == len(held.index):
        return
    present = set(stored.values_list("factcheck_id", flat=True))
    gone = [pk for pk in held.index.ids() if pk not in present]
    held.index.remove(gone)
    missing = sorted(present.difference(held.index.ids()))
    for start in range(0, len(missing), 20_000):
        for ids, vectors, stamps, _ in _rows(held.version, factcheck_id__in=missing[start : start + 20_000]):
            held.index.add(ids, vectors, stamps)


# --- queries -----------------------------------------------------------------------------------


def semantic_ranked_many(
    *, texts: Sequence[Sequence[str]], limit: int, restrict: Sequence[int] | None = None, min_score: float | None = None
) -> list[list[list[Hit]]]:
    """For each sentence of each text, its nearest fact-checks (best first, at most ``limit``, cosine >= the floor).

    ``restrict``: only those fact-checks, scored exactly from the store.
    """
    return semantic_search_prepared(texts=texts, limit=limit, restrict=restrict, min_score=min_score)()


def semantic_search_prepared(
    *, texts: Sequence[Sequence[str]], limit: int, restrict: Sequence[int] | None = None, min_score: float | None = None
) -> Callable[[], list[list[list[Hit]]]]:
    """``semantic_ranked_many`` in two steps: what reads the database happens now (the index
    brought up to date, or the restricted vectors read); the call returned only encodes and
    searches.

    The returned call touches no database connection and spends its time in numpy and faiss,
    which release the GIL, so it can run in a thread while this one waits on the lexical query
    (``factcheck_candidates_many``): at a million fact-checks the two take 12 and 33 ms.
    """
    floor = semantic_min_cosine() if min_score is None else min_score
    distinct = sorted({sentence for sentences in texts for sentence in sentences})
    if not distinct:
        empty: list[list[list[Hit]]] = [[[] for _ in sentences] for sentences in texts]
        return lambda: empty
    if restrict is None:
        index = semantic_index()

        def nearest(queries: npt.NDArray[np.float32]) -> list[list[Hit]]:
            return index.search(queries, k=limit, min_score=floor)

    else:
        ids, vectors = _restricted_vectors(restrict)

        def nearest(queries: npt.NDArray[np.float32]) -> list[list[Hit]]:
            return exact_top(queries, vectors, ids, k=limit, min_score=floor)

    def search() -> list[list[list[Hit]]]:
        by_sentence = dict(zip(distinct, nearest(semantic.encode(distinct)), strict=True))
        return [[by_sentence[sentence] for sentence in sentences] for sentences in texts]

    return search


def _restricted_vectors(restrict: Sequence[int]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    ids: list[int] = []
    blobs: list[bytes] = []
    version = semantic.ENCODER_VERSION
    for start in range(0, len(restrict), 5000):
        for pk, blob in FactCheckEmbedding.objects.filter(
            encoder_version=version, factcheck_id__in=list(restrict[start : start + 5000])
        ).values_list("factcheck_id", "vector"):
            ids.append(pk)
            blobs.append(blob)
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros((0, semantic.EMBEDDING_DIM), dtype=np.float32)
    return np.asarray(ids, dtype=np.int64), vectors_from_bytes(blobs)
