"""Import articles from a JSON Lines file or a folder of .html/.txt files."""
from __future__ import annotations

import json
from pathlib import Path
from datetime import datetime, timezone as dt_timezone
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.core.validators import URLValidator
from django.utils.dateparse import parse_date, parse_datetime
from django.utils import timezone
from tqdm import tqdm

from credibility.ingestion.extract import ExtractionError, html_extract
from credibility.management.help_format import RawHelpCommand
from credibility.models import Source, SourceKind
from credibility.services.ingestion import IngestOutcome, article_ingest_text
from credibility.services.sources import source_get_or_create

HELP = """\
Import articles from PATH:
  a JSON Lines file   one object per line: {"title", "text" or "html", "url", "published_at",
                      "outlet"} (also "byline", "language"). "text" is the plain body; "html" is a
                      web page whose main text, headline, byline and date are extracted (a given
                      "title"/"published_at" wins over the page's). "title" is required with
                      "text". "published_at" is ISO 8601; "outlet" is a Source name (an outlet
                      is created when none exists). Blank lines are ignored.
  a folder            every .html/.htm file (extracted like "html") and .txt file (first line is
                      the title, the rest the body), in name order.

Each record is validated; a bad one is skipped and reported with its line number (or file
name) and the rest go in. A record whose url or text is already stored is reported as a
duplicate of that article and not imported again, so running the same file twice changes
nothing. New articles are analysed like any other. Prints a progress bar on a terminal and
a one-line summary; exit status 1 with --strict when any record was skipped."""

FIELDS = frozenset({"title", "text", "html", "url", "published_at", "outlet", "byline", "language"})
_url = URLValidator(schemes=["http", "https"])


class RecordError(ValueError):
    pass


def _string(record: dict[str, Any], name: str) -> str:
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError(f'"{name}" must be a string.')
    return value


def _published_at(value: str) -> Any:
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            raise RecordError(f'"published_at" is not an ISO 8601 date or date-time: {value!r}.')
        parsed = datetime(day.year, day.month, day.day)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, dt_timezone.utc)


class Command(RawHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A .jsonl file or a folder of .html/.txt files.")
        parser.add_argument("--strict", action="store_true", help="Exit with status 1 if any record was skipped.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if path.is_dir():
            items = self._folder(path)
            unit = "file"
        else:
            items = self._jsonl(path)
            unit = "line"
        created, duplicates, skipped = 0, [], []
        outlets: dict[str, Source] = {}
        # A bar on a terminal only (tqdm's disable=None); the summary below either way.
        with tqdm(items, desc=f"importing {path.name}", unit=unit, file=self.stderr._out, disable=None) as bar:
            for position, record in bar:
                try:
                    if isinstance(record, Exception):
                        raise record
                    outcome = self._import(record, outlets)
                except (RecordError, ValidationError, ExtractionError) as exc:
                    message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                    skipped.append((position, message))
                    continue
                if outcome.created:
                    created += 1
                else:
                    duplicates.append((position, outcome.article.pk))
        total = len(items)
        self.stdout.write(
            f"{path}: {total} record{'s' if total != 1 else ''}; created {created}, "
            f"duplicates {len(duplicates)}, skipped {len(skipped)}."
        )
        for position, article_id in duplicates:
            self.stdout.write(f"  duplicate {unit} {position}: already stored as article {article_id}")
        for position, message in skipped:
            self.stdout.write(f"  skipped {unit} {position}: {message}", style_func=self.style.WARNING)
        if skipped and options["strict"]:
            raise CommandError(f"{len(skipped)} record(s) of {path} were skipped.")

    def _jsonl(self, path: Path) -> list[tuple[Any, Any]]:
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"Cannot read {path}: not valid UTF-8 ({exc.reason} at byte {exc.start}).") from exc
        items: list[tuple[Any, Any]] = []
        for number, line in enumerate(lines, start=1):
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
            items.append((number, record))
        return items

    def _folder(self, path: Path) -> list[tuple[Any, Any]]:
        items: list[tuple[Any, Any]] = []
        for file in sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".html", ".htm", ".txt")):
            try:
                content = file.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                items.append((file.name, RecordError(f"cannot read: {exc}")))
                continue
            if file.suffix.lower() == ".txt":
                title, _, text = content.strip().partition("\n")
                items.append((file.name, {"title": title.strip(), "text": text.strip()}))
            else:
                items.append((file.name, {"html": content, "_fallback_title": file.stem.replace("-", " ")}))
        return items

    def _import(self, record: dict[str, Any], outlets: dict[str, Source]) -> IngestOutcome:
        fallback_title = record.pop("_fallback_title", "")
        unknown = set(record) - FIELDS
        if unknown:
            raise RecordError(f"unknown field(s) {', '.join(sorted(unknown))}; accepted: {', '.join(sorted(FIELDS))}.")
        text, html = _string(record, "text"), _string(record, "html")
        if bool(text.strip()) == bool(html.strip()):
            raise RecordError('give either "text" or "html" (not both, not neither).')
        title, url = _string(record, "title").strip(), _string(record, "url").strip()
        if url:
            try:
                _url(url)
            except ValidationError as exc:
                raise RecordError(f'"url" is not a valid http(s) URL: {url!r}.') from exc
        published_at = _published_at(_string(record, "published_at").strip())
        byline, language = _string(record, "byline").strip(), _string(record, "language").strip()
        site_name, authors = "", ()
        if html:
            page = html_extract(html, url=url or None)
            text, title = page.text, title or page.title or fallback_title
            byline, published_at = byline or page.byline, published_at or page.published_at
            language, site_name = language or page.language, page.site_name
            authors = page.authors if byline == page.byline else ()
        elif not title:
            raise RecordError('"title" is required with "text".')
        outlet = None
        outlet_name = _string(record, "outlet").strip()
        if outlet_name:
            if outlet_name not in outlets:
                outlets[outlet_name] = source_get_or_create(name=outlet_name, kind=SourceKind.OUTLET)
            outlet = outlets[outlet_name]
        return article_ingest_text(
            title=title, text=text, url=url or None, outlet=outlet, byline=byline, authors=authors,
            site_name=site_name, published_at=published_at, language=language,
        )
