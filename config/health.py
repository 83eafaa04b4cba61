"""``/health/`` (django-health-check), the probe of the web container: the database, the cache
(Redis when ``REDIS_URL`` is set) and, when tasks go through a broker, a Celery ping that a
worker must answer. With eager Celery (no broker, the embedded default) there is no worker to
ping, so that check is left out. Answers 200 when every check passes, 500 otherwise; ask for
``Accept: application/json`` (or ``?format=json``) to get one line per check.
"""

from __future__ import annotations

from collections.abc import Generator
from datetime import timedelta
from typing import Any

from health_check.base import HealthCheck
from health_check.views import HealthCheckView

CELERY_PING_TIMEOUT = timedelta(seconds=2)


def health_checks() -> list[Any]:
    from config.celery import app

    checks: list[Any] = ["health_check.checks.Database", "health_check.checks.Cache"]
    if app.conf.broker_url and not app.conf.task_always_eager:
        checks.append(("health_check.contrib.celery.Ping", {"app": app, "timeout": CELERY_PING_TIMEOUT}))
    return checks


class HealthView(HealthCheckView):
    def get_checks(self) -> Generator[HealthCheck, None, None]:
        self.checks = health_checks()  # per request: the broker settings may change (tests do)
        return super().get_checks()
