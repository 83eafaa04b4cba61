"""Reads for sources, fact-checks and analysis runs, with the joins each view needs chosen here."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from annotations.models import Annotation, Article
from credibility.analysis.segment import split_sentences
from credibility.models import AnalysisRun, FactCheck, Source, SourceRatingChange
from credibility.scoring import (
    ATTRIBUTION, FLAG_KINDS, PRIOR_STRENGTH, SpanRow, flag_sources, source_score, source_score_explain,
)


def source_list() -> QuerySet[Source]:
    return Source.objects.prefetch_related("aliases")


def factcheck_list() -> QuerySet[FactCheck]:
    return FactCheck.objects.all()


def analysis_run_list() -> QuerySet[AnalysisRun]:
    return AnalysisRun.objects.all()


# --- credibility scoring reads ----------------------------------------------------------------------

SCORED_KINDS = (*FLAG_KINDS, ATTRIBUTION)


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """One article's text, sentence bounds and scoring rows."""

    article_id: int
    body: str
    bounds: tuple[tuple[int, int], ...]
    rows: tuple[SpanRow, ...]


def _span_row(annotation: Annotation) -> SpanRow:
    return SpanRow(
        id=annotation.pk, kind=annotation.kind, start=annotation.start, end=annotation.end,
        status=annotation.status, source_id=annotation.source_id, reason=annotation.reason,
    )


def sentence_bounds(body: str) -> tuple[tuple[int, int], ...]:
    return tuple((s.start, s.end) for s in split_sentences(body))


def article_rows(*, article: Article, kinds: tuple[str, ...] | None = None) -> ArticleRows:
    annotations = Annotation.objects.filter(article=article).only("id", "kind", "start", "end", "status", "source_id", "reason")
    if kinds is not None:
        annotations = annotations.filter(kind__in=kinds)
    return ArticleRows(
        article_id=article.pk, body=article.body, bounds=sentence_bounds(article.body),
        rows=tuple(_span_row(a) for a in annotations.order_by("start", "id")),
    )


def source_evidence_rows(*, source_id: int) -> list[ArticleRows]:
    """Every article where the source is named by an annotation, with the rows its track record reads.

    Flags reach a source only through an annotation naming it in the same article, so these
    articles are all the evidence there is.
    """
    articles = Article.objects.filter(annotations__source_id=source_id).distinct().only("id", "body")
    by_article: dict[int, list[SpanRow]] = {}
    annotations = Annotation.objects.filter(article__in=articles.values("id"), kind__in=SCORED_KINDS).only(
        "id", "article_id", "kind", "start", "end", "status", "source_id", "reason"
    )
    for annotation in annotations.order_by("article_id", "start", "id"):
        by_article.setdefault(annotation.article_id, []).append(_span_row(annotation))
    return [
        ArticleRows(article_id=a.pk, body=a.body, bounds=sentence_bounds(a.body), rows=tuple(by_article.get(a.pk, ())))
        for a in articles.order_by("id")
    ]


def source_ids_involved(*, annotation: Annotation) -> set[int]:
    """The sources whose track record a review of ``annotation`` can change.

    The annotation's own source, and for unverified/contradicted flags the sources of the
    attributions in the same sentence (any status: a dismissed attribution's source must drop
    the claim it no longer carries).
    """
    ids = {annotation.source_id} if annotation.source_id is not None else set()
    if annotation.kind in FLAG_KINDS:
        body = Article.objects.only("body").get(pk=annotation.article_id).body
        nearby = Annotation.objects.filter(
            Q(pk=annotation.pk) | Q(kind=ATTRIBUTION, source__isnull=False),
            article_id=annotation.article_id,
        ).only("id", "kind", "start", "end", "status", "source_id", "reason")
        rows = [_span_row(a) for a in nearby]
        # Dismissed attributions are ignored by flag_sources; count them in as "open" here.
        rows = [r if r.kind != ATTRIBUTION else SpanRow(r.id, r.kind, r.start, r.end, "open", r.source_id) for r in rows]
        ids |= flag_sources(rows, sentence_bounds(body)).get(annotation.pk, frozenset())
    return ids


def source_rating_history(*, source_id: int) -> QuerySet[SourceRatingChange]:
    return SourceRatingChange.objects.filter(source_id=source_id).select_related("changed_by")


def cited_sources_for(*, source_ids: set[int]) -> QuerySet[Source]:
    return Source.objects.filter(pk__in=source_ids).only("id", "name", "rating", "score").order_by("name", "id")


def source_credibility_data(source: Source) -> dict[str, Any]:
    """The stored figures with the arithmetic behind them (recomputed from the stored counts, no queries)."""
    counts = {
        "contradicted": source.track_contradicted, "unverified": source.track_unverified,
        "dismissed": source.track_dismissed, "sourced": source.track_sourced,
    }
    result = source_score(rating=source.rating, **counts)
    return {
        "score": source.score if source.score is not None else result.prior,
        "prior": result.prior,
        "prior_strength": PRIOR_STRENGTH,
        "held_up": result.held_up,
        "against": result.against,
        "track_record": {**counts, "pending": source.track_pending},
        "computed_at": source.score_computed_at,
        "explanation": source_score_explain(rating=source.rating, pending=source.track_pending, **counts),
    }


def article_credibility_get(*, article: Article) -> dict[str, Any]:
    """The article's credibility (``credibility.scoring.article_credibility``) from its stored rows.

    Cited sources are those of its open or confirmed attributions, at their stored score (their
    prior - rating, else 50 - until first computed). Two queries.
    """
    from credibility.scoring import ACTIVE, DEFAULT_PRIOR, CitedSource, article_credibility

    data = article_rows(article=article)
    cited_ids = {r.source_id for r in data.rows if r.kind == ATTRIBUTION and r.status in ACTIVE and r.source_id}
    cited = [
        CitedSource(
            id=s.pk, name=s.name,
            score=s.score if s.score is not None else float(s.rating if s.rating is not None else DEFAULT_PRIOR),
            score_is_computed=s.score is not None,
        )
        for s in cited_sources_for(source_ids=cited_ids)  # type: ignore[arg-type]
    ]
    result = article_credibility(body=data.body, rows=data.rows, bounds=data.bounds, cited=cited)
    return {"article": article.pk, **result}
