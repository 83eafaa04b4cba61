"""Fixtures shared across the suite: users in each role and API clients authenticated as them."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.annotations.factories import UserFactory
from tests.openapi_validation import SchemaValidatingClient


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "fuzz: property-based fuzzing (schemathesis over the OpenAPI schema, hypothesis over the pipeline)"
    )


@pytest.fixture(autouse=True)
def _throttle_counters_cleared():
    """Throttle counters live in the cache: every test starts with none (see config/api/throttling.py)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _semantic_index_forgotten():
    """The fact-check embedding index lives per process: every test builds its own from its own rows
    (rolled-back rows would otherwise linger in it, and SQLite reuses their ids)."""
    from credibility.retrieval.semantic import semantic_index_reset

    semantic_index_reset()
    yield
    semantic_index_reset()


@pytest.fixture
def annotator(db):
    return UserFactory(roles=["annotator"])


@pytest.fixture
def other_annotator(db):
    return UserFactory(roles=["annotator"])


@pytest.fixture
def reviewer(db):
    return UserFactory(roles=["reviewer"])


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client, staff):
    """Django's test client (a session, not a token) logged in as ``staff``, for the admin's pages."""
    client.force_login(staff)
    return client


@pytest.fixture
def anonymous_client() -> SchemaValidatingClient:
    """An API client without credentials; its responses must match the OpenAPI schema."""
    return SchemaValidatingClient()


@pytest.fixture
def client_for():
    """Build an API client authenticated as the given user; its responses must match the OpenAPI schema
    (tests/openapi_validation.py)."""

    def build(user) -> SchemaValidatingClient:
        client = SchemaValidatingClient()
        client.force_authenticate(user=user)
        return client

    return build


@pytest.fixture
def migrator(transactional_db):
    """A migration executor for tests that move the schema back and forth; afterwards, pass or fail,
    the database is migrated forward to every app's latest migration again, so that no later test
    runs on an old schema (a test that stopped at an older leaf once did that)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        yield lambda: MigrationExecutor(connection)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
