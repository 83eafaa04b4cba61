"""Prints benchmark figures (medians, not pass/fail) with the git commit they were measured on.

Pure analysis (seed latency, pipeline throughput) runs in this process. With ``DATABASE_URL``
on PostgreSQL and Redis reachable, the service benchmarks follow on a scratch database
(``credibility.quality.benchmarks.service``): bulk ingest + 2 Celery workers end to end, API under
gunicorn against plain-Django baselines, query growth from 1k to 100k annotations, peak
RSS of a worker and of the gunicorn workers, and ``anchoring``: the server CPU of the requests
issue 15 bounds (a 20-edit PATCH of a 200,000-character article, the adversarial W3C import, the
revisions diff, the credibility and report reads of a hostile article), and ``workspace``: the admin page of a
150,000-character article with a thousand annotations (server time, bytes, elements served; issue 21). ``--stage``
is how those run in a child process.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from credibility.management.help_format import progress_file, read_json_lines
from credibility.quality.benchmarks import service
from credibility.quality.benchmarks.analysis import generate_articles, pipeline_throughput, seed_latency

SEED_FILE = Path(settings.BASE_DIR) / "seeds" / "articles.jsonl"


def _git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True, cwd=settings.BASE_DIR
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


SERVICE_STAGES = ("e2e", "memory", "api", "growth", "anchoring", "workspace")
# ``pipeline`` is the in-process analysis benchmarks (seed latency, throughput) and ``hostile`` the
# hostile-text stage (``credibility.quality.benchmarks.hostile``); the rest need services.
STAGES = ("pipeline", "hostile", *SERVICE_STAGES)
# Both live in shared/, beside the project folder (a worktree or CI's clone has it there too).
PROSE_FILE = Path(settings.BASE_DIR).parent / "shared" / "data" / "external" / "bbc-news-sample.jsonl"
CORPUS_FILE = Path(settings.BASE_DIR).parent / "shared" / "eval" / "dev" / "articles.jsonl"


def _hostile_size(quick: bool) -> int:
    return 20_000 if quick else 100_000


def _prose_texts(path: Path, *, size: int) -> list[str]:
    """The hostile stage's prose baseline, or a CommandError saying why there is none.

    No fallback: repeating one article as "prose" makes the per-sentence caches answer every
    repeat, which halves the baseline's time and doubles every ratio.
    """
    from credibility.quality.benchmarks import hostile

    if not path.is_file():
        raise CommandError(
            f"The hostile stage needs real prose to compare against and {path} does not exist: pass --prose PATH "
            '(JSON Lines with a "text" field), or leave the stage out (--only pipeline,...).'
        )
    texts = [row["text"] for row in read_json_lines(path, ("text",))]
    problem = hostile.prose_texts_check(texts, size=size)
    if problem:
        raise CommandError(f"Cannot use {path} as the hostile stage's prose: {problem}.")
    return texts


def _stage_list(value: str) -> tuple[str, ...]:
    import argparse

    stages = tuple(name.strip() for name in value.split(",") if name.strip())
    unknown = [name for name in stages if name not in STAGES]
    if unknown or not stages:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(STAGES)} (got {value!r})")
    return stages


def argparse_suppress() -> str:
    import argparse

    return argparse.SUPPRESS


class _Advancing(list[Any]):
    """The articles as a list (pipeline_throughput indexes and measures it) whose one pass
    advances a tqdm bar: progress for a benchmark loop without changing the benchmark."""

    def __init__(self, items: list[Any], bar: tqdm[Any]) -> None:
        super().__init__(items)
        self._bar = bar

    def __iter__(self) -> Any:
        for item in super().__iter__():
            yield item
            self._bar.update()


class Command(BaseCommand):
    help = "Run the analysis benchmarks and print their figures with the git commit they were measured on."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quick", action="store_true", help="Fewer runs and articles (for CI).")
        parser.add_argument(
            "--analysis-only", action="store_true", help="Only the pure-pipeline benchmarks (no services)."
        )
        parser.add_argument("--stage", choices=SERVICE_STAGES, help=argparse_suppress())
        parser.add_argument(
            "--only",
            type=_stage_list,
            default=STAGES,
            metavar="STAGE[,STAGE...]",
            help=f"Benchmarks to run, comma-separated, from {', '.join(STAGES)} (default: all).",
        )
        parser.add_argument(
            "--corpus",
            default=str(CORPUS_FILE),
            help="Extra JSON Lines texts to generate throughput articles from (skipped, with a notice, if absent).",
        )
        parser.add_argument(
            "--prose",
            default=str(PROSE_FILE),
            help='JSON Lines articles (a "text" field each) the hostile stage compares against: real, varied '
            "prose of at least 100,000 characters (default: the BBC sample beside the project). The stage refuses "
            "to run without it.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quick = options["quick"]
        seed = read_json_lines(SEED_FILE, ("text",))[0]
        texts = [seed["text"]]
        corpus = Path(options["corpus"])
        if corpus.is_file():
            texts += [row["text"] for row in read_json_lines(corpus, ("text",))]
        elif not options["stage"]:
            self.stderr.write(f"note: no corpus at {corpus}; throughput articles are built from the seed article only")
        if options["stage"]:
            self.stdout.write(json.dumps(self._stage(options["stage"], texts=texts, quick=quick)))
            return
        stages = ("pipeline", "hostile") if options["analysis_only"] else options["only"]
        self.stdout.write(f"commit {_git_commit()}")
        if "pipeline" in stages:
            self._analysis(seed=seed, texts=texts, quick=quick)
        if "hostile" in stages:
            self._hostile(prose=_prose_texts(Path(options["prose"]), size=_hostile_size(quick)), quick=quick)
        if set(stages) & set(SERVICE_STAGES):
            self._services(texts=texts, quick=quick, stages=stages)

    def _analysis(self, *, seed: dict[str, Any], texts: list[str], quick: bool) -> None:
        latency = seed_latency(text=seed["text"], title=seed["title"], runs=20 if quick else 100)
        self.stdout.write(
            f"seed article analysis: median {latency.median_ms:.2f} ms, p95 {latency.p95_ms:.2f} ms "
            f"over {latency.runs} runs (first run {latency.first_run_ms:.0f} ms incl. loading word lists; target < 50 ms median)"
        )
        for name, ms in sorted(latency.detector_median_ms.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {name:<14} {ms:8.3f} ms")

        count = 100 if quick else 1000
        articles = generate_articles(texts=texts, count=count)
        with tqdm(
            total=len(articles), desc="throughput", unit="article", file=progress_file(self.stderr), disable=None
        ) as bar:
            throughput = pipeline_throughput(articles=_Advancing(articles, bar))
        self.stdout.write(
            f"pipeline throughput: {throughput.articles_per_cpu_second:.1f} articles/s per core (CPU time; "
            f"{throughput.articles_per_second:.1f}/s wall clock on this shared machine) over {throughput.articles} "
            f"generated ~600-word articles from {len(texts)} source texts ({throughput.cpu_seconds:.2f} s CPU, "
            f"{throughput.seconds:.2f} s wall; target >= 100 per core)"
        )
        for name, share in sorted(throughput.detector_share.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {name:<14} {share:6.1%} of analysis time")
        cold = pipeline_throughput(articles=articles[: max(100, len(articles) // 5)], cold=True)
        self.stdout.write(
            f"  cold sentence caches (every sentence new): {cold.articles_per_cpu_second:.1f} articles/s per core "
            f"over {cold.articles} articles"
        )

    def _hostile(self, *, prose: list[str], quick: bool) -> None:
        """The regression corpus at full size, then the generator's search; each against prose of the same length."""
        from credibility.quality.benchmarks import hostile

        size = _hostile_size(quick)
        baseline = hostile.ProseBaseline(prose, memory=True)
        reference = baseline.at(size)
        self.stdout.write(
            f"hostile inputs at {size:,} chars (CPU per 10k chars, cold caches, median of {hostile.RUNS} runs for prose "
            f"and each input; target <= {hostile.TIME_TARGET:g}x the time "
            f"and <= {hostile.MEMORY_TARGET:g}x the traced peak memory of prose): prose {reference.per_10k_ms:.1f} ms/10k, "
            f"peak {reference.peak_bytes / 2**20:.1f} MB"
        )
        worst: list[tuple[str, hostile.Comparison]] = []
        for recipe in hostile.load_corpus():
            comparison = hostile.compare(recipe, size, baseline)
            worst.append(("corpus", comparison))
            self._hostile_line(comparison, label=str(recipe.get("name") or hostile.describe(recipe)))
        search_size, examples = (10_000, 10) if quick else (20_000, 40)
        small = hostile.ProseBaseline(prose)
        with tqdm(total=examples, desc="hostile search", file=progress_file(self.stderr), disable=None) as bar:
            found = hostile.search(
                size=search_size, examples=examples, prose=small, progress=lambda i, c: _advance(bar)
            )
        self.stdout.write(
            f"  generator: {len(found)} recipes tried at {search_size:,} chars; the worst, re-measured at {size:,}:"
        )
        for comparison in found[:3]:
            again = hostile.compare(comparison.recipe, size, baseline)
            worst.append(("generator", again))
            self._hostile_line(again, label=hostile.describe(comparison.recipe))
        origin, top = max(worst, key=lambda item: item[1].time_ratio)
        self.stdout.write(
            f"worst hostile input for time ({origin}): {hostile.describe(top.recipe)} at {size:,} chars: "
            f"{top.hostile.per_10k_ms:.1f} ms per 10k chars = {top.time_ratio:.2f}x prose time "
            f"(target <= {hostile.TIME_TARGET:g}x; {top.memory_ratio:.2f}x prose memory)"
        )
        origin, top = max(worst, key=lambda item: item[1].memory_ratio)
        self.stdout.write(
            f"worst hostile input for memory ({origin}): {hostile.describe(top.recipe)} at {size:,} chars: "
            f"traced peak {top.hostile.peak_bytes / 2**20:.1f} MB = {top.memory_ratio:.2f}x prose memory "
            f"(target <= {hostile.MEMORY_TARGET:g}x; {top.time_ratio:.2f}x prose time)"
        )

    def _hostile_line(self, comparison: Any, *, label: str) -> None:
        mark = "ok  " if comparison.within_targets else "OVER"
        self.stdout.write(
            f"  {mark} {comparison.hostile.per_10k_ms:8.1f} ms/10k {comparison.time_ratio:5.2f}x time "
            f"{comparison.memory_ratio:5.2f}x memory  {label}"
        )

    def _stage(self, stage: str, *, texts: list[str], quick: bool) -> dict[str, Any]:
        # Analysis waits are capped: the 300 s target in full, 90 s in --quick; what is left unanalysed is reported.
        if stage == "e2e":
            articles = generate_articles(texts=texts, count=300 if quick else 10_000, seed=11)
            return service.e2e_stage(articles=articles, timeout=90 if quick else 300)
        if stage == "memory":
            articles = generate_articles(texts=texts, count=200 if quick else 1000, seed=13)
            return service.memory_stage(articles=articles, timeout=90 if quick else 600)
        if stage == "api":
            return service.api_stage(seconds=2 if quick else 8, rounds=1 if quick else 2)
        if stage == "anchoring":
            return service.anchoring_stage(annotations=100 if quick else 200)
        if stage == "workspace":
            return service.workspace_stage(annotations=300 if quick else 1000, runs=2 if quick else 5)
        return service.growth_stage(
            sizes=(1_000, 10_000) if quick else (1_000, 10_000, 100_000), requests=10 if quick else 30
        )

    def _services(self, *, texts: list[str], quick: bool, stages: tuple[str, ...]) -> None:
        from django.db import connection

        url = os.environ.get("DATABASE_URL", "")
        if connection.vendor != "postgresql" or not url:
            self.stdout.write("service benchmarks skipped: they need DATABASE_URL on PostgreSQL (and Redis)")
            return
        figures: dict[str, dict[str, Any]] = {}
        for stage in SERVICE_STAGES:
            if stage not in stages:
                continue
            with service.scratch_database(url) as scratch:
                began = time.perf_counter()
                service.migrate(scratch)
                self.stdout.write(f"scratch database for {stage} migrated in {time.perf_counter() - began:.1f} s")
                figures[stage] = service.run_stage(stage, database_url=scratch, quick=quick)
            getattr(self, f"_print_{stage}")(figures[stage])
        if "memory" in figures or "api" in figures:
            self._print_rss(figures)

    def _print_e2e(self, e2e: dict[str, Any]) -> None:
        self.stdout.write(
            f"end to end: {e2e['created']} articles ingested via POST /articles/bulk/ (500 per request) at "
            f"{e2e['ingest_per_second']:.0f} articles/s ({e2e['ingest_seconds']:.1f} s); {e2e['analysed']} analysed by "
            f"{e2e['workers']} Celery workers in {e2e['analysis_seconds']:.1f} s from the first request "
            f"({'all' if e2e['complete'] else 'NOT all: capped wait'}) = "
            f"{e2e['analysis_per_second']:.1f} articles/s ({e2e['failed']} failed; replayed batch: "
            f"{e2e['replay_duplicates']} duplicate reported; target: all analysed within 300 s)"
        )
        if e2e.get("worker_cpu_ms_per_article"):
            self.stdout.write(
                f"  Celery worker CPU: {e2e['worker_cpu_ms_per_article']:.1f} ms per analysed article (process start "
                f"included), i.e. {1000 / e2e['worker_cpu_ms_per_article']:.1f} articles/s per core of worker time"
            )

    def _print_memory(self, memory: dict[str, Any]) -> None:
        self.stdout.write(
            f"memory: Celery worker peak RSS {memory['worker_peak_rss_mb']:.0f} MB after analysing {memory['articles']} "
            f"articles (target < 400) at {memory['analysis_per_second']:.1f} articles/s with one worker"
        )

    def _print_api(self, api: dict[str, Any]) -> None:
        self.stdout.write(
            f"API under gunicorn (2 gthread workers x 2 threads, {api['concurrency']} clients, "
            f"{api['seconds_per_run']:.0f} s x {api['rounds']} alternating runs, medians; target DRF >= 0.5x baseline):"
        )
        self.stdout.write(
            f"  {'endpoint':<34} {'DRF req/s':>9} {'p50':>7} {'p99':>7} | {'plain req/s':>11} {'p50':>7} {'p99':>7} | ratio"
        )
        for label, row in api["endpoints"].items():
            drf, base = row["drf"], row["baseline"]
            errors = f"  ({drf['errors'] + base['errors']} errors)" if drf["errors"] + base["errors"] else ""
            self.stdout.write(
                f"  {label:<34} {drf['rps']:9.1f} {drf['p50_ms']:6.1f}ms {drf['p99_ms']:6.1f}ms | {base['rps']:11.1f} "
                f"{base['p50_ms']:6.1f}ms {base['p99_ms']:6.1f}ms | {row['ratio']:.2f}x{errors}"
            )

    def _print_growth(self, growth: dict[str, Any]) -> None:
        sizes = [str(size) for size in growth["sizes"]]
        self.stdout.write("growth (p50 ms, in-process client, page 1; target: <= 2x from first to last size):")
        self.stdout.write(f"  {'query':<48} " + " ".join(f"{int(s):>9,}" for s in sizes) + "   ratio")
        for label, by_size in growth["p50_ms"].items():
            ratio = by_size[sizes[-1]] / by_size[sizes[0]] if by_size[sizes[0]] else float("nan")
            self.stdout.write(f"  {label:<48} " + " ".join(f"{by_size[s]:9.2f}" for s in sizes) + f"   {ratio:.2f}x")

    def _print_anchoring(self, figures: dict[str, Any]) -> None:
        edit, imp, reads = figures["edit"], figures["w3c_import"], figures["hostile_reads"]
        self.stdout.write(
            f"anchoring (server CPU of one request, in-process API client; target < 1 s each): "
            f"PATCH of {edit['edits']} scattered edits in a {edit['chars']:,}-character body re-anchoring "
            f"{edit['annotations']} annotations {edit['cpu_s']:.3f} s CPU ({edit['wall_s']:.3f} s wall; "
            f"{edit['states']['anchored']} anchored, {edit['states']['moved']} moved, {edit['states']['orphaned']} orphaned, "
            f"{edit['misplaced']} misplaced)"
        )
        periodic = figures["periodic_edit"]
        self.stdout.write(
            f'  PATCH of 20 edits in {periodic["chars"]:,} characters of "ab ab ...": {periodic["cpu_s"]:.3f} s CPU '
            f"({periodic['orphaned']} orphaned)"
        )
        for key, label in (
            ("html_paragraphs", "HTML of <p> paragraphs"),
            ("html_attributes", "HTML, one tag with 250,000 attributes"),
        ):
            html = figures[key]
            self.stdout.write(
                f"  POST /articles/ {label} ({html['bytes'] / 2**20:.1f} MiB): HTTP {html['status']} in {html['cpu_s']:.3f} s CPU"
            )
        self.stdout.write(
            f'  adversarial W3C import ({imp["request_bytes"]:,} bytes, 10 items of "ab" with 300-character context, '
            f"{imp['body_chars']:,}-character body): {imp['cpu_s']:.3f} s CPU ({imp['unanchored']} unanchored)"
        )
        self.stdout.write(
            f"  revisions diff: this edit (stored at save) {figures['diff_stored']['cpu_s']:.3f} s, another pair on its "
            f"first read {figures['diff_first_read']['cpu_s']:.3f} s, then cached {figures['diff_cached']['cpu_s']:.3f} s CPU"
        )
        self.stdout.write(
            f'  hostile article ({reads["chars"]:,} characters of "?!"): credibility read {reads["credibility"]["cpu_s"]:.3f} s, '
            f"flagged-claim report {reads['report']['cpu_s']:.3f} s CPU (stored sentence bounds; segmenting it at "
            f"analysis took {reads['segmentation_at_analysis_cpu_s']:.2f} s in the worker)"
        )

    def _print_workspace(self, figures: dict[str, Any]) -> None:
        page, api = figures["page"], figures["api"]
        self.stdout.write(
            f"article workspace ({figures['chars']:,} characters, {figures['annotations']} annotations of which "
            f"{figures['machine']} from analysis ({figures.get('analysis_state', '?')}); in-process client, medians; target: usable in < 2 s): admin page "
            f"{page['cpu_s']:.3f} s CPU ({page['wall_s']:.3f} s wall), {page['bytes'] / 2**20:.1f} MiB, "
            f"{page['elements']:,} elements served ({page['segments']:,} text segments, {page['table_rows']} table rows); "
            f"article read by its script {api['cpu_s']:.3f} s CPU ({api['wall_s']:.3f} s wall), {api['bytes'] / 2**20:.1f} MiB"
        )

    def _print_rss(self, figures: dict[str, dict[str, Any]]) -> None:
        parts = []
        if "api" in figures:
            rss = ", ".join(f"{mb:.0f}" for mb in figures["api"]["gunicorn_worker_peak_rss_mb"])
            parts.append(f"gunicorn workers peak RSS under the API load {rss} MB (target < 250)")
        if "e2e" in figures:
            parts.append(f"e2e workers {', '.join(f'{mb:.0f}' for mb in figures['e2e']['worker_peak_rss_mb'])} MB")
        if parts:
            self.stdout.write("memory: " + "; ".join(parts))


def _advance(bar: tqdm[Any]) -> None:
    bar.update()
