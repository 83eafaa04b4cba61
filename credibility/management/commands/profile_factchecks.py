"""(Re)write the stored claim profiles of the fact-check registry."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandParser

from credibility.analysis.claims.profile_codec import analyser_version
from credibility.management.help_format import RawHelpCommand
from credibility.retrieval.profiles import factcheck_profiles_sync

HELP = """\
Analyse every fact-check whose claim has no current stored profile and store it: the analysis
the contradiction detector would otherwise repeat for each candidate claim in every worker
(credibility.retrieval.profiles). A stored profile is current when it was made by this
analyser (the fingerprint printed below, which changes with the claim-matching code and word
lists) from the claim as it now reads. Run it after deploying a change to claim matching, after
migrating an existing registry, or after writes that bypassed the registry services; until it
has run, workers analyse the stale claims themselves (slower, same findings). --rebuild
rewrites every profile. Batched; safe to run again (a second run finds nothing to do). The
periodic re-check runs the same step."""


class Command(RawHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="Rewrite every profile, not only stale ones.")
        parser.add_argument("--batch-size", type=int, default=2000, help="Claims analysed and written at a time.")

    def handle(self, *args: Any, **options: Any) -> None:
        began = time.perf_counter()
        written = factcheck_profiles_sync(batch_size=max(1, options["batch_size"]), rebuild=options["rebuild"])
        self.stdout.write(
            f"Stored {written} claim profiles ({analyser_version()}) in {time.perf_counter() - began:.1f} s."
        )
