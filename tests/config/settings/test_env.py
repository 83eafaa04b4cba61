"""config/settings/env.py: django-environ with the readings the hand-written helpers had, and the
embedded default (no DATABASE_URL: SQLite; no broker: eager Celery) read through it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings.env import Env

ROOT = Path(__file__).resolve().parents[3]


def _env(**values: str) -> Env:
    reader = Env()
    reader.ENVIRON = values  # type: ignore[assignment]
    return reader


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        (" Yes ", True),
        ("ON", True),
        ("0", False),
        ("no", False),
        ("ok", False),
        ("y", False),
        ("2", False),
    ],
)
def test_env_bool_is_true_only_for_1_true_yes_on(raw, expected):
    assert _env(FLAG=raw).bool("FLAG", default=not expected) is expected


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_empty_or_unset_is_the_default(default):
    assert _env(FLAG="").bool("FLAG", default=default) is default
    assert _env().bool("FLAG", default=default) is default


def test_env_list_strips_items_and_drops_empty_ones():
    assert _env(HOSTS=" a.org,, b.org ,").list("HOSTS", default=["x"]) == ["a.org", "b.org"]
    assert _env(HOSTS="").list("HOSTS", default=["x"]) == []
    assert _env().list("HOSTS", default=["x"]) == ["x"]


def test_env_float_is_pythons_float():
    assert _env(SECONDS="1e1").float("SECONDS", default=1.0) == 10.0
    assert _env(SECONDS="0.5").float("SECONDS", default=1.0) == 0.5


def test_env_values_starting_with_a_dollar_are_literal():
    assert _env(SECRET_KEY="$HOME-is-not-a-reference").str("SECRET_KEY", default="") == "$HOME-is-not-a-reference"


def test_settings_modules_read_the_environment_only_through_env():
    for path in (ROOT / "config" / "settings").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "os.environ.get(" not in source and "os.getenv(" not in source, path.name


SHOW = (
    "import json, django; django.setup()\n"
    "from django.conf import settings as s; from config.celery import app\n"
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'eager': app.conf.task_always_eager,\n"
    "  'routes': app.conf.task_routes, 'beat': sorted(app.conf.beat_schedule), 'log_format': s.LOG_FORMAT,\n"
    "  'interval': app.conf.beat_schedule['analysis-runs-requeue']['schedule']}))\n"
)


def _show(**env: str) -> dict:
    drop = (
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "CELERY_RESULT_BACKEND",
        "CELERY_ANALYSIS_QUEUE",
        "CELERY_RECHECK_QUEUE",
        "LOG_FORMAT",
        "DJANGO_SETTINGS_MODULE",
    )
    environ = {k: v for k, v in os.environ.items() if k not in drop}
    environ.update(env)
    result = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_default_is_sqlite_eager_celery_and_plain_logs():
    shown = _show(DJANGO_SETTINGS_MODULE="config.settings.local")
    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["eager"] is True
    assert shown["routes"] == {}
    assert shown["beat"] == ["analysis-runs-requeue", "factchecks-recheck", "feeds-poll-due"]
    assert shown["log_format"] == "plain"


def test_queue_routes_and_beat_interval_come_from_the_environment():
    shown = _show(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://u@db:5432/d",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        CELERY_ANALYSIS_QUEUE="analysis",
        CELERY_RECHECK_QUEUE="recheck",
        ANALYSIS_REQUEUE_INTERVAL_SECONDS="5",
    )
    assert shown["engine"] == "django.db.backends.postgresql"
    assert shown["eager"] is False
    assert shown["routes"] == {
        "credibility.analyze_article": {"queue": "analysis"},
        "credibility.recheck_articles": {"queue": "recheck"},
        "credibility.recheck_articles_periodic": {"queue": "recheck"},
    }
    assert shown["interval"] == 5.0
    assert shown["log_format"] == "json"
