"""Pure-pipeline throughput on a JSON Lines corpus, per core, with each detector's share.

    .venv/bin/python -m credibility.quality.benchmarks.throughput /work/shared/data/external/bbc-news-sample.jsonl

One pass over the articles in this process after the word lists are loaded, so every
sentence is new (no per-sentence cache hits); CPU time of this process, so other tenants'
load matters less than on the wall clock. ``--profile`` prints a cProfile of the pass.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from typing import Any

from credibility.analysis import pipeline
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.types import AnalysisContext, Document, Finding


class _Timed:
    def __init__(self, detector: Any, spent: dict[str, float]) -> None:
        self.detector, self.spent = detector, spent
        self.name, self.version = detector.name, detector.version
        self.languages = getattr(detector, "languages", None)

    def detect(self, document: Document, context: AnalysisContext, earlier: Any) -> list[Finding]:
        began = time.process_time()
        try:
            found: list[Finding] = self.detector.detect(document, context, earlier)
            return found
        finally:
            self.spent[self.name] = self.spent.get(self.name, 0.0) + time.process_time() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with open(args.path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    lexicon.warm_up()
    spent: dict[str, float] = {}
    detectors = tuple(_Timed(d, spent) for d in pipeline.DEFAULT_DETECTORS)

    def run() -> None:
        for row in rows:
            pipeline.analyze_text(text=row["text"], title=row.get("title") or "", detectors=detectors)

    began = time.process_time()
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    else:
        run()
    cpu = time.process_time() - began
    per = {name: round(seconds * 1000 / len(rows), 2) for name, seconds in spent.items()}
    print(
        f"{len(rows)} articles: {len(rows) / cpu:.0f} articles/s per core (CPU, every sentence new); "
        f"ms per article: {per}, segmentation and the rest {round((cpu - sum(spent.values())) * 1000 / len(rows), 2)}"
    )


if __name__ == "__main__":
    main()
