"""docker-compose.yml and the Dockerfile, checked structurally (there is no Docker engine here)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _command(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def _healthcheck(service: dict) -> str:
    test = service["healthcheck"]["test"]
    return " ".join(test) if isinstance(test, list) else test


def test_compose_has_the_five_services(compose):
    assert set(compose["services"]) == {"postgres", "redis", "web", "worker", "beat"}


def test_compose_databases_with_healthchecks_and_volumes(compose):
    postgres, redis = compose["services"]["postgres"], compose["services"]["redis"]
    assert postgres["image"] == "postgres:16"
    assert "pg_isready" in _healthcheck(postgres)
    assert any(v.endswith(":/var/lib/postgresql/data") for v in postgres["volumes"])
    assert postgres["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    assert redis["image"] == "redis:7"
    assert "redis-cli ping" in _healthcheck(redis)
    named = {v.split(":")[0] for s in (postgres, redis) for v in s["volumes"]}
    assert named <= set(compose["volumes"])


def test_compose_web_builds_migrates_and_serves_gunicorn(compose):
    web = compose["services"]["web"]
    assert web["build"]["dockerfile"] == "Dockerfile"
    command = _command(web)
    assert re.search(r"migrate --noinput && .*gunicorn config\.wsgi", command)
    assert "0.0.0.0:8000" in command
    health = _healthcheck(web)
    assert "urllib" in health and "/api/v1/schema/" in health and health.startswith("CMD python")
    assert any(str(p).endswith(":8000") for p in web["ports"])


def test_compose_worker_and_beat_commands(compose):
    assert _command(compose["services"]["worker"]) == "celery -A config worker -l info --concurrency 2"
    assert _command(compose["services"]["beat"]).startswith("celery -A config beat")
    assert "ping" in _healthcheck(compose["services"]["worker"])
    images = {compose["services"][name]["image"] for name in APP_SERVICES}
    assert len(images) == 1, "web, worker and beat run the same image"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_app_services_wait_for_healthy_dependencies(compose, name):
    depends = compose["services"][name]["depends_on"]
    assert depends["postgres"] == {"condition": "service_healthy"}
    assert depends["redis"] == {"condition": "service_healthy"}
    if name != "web":
        # Workers start once web has applied the migrations.
        assert depends["web"] == {"condition": "service_healthy"}


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_app_services_environment(compose, name):
    env = compose["services"][name]["environment"]
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
    assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?"), "no default secret in the compose file"
    assert "ALLOWED_HOSTS" in env and "127.0.0.1" in env["ALLOWED_HOSTS"]  # the healthcheck's host
    assert str(env["DEBUG"]) == "0"


def test_dockerfile_builds_the_app_image():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.M)
    assert "pip install -r requirements.txt" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert re.search(r"^USER (?!root)", dockerfile, re.M), "the app does not run as root"
    for path in re.findall(r"^COPY (\S+) ", dockerfile, re.M):
        assert (ROOT / path).exists(), f"COPY of missing {path}"
