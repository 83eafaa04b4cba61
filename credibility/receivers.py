"""Credibility's reactions to what annotations/ announces."""

from __future__ import annotations

from typing import Any

from celery.signals import worker_process_init
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


@worker_process_init.connect(dispatch_uid="credibility.preload_analysis")
def preload_analysis(**kwargs: Any) -> None:
    """Each Celery worker process loads the typo lexicons (and runs the detectors once) as it starts,
    so that its first article is analysed as fast as its tenth. The sentence encoder and the
    fact-check embedding index are loaded and built here too (seconds at a million fact-checks), and
    the claim analyser's fingerprint, which stored claim profiles are checked against, is computed
    (about 50 ms)."""
    from annotations.text.language import warm_up as language_detector_preload
    from credibility.analysis.claims.profile_codec import analyser_version
    from credibility.analysis.pipeline import preload
    from credibility.retrieval.semantic import semantic_index_preload

    preload()
    analyser_version()
    semantic_index_preload()
    language_detector_preload()  # ingestion tasks save articles, and each save detects its language
