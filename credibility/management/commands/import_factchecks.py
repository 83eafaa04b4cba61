"""Import a ClaimReview registry (a JSON list or a schema.org DataFeed) into the fact-check table."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from credibility.management.help_format import RawHelpCommand
from credibility.claimreview import RecordError, load_claim_reviews
from credibility.services.factchecks import factcheck_import

HELP = """\
Import schema.org ClaimReview records from PATH: a JSON list of ClaimReviews, a single
ClaimReview object, or a schema.org DataFeed whose dataFeedElement items are ClaimReviews.
Records are matched on identifier, then url, so importing the same file again changes nothing.

Prints created / updated / unchanged counts, each skipped record with its 1-based position in
the file and the reason, and any rating labels that could not be mapped to a verdict (those
records are imported as "unproven"). Exit status: 0 when the file was read, even if some records
were skipped; with --strict, 1 when any record was skipped. A file that cannot be read or is not
valid JSON exits with status 1 and a one-line message, and imports nothing."""


class Command(RawHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="ClaimReview JSON list or schema.org DataFeed.")
        parser.add_argument("--strict", action="store_true", help="Exit with status 1 if any record was skipped.")
        parser.add_argument("--json", action="store_true", help="Print the summary as one JSON object instead of text.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"Cannot read {path}: not valid UTF-8 ({exc.reason} at byte {exc.start}).") from exc
        try:
            records = load_claim_reviews(text)
        except RecordError as exc:
            raise CommandError(f"{path}: {exc}") from exc

        summary = factcheck_import(records=records)
        if options["json"]:
            self.stdout.write(json.dumps({"path": str(path), "records": len(records), **summary.as_dict()}, ensure_ascii=False))
        else:
            self.stdout.write(
                f"{path}: {len(records)} record{'s' if len(records) != 1 else ''}; created {summary.created}, "
                f"updated {summary.updated}, unchanged {summary.unchanged}, skipped {len(summary.skipped)}."
            )
            for skipped in summary.skipped:
                self.stdout.write(f"  skipped record {skipped['position']}: {skipped['error']}", style_func=self.style.WARNING)
            for label, count in sorted(summary.unknown_labels.items()):
                self.stdout.write(
                    f"  unknown rating label {label!r} ({count} record{'s' if count != 1 else ''}): stored as unproven",
                    style_func=self.style.WARNING,
                )
        if summary.skipped and options["strict"]:
            raise CommandError(f"{len(summary.skipped)} record(s) of {path} were skipped.")
