"""Typo-detection figures on public misspelling pairs, for our detector and an off-the-shelf baseline.

Each pair is placed in a neutral sentence, so the figure measures the detector on real prose
rather than on an isolated word. Pure Python: callers parse the files and pass records in.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True, slots=True)
class RealTypoCase:
    """A real typo in its sentence, with the same sentence as corrected (the clean twin)."""

    identifier: str
    typo_text: str
    clean_text: str
    start: int  # the typo's span in ``typo_text``
    end: int
    correction: str
    error_type: str  # "non-word", "name" or "real-word"
    capitalised: bool


def real_typo_case(record: dict[str, Any]) -> RealTypoCase:
    """One record of ``typos_in_context.jsonl``; a KeyError or ValueError on a malformed one."""
    case = RealTypoCase(
        identifier=str(record["id"]),
        typo_text=str(record["typo_text"]),
        clean_text=str(record["clean_text"]),
        start=int(record["start"]),
        end=int(record["end"]),
        correction=str(record["correction"]),
        error_type=str(record["error_type"]),
        capitalised=bool(record.get("capitalised", False)),
    )
    if not 0 <= case.start < case.end <= len(case.typo_text):
        raise ValueError(f"{case.identifier}: span {case.start}-{case.end} outside its sentence")
    return case


# The real typo set has no split of its own. Each record goes to "dev" or "test" by a stable hash
# of its id under this seed (about half each, the same on every machine and run, whatever the
# file's order or length): tune on dev, score test once at the end. Changing the seed makes a new
# split, and figures measured on the old one are no longer held-out.
REAL_TYPO_SPLIT_SEED = "issue-20-real-typos-v1"
REAL_TYPO_SPLITS = ("dev", "test", "all")


def real_typo_split(identifier: str, seed: str = REAL_TYPO_SPLIT_SEED) -> str:
    """The split of a record id: "dev" when the first byte of SHA-256 of ``seed:id`` is even, else "test"."""
    digest = hashlib.sha256(f"{seed}:{identifier}".encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def real_typo_cases_in_split(cases: Iterable[RealTypoCase], split: str) -> list[RealTypoCase]:
    """The cases of one split ("dev", "test") or all of them ("all")."""
    if split not in REAL_TYPO_SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(REAL_TYPO_SPLITS)}")
    return [case for case in cases if split == "all" or real_typo_split(case.identifier) == split]


@dataclass(slots=True)
class GroupFigures:
    cases: int = 0
    detected: int = 0
    correct: int = 0  # detected with the right suggestion first

    @property
    def recall(self) -> float:
        return round(self.detected / self.cases, 3) if self.cases else 0.0

    @property
    def suggestion_accuracy(self) -> float:
        """Right suggestions among the typos found (a miss is counted once, in the recall)."""
        return round(self.correct / self.detected, 3) if self.detected else 0.0


@dataclass(slots=True)
class RealTypoFigures:
    groups: dict[str, GroupFigures]  # "all", each error type, then any extra groups
    clean_twins: int = 0
    clean_flagged: int = 0  # clean twins with at least one flag: each is a false alarm
    clean_flags: int = 0
    off_target: int = 0  # flags in a typo sentence away from the typo (the twin counts them too)

    @property
    def false_flag_rate(self) -> float:
        return round(self.clean_flagged / self.clean_twins, 3) if self.clean_twins else 0.0


def real_typo_figures(
    cases: Iterable[RealTypoCase],
    finder: TypoFinder,
    *,
    groups: Callable[[RealTypoCase], Iterable[str]] | None = None,
) -> RealTypoFigures:
    """Recall and suggestion accuracy by error type (and ``groups``), and false flags on the clean twins.

    A typo is found when a flag overlaps its span; the suggestion is right when it equals the
    correction ignoring case. Every flag on a clean twin is false: the twin differs from the
    typo sentence only by the correction.
    """
    figures = RealTypoFigures(groups={"all": GroupFigures()})
    for case in cases:
        found = list(finder(case.typo_text))
        on_typo = [f for f in found if f[0] < case.end and case.start < f[1]]
        detected = bool(on_typo)
        correct = any((s or "").casefold() == case.correction.casefold() for _, _, s in on_typo)
        for label in ("all", case.error_type, *(groups(case) if groups else ())):
            group = figures.groups.setdefault(label, GroupFigures())
            group.cases += 1
            group.detected += detected
            group.correct += correct
        figures.off_target += len(found) - len(on_typo)
        clean = list(finder(case.clean_text))
        figures.clean_twins += 1
        figures.clean_flagged += bool(clean)
        figures.clean_flags += len(clean)
    return figures
