"""A time budget for one pipeline run, checked between detectors and inside their long loops.

Plain Python, no Django. ``analyze_text`` opens a deadline with ``deadline()``; the
segmenter and the detectors call ``check()`` once per sentence, token or cue (a clock
read and a context-variable look-up, well under a microsecond), which raises
``BudgetExceeded`` once the deadline has passed. The pipeline catches it, keeps the
findings of the detectors that finished and reports which step was cut. Outside a
deadline ``check()`` never raises, so detectors can be run on their own as before.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_DEADLINE: ContextVar[float] = ContextVar("analysis_deadline", default=math.inf)


class BudgetExceeded(Exception):
    """The running analysis went past its deadline."""


def check() -> None:
    """Raise ``BudgetExceeded`` when the current deadline (if any) has passed."""
    if time.perf_counter() > _DEADLINE.get():
        raise BudgetExceeded


def remaining() -> float:
    """Seconds left before the current deadline (``math.inf`` outside one)."""
    return _DEADLINE.get() - time.perf_counter()


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Run the block under a deadline ``seconds`` from now (None: no new limit); nested ones keep the earlier."""
    if seconds is None:
        yield
        return
    token = _DEADLINE.set(min(_DEADLINE.get(), time.perf_counter() + seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)
