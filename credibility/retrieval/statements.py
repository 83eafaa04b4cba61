"""Stored articles' retrievable statements: the index kept per article, and the window a process keeps.

Every analysis compares its sentences with the statements of the newest analysed articles
(``credibility.retrieval.factchecks.other_claim_candidates``). Two layers keep that cheap:

- ``ArticleStatementIndex`` rows: an article's statements with their terms, built once (by
  the article's own analysis, or by the first reader) and valid for one body hash and term
  scheme, so no run re-splits and re-stems another article's body.
- The same rows keep every sentence's bounds (``article_sentence_bounds``), written when the
  article is analysed, so the credibility read and the flagged-claim report never segment a
  body on a GET. A body without stored bounds (never analysed, or edited since) is segmented
  once and kept in the cache.
- ``StatementWindow``: what one process holds of the current window, grouped by term set with
  postings and statement counts per term. Consecutive runs read nearly the same newest
  articles, so each run only adds the articles that entered the window and drops those that
  left: its cost follows what changed, not the window's size.
"""

from __future__ import annotations

import math
import os
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone

from credibility.analysis.types import StoredClaim
from credibility.retrieval.terms import MIN_SHARED_TERMS, candidate_score, idf_weight, retrieval_statements, text_terms


@dataclass(frozen=True, slots=True)
class IndexedStatement:
    """A retrievable sentence of a stored article, by position, with its term set."""

    start: int
    end: int
    terms: frozenset[str]


# Bump when ``retrieval_statements`` or ``text_terms`` change what they produce: stored
# statement indexes of another scheme are rebuilt on their next read.
STATEMENT_INDEX_SCHEME = 1

# Where a statement is: (article id, start, end).
Location = tuple[int, int, int]

# Bump when ``split_sentences`` changes where sentences end: stored bounds of another scheme are
# recomputed (and stored again by the next analysis).
SENTENCE_SCHEME = 1
SENTENCE_CACHE_SECONDS = 7 * 24 * 3600
Bounds = tuple[tuple[int, int], ...]


def sentence_bounds_build(text: str) -> Bounds:
    from credibility.analysis.segment import split_sentences

    return tuple((s.start, s.end) for s in split_sentences(text))


def _sentences_key(sha: str) -> str:
    return f"{SENTENCE_SCHEME}:{sha}"


def _unflatten(flat: list[int]) -> Bounds:
    return tuple(zip(flat[0::2], flat[1::2], strict=True))


def article_sentence_bounds(articles: dict[int, tuple[str, str]]) -> dict[int, Bounds]:
    """Sentence bounds of these articles (id -> (``body_sha256``, body)): stored by their analysis,
    else from the cache, else segmented now (and cached). One query for any number of articles."""
    from django.core.cache import cache

    from credibility.models import ArticleStatementIndex

    if not articles:
        return {}
    found: dict[int, Bounds] = {}
    keys = {article_id: _sentences_key(sha) for article_id, (sha, _) in articles.items()}
    stored = ArticleStatementIndex.objects.filter(article_id__in=list(articles), sentences__isnull=False)
    for article_id, key, flat in stored.values_list("article_id", "sentences_key", "sentences"):
        if keys[article_id] == key:
            found[article_id] = _unflatten(flat or [])
    missing = [article_id for article_id in articles if article_id not in found]
    if missing:
        cached = cache.get_many([f"sentences:{keys[a]}" for a in missing])
        for article_id in missing:
            flat = cached.get(f"sentences:{keys[article_id]}")
            if flat is None:
                bounds = sentence_bounds_build(articles[article_id][1])
                cache.set(f"sentences:{keys[article_id]}", [i for pair in bounds for i in pair], SENTENCE_CACHE_SECONDS)
                found[article_id] = bounds
            else:
                found[article_id] = _unflatten(flat or [])
    return found


def sentence_bounds_store(*, article_id: int, sha: str, bounds: Bounds) -> None:
    """Store an article's sentence bounds (its analysis calls this once the run commits)."""
    from credibility.models import ArticleStatementIndex

    row = ArticleStatementIndex(  # a new row's statements are of no scheme: they are built on their first read
        article_id=article_id,
        body_sha256="",
        scheme=0,
        statements=[],
        sentences_key=_sentences_key(sha),
        sentences=[i for pair in bounds for i in pair],
    )
    try:
        ArticleStatementIndex.objects.bulk_create(
            [row],
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=["sentences_key", "sentences", "updated_at"],
        )
    except IntegrityError:
        pass  # the article was deleted meanwhile


def statement_index(text: str) -> list[IndexedStatement]:
    return [IndexedStatement(s.start, s.end, frozenset(terms)) for s, terms in retrieval_statements(text)]


def article_statement_indexes(articles: dict[int, str]) -> dict[int, list[IndexedStatement]]:
    """Statement indexes of these articles (id -> current ``body_sha256``), stored or built now.

    What has to be built is stored once the surrounding transaction commits, in a short
    transaction of its own: an analysis holding these rows' locks for its whole run would
    serialise (or deadlock) concurrent workers that read the same recent articles.
    """
    from credibility.models import ArticleStatementIndex

    found: dict[int, list[IndexedStatement]] = {}
    stored = ArticleStatementIndex.objects.filter(article_id__in=list(articles), scheme=STATEMENT_INDEX_SCHEME)
    for article_id, sha, statements in stored.values_list("article_id", "body_sha256", "statements"):
        if articles[article_id] == sha:
            found[article_id] = [IndexedStatement(start, end, frozenset(terms)) for start, end, terms in statements]
    missing = [article_id for article_id in articles if article_id not in found]
    if not missing:
        return found
    from annotations.models import Article

    built: dict[int, tuple[str, list[IndexedStatement]]] = {}
    for article_id, sha, body in Article.objects.filter(pk__in=missing).values_list("pk", "body_sha256", "body"):
        built[article_id] = (sha, statement_index(body))
        found[article_id] = built[article_id][1]
    if built:
        transaction.on_commit(lambda: statement_indexes_store(built), robust=True)
    return found


def statement_indexes_store(built: dict[int, tuple[str, list[IndexedStatement]]]) -> None:
    from credibility.models import ArticleStatementIndex

    rows = [
        ArticleStatementIndex(
            article_id=article_id,
            body_sha256=sha,
            scheme=STATEMENT_INDEX_SCHEME,
            statements=[[s.start, s.end, sorted(s.terms)] for s in statements],
        )
        for article_id, (sha, statements) in sorted(built.items())  # one lock order for concurrent writers
    ]
    try:
        ArticleStatementIndex.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=["body_sha256", "scheme", "statements", "updated_at"],
        )
    except IntegrityError:
        pass  # an article deleted meanwhile: the cache is simply not written this time


class StatementWindow:
    """The statements of a window of articles, grouped by term set, kept in step by ``sync``.

    Word-for-word copies (syndicated copy) share one term set, so a caller scores each distinct
    set once. ``postings`` maps a term to the distinct sets holding it; ``statement_count`` is
    how many statements (copies included) hold it. Not thread-safe by itself: hold ``locked()``
    from ``sync`` until the reading is done.
    """

    def __init__(self) -> None:
        self._articles: dict[int, tuple[str, list[IndexedStatement]]] = {}
        self._lock = threading.Lock()
        self.copies: dict[frozenset[str], list[Location]] = {}
        self.postings: dict[str, set[frozenset[str]]] = defaultdict(set)
        self.statement_count: dict[str, int] = defaultdict(int)
        self.statements = 0

    @contextmanager
    def locked(self) -> Iterator[StatementWindow]:
        with self._lock:
            yield self

    def sync(self, window: dict[int, str]) -> None:
        """Make the held articles exactly ``window`` (id -> body hash): drop the rest, read what is new."""
        for article_id in [a for a, (sha, _) in self._articles.items() if window.get(a) != sha]:
            self._drop(article_id)
        entering = {article_id: sha for article_id, sha in window.items() if article_id not in self._articles}
        if entering:
            for article_id, statements in article_statement_indexes(entering).items():
                self._add(article_id, entering[article_id], statements)

    def clear(self) -> None:
        for article_id in list(self._articles):
            self._drop(article_id)

    def _add(self, article_id: int, sha: str, statements: list[IndexedStatement]) -> None:
        self._articles[article_id] = (sha, statements)
        for statement in statements:
            where = self.copies.setdefault(statement.terms, [])
            if not where:
                for term in statement.terms:
                    self.postings[term].add(statement.terms)
            where.append((article_id, statement.start, statement.end))
            self._count(statement.terms, 1)

    def _drop(self, article_id: int) -> None:
        _, statements = self._articles.pop(article_id)
        for statement in statements:
            where = self.copies[statement.terms]
            where.remove((article_id, statement.start, statement.end))
            self._count(statement.terms, -1)
            if not where:
                del self.copies[statement.terms]
                for term in statement.terms:
                    self.postings[term].discard(statement.terms)
                    if not self.postings[term]:
                        del self.postings[term]

    def _count(self, terms: Iterable[str], change: int) -> None:
        self.statements += change
        for term in terms:
            self.statement_count[term] += change
            if not self.statement_count[term]:
                del self.statement_count[term]


# One per process (a Celery worker, a web worker): the window it read last.
process_window = StatementWindow()


# Annotation kinds whose span may be cited as the other article's statement.
_CITABLE_KINDS = ("unverified_claim", "source_attribution", "contradicted_claim", "note")


OTHER_ARTICLES_LIMIT = 200


OTHER_CLAIMS_PER_SENTENCE = 3


def recheck_days() -> int:
    value = getattr(settings, "FACTCHECK_RECHECK_DAYS", None) or os.environ.get("FACTCHECK_RECHECK_DAYS") or 30
    return int(value)


def article_recency() -> Coalesce:
    """When an article counts as having appeared: published, or stored when undated (indexed on Article)."""
    return Coalesce("published_at", "created_at")


def recent_articles_q(*, days: int | None = None) -> Q:
    """Articles published (or, undated, stored) within the re-check window."""
    cutoff = timezone.now() - timedelta(days=recheck_days() if days is None else days)
    return Q(GreaterThanOrEqual(article_recency(), cutoff))


def recent_analysed_articles(*, exclude_article_id: int | None = None) -> QuerySet[Any]:
    """The ``OTHER_ARTICLES_LIMIT`` newest analysed articles of the re-check window (index ``article_recent_analysed``)."""
    from annotations.models import ANALYSIS_FINISHED, Article

    articles = Article.objects.filter(recent_articles_q(), analysis_state__in=ANALYSIS_FINISHED)
    if exclude_article_id is not None:
        articles = articles.exclude(pk=exclude_article_id)
    return articles.order_by(article_recency().desc(), "-pk")[:OTHER_ARTICLES_LIMIT]


def _similar_statements(
    statements: StatementWindow, *, queries: list[set[str]], limit_per_sentence: int
) -> set[Location]:
    """Per query sentence, the ``limit_per_sentence`` statements that best cover it and that it best covers."""
    # Rarity is counted over every statement of the window, for the query terms only (a term no
    # query holds weighs as if unseen, as in fact-check ranking).
    wanted = set().union(*queries)
    idf = idf_weight({term: statements.statement_count.get(term, 0) for term in wanted}, statements.statements)
    # Summed term rarity of each statement (the denominator of its coverage), computed once.
    statement_weight: dict[frozenset[str], float] = {}
    chosen: set[Location] = set()
    for terms in queries:
        query_weight = math.fsum(idf(t) for t in terms)
        shared: dict[frozenset[str], int] = defaultdict(int)
        for term in terms:
            for statement_terms in statements.postings.get(term, ()):
                shared[statement_terms] += 1
        scored: list[tuple[float, int, int, int]] = []
        for statement_terms, count in shared.items():
            if count < MIN_SHARED_TERMS:
                continue
            if statement_terms not in statement_weight:
                statement_weight[statement_terms] = math.fsum(idf(t) for t in statement_terms)
            # Symmetric: both statements must mostly be about the same thing.
            score = min(
                candidate_score(terms, statement_terms, idf, claim_weight=statement_weight[statement_terms]),
                candidate_score(statement_terms, terms, idf, claim_weight=query_weight),
            )
            if score > 0:
                scored.extend((score, *where) for where in statements.copies[statement_terms])
        for _, article_id, start, end in sorted(scored, key=lambda x: (-x[0], x[1], x[2]))[:limit_per_sentence]:
            chosen.add((article_id, start, end))
    return chosen


def other_claim_candidates(
    *,
    sentences: Sequence[str],
    exclude_article_id: int | None = None,
    limit_per_sentence: int = OTHER_CLAIMS_PER_SENTENCE,
    terms: Sequence[frozenset[str]] | None = None,
) -> list[StoredClaim]:
    """Statements of other recent, already analysed articles that share a sentence's distinctive terms.

    Bounded: the ``OTHER_ARTICLES_LIMIT`` most recent articles in the re-check window, read
    from their statement indexes through this process's ``StatementWindow``. Each statement
    carries the id of a non-dismissed annotation covering it, when there is one.

    Articles waiting for (or in) analysis are left out: each is compared with this one when its
    own turn comes, so a pair is found once, by whichever is analysed second, as it is when
    articles arrive one by one. Reading them too would make every worker of a backlog build
    the newest articles' indexes again and again.
    """
    from annotations.models import Annotation, Article

    # ``terms``: the sentences' terms when the caller has them already (a statement index's).
    if terms is None:
        queries = [set(text_terms(s)) for s in sentences if s.strip()]
    else:
        queries = [set(t) for s, t in zip(sentences, terms, strict=True) if s.strip()]
    queries = [q for q in queries if q]
    if not queries:
        return []
    window = dict(recent_analysed_articles(exclude_article_id=exclude_article_id).values_list("pk", "body_sha256"))
    with process_window.locked() as statements:
        statements.sync(window)
        chosen = _similar_statements(statements, queries=queries, limit_per_sentence=limit_per_sentence)
    if not chosen:
        return []
    by_article: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for article_id, start, end in chosen:
        by_article[article_id].append((start, end))
    bodies = dict(Article.objects.filter(pk__in=by_article).values_list("pk", "body"))
    covering: dict[tuple[int, int], int] = {}
    spans = Annotation.objects.filter(article_id__in=by_article, kind__in=_CITABLE_KINDS).exclude(status="dismissed")
    for annotation_id, article_id, start, end in spans.order_by("id").values_list("pk", "article_id", "start", "end"):
        for sentence_start, sentence_end in by_article[article_id]:
            if start < sentence_end and end > sentence_start:
                covering.setdefault((article_id, sentence_start), annotation_id)
    return [
        StoredClaim(
            article_id=article_id,
            start=start,
            end=end,
            text=bodies[article_id][start:end],
            annotation_id=covering.get((article_id, start)),
        )
        for article_id, start, end in sorted(chosen)
        if article_id in bodies  # deleted since its index was read
    ]
