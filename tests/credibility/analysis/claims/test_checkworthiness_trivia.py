"""Check-worthiness gates for news trivia and forecasts (issue 18)."""

from __future__ import annotations

import pytest

from credibility.analysis.claims.checkworthiness import checkworthiness
from credibility.analysis.pipeline import analyze_text


@pytest.mark.parametrize(
    "sentence",
    [
        "Harry Potter and The Prisoner Of Azkaban took £11.5m in its first three days at the UK box office.",
        "The original title won universal acclaim in 2001, and sold more than four million copies.",
        "Her rise means Australia have a player in the top 10 of the rankings for the first time in 21 years.",
        "The 28-year-old, who joined Rangers from Red Star Belgrade for £1.2m in the close season, is fit.",
        "A single AAA battery lasts up to 30 hours in the new player.",
    ],
)
def test_trivia_is_marked_and_never_flagged_unsourced(sentence: str) -> None:
    assert {"trivia", "sport-routine"} & set(checkworthiness(sentence).features)
    assert [f for f in analyze_text(text=sentence).findings if f.kind == "unverified_claim"] == []


def test_crime_in_a_sports_sentence_is_news() -> None:
    worth = checkworthiness("The striker was charged with assault after 3,000 fans saw the fight, police said.")
    assert "sport-routine" not in worth.features


def test_tipped_to_is_a_forecast() -> None:
    assert (
        "future-or-conditional"
        in checkworthiness("Halo 2 is widely tipped to be one of the best-selling games.").features
    )


def test_grew_out_of_is_not_a_trend() -> None:
    assert "trend" not in checkworthiness("The need for a new way to search grew out of personal frustration.").features
