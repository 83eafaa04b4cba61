"""A progress bar for long commands: drawn on a terminal, silent otherwise.

Commands print their own one-line summary at the end either way, so a log or a pipe gets one
line per run instead of hundreds of carriage returns. The bar goes to stderr, which keeps
stdout clean for summaries and ``--json`` output.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any, TextIO, TypeVar

T = TypeVar("T")


def _is_tty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # a closed stream
        return False


class Progress:
    """``with Progress(total=n, label="import") as bar: ... bar.advance()``.

    ``enabled`` defaults to "the stream is a terminal". Redraws at most ten times a second, and
    always at the end. ``total`` may be None (a counter without a bar).
    """

    def __init__(
        self, *, total: int | None, label: str = "", stream: TextIO | Any | None = None,
        enabled: bool | None = None, width: int = 30,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.label = label
        self.width = width
        self.done = 0
        self.enabled = _is_tty(self.stream) if enabled is None else enabled
        self.started = time.monotonic()
        self._drawn_at = 0.0

    def __enter__(self) -> Progress:
        self._draw(force=True)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._draw()

    def iterate(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            yield item
            self.advance()

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        label = f"{self.label} " if self.label else ""
        if not self.total:
            return f"{label}{self.done} done ({elapsed:.1f} s)"
        share = min(1.0, self.done / self.total)
        filled = int(share * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        eta = ""
        if 0 < self.done < self.total:
            eta = f", {elapsed / self.done * (self.total - self.done):.0f} s left"
        return f"{label}[{bar}] {self.done}/{self.total} {share:4.0%} ({elapsed:.1f} s{eta})"

    def _draw(self, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn_at < 0.1 and self.done != self.total:
            return
        self._drawn_at = now
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
            self.enabled = False


class CountingList(list):  # type: ignore[type-arg]
    """A list that advances a Progress as it is iterated: progress for services that take a list
    and loop over it once, without changing them."""

    def __init__(self, items: Iterable[Any], progress: Progress) -> None:
        super().__init__(items)
        self._progress = progress

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            yield item
            self._progress.advance()
