"""Typo-detection figures on public misspelling pairs, for our detector and an off-the-shelf baseline.

Each pair is placed in a neutral sentence, so the figure measures the detector on real prose
rather than on an isolated word. Pure Python: callers parse the files and pass records in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, Finding

NEUTRAL_TEMPLATES = (
    "The committee said the {word} would be discussed at the next meeting.",
    "Residents were told that the {word} had been added to the report on Monday.",
)

# A typo finder takes a text and returns (start, end, suggestion) triples.
TypoFinder = Callable[[str], Sequence[tuple[int, int, str | None]]]


@dataclass(frozen=True, slots=True)
class MisspellingFigures:
    cases: int
    detected: int
    top1_correct: int
    false_flags: int  # findings on the template's own, correctly spelled words

    @property
    def recall(self) -> float:
        return self.detected / self.cases if self.cases else 0.0

    @property
    def top1_accuracy(self) -> float:
        return self.top1_correct / self.cases if self.cases else 0.0


def misspelling_figures(pairs: Iterable[tuple[str, str]], finder: TypoFinder) -> MisspellingFigures:
    cases = detected = correct = false_flags = 0
    for index, (misspelling, correction) in enumerate(pairs):
        template = NEUTRAL_TEMPLATES[index % len(NEUTRAL_TEMPLATES)]
        start = template.index("{word}")
        text = template.format(word=misspelling)
        end = start + len(misspelling)
        cases += 1
        found = list(finder(text))
        on_word = [f for f in found if f[0] < end and start < f[1]]
        false_flags += len(found) - len(on_word)
        if on_word:
            detected += 1
            correct += any((s or "").casefold() == correction.casefold() for _, _, s in on_word)
    return MisspellingFigures(cases=cases, detected=detected, top1_correct=correct, false_flags=false_flags)


def detector_finder(detector: object, context: AnalysisContext | None = None) -> TypoFinder:
    """Adapt a pipeline detector (``detect(document, context, earlier)``) to a TypoFinder."""
    context = context or AnalysisContext()

    def find(text: str) -> list[tuple[int, int, str | None]]:
        document = Document(text=text, sentences=split_sentences(text))
        findings: list[Finding] = detector.detect(document, context, ())  # type: ignore[attr-defined]
        return [(f.start, f.end, f.suggestion) for f in findings if f.kind == "typo"]

    return find


_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")


def baseline_finder() -> TypoFinder:
    """pyspellchecker as a newsroom would use it out of the box: flag unknown words, take its correction.

    Imported lazily: it is a development dependency used only for this comparison.
    """
    from spellchecker import SpellChecker

    checker = SpellChecker(distance=2)

    def find(text: str) -> list[tuple[int, int, str | None]]:
        results: list[tuple[int, int, str | None]] = []
        matches = list(_WORD.finditer(text))
        unknown = checker.unknown([m.group(0).lower() for m in matches])
        for match in matches:
            word = match.group(0).lower()
            if word in unknown:
                results.append((match.start(), match.end(), checker.correction(word)))
        return results

    return find
