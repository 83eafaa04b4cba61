"""The API's FilterSets (issue 8): cheaper forms, same filtering.

``config.api.filters.FilterSet`` caches its form class, and the API backend (``given_only=True``) copies
and builds the form over the filters the query string names only. For every FilterSet and a spread of query strings (valid,
invalid, ranges, method filters, ordering, unknown parameters, blanks) the pruned FilterSet must
give the same validity, the same errors and the same SQL as the full one.
"""

from __future__ import annotations

import pytest
from django.http import QueryDict

from annotations.api.filters import ArticleFilter
from annotations.models import Annotation, Article
from annotations.selectors import AnnotationFilter
from credibility.api.filters import AnalysisRunFilter, FactCheckFilter, SourceFilter
from credibility.models import AnalysisRun, FactCheck, Source
from credibility.selectors import FlaggedClaimFilter
from tests.annotations.factories import UserFactory

pytestmark = pytest.mark.django_db

QUERIES = {
    ArticleFilter: (
        "",
        "analysis_state=done",
        "analysis_state=done&analysis_state=pending",
        "analysis_state=bogus",
        "outlet=3",
        "outlet=x",
        "published_at_after=2024-01-01T00:00:00Z",
        "created_at_before=2024-01-01T00:00:00%2B09:00",
        "created_at_after=not-a-date",
        "language=fr&url=https://example.org/a",
        "page=2&page_size=5&search=x",
        "ordering=-title",
        "language=",
    ),
    AnnotationFilter: (
        "",
        "kind=typo",
        "kind=typo&kind=note",
        "kind=bogus",
        "status=open&kind=unverified_claim",
        "origin=machine",
        "reason=hedged",
        "reason=nope",
        "source=4",
        "detector=typo",
        "detector=typo@2",
        "min_confidence=0.5",
        "min_confidence=high",
        "created_by=1",
        "anchor_state=orphaned&anchor_state=moved",
        "article=9&kind=",
        "kindx=typo",
        "kind_=typo",
        "page=3",
        "status=",
    ),
    SourceFilter: (
        "",
        "kind=person&kind=outlet",
        "kind=planet",
        "domain=Example.org",
        "min_rating=10&max_rating=90",
        "rated=true",
        "rated=false",
        "rated=maybe",
        "search=alpha",
    ),
    FactCheckFilter: (
        "",
        "verdict=false",
        "verdict=nonsense",
        "publisher=snopes&claimant=x",
        "review_date_after=2024-01-01",
        "review_date_before=garbage",
        "identifier=fc-1&url=https://x.example/1",
    ),
    AnalysisRunFilter: (
        "",
        "article=2",
        "state=done&state=failed",
        "state=nope",
        "created_at_after=2024-02-03T04:05:06Z",
    ),
    FlaggedClaimFilter: (
        "",
        "kind=unverified_claim",
        "kind=typo",
        "status=open&outlet=2",
        "assignee=none",
        "assignee={user}",
        "assignee=999999",
        "created_after=2024-01-01&created_before=2024-12-31",
        "ordering=-confidence",
        "ordering=outlet",
        "ordering=bogus",
        "min_confidence=0.2&origin=editor",
        "detector=unsourced",
    ),
}
MODELS = {
    ArticleFilter: Article,
    AnnotationFilter: Annotation,
    SourceFilter: Source,
    FactCheckFilter: FactCheck,
    AnalysisRunFilter: AnalysisRun,
    FlaggedClaimFilter: Annotation,
}


def _cases():
    for filterset_class, queries in QUERIES.items():
        for query in queries:
            yield pytest.param(filterset_class, query, id=f"{filterset_class.__name__}:{query or 'none'}")


@pytest.mark.parametrize(("filterset_class", "query"), list(_cases()))
def test_pruned_filterset_filters_and_errs_like_the_full_one(filterset_class, query):
    query = query.format(user=UserFactory().pk)
    queryset = MODELS[filterset_class].objects.all()
    full = filterset_class(QueryDict(query), queryset=queryset)
    pruned = filterset_class(QueryDict(query), queryset=queryset, given_only=True)
    assert set(pruned.filters) <= set(full.filters)
    assert pruned.is_valid() == full.is_valid()
    assert pruned.errors == full.errors
    if full.is_valid():
        assert str(pruned.qs.query) == str(full.qs.query)


def test_pruned_filterset_keeps_only_the_named_filters():
    filterset = AnnotationFilter(
        QueryDict("kind=typo&page=2&status=open"), queryset=Annotation.objects.all(), given_only=True
    )
    assert list(filterset.filters) == ["kind", "status"]
    assert filterset.base_filters is AnnotationFilter.base_filters  # the narrowing was for the copy only
    ranged = ArticleFilter(
        QueryDict("created_at_after=2024-01-01T00:00:00Z"), queryset=Article.objects.all(), given_only=True
    )
    assert list(ranged.filters) == ["created_at"]
    assert set(AnnotationFilter(QueryDict("kind=typo"), queryset=Annotation.objects.all()).filters) == set(
        AnnotationFilter.base_filters
    )


def test_form_class_is_built_once_per_filterset_class_and_filters():
    def form_class(cls, query):
        return type(cls(QueryDict(query), queryset=Annotation.objects.all(), given_only=True).form)

    assert form_class(AnnotationFilter, "kind=typo") is form_class(AnnotationFilter, "kind=note")
    assert form_class(AnnotationFilter, "kind=typo") is not form_class(AnnotationFilter, "status=open")
    assert form_class(FlaggedClaimFilter, "kind=unverified_claim") is not form_class(AnnotationFilter, "kind=typo")
    full = FlaggedClaimFilter(QueryDict(""), queryset=Annotation.objects.all())  # the admin's: every filter
    assert set(type(full.form).base_fields) == set(FlaggedClaimFilter.base_filters)


def test_api_choice_errors_are_unchanged(client_for, annotator):
    response = client_for(annotator).get("/api/v1/annotations/?kind=bogus&status=open")
    assert response.status_code == 400
    assert list(response.json()) == ["kind"]
    assert "bogus" in response.json()["kind"][0]
