"""Test-only Celery app for the fault-injection tests: the production app and tasks, plus hooks.

``celery -A tests.integration.fault_app worker`` runs exactly the tasks of ``config.celery`` (the
same app object); this module only adds, in the worker process and driven by environment
variables, what makes a fault land at a known point. Production code has no test branches.

``FAULT_HOOK_DIR``            a directory shared with the test; marker files go there.
``FAULT_HOLD_AFTER_SYNC``     "1": inside the analysis transaction, right after the machine
                              annotations are written (uncommitted), write ``synced-<pid>`` and
                              wait while ``<dir>/hold`` exists (at most ``FAULT_HOLD_MAX`` s). The
                              test kills the worker, restarts PostgreSQL or lets another delivery
                              race it meanwhile, then removes ``hold``.
``FAULT_BARRIER_PARTIES``     N: before an analysis task runs, write ``arrived-<pid>-<task id>``
                              and wait until N such files exist (two deliveries run together).
``FAULT_VISIBILITY_TIMEOUT``  seconds before Redis hands an unacknowledged message to another
                              worker (kombu's ``visibility_timeout``; production: one hour), with
                              the restore sweep every second.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from celery.signals import task_prerun

from config.celery import app  # the production app: its settings, tasks and beat schedule

__all__ = ["app"]

HOOK_DIR = Path(os.environ["FAULT_HOOK_DIR"]) if os.environ.get("FAULT_HOOK_DIR") else None
HOLD_MAX = float(os.environ.get("FAULT_HOLD_MAX", "60"))

if os.environ.get("FAULT_VISIBILITY_TIMEOUT"):
    app.conf.broker_transport_options = {
        **(app.conf.broker_transport_options or {}),
        "visibility_timeout": float(os.environ["FAULT_VISIBILITY_TIMEOUT"]),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }


def _mark(name: str) -> None:
    assert HOOK_DIR is not None
    (HOOK_DIR / name).write_text(str(time.time()))


def _wait(condition, limit: float) -> None:
    deadline = time.monotonic() + limit
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def _sync_then_hold(**kwargs):
    counts = _real_sync(**kwargs)
    _mark(f"synced-{os.getpid()}")
    _wait(lambda: not (HOOK_DIR / "hold").exists(), HOLD_MAX)
    return counts


_real_sync = None
_BARRIER_PARTIES = int(os.environ.get("FAULT_BARRIER_PARTIES") or 0)


@task_prerun.connect(weak=False)
def _hooks(sender=None, task_id=None, **_kwargs):
    """Install the hooks once Django is set up (the first task), and run the barrier."""
    global _real_sync
    if HOOK_DIR is None or getattr(sender, "name", "") != "credibility.analyze_article":
        return
    if os.environ.get("FAULT_HOLD_AFTER_SYNC") == "1" and _real_sync is None:
        from credibility.services import analysis

        _real_sync = analysis.machine_annotations_sync
        analysis.machine_annotations_sync = _sync_then_hold
    if _BARRIER_PARTIES:
        _mark(f"arrived-{os.getpid()}-{task_id}")
        _wait(lambda: len(list(HOOK_DIR.glob("arrived-*"))) >= _BARRIER_PARTIES, HOLD_MAX)
