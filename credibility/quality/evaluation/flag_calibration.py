"""Rebuild ``credibility/analysis/claims/flag_calibration.json``: the calibrated confidence of unverified flags.

    python -m credibility.quality.evaluation.flag_calibration \\
        --labels credibility/quality/evaluation/labels/bbc_unverified.jsonl \\
        --articles ../shared/data/external/bbc-news-sample.jsonl \\
        --out credibility/analysis/claims/flag_calibration.json

The pipeline runs on every labelled article of the **dev** split (the only split this script
accepts: the test split is kept for the final measurement). Each unverified flag is judged by
the labelled sentence it overlaps most, as ``manage.py evaluate --unverified-split`` does, and
is a positive when that sentence is a strict positive of the labelling guide (a check-worthy
factual statement that is unsourced, vaguely sourced or hedged).

The fit is deliberately small, because the data is: about 60 flags. Flags are binned by
check-worthiness score on fixed edges (``EDGES``, not tuned on the data); each bin's rate is
shrunk towards the overall rate by ``PRIOR_WEIGHT`` pseudo-flags (so a bin of three flags
cannot claim 0 or 1); then pool-adjacent-violators, weighted by flags, makes the rates rise
with the score. Reasons are pooled (too few vague and hedged flags to fit them apart). The
output is deterministic: same labels, articles and detectors, same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from credibility.analysis.claims.flag_value import calibration_from_json, claim_checkworthiness
from credibility.analysis.pipeline import analyze_text
from credibility.quality.evaluation.labelled_articles import labelled_articles, read_jsonl
from credibility.quality.evaluation.unverified_eval import LabelledSentence, best_sentence, labelled_sentence

EDGES = (0.0, 0.25, 0.5, 0.75)
PRIOR_WEIGHT = 2.0
SPLIT = "dev"


def flag_examples(
    labels: Iterable[LabelledSentence], articles: Mapping[str, Mapping[str, Any]]
) -> list[tuple[float, bool]]:
    """(check-worthiness score, strict positive) for every unverified flag the pipeline raises on the labelled articles."""
    by_article: dict[str, list[LabelledSentence]] = {}
    for label in labels:
        by_article.setdefault(label.article, []).append(label)
    examples: list[tuple[float, bool]] = []
    for key in sorted(by_article):
        article = articles[key]
        result = analyze_text(text=article["text"], title=article.get("title", ""), budget_seconds=None)
        for finding in result.findings:
            if finding.kind != "unverified_claim":
                continue
            score = finding.checkworthiness
            if score is None:
                score = claim_checkworthiness(finding.quote)
            sentence = best_sentence((finding.start, finding.end), by_article[key])
            examples.append((score, sentence is not None and sentence.should_flag))
    return examples


def _pool_adjacent_violators(values: Sequence[float], weights: Sequence[float]) -> list[float]:
    """The weighted least-squares non-decreasing fit of ``values`` (one value per input)."""
    blocks: list[list[float]] = []  # [mean, weight, size]
    for value, weight in zip(values, weights, strict=True):
        blocks.append([value, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean2, weight2, size2 = blocks.pop()
            mean1, weight1, size1 = blocks.pop()
            total = weight1 + weight2
            blocks.append([(mean1 * weight1 + mean2 * weight2) / total, total, size1 + size2])
    return [block[0] for block in blocks for _ in range(int(block[2]))]


def fit_calibration(
    examples: Sequence[tuple[float, bool]], *, edges: Sequence[float] = EDGES, prior_weight: float = PRIOR_WEIGHT
) -> dict[str, Any]:
    """The calibration table (``flag_calibration.json``'s content) for (score, positive) examples."""
    if not examples:
        raise ValueError("no flags to calibrate on")
    flags = [0] * len(edges)
    positives = [0] * len(edges)
    for score, positive in examples:
        at = max(i for i, low in enumerate(edges) if score >= low or i == 0)
        flags[at] += 1
        positives[at] += positive
    overall = sum(positives) / len(examples)
    kept = [i for i in range(len(edges)) if flags[i]]  # an empty bin merges into the one below
    shrunk = [(positives[i] + prior_weight * overall) / (flags[i] + prior_weight) for i in kept]
    fitted = _pool_adjacent_violators(shrunk, [flags[i] + prior_weight for i in kept])
    bins = [
        {
            "low": edges[i] if n else 0.0,  # scores below the first non-empty bin read its rate
            "flags": flags[i],
            "positives": positives[i],
            "observed": round(positives[i] / flags[i], 4) if flags[i] else None,
            "confidence": round(value, 4),
        }
        for n, (i, value) in enumerate(zip(kept, fitted, strict=True))
    ]
    return {
        "target": "strict: a check-worthy factual statement (CFS) that is unsourced, vaguely sourced or hedged",
        "split": SPLIT,
        "flags": len(examples),
        "positives": sum(positives),
        "method": (
            f"bins on check-worthiness with fixed edges {list(edges)}, each rate shrunk towards the overall rate "
            f"by {prior_weight:g} pseudo-flags, then pool-adjacent-violators (weighted by flags); reasons pooled"
        ),
        "bins": bins,
    }


def calibration_build(*, labels_path: Path, articles_path: Path) -> dict[str, Any]:
    """Read the dev-split labels and their articles and fit the table."""
    labels = [labelled_sentence(row) for row in read_jsonl(labels_path) if row.get("split") == SPLIT]
    if not labels:
        raise ValueError(f"no {SPLIT}-split rows in {labels_path}")
    articles = labelled_articles(articles_path, (label.article for label in labels))
    table = fit_calibration(flag_examples(labels, articles))
    table["articles"] = len(articles)
    calibration_from_json(table)  # what the analysis will load must load
    return table


def calibration_json(table: Mapping[str, Any]) -> str:
    return json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--labels", type=Path, required=True, help="Hand labels (JSONL, with a split field).")
    parser.add_argument("--articles", type=Path, required=True, help="The labelled articles (JSONL: id, title, text).")
    parser.add_argument("--out", type=Path, help="Where to write the table (default: standard output).")
    options = parser.parse_args(argv)
    text = calibration_json(calibration_build(labels_path=options.labels, articles_path=options.articles))
    if options.out is None:
        sys.stdout.write(text)
    else:
        options.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
