"""The real-typo scorer on hand-made cases and a fake finder: no data files, no detector."""

from __future__ import annotations

import pytest

from credibility.quality.evaluation.typo_eval import (
    RealTypoCase,
    real_typo_case,
    real_typo_cases_in_split,
    real_typo_figures,
    real_typo_split,
)


def _case(identifier: str, typo: str, clean: str, word: str, correction: str, error_type: str) -> RealTypoCase:
    start = typo.index(word)
    return real_typo_case(
        {
            "id": identifier,
            "typo_text": typo,
            "clean_text": clean,
            "start": start,
            "end": start + len(word),
            "correction": correction,
            "error_type": error_type,
            "capitalised": word[:1].isupper(),
        }
    )


def _finder(flags: dict[str, list[tuple[str, str | None]]]):  # type: ignore[no-untyped-def]
    def find(text: str) -> list[tuple[int, int, str | None]]:
        return [(text.index(word), text.index(word) + len(word), s) for word, s in flags.get(text, [])]

    return find


def test_real_typo_figures_counts_recall_suggestions_and_clean_twin_flags_by_type() -> None:
    cases = [
        _case("a", "The dog barkd.", "The dog barked.", "barkd", "barked", "non-word"),
        _case("b", "We saw Jonh there.", "We saw John there.", "Jonh", "John", "name"),
        _case("c", "It lead the way.", "It led the way.", "lead", "led", "real-word"),
        _case("d", "The catt sat.", "The cat sat.", "catt", "cat", "non-word"),
    ]
    finder = _finder(
        {
            "The dog barkd.": [("barkd", "barked")],
            "We saw Jonh there.": [("Jonh", "Josh"), ("saw", None)],
            "The cat sat.": [("sat", "set")],
        }
    )
    figures = real_typo_figures(cases, finder, groups=lambda case: ["capitalised"] if case.capitalised else [])
    assert (figures.groups["all"].cases, figures.groups["all"].detected, figures.groups["all"].correct) == (4, 2, 1)
    assert figures.groups["non-word"].recall == 0.5
    assert figures.groups["non-word"].suggestion_accuracy == 1.0
    assert figures.groups["name"].suggestion_accuracy == 0.0
    assert figures.groups["real-word"].recall == 0.0
    assert figures.groups["capitalised"].cases == 1
    assert (figures.clean_twins, figures.clean_flagged, figures.clean_flags) == (4, 1, 1)
    assert figures.false_flag_rate == 0.25
    assert figures.off_target == 1


def test_real_typo_case_rejects_a_span_outside_its_sentence() -> None:
    with pytest.raises(ValueError, match="outside"):
        real_typo_case(
            {"id": "x", "typo_text": "abc", "clean_text": "abc", "start": 2, "end": 9, "correction": "a"}
            | {"error_type": "non-word"}
        )


def test_real_typo_split_is_stable_and_about_half_each() -> None:
    identifiers = [f"case-{i}" for i in range(400)]
    splits = [real_typo_split(identifier) for identifier in identifiers]
    assert set(splits) == {"dev", "test"}
    assert 160 <= splits.count("dev") <= 240
    assert splits == [real_typo_split(identifier) for identifier in reversed(identifiers)][::-1]
    assert real_typo_split("case-1", seed="another seed") in {"dev", "test"}


def test_real_typo_cases_in_split_partitions_the_cases() -> None:
    cases = [_case(f"id-{i}", "A typoo here.", "A typo here.", "typoo", "typo", "non-word") for i in range(40)]
    dev = real_typo_cases_in_split(cases, "dev")
    test = real_typo_cases_in_split(cases, "test")
    assert sorted(c.identifier for c in dev + test) == sorted(c.identifier for c in cases)
    assert not {c.identifier for c in dev} & {c.identifier for c in test}
    assert real_typo_cases_in_split(cases, "all") == cases
    with pytest.raises(ValueError, match="unknown split"):
        real_typo_cases_in_split(cases, "train")
