"""docker-compose.yml, the Dockerfile and .dockerignore, checked structurally (there is no Docker
engine here; `docker-compose config` validates the file where the compose CLI is installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APP_SERVICES = ("web", "worker", "beat")
ONE_SHOT = ("migrate",)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _command(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def _healthcheck(service: dict) -> str:
    test = service["healthcheck"]["test"]
    return " ".join(test) if isinstance(test, list) else test


def test_compose_has_the_six_services(compose):
    assert set(compose["services"]) == {"postgres", "redis", "migrate", "web", "worker", "beat"}


def test_every_long_running_service_has_a_probe(compose):
    for name, service in compose["services"].items():
        if name in ONE_SHOT:
            continue
        check = service.get("healthcheck") or {}
        assert check.get("test") and not check.get("disable"), f"{name} has no healthcheck"
        assert check["test"][0] in ("CMD", "CMD-SHELL"), name
        assert check.get("interval") and check.get("timeout") and check.get("retries"), name


def test_the_one_shot_services_are_migrate_only_and_never_restart(compose):
    one_shot = {name for name, service in compose["services"].items() if str(service.get("restart")) == "no"}
    assert one_shot == set(ONE_SHOT)
    migrate = compose["services"]["migrate"]
    assert _command(migrate) == "python manage.py migrate --noinput"
    assert migrate["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert migrate["image"] == compose["services"]["web"]["image"], "migrate runs the app image"
    assert migrate["environment"] == compose["services"]["web"]["environment"]


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


def test_compose_web_serves_gunicorn_with_its_config_file_and_does_not_migrate(compose):
    web = compose["services"]["web"]
    assert web["build"]["dockerfile"] == "Dockerfile"
    command = _command(web)
    assert command == "gunicorn -c config/gunicorn.conf.py config.wsgi:application"
    assert "migrate" not in command
    assert (ROOT / "config" / "gunicorn.conf.py").is_file()
    assert any(str(p).endswith(":8000") for p in web["ports"])


def test_compose_web_probe_is_the_health_endpoint(compose):
    health = _healthcheck(compose["services"]["web"])
    assert health.startswith("CMD python") and "urllib" in health
    assert "http://127.0.0.1:8000/health/" in health and "/api/v1/schema/" not in health
    assert "'X-Forwarded-Proto': 'https'" in health  # or SECURE_SSL_REDIRECT answers 301


def test_gunicorn_config_binds_every_interface_and_logs_access():
    namespace: dict = {}
    exec((ROOT / "config" / "gunicorn.conf.py").read_text(encoding="utf-8"), namespace)  # as gunicorn reads it
    assert namespace["bind"] == "0.0.0.0:8000" and namespace["workers"] >= 1
    assert namespace["accesslog"] == "-" and "x-request-id" in namespace["access_log_format"]
    assert "import config" not in (ROOT / "config" / "gunicorn.conf.py").read_text(encoding="utf-8")


def test_compose_worker_and_beat_commands(compose):
    assert _command(compose["services"]["worker"]) == "celery -A config worker -l info --concurrency 2"
    assert _command(compose["services"]["beat"]).startswith("celery -A config beat")
    assert "inspect ping" in _healthcheck(compose["services"]["worker"])
    assert "celerybeat-schedule" in _healthcheck(compose["services"]["beat"])
    assert "/tmp/celerybeat-schedule" in _command(compose["services"]["beat"])
    images = {compose["services"][name]["image"] for name in APP_SERVICES}
    assert len(images) == 1, "web, worker and beat run the same image"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_app_services_wait_for_healthy_dependencies_and_migrate(compose, name):
    depends = compose["services"][name]["depends_on"]
    assert depends == {
        "postgres": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
        # None of them sees an unmigrated schema, and a failed migration keeps them down.
        "migrate": {"condition": "service_completed_successfully"},
    }


@pytest.mark.parametrize("name", (*APP_SERVICES, *ONE_SHOT))
def test_compose_app_services_environment(compose, name):
    env = compose["services"][name]["environment"]
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
    assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?"), "no default secret in the compose file"
    assert "ALLOWED_HOSTS" in env and "127.0.0.1" in env["ALLOWED_HOSTS"]  # the healthcheck's host
    assert str(env["DEBUG"]) == "0"
    assert env["LOG_FORMAT"] == "${LOG_FORMAT:-json}"


def test_beat_writes_its_schedule_file_after_every_task_it_sends():
    # The beat probe reads the file's age; it is only fresh if beat syncs it after each task.
    assert settings.CELERY_BEAT_SYNC_EVERY == 1
    assert min(entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()) <= 60


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="the compose CLI (docker-compose) is not installed")
def test_docker_compose_config_validates(tmp_path):
    result = subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config", "--quiet"],
        cwd=tmp_path,
        env={"PATH": "/usr/local/bin:/usr/bin:/bin", "POSTGRES_PASSWORD": "x", "SECRET_KEY": "y"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_dockerfile_builds_the_app_image():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11-slim-bookworm$", dockerfile, re.M)
    # The digest pin: a build argument used by FROM, with how to fill and verify it.
    assert re.search(r"^ARG PYTHON_IMAGE_DIGEST=", dockerfile, re.M)
    assert "\nFROM ${PYTHON_IMAGE}${PYTHON_IMAGE_DIGEST:+@${PYTHON_IMAGE_DIGEST}}\n" in dockerfile
    assert "docker buildx imagetools inspect" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert re.search(r"^USER (?!root)", dockerfile, re.M), "the app does not run as root"
    assert 'CMD ["gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi:application"]' in dockerfile
    for path in re.findall(r"^COPY (\S+) ", dockerfile, re.M):
        assert (ROOT / path).exists(), f"COPY of missing {path}"


def test_dockerfile_installs_the_lock_with_hashes_only():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    installs = [line.rstrip(" \\") for line in re.findall(r"pip install [^\n]*", dockerfile)]
    # pip itself first, from its own lock: the image's pip may mis-resolve extras in hash mode.
    assert installs == [
        "pip install --require-hashes -r requirements-bootstrap.txt",
        "pip install --require-hashes -r requirements.txt",
    ]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    bootstrap = makefile.index("--require-hashes -r requirements-bootstrap.txt")
    assert bootstrap < makefile.index(
        "pip install --disable-pip-version-check -q --require-hashes -r requirements-dev.txt"
    )


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_lock_files_pin_every_package_with_hashes(lock):
    text = (ROOT / lock).read_text(encoding="utf-8")
    assert "pip-compile" in text and "--hash=sha256:" in text
    requirements = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\S*) \\$", text, re.M)
    assert len(requirements) > 50
    for name, spec in requirements:
        assert spec.startswith("=="), f"{name} is not pinned in {lock}"
    runtime = set(re.findall(r"^(\S+==\S+) \\$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M))
    assert runtime <= set(re.findall(r"^(\S+==\S+) \\$", text, re.M)), "dev lock has the runtime versions"


def test_dockerignore_keeps_quality_benchmarks_tests_and_local_state_out_of_the_image():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert "credibility/quality" in ignored
    assert {".git", ".venv", ".env", "tests", "docs", "var", "db.sqlite3"} <= ignored
    assert not any(line.startswith("!") for line in ignored), "nothing is let back in"


def test_the_bootstrap_lock_pins_the_same_pip_as_the_dev_lock():
    def pip_pin(lock: str) -> str:
        match = re.search(r"^pip==(\S+) \\$", (ROOT / lock).read_text(encoding="utf-8"), re.M)
        assert match, f"{lock} pins no pip"
        return match.group(1)

    assert pip_pin("requirements-bootstrap.txt") == pip_pin("requirements-dev.txt")


def test_gunicorn_loads_the_language_model_in_the_arbiter_before_forking():
    import gc

    from annotations.text import language

    namespace: dict = {}
    exec((ROOT / "config" / "gunicorn.conf.py").read_text(encoding="utf-8"), namespace)
    language._identifier.cache_clear()
    try:
        namespace["on_starting"](None)  # the arbiter, before any worker is forked
        assert language._identifier.cache_info().currsize == 1
        assert gc.get_freeze_count() > 0
        namespace["post_worker_init"](None)  # a worker: the inherited model, not a second load
        assert language._identifier.cache_info().misses == 1
    finally:
        gc.unfreeze()
