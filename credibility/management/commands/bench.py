"""Prints benchmark figures (medians, not pass/fail): seed-article latency and pipeline throughput."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from credibility.benchmarks.analysis import generate_articles, pipeline_throughput, seed_latency
from credibility.management.progress import CountingList, Progress

SEED_FILE = Path(settings.BASE_DIR) / "seeds" / "articles.jsonl"


def _git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True, cwd=settings.BASE_DIR
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _read_texts(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise CommandError(f"Cannot read articles from {path}: {exc}") from exc


class Command(BaseCommand):
    help = "Run the analysis benchmarks and print their figures with the git commit they were measured on."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quick", action="store_true", help="Fewer runs and articles (for CI).")
        parser.add_argument(
            "--corpus",
            default=str(Path(settings.BASE_DIR).parent / "shared" / "eval" / "dev" / "articles.jsonl"),
            help="Extra JSON Lines texts to generate throughput articles from (skipped if absent).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quick = options["quick"]
        seed = _read_texts(SEED_FILE)[0]
        texts = [seed["text"]]
        corpus = Path(options["corpus"])
        if corpus.is_file():
            texts += [row["text"] for row in _read_texts(corpus) if isinstance(row.get("text"), str)]

        self.stdout.write(f"commit {_git_commit()}")
        latency = seed_latency(text=seed["text"], title=seed["title"], runs=20 if quick else 100)
        self.stdout.write(
            f"seed article analysis: median {latency.median_ms:.2f} ms, p95 {latency.p95_ms:.2f} ms "
            f"over {latency.runs} runs (first run {latency.first_run_ms:.0f} ms incl. loading word lists; target < 50 ms median)"
        )
        for name, ms in sorted(latency.detector_median_ms.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {name:<14} {ms:8.3f} ms")

        count = 100 if quick else 1000
        articles = generate_articles(texts=texts, count=count)
        with Progress(total=len(articles), label="throughput", stream=self.stderr) as bar:
            throughput = pipeline_throughput(articles=CountingList(articles, bar))
        self.stdout.write(
            f"pipeline throughput: {throughput.articles_per_second:.1f} articles/s on one core "
            f"({throughput.articles} generated ~600-word articles from {len(texts)} source texts, "
            f"{throughput.seconds:.2f} s; target >= 100)"
        )
        for name, share in sorted(throughput.detector_share.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {name:<14} {share:6.1%} of analysis time")
