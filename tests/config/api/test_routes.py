"""Detail routes take numeric ids only, so no route can shadow another whatever the include order."""

from __future__ import annotations

from django.urls import resolve

from config.api.routers import NUMERIC_ID, Router


def test_article_fetch_is_not_read_as_an_article_id():
    assert resolve("/api/v1/articles/fetch/").url_name == "article-fetch"
    assert resolve("/api/v1/articles/12/").url_name == "article-detail"


def test_the_router_makes_detail_routes_numeric_unless_a_viewset_says_otherwise():
    from rest_framework import viewsets

    class Plain(viewsets.ViewSet):
        def retrieve(self, request, pk=None): ...

    class Slugged(viewsets.ViewSet):
        lookup_value_regex = "[a-z-]+"

        def retrieve(self, request, pk=None): ...

    router = Router()
    assert NUMERIC_ID in router.get_lookup_regex(Plain)
    assert "[a-z-]+" in router.get_lookup_regex(Slugged)


def test_a_non_numeric_detail_path_is_a_404(client_for, annotator):
    assert client_for(annotator).get("/api/v1/sources/abc/").status_code == 404
