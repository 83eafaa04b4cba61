"""Hostile-text benchmark: inputs built to make the analysis superlinear, timed against prose.

Pure Python, no database. An input is a *recipe* (a small JSON object) that ``build``
expands to any size, so the regression corpus (``hostile_corpus.json``) stays small while
a recipe can be replayed at the body limit:

- ``{"kind": "repeat", "unit": "?!"}``: the unit repeated ("according to ", "A-", "…");
- ``{"kind": "words", "length": 10000, "distinct": true, "case": "lower"}``: long tokens;
- ``{"kind": "counter", "case": "title", "suffix": " said. "}``: distinct short words
  ("Aaab said. Aaac said. ..."), for the loops that compare every name with every other;
- ``{"kind": "nest", "open": "(", "close": ")", "inner": "x"}``: nesting to the full size.

``search`` lets hypothesis generate recipes (repetition, nesting, long tokens, punctuation
runs, capitalisation patterns) and steer towards the slowest with ``hypothesis.target``;
``measure`` gives the time per 10,000 characters and the traced peak memory of one run,
and the ratios against ordinary prose of the same length (the BBC/dev articles). The
target is at most 3x the time and 2x the memory of prose.

Timing uses CPU time of this process with the per-sentence and per-word caches emptied
before each run, for the hostile input and the prose alike (a cold start for both), and the
same repeat count for both (the median of ``RUNS``): a single hostile run against a median of
three prose runs would compare a noisy figure with a steadied one.

The prose must be real, varied articles: repeating one article makes its sentences hit the
per-sentence caches on every repeat after the first, which makes prose look about twice as
fast and every ratio about twice as bad. ``prose_texts_check`` refuses such a baseline.
"""

from __future__ import annotations

import json
import statistics
import string
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from credibility.analysis.detectors.attribution import names as attribution_names
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.pipeline import analyze_text

Recipe = dict[str, Any]

CORPUS_PATH = Path(__file__).with_name("hostile_corpus.json")
TIME_TARGET = 3.0
MEMORY_TARGET = 2.0
RUNS = 3  # timed runs per input, hostile and prose alike; the median is reported
# A baseline shorter than this (in distinct characters) repeats itself at 100,000 characters.
MIN_PROSE_CHARS = 100_000

# Pieces the generator combines into repeated units: cue words, stops, quotes, brackets,
# hyphens, abbreviations, web addresses; each has a path in the segmenter or a detector.
FRAGMENTS: tuple[str, ...] = (
    ".",
    "!",
    "?",
    "…",
    ",",
    ";",
    ":",
    '"',
    "'",
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    "(",
    ")",
    "[",
    "]",
    "-",
    "\u2014",
    "\n",
    " ",
    "\n\n",
    "Mr.",
    "U.S.",
    "Dr ",
    "A.",
    "e.g.",
    "said",
    "says",
    "told",
    "according to",
    "the",
    "officials",
    "sources",
    "he",
    "she",
    "it",
    "report",
    "data",
    "show",
    "by",
    "was",
    "is",
    "reportedly",
    "http://",
    "www.",
    "@",
    "#",
    "'s",
    "A",
    "B",
    "x",
    "Smith",
    "Reuters",
    "Photo:",
    "has",
    "to",
    "went",
    "onthe",
    "1",
    "2024",
    "%",
    "$",
    "\u00a3",
    "not",
    "never",
    "could",
    "what",
    "termed",
    "with",
    "saying",
    ", saying",
)


def _letters(index: int, length: int, case: str) -> str:
    """A deterministic word of ``length`` letters, distinct for each ``index``."""
    head = ""
    n = index
    while True:
        head = string.ascii_lowercase[n % 26] + head
        n //= 26
        if n == 0:
            break
    filler = "etaoinshrdlu"
    word = (head + filler * (length // len(filler) + 1))[:length] if length > len(head) else head[:length]
    if case == "upper":
        return word.upper()
    if case == "title":
        return word[:1].upper() + word[1:]
    if case == "alternating":
        return "".join(ch.upper() if i % 2 else ch for i, ch in enumerate(word))
    return word


def build(recipe: Recipe, size: int) -> str:
    """The recipe's text, exactly ``size`` characters long."""
    kind = recipe.get("kind", "repeat")
    if kind == "repeat":
        unit = str(recipe["unit"]) or " "
        text = str(recipe.get("prefix", "")) + unit * (size // len(unit) + 1)
    elif kind == "words":
        length, case, sep = int(recipe["length"]), str(recipe.get("case", "lower")), str(recipe.get("sep", " "))
        count = size // (length + len(sep)) + 1
        words = [_letters(i if recipe.get("distinct") else 0, length, case) for i in range(count)]
        text = str(recipe.get("prefix", "")) + sep.join(words)
    elif kind == "counter":
        case, prefix, suffix = (
            str(recipe.get("case", "title")),
            str(recipe.get("prefix", "")),
            str(recipe.get("suffix", " ")),
        )
        length = int(recipe.get("length", 4))
        parts: list[str] = []
        total = 0
        i = 0
        while total < size:
            part = prefix + _letters(i, length, case) + suffix
            parts.append(part)
            total += len(part)
            i += 1
        text = "".join(parts)
    elif kind == "nest":
        opener, closer, inner = str(recipe["open"]), str(recipe["close"]), str(recipe.get("inner", "x"))
        depth = max(1, (size - len(inner)) // max(1, len(opener) + len(closer)))
        text = opener * depth + inner + closer * depth
    else:
        raise ValueError(f"unknown recipe kind {kind!r}")
    return (text + " " * size)[:size]


def describe(recipe: Recipe) -> str:
    return json.dumps(recipe, ensure_ascii=False, sort_keys=True)


def load_corpus(path: Path = CORPUS_PATH) -> list[Recipe]:
    """The regression recipes: the issue's inputs and the worst the generator found."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [dict(item) for item in data["recipes"]]


def caches_clear() -> None:
    """Forget every per-sentence and per-word memo, so each run starts cold."""
    from credibility.quality.benchmarks.analysis import sentence_caches_clear

    sentence_caches_clear()
    for cached in (
        lexicon.near_words,
        lexicon.far_words,
        lexicon.zipf,
        lexicon.is_word,
        attribution_names._clean_proper_memo,
        attribution_names._name_kind_memo,
    ):
        cached.cache_clear()


def prose_texts_check(texts: Sequence[str], *, size: int) -> str | None:
    """Why ``texts`` cannot serve as the prose baseline at ``size`` characters, or None if they can.

    Prose cut from fewer characters than ``size`` repeats itself, and repeated sentences are
    answered from the per-sentence caches: the baseline would be faster than real prose.
    """
    chars = sum(len(t) for t in texts if t.strip())
    if chars < size:
        return f"the prose texts hold {chars:,} characters, fewer than the {size:,} measured: prose would repeat"
    return None


def prose_text(texts: Sequence[str], size: int) -> str:
    """Ordinary prose of exactly ``size`` characters, cut from ``texts`` (repeated if short)."""
    joined = "\n\n".join(t for t in texts if t.strip())
    if not joined:
        raise ValueError("no prose texts")
    return (joined * (size // len(joined) + 1))[:size]


@dataclass(frozen=True, slots=True)
class Measurement:
    chars: int
    cpu_seconds: float
    peak_bytes: int  # traced peak while analysing (0 when memory was not measured)
    findings: int

    @property
    def per_10k_ms(self) -> float:
        return self.cpu_seconds * 1000 * 10_000 / max(1, self.chars)


def measure(text: str, *, memory: bool = False, runs: int = 1) -> Measurement:
    """CPU time (median of ``runs``, cold caches) and optionally the traced peak memory of one analysis."""
    lexicon.warm_up()
    times: list[float] = []
    findings = 0
    for _ in range(runs):
        caches_clear()
        began = time.process_time()
        result = analyze_text(text=text, budget_seconds=None)
        times.append(time.process_time() - began)
        findings = len(result.findings)
    peak = 0
    if memory:
        caches_clear()
        tracemalloc.start()
        try:
            analyze_text(text=text, budget_seconds=None)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return Measurement(chars=len(text), cpu_seconds=statistics.median(times), peak_bytes=peak, findings=findings)


@dataclass(frozen=True, slots=True)
class Comparison:
    recipe: Recipe
    hostile: Measurement
    prose: Measurement

    @property
    def time_ratio(self) -> float:
        return self.hostile.cpu_seconds / max(1e-9, self.prose.cpu_seconds)

    @property
    def memory_ratio(self) -> float:
        return self.hostile.peak_bytes / max(1, self.prose.peak_bytes) if self.prose.peak_bytes else 0.0

    @property
    def within_targets(self) -> bool:
        return self.time_ratio <= TIME_TARGET and (not self.prose.peak_bytes or self.memory_ratio <= MEMORY_TARGET)


class ProseBaseline:
    """Prose measurements per size, taken once (median of ``RUNS`` runs, as for every hostile input)."""

    def __init__(self, texts: Sequence[str], *, memory: bool = False) -> None:
        self.texts = list(texts)
        self.memory = memory
        self._cache: dict[int, Measurement] = {}

    def at(self, size: int) -> Measurement:
        if size not in self._cache:
            self._cache[size] = measure(prose_text(self.texts, size), memory=self.memory, runs=RUNS)
        return self._cache[size]


def compare(recipe: Recipe, size: int, prose: ProseBaseline, *, runs: int = RUNS) -> Comparison:
    hostile = measure(build(recipe, size), memory=prose.memory, runs=runs)
    return Comparison(recipe=recipe, hostile=hostile, prose=prose.at(size))


# --- the generator ------------------------------------------------------------------------
def recipes_strategy() -> Any:
    """A hypothesis strategy of recipes: repetition, punctuation runs, long tokens, capitals, nesting."""
    from hypothesis import strategies as st

    fragment = st.sampled_from(FRAGMENTS)
    letters = st.text(alphabet=string.ascii_letters, min_size=1, max_size=12)
    unit = st.lists(st.one_of(fragment, letters), min_size=1, max_size=6).map("".join)
    punctuation = st.text(alphabet=".!?…,;:\"'\u201c\u201d()[]-\u2014 \n", min_size=1, max_size=4)
    cases = st.sampled_from(["lower", "title", "upper", "alternating"])
    return st.one_of(
        st.builds(lambda u: {"kind": "repeat", "unit": u}, unit),
        st.builds(lambda u: {"kind": "repeat", "unit": u}, punctuation),
        st.builds(lambda p, u: {"kind": "repeat", "prefix": p, "unit": u}, unit, punctuation),
        st.builds(
            lambda length, distinct, case, sep: {
                "kind": "words",
                "length": length,
                "distinct": distinct,
                "case": case,
                "sep": sep,
            },
            st.integers(min_value=20, max_value=20_000),
            st.booleans(),
            cases,
            st.sampled_from([" ", "-", "\n", ". ", "'s "]),
        ),
        st.builds(
            lambda case, length, prefix, suffix: {
                "kind": "counter",
                "case": case,
                "length": length,
                "prefix": prefix,
                "suffix": suffix,
            },
            cases,
            st.integers(min_value=3, max_value=12),
            st.sampled_from(["", "Mr ", "the ", "Dr. ", "according to "]),
            st.sampled_from([" ", " said. ", "-", " said ", ", ", "'s report shows ", ". "]),
        ),
        st.builds(
            lambda pair, inner: {"kind": "nest", "open": pair[0], "close": pair[1], "inner": inner},
            st.sampled_from(
                [
                    ("(", ")"),
                    ("[", "]"),
                    ("\u201c", "\u201d"),
                    ('"', '"'),
                    ("'", "'"),
                    ("according to ", ""),
                    ("(", ""),
                    ("Mr ", " said"),
                    ("the ", "'s"),
                ]
            ),
            letters,
        ),
    )


def search(
    *,
    size: int,
    examples: int,
    prose: ProseBaseline,
    seed: int = 0,
    progress: Callable[[int, Comparison], None] | None = None,
) -> list[Comparison]:
    """Generate ``examples`` recipes, steering towards the slowest; every comparison, worst first."""
    from hypothesis import HealthCheck, Phase, given, settings, target
    from hypothesis import seed as hypothesis_seed

    seen: list[Comparison] = []

    @hypothesis_seed(seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate, Phase.target],
        suppress_health_check=list(HealthCheck),
    )
    @given(recipes_strategy())
    def probe(recipe: Recipe) -> None:
        comparison = compare(recipe, size, prose)
        seen.append(comparison)
        target(comparison.time_ratio, label="time ratio vs prose")
        if progress is not None:
            progress(len(seen), comparison)

    probe()
    return sorted(seen, key=lambda c: -c.time_ratio)
