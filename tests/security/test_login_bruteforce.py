"""Finding 1 (issue 16): brute force cannot sidestep the throttles by rotating X-Forwarded-For.

``NUM_PROXIES`` defaults to 0: the client is ``REMOTE_ADDR`` and no forwarding header is trusted
(DRF's ``get_ident``). Both login forms, ``POST /api/v1/auth/token/`` and ``/admin/login/``,
lock out a username after LOGIN_FAILURES_PER_USERNAME failures and an address after
LOGIN_FAILURES_PER_ADDRESS, with a 429 and ``Retry-After``, doubling on each further failure,
and log the lockout.
"""

from __future__ import annotations

import itertools
import logging

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from rest_framework.throttling import BaseThrottle

from config import login_throttle
from tests.annotations.factories import UserFactory
from tests.openapi_validation import SchemaValidatingClient

pytestmark = pytest.mark.django_db
_addresses = (f"203.0.113.{n % 250}, 198.51.100.{n % 250}" for n in itertools.count())


def _rates(**rates: str) -> override_settings:
    merged = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates}
    return override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": merged})


def test_num_proxies_defaults_to_trusting_no_forwarding_header():
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.9.8.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert BaseThrottle().get_ident(request) == "10.9.8.7"
    assert login_throttle.client_address(request) == "10.9.8.7"


def test_num_proxies_one_trusts_the_proxy_appended_address():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 5.6.7.8")
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}):
        assert BaseThrottle().get_ident(request) == "5.6.7.8"
        assert login_throttle.client_address(request) == "5.6.7.8"


@pytest.mark.parametrize(
    "rates", [{}, {"token": "1000/minute", "anon": "1000/minute"}], ids=["default-rates", "lockout-only"]
)
def test_token_endpoint_brute_force_with_rotating_forwarded_for(rates, caplog):
    UserFactory(username="alice")  # password "correct-horse-battery"
    client = SchemaValidatingClient()
    statuses = []
    with _rates(**rates), caplog.at_level(logging.WARNING, logger="config.login_throttle"):
        for attempt in range(100):
            response = client.post(
                "/api/v1/auth/token/",
                {"username": "alice", "password": f"guess-{attempt}"},
                format="json",
                HTTP_X_FORWARDED_FOR=next(_addresses),
            )
            statuses.append(response.status_code)
        first_429 = statuses.index(429)
        assert first_429 <= settings.LOGIN_FAILURES_PER_USERNAME
        assert set(statuses[:first_429]) == {400} and set(statuses[first_429:]) == {429}
        assert int(response["Retry-After"]) > 0
        right = client.post(
            "/api/v1/auth/token/",
            {"username": "alice", "password": "correct-horse-battery"},
            format="json",
            HTTP_X_FORWARDED_FOR=next(_addresses),
        )
    assert right.status_code == 429 and "token" not in right.json()
    if rates:
        assert any("Login lockout (token)" in r.getMessage() for r in caplog.records)


def test_admin_login_brute_force_with_rotating_forwarded_for(caplog):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    statuses = []
    with caplog.at_level(logging.WARNING, logger="config.login_throttle"):
        for attempt in range(100):
            response = client.post(
                "/admin/login/",
                {"username": "root", "password": f"guess-{attempt}", "next": "/admin/"},
                HTTP_X_FORWARDED_FOR=next(_addresses),
            )
            statuses.append(response.status_code)
    first_429 = statuses.index(429)
    assert first_429 == settings.LOGIN_FAILURES_PER_USERNAME
    assert set(statuses[:first_429]) == {200} and set(statuses[first_429:]) == {429}
    assert int(response["Retry-After"]) >= settings.LOGIN_LOCKOUT_SECONDS - 1
    assert any("Login lockout (admin)" in r.getMessage() and "root" in r.getMessage() for r in caplog.records)
    right = client.post(
        "/admin/login/",
        {"username": "root", "password": "correct-horse-battery", "next": "/admin/"},
        HTTP_X_FORWARDED_FOR=next(_addresses),
    )
    assert right.status_code == 429
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_admin_login_locks_out_an_address_trying_many_usernames():
    client = Client()
    statuses = [
        client.post(
            "/admin/login/", {"username": f"user-{n}", "password": "x"}, HTTP_X_FORWARDED_FOR=next(_addresses)
        ).status_code
        for n in range(40)
    ]
    assert statuses.index(429) == settings.LOGIN_FAILURES_PER_ADDRESS
    # Another address (a different REMOTE_ADDR) is not locked out.
    assert (
        Client(REMOTE_ADDR="192.0.2.77").post("/admin/login/", {"username": "user-x", "password": "x"}).status_code
        == 200
    )


def test_lockout_backs_off_and_a_success_resets_the_username(monkeypatch):
    UserFactory(username="carol", is_staff=True)
    now = [1_000_000.0]
    monkeypatch.setattr(login_throttle.time, "time", lambda: now[0])
    client = Client()

    def attempt(password: str = "wrong"):
        return client.post("/admin/login/", {"username": "carol", "password": password})

    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME - 1):
        assert attempt().status_code == 200
    assert attempt().status_code == 200  # the failure that reaches the limit
    first = attempt()
    assert first.status_code == 429 and int(first["Retry-After"]) == settings.LOGIN_LOCKOUT_SECONDS
    now[0] += settings.LOGIN_LOCKOUT_SECONDS + 1
    assert attempt().status_code == 200  # one more failure after the lock: twice as long
    assert int(attempt()["Retry-After"]) == 2 * settings.LOGIN_LOCKOUT_SECONDS
    now[0] += 2 * settings.LOGIN_LOCKOUT_SECONDS + 1
    assert attempt("correct-horse-battery").status_code == 302
    assert attempt().status_code == 200  # the username's count started over
