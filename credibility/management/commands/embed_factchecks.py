"""(Re)build the stored claim embeddings of the fact-check registry."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandError, CommandParser

from credibility.analysis.claims.semantic import ENCODER_VERSION
from credibility.management.help_format import RawHelpCommand
from credibility.retrieval.semantic import factcheck_embeddings_sync, semantic_index_file, semantic_index_write

HELP = f"""\
Embed every fact-check whose claim has no stored embedding of the current encoder
({ENCODER_VERSION}): after the encoder changes (ENCODER_VERSION), after migrating an existing
registry, or after writes that bypassed the registry services. --rebuild re-embeds every
fact-check. Batched; safe to run again (a second run finds nothing to do). Running processes
pick the new rows up on their next retrieval; the periodic re-check runs the same step.

--write-index then builds the semantic index afresh and writes it to SEMANTIC_INDEX_DIR, where
starting workers read it and catch up with the rows changed since (instead of each building
its own: about 3 minutes at a million fact-checks). Run it after a large import, or nightly."""


class Command(RawHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="Re-embed every fact-check, not only missing ones.")
        parser.add_argument("--batch-size", type=int, default=2000, help="Claims encoded and written at a time.")
        parser.add_argument(
            "--write-index", action="store_true", help="Then build the semantic index and write its file."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        began = time.perf_counter()
        written = factcheck_embeddings_sync(batch_size=max(1, options["batch_size"]), rebuild=options["rebuild"])
        self.stdout.write(f"Embedded {written} fact-checks ({ENCODER_VERSION}) in {time.perf_counter() - began:.1f} s.")
        if options["write_index"]:
            path = semantic_index_file()
            if path is None:
                raise CommandError("--write-index needs SEMANTIC_INDEX_DIR set.")
            began = time.perf_counter()
            held = semantic_index_write()
            self.stdout.write(
                f"Wrote the semantic index of {held} vectors to {path} in {time.perf_counter() - began:.1f} s."
            )
