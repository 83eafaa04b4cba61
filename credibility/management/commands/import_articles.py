"""Import articles from a JSON Lines file or a folder of .html/.txt files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from tqdm import tqdm

from credibility.formats.articles_jsonl import ArticleRecord, ReadItem, read_folder, read_jsonl
from credibility.formats.records import RecordError
from credibility.ingestion.extract import ExtractionError, html_extract
from credibility.management.help_format import RawHelpCommand, progress_file, read_text_file
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


class Command(RawHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A .jsonl file or a folder of .html/.txt files.")
        parser.add_argument("--strict", action="store_true", help="Exit with status 1 if any record was skipped.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        items, unit = self._read(path)
        created, duplicates, skipped = 0, [], []
        outlets: dict[str, Source] = {}
        # A bar on a terminal only (tqdm's disable=None); the summary below either way.
        with tqdm(
            items, desc=f"importing {path.name}", unit=unit, file=progress_file(self.stderr), disable=None
        ) as bar:
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

    def _read(self, path: Path) -> tuple[list[ReadItem], str]:
        if path.is_dir():
            return read_folder(path), "file"
        text = read_text_file(path)
        return read_jsonl(text), "line"

    def _import(self, record: ArticleRecord, outlets: dict[str, Source]) -> IngestOutcome:
        text, title, byline, language = record.text, record.title, record.byline, record.language
        published_at, site_name = record.published_at, ""
        authors: tuple[str, ...] = ()
        if record.html:
            page = html_extract(record.html, url=record.url or None)
            text, title = page.text, title or page.title or record.fallback_title
            byline, published_at = byline or page.byline, published_at or page.published_at
            language, site_name = language or page.language, page.site_name
            authors = page.authors if byline == page.byline else ()
        outlet = None
        if record.outlet:
            if record.outlet not in outlets:
                outlets[record.outlet] = source_get_or_create(name=record.outlet, kind=SourceKind.OUTLET)
            outlet = outlets[record.outlet]
        return article_ingest_text(
            title=title,
            text=text,
            url=record.url or None,
            outlet=outlet,
            byline=byline,
            authors=authors,
            site_name=site_name,
            published_at=published_at,
            language=language,
        )
