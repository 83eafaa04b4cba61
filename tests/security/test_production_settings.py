"""Production settings: ``check --deploy`` is clean, and the settings refuse to start unsafely.

Each check runs ``manage.py`` in a subprocess with ``config.settings.production`` and a fresh
environment, because settings modules are read once per process.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")}
    environ.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


CHECK = (
    "import django; django.setup()\n"
    "from django.core.management import call_command\n"
    "call_command('check', '--deploy', fail_level='WARNING')\n"
)
SHOW = (
    "import django; django.setup()\n"
    "from django.conf import settings as s\n"
    "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)\n"
)


def test_check_deploy_is_clean_under_production_settings():
    result = _run(CHECK, SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in (result.stdout + result.stderr)


def test_production_refuses_to_start_without_a_secret_key():
    result = _run(CHECK)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_development_key_even_with_debug_on():
    result = _run(CHECK, DEBUG="1")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_forces_debug_off_and_https():
    result = _run(SHOW, SECRET_KEY=secrets.token_urlsafe(50), DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", str(365 * 24 * 3600), "True", "True"]


def test_hsts_and_ssl_redirect_come_from_the_environment():
    result = _run(SHOW, SECRET_KEY=secrets.token_urlsafe(50), SECURE_HSTS_SECONDS="600", SECURE_SSL_REDIRECT="0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:3] == ["False", "600"]


def test_a_weak_secret_key_fails_the_deploy_check():
    result = _run(CHECK, SECRET_KEY="short")
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
