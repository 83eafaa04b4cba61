"""Analysis benchmarks: seed-article latency and pipeline throughput. Pure Python, no database.

Figures are medians over repeated runs, because this machine is shared and noisy.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

from credibility.analysis.pipeline import analyze_text
from credibility.analysis.types import AnalysisContext


@dataclass(frozen=True, slots=True)
class LatencyFigures:
    runs: int
    median_ms: float
    p95_ms: float
    first_run_ms: float  # includes lazy loading of word lists
    detector_median_ms: dict[str, float]


def seed_latency(
    *, text: str, title: str = "", runs: int = 50, context: AnalysisContext | None = None
) -> LatencyFigures:
    began = time.perf_counter()
    analyze_text(text=text, title=title, context=context)
    first = (time.perf_counter() - began) * 1000
    totals: list[float] = []
    per_detector: dict[str, list[float]] = {}
    for _ in range(runs):
        began = time.perf_counter()
        result = analyze_text(text=text, title=title, context=context)
        totals.append((time.perf_counter() - began) * 1000)
        for name, ms in result.timings_ms.items():
            per_detector.setdefault(name, []).append(ms)
    ordered = sorted(totals)
    return LatencyFigures(
        runs=runs,
        median_ms=statistics.median(totals),
        p95_ms=ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))],
        first_run_ms=first,
        detector_median_ms={name: statistics.median(values) for name, values in per_detector.items()},
    )


def generate_articles(*, texts: Sequence[str], count: int, words: int = 600, seed: int = 7) -> list[str]:
    """Deterministic ~``words``-word articles made by shuffling paragraphs of the given texts."""
    paragraphs = [p for text in texts for p in text.split("\n") if len(p.split()) >= 8]
    if not paragraphs:
        raise ValueError("no paragraphs of eight or more words to build articles from")
    rng = random.Random(seed)
    articles = []
    for _ in range(count):
        chosen: list[str] = []
        length = 0
        while length < words:
            paragraph = rng.choice(paragraphs)
            chosen.append(paragraph)
            length += len(paragraph.split())
        articles.append("\n\n".join(chosen))
    return articles


@dataclass(frozen=True, slots=True)
class ThroughputFigures:
    articles: int
    seconds: float
    articles_per_second: float  # wall clock, one process: what this (shared) machine gave us
    cpu_seconds: float
    articles_per_cpu_second: float  # per core: CPU time, immune to other tenants' load
    detector_share: dict[str, float]  # fraction of the time spent per detector


def pipeline_throughput(
    *, articles: Sequence[str], context: AnalysisContext | None = None, cold: bool = False
) -> ThroughputFigures:
    """Analyse every article once. ``cold`` empties the per-sentence caches before each article,
    as for a stream of new texts (generated articles reuse their source paragraphs' sentences)."""
    spent: dict[str, float] = {}
    analyze_text(text=articles[0], context=context)  # load word lists outside the timed loop
    began, cpu_began = time.perf_counter(), time.process_time()
    for text in articles:
        if cold:
            sentence_caches_clear()
        for name, ms in analyze_text(text=text, context=context).timings_ms.items():
            spent[name] = spent.get(name, 0.0) + ms
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu_began
    total = sum(spent.values()) or 1.0
    return ThroughputFigures(
        articles=len(articles),
        seconds=seconds,
        articles_per_second=len(articles) / seconds if seconds else 0.0,
        cpu_seconds=cpu,
        articles_per_cpu_second=len(articles) / cpu if cpu else 0.0,
        detector_share={name: ms / total for name, ms in spent.items()},
    )


def sentence_caches_clear() -> None:
    """Forget the per-sentence memos of the detectors (check-worthiness, hedges, vague sources, word sets)."""
    from credibility.analysis import patterns
    from credibility.analysis.claims import checkworthiness
    from credibility.analysis.detectors import hedges, unsourced

    for cached in (
        checkworthiness.checkworthiness,
        hedges.find_hedge,
        hedges.find_vague_sources,
        hedges.find_weasel,
        hedges._sentence_attributions,
        hedges._named_cue,
        unsourced._screen,
        patterns.word_set,
    ):
        cached.cache_clear()
