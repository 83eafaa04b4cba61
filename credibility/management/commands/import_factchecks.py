"""Import a fact-check registry file (ClaimReview JSON, DataFeed, HTML, CSV or LIAR) into the fact-check table."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from tqdm import tqdm

from credibility.formats import FORMATS, read_factchecks
from credibility.formats.factcheck_csv import CSV_COLUMNS
from credibility.formats.records import RecordError
from credibility.management.help_format import RawHelpCommand, progress_file, read_text_file
from credibility.services.factchecks import factcheck_import_document

HELP = f"""\
Import fact-checks from PATH. Formats (--format, default auto: from the file name, then the
content):
  claimreview  a JSON list of schema.org ClaimReviews, one ClaimReview, or a JSON-LD @graph
  datafeed     a schema.org DataFeed whose dataFeedElement items are ClaimReviews
  html         ClaimReviews in the page's <script type="application/ld+json"> blocks
  csv          a header row, then one fact-check per row; columns:
               {",".join(CSV_COLUMNS)}
               (claim_reviewed and identifier or url required; a tab-separated file works too)
  liar         LIAR-style statements: JSON Lines with id, label, statement, speaker, or the LIAR
               release's TSV; identifier liar-<id>; labels pants-fire/false/barely-true/
               half-true/mostly-true/true become false/false/mostly_false/mixed/mostly_true/true

Ratings are normalised to false, mostly_false, mixed, mostly_true, true or unproven from the
label (alternateName) first, then the numeric rating between worstRating and bestRating; the
original label is always kept. Records are matched on identifier, then url, so importing the
same file again changes nothing. After the import commits, recent articles are re-checked
against the created and updated fact-checks (in the background; --no-recheck skips it).

Prints created / updated / unchanged counts, each skipped record with its position (the record
number for JSON and HTML, the line number for CSV and LIAR) and the reason, and any rating
labels that could not be mapped to a verdict (those records are imported as "unproven").
Exit status: 0 when the file was read, even if some records were skipped; with --strict, 1
when any record was skipped. A file that cannot be read or parsed at all exits with status 1
and a one-line message, and imports nothing."""


class Command(RawHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The file to import.")
        parser.add_argument("--format", choices=FORMATS, default="auto", help="The file's format (default: auto).")
        parser.add_argument("--no-recheck", action="store_true", help="Do not re-check recent articles afterwards.")
        parser.add_argument("--strict", action="store_true", help="Exit with status 1 if any record was skipped.")
        parser.add_argument("--json", action="store_true", help="Print the summary as one JSON object instead of text.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        text = read_text_file(path)
        try:
            document = read_factchecks(text, format=options["format"], filename=path.name)
        except RecordError as exc:
            raise CommandError(f"{path}: {exc}") from exc

        # A bar on a terminal only (tqdm's disable=None): the service takes len() of the records and
        # loops over them once, which a tqdm wrapper supports. The summary below either way.
        with tqdm(
            document.records,
            desc=f"importing {path.name}",
            unit="record",
            file=progress_file(self.stderr),
            disable=None,
        ) as bar:
            document = dataclasses.replace(document, records=bar)
            summary = factcheck_import_document(document=document, recheck=not options["no_recheck"])
        records = summary.records
        if options["json"]:
            self.stdout.write(json.dumps({"path": str(path), **summary.as_dict()}, ensure_ascii=False))
        else:
            self.stdout.write(
                f"{path}: {records} record{'s' if records != 1 else ''}; created {summary.created}, "
                f"updated {summary.updated}, unchanged {summary.unchanged}, skipped {len(summary.skipped)}."
            )
            for skipped in summary.skipped:
                self.stdout.write(
                    f"  skipped {summary.position_unit} {skipped['position']}: {skipped['error']}",
                    style_func=self.style.WARNING,
                )
            for label, count in sorted(summary.unknown_labels.items()):
                self.stdout.write(
                    f"  unknown rating label {label!r} ({count} record{'s' if count != 1 else ''}): stored as unproven",
                    style_func=self.style.WARNING,
                )
        if summary.skipped and options["strict"]:
            raise CommandError(f"{len(summary.skipped)} record(s) of {path} were skipped.")
