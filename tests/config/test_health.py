"""/health/ (config/health.py): the database and the cache, plus a Celery ping when there is a broker."""

from __future__ import annotations

import pytest
from health_check.checks import Database
from health_check.exceptions import ServiceUnavailable

from config.celery import app
from config.health import health_checks


@pytest.mark.django_db
def test_health_answers_200_with_the_database_up(client):
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body.values()) == {"OK"}
    assert any(name.startswith("Database") for name in body) and any(name.startswith("Cache") for name in body)
    assert not any(name.startswith("Ping") for name in body), "eager Celery has no worker to ping"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_needs_no_login_and_answers_plain_text_too(client):
    response = client.get("/health/?format=text")
    assert response.status_code == 200
    assert "Database" in response.content.decode() and ": OK" in response.content.decode()


@pytest.mark.django_db
def test_health_answers_500_when_the_database_is_down(client, monkeypatch):
    def down(self):
        raise ServiceUnavailable("connection refused")

    monkeypatch.setattr(Database, "run", down)
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 500
    assert "connection refused" in " ".join(response.json().values())


def test_health_pings_celery_only_when_a_broker_is_configured():
    assert [check for check in health_checks() if "celery" in str(check)] == []
    saved = {"broker_url": app.conf.broker_url, "task_always_eager": app.conf.task_always_eager}
    app.conf.update(broker_url="redis://127.0.0.1:6379/0", task_always_eager=False)
    try:
        [ping] = [check for check in health_checks() if "celery" in str(check)]
    finally:
        app.conf.update(saved)
    assert ping[0] == "health_check.contrib.celery.Ping" and ping[1]["app"] is app
