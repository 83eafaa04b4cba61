"""Query counts (issue 8): every list and detail endpoint costs the same for 1 row as for 200.

Rows are built with every relation the serializers embed (sources with aliases, fact-check and
annotation evidence, reviewers, assignees, outlets), so an N+1 anywhere shows up as a count that
grows with the page. The count for one row is measured, then 199 more rows are added and the
same request must stay within it (``django_assert_max_num_queries``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from credibility.services.sources import normalize_name
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.credibility.factories import AnalysisRunFactory, FactCheckFactory, SourceFactory

pytestmark = pytest.mark.django_db

BODY = "The council said taxes rose by 4% last year. " * 210
SPAN = len("The council said taxes rose by 4% last year. ")


def _alias(source: Any, alias: str) -> None:
    source.aliases.create(alias=alias, normalized_alias=normalize_name(alias))


def _flag(article: Any, n: int, *, reviewer: Any, kind: str = "unverified_claim") -> Any:
    start = (n % 200) * SPAN
    source = SourceFactory()
    _alias(source, f"alias {source.pk}")
    return AnnotationFactory(
        article=article,
        kind=kind,
        start=start,
        end=start + 10,
        origin="machine",
        detector="bench@1",
        reason="unsourced" if kind == "unverified_claim" else "",
        source=source,
        evidence_factcheck=FactCheckFactory() if kind == "contradicted_claim" else None,
        reviewer=reviewer,
        assignee=reviewer,
        created_by=reviewer,
    )


def _articles(n: int, ctx: dict[str, Any]) -> None:
    for _ in range(n):
        article = ArticleFactory(body=BODY, outlet=SourceFactory(kind="outlet"))
        _flag(article, 0, reviewer=ctx["user"])


def _annotations(n: int, ctx: dict[str, Any]) -> None:
    article = ctx.setdefault("article", ArticleFactory(body=BODY))
    base = ctx.get("made", 0)
    for i in range(n):
        kind = ("unverified_claim", "contradicted_claim", "source_attribution")[(base + i) % 3]
        _flag(article, base + i, reviewer=ctx["user"], kind=kind)
    ctx["made"] = base + n


def _sources(n: int, ctx: dict[str, Any]) -> None:
    for _ in range(n):
        source = SourceFactory()
        _alias(source, f"alias {source.pk}")
        _alias(source, f"other {source.pk}")


def _factchecks(n: int, ctx: dict[str, Any]) -> None:
    FactCheckFactory.create_batch(n)


def _runs(n: int, ctx: dict[str, Any]) -> None:
    AnalysisRunFactory.create_batch(n, requested_by=ctx["user"])


def _flagged(n: int, ctx: dict[str, Any]) -> None:
    # Flags spread over many articles, some citing another article's annotation as evidence.
    for i in range(n):
        article = ArticleFactory(body=BODY, outlet=SourceFactory(kind="outlet"))
        flag = _flag(article, i, reviewer=ctx["user"], kind=("unverified_claim", "contradicted_claim")[i % 2])
        if i % 4 == 0:
            other = _flag(ArticleFactory(body=BODY), i + 1, reviewer=ctx["user"], kind="source_attribution")
            flag.evidence_annotation = other
            flag.save(update_fields=["evidence_annotation"])


LISTS: dict[str, tuple[str, Callable[[int, dict[str, Any]], None]]] = {
    "articles": ("/api/v1/articles/?page_size=500", _articles),
    "annotations": ("/api/v1/annotations/?page_size=500", _annotations),
    "annotations by kind": ("/api/v1/annotations/?kind=unverified_claim&page_size=500", _annotations),
    "sources": ("/api/v1/sources/?page_size=500", _sources),
    "factchecks": ("/api/v1/factchecks/?page_size=500", _factchecks),
    "analysis runs": ("/api/v1/analysis-runs/?page_size=500", _runs),
    "flagged-claim report": ("/api/v1/reports/flagged-claims/?page_size=500", _flagged),
}


def _count(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content[:500]
    return len(captured)


@pytest.mark.parametrize("name", list(LISTS))
def test_list_endpoint_query_count_is_the_same_for_1_and_200_rows(name, client_for, django_assert_max_num_queries):
    path, make = LISTS[name]
    user = UserFactory(roles=["reviewer"], is_staff=True)
    client = client_for(user)
    ctx: dict[str, Any] = {"user": user}
    make(1, ctx)
    client.get(path)  # warm per-process caches (content types, groups)
    one = _count(client, path)
    make(199, ctx)
    with django_assert_max_num_queries(one):
        response = client.get(path)
    assert response.status_code == 200


def test_article_detail_with_200_annotations_takes_at_most_8_queries(client_for, django_assert_max_num_queries):
    user = UserFactory(roles=["reviewer"])
    client = client_for(user)
    ctx: dict[str, Any] = {"user": user}
    _annotations(1, ctx)
    article = ctx["article"]
    client.get(f"/api/v1/articles/{article.pk}/")
    one = _count(client, f"/api/v1/articles/{article.pk}/")
    _annotations(199, ctx)
    with django_assert_max_num_queries(min(one, 8)):
        response = client.get(f"/api/v1/articles/{article.pk}/")
    assert len(response.json()["annotations"]) == 200


DETAILS: dict[str, Callable[[dict[str, Any]], str]] = {
    "annotation": lambda ctx: f"/api/v1/annotations/{ctx['article'].annotations.order_by('id').first().pk}/",
    "source": lambda ctx: (
        f"/api/v1/sources/{ctx['article'].annotations.exclude(source=None).order_by('id').first().source_id}/"
    ),
    "article credibility": lambda ctx: f"/api/v1/articles/{ctx['article'].pk}/credibility/",
    "article revisions": lambda ctx: f"/api/v1/articles/{ctx['article'].pk}/revisions/",
}


@pytest.mark.parametrize("name", list(DETAILS))
def test_detail_endpoint_query_count_does_not_grow_with_the_article(name, client_for, django_assert_max_num_queries):
    user = UserFactory(roles=["reviewer"], is_staff=True)
    client = client_for(user)
    ctx: dict[str, Any] = {"user": user}
    _annotations(3, ctx)  # one of each kind, so every relation the endpoint reads is present
    path = DETAILS[name](ctx)
    client.get(path)
    one = _count(client, path)
    _annotations(197, ctx)
    with django_assert_max_num_queries(one):
        client.get(path)
