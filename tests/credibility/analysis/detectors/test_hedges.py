"""A targeted hedge set (issue 18): each misfire kind seen on real news, and each kept kind.

Sentences are written for the test; they mirror the shapes found on BBC copy.
"""

from __future__ import annotations

import pytest

from credibility.analysis.detectors.hedges import find_hedge
from credibility.analysis.pipeline import analyze_text

MISFIRES = [
    # "appear" as *show up*
    "They failed to appear to give samples in Chicago and Tel Aviv before the Games.",
    "The driver did not appear in court on Monday to answer the charges.",
    # what evidence shows
    "Tests on the birds show they are unlikely to be a danger to humans.",
    "The inquiry found the mill was probably not at fault for the spill.",
    # forecasts and conditionals
    "But it is the economy that will probably be the greatest influence over the election.",
    "Even clothing is likely to be part of the convergence trend next year.",
    # a comparison of chances
    "That means commuters are more likely to lose their phones on the way home.",
    # the writer's own impression
    "And we already appear to be in that general election campaign.",
    "As gadgets have spread, we seem to be forgetting them in ever larger numbers.",
    # a concession
    "Labour may have abolished hunting - but that did not stop the Chancellor from mocking it.",
]

KEPT = [
    "It is thought that about 80,000 to 100,000 people were displaced by the floods.",
    "FBI agents reportedly downloaded files from the company's servers in March.",
    "The minister appears to have misled parliament about the contract.",
    "The fire may have been started deliberately in the early hours.",
    "The driver was probably drunk at the time of the crash.",
    "The victim is likely to have died within hours of the attack.",
    "The 35-year-old airline's pilots are reportedly among the best paid in the industry.",
]


@pytest.mark.parametrize("sentence", MISFIRES)
def test_find_hedge_skips_other_senses_and_readings(sentence: str) -> None:
    assert find_hedge(sentence) is None


@pytest.mark.parametrize("sentence", KEPT)
def test_find_hedge_keeps_real_hedges(sentence: str) -> None:
    assert find_hedge(sentence) is not None


def _reasons(text: str) -> list[str | None]:
    return [f.reason for f in analyze_text(text=text).findings if f.kind == "unverified_claim"]


def test_hedge_detector_flags_the_kept_hedges() -> None:
    assert _reasons("FBI agents reportedly downloaded files from the company's servers in March.") == ["hedged"]


def test_hedge_inside_a_named_speakers_quote_belongs_to_the_speaker() -> None:
    text = (
        'The chief constable, Anne Hale, said the fire "may have been started deliberately". '
        '"It appears that someone had a key," she added.'
    )
    assert _reasons(text) == []


def test_hedge_inside_a_partial_quote_is_not_the_writers() -> None:
    assert find_hedge('The mill "may have leaked" chemicals into the river, the report said.') is not None
    assert _reasons('Residents were told the water "may have been contaminated" at the source.') == []


def test_a_chance_word_beside_a_comment_adverb_tones_down_the_comment_not_the_fact():
    assert find_hedge("The union has, understandably perhaps, rejected the pay offer of 3%.") is None
    assert find_hedge("Perhaps unsurprisingly, the ferry company cut 400 jobs last year.") is None
    assert find_hedge("The ferry company perhaps cut 400 jobs last year.") is not None
    assert find_hedge("The council probably spent £4m on the new stadium.") is not None


# Each misfire kind, run through the whole pipeline: none may become a hedged flag.
PIPELINE_MISFIRES = [
    # "appear" as show up, with the court or the place after it
    "Three directors failed to appear at the crown court on Monday to face the fraud charges.",
    "The striker did not appear in the second half after a knock to the ankle.",
    # the hedge word is part of what the evidence shows
    "Post-mortem results show the swans are unlikely to have died from bird flu.",
    # a named source's own hedge, in a quote credited by "according to"
    '"Possibly the new licensing law has closed more pubs than the smoking ban," according to Jane Rowe.',
    # a named source's hedge in reported speech
    "The licensing law has probably closed 300 pubs in the county, said Jane Rowe, a historian.",
    # a forecast
    "Tickets for the final are likely to sell out within an hour.",
]


@pytest.mark.parametrize("sentence", PIPELINE_MISFIRES)
def test_misfire_kinds_are_never_hedged_flags(sentence: str) -> None:
    assert "hedged" not in _reasons(sentence)


def test_what_an_unnamed_source_predicts_is_an_opinion_about_the_future() -> None:
    from credibility.analysis.detectors.hedges import vague_prediction

    assert vague_prediction("Bankers warned that lending to small farms may shrink next spring.")
    assert vague_prediction("Some hauliers fear the levy will push ferry fares higher.")
    assert vague_prediction("The two firms estimate that the service will launch in June.")
    # What unnamed sources say will happen is a rumour to check, not an opinion.
    assert not vague_prediction("Insiders said the merger might be announced before Easter.")
    assert not vague_prediction("People close to the club say the sale will close on Friday.")
    # A hedged present or past state is a claim, and so is a statistic beside the prediction.
    assert not vague_prediction("Residents say a faulty valve may be to blame for the leak.")
    assert not vague_prediction("Witnesses said four people may have drowned.")
    assert not vague_prediction("The krona lost 2.4% on Friday and traders said it could slide further.")
    assert not vague_prediction("In May, sources said, the mill closed its second kiln.")
    assert _reasons("Bankers warned that lending to small farms may shrink next spring.") == []
    assert _reasons("Residents say a faulty valve was to blame for the leak at the depot.") == ["vague_source"]


def test_every_forecast_of_a_commentator_is_an_opinion_whatever_the_verb() -> None:
    from credibility.analysis.detectors.hedges import vague_prediction

    said = "Bond yields could climb again before the summer, strategists said."
    assert not vague_prediction(said)  # what unnamed sources say will happen: a rumour to check
    assert vague_prediction(said, commentators=True)
    assert vague_prediction("Dealers said the odds favour a cut in the spring.", commentators=True)
    assert vague_prediction("Economists said the harvest was unlikely to lift exports.", commentators=True)
    assert vague_prediction("Economists said some of the winter trade may be lost.", commentators=True)
    # A present or past state, hedged, is still a claim.
    assert not vague_prediction("Experts say several rare beetles are likely living in the quarry.", commentators=True)
    assert not vague_prediction("Analysts say the slump may be due to the dock strike.", commentators=True)
    # An outcome against the forecast is the claim.
    assert not vague_prediction(
        "Some feared the mine would shut, but output rose faster than most analysts had forecast.", commentators=True
    )
    assert _reasons("Bond yields could climb again before the summer, strategists said.") == []


def test_an_impersonal_hedge_that_frames_a_forecast_is_not_flagged() -> None:
    from credibility.analysis.detectors.hedges import _hedges_a_forecast

    forecast = "It is likely also that the ferry service will be needed for several more winters."
    hedge = find_hedge(forecast)
    assert hedge is not None  # uncertain, as WikiWeasel counts it ...
    assert _hedges_a_forecast(forecast, hedge)  # ... but nothing has happened yet
    assert _reasons(forecast) == []
    fact = "It is likely that the barn fire was started deliberately."
    hedge = find_hedge(fact)
    assert hedge is not None and not _hedges_a_forecast(fact, hedge)


def test_what_must_be_shown_and_a_quoted_infinitive_are_no_hedges() -> None:
    assert (
        find_hedge('Applicants must show they are unlikely to be a burden and are unlikely to "cost the county money".')
        is None
    )


def test_a_first_person_hedge_is_someones_own_account() -> None:
    from credibility.analysis.detectors.hedges import first_person

    assert first_person("I'd probably forget my umbrella on the bus.")
    assert not first_person('The mayor said "we probably lost the vote" on Friday.')
    assert not first_person("The US dollar probably peaked in March.")
    assert _reasons("I'd probably forget my umbrella on the bus, at least once a week.") == []


def test_a_group_word_titling_a_name_is_a_named_firm_not_a_vague_source() -> None:
    from credibility.analysis.detectors.hedges import find_vague_sources

    assert not find_vague_sources("According to analysts Brightwater, sales of e-readers doubled last year.")
    assert not find_vague_sources("Consultants Harrow Ellis said 30 branches would shut.")
    assert find_vague_sources("According to analysts, sales of e-readers doubled last year.")
    assert _reasons("Officials Monday said 40 homes were flooded in the valley.") == ["vague_source"]
    assert _reasons("According to analysts Brightwater, sales of e-readers doubled last year.") == []
