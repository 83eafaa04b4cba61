"""The OpenAPI schema and Swagger UI are public and served offline (drf-spectacular sidecar)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

EXPECTED_PATHS = [
    "/api/v1/articles/",
    "/api/v1/articles/{id}/",
    "/api/v1/articles/{id}/analyze/",
    "/api/v1/annotations/",
    "/api/v1/annotations/{id}/",
    "/api/v1/sources/",
    "/api/v1/sources/{id}/",
    "/api/v1/factchecks/",
    "/api/v1/factchecks/{id}/",
    "/api/v1/analysis-runs/",
    "/api/v1/analysis-runs/{id}/",
    "/api/v1/annotations/{id}/review/",
    "/api/v1/annotations/{id}/reviews/",
    "/api/v1/annotations/{id}/assign/",
    "/api/v1/reports/flagged-claims/",
    "/api/v1/reports/flagged-claims/summary/",
    "/api/v1/detectors/",
]


def test_schema_is_public_and_lists_every_resource(anonymous_client):
    response = anonymous_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in EXPECTED_PATHS:
        assert path in schema["paths"], path
    assert "202" in schema["paths"]["/api/v1/articles/{id}/analyze/"]["post"]["responses"]


def test_schema_names_the_required_fields(anonymous_client):
    schema = anonymous_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    article = components["ArticleDetail"]["properties"]
    for name in ("id", "title", "body", "url", "outlet", "published_at", "analysis_state", "annotations"):
        assert name in article, name
    annotation = components["Annotation"]["properties"]
    for name in (
        "id",
        "article",
        "kind",
        "start",
        "end",
        "quote",
        "origin",
        "status",
        "confidence",
        "detector",
        "suggestion",
        "reason",
        "source",
        "evidence",
    ):
        assert name in annotation, name


def test_docs_page_is_public_and_uses_no_cdn(anonymous_client):
    response = anonymous_client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "drf_spectacular_sidecar" in html
    external = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", html)
    assert external == []
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
