"""A time budget for one pipeline run, checked between detectors and inside their long loops.

Plain Python, no Django. ``analyze_text`` opens a deadline with ``deadline()``; the
segmenter and the detectors call ``check()`` once per sentence, token or cue (a clock
read and a context-variable look-up, well under a microsecond), which raises
``BudgetExceeded`` once the deadline has passed. The pipeline catches it, keeps the
findings of the detectors that finished and reports which step was cut. Outside a
deadline ``check()`` never raises, so detectors can be run on their own as before.

Time alone does not keep hostile text cheap: a text made of speech cues ("Aaa said Aab said
...") or of distinct unknown words costs a few times more per character than prose, every
step linear, because each cue or word gets the full treatment. ``Allowance`` caps such a
costly step per run in proportion to the text's length, far above what edited prose needs
(the rates are measured on real news, see each caller). Past it the detector skips the step
for the rest of the text; ``allowances()``, opened by the pipeline, collects the allowances
used up so the run can say which checks stopped and where.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

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


@dataclass(slots=True)
class Allowance:
    """How many times one costly step may run in one analysis (see the module docstring).

    ``take(position)`` answers whether the step may run once more (``amount`` times more: a step
    whose cost comes in units, such as index keys); the first refusal
    records where (a character offset) so the notice can say from where the text went
    unchecked.
    """

    step: str  # what is skipped once the allowance is used up, in words
    limit: int
    used: int = 0
    stopped_at: int | None = None

    def take(self, position: int, amount: int = 1) -> bool:
        if self.used + amount <= self.limit:
            self.used += amount
            return True
        if self.stopped_at is None:
            self.stopped_at = position
        return False

    @property
    def exhausted(self) -> bool:
        return self.stopped_at is not None


_ALLOWANCES: ContextVar[list[Allowance] | None] = ContextVar("analysis_allowances", default=None)


def allowance(step: str, *, text_length: int, floor: int, per_1000_chars: float) -> Allowance:
    """A new allowance of ``floor + per_1000_chars`` per 1,000 characters of text for ``step``.

    Registered with the run's ``allowances()`` when one is open; a detector run on its own
    gets the same limit, unrecorded.
    """
    spent = Allowance(step=step, limit=floor + int(per_1000_chars * text_length / 1000))
    registry = _ALLOWANCES.get()
    if registry is not None:
        registry.append(spent)
    return spent


@contextmanager
def allowances() -> Iterator[list[Allowance]]:
    """Collect the allowances the detectors open inside the block (the list is filled as they run)."""
    registry: list[Allowance] = []
    token = _ALLOWANCES.set(registry)
    try:
        yield registry
    finally:
        _ALLOWANCES.reset(token)
