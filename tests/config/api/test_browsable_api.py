"""The browsable API (text/html) answers every /api/v1/ page without a 500, whatever the role.

A user who may edit gets PUT/PATCH forms, which the browsable API fills by representing the
object with the view's *write* serializer: those must represent an instance, not only validate
input (an annotation's ``article`` and a source's ``aliases`` once gave 500s there).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, resolve

from annotations.services.articles import article_create
from config.api import urls as api_urls
from credibility.models import IngestionJob, SourceAlias
from tests.annotations.factories import AnnotationFactory, UserFactory
from tests.credibility.factories import AnalysisRunFactory, FactCheckFactory, SourceFactory

pytestmark = pytest.mark.django_db

# (path template, status for a logged-in user). GET-less endpoints answer 405, and the views
# that offer no HTML renderer 406; anonymous users get 401 (406 first where HTML is not offered).
PAGES = [
    ("/api/v1/articles/", 200),
    ("/api/v1/articles/{article}/", 200),
    ("/api/v1/articles/{article}/history/", 200),
    ("/api/v1/articles/{article}/revisions/", 200),
    ("/api/v1/articles/{article}/revisions/diff/?from=1", 200),
    ("/api/v1/articles/bulk/", 405),
    ("/api/v1/articles/fetch/", 405),
    ("/api/v1/articles/{article}/analyze/", 405),
    ("/api/v1/articles/{article}/credibility/", 200),
    ("/api/v1/articles/{article}/export/", 406),
    ("/api/v1/articles/{article}/import/", 406),
    ("/api/v1/articles/{article}/import/jobs/0123456789abcdef0123456789abcdef/", 406),
    ("/api/v1/annotations/", 200),
    ("/api/v1/annotations/{annotation}/", 200),
    ("/api/v1/annotations/{evidenced}/", 200),
    ("/api/v1/annotations/{annotation}/history/", 200),
    ("/api/v1/annotations/{annotation}/review/", 405),
    ("/api/v1/annotations/{annotation}/assign/", 405),
    ("/api/v1/annotations/{annotation}/reattach/", 405),
    ("/api/v1/annotations/{annotation}/apply/", 405),
    ("/api/v1/annotations/apply/", 405),
    ("/api/v1/annotations/{annotation}/reviews/", 200),
    ("/api/v1/sources/", 200),
    ("/api/v1/sources/{source}/", 200),
    ("/api/v1/sources/{source}/history/", 200),
    ("/api/v1/factchecks/", 200),
    ("/api/v1/factchecks/{factcheck}/", 200),
    ("/api/v1/factchecks/{factcheck}/history/", 200),
    ("/api/v1/factchecks/import/", 405),
    ("/api/v1/analysis-runs/", 200),
    ("/api/v1/analysis-runs/{run}/", 200),
    ("/api/v1/reports/flagged-claims/", 200),
    ("/api/v1/reports/flagged-claims/summary/", 200),
    ("/api/v1/ingestion-jobs/", 200),
    ("/api/v1/ingestion-jobs/{job}/", 200),
    ("/api/v1/detectors/", 200),
    ("/api/v1/auth/token/", 406),
]


def _url_names(patterns: list[URLPattern | URLResolver]) -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _url_names(pattern.url_patterns)
        elif pattern.name:
            names.add(pattern.name)
    return names


@pytest.fixture
def objects(annotator):
    """One of everything, owned by ``annotator`` so that an annotator's pages carry edit forms."""
    article = article_create(
        title="Budget", body="Taxes will rise by 4.99%. The council said so.", created_by=annotator
    )
    source = SourceFactory(name="Council")
    SourceAlias.objects.create(source=source, alias="The council", normalized_alias="the council")
    factcheck = FactCheckFactory()
    annotation = AnnotationFactory(article=article, created_by=annotator)
    evidenced = AnnotationFactory(
        article=article,
        created_by=annotator,
        kind="unverified_claim",
        reason="unsourced",
        source=source,
        evidence_factcheck=factcheck,
        evidence_annotation=annotation,
    )
    return {
        "article": article.pk,
        "annotation": annotation.pk,
        "evidenced": evidenced.pk,
        "source": source.pk,
        "factcheck": factcheck.pk,
        "run": AnalysisRunFactory(article=article).pk,
        "job": IngestionJob.objects.create(urls=["https://example.org/a"], total=1, article=article).pk,
    }


def test_browsable_api_pages_cover_every_api_route(objects):
    """A new /api/v1/ route must be added to PAGES (the schema and its docs are not API pages)."""
    covered = {resolve(path.format(**objects).split("?")[0]).url_name for path, _ in PAGES}
    assert covered == _url_names(api_urls.urlpatterns)


@pytest.mark.parametrize("role", ["reader", "annotator", "reviewer", "staff"])
def test_browsable_api_renders_every_page_for_each_role(role, objects, annotator, reviewer, staff, client_for):
    user = {"reader": UserFactory(), "annotator": annotator, "reviewer": reviewer, "staff": staff}[role]
    client = client_for(user)
    for template, expected in PAGES:
        path = template.format(**objects)
        response = client.get(path, HTTP_ACCEPT="text/html")
        assert response.status_code == expected, (role, path, response.content[:300])


def test_browsable_api_answers_anonymous_users_with_4xx(objects, anonymous_client):
    for template, expected in PAGES:
        path = template.format(**objects)
        response = anonymous_client.get(path, HTTP_ACCEPT="text/html")
        assert response.status_code == (406 if expected == 406 else 401), (path, response.content[:300])


def _raw_form(response: HttpResponse) -> dict[str, Any]:
    match = re.search(r'<textarea name="_content"[^>]*>(.*?)</textarea>', response.content.decode(), re.S)
    assert match, "no raw-data form"
    return json.loads(html.unescape(match.group(1)))


def test_browsable_api_edit_forms_show_the_stored_values(objects, staff, client_for):
    """The prefilled PUT body is valid input: the article's id, the alias texts."""
    client = client_for(staff)
    annotation = _raw_form(client.get(f"/api/v1/annotations/{objects['evidenced']}/", HTTP_ACCEPT="text/html"))
    assert annotation["article"] == objects["article"]
    assert annotation["source"] == objects["source"]
    assert annotation["evidence_annotation"] == objects["annotation"]
    source = _raw_form(client.get(f"/api/v1/sources/{objects['source']}/", HTTP_ACCEPT="text/html"))
    assert source["aliases"] == ["The council"]
