"""Faults on real services (issue 7, part 5): nothing is lost and nothing is done twice.

Each test gets its own Redis server (``redis-server`` on a free loopback port, started and
stopped here), so stopping the broker or shortening its visibility timeout never disturbs
other runs on the shared Redis. Workers are real ``celery worker`` processes of the test-only
app ``tests.integration.fault_app`` (the production app and tasks plus env-driven hooks that
hold a run at a known point). The PostgreSQL restart happens on a private PostgreSQL cluster
(``initdb`` into a temporary directory, loopback, trust auth) holding a copy of the test
database, so the shared cluster is never restarted.

1. A worker SIGKILLed mid-analysis (annotations written, transaction open): Redis hands the
   unacknowledged message to a new worker after the visibility timeout; the run completes once.
2. Redis down when an article is created: the API answers 201, the run stays pending, and the
   beat-driven sweep (``analysis_runs_requeue``) sends it once Redis is back.
3. PostgreSQL restarted under a running worker: the task fails with OperationalError, is
   retried (``autoretry_for``) and succeeds on the restarted server.
4. The same task delivered twice at once to two workers: one result, no duplicate annotations.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest.mock import patch

import psycopg
import pytest
import redis

from annotations.models import Annotation, Article
from annotations.services.articles import article_create
from credibility.models import AnalysisRun, RunState
from credibility.quality.benchmarks.service import free_port
from credibility.tasks import analyze_article_task
from tests.integration.conftest import (
    WORKER_START_TIMEOUT,
    Worker,
    broker_use,
    database_url_for_test_db,
    worker_env,
    worker_start,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

TIMEOUT = float(os.environ.get("TEST_FAULT_TIMEOUT", "90"))
VISIBILITY_TIMEOUT = 2.0  # seconds before Redis redelivers an unacknowledged message (production: 1 h)
PG_BIN = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]) if Path("/usr/lib/postgresql").exists() else None
BODY = (
    "The strike wasfollowed by arrests in Minsk, local sources had reported. "
    "It is thought that the protests will continue. "
    "Unemployment rose by 40% last year. "
    '"We will not give in," Vitaliy Kyrylov said on Tuesday.'
)


def wait_until(condition: Callable[[], object], what: str, *workers: Worker, timeout: float = TIMEOUT) -> object:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            logs = "\n".join(f"--- worker {w.queue}:\n{w.output()[-6000:]}" for w in workers)
            pytest.fail(f"Timed out after {timeout:.0f}s waiting for {what}.\n{logs}")
        time.sleep(0.2)


class PrivateRedis:
    """A redis-server of this test's own on a free loopback port; nothing kept on disk."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        if shutil.which("redis-server") is None:
            pytest.fail("redis-server is not installed; `make services` installs it. Integration tests never skip.")
        log = (self.directory / "redis.log").open("ab")
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(self.answers, f"redis-server on port {self.port}", timeout=20)

    def answers(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=1, socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        """A real outage: the server exits (no save), connections are dropped, new ones refused."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            redis.Redis(port=self.port, socket_timeout=2).shutdown(nosave=True)
        except redis.RedisError:
            pass  # the server closes the connection as it exits
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


class PrivatePostgres:
    """A PostgreSQL cluster of this test's own (initdb in a temporary directory, loopback, trust)."""

    def __init__(self) -> None:
        if PG_BIN is None or not (PG_BIN / "initdb").exists():
            pytest.fail("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; run `make services`.")
        self.directory = Path(tempfile.mkdtemp(prefix="cred-fault-pg-"))
        self.port = free_port()
        self.data = self.directory / "data"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/cred_private"
        self.dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname=cred_private connect_timeout=3"

    def _run(self, *args: str) -> None:
        command = [str(PG_BIN / args[0]), *args[1:]]
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            shutil.chown(self.directory, "postgres")
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            pytest.fail(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")

    def _ctl(self, action: str) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.directory / "server.log"),
            "-w",
            "-t",
            "60",
            "-m",
            "fast",
            "-o",
            options,
            action,
        )

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        self._ctl("start")
        with psycopg.connect(self.dsn.replace("dbname=cred_private", "dbname=postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE cred_private")

    def restart(self) -> None:
        """pg_ctl restart -m fast: every backend is terminated, the server stops and starts again."""
        self._ctl("restart")

    def copy_from(self, source_url: str) -> None:
        """Copy a database (schema and committed rows) into cred_private with pg_dump | psql."""
        dump = subprocess.run(
            [str(PG_BIN / "pg_dump"), "--no-owner", "--no-privileges", "-d", source_url],
            capture_output=True,
            timeout=120,
        )
        if dump.returncode != 0:
            pytest.fail(f"pg_dump failed: {dump.stderr.decode(errors='replace')}")
        # pg_dump empties search_path for the restore; the registry's materialized view (migration
        # credibility 0003) names its table unqualified inside ts_stat's query text, so keep public.
        script = dump.stdout.replace(b"SELECT pg_catalog.set_config('search_path', '', false);", b"")
        restore = subprocess.run(
            [str(PG_BIN / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url],
            input=script,
            capture_output=True,
            timeout=120,
        )
        if restore.returncode != 0:
            pytest.fail(f"psql restore failed: {restore.stderr.decode(errors='replace')}")

    def query(self, sql: str, *params: object) -> list[tuple]:
        with psycopg.connect(self.dsn) as conn:
            return conn.execute(sql, params).fetchall()

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self._ctl("stop")
            except BaseException:  # noqa: BLE001 - pytest.fail inside teardown; remove the files anyway
                pass
        shutil.rmtree(self.directory, ignore_errors=True)


class FaultEnv:
    """A private Redis, a hook directory, and the workers started for one test."""

    def __init__(self, tmp_path: Path, broker: PrivateRedis) -> None:
        self.tmp_path = tmp_path
        self.broker = broker
        # Readable by any user: the worker may run hooks here while the test watches.
        self.hooks = Path(tempfile.mkdtemp(prefix="cred-fault-hooks-"))
        self.workers: list[Worker] = []

    def worker(
        self,
        name: str,
        *,
        database_url: str | None = None,
        hold: bool = False,
        barrier: int = 0,
        visibility_timeout: float | None = None,
        beat: bool = False,
        env: dict[str, str] | None = None,
        wait: bool = True,
    ) -> Worker:
        environment = worker_env(
            database_url=database_url or database_url_for_test_db(),
            broker_url=self.broker.url,
            FAULT_HOOK_DIR=str(self.hooks),
            FAULT_HOLD_AFTER_SYNC="1" if hold else "0",
            FAULT_BARRIER_PARTIES=str(barrier or ""),
            **(env or {}),
        )
        if visibility_timeout is not None:
            environment["FAULT_VISIBILITY_TIMEOUT"] = str(visibility_timeout)
        node = f"fault-{name}-{uuid.uuid4().hex[:6]}"
        beat_args = ["--beat", "--schedule", str(self.tmp_path / f"{node}-beat-schedule")] if beat else []
        worker = worker_start(
            "tests.integration.fault_app",
            queue="celery",
            node=node,
            env=environment,
            log_path=self.tmp_path / f"{node}.log",
            broker_url=self.broker.url,
            extra_args=beat_args,
        )
        self.workers.append(worker)
        if wait:
            self.wait_ready(worker)
        return worker

    def wait_ready(self, worker: Worker) -> None:
        def ready() -> bool:
            if not worker.alive():
                pytest.fail(f"Worker {worker.queue} exited with {worker.process.returncode}:\n{worker.output()}")
            return "ready." in worker.output()

        wait_until(ready, f"worker {worker.queue} to be ready", worker, timeout=WORKER_START_TIMEOUT)

    def markers(self, prefix: str) -> list[Path]:
        return sorted(self.hooks.glob(f"{prefix}*"))

    def hold(self) -> None:
        (self.hooks / "hold").touch()

    def release(self) -> None:
        (self.hooks / "hold").unlink(missing_ok=True)

    def close(self) -> None:
        """Kill what is left: the private broker goes away with its messages, nothing to drain."""
        self.release()
        for worker in self.workers:
            if worker.alive():
                try:
                    os.killpg(worker.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                worker.process.wait(timeout=10)
        shutil.rmtree(self.hooks, ignore_errors=True)


@pytest.fixture
def fault_env(transactional_db, tmp_path, monkeypatch) -> Iterator[FaultEnv]:
    broker = PrivateRedis(tmp_path)
    broker.start()
    env = FaultEnv(tmp_path, broker)
    monkeypatch.setenv("CELERY_BROKER_URL", broker.url)
    broker_use(url=broker.url, queue="celery")
    try:
        yield env
    finally:
        broker_use(url=None, queue=None)
        env.close()
        broker.stop()


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    cluster = PrivatePostgres()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.destroy()


def received_ids(worker: Worker) -> list[str]:
    """The ids of the analysis tasks this worker received, in order."""
    marker = "Task credibility.analyze_article["
    return [
        line.split(marker, 1)[1].split("]", 1)[0]
        for line in worker.output().splitlines()
        if marker in line and "received" in line
    ]


def assert_no_duplicates(rows: list[tuple]) -> None:
    """Machine annotations as (kind, start, end, detector): each span and detector once."""
    assert rows, "the analysis wrote no machine annotations"
    assert len(rows) == len(set(rows)), f"duplicate machine annotations: {sorted(rows)}"


def machine_rows(article_id: int) -> list[tuple]:
    return list(
        Annotation.objects.filter(article_id=article_id, origin="machine").values_list(
            "kind", "start", "end", "detector"
        )
    )


def run_finished_done(run: AnalysisRun, what: str, worker: Worker) -> None:
    """Wait until ``run`` is done or failed, reload it, and check it is done (its error and the worker's log if not)."""
    wait_until(
        lambda: AnalysisRun.objects.filter(pk=run.pk, state__in=[RunState.DONE, RunState.FAILED]).exists(),
        what,
        worker,
    )
    run.refresh_from_db()
    assert run.state == RunState.DONE, f"{run.error}\n{worker.output()}"


def create_article_without_enqueue(title: str) -> tuple[Article, AnalysisRun]:
    """An article with its pending run, as if the original message had not been sent yet."""
    with patch("credibility.services.analysis.analysis_run_enqueue", return_value=True):
        article = article_create(title=title, body=BODY)
    return article, AnalysisRun.objects.get(article=article)


# --- 1. SIGKILL mid-analysis -----------------------------------------------------------------


def test_worker_killed_mid_analysis_is_redelivered_and_completes_once(fault_env, client_for, annotator):
    fault_env.hold()
    first = fault_env.worker("killed", hold=True, visibility_timeout=VISIBILITY_TIMEOUT)

    created = client_for(annotator).post("/api/v1/articles/", {"title": "Killed", "body": BODY}, format="json")
    assert created.status_code == 201, created.content
    article_id = created.json()["id"]

    # The worker has claimed the run and written its annotations inside the open transaction.
    wait_until(lambda: fault_env.markers("synced-"), "the first worker to reach the middle of the analysis", first)
    run = AnalysisRun.objects.get(article_id=article_id)
    assert (run.state, run.attempts) == (RunState.RUNNING, 1)
    assert machine_rows(article_id) == []  # uncommitted: nothing visible yet
    [task_id] = received_ids(first)

    os.killpg(first.process.pid, signal.SIGKILL)
    first.process.wait(timeout=10)
    assert first.process.returncode == -signal.SIGKILL
    fault_env.release()

    # Redis hands the unacknowledged message to the next worker after the visibility timeout.
    second = fault_env.worker("redelivered", visibility_timeout=VISIBILITY_TIMEOUT)
    run_finished_done(run, "the redelivered run to finish", second)
    assert run.attempts == 2  # the killed attempt and the redelivery
    assert received_ids(second) == [task_id], second.output()
    assert AnalysisRun.objects.filter(article_id=article_id).count() == 1
    rows = machine_rows(article_id)
    assert_no_duplicates(rows)
    assert run.counts["created"] == len(rows)  # the killed attempt's writes were rolled back, not kept twice
    assert Article.objects.get(pk=article_id).analysis_state == "done"


# --- 2. Redis down when an article is created --------------------------------------------------

REQUEUE_AFTER = 3  # ANALYSIS_REQUEUE_AFTER_SECONDS for the worker's sweep


def test_broker_down_at_article_creation_then_the_sweep_sends_the_run(fault_env, client_for, annotator):
    worker = fault_env.worker(
        "sweeper",
        beat=True,
        env={"ANALYSIS_REQUEUE_INTERVAL_SECONDS": "1", "ANALYSIS_REQUEUE_AFTER_SECONDS": str(REQUEUE_AFTER)},
    )
    wait_until(
        lambda: "credibility.analysis_runs_requeue" in worker.output() and "succeeded" in worker.output(),
        "the beat-driven sweep to run once",
        worker,
    )

    fault_env.broker.stop()
    assert not fault_env.broker.answers()
    client = client_for(annotator)
    began = time.monotonic()
    created = client.post("/api/v1/articles/", {"title": "Outage", "body": BODY}, format="json")
    elapsed = time.monotonic() - began
    assert created.status_code == 201, created.content
    assert elapsed < 10, f"the write waited {elapsed:.1f}s on the dead broker"
    article_id = created.json()["id"]
    assert Article.objects.filter(pk=article_id, body=BODY).exists()

    # While the broker is down nothing can move the run, however old it gets.
    time.sleep(REQUEUE_AFTER + 2)
    run = AnalysisRun.objects.get(article_id=article_id)
    assert (run.state, run.attempts) == (RunState.PENDING, 0)
    assert client.get(f"/api/v1/articles/{article_id}/").json()["analysis_state"] == "pending"
    assert worker.alive()

    fault_env.broker.start()  # same port: the worker reconnects, beat's next sweep sends the run
    run_finished_done(run, "the swept run to finish after the broker came back", worker)
    assert run.attempts == 1
    assert AnalysisRun.objects.filter(article_id=article_id).count() == 1
    assert_no_duplicates(machine_rows(article_id))
    assert client.get(f"/api/v1/articles/{article_id}/").json()["analysis_state"] == "done"
    # It was the periodic sweep that sent it: one of its runs after the outage re-enqueued one run.
    assert re.search(r"analysis_runs_requeue\[[^\]]+\] succeeded in [0-9.e-]+s: 1$", worker.output(), re.M), (
        worker.output()
    )


# --- 3. PostgreSQL restarted under a running worker --------------------------------------------


def test_postgres_restart_under_a_running_task_is_retried(fault_env, private_postgres):
    # The article's message is published for real (on commit); the worker will find it queued.
    article = article_create(title="Restart", body=BODY)
    run = AnalysisRun.objects.get(article=article)
    assert fault_env.broker.answers()
    private_postgres.copy_from(database_url_for_test_db())

    fault_env.hold()
    worker = fault_env.worker("pg", database_url=private_postgres.url, hold=True)
    wait_until(lambda: fault_env.markers("synced-"), "the worker to reach the middle of the analysis", worker)
    assert private_postgres.query("SELECT state, attempts FROM credibility_analysisrun WHERE id = %s", run.pk) == [
        ("running", 1)
    ]

    private_postgres.restart()  # terminates the worker's connection inside its open transaction
    fault_env.release()

    def finished() -> bool:
        try:
            rows = private_postgres.query("SELECT state FROM credibility_analysisrun WHERE id = %s", run.pk)
        except psycopg.OperationalError:
            return False
        return rows[0][0] in ("done", "failed")

    wait_until(finished, "the retried run to finish on the restarted server", worker)
    [(state, attempts, error, counts)] = private_postgres.query(
        "SELECT state, attempts, error, counts FROM credibility_analysisrun WHERE id = %s", run.pk
    )
    output = worker.output()
    assert state == "done", f"{error}\n{output}"
    assert "OperationalError" in output and "Retry in" in output, output
    assert attempts == 2  # the attempt the restart broke, and the retry
    rows = private_postgres.query(
        "SELECT kind, start, \"end\", detector FROM annotations_annotation WHERE article_id = %s AND origin = 'machine'",
        article.pk,
    )
    assert_no_duplicates(rows)
    assert counts["created"] == len(rows)


# --- 4. The same task delivered twice, concurrently -------------------------------------------


def test_same_task_delivered_twice_concurrently_gives_one_result(fault_env):
    article, run = create_article_without_enqueue("Twice")
    fault_env.hold()
    workers = [fault_env.worker(name, hold=True, barrier=2, wait=False) for name in ("one", "two")]
    for worker in workers:
        fault_env.wait_ready(worker)

    task_id = str(uuid.uuid4())
    for _ in range(2):  # the same message twice, as a redelivery racing the original would be
        analyze_article_task.apply_async(args=(article.pk, run.pk), task_id=task_id)

    # Both deliveries pass the barrier together; one holds the run inside its transaction while
    # the other finds it locked and returns None.
    wait_until(lambda: len(fault_env.markers("arrived-")) == 2, "both workers to receive the task", *workers)
    wait_until(
        lambda: any(f"[{task_id}] succeeded" in w.output() and ": None" in w.output() for w in workers),
        "the second delivery to give way",
        *workers,
    )
    wait_until(lambda: fault_env.markers("synced-"), "the other delivery to write its annotations", *workers)
    fault_env.release()
    wait_until(
        lambda: sum(f"[{task_id}] succeeded" in w.output() for w in workers) == 2, "both deliveries to finish", *workers
    )

    assert len(fault_env.markers("synced-")) == 1  # only one delivery ever reached the sync
    for worker in workers:
        assert received_ids(worker) == [task_id], worker.output()
    run.refresh_from_db()
    assert run.state == RunState.DONE, run.error
    assert AnalysisRun.objects.filter(article=article).count() == 1
    rows = machine_rows(article.pk)
    assert_no_duplicates(rows)
    assert run.counts["created"] == len(rows)
    results = [line for w in workers for line in w.output().splitlines() if f"[{task_id}] succeeded" in line]
    assert sum("'run_id'" in line for line in results) == 1, results
