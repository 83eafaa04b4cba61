"""The permission matrix (tests/security/permission_matrix.py), run: every row against every role.

Also: every API route the URL resolver knows has a row (a new endpoint without one fails here),
nothing but the schema and the docs answers an anonymous client, and the README's table is the
matrix's own rendering.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from annotations.models import Annotation, Article
from annotations.services.articles import article_create
from credibility.models import IngestionJob
from tests.annotations.factories import AnnotationFactory, UserFactory
from tests.credibility.factories import AnalysisRunFactory, FactCheckFactory, SourceFactory
from tests.openapi_validation import SchemaValidatingClient
from tests.security.permission_matrix import ALL_ROLES, MATRIX, Row, render_markdown
from tests.security.placeholders import fill

README = Path(__file__).resolve().parents[2] / "README.md"
ARTICLE_URL = "http://127.0.0.1/matrix-article"


def _api_routes() -> set[tuple[str, str]]:
    """(URL name, METHOD) of every API route, from the resolver and each view's handlers."""
    routes: set[tuple[str, str]] = set()

    def walk(resolver: URLResolver, prefix: str) -> None:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern, route)
                continue
            assert isinstance(pattern, URLPattern)
            if not route.startswith("api/"):
                continue
            callback = pattern.callback
            actions = getattr(callback, "actions", None)
            view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
            if actions:
                methods = set(actions) - {"head", "options"}  # DRF adds "head" once a GET was served
            else:
                assert view_class is not None, route
                methods = {m for m in view_class.http_method_names if hasattr(view_class, m)} - {"options", "head"}
            if route.endswith("\\.(?P<format>[a-z0-9]+)/?$"):
                continue
            routes.update((pattern.name or route, method.upper()) for method in methods)

    walk(get_resolver(), "")
    return routes


def test_every_api_route_has_a_matrix_row():
    routes = _api_routes()
    rows = {(row.name, row.method) for row in MATRIX}
    assert routes - rows == set(), "add these endpoints to tests/security/permission_matrix.py"
    assert rows - routes == set(), "the matrix names endpoints that no longer exist"


def test_nothing_but_schema_and_docs_answers_anonymous_reads():
    open_reads = {row.name for row in MATRIX if row.method == "GET" and row.status("anonymous") < 400}
    assert open_reads == {"schema", "swagger-ui"}
    open_writes = {row.name for row in MATRIX if row.method != "GET" and row.status("anonymous") < 400}
    assert open_writes == {"auth-token"}  # it only trades a password for a token


def test_readme_shows_the_matrix():
    text = README.read_text()
    found = re.search(r"<!-- permission-matrix:begin -->\n(.*?)<!-- permission-matrix:end -->", text, re.S)
    assert found, "README.md lacks the permission-matrix markers"
    assert found.group(1) == render_markdown(), "regenerate with: .venv/bin/python -m tests.security.permission_matrix"


@pytest.fixture
def world(db, settings) -> dict[str, Any]:
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    users = {
        "no role": UserFactory(),
        "annotator": UserFactory(roles=["annotator"]),
        "owner": UserFactory(roles=["annotator"]),
        "reviewer": UserFactory(roles=["reviewer"]),
        "staff": UserFactory(is_staff=True, is_superuser=True),
        "staff, no perms": UserFactory(is_staff=True),
        "staff annotator": UserFactory(roles=["annotator"], is_staff=True),
        "admin reviewer": UserFactory(roles=["reviewer"], is_staff=True),
    }
    UserFactory(username="matrix-login")
    article = article_create(
        title="Matrix article",
        body="Taxes rose by 40% last year, officials said.",
        url=ARTICLE_URL,
        created_by=users["owner"],
    )
    annotation = AnnotationFactory(article=article, start=0, end=5, created_by=users["owner"])
    orphan = AnnotationFactory(article=article, start=6, end=10, created_by=users["owner"], anchor_state="orphaned")
    typo = AnnotationFactory(
        article=article, kind="typo", start=18, end=22, suggestion="past", created_by=users["owner"]
    )
    ids = {
        "article": article.pk,
        "article_url": ARTICLE_URL,
        "annotation": annotation.pk,
        "annotation_version": annotation.version,
        "orphan": orphan.pk,
        "typo": typo.pk,
        "source": SourceFactory().pk,
        "factcheck": FactCheckFactory().pk,
        "run": AnalysisRunFactory(article=article).pk,
        "job": IngestionJob.objects.create(urls=[ARTICLE_URL], total=1).pk,
        "reviewer": users["reviewer"].pk,
    }
    return {"users": users, "ids": ids}


CASES = [(row, role) for row in MATRIX for role in ALL_ROLES]


def _case_id(case: tuple[Row, str]) -> str:
    row, role = case
    return f"{row.method} {row.name}{'/' + row.variant if row.variant else ''} as {role}"


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_permission_matrix(case: tuple[Row, str], world):
    row, role = case
    client = SchemaValidatingClient()
    if role != "anonymous":
        client.force_authenticate(user=world["users"][role])
    path = fill(row.path, world["ids"])
    headers: dict[str, str] = {}
    if row.if_match:
        model = Article if row.if_match == "article" else Annotation
        headers["HTTP_IF_MATCH"] = f'"{model.objects.get(pk=world["ids"][row.if_match]).version}"'
    send = getattr(client, row.method.lower())
    if row.method == "GET":
        response = send(path, **headers)
    else:
        body = json.dumps(fill(row.data, world["ids"])) if row.data is not None else None
        response = send(path, data=body, content_type="application/json", **headers)
    assert response.status_code == row.status(role), (response.status_code, response.content[:300])
