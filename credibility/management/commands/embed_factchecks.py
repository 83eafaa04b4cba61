"""(Re)build the stored claim embeddings of the fact-check registry."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandParser

from credibility.analysis.claims.semantic import ENCODER_VERSION
from credibility.management.help_format import RawHelpCommand
from credibility.retrieval.semantic import factcheck_embeddings_sync

HELP = f"""\
Embed every fact-check whose claim has no stored embedding of the current encoder
({ENCODER_VERSION}): after the encoder changes (ENCODER_VERSION), after migrating an existing
registry, or after writes that bypassed the registry services. --rebuild re-embeds every
fact-check. Batched; safe to run again (a second run finds nothing to do). Running processes
pick the new rows up on their next retrieval; the periodic re-check runs the same step."""


class Command(RawHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="Re-embed every fact-check, not only missing ones.")
        parser.add_argument("--batch-size", type=int, default=2000, help="Claims encoded and written at a time.")

    def handle(self, *args: Any, **options: Any) -> None:
        began = time.perf_counter()
        written = factcheck_embeddings_sync(batch_size=max(1, options["batch_size"]), rebuild=options["rebuild"])
        self.stdout.write(f"Embedded {written} fact-checks ({ENCODER_VERSION}) in {time.perf_counter() - began:.1f} s.")
