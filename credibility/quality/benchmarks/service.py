"""Benchmarks that need PostgreSQL, Redis, gunicorn and Celery: end to end, API, growth, memory.

The ``bench`` command creates a scratch database for each run (``<name>_bench_<pid>``), migrates
it, runs each stage in a child ``manage.py bench --stage ...`` process pointed at it, and drops it
afterwards. Stages print one JSON line of figures. Servers run as subprocesses on a free
loopback port; every subprocess is stopped by its own process group when the stage ends.

Figures are medians or totals over a bounded run (fixed duration, fixed concurrency): the
machine is shared and noisy, so ratios measured side by side matter more than absolutes.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[3]
BENCH_SETTINGS = "credibility.quality.benchmarks.settings"


# --- processes and measurements --------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def peak_rss_mb(pid: int) -> float:
    """VmHWM (peak resident set) of a live process, in MiB; 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a live process has used so far (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child_pids(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


@contextlib.contextmanager
def subprocess_group(argv: list[str], *, env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``argv`` in its own session; SIGTERM (then SIGKILL) its whole group on the way out."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def wait_listening(process: subprocess.Popen[bytes], port: int, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError as exc:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"server not listening after {timeout}s:\n{log.read_text(errors='replace')[-3000:]}"
                ) from exc
            time.sleep(0.2)


def server_env(*, database_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": BENCH_SETTINGS,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DEBUG": "0",
        "THROTTLE_RATE_USER": "100000000/minute",
        "THROTTLE_RATE_ANON": "100000000/minute",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)  # throttle counters in local memory: the bench measures the views
    env.update(extra or {})
    return env


def gunicorn_argv(port: int, *, workers: int, threads: int, timeout: int = 120) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--keep-alive",
        "75",
        "--timeout",
        str(timeout),
        "--log-level",
        "warning",
    ]


def request(
    conn: http.client.HTTPConnection, method: str, path: str, *, token: str, body: Any = None
) -> tuple[int, bytes]:
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=payload, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


@dataclass(frozen=True, slots=True)
class LoadFigures:
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float


def load(*, port: int, path: str, token: str, seconds: float, concurrency: int) -> LoadFigures:
    """``concurrency`` client threads, each with a keep-alive connection, GET ``path`` for ``seconds``."""
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    start = time.perf_counter()
    deadline = start + seconds

    def client(slot: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                status, _ = request(conn, "GET", path, token=token)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                errors[slot] += 1
                continue
            latencies[slot].append((time.perf_counter() - began) * 1000)
            if status != 200:
                errors[slot] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(slot,), daemon=True) for slot in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    flat = [ms for per in latencies for ms in per]
    return LoadFigures(
        requests=len(flat),
        errors=sum(errors),
        seconds=elapsed,
        rps=len(flat) / elapsed if elapsed else 0.0,
        p50_ms=percentile(flat, 0.5),
        p99_ms=percentile(flat, 0.99),
    )


# --- the scratch database (parent side) -----------------------------------------------------
@contextlib.contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A fresh, empty database next to ``url``'s, dropped on the way out."""
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'cred'}_bench_{os.getpid()}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def child_env(database_url: str) -> dict[str, str]:
    """This process's environment on the scratch database, with DEBUG off (no query log growing)."""
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    return env


def run_stage(stage: str, *, database_url: str, quick: bool, timeout: float = 3600) -> dict[str, Any]:
    """Run ``manage.py bench --stage <stage>`` on the scratch database; its last stdout line is JSON."""
    env = child_env(database_url)
    argv = [sys.executable, "manage.py", "bench", "--stage", stage, *(["--quick"] if quick else [])]
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"stage {stage} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def migrate(database_url: str) -> None:
    env = child_env(database_url)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)


# --- stages (child side: Django is set up on the scratch database) ---------------------------
def _bench_user() -> tuple[Any, str]:
    """An annotator with an API token (the role that may write articles)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    user = get_user_model().objects.create_user(username=f"bench-{uuid.uuid4().hex[:8]}", password=None)
    user.groups.add(Group.objects.get_or_create(name="annotator")[0])
    return user, Token.objects.create(user=user).key


def _database_url() -> str:
    return os.environ["DATABASE_URL"]


def e2e_stage(*, articles: Sequence[str], batch: int = 500, workers: int = 2, timeout: float = 900) -> dict[str, Any]:
    """Ingest ``articles`` through POST /articles/bulk/ and wait until 2 Celery workers analysed them all."""
    from django.db.models import Count

    from credibility.models import AnalysisRun, RunState

    _, token = _bench_user()
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = server_env(
        database_url=_database_url(),
        extra={
            "CELERY_BROKER_URL": redis_url,
            "BENCH_CELERY_QUEUE": queue,
            "CELERY_ANALYSIS_QUEUE": f"{queue}-analysis",
            "CELERY_RECHECK_QUEUE": f"{queue}-recheck",
        },
    )
    port = free_port()
    logs = Path(os.environ.get("BENCH_LOG_DIR", "/tmp"))
    with contextlib.ExitStack() as stack:
        web_log = logs / f"bench-e2e-web-{port}.log"
        web = stack.enter_context(subprocess_group(gunicorn_argv(port, workers=2, threads=2), env=env, log=web_log))
        pool = []
        for n in range(workers):
            argv = [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-P",
                "solo",
                "-Q",
                f"{queue}-analysis,{queue}",
                "-n",
                f"{queue}-{n}@%h",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "WARNING",
            ]
            pool.append(
                stack.enter_context(subprocess_group(argv, env=env, log=logs / f"bench-e2e-worker-{port}-{n}.log"))
            )
        wait_listening(web, port, web_log)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        began = time.perf_counter()
        created = duplicates = invalid = 0
        for offset in range(0, len(articles), batch):
            items = [
                {"title": f"Bench article {offset + i}", "body": body, "url": f"https://bench.example.org/{offset + i}"}
                for i, body in enumerate(articles[offset : offset + batch])
            ]
            status, raw = request(conn, "POST", "/api/v1/articles/bulk/", token=token, body={"articles": items})
            if status != 200:
                raise RuntimeError(f"bulk ingest answered {status}: {raw[:500]!r}")
            data = json.loads(raw)
            created, duplicates, invalid = (
                created + data["created"],
                duplicates + data["duplicates"],
                invalid + data["invalid"],
            )
        ingested = time.perf_counter()
        # A duplicate batch: every item reported as a duplicate, nothing stored twice.
        replay = [{"title": "again", "body": articles[0], "url": "https://bench.example.org/0"}]
        _, raw = request(conn, "POST", "/api/v1/articles/bulk/", token=token, body={"articles": replay})
        replay_duplicates = json.loads(raw)["duplicates"]
        conn.close()
        done = failed = 0
        while time.perf_counter() - ingested < timeout:
            counts = dict(AnalysisRun.objects.values_list("state").annotate(n=Count("id")).order_by())
            done, failed = counts.get(RunState.DONE, 0), counts.get(RunState.FAILED, 0)
            if done + failed >= created:
                break
            time.sleep(0.5)
        finished = time.perf_counter()
        worker_rss = [max([peak_rss_mb(w.pid), *(peak_rss_mb(c) for c in child_pids(w.pid))]) for w in pool]
        # CPU the workers spent (solo pool: the analysis runs in the worker process itself), a
        # figure the other load on a shared machine does not inflate the way it does wall time.
        worker_cpu = sum(cpu_seconds(w.pid) + sum(cpu_seconds(c) for c in child_pids(w.pid)) for w in pool)
    return {
        "articles": len(articles),
        "created": created,
        "duplicates": duplicates,
        "invalid": invalid,
        "replay_duplicates": replay_duplicates,
        "analysed": done,
        "failed": failed,
        "ingest_seconds": ingested - began,
        "ingest_per_second": created / (ingested - began),
        "analysis_seconds": finished - began,
        "analysis_per_second": done / (finished - began),
        "after_ingest_seconds": finished - ingested,
        "workers": workers,
        "worker_peak_rss_mb": worker_rss,
        "worker_cpu_seconds": worker_cpu,
        "worker_cpu_ms_per_article": 1000 * worker_cpu / done if done else None,
        "complete": done == created,
    }


# Bodies for populated rows: long enough for every span below.
_SENTENCE = "The council said taxes rose by 4% last year, according to figures seen by reporters. "


def populate_api(
    *, detail_annotations: int = 200, articles: int = 100, per_article: int = 20, sources: int = 200
) -> dict[str, Any]:
    """An article with ``detail_annotations`` annotations, plus ``articles`` x ``per_article`` more, and sources."""
    from annotations.models import Annotation, Article
    from credibility.models import Source
    from credibility.services.sources import source_get_or_create

    made_sources = [source_get_or_create(name=f"Bench Source {n}", kind="organization") for n in range(sources)]
    for source in made_sources[:50]:
        source.aliases.create(alias=f"BS{source.pk}")
    body = _SENTENCE * (detail_annotations + 5)
    detail = Article.objects.create(title="Bench detail", body=body, body_sha256="0" * 64)
    others = Article.objects.bulk_create(
        [Article(title=f"Bench {n}", body=_SENTENCE * (per_article + 5), body_sha256="0" * 64) for n in range(articles)]
    )
    rows = []
    kinds = ("typo", "unverified_claim", "source_attribution", "contradicted_claim", "note")
    for article, count in [(detail, detail_annotations), *((a, per_article) for a in others)]:
        for n in range(count):
            start = n * len(_SENTENCE)
            kind = kinds[n % len(kinds)]
            rows.append(
                Annotation(
                    article=article,
                    kind=kind,
                    start=start + 4,
                    end=start + 11,
                    quote=article.body[start + 4 : start + 11],
                    origin="machine" if kind != "note" else "editor",
                    detector="bench@1" if kind != "note" else "",
                    confidence=0.8,
                    explanation="bench",
                    reason="unsourced" if kind == "unverified_claim" else "",
                    source=made_sources[n % len(made_sources)] if kind == "source_attribution" else None,
                )
            )
    Annotation.objects.bulk_create(rows, batch_size=2000)
    return {"detail_article": detail.pk, "annotations": len(rows), "sources": Source.objects.count()}


API_ENDPOINTS = (
    ("article detail (200 annotations)", "/api/v1/articles/{detail}/", "/bench/baseline/articles/{detail}/"),
    ("annotations ?kind=typo", "/api/v1/annotations/?kind=typo", "/bench/baseline/annotations/?kind=typo"),
    ("flagged-claim report", "/api/v1/reports/flagged-claims/", "/bench/baseline/flagged-claims/"),
    ("sources", "/api/v1/sources/", "/bench/baseline/sources/"),
)


def api_stage(*, seconds: float, concurrency: int = 4, rounds: int = 2) -> dict[str, Any]:
    """Each endpoint and its baseline, alternated ``rounds`` times under the same load; medians per side."""
    from django.db import connection

    populated = populate_api()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    _, token = _bench_user()
    port = free_port()
    log = Path(os.environ.get("BENCH_LOG_DIR", "/tmp")) / f"bench-api-{port}.log"
    env = server_env(database_url=_database_url())
    results: dict[str, Any] = {}
    with subprocess_group(gunicorn_argv(port, workers=2, threads=2), env=env, log=log) as web:
        wait_listening(web, port, log)
        for label, drf, plain in API_ENDPOINTS:
            paths = {
                "drf": drf.format(detail=populated["detail_article"]),
                "baseline": plain.format(detail=populated["detail_article"]),
            }
            for path in paths.values():  # warm: imports, connections, caches
                load(port=port, path=path, token=token, seconds=0.5, concurrency=1)
            runs: dict[str, list[LoadFigures]] = {"drf": [], "baseline": []}
            for _ in range(rounds):
                for side, path in paths.items():
                    runs[side].append(load(port=port, path=path, token=token, seconds=seconds, concurrency=concurrency))
            results[label] = {
                side: {
                    "rps": statistics.median(r.rps for r in figures),
                    "p50_ms": statistics.median(r.p50_ms for r in figures),
                    "p99_ms": statistics.median(r.p99_ms for r in figures),
                    "requests": sum(r.requests for r in figures),
                    "errors": sum(r.errors for r in figures),
                }
                for side, figures in runs.items()
            }
            results[label]["ratio"] = results[label]["drf"]["rps"] / (results[label]["baseline"]["rps"] or 1)
        rss = [peak_rss_mb(pid) for pid in child_pids(web.pid)]
    return {
        "populated": populated,
        "endpoints": results,
        "gunicorn_worker_peak_rss_mb": rss,
        "concurrency": concurrency,
        "seconds_per_run": seconds,
        "rounds": rounds,
    }


def _grow_annotations(total: int) -> None:
    """Add machine annotations (a realistic kind mix, 100 per article) until there are ``total``."""
    from annotations.models import Annotation, Article

    have = Annotation.objects.count()
    kinds = ("typo",) * 5 + ("source_attribution",) * 3 + ("unverified_claim",) + ("contradicted_claim",)
    per_article = 100
    while have < total:
        count = min(per_article, total - have)
        article = Article.objects.create(
            title=f"Growth {have}", body=_SENTENCE * (per_article + 1), body_sha256="0" * 64
        )
        Annotation.objects.bulk_create(
            [
                Annotation(
                    article=article,
                    kind=kinds[n % len(kinds)],
                    start=n * len(_SENTENCE) + 4,
                    end=n * len(_SENTENCE) + 11,
                    quote=article.body[n * len(_SENTENCE) + 4 : n * len(_SENTENCE) + 11],
                    origin="machine",
                    detector="growth@1",
                    confidence=0.7,
                    reason="unsourced" if kinds[n % len(kinds)] == "unverified_claim" else "",
                )
                for n in range(count)
            ]
        )
        have += count


GROWTH_QUERIES = (
    ("flagged-claim report", "/api/v1/reports/flagged-claims/"),
    ("annotations ?kind=typo", "/api/v1/annotations/?kind=typo"),
    ("annotations ?kind=unverified_claim&status=open", "/api/v1/annotations/?kind=unverified_claim&status=open"),
)


def growth_stage(*, sizes: Sequence[int], requests: int = 30) -> dict[str, Any]:
    """p50 of each query (in-process test client, page 1) as the annotation table grows."""
    from django.db import connection
    from rest_framework.test import APIClient

    user, _ = _bench_user()
    client = APIClient(HTTP_HOST="127.0.0.1")  # an ALLOWED_HOSTS name
    client.force_authenticate(user)
    out: dict[str, dict[str, float]] = {label: {} for label, _ in GROWTH_QUERIES}
    for size in sizes:
        _grow_annotations(size)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE annotations_annotation")
        for label, path in GROWTH_QUERIES:
            client.get(path)
            times = []
            for _ in range(requests):
                began = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, response.content[:300]
            out[label][str(size)] = statistics.median(times)
    return {"sizes": list(sizes), "p50_ms": out}


def memory_stage(*, articles: Sequence[str], timeout: float = 600) -> dict[str, Any]:
    """Peak RSS of a real worker (solo pool) after analysing ``articles`` stored articles, and its rate."""
    result = e2e_stage(articles=articles, workers=1, timeout=timeout)
    return {
        "articles": result["analysed"],
        "worker_peak_rss_mb": result["worker_peak_rss_mb"][0],
        "analysis_per_second": result["analysis_per_second"],
    }


# --- anchoring and heavy requests (issue 15) --------------------------------------------------------
def _cpu_and_wall(call: Any) -> tuple[Any, float, float]:
    """``call()``'s result, CPU seconds of this process and wall seconds (the in-process client runs the server code here)."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = call()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def _bench_prose(length: int, seed: int = 1) -> str:
    import random

    # No "a" and no word twice in a row: the typo detector flags "a about" and "the the" as slips,
    # and this text stands for prose, not for a page of typos.
    words = (
        "the council said taxes will rise by four percent next year according to officials who spoke on "
        "Tuesday after the long debate in parliament about the budget and the harbour bridge closure"
    ).split()
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < length:
        chosen: list[str] = []
        for _ in range(rng.randint(8, 24)):
            word = rng.choice(words)
            while chosen and word == chosen[-1]:
                word = rng.choice(words)
            chosen.append(word)
        sentence = " ".join(chosen).capitalize() + ". "
        parts.append(sentence + ("\n\n" if rng.random() < 0.2 else ""))
        size += len(parts[-1])
    return "".join(parts)[:length].rstrip() + "."


def anchoring_stage(*, annotations: int = 200) -> dict[str, Any]:
    """Server-side CPU of the requests issue 15 bounds, through the API (in-process client, no network):

    - PATCH of a 200,000-character article with 20 scattered edits, ``annotations`` spans re-anchored;
    - the adversarial W3C import (10 items, quote "ab", 300-character prefix/suffix, body "ab " repeated);
    - GET revisions/diff of that edit (stored at save) and of a pair computed on first read;
    - GET credibility and the flagged-claim report of a hostile article (40,000 characters of "?!").

    Analysis is not run (the enqueue is a no-op, as with a broker): these are the web requests alone.
    """
    import random
    from unittest import mock

    from rest_framework.test import APIClient

    from annotations.models import Annotation, Article
    from annotations.services.annotations import annotation_create
    from annotations.services.articles import article_create
    from credibility.retrieval.statements import sentence_bounds_build, sentence_bounds_store

    user, _ = _bench_user()
    client = APIClient(HTTP_HOST="127.0.0.1")
    client.force_authenticate(user)
    out: dict[str, Any] = {}
    with mock.patch("credibility.services.analysis.analysis_run_enqueue", return_value=True):
        body = _bench_prose(199_500)
        article = article_create(title="Long article", body=body, created_by=user)
        # Analysed first, as a stored article is: its machine annotations are re-anchored too.
        from credibility.models import AnalysisRun
        from credibility.services.analysis import analysis_run_execute

        analysis_run_execute(run_id=AnalysisRun.objects.filter(article=article).latest("id").pk)
        rng = random.Random(3)
        for n in range(annotations):
            start = body.index(" ", rng.randrange(0, len(body) - 200)) + 1
            end = body.index(" ", start + rng.randint(5, 40))
            if Annotation.objects.filter(article=article, kind="note", start=start, end=end).exists():
                continue
            annotation_create(article=article, kind="note", start=start, end=end, comment=f"n{n}", created_by=user)
        step = len(body) // 20
        pieces, at = [], 0
        for i in range(20):
            cut = i * step + rng.randrange(step // 4, step // 2)
            pieces.append(body[at:cut] + f" (edit {i}) ")
            at = cut + rng.randint(0, 12)
        new_body = "".join(pieces) + body[at:]
        article.refresh_from_db()
        response, cpu, wall = _cpu_and_wall(
            lambda: client.patch(
                f"/api/v1/articles/{article.pk}/",
                {"body": new_body},
                format="json",
                HTTP_IF_MATCH=f'"{article.version}"',
            )
        )
        assert response.status_code == 200, response.content[:300]
        states = {
            s: Annotation.objects.filter(article=article, anchor_state=s).count()
            for s in ("anchored", "moved", "orphaned")
        }
        wrong = sum(
            new_body[a.start : a.end] != a.quote
            for a in Annotation.objects.filter(article=article).exclude(anchor_state="orphaned")
        )
        out["edit"] = {
            "chars": len(body),
            "edits": 20,
            "annotations": sum(states.values()),
            "states": states,
            "misplaced": wrong,
            "cpu_s": cpu,
            "wall_s": wall,
        }

        diff, cpu, wall = _cpu_and_wall(
            lambda: client.get(f"/api/v1/articles/{article.pk}/revisions/diff/", {"from": 1, "to": 2})
        )
        assert diff.status_code == 200
        out["diff_stored"] = {"cpu_s": cpu, "wall_s": wall, "opcodes": len(diff.json()["opcodes"])}
        article.refresh_from_db()
        third = new_body.replace("council", "Council", 15)
        client.patch(
            f"/api/v1/articles/{article.pk}/", {"body": third}, format="json", HTTP_IF_MATCH=f'"{article.version}"'
        )
        diff, cpu, wall = _cpu_and_wall(
            lambda: client.get(f"/api/v1/articles/{article.pk}/revisions/diff/", {"from": 1, "to": 3})
        )
        assert diff.status_code == 200
        out["diff_first_read"] = {"cpu_s": cpu, "wall_s": wall, "opcodes": len(diff.json()["opcodes"])}
        _, cpu, wall = _cpu_and_wall(
            lambda: client.get(f"/api/v1/articles/{article.pk}/revisions/diff/", {"from": 1, "to": 3})
        )
        out["diff_cached"] = {"cpu_s": cpu, "wall_s": wall}

        target = article_create(title="ab", body=("ab " * 66_500).strip(), created_by=user)
        item = {
            "type": "Annotation",
            "body": [{"type": "TextualBody", "value": "x", "purpose": "commenting"}],
            "target": {
                "selector": [{"type": "TextQuoteSelector", "exact": "ab", "prefix": "ab " * 100, "suffix": " ab" * 100}]
            },
        }
        payload = json.dumps([item] * 10)
        response, cpu, wall = _cpu_and_wall(
            lambda: client.post(f"/api/v1/articles/{target.pk}/import/", payload, content_type="application/json")
        )
        assert response.status_code == 200, response.content[:300]
        out["w3c_import"] = {
            "request_bytes": len(payload),
            "body_chars": len(target.body),
            "cpu_s": cpu,
            "wall_s": wall,
            "unanchored": sum(1 for r in response.json()["refused"] if r["code"] == "unanchored"),
        }

        periodic = article_create(title="Periodic", body=("ab " * 66_500).strip(), created_by=user)
        for _ in range(annotations):
            start = 3 * rng.randrange(0, 66_000)
            if not Annotation.objects.filter(article=periodic, kind="note", start=start, end=start + 2).exists():
                annotation_create(
                    article=periodic, kind="note", start=start, end=start + 2, comment="p", created_by=user
                )
        edited = list(periodic.body)
        for _ in range(20):
            edited[3 * rng.randrange(0, 66_000)] = "x"
        periodic.refresh_from_db()
        response, cpu, wall = _cpu_and_wall(
            lambda: client.patch(
                f"/api/v1/articles/{periodic.pk}/",
                {"body": "".join(edited)},
                format="json",
                HTTP_IF_MATCH=f'"{periodic.version}"',
            )
        )
        assert response.status_code == 200, response.content[:300]
        out["periodic_edit"] = {
            "chars": len(periodic.body),
            "cpu_s": cpu,
            "wall_s": wall,
            "orphaned": Annotation.objects.filter(article=periodic, anchor_state="orphaned").count(),
        }

        paragraph = "<p>" + _bench_prose(400, seed=4) + "</p>\n"
        html = "<html><body><article>" + paragraph * (4_500_000 // len(paragraph)) + "</article></body></html>"
        response, cpu, wall = _cpu_and_wall(
            lambda: client.post("/api/v1/articles/", {"title": "T", "html": html}, format="json")
        )
        out["html_paragraphs"] = {"bytes": len(html), "status": response.status_code, "cpu_s": cpu, "wall_s": wall}
        attributes = " ".join(f'data-a{i}="v"' for i in range(250_000))
        html = (
            f"<html><head><title>Attributes</title></head><body><article><div {attributes}><p>"
            f"{_bench_prose(2000, seed=5)}</p></div></article></body></html>"
        )
        response, cpu, wall = _cpu_and_wall(lambda: client.post("/api/v1/articles/", {"html": html}, format="json"))
        out["html_attributes"] = {
            "bytes": len(html),
            "status": response.status_code,
            "cpu_s": cpu,
            "wall_s": wall,
            "answer": response.content[:200].decode(errors="replace"),
        }

        hostile = article_create(title="Hostile", body="?!" * 20_000, created_by=user)
        for n in range(300):  # flags and attributions all over it: scoring looks up each one's sentences
            kind = "source_attribution" if n % 3 == 0 else "unverified_claim"
            annotation_create(
                article=hostile,
                kind=kind,
                start=n * 130,
                end=n * 130 + 6,
                reason="unsourced" if kind == "unverified_claim" else "",
                created_by=user,
            )
        hostile = Article.objects.get(pk=hostile.pk)
        bounds, segment_cpu, _ = _cpu_and_wall(lambda: sentence_bounds_build(hostile.body))
        sentence_bounds_store(article_id=hostile.pk, sha=hostile.body_sha256, bounds=bounds)
        reads = {}
        for label, path in (
            ("credibility", f"/api/v1/articles/{hostile.pk}/credibility/"),
            ("report", "/api/v1/reports/flagged-claims/?page_size=100"),
        ):
            response, cpu, wall = _cpu_and_wall(lambda path=path: client.get(path))
            assert response.status_code == 200, response.content[:300]
            reads[label] = {"cpu_s": cpu, "wall_s": wall}
        out["hostile_reads"] = {"chars": len(hostile.body), "segmentation_at_analysis_cpu_s": segment_cpu, **reads}
    return out


# --- the article workspace (issue 21) -------------------------------------------------------------
class _ElementCounter(HTMLParser):
    """Counts the elements of an HTML page as a browser's parser would create them (tags, not text)."""

    def __init__(self) -> None:
        super().__init__()
        self.elements = 0
        self.segments = 0
        self.table_rows = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        if tag == "tr":
            self.table_rows += 1
        if tag == "span" and ("class", "seg") in attrs:
            self.segments += 1


def workspace_stage(*, chars: int = 150_000, annotations: int = 1000, runs: int = 5) -> dict[str, Any]:
    """The article workspace of a ``chars``-character article with about ``annotations`` annotations.

    The article is analysed (its machine flags), then topped up with editor notes to ``annotations``.
    Measured in-process (Django's test client, no network): the admin change page (median server CPU and
    wall time over ``runs`` requests after one warm-up, bytes, elements of the served HTML, table rows)
    and the article read the page's script makes (GET /api/v1/articles/{id}/, which embeds every
    annotation). The script then redraws the same segments and at most 50 list items.
    """
    import random
    from unittest import mock

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from annotations.models import Annotation
    from annotations.services.annotations import annotation_create
    from annotations.services.articles import article_create
    from credibility.models import AnalysisRun
    from credibility.services.analysis import analysis_run_execute

    user = get_user_model().objects.create_superuser(username=f"bench-{uuid.uuid4().hex[:8]}", password=None)
    with mock.patch("credibility.services.analysis.analysis_run_enqueue", return_value=True):
        body = _bench_prose(chars, seed=21)
        article = article_create(title="A long article", body=body, created_by=user)
        analysis_run_execute(run_id=AnalysisRun.objects.filter(article=article).latest("id").pk)
        machine = Annotation.objects.filter(article=article).count()
        rng = random.Random(21)
        while Annotation.objects.filter(article=article).count() < annotations:
            start = body.index(" ", rng.randrange(0, len(body) - 200)) + 1
            end = body.index(" ", start + rng.randint(3, 40))
            if not Annotation.objects.filter(article=article, kind="note", start=start, end=end).exists():
                annotation_create(article=article, kind="note", start=start, end=end, comment="n", created_by=user)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    out: dict[str, Any] = {
        "chars": len(body),
        "annotations": Annotation.objects.filter(article=article).count(),
        "machine": machine,
        # "partial" when the analysis stopped at its time budget (a loaded machine): fewer machine flags.
        "analysis_state": type(article).objects.get(pk=article.pk).analysis_state,
    }
    for label, path in (
        ("page", reverse("admin:annotations_article_change", args=[article.pk])),
        ("api", f"/api/v1/articles/{article.pk}/"),
    ):
        response = client.get(path)  # warm: templates, imports, connections
        assert response.status_code == 200, response.content[:300]
        cpu, wall = [], []
        for _ in range(runs):
            response, spent, elapsed = _cpu_and_wall(lambda path=path: client.get(path))
            assert response.status_code == 200
            cpu.append(spent)
            wall.append(elapsed)
        out[label] = {
            "cpu_s": statistics.median(cpu),
            "wall_s": statistics.median(wall),
            "bytes": len(response.content),
        }
        if label == "page":
            counter = _ElementCounter()
            counter.feed(response.content.decode())
            out[label] |= {
                "elements": counter.elements,
                "segments": counter.segments,
                "table_rows": counter.table_rows,
            }
    return out
