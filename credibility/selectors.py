"""Reads for sources, fact-checks and analysis runs, with the joins each view needs chosen here."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import django_filters
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, OrderBy, Prefetch, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from annotations.models import Annotation, Article
from annotations.selectors import FLAGGED_CLAIM_KINDS, AnnotationFilter
from config.filtersets import ColumnChoiceFilter
from credibility.analysis.scoring import (
    ATTRIBUTION,
    FLAG_KINDS,
    PRIOR_STRENGTH,
    SpanRow,
    flag_sources,
    source_score,
    source_score_explain,
)
from credibility.formats.claimreview import (
    ClaimAttribution,
    claim_page_url,
    claim_review,
    claim_reviews,
    empty_export_reason,
    is_confirmed_contradiction,
)
from credibility.models import AnalysisRun, FactCheck, Source, SourceAlias, SourceRatingChange
from credibility.retrieval.statements import article_sentence_bounds


def source_list(*, with_aliases: bool = True) -> QuerySet[Source]:
    """Sources; ``with_aliases`` prefetches their aliases (by alias, their own order) into a list.

    A list attribute (``source_alias_rows`` reads it) rather than the ``aliases`` manager's cache:
    filling that cache costs Django a related manager and a queryset per source. A list page
    does better still without it: ``source_alias_names`` reads the page's alias texts in one
    ``values_list`` query, no model instances.
    """
    queryset = Source.objects.all()
    if with_aliases:
        queryset = queryset.prefetch_related(
            Prefetch(
                "aliases", queryset=SourceAlias.objects.only("id", "source_id", "alias"), to_attr=_PREFETCHED_ALIASES
            )
        )
    return queryset


_PREFETCHED_ALIASES = "prefetched_aliases"


def source_alias_rows(source: Source) -> Iterable[SourceAlias]:
    """The source's aliases: the list ``source_list()`` prefetched, else one query."""
    prefetched = getattr(source, _PREFETCHED_ALIASES, None)
    return prefetched if prefetched is not None else source.aliases.all()


def source_alias_names(*, sources: Iterable[Source]) -> dict[int, list[str]]:
    """Alias texts per source id for ``sources``, by alias as everywhere else; one query (none for no sources)."""
    ids = [source.pk for source in sources]
    names: dict[int, list[str]] = {}
    if ids:
        for source_id, alias in (
            SourceAlias.objects.filter(source_id__in=ids).order_by("alias").values_list("source_id", "alias")
        ):
            names.setdefault(source_id, []).append(alias)
    return names


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
        id=annotation.pk,
        kind=annotation.kind,
        start=annotation.start,
        end=annotation.end,
        status=annotation.status,
        source_id=annotation.source_id,
        reason=annotation.reason,
    )


def stored_sentence_bounds(article: Article) -> tuple[tuple[int, int], ...]:
    """The article's sentence bounds as its analysis stored them (``article_sentence_bounds``): reads never segment."""
    return article_sentence_bounds({article.pk: (article.body_sha256, article.body)})[article.pk]


def article_rows(*, article: Article, kinds: tuple[str, ...] | None = None) -> ArticleRows:
    annotations = Annotation.objects.filter(article=article).only(
        "id", "kind", "start", "end", "status", "source_id", "reason"
    )
    if kinds is not None:
        annotations = annotations.filter(kind__in=kinds)
    return ArticleRows(
        article_id=article.pk,
        body=article.body,
        bounds=stored_sentence_bounds(article),
        rows=tuple(_span_row(a) for a in annotations.order_by("start", "id")),
    )


def source_evidence_rows(*, source_id: int) -> list[ArticleRows]:
    """Every article where the source is named by an annotation, with the rows its track record reads.

    Flags reach a source only through an annotation naming it in the same article, so these
    articles are all the evidence there is.
    """
    articles = Article.objects.filter(annotations__source_id=source_id).distinct().only("id", "body", "body_sha256")
    by_article: dict[int, list[SpanRow]] = {}
    annotations = Annotation.objects.filter(article__in=articles.values("id"), kind__in=SCORED_KINDS).only(
        "id", "article_id", "kind", "start", "end", "status", "source_id", "reason"
    )
    for annotation in annotations.order_by("article_id", "start", "id"):
        by_article.setdefault(annotation.article_id, []).append(_span_row(annotation))
    ordered = list(articles.order_by("id"))
    bounds = article_sentence_bounds({a.pk: (a.body_sha256, a.body) for a in ordered})
    return [
        ArticleRows(article_id=a.pk, body=a.body, bounds=bounds[a.pk], rows=tuple(by_article.get(a.pk, ())))
        for a in ordered
    ]


def source_ids_involved(*, annotation: Annotation) -> set[int]:
    """The sources whose track record a review of ``annotation`` can change.

    The annotation's own source, and for unverified/contradicted flags the sources of the
    attributions in the same sentence (any status: a dismissed attribution's source must drop
    the claim it no longer carries).
    """
    ids = {annotation.source_id} if annotation.source_id is not None else set()
    if annotation.kind in FLAG_KINDS:
        article = Article.objects.only("id", "body", "body_sha256").get(pk=annotation.article_id)
        nearby = Annotation.objects.filter(
            Q(pk=annotation.pk) | Q(kind=ATTRIBUTION, source__isnull=False),
            article_id=annotation.article_id,
        ).only("id", "kind", "start", "end", "status", "source_id", "reason")
        rows = [_span_row(a) for a in nearby]
        # Dismissed attributions are ignored by flag_sources; count them in as "open" here.
        rows = [
            r if r.kind != ATTRIBUTION else SpanRow(r.id, r.kind, r.start, r.end, "open", r.source_id) for r in rows
        ]
        ids |= flag_sources(rows, stored_sentence_bounds(article)).get(annotation.pk, frozenset())
    return ids


def source_rating_history(*, source_id: int) -> QuerySet[SourceRatingChange]:
    return SourceRatingChange.objects.filter(source_id=source_id).select_related("changed_by")


def cited_sources_for(*, source_ids: set[int]) -> QuerySet[Source]:
    return Source.objects.filter(pk__in=source_ids).only("id", "name", "rating", "score").order_by("name", "id")


def source_credibility_data(source: Source) -> dict[str, Any]:
    """The stored figures with the arithmetic behind them (recomputed from the stored counts, no queries)."""
    counts = {
        "contradicted": source.track_contradicted,
        "unverified": source.track_unverified,
        "dismissed": source.track_dismissed,
        "sourced": source.track_sourced,
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
    """The article's credibility (``credibility.analysis.scoring.article_credibility``) from its stored rows.

    Cited sources are those of its open or confirmed attributions, at their stored score (their
    prior - rating, else 50 - until first computed). Two queries.
    """
    from credibility.analysis.scoring import ACTIVE, DEFAULT_PRIOR, CitedSource, article_credibility

    data = article_rows(article=article)
    cited_ids = {r.source_id for r in data.rows if r.kind == ATTRIBUTION and r.status in ACTIVE and r.source_id}
    cited = [
        CitedSource(
            id=s.pk,
            name=s.name,
            score=s.score if s.score is not None else float(s.rating if s.rating is not None else DEFAULT_PRIOR),
            score_is_computed=s.score is not None,
        )
        for s in cited_sources_for(source_ids=cited_ids)
    ]
    result = article_credibility(body=data.body, rows=data.rows, bounds=data.bounds, cited=cited)
    # What the analysis could not check (e.g. a language the detectors do not support): a score
    # built on no findings must not read as a clean bill of health.
    return {"article": article.pk, **result, "language": article.language, "analysis_notice": article.analysis_notice}


# --- flagged-claim report --------------------------------------------------------------------------

# How many articles the report's "not fully analysed" notice lists by name (the count covers all).
ANALYSIS_NOTICE_ARTICLES_SHOWN = 20


def analysis_notice_articles(
    *, article_id: int | None = None, outlet_id: int | None = None, limit: int = ANALYSIS_NOTICE_ARTICLES_SHOWN
) -> dict[str, Any]:
    """Articles whose last analysis could not run every detector (their ``analysis_notice``, e.g. a
    language the detectors do not support), newest first: the report lists them, since their
    missing flags would otherwise look like clean articles. ``article_id`` / ``outlet_id`` narrow
    it as the report's filters do. One query (the count is a window over the same rows)."""
    articles = Article.objects.exclude(analysis_notice="")
    if article_id is not None:
        articles = articles.filter(pk=article_id)
    if outlet_id is not None:
        articles = articles.filter(outlet_id=outlet_id)
    shown = list(
        articles.annotate(total=Window(Count("id")))
        .order_by("-created_at", "-id")
        .values("id", "title", "language", "analysis_notice", "total")[:limit]
    )
    return {
        "count": shown[0]["total"] if shown else 0,
        "articles": [
            {"id": a["id"], "title": a["title"], "language": a["language"], "notice": a["analysis_notice"]}
            for a in shown
        ],
    }


# Characters of article text shown around a flag's sentence on each side (one neighbouring sentence, capped).
REPORT_CONTEXT_CHARS = 240


def flagged_claim_list() -> QuerySet[Annotation]:
    """The report's annotations (unverified and contradicted claims), newest first, joins chosen."""
    from annotations.selectors import flagged_claim_annotation_list

    return flagged_claim_annotation_list()


def _sentence_bounds(
    body: str, start: int, end: int, sentences: tuple[tuple[int, int], ...]
) -> tuple[int, int, int, int]:
    """(context start, sentence start, sentence end, context end) around the span [start, end).

    ``sentences`` are sorted, disjoint (start, end) bounds: the overlapping ones are found by
    binary search, so a body of very many sentences costs O(log n) per flag.
    """
    first = max(0, bisect.bisect_right(sentences, (start, len(body) + 1)) - 1)
    if first < len(sentences) and not sentences[first][1] > start:
        first += 1
    last = first - 1
    while last + 1 < len(sentences) and sentences[last + 1][0] < end and start < sentences[last + 1][1]:
        last += 1
    if last < first:
        return max(0, start - REPORT_CONTEXT_CHARS), start, end, min(len(body), end + REPORT_CONTEXT_CHARS)
    sentence_start = min(sentences[first][0], start)
    sentence_end = max(sentences[last][1], end)
    context_start = sentences[first - 1][0] if first > 0 else sentence_start
    context_end = sentences[last + 1][1] if last + 1 < len(sentences) else sentence_end
    context_start = max(context_start, sentence_start - REPORT_CONTEXT_CHARS)
    context_end = min(context_end, sentence_end + REPORT_CONTEXT_CHARS)
    return context_start, sentence_start, sentence_end, context_end


def _user(user: Any) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "username": user.get_username()}


def flagged_claim_rows(*, annotations: Iterable[Annotation]) -> list[dict[str, Any]]:
    """One report row per annotation of ``flagged_claim_list()`` (no queries beyond that list's).

    ``context`` cuts the flag's sentence out of the article body: ``before`` + ``quote`` + ``after``
    is the sentence, ``lead``/``trail`` the neighbouring text, so a page can highlight the flag.
    Sentence bounds are the ones the analysis stored (``article_sentence_bounds``, one query for
    the page); a body is never segmented on a read unless nothing is stored for it.
    """
    annotations = list(annotations)
    segmented = article_sentence_bounds({a.article.pk: (a.article.body_sha256, a.article.body) for a in annotations})
    rows = []
    for a in annotations:
        article = a.article
        body = article.body
        valid = a.anchor_state != "orphaned" and 0 <= a.start < a.end <= len(body) and body[a.start : a.end] == a.quote
        if valid:
            c0, s0, s1, c1 = _sentence_bounds(body, a.start, a.end, segmented[article.pk])
            context = {
                "lead": body[c0:s0],
                "before": body[s0 : a.start],
                "quote": a.quote,
                "after": body[a.end : s1],
                "trail": body[s1:c1],
            }
        else:  # an orphan (its span belongs to an older body): show the stored quote and context alone
            context = {"lead": "", "before": a.prefix, "quote": a.quote, "after": a.suffix, "trail": ""}
        outlet = article.outlet
        source = a.source
        evidence: dict[str, Any] | None = None
        if a.evidence_factcheck is not None:
            fc = a.evidence_factcheck
            evidence = {
                "type": "factcheck",
                "id": fc.pk,
                "identifier": fc.identifier,
                "url": fc.url,
                "claim_reviewed": fc.claim_reviewed,
                "claimant": fc.claimant,
                "publisher": fc.publisher,
                "rating": fc.rating_label,
                "verdict": fc.verdict,
            }
        elif a.evidence_annotation is not None:
            other = a.evidence_annotation
            evidence = {
                "type": "article",
                "article": other.article_id,
                "annotation": other.pk,
                "title": other.article.title,
                "url": other.article.url,
                "quote": other.quote,
            }
        rows.append(
            {
                "id": a.pk,
                "kind": a.kind,
                "reason": a.reason or None,
                "status": a.status,
                "anchor_state": a.anchor_state,
                "origin": a.origin,
                "detector": a.detector or None,
                "checkworthiness": a.checkworthiness,
                "confidence": a.confidence,
                "explanation": a.explanation,
                "start": a.start,
                "end": a.end,
                "quote": a.quote,
                "context": context,
                "article": {
                    "id": article.pk,
                    "title": article.title,
                    "url": article.url,
                    "outlet": None if outlet is None else {"id": outlet.pk, "name": outlet.name},
                },
                "source": None if source is None else {"id": source.pk, "name": source.name, "kind": source.kind},
                "evidence": evidence,
                "assignee": _user(a.assignee),
                "reviewer": _user(a.reviewer),
                "review_note": a.review_note,
                "reviewed_at": a.reviewed_at,
                "created_at": a.created_at,
                "version": a.version,
            }
        )
    return rows


def flagged_claim_summary(*, annotations: QuerySet[Annotation]) -> dict[str, Any]:
    """Counts of ``annotations`` (the report, filtered) by outlet, source and reason, open against reviewed.

    Four grouped queries whatever the number of flags. "reviewed" is every decided status.
    """
    from django.db.models import Count, Q

    from annotations.models import ReviewStatus

    counts = {
        "open": Count("id", filter=Q(status=ReviewStatus.OPEN)),
        "confirmed": Count("id", filter=Q(status=ReviewStatus.CONFIRMED)),
        "dismissed": Count("id", filter=Q(status=ReviewStatus.DISMISSED)),
        "resolved": Count("id", filter=Q(status=ReviewStatus.RESOLVED)),
        "total": Count("id"),
    }
    base = annotations.order_by()

    def finish(row: dict[str, Any]) -> dict[str, Any]:
        row["reviewed"] = row["confirmed"] + row["dismissed"] + row["resolved"]
        return row

    def grouped(*fields: str) -> QuerySet[Any, dict[str, Any]]:
        # The rows hold the grouping fields and the ``counts`` annotations, which the stubs cannot see through **counts.
        return base.values(*fields).annotate(**counts)

    by_outlet = [
        finish(
            {
                "outlet": None
                if r["article__outlet"] is None
                else {"id": r["article__outlet"], "name": r["article__outlet__name"]},
                **{k: r[k] for k in counts},
            }
        )
        for r in grouped("article__outlet", "article__outlet__name").order_by("-total", "article__outlet__name")
    ]
    by_source = [
        finish(
            {
                "source": None if r["source"] is None else {"id": r["source"], "name": r["source__name"]},
                **{k: r[k] for k in counts},
            }
        )
        for r in grouped("source", "source__name").order_by("-total", "source__name")
    ]
    by_reason = [
        finish({"kind": r["kind"], "reason": r["reason"] or None, **{k: r[k] for k in counts}})
        for r in grouped("kind", "reason").order_by("kind", "reason")
    ]
    total = finish(dict(base.aggregate(**counts)))
    return {"total": total, "by_outlet": by_outlet, "by_source": by_source, "by_reason": by_reason}


# --- the admin dashboard -------------------------------------------------------------------------

# Score buckets of the credibility histogram: [0, 10), [10, 20) ... [90, 100].
SCORE_BUCKETS = tuple(range(0, 100, 10))


def dashboard_data(*, days: int = 30, today: Any = None) -> dict[str, Any]:
    """Everything the dashboard draws, in five grouped queries whatever the number of rows.

    Flags are unverified and contradicted claims (orphans of other kinds are not flags). Over
    time they are counted per day of creation and per reason (a contradicted claim is its own
    reason); precision comes from the detector scoreboard (reviews of machine flags).
    """
    from datetime import timedelta

    from django.db.models import Count
    from django.db.models.functions import TruncDate
    from django.utils import timezone

    from annotations.models import AnnotationKind, ReviewStatus
    from annotations.selectors import FLAGGED_CLAIM_KINDS, detector_scoreboard

    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    flags = Annotation.objects.filter(kind__in=FLAGGED_CLAIM_KINDS).order_by()
    day_list = [first + timedelta(days=i) for i in range(days)]
    per_day: dict[str, dict[Any, int]] = {}
    recent = (
        flags.filter(created_at__date__gte=first, created_at__date__lte=today)
        .annotate(day=TruncDate("created_at"))
        .values("day", "kind", "reason")
        .annotate(n=Count("id"))
    )
    for row in recent:
        if row["kind"] == AnnotationKind.CONTRADICTED_CLAIM:
            key = "contradicted"
        else:
            key = row["reason"] or "unverified (no reason)"
        per_day.setdefault(key, {})
        per_day[key][row["day"]] = per_day[key].get(row["day"], 0) + row["n"]
    reasons = [
        r for r in ("unsourced", "vague_source", "hedged", "unverified (no reason)", "contradicted") if r in per_day
    ]
    over_time = {
        "days": day_list,
        "series": [
            {"reason": r, "counts": [per_day[r].get(d, 0) for d in day_list], "total": sum(per_day[r].values())}
            for r in reasons
        ],
    }

    by_outlet = [
        {
            "outlet": row["article__outlet__name"] or "(no outlet)",
            "open": row["open"],
            "reviewed": row["total"] - row["open"],
            "total": row["total"],
        }
        for row in flags.values("article__outlet__name")
        .annotate(total=Count("id"), open=Count("id", filter=Q(status=ReviewStatus.OPEN)))
        .order_by("-total", "article__outlet__name")[:12]
    ]

    histogram = {bucket: 0 for bucket in SCORE_BUCKETS}
    unscored = 0
    for score in Source.objects.values_list("score", flat=True):
        if score is None:
            unscored += 1
        else:
            histogram[min(90, max(0, int(score // 10) * 10))] += 1
    credibility = {
        "buckets": [{"label": f"{b}–{b + 9 if b < 90 else 100}", "count": histogram[b]} for b in SCORE_BUCKETS],
        "unscored": unscored,
    }
    return {
        "days": days,
        "over_time": over_time,
        "by_outlet": by_outlet,
        "credibility": credibility,
        "detectors": detector_scoreboard(),
        "totals": flags.aggregate(flags=Count("id"), open=Count("id", filter=Q(status=ReviewStatus.OPEN))),
    }


# The report's default order ("rank"): the most check-worthy flags first, then the most confident;
# flags without a score (editors' own, or stored before scores existed) after the scored ones.
FLAGGED_CLAIM_RANK: tuple[OrderBy, ...] = (
    F("checkworthiness").desc(nulls_last=True),
    F("confidence").desc(nulls_last=True),
    F("created_at").desc(),
    F("id").desc(),
)


class FlaggedClaimOrdering(django_filters.OrderingFilter):
    """``rank`` (the default when no ordering is asked) and the field orders.

    ``checkworthiness`` puts unscored flags last in either direction; the older orders
    (``created``, ``confidence``, ``outlet``) sort exactly as they always did.
    """

    RANK = "rank"

    def build_choices(self, fields: Any, labels: Any) -> list[tuple[str, str]]:
        rank = (self.RANK, "Rank: check-worthiness, then confidence, highest first (default)")
        return [rank, *super().build_choices(fields, labels)]

    def filter(self, qs: QuerySet[Annotation], value: Any) -> QuerySet[Annotation]:
        if not value:
            return qs
        ordering: list[Any] = []
        for param in value:
            if not param:
                continue
            if param == self.RANK:
                ordering.extend(FLAGGED_CLAIM_RANK)
            elif param.lstrip("-") == "checkworthiness":
                expression = F("checkworthiness")
                ordering.append(
                    expression.desc(nulls_last=True) if param.startswith("-") else expression.asc(nulls_last=True)
                )
            else:
                ordering.append(self.get_ordering_value(param))
        return qs.order_by(*ordering)


def low_value_flag_q(*, threshold: float | None = None) -> Q:
    """The flags the per-article budget may hold back: open unverified claims scored below the threshold.

    Contradicted claims, decided flags and unscored flags (editors' own) are never low value.
    ``threshold`` defaults to ``settings.FLAG_REPORT_LOW_VALUE_THRESHOLD``.
    """
    from annotations.models import AnnotationKind, ReviewStatus

    if threshold is None:
        threshold = settings.FLAG_REPORT_LOW_VALUE_THRESHOLD
    return Q(kind=AnnotationKind.UNVERIFIED_CLAIM, status=ReviewStatus.OPEN, checkworthiness__lt=threshold)


def flagged_claim_budget(
    queryset: QuerySet[Annotation], *, threshold: float | None = None
) -> tuple[QuerySet[Annotation], QuerySet[Annotation]]:
    """The report within each article's budget, and the flags the budget held back (count them).

    Every flag that is not low value (``low_value_flag_q``) stays; of an article's low-value
    flags, only its ``low_value_flag_limit`` best ranked ones do. The budget counts the flags
    of ``queryset`` (the report as filtered) and keeps its order; it costs one window function.
    """
    low = low_value_flag_q(threshold=threshold)
    # A low-value flag's place among its article's low-value flags (1 = the best, in rank order); 0 for
    # every other flag, which the budget always keeps.
    place = Window(
        RowNumber(),
        partition_by=[F("article_id"), Case(When(low, then=Value(True)), default=Value(False))],
        order_by=list(FLAGGED_CLAIM_RANK),
    )
    ranked = queryset.annotate(budget_rank=Case(When(low, then=place), default=Value(0)))
    limit = F("article__low_value_flag_limit")
    return ranked.filter(budget_rank__lte=limit), ranked.filter(budget_rank__gt=limit).order_by()


class FlaggedClaimFilter(AnnotationFilter):
    """The flagged-claim report's filters, shared by the API, the admin page and ``flag_report``.

    With no ``ordering`` the report is in ``rank`` order. Unless ``show_all`` is set, each
    article shows at most its ``low_value_flag_limit`` low-value flags (``flagged_claim_budget``);
    ``held_back`` then says how many the page left out.
    """

    kind = ColumnChoiceFilter(
        choices=[(k.value, k.label) for k in FLAGGED_CLAIM_KINDS],
        help_text="unverified_claim and/or contradicted_claim.",
    )
    outlet = django_filters.NumberFilter(
        field_name="article__outlet_id", help_text="Source id of the article's outlet."
    )
    assignee = django_filters.ModelChoiceFilter(
        queryset=get_user_model().objects.all(),
        null_value="none",
        null_label="Unassigned",
        help_text='User id, or "none" for unassigned flags.',
    )
    created = django_filters.DateFromToRangeFilter(
        field_name="created_at", help_text="Use created_after / created_before (dates, inclusive)."
    )
    ordering = FlaggedClaimOrdering(
        fields=(
            ("checkworthiness", "checkworthiness"),
            ("created_at", "created"),
            ("confidence", "confidence"),
            ("article__outlet__name", "outlet"),
        ),
        help_text=(
            "rank (the default: check-worthiness, then confidence, highest first; unscored flags last), "
            "checkworthiness, created, confidence or outlet; prefix - for descending (-created: newest first)."
        ),
    )
    show_all = django_filters.BooleanFilter(
        method="filter_show_all",
        help_text=(
            "true: every flag. Default false: each article shows every flag worth checking and at most its "
            "low_value_flag_limit open unverified flags scored below the low-value threshold; the response's "
            "held_back counts the rest."
        ),
    )

    class Meta:
        model = Annotation
        fields = [
            "status",
            "kind",
            "reason",
            "source",
            "outlet",
            "article",
            "detector",
            "assignee",
            "created",
            "min_confidence",
            "origin",
        ]

    # The summary counts every flag: its FilterSet turns the budget off.
    budget = True
    _held_back: QuerySet[Annotation] | None = None

    @property
    def held_back(self) -> int:
        """How many flags the budget left out of ``qs`` (0 with ``show_all``); one count query."""
        self.qs  # noqa: B018  # filtering decides what was held back
        return 0 if self._held_back is None else self._held_back.count()

    def filter_show_all(self, queryset: QuerySet[Annotation], name: str, value: Any) -> QuerySet[Annotation]:
        return queryset  # read by filter_queryset, after every filter

    def filter_queryset(self, queryset: QuerySet[Annotation]) -> QuerySet[Annotation]:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("ordering"):
            queryset = queryset.order_by(*FLAGGED_CLAIM_RANK)
        else:
            # A stable order whatever was asked: ties (same outlet, same confidence) newest first.
            ordering = list(queryset.query.order_by)
            if "-id" not in ordering and "id" not in ordering:
                queryset = queryset.order_by(*ordering, "-id")
        self._held_back = None
        if not self.budget or self.form.cleaned_data.get("show_all"):
            return queryset
        queryset, self._held_back = flagged_claim_budget(queryset)
        return queryset


class FlaggedClaimCountFilter(FlaggedClaimFilter):
    """The report's filters for counting (the summary): every flag, whatever the budget."""

    budget = False


def _claim_item(annotation: Annotation) -> dict[str, Any]:
    """What the ClaimReview writer reads of a contradicted claim (``claimreview.claim_review``)."""
    evidence: dict[str, Any] | None = None
    if annotation.evidence_factcheck_id is not None:
        factcheck = annotation.evidence_factcheck
        evidence = {"identifier": factcheck.identifier, "url": factcheck.url} if factcheck else None
    elif annotation.evidence_annotation_id is not None:
        other = annotation.evidence_annotation
        evidence = {"annotation": annotation.evidence_annotation_id, "article": other.article_id if other else None}
    source = annotation.source
    return {
        "id": annotation.pk,
        "kind": annotation.kind,
        "status": annotation.status,
        "quote": annotation.quote,
        "source": {"name": source.name, "kind": source.kind} if source else None,
        "evidence": evidence,
        "reviewed_at": annotation.reviewed_at,
        "review_note": annotation.review_note,
        "explanation": annotation.explanation,
        "comment": annotation.comment,
    }


def _claim_annotations() -> QuerySet[Annotation]:
    return Annotation.objects.select_related("source", "evidence_factcheck", "evidence_annotation", "article")


def _claim_attributions(*, article: Article, claims: list[Annotation]) -> dict[int, ClaimAttribution]:
    """Each claim's attribution: the attributions (not dismissed) inside the claim's sentence(s).

    The author is the first of them linked to a Source; the words cut from ``claimReviewed`` are
    the ones overlapping the claim, as offsets into its quote."""
    if not claims:
        return {}
    bounds = stored_sentence_bounds(article)
    starts = [start for start, _ in bounds]
    attributions = list(
        Annotation.objects.filter(article=article, kind="source_attribution")
        .exclude(status="dismissed")
        .select_related("source")
        .order_by("start", "id")
    )
    found: dict[int, ClaimAttribution] = {}
    for claim in claims:
        first = max(bisect.bisect_right(starts, claim.start) - 1, 0)
        last = max(bisect.bisect_right(starts, max(claim.end - 1, claim.start)) - 1, first)
        lo, hi = (bounds[first][0], bounds[last][1]) if bounds else (claim.start, claim.end)
        inside = [a for a in attributions if lo <= a.start and a.end <= hi]
        source = next((a.source for a in inside if a.source is not None), None)
        spans = tuple(
            (a.start - claim.start, a.end - claim.start) for a in inside if a.start < claim.end and a.end > claim.start
        )
        found[claim.pk] = ClaimAttribution(
            source={"name": source.name, "kind": source.kind} if source else None, spans=spans
        )
    return found


def _factcheck_ratings(claims: list[Annotation]) -> dict[str, dict[str, Any]]:
    """The evidence fact-checks' ratings by identifier and by url (what ``claim_reviews`` looks up)."""
    rows: dict[str, dict[str, Any]] = {}
    for claim in claims:
        factcheck = claim.evidence_factcheck
        if factcheck is None:
            continue
        row = {
            "rating_label": factcheck.rating_label,
            "verdict": factcheck.verdict,
            "rating_value": factcheck.rating_value,
            "best_rating": factcheck.best_rating,
            "worst_rating": factcheck.worst_rating,
        }
        for key in (factcheck.identifier, factcheck.url):
            if key:
                rows[key] = row
    return rows


def _article_info(article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "url": article.url or None,
        "published_at": article.published_at,
        "language": article.language or None,
    }


@dataclass(frozen=True, slots=True)
class ClaimReviewExport:
    records: list[dict[str, Any]]
    empty_reason: str | None  # why no record, when there is none


def article_claim_reviews(*, article: Article, public_base_url: str, publisher: str) -> ClaimReviewExport:
    """The article's reviewed claims (confirmed contradicted) as schema.org ClaimReviews, each
    ``url`` the claim's public page under ``public_base_url``; four queries whatever the count."""
    contradicted = list(
        _claim_annotations().filter(article=article, kind="contradicted_claim").order_by("start", "end", "id")
    )
    items = [_claim_item(a) for a in contradicted]
    confirmed = [a for a, item in zip(contradicted, items, strict=True) if is_confirmed_contradiction(item)]
    records = claim_reviews(
        items,
        article=_article_info(article),
        public_base_url=public_base_url,
        publisher=publisher,
        factchecks=_factcheck_ratings(confirmed),
        attributions=_claim_attributions(article=article, claims=confirmed),
    )
    return ClaimReviewExport(records=records, empty_reason=None if records else empty_export_reason(items))


def claim_review_get(*, annotation_id: int, public_base_url: str, publisher: str) -> dict[str, Any] | None:
    """One reviewed claim's ClaimReview (what its public page embeds), or None when the annotation
    is not a reviewed claim (not a contradicted claim, or not confirmed): the page then is a 404."""
    annotation = _claim_annotations().filter(pk=annotation_id, kind="contradicted_claim").first()
    if annotation is None:
        return None
    item = _claim_item(annotation)
    if not is_confirmed_contradiction(item):
        return None
    article = annotation.article
    return claim_review(
        item,
        article=_article_info(article),
        review_url=claim_page_url(public_base_url, annotation.pk),
        publisher=publisher,
        factcheck=_factcheck_ratings([annotation]).get(
            (item["evidence"] or {}).get("identifier") or (item["evidence"] or {}).get("url") or ""
        ),
        attribution=_claim_attributions(article=article, claims=[annotation]).get(annotation.pk),
    )


def claim_review_public_base(*, request_base: str) -> str:
    """Where our public claim pages live: ``CLAIMREVIEW_PUBLIC_BASE_URL`` when set (a deployment
    reached under another host), else ``request_base``, the host the request came to."""
    return (settings.CLAIMREVIEW_PUBLIC_BASE_URL or request_base).rstrip("/")


def report_analysis_notices(report: FlaggedClaimFilter) -> dict[str, Any]:
    """``analysis_notice_articles`` narrowed by the report's own article and outlet filters (none when invalid)."""
    if not report.is_valid():
        return {"count": 0, "articles": []}
    data = report.form.cleaned_data
    article, outlet = data.get("article"), data.get("outlet")
    return analysis_notice_articles(
        article_id=None if article is None else int(article), outlet_id=None if outlet is None else int(outlet)
    )
