"""Real services for integration tests: PostgreSQL (the test database), Redis and a Celery worker process.

These tests never skip: a missing service is a failure, with the command that starts it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection
from kombu import pools as kombu_pools

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
# The broker the integration tests use; its own Redis database keeps them apart from anything else.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
WORKER_START_TIMEOUT = float(os.environ.get("TEST_WORKER_START_TIMEOUT", "60"))


def redis_require(url: str = REDIS_URL) -> None:
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3).ping()
    except Exception as exc:  # noqa: BLE001
        pytest.fail(
            f"Redis is not reachable at {url} ({exc}). Start it with `make services`; integration tests never skip."
        )


def database_url_for_test_db() -> str:
    """The URL of the database this test runs in (pytest-django's test_<name>), for the worker."""
    settings = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.fail(f"Integration tests need PostgreSQL (DATABASE_URL); got {connection.vendor}.")
    user = quote(settings.get("USER") or "", safe="")
    password = quote(settings.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{quote(settings['NAME'], safe='')}"


def broker_use(*, url: str | None, queue: str | None) -> None:
    """Point this process's Celery app at ``url`` (None: back to eager, as the test settings say)."""
    kombu_pools.reset()  # closes and forgets every cached broker connection and producer
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)  # queues, router and producer pool are cached on it
    if url is None:
        celery_app.conf.update(broker_url="", task_always_eager=True, task_default_queue="celery")
    else:
        celery_app.conf.update(broker_url=url, task_always_eager=False, task_default_queue=queue)


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log_path: Path
    queue: str
    broker_url: str

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)  # warm shutdown: finish the current task
            self.process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=10)


def worker_env(*, database_url: str, broker_url: str, **extra: str) -> dict[str, str]:
    """The environment of a worker process: production settings on ``database_url`` and ``broker_url``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "SECRET_KEY": "integration-test-worker",
        "DEBUG": "0",
        "DB_CONN_MAX_AGE": "0",
        "PYTHONUNBUFFERED": "1",
        # No semantic index file in the checkout's var/ from a test worker (nor one read from it).
        "SEMANTIC_INDEX_DIR": "",
        **extra,
    }
    env.pop("CELERY_RESULT_BACKEND", None)
    return env


def worker_start(
    app: str,
    *,
    queue: str,
    node: str,
    env: dict[str, str],
    log_path: Path,
    broker_url: str,
    extra_args: Sequence[str] = (),
) -> Worker:
    """Start ``celery -A app worker`` (solo pool, one process) on ``queue`` as ``node``, in its own session."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        app,
        "worker",
        "--pool",
        "solo",
        "--concurrency",
        "1",
        "-Q",
        queue,
        "-n",
        f"{node}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel",
        "INFO",
        *extra_args,
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Worker(process=process, log_path=log_path, queue=node, broker_url=broker_url)


@pytest.fixture
def celery_worker(transactional_db, tmp_path, monkeypatch) -> Iterator[Worker]:
    """A real ``celery -A config worker`` on Redis and the test database; this process publishes to it.

    Depends on ``transactional_db`` so the worker sees committed rows, and is torn down before
    the database is flushed. A private queue keeps other runs on the same Redis from interfering.
    """
    redis_require()
    queue = f"it-{uuid.uuid4().hex[:12]}"
    worker = worker_start(
        "config",
        queue=queue,
        node=queue,
        env=worker_env(database_url=database_url_for_test_db(), broker_url=REDIS_URL),
        log_path=tmp_path / "celery-worker.log",
        broker_url=REDIS_URL,
    )
    monkeypatch.setenv("CELERY_BROKER_URL", REDIS_URL)  # Celery reads it before its own settings
    broker_use(url=REDIS_URL, queue=queue)
    try:
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while "ready." not in worker.output():
            if not worker.alive():
                pytest.fail(f"The Celery worker exited with {worker.process.returncode}:\n{worker.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"The Celery worker was not ready within {WORKER_START_TIMEOUT:.0f}s:\n{worker.output()}")
            time.sleep(0.2)
        yield worker
    finally:
        broker_use(url=None, queue=None)
        worker.stop()
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
        stale = list(client.scan_iter(match=f"*{queue}*"))  # the queue and kombu's bindings for it
        if stale:
            client.delete(*stale)
