"""Typo recall on synthetic slips typed into real articles (credibility.quality.evaluation.synthetic_typos)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from credibility.analysis.detectors.typos import TypoDetector
from credibility.management.help_format import RawHelpCommand, read_json_lines
from credibility.quality.evaluation.synthetic_typos import SLIP_KINDS, synthetic_slip_figures
from credibility.quality.evaluation.typo_eval import detector_finder

HELP = """\
Type one slip per article and kind of word into the articles of ARTICLES and print, per kind, how
many the typo detector finds and how many of its suggestions give the word back.

ARTICLES is JSON Lines with a "text" on each line (PolNeAR's articles-train.jsonl, say: tune on
train, never on text you report as held out). Kinds: a lower-case word, a capitalised sentence
opener, a weekday or month, and a capitalised word inside a run of capitals. Each slip is a
letter dropped, doubled, swapped or struck beside or instead of its key, never the first letter,
and gives a string the web has never seen. Seeded: the same seed and file give the same cases."""


class Command(RawHelpCommand):
    help = HELP
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("articles", type=Path, help='JSON Lines with a "text" per line.')
        parser.add_argument("--seed", type=int, default=7, help="Seed of the random choices (default 7).")
        parser.add_argument("--limit", type=int, default=300, help="Use at most N articles (default 300; 0: all).")
        parser.add_argument("--show-misses", type=int, default=0, help="Print up to N missed slips of each kind.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["articles"]
        texts = [record["text"] for record in read_json_lines(path, ("text",))]
        if options["limit"] > 0:
            texts = texts[: options["limit"]]
        if not texts:
            raise CommandError(f"{path}: no articles.")
        figures = synthetic_slip_figures(texts, detector_finder(TypoDetector()), seed=options["seed"])
        self.stdout.write(f"Synthetic slips in {len(texts)} articles of {path.name} (seed {options['seed']})")
        for kind in SLIP_KINDS:
            group = figures.groups[kind]
            self.stdout.write(
                f"  {kind:<26} cases={group.cases} recall={group.recall} suggestion_accuracy={group.suggestion_accuracy}"
            )
            for missed in figures.missed.get(kind, [])[: options["show_misses"]]:
                self.stdout.write(f"    missed: {missed}")
