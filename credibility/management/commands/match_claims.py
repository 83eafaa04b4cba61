"""Rank fact-checks for claim-matching queries with the analysis's own ranking code, storing nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from credibility.analysis.claims import semantic
from credibility.analysis.claims.ranking import ClaimIndex, Match, load_reranker
from credibility.formats.claim_matching import (
    ClaimMatchingError,
    group_documents,
    positions_of,
    read_factchecks,
    read_queries,
)
from credibility.management.help_format import RawHelpCommand, read_text_file

HELP = """\
Rank the fact-checks of --factchecks for every query of QUERIES and write the best --top of each.

QUERIES is JSON Lines of {"id", "text"}; --factchecks is JSON Lines of {"id", "claim", "title", ...}
("title", "speaker" and an ISO "date" are optional, other keys are ignored): the format of the CLEF
CheckThat! claim-matching data. The fact-checks are indexed in this process (BM25 over the
normalised claim and title, and sentence vectors), candidates from both are fused and re-scored by
the shipped re-ranker: credibility.analysis.claims.ranking.ClaimIndex, the code the analysis uses.
Nothing is read from or written to the database.

Queries taken from one document (a "document" key, or an id of the form <document>_<line number>,
as in the debate sentences of CheckThat! 2B) are ranked together: what the other sentences match
(their claimants, their dates) counts for each, and the best matches of the sentences at most
three lines away (by the ids' line numbers; without them, each other sentence's best match) are
more candidates for it. A query's "date", or a date the document's name
starts with (20170822_..., 2017-08-22..., 2017_aug_22...), is the day it was said.

Output: one line per (query, fact-check), query_id<TAB>factcheck_id<TAB>rank<TAB>score, ranks from 1,
to --output or stdout; score it with the benchmark's score.py. A file that cannot be read, a line
that is not a valid record (its number is given) or a duplicate id stops the command with status 1."""


class Command(RawHelpCommand):
    help = HELP
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("queries", type=Path, help='JSON Lines of {"id", "text"}.')
        parser.add_argument(
            "--factchecks", type=Path, required=True, help='JSON Lines of {"id", "claim", "title", ...}.'
        )
        parser.add_argument("--top", type=int, default=5, help="Fact-checks written per query (default 5).")
        parser.add_argument("--output", "-o", type=Path, help="Write the run here instead of stdout.")

    def handle(self, *args: Any, **options: Any) -> None:
        top: int = options["top"]
        if top < 1:
            raise CommandError("--top must be at least 1.")
        factchecks_path: Path = options["factchecks"]
        queries_path: Path = options["queries"]
        try:
            factchecks = read_factchecks(read_text_file(factchecks_path).splitlines())
        except ClaimMatchingError as exc:
            raise CommandError(f"{factchecks_path}: {exc}") from exc
        try:
            queries = read_queries(read_text_file(queries_path).splitlines())
        except ClaimMatchingError as exc:
            raise CommandError(f"{queries_path}: {exc}") from exc
        if not factchecks:
            raise CommandError(f"{factchecks_path}: no fact-checks.")

        index = ClaimIndex(factchecks, encode=semantic.encode, reranker=load_reranker())
        ranked: dict[str, list[Match]] = {}
        for document, members in group_documents(queries):
            if document:
                matches = index.rank_document(
                    [q.text for q in members], when=members[0].date, top=top, positions=positions_of(members)
                )
                ranked.update((q.id, m) for q, m in zip(members, matches, strict=True))
            else:
                ranked.update((q.id, index.rank(q.text, when=q.date, top=top)) for q in members)
        lines = [
            f"{query.id}\t{match.id}\t{rank}\t{match.score:.6f}\n"
            for query in queries
            for rank, match in enumerate(ranked[query.id], start=1)
        ]
        output: Path | None = options["output"]
        if output is None:
            self.stdout.write("".join(lines), ending="")
        else:
            try:
                output.write_text("".join(lines), encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Cannot write {output}: {exc.strerror or exc}") from exc
        destination = f" to {output}" if output else ""
        self.stderr.write(f"Ranked {len(factchecks)} fact-checks for {len(queries)} queries{destination}.")
