"""Benchmark contradiction checking against a large fact-check registry (PostgreSQL only): lexical and
semantic retrieval fused, the contradiction detector, and the semantic index's build time and memory."""

from __future__ import annotations

import math
import os
import random
import re
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.db import connection, transaction

from credibility.analysis.claims import semantic as encoder
from credibility.analysis.detectors.attribution import AttributionDetector
from credibility.analysis.detectors.contradiction import ContradictionDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, Finding
from credibility.formats.liar import parse_liar
from credibility.formats.records import ReadDocument, RecordError, RecordRead
from credibility.management.help_format import RawHelpCommand
from credibility.models import FactCheck, FactCheckEmbedding, FactCheckProfile, FactCheckTerm
from credibility.retrieval.factchecks import factcheck_candidates, factcheck_entry, factcheck_lexicon_refresh
from credibility.retrieval.profiles import factcheck_profiles_store, factcheck_profiles_sync
from credibility.retrieval.semantic import (
    factcheck_embeddings_store,
    semantic_enabled,
    semantic_index,
    semantic_index_file,
    semantic_index_reset,
    semantic_index_source,
    semantic_ranked_many,
    vectors_from_bytes,
)
from credibility.retrieval.terms import retrieval_sentences
from credibility.services.factchecks import factcheck_import_document

DEFAULT_LIAR = Path(settings.BASE_DIR).parent / "shared" / "data" / "factchecks_liar" / "liar_3000.jsonl"
PREFIX = "bench-registry-"

HELP = f"""\
Load LIAR statements plus generated variants into the fact-check registry, growing it to each
of --sizes, and print at each size the median wall time to check one ~600-word article:
selecting its check-worthy sentences, retrieving candidate fact-checks (PostgreSQL full-text
search and the semantic index, fused) and running the contradiction detector on them; the
semantic part (encoding the sentences and searching the index) is also timed on its own. At
each size the semantic index is built afresh from the stored embeddings and written to a
scratch SEMANTIC_INDEX_DIR (as the first worker does), then read back from that file (as every
later worker does); build time, read time, bytes and the growth of this process's RSS are
printed. --recall adds the index's recall@10 on the articles' sentences against an exact search. The
median CPU time of the checking thread (whole check, and the detector's part) is printed beside
the wall times: on a shared host it moves far less than they do (the semantic search's thread is
left out: faiss's worker threads spin while they wait, which counts as CPU time). Also prints this process's memory
(peak and current RSS): the figure a Celery worker doing the same work would show.

Targets (issue 17): under 50 ms per article at 1,000,000 fact-checks, and at most twice the
time for each tenfold growth of the registry.

--fast-load (for sizes up to 1,000,000) writes the generated rows with bulk inserts in batches
of 20,000, each with its embeddings and claim profiles, one transaction per batch, and skips the import service's
matching and history: minutes instead of an hour at a million.

PostgreSQL only (the SQLite path is for the embedded demo). Rows are loaded through the
import service (batched upserts, no re-check) with identifiers starting "{PREFIX}" and
deleted afterwards, so the bench can run against a database holding a real registry, whose
rows then count towards the sizes. --quick runs 2,000 and 5,000 (for CI).

The LIAR file (default {DEFAULT_LIAR}) is research-only data: it is read, never copied."""

_FILLER = (
    "The council met on Tuesday evening to discuss the proposals in the town hall.",
    "Residents gathered outside the building before the meeting began.",
    "Several people held placards and a small band played near the entrance.",
    "The chairman opened the session with a short statement about the agenda.",
    "Reporters were given copies of the documents shortly before noon.",
    "A spokesman for the opposition group declined to comment on the details.",
    "The debate continued for several hours and was adjourned late at night.",
    "Local businesses have followed the discussion closely over the past months.",
    "Supporters of the plan argue that it would bring new investment to the area.",
    "Critics say the consultation was rushed and that many questions remain open.",
    "The mayor is expected to announce a decision before the end of the month.",
    "Campaigners have promised to keep up the pressure on elected officials.",
    "The proposals will now be examined by a committee of independent experts.",
    "Many families in the district said they had not been consulted at all.",
    "The weather was cold and wet, and the square emptied quickly afterwards.",
    "Officials stressed that no final decision had yet been taken on the matter.",
    "Questions from the floor focused on transport, housing and local schools.",
    "A second public meeting has been scheduled for early next month in the library.",
)
_LEADS = ("{speaker} said that {claim}", "{claim}", "According to {speaker}, {claim}", "{speaker} claimed that {claim}")


class Command(RawHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--sizes", default="10000,100000", help="Registry sizes to measure, ascending (default 10000,100000)."
        )
        parser.add_argument(
            "--liar", type=Path, default=DEFAULT_LIAR, help="LIAR-style JSON Lines file of base statements."
        )
        parser.add_argument("--quick", action="store_true", help="Sizes 2000,5000: a quick run for CI.")
        parser.add_argument("--articles", type=int, default=20, help="Distinct articles per size (default 20).")
        parser.add_argument(
            "--repeat",
            type=int,
            default=3,
            help="Timed passes per size (default 3); each pass after the first checks freshly generated articles, "
            "so that no cache filled by an earlier pass makes a check look cheaper.",
        )
        parser.add_argument("--keep", action="store_true", help="Leave the loaded rows in place.")
        parser.add_argument(
            "--fast-load", action="store_true", help="Bulk-insert the generated rows (no import service, no history)."
        )
        parser.add_argument(
            "--recall",
            action="store_true",
            help="Also print the semantic index's recall@10 on the articles' sentences against an exact search.",
        )
        parser.add_argument(
            "--index-dir",
            type=Path,
            default=None,
            help="Keep the semantic index file in this directory (default: a scratch directory, removed). When it "
            "already holds this database's file, the bench reads it, as a worker started after the build does, "
            "instead of building in this process: a process that built the index checks articles more slowly.",
        )
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="Keep the rows a --keep run left and load only what the sizes add (iterating on one size). Claim "
            "profiles the kept rows store from an older analyser are rewritten first (as a deploy runs "
            "profile_factchecks): stale ones would be re-analysed during every check and slow it down.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                f"bench_registry needs PostgreSQL (this database is {connection.vendor}); set DATABASE_URL. "
                "The SQLite retrieval path is for the embedded demo and is not benchmarked."
            )
        sizes = [2000, 5000] if options["quick"] else [int(s) for s in str(options["sizes"]).split(",") if s.strip()]
        if not sizes or sizes != sorted(sizes) or sizes[0] <= 0:
            raise CommandError("--sizes must be ascending positive numbers, e.g. 10000,100000.")
        base = self._load_base(options["liar"])
        rng = random.Random(20240607)
        articles = [self._article(base, rng) for _ in range(max(1, options["articles"]))]
        loaded = 0
        if options["reuse"]:
            loaded = FactCheck.objects.filter(identifier__startswith=PREFIX).count()
        elif FactCheck.objects.filter(identifier__startswith=PREFIX).exists():  # left by --keep
            self._delete_loaded()
            self._clean_up()
        existing = FactCheck.objects.count() - loaded
        if loaded:
            # A claim-matching change since the rows were stored makes their profiles stale: every
            # check would analyse its candidates' claims again (about 20 ms an article at a million).
            began = time.perf_counter()
            synced = factcheck_profiles_sync()
            if synced:
                self.stdout.write(
                    f"Rewrote {synced} stale claim profiles (another analyser) in {time.perf_counter() - began:.1f} s, "
                    "as profile_factchecks does after a deploy."
                )
        self.stdout.write(f"Registry before the bench: {existing} fact-checks; base statements: {len(base)}.")
        results: list[tuple[int, float, float]] = []
        # The semantic index file goes to a scratch directory unless one is named: a worker's own
        # file is not touched.
        scratch = tempfile.TemporaryDirectory(prefix="bench-registry-")
        index_dir = options["index_dir"] or Path(scratch.name)
        own_index_dir = getattr(settings, "SEMANTIC_INDEX_DIR", "")
        settings.SEMANTIC_INDEX_DIR = str(index_dir)
        try:
            for size in sizes:
                wanted = max(0, size - existing)
                if wanted > loaded:
                    began = time.perf_counter()
                    if options["fast_load"]:
                        created = self._fast_load(base, loaded, wanted)
                    else:
                        created = factcheck_import_document(
                            document=self._variants(base, loaded, wanted), recheck=False
                        ).created
                    factcheck_lexicon_refresh()
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE credibility_factcheck")
                        cursor.execute("ANALYZE credibility_factcheckembedding")
                        cursor.execute("ANALYZE credibility_factcheckprofile")
                    took = time.perf_counter() - began
                    self.stdout.write(
                        f"Loaded {created} fact-checks with their embeddings and profiles in {took:.1f} s "
                        f"({created / took:.0f}/s incl. lexicon refresh)."
                    )
                    loaded = wanted
                if semantic_enabled():
                    self._index_figures(index_dir, keep_file=options["index_dir"] is not None)

                def fresh(number: int, size: int = size) -> list[tuple[str, str]]:
                    return [self._article(base, random.Random(f"{size}:{number}:{i}")) for i in range(len(articles))]

                # The seeded articles (also the recall's) serve the first size's first pass only: at
                # a later size this process has already checked them.
                passes = [articles if not results else fresh(0)]
                passes += [fresh(number) for number in range(1, max(1, options["repeat"]))]
                median, p90, retrieval, detector, near, cpu, detector_cpu = self._measure(
                    passes, self._article(base, rng)
                )
                if semantic_enabled() and options["recall"]:
                    # After the timing: the exact search reads every stored vector through
                    # PostgreSQL's buffers, which a worker checking articles never does.
                    recall_at_10 = self._recall(articles)
                    self.stdout.write(f"Semantic index recall@10 against an exact search: {recall_at_10:.3f}.")
                total = FactCheck.objects.count()
                results.append((total, median, p90))
                # Before the clean-up: deleting the rows (Django collects them for cascades) would
                # raise the peak far above what checking articles needs.
                memory = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, _current_rss_mb())
                growth = ""
                if len(results) >= 2:
                    previous = results[-2]
                    per_tenfold = (median / previous[1]) ** (1 / max(1e-9, math.log10(total / previous[0])))
                    growth = f"; {per_tenfold:.2f}x per 10x since {previous[0]}"
                self.stdout.write(
                    f"{total:>8} fact-checks: median {median:.1f} ms per article (p90 {p90:.1f} ms; "
                    f"medians: sentence selection + retrieval {retrieval:.1f} ms of which semantic {near:.1f} ms, "
                    f"contradiction detector {detector:.1f} ms; CPU of the checking thread {cpu:.1f} ms, of which "
                    f"detector {detector_cpu:.1f} ms){growth}; worker RSS {memory[1]:.0f} MB; "
                    f"load average {_load_average()} on {os.cpu_count()} CPUs"
                )
        finally:
            semantic_index_reset()
            settings.SEMANTIC_INDEX_DIR = own_index_dir
            scratch.cleanup()
            if not options["keep"]:
                deleted = self._delete_loaded()
                self._clean_up()
                semantic_index_reset()
                self.stdout.write(f"Removed the {deleted} rows the bench loaded.")
        if results:
            self.stdout.write(
                f"Worker memory after the last size: peak RSS {memory[0]:.0f} MB (loading the rows included), "
                f"current RSS {memory[1]:.0f} MB."
            )
        if len(results) >= 2:
            first, last = results[0], results[-1]
            ratio = last[1] / first[1] if first[1] else float("inf")
            tenfolds = max(1e-9, math.log10(last[0] / first[0]))
            per_tenfold = ratio ** (1 / tenfolds)
            verdict = "within" if last[1] < 50 and per_tenfold <= 2 else "OUTSIDE"
            self.stdout.write(
                f"{last[0]} vs {first[0]}: {ratio:.2f}x the time, {per_tenfold:.2f}x per 10x; "
                f"targets (< 50 ms, <= 2x per 10x): {verdict}."
            )

    def _index_figures(self, index_dir: Path, *, keep_file: bool) -> None:
        """Build the semantic index from the store (as the first worker does, writing its file), then
        read it back from the file (as every later worker does); print times, sizes and memory.

        With ``keep_file`` and a file already there, only read it (and catch up with the store).
        """
        semantic_index_reset()
        existing = semantic_index_file()
        if keep_file and existing is not None and existing.exists():
            began = time.perf_counter()
            index = semantic_index()
            self.stdout.write(
                f"Semantic index: {len(index)} vectors ({index.factory}) read from {existing} "
                f"({semantic_index_source()}) and caught up in {time.perf_counter() - began:.1f} s; not built here."
            )
            return
        for stale in index_dir.glob("*"):
            stale.unlink()
        rss_before, began = _current_rss_mb(), time.perf_counter()
        index = semantic_index()
        built = time.perf_counter() - began
        grown = _current_rss_mb() - rss_before
        path = semantic_index_file()
        file_mb = path.stat().st_size / 2**20 if path is not None and path.exists() else float("nan")
        semantic_index_reset()
        del index
        began = time.perf_counter()
        index = semantic_index()
        read = time.perf_counter() - began
        self.stdout.write(
            f"Semantic index: {len(index)} vectors ({index.factory}) built from the store in {built:.1f} s "
            f"(process RSS +{grown:.0f} MB); {index.nbytes() / 2**20:.0f} MB of index, a {file_mb:.0f} MB file "
            f"read back ({semantic_index_source()}) and caught up in {read:.1f} s."
        )

    @staticmethod
    def _recall(articles: list[tuple[str, str]]) -> float:
        """Recall@10 of the index on the articles' distinct retrieval sentences, against an exact
        search over the stored vectors (read in chunks: a million float32 vectors would be 1 GB)."""
        sentences = sorted({s.text for _, body in articles for s in retrieval_sentences(body)})
        queries = encoder.encode(sentences)
        approximate = semantic_index().search(queries, k=10)
        best_ids = np.zeros((len(queries), 0), dtype=np.int64)
        best_scores = np.zeros((len(queries), 0), dtype=np.float32)
        rows = FactCheckEmbedding.objects.filter(encoder_version=encoder.ENCODER_VERSION).values_list(
            "factcheck_id", "vector"
        )
        chunk: list[tuple[int, Any]] = []
        for row in [*rows.iterator(chunk_size=50_000), None]:
            if row is not None:
                chunk.append(row)
            if chunk and (row is None or len(chunk) >= 50_000):
                ids = np.asarray([pk for pk, _ in chunk], dtype=np.int64)
                scores = queries @ vectors_from_bytes([v for _, v in chunk]).T
                best_ids = np.concatenate([best_ids, np.broadcast_to(ids, scores.shape)], axis=1)
                best_scores = np.concatenate([best_scores, scores], axis=1)
                keep = np.argsort(-best_scores, axis=1, kind="stable")[:, :10]
                best_ids = np.take_along_axis(best_ids, keep, axis=1)
                best_scores = np.take_along_axis(best_scores, keep, axis=1)
                chunk = []
        found = [
            len({h.id for h in hits} & set(exact.tolist())) for hits, exact in zip(approximate, best_ids, strict=True)
        ]
        return sum(found) / max(1, best_ids.size)

    @staticmethod
    def _delete_loaded() -> int:
        """Delete the bench's rows with their term and embedding rows, in SQL (Django's collector
        would hold a million rows in memory). Nothing else refers to them."""
        loaded = FactCheck.objects.filter(identifier__startswith=PREFIX).values("pk")
        with transaction.atomic():
            FactCheckEmbedding.objects.filter(factcheck_id__in=loaded)._raw_delete(using="default")
            FactCheckProfile.objects.filter(factcheck_id__in=loaded)._raw_delete(using="default")
            FactCheckTerm.objects.filter(factcheck_id__in=loaded)._raw_delete(using="default")
            FactCheck.history.filter(identifier__startswith=PREFIX)._raw_delete(using="default")
            return int(FactCheck.objects.filter(identifier__startswith=PREFIX)._raw_delete(using="default"))

    def _fast_load(self, base: list[tuple[str, str, str]], start: int, stop: int) -> int:
        """Rows start..stop-1 as bulk inserts of 20,000 with their embeddings and profiles, a transaction each."""
        created = 0
        for begin in range(start, stop, 20_000):
            document = self._variants(base, begin, min(stop, begin + 20_000))
            rows = [
                FactCheck(
                    identifier=read.parsed.identifier,
                    claim_reviewed=read.parsed.claim_reviewed,
                    claimant=read.parsed.claimant,
                    rating_label=read.parsed.rating_label,
                    verdict=read.parsed.verdict,
                )
                for read in document.records
                if read.parsed is not None
            ]
            with transaction.atomic():
                made = FactCheck.objects.bulk_create(rows, batch_size=5000)
                factcheck_embeddings_store(factcheck_ids=[row.pk for row in made if row.pk is not None])
                factcheck_profiles_store(factcheck_ids=[row.pk for row in made if row.pk is not None])
            created += len(made)
            if created % 100_000 < 20_000:
                self.stdout.write(f"  ... {start + created} rows")
        return created

    @staticmethod
    def _clean_up() -> None:
        """After deleting rows: the lexicon without them, and no dead index entries (until a vacuum,
        GIN scans still walk the deleted rows' postings and visit their heap tuples, so the first
        size measured after a --keep run would pay for the rows it removed)."""
        factcheck_lexicon_refresh()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE credibility_factcheck")

    def _load_base(self, path: Path) -> list[tuple[str, str, str]]:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        import json

        base = []
        for line in lines:
            if not line.strip():
                continue
            try:
                parsed = parse_liar(json.loads(line))
            except (RecordError, ValueError):
                continue
            base.append((parsed.claim_reviewed, parsed.rating_label, parsed.claimant or "A spokesman"))
        if not base:
            raise CommandError(f"No LIAR statements in {path}.")
        return base

    def _variants(self, base: list[tuple[str, str, str]], start: int, stop: int) -> ReadDocument:
        """Rows start..stop-1: the base statements first, then variants of them.

        A variant keeps a statement's shape and swaps about half of its longer words for words
        of other statements (and changes its numbers): new claims over the same vocabulary,
        as a registry of many publishers' checks looks, rather than near-copies.
        """
        rng = random.Random(start * 7919 + 1)
        vocabulary = sorted({w for claim, _, _ in base for w in claim.split() if len(w) > 3 and w.isalpha()})
        records = []
        for number in range(start, stop):
            claim, label, speaker = base[number % len(base)]
            if number >= len(base):
                words = [
                    rng.choice(vocabulary) if len(w) > 3 and w.isalpha() and rng.random() < 0.5 else w
                    for w in claim.split()
                ]
                claim = " ".join(words)
                claim = re.sub(r"\d+", lambda m: str(rng.randint(2, 9) * int(m.group()) + rng.randint(1, 9)), claim)
            record = {"id": f"{number}", "label": label, "statement": claim, "speaker": speaker}
            try:
                parsed = parse_liar(record)
            except RecordError:
                continue
            parsed.identifier = f"{PREFIX}{number}"
            records.append(RecordRead(position=number + 1, parsed=parsed))
        return ReadDocument(format="liar", position_unit="line", records=records)

    def _article(self, base: list[tuple[str, str, str]], rng: random.Random) -> tuple[str, str]:
        sentences: list[str] = []
        while sum(len(s.split()) for s in sentences) < 600:
            if rng.random() < 0.25:
                claim, _, speaker = base[rng.randrange(len(base))]
                claim = re.sub(r"^Says\s+", "", claim).rstrip(".")
                lead = rng.choice(_LEADS)
                text = lead.format(
                    speaker=speaker, claim=claim[0].lower() + claim[1:] if "{speaker}" in lead else claim
                )
                sentences.append(text[0].upper() + text[1:] + ".")
            else:
                sentences.append(rng.choice(_FILLER))
        return "Council meeting report", " ".join(sentences)

    def _measure(
        self, passes: list[list[tuple[str, str]]], warm_up: tuple[str, str]
    ) -> tuple[float, float, float, float, float, float, float]:
        """Median and p90 of the whole check, the medians of its retrieval and detector parts, the
        median of the semantic part alone (encoding and index search, timed separately), and the
        medians of the CPU time the checking thread spent on a check and on its detector part (ms).
        On a shared host CPU time moves much less than wall time when other processes compete.

        Every article is checked once: a repeated article would find its sentences' scores and
        parses in the process's caches, which a new article never does.
        """
        detector, attribution = ContradictionDetector(), AttributionDetector()
        self._check(detector, *self._prepared(attribution, *warm_up))  # connections, encoder, index pages
        timings, retrieval, detection, near, cpu, detection_cpu = [], [], [], [], [], []
        for articles in passes:
            for title, body in articles:
                document, attributions = self._prepared(attribution, title, body)
                began, began_cpu = time.perf_counter(), time.thread_time()
                retrieved, detected, retrieved_cpu = self._check(detector, document, attributions)
                timings.append((time.perf_counter() - began) * 1000)
                cpu.append((time.thread_time() - began_cpu) * 1000)
                detection_cpu.append((time.thread_time() - retrieved_cpu) * 1000)
                retrieval.append((retrieved - began) * 1000)
                detection.append((detected - retrieved) * 1000)
                if semantic_enabled():
                    began = time.perf_counter()
                    semantic_ranked_many(texts=[[s.text for s in retrieval_sentences(body)]], limit=5)
                    near.append((time.perf_counter() - began) * 1000)
        timings.sort()
        return (
            statistics.median(timings),
            timings[int(0.9 * (len(timings) - 1))],
            statistics.median(retrieval),
            statistics.median(detection),
            statistics.median(near) if near else 0.0,
            statistics.median(cpu),
            statistics.median(detection_cpu),
        )

    @staticmethod
    def _prepared(attribution: AttributionDetector, title: str, body: str) -> tuple[Document, tuple[Finding, ...]]:
        """The article and its attribution findings, made before the timer starts: the pipeline hands
        the contradiction detector those findings, and finding them is the pure pipeline's cost
        (bench --only pipeline), not the registry's."""
        document = Document(text=body, sentences=split_sentences(body), title=title)
        return document, tuple(attribution.detect(document, AnalysisContext(), ()))

    @staticmethod
    def _check(
        detector: ContradictionDetector, document: Document, attributions: tuple[Finding, ...]
    ) -> tuple[float, float, float]:
        """Check one article as the pipeline does (its attribution findings given); returns the
        perf_counter instants retrieval and detection ended, and the thread's CPU time (thread_time)
        when retrieval ended."""
        sentences = retrieval_sentences(document.text)
        candidates = factcheck_candidates(sentences=[s.text for s in sentences])
        retrieved, retrieved_cpu = time.perf_counter(), time.thread_time()
        context = AnalysisContext(factchecks=tuple(factcheck_entry(f) for f in candidates))
        detector.detect(document, context, attributions)
        return retrieved, time.perf_counter(), retrieved_cpu


def _load_average() -> str:
    """The host's 1-minute load average: other processes on a shared host slow every figure down."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"


def _current_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")
