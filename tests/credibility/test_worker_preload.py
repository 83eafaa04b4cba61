"""A Celery worker process loads the typo lexicons when it starts, not on its first article.

The language detector's model is loaded only where it is shared: by the main process of a forking
(prefork) pool. A solo worker loads it on the first save of an article body (ingestion), not at
start: no analysis reads it."""

from __future__ import annotations

import gc
import time

from celery.signals import worker_init, worker_process_init

from annotations.text import language
from credibility.analysis.claims.profile_codec import analyser_version
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.pipeline import analyze_text
from credibility.receivers import preload_analysis


def _loaded() -> bool:
    return lexicon._data.cache_info().currsize == 1 and lexicon._bigrams.cache_info().currsize == 1


def test_worker_process_init_loads_the_lexicons():
    lexicon._data.cache_clear()
    lexicon._bigrams.cache_clear()
    analyser_version.cache_clear()
    assert not _loaded()
    worker_process_init.send(sender=None)  # what each prefork child sends as it starts
    assert _loaded()
    assert analyser_version.cache_info().currsize == 1  # what stored claim profiles are checked against


def test_the_handler_is_connected_once_and_warms_the_pipeline():
    assert any(
        getattr(r[1], "__name__", "") == "preload_analysis" or "preload_analysis" in str(r[0])
        for r in worker_process_init.receivers
    )
    lexicon._data.cache_clear()
    lexicon._bigrams.cache_clear()
    preload_analysis()
    assert _loaded()
    # Warm: a first analysis after the preload does not load anything (well under the seconds a load takes).
    began = time.perf_counter()
    analyze_text(text="The council said on Tuesday that rents rose by 4%. Residents recieved letters.")
    assert time.perf_counter() - began < 1.0
    assert _loaded()


class _Worker:
    """What ``worker_init`` receives: the WorkController, whose ``pool_cls`` is a name or a class then."""

    def __init__(self, pool_cls: object) -> None:
        self.pool_cls = pool_cls


def _clear() -> None:
    lexicon._data.cache_clear()
    lexicon._bigrams.cache_clear()
    language._identifier.cache_clear()
    analyser_version.cache_clear()


def test_worker_init_loads_the_read_only_tables_in_the_main_process_and_freezes_them():
    """What the prefork children then share copy-on-write instead of each loading its own."""
    from celery.concurrency.prefork import TaskPool

    for pool in ("prefork", TaskPool):  # the default pool by name; the CLI's -P hands over the class
        _clear()
        try:
            worker_init.send(sender=_Worker(pool))  # what the worker's main process sends before its pool forks
            assert _loaded()
            assert language._identifier.cache_info().currsize == 1  # any child may save articles (ingestion)
            assert analyser_version.cache_info().currsize == 1
            assert gc.get_freeze_count() > 0
        finally:
            gc.unfreeze()


def test_a_solo_worker_leaves_the_language_model_to_the_first_save_and_its_first_analysis_is_warm():
    """The solo pool runs tasks in the main process: the lexicons are loaded at start, the language
    detector's model (about 70 MB) only when a task saves an article body and detects its language."""
    from celery.concurrency.solo import TaskPool

    for pool in ("solo", TaskPool, "threads"):
        _clear()
        try:
            worker_init.send(sender=_Worker(pool))
            worker_process_init.send(sender=None)  # the solo pool sends it in the main process too
            assert _loaded()
            assert analyser_version.cache_info().currsize == 1
            assert language._identifier.cache_info().currsize == 0
        finally:
            gc.unfreeze()
    # The first analysis is as warm as after a prefork start, and it never needs the language model.
    began = time.perf_counter()
    analyze_text(text="The council said on Tuesday that rents rose by 4%. Residents recieved letters.")
    assert time.perf_counter() - began < 1.0
    assert language._identifier.cache_info().currsize == 0
    # The first save's detection loads it (the one slower save of an ingesting solo worker).
    assert (
        language.detect_language("The council said on Tuesday that it had received four thousand complaints.").language
        == "en"
    )
    assert language._identifier.cache_info().currsize == 1


def test_worker_init_without_a_worker_loads_no_language_model():
    """A sender that is no worker (no pool to tell) is treated as one that runs tasks in this process."""
    _clear()
    try:
        worker_init.send(sender=None)
        assert _loaded()
        assert language._identifier.cache_info().currsize == 0
    finally:
        gc.unfreeze()
