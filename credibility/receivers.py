"""Credibility's reactions to what annotations/ announces."""

from __future__ import annotations

from typing import Any

from celery.signals import worker_init, worker_process_init
from django.dispatch import receiver

from annotations.signals import annotation_reviewed, article_language_changed, article_text_changed


@receiver(article_text_changed, dispatch_uid="credibility.request_analysis_on_text_change")
@receiver(article_language_changed, dispatch_uid="credibility.request_analysis_on_language_change")
def request_analysis_on_text_change(sender: Any, *, article: Any, changed_by: Any = None, **kwargs: Any) -> None:
    from credibility.services.analysis import analysis_request

    analysis_request(article=article, requested_by=changed_by)


@receiver(annotation_reviewed, dispatch_uid="credibility.recompute_scores_on_review")
def recompute_scores_on_review(sender: Any, *, annotation: Any, **kwargs: Any) -> None:
    """A review decision changes the track record of the sources involved; their scores follow on commit.

    Involved: the annotation's source, and for unverified/contradicted flags the sources of the
    attributions in the same sentence (see ``credibility.selectors.source_ids_involved``).
    """
    from credibility.selectors import source_ids_involved
    from credibility.services.scoring import source_scores_recompute_on_commit

    source_scores_recompute_on_commit(source_ids=source_ids_involved(annotation=annotation))


@receiver(article_text_changed, dispatch_uid="credibility.link_byline_authors")
def link_byline_authors(sender: Any, *, article: Any, created: bool = False, **kwargs: Any) -> None:
    """A new article's byline names people: link them to person Sources (however it was created,
    e.g. ``POST /articles/`` with ``{"html"}``, which cannot reach credibility itself)."""
    if not created or not getattr(article, "byline", ""):
        return
    from credibility.services.ingestion import article_authors_sync

    article_authors_sync(article=article)


def _preload_read_only_tables() -> None:
    """Load what analysis only reads (the typo lexicons, the claim analyser's fingerprint) and run
    the detectors once. Loaded tables are cached, so a second call is cheap.

    Not the language detector's model (about 70 MB): no analysis reads it, only a save of an
    article body does (ingestion tasks), and that loads it on first use (``_language_detector_preload``)."""
    from credibility.analysis.claims.profile_codec import analyser_version
    from credibility.analysis.pipeline import preload

    preload()
    analyser_version()


def _language_detector_preload() -> None:
    from annotations.text.language import warm_up

    warm_up()


def _pool_forks(worker: Any) -> bool:
    """Whether the worker runs its tasks in prefork children, which inherit what its main process
    loaded. False for the pools that run tasks in the main process itself (solo, threads, green
    pools) and when the sender is not a worker."""
    pool = getattr(worker, "pool_cls", None)
    if pool is None:
        return False
    if isinstance(pool, str):
        from celery.concurrency import get_implementation

        pool = get_implementation(pool)
    return getattr(pool, "__module__", "") == "celery.concurrency.prefork"


@worker_init.connect(dispatch_uid="credibility.preload_shared_analysis")
def preload_shared_analysis(sender: Any = None, **kwargs: Any) -> None:
    """The worker's main process loads the read-only tables before its pool forks the children
    (``--concurrency`` N under prefork), so the N children share one copy of them copy-on-write
    instead of each loading its own (about 250 MB each). ``gc.freeze()`` then moves everything
    loaded into the collector's permanent generation: a child's collections never write to those
    objects' headers, which would copy their pages. The solo pool runs its tasks in this process,
    where the freeze only spares the collector from walking the tables again.

    A forking pool's main process loads the language detector's model too: any child may run an
    ingestion task, and one shared copy costs less than a copy in each child that saves an
    article. A pool that runs tasks in this process (solo) leaves it to the first save, which
    waits for it once (about half a second, in a task that fetches pages): a worker that only
    analyses never holds those 70 MB. The language detector goes first: building its tables holds
    a second copy of its largest one for a moment (about 30 MB above what it keeps), and done
    before the lexicons are resident that moment does not raise the process's peak."""
    import gc

    if _pool_forks(sender):
        _language_detector_preload()
    _preload_read_only_tables()
    gc.collect()
    gc.freeze()


@worker_process_init.connect(dispatch_uid="credibility.preload_analysis")
def preload_analysis(**kwargs: Any) -> None:
    """Each Celery worker process has the typo lexicons loaded (and the detectors run once) as it
    starts, so that its first article is analysed as fast as its tenth: inherited from the main
    process (``preload_shared_analysis``) or loaded here. The sentence encoder and the fact-check
    embedding index are loaded and built here, in the process that uses them, as they read the
    database (seconds at a million fact-checks). The language detector's model is not loaded here
    (see ``preload_shared_analysis``): analysis never reads it."""
    from credibility.retrieval.semantic import semantic_index_preload

    _preload_read_only_tables()
    semantic_index_preload()
