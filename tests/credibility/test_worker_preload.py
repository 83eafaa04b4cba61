"""A Celery worker process loads the typo lexicons when it starts, not on its first article."""

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


def test_worker_init_loads_the_read_only_tables_in_the_main_process_and_freezes_them():
    """What the prefork children then share copy-on-write instead of each loading its own."""
    lexicon._data.cache_clear()
    lexicon._bigrams.cache_clear()
    language._identifier.cache_clear()
    analyser_version.cache_clear()
    try:
        worker_init.send(sender=None)  # what the worker's main process sends before its pool forks
        assert _loaded()
        assert language._identifier.cache_info().currsize == 1
        assert analyser_version.cache_info().currsize == 1
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
