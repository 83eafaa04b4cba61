"""Unverified-claim flags: sourcing read from clauses and documents, hedges told from vague
sources, forecasts and intentions left out (issue 18). Sentences are written for the test."""

from __future__ import annotations

import pytest

from credibility.analysis.claims.news_topic import news_topic
from credibility.analysis.detectors.hedges import find_vague_sources, forecast
from credibility.analysis.detectors.unsourced import _worth_flagging
from credibility.analysis.pipeline import analyze_text


def _flags(text: str) -> dict[str, str | None]:
    return {f.quote: f.reason for f in analyze_text(text=text).findings if f.kind == "unverified_claim"}


@pytest.mark.parametrize(
    "text",
    [
        "The quarry firm is understood to have paid £9m for the hillside in 2019.",
        "It is thought that about 4,000 homes lost power during the storm.",
        "Two of the ferries are said to have failed their safety inspections last spring.",
        "Several tenants are believed to have moved out before the rent rise.",
    ],
)
def test_an_epistemic_passive_is_a_hedge_not_a_vague_source(text: str) -> None:
    assert _flags(text) == {text: "hedged"}


def test_a_speaker_before_the_passive_keeps_the_claim_vague() -> None:
    text = "Critics say the quarry firm is thought to have paid far too little for the hillside."
    assert _flags(text) == {text: "vague_source"}


def test_a_capitalised_cue_word_inside_a_name_is_no_attribution() -> None:
    text = "The mill now employs about 2,400 people, most of them in the United States."
    assert _flags(text) == {text: "unsourced"}


@pytest.mark.parametrize(
    "text",
    [
        "Bus fares are believed to be rising far faster than the operator's own figures suggest.",
        "Three divers are reported to have been injured near the reef, although the coastguard has not confirmed it.",
    ],
)
def test_a_source_in_a_comparison_or_a_concession_does_not_cover_the_hedged_claim(text: str) -> None:
    assert _flags(text) == {text: "hedged"}


def test_a_hedge_in_the_speakers_own_clause_is_the_speakers() -> None:
    text = "Shares in the miner rose 8% in early trading, after the company said output may have peaked."
    assert _flags(text).get(text) != "hedged"


@pytest.mark.parametrize(
    "text",
    [
        "The smelter has been in operation since 1971 and has never had a fatal accident.",
        "The water company has suffered three major leaks since 2018, including one that flooded a school.",
    ],
)
def test_a_count_or_a_record_since_a_date_is_a_claim_not_background(text: str) -> None:
    assert _flags(text) == {text: "unsourced"}


def test_a_state_held_since_a_date_is_still_background() -> None:
    assert _flags("The Pryce family has farmed the whole of the upper valley ever since 1921.") == {}


@pytest.mark.parametrize(
    "text",
    [
        "Logistics consultant Mara Feld expects at least four more depots in the region to close by summer.",
        "The state weather bureau has forecast above-average rainfall for the northern valleys in the second half of the season.",
        "Economists surveyed by the Daily Ledger had expected growth of 1.4 per cent in the quarter.",
    ],
)
def test_a_forecast_is_not_flagged(text: str) -> None:
    assert forecast(text)
    assert _flags(text) == {}


def test_an_outcome_measured_against_a_forecast_is_a_claim() -> None:
    assert not forecast("Exports grew by 9 per cent, far faster than economists had expected.")


@pytest.mark.parametrize(
    "text",
    [
        "Some drivers say they will block the bypass again next week.",
        "Many angry residents protested outside the town hall, saying they would refuse to pay the new parking charges.",
    ],
)
def test_a_group_announcing_its_own_intention_is_not_flagged(text: str) -> None:
    assert _flags(text) == {}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Ferry passengers in the harbour town complain that fares have doubled since May.", "ferry passengers"),
        ("Local shop owners say at least five stores have closed on the high street this year.", "local shop owners"),
    ],
)
def test_an_unnamed_plural_group_speaking_is_a_vague_source(text: str, label: str) -> None:
    assert [cue for _, _, cue in find_vague_sources(text)] == [label]
    assert _flags(text) == {text: "vague_source"}


@pytest.mark.parametrize(
    "text",
    [
        "Its owners say the mill will close.",  # points back to someone named
        "Engineers at the water agency say the main will be fixed by Friday.",  # an institution's staff
        "Reuters said the mill had closed.",  # a name, with a singular or past verb
        "Council figures suggest the mill will close.",  # data, a document source
        "The board, citing new data, said pensioners in the poorest wards could expect smaller rises.",  # a verb
        "According to its estimate, as much as 9% of the loans were lost.",  # a pronoun
    ],
)
def test_a_named_or_institutional_group_is_not_a_bare_vague_source(text: str) -> None:
    assert find_vague_sources(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "The inspectorate rated the prison inadequate in a report published on Monday.",
        "The payment appears in court filings lodged by the defence.",
    ],
)
def test_a_statement_placed_in_a_document_is_sourced(text: str) -> None:
    assert _flags(text) == {}


def test_the_next_sentence_placing_a_figure_in_a_document_sources_it() -> None:
    text = "The builder repaid about $90,000 to the council. The figure appears in court filings seen this week."
    assert _flags(text) == {}


def test_a_quoted_characterisation_is_the_speakers_view() -> None:
    text = (
        'Opposition councillor Ann Rook, of the Greenfield group, described the budget vote as "a betrayal of '
        'every family that relies on these buses".'
    )
    assert _flags(text) == {}


def test_a_match_result_counts_as_leisure() -> None:
    assert news_topic("The visitors lost 27-19 to the home side in their last outing.").is_leisure
    assert not news_topic("The Supreme Court ruled 5-4 in favour of the state.").is_leisure
    assert not news_topic("The bill passed 52-48 in the Senate.").is_leisure


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Traders at the Corran fish market say prices have doubled.", ["traders"]),
        ("Workers at the Pell Road depot say shifts were cut.", ["workers"]),
        ("Officials at the Treasury say the deficit fell.", []),
        ("Officials at the Treasury department say the deficit fell.", []),
        ("Officials at the Treasury have said the deficit fell.", []),
    ],
)
def test_a_group_at_a_place_named_after_something_is_still_vague(text: str, vague: list[str]) -> None:
    assert [cue for _, _, cue in find_vague_sources(text)] == vague


def test_a_rumour_a_named_source_calls_false_at_once_is_not_flagged() -> None:
    rumour = "Some residents claimed on Sunday that the old barracks at Dunmore had been sold to a developer."
    assert _flags(rumour) == {rumour: "vague_source"}
    answered = rumour + " The justice department said that was untrue and that the site was still for sale."
    assert _flags(answered) == {}


def test_a_group_at_a_named_firm_somewhere_is_tied_to_the_firm() -> None:
    assert find_vague_sources("Analysts at Kerrow Capital in Leeds said the merger made sense.") == ()


def test_a_rough_count_in_leisure_news_is_routine_but_a_measure_is_not() -> None:
    leisure = news_topic("The band's album and the film won awards.")
    assert leisure.is_leisure
    assert not _worth_flagging(0.9, 0.75, ("approximate-quantity", "quantity", "comparative"), leisure)
    assert _worth_flagging(0.9, 0.75, ("percent", "trend", "quantity"), leisure)
    assert _flags("The quartet has sold about three million albums around the world.") == {}


def test_data_in_a_with_clause_does_not_name_the_main_claims_source() -> None:
    text = "Critics say the tram plan is now doomed, with recent surveys showing support below 30 per cent."
    assert _flags(text) == {text: "vague_source"}
