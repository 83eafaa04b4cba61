"""Article records to import: JSON Lines (one object a line) or a folder of .html/.htm/.txt files.

Pure: records are parsed and validated here; extraction from HTML and storing are the importer's
(``manage.py import_articles``). Lines are split on ``\\n`` (and ``\\r\\n``) only, as JSON Lines
says: a JSON string may hold U+2028 or U+0085, which ``str.splitlines`` would also split on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from credibility.formats.records import RecordError

FIELDS = frozenset({"title", "text", "html", "url", "published_at", "outlet", "byline", "language"})
FOLDER_SUFFIXES = (".html", ".htm", ".txt")


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    title: str
    text: str  # the plain body; empty when ``html`` is given
    html: str
    url: str
    published_at: datetime | None
    outlet: str
    byline: str
    language: str
    fallback_title: str = ""  # a folder file's name, when the page has no headline


# A record as read: its position (line number or file name) and the record, or why it was refused.
ReadItem = tuple[int | str, "ArticleRecord | RecordError"]


def _string(record: dict[str, Any], name: str) -> str:
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError(f'"{name}" must be a string.')
    return value.strip() if name not in ("text", "html") else value


def _published_at(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise RecordError(f'"published_at" is not an ISO 8601 date or date-time: {value!r}.') from None
        parsed = datetime(day.year, day.month, day.day)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _url(value: str) -> str:
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in value):
        raise RecordError(f'"url" is not a valid http(s) URL: {value!r}.')
    return value


def article_record(record: dict[str, Any], *, fallback_title: str = "") -> ArticleRecord:
    """Validate one record; RecordError says what is wrong with it."""
    unknown = set(record) - FIELDS
    if unknown:
        raise RecordError(f"unknown field(s) {', '.join(sorted(unknown))}; accepted: {', '.join(sorted(FIELDS))}.")
    text, html = _string(record, "text"), _string(record, "html")
    if bool(text.strip()) == bool(html.strip()):
        raise RecordError('give either "text" or "html" (not both, not neither).')
    title = _string(record, "title")
    if text and not title:
        raise RecordError('"title" is required with "text".')
    return ArticleRecord(
        title=title,
        text=text,
        html=html,
        url=_url(_string(record, "url")),
        published_at=_published_at(_string(record, "published_at")),
        outlet=_string(record, "outlet"),
        byline=_string(record, "byline"),
        language=_string(record, "language"),
        fallback_title=fallback_title,
    )


def read_jsonl(text: str) -> list[ReadItem]:
    """Every non-blank line, by line number: its record, or the RecordError that skips it."""
    items: list[ReadItem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            items.append((number, RecordError(f"not valid JSON ({exc.msg} at column {exc.colno}).")))
            continue
        if not isinstance(record, dict):
            items.append((number, RecordError("expected a JSON object.")))
            continue
        try:
            items.append((number, article_record(record)))
        except RecordError as exc:
            items.append((number, exc))
    return items


def read_folder(path: Path) -> list[ReadItem]:
    """Every .html/.htm file (a web page) and .txt file (first line the title, the rest the body), by name."""
    items: list[ReadItem] = []
    for file in sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES):
        try:
            content = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            items.append((file.name, RecordError(f"cannot read: {exc}")))
            continue
        if file.suffix.lower() == ".txt":
            title, _, text = content.strip().partition("\n")
            record: dict[str, Any] = {"title": title.strip(), "text": text.strip()}
            fallback = ""
        else:
            record, fallback = {"html": content}, file.stem.replace("-", " ")
        try:
            items.append((file.name, article_record(record, fallback_title=fallback)))
        except RecordError as exc:
            items.append((file.name, exc))
    return items
