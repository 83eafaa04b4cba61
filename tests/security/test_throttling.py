"""Throttling through DRF: anonymous clients, users and the token endpoint each have a rate.

Rates come from settings (env ``THROTTLE_RATE_ANON``, ``_USER``, ``_TOKEN``) and are read per
request, so ``override_settings`` sets low ones here. The counters live in the cache, which
tests/conftest.py clears around every test.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings

from tests.annotations.factories import UserFactory
from tests.openapi_validation import SchemaValidatingClient

pytestmark = pytest.mark.django_db


def _rates(**rates: str) -> override_settings:
    merged = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates}
    return override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": merged})


def _assert_throttled(response) -> None:
    assert response.status_code == 429, response.content
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["detail"].lower()


def test_anonymous_clients_are_throttled_with_retry_after():
    client = SchemaValidatingClient()
    with _rates(anon="3/minute"):
        for _ in range(3):
            assert client.get("/api/v1/schema/?format=json").status_code == 200
        _assert_throttled(client.get("/api/v1/schema/?format=json"))
        _assert_throttled(client.post("/api/v1/auth/token/", {"username": "a", "password": "b"}, format="json"))


def test_users_are_throttled_per_user(annotator, other_annotator, client_for):
    with _rates(user="2/minute"):
        client = client_for(annotator)
        assert client.get("/api/v1/articles/").status_code == 200
        assert client.post("/api/v1/articles/", {"title": "T", "body": "B."}, format="json").status_code == 201
        _assert_throttled(client.get("/api/v1/articles/"))
        _assert_throttled(client.post("/api/v1/articles/", {"title": "T2", "body": "B2."}, format="json"))
        assert client_for(other_annotator).get("/api/v1/articles/").status_code == 200  # a separate budget


def test_throttled_writes_store_nothing(annotator, client_for):
    from annotations.models import Article

    with _rates(user="1/minute"):
        client = client_for(annotator)
        assert client.post("/api/v1/articles/", {"title": "T", "body": "B."}, format="json").status_code == 201
        _assert_throttled(client.post("/api/v1/articles/", {"title": "T2", "body": "B2."}, format="json"))
    assert Article.objects.count() == 1


def test_token_endpoint_has_its_own_tight_rate():
    UserFactory(username="alice")  # password "correct-horse-battery"
    client = SchemaValidatingClient()
    with _rates(token="3/minute", anon="100/minute"):
        assert (
            client.post("/api/v1/auth/token/", {"username": "alice", "password": "nope"}, format="json").status_code
            == 400
        )
        assert (
            client.post("/api/v1/auth/token/", {"username": "alice", "password": "nope2"}, format="json").status_code
            == 400
        )
        good = client.post(
            "/api/v1/auth/token/", {"username": "alice", "password": "correct-horse-battery"}, format="json"
        )
        assert good.status_code == 200 and len(good.json()["token"]) == 40
        _assert_throttled(
            client.post(
                "/api/v1/auth/token/", {"username": "alice", "password": "correct-horse-battery"}, format="json"
            )
        )


def test_the_token_works_for_the_api():
    UserFactory(username="bob", roles=["annotator"])
    client = SchemaValidatingClient()
    token = client.post("/api/v1/auth/token/", {"username": "bob", "password": "correct-horse-battery"}).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/articles/").status_code == 200


def test_default_rates_come_from_settings():
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert set(rates) >= {"anon", "user", "token"}
    assert all(rate for rate in rates.values())
