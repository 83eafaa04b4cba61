"""How the attribution detector's phrase cues were grown from PolNeAR **train** (issue 19).

Two tables, both read from ``articles-train.jsonl`` only (never dev or test):

- ``phrase_table``: every multi-word gold cue, normalised (case-folded; auxiliaries, negation and
  adverbs before the verb dropped: "did not respond to" -> "respond to"; the verb's inflections
  grouped: "talked/talks/talking about" -> one row). For each phrase: how often it is a gold cue,
  how often the gold source of such a cue is missed by the detector today, and its **text
  precision**: of its occurrences in the train texts, the share that lie inside a gold cue span.
- ``finding_table``: the detector's findings grouped by their cue words (the finding span less the
  speaker, auxiliaries dropped), each with the share whose speaker overlaps a gold source: the
  precision of a cue as the detector reads it, which decides whether a candidate stays.

Run: ``python -m credibility.quality.training.attribution_cues <polnear folder> [--findings]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from credibility.quality.evaluation.attribution_eval import default_findings, finding_roles

Span = tuple[int, int]

# Words before a cue's verb that do not change which cue it is.
_LEADING = frozenset(
    """is are was were be been being has have had will would shall should could can may might must did
    does do not n't never also to just still already even then again later first repeatedly publicly
    recently previously reportedly often always now quickly quick""".split()
)
_WORDS = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?")


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _stem(word: str) -> str:
    """A crude verb stem grouping the inflections of one verb ("talks", "talked", "talking" -> "talk")."""
    for suffix in ("ing", "ied", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)].rstrip("e")
    return word.rstrip("e")


def normalise(cue: str) -> tuple[str, ...]:
    """The cue's words, case-folded, from its first word that is not an auxiliary or adverb on."""
    words = _WORDS.findall(cue.casefold().replace("\u2019", "'"))
    while words and (words[0] in _LEADING or words[0].endswith("ly") or words[0].endswith("n't")):
        words.pop(0)
    return tuple(words)


def phrase_key(words: Sequence[str]) -> tuple[str, ...]:
    """The inflection-free key of a phrase: the first word's stem, the rest as written."""
    return (_stem(words[0]), *words[1:]) if words else ()


def _gold(article: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [g for g in article.get("attributions", []) if g.get("cue")]


def phrase_table(
    articles: Sequence[Mapping[str, Any]],
    predicted_sources: Mapping[str, Sequence[Span]],
    *,
    min_gold: int = 5,
) -> list[dict[str, Any]]:
    """Multi-word gold cue phrases with their counts and text precision (see the module docstring)."""
    gold_n: Counter[tuple[str, ...]] = Counter()
    missed_n: Counter[tuple[str, ...]] = Counter()
    forms: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for article in articles:
        text = str(article["text"])
        found = predicted_sources.get(str(article["id"]), ())
        for g in _gold(article):
            words = normalise(" ".join(text[a:b] for a, b in g["cue"]))
            if len(words) < 2:
                continue
            key = phrase_key(words)
            gold_n[key] += 1
            forms[key][" ".join(words)] += 1
            if g.get("source") and not any(_overlaps(s, (a, b)) for s in found for a, b in g["source"]):
                missed_n[key] += 1
    rows = []
    for key, n in gold_n.items():
        if n < min_gold:
            continue
        surface = sorted(forms[key])
        pattern = re.compile(
            r"(?<![\w'\u2019])(?:" + "|".join(r"\s+".join(map(re.escape, f.split())) for f in surface) + r")(?![\w'])",
            re.I,
        )
        occurrences = inside = 0
        for article in articles:
            cues = [(a, b) for g in _gold(article) for a, b in g["cue"]]
            for m in pattern.finditer(str(article["text"])):
                occurrences += 1
                inside += any(_overlaps((m.start(), m.end()), c) for c in cues)
        rows.append(
            {
                "phrase": " ".join(key),
                "forms": surface,
                "gold": n,
                "missed": missed_n[key],
                "occurrences": occurrences,
                "text_precision": round(inside / occurrences, 3) if occurrences else 0.0,
            }
        )
    return sorted(rows, key=lambda r: (-r["missed"], -r["gold"]))


def predictions(articles: Iterable[Mapping[str, Any]]) -> dict[str, list[tuple[Span | None, Span, str]]]:
    """Each article's findings as (speaker span, cue span, cue words)."""
    out: dict[str, list[tuple[Span | None, Span, str]]] = {}
    for article in articles:
        text = str(article["text"])
        rows = []
        for finding in default_findings(text):
            if finding.kind != "source_attribution":
                continue
            roles = finding_roles(text, finding)
            rows.append((roles.source, roles.cue, " ".join(normalise(text[roles.cue[0] : roles.cue[1]]))))
        out[str(article["id"])] = rows
    return out


def finding_table(
    articles: Sequence[Mapping[str, Any]], predicted: Mapping[str, Sequence[tuple[Span | None, Span, str]]]
) -> list[dict[str, Any]]:
    """Findings grouped by cue words: how many, and the share whose speaker overlaps a gold source."""
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for article in articles:
        sources = [(a, b) for g in article.get("attributions", []) for a, b in g.get("source") or ()]
        for source, _cue, words in predicted.get(str(article["id"]), ()):
            if source is None:
                continue
            total[words] += 1
            right[words] += any(_overlaps(source, s) for s in sources)
    return [
        {"cue": cue, "findings": n, "precision": round(right[cue] / n, 3)}
        for cue, n in sorted(total.items(), key=lambda kv: -kv[1])
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("polnear", type=Path, help="The PolNeAR folder (articles-train.jsonl is read).")
    parser.add_argument("--min-gold", type=int, default=5)
    parser.add_argument("--findings", action="store_true", help="Also print the detector's findings by cue.")
    args = parser.parse_args(argv)
    with (args.polnear / "articles-train.jsonl").open(encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle if line.strip()]
    predicted = predictions(articles)
    found = {aid: [s for s, _c, _w in rows if s is not None] for aid, rows in predicted.items()}
    for row in phrase_table(articles, found, min_gold=args.min_gold):
        sys.stdout.write(json.dumps(row) + "\n")
    if args.findings:
        for row in finding_table(articles, predicted):
            sys.stdout.write(json.dumps({"finding": row}) + "\n")


if __name__ == "__main__":
    main()
