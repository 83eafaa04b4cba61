"""What every reader returns: a document's records, each parsed or refused with its reason and position.

``RecordError`` is why one record (or a whole document) cannot be imported.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # claimreview.py reads into these; importing it here would be a cycle
    from credibility.formats.claimreview import ParsedFactCheck


class RecordError(ValueError):
    """A record that cannot be imported; the message says why."""


@dataclass(frozen=True, slots=True)
class RecordRead:
    position: int
    parsed: ParsedFactCheck | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ReadDocument:
    format: str
    position_unit: str  # "record" or "line"
    records: Collection[RecordRead]  # a list; the import command wraps it in a progress bar (len and one pass)


def record_read(position: int, build: Any, *args: Any) -> RecordRead:
    try:
        return RecordRead(position=position, parsed=build(*args))
    except RecordError as exc:
        return RecordRead(position=position, error=str(exc))
