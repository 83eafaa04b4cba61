"""Schemathesis over ``/api/v1/schema/``, in-process through the WSGI app, as a staff user.

One test per operation of the OpenAPI schema (``schema.parametrize``), each with at most
``FUZZ_MAX_EXAMPLES`` generated requests (default 25), a fixed seed (``derandomize``) and no
deadline. Every response must be no 5xx and match the schema's response for its status
(``response_schema_conformance``) with a documented content type. Requests run inside the
test's transaction, so the fuzzer's writes vanish with it and no analysis is enqueued.

Host names are never resolved: ``articles/fetch/`` would look up whatever host the fuzzer made
up, so ``getaddrinfo`` answers "unknown host" here (a 400, as for any unresolvable URL).
"""

from __future__ import annotations

import os
import socket
from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from config.wsgi import application
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "25"))
STATS: Counter[str] = Counter()  # requests per status class, and operations run
# Examples from the schema, then MAX_EXAMPLES generated cases per operation, valid and invalid
# ("mode": "all"); the coverage phase (hundreds of boundary cases per operation) is off to keep
# the run to a few minutes.
CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    {
        "seed": 20260701,
        "generation": {"mode": "all", "max-examples": MAX_EXAMPLES},
        "phases": {"coverage": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application, config=CONFIG)


@pytest.fixture
def staff_headers(monkeypatch) -> Iterator[dict[str, str]]:
    from rest_framework.authtoken.models import Token

    def unknown_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown_host)
    # Django's WSGI handler closes the connection after each request; the test's transaction
    # lives on it (django.test.Client disconnects these receivers for the same reason).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    staff = UserFactory(username="fuzz-staff", is_staff=True, is_superuser=True)
    article = ArticleFactory(url="https://news.example.org/fuzz", created_by=staff)
    AnnotationFactory(article=article, created_by=staff)
    token, _ = Token.objects.get_or_create(user=staff)
    yield {"Authorization": f"Token {token.key}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_fuzz(case, staff_headers):
    response = case.call_and_validate(
        headers=staff_headers,
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
    STATS[f"{response.status_code // 100}xx"] += 1
    STATS[f"op {case.operation.label}"] += 1


@pytest.fixture(scope="module", autouse=True)
def _report(request):
    """One line at the end: operations, requests and their status classes (the README's figures)."""
    yield
    operations = sum(1 for key in STATS if key.startswith("op "))
    requests = sum(v for k, v in STATS.items() if k.endswith("xx"))
    classes = ", ".join(f"{k}: {v}" for k, v in sorted(STATS.items()) if k.endswith("xx"))
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None and requests:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nschemathesis: {operations} operations, {requests} requests ({classes})")
