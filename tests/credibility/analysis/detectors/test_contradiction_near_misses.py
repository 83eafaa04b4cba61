"""Near misses of the same topic: one content word of the claim swapped for a contrary one.

Our own sentences, written for these tests. A short claim made mostly of names and figures shares
nearly everything with a sentence that puts another member of the same kind where the claim has
its own (another payer, another outcome, another compass point, another body part): the sentence
states another claim and must not be flagged. True paraphrases must still be flagged, and an
explicit debunk never is.
"""

from __future__ import annotations

import pytest

from credibility.analysis.claims.matching import assess, profile
from credibility.analysis.detectors.contradiction import ContradictionDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, FactCheckEntry, Finding


def _fc(claim: str, verdict: str = "false") -> FactCheckEntry:
    return FactCheckEntry("fc-nm", "https://fc.example.org/nm", claim, verdict, verdict.title())


def _detect(text: str, claim: FactCheckEntry) -> list[Finding]:
    document = Document(text=text, sentences=split_sentences(text))
    return ContradictionDetector().detect(document, AnalysisContext(factchecks=(claim,)), ())


# (false claim, a sentence that states it in other words, a near miss that swaps one word)
CASES = [
    (
        "The Tarrow bypass cost taxpayers £90 million.",
        "Taxpayers footed a £90 million bill for the Tarrow bypass.",
        "The Tarrow bypass cost private investors £90 million.",
    ),
    (
        "The Kelby Music Festival was cancelled because of poor ticket sales.",
        "The Kelby Music Festival was called off after weak ticket sales.",
        "The Kelby Music Festival went ahead despite poor ticket sales.",
    ),
    (
        "The Kelby Music Festival was cancelled because of poor ticket sales.",
        "The Kelby Music Festival was scrapped over poor ticket sales.",
        "The Kelby Music Festival was postponed because of poor ticket sales.",
    ),
    (
        "The Aldermoor rocket exploded on the launch pad.",
        "The Aldermoor rocket exploded seconds after leaving the launch pad.",
        "The Aldermoor rocket landed safely after leaving the launch pad.",
    ),
    (
        "Storm Idris was the strongest storm ever recorded in the southern hemisphere.",
        "Storm Idris was the most powerful storm on record in the southern hemisphere.",
        "Storm Idris was the strongest storm ever recorded in the northern hemisphere.",
    ),
    (
        "Striker Jonas Pell broke his left leg in the Cup final.",
        "Jonas Pell suffered a broken left leg in the Cup final.",
        "Striker Jonas Pell broke his left arm in the Cup final.",
    ),
    (
        "Mayor Lena Fross gave £50,000 to the Westby homeless shelter.",
        "Mayor Lena Fross donated £50,000 to the Westby homeless shelter.",
        "Mayor Lena Fross took £50,000 from the Westby homeless shelter.",
    ),
    (
        "Thornbury Zoo's elephant gave birth to twins in 2021.",
        "Thornbury Zoo's elephant had twins in 2021.",
        "Thornbury Zoo's giraffe gave birth to twins in 2021.",
    ),
    (
        "The Rexford plant will cut 400 jobs in 2025.",
        "The Rexford plant will shed 400 jobs in 2025.",
        "The Rexford plant will create 400 jobs in 2025.",
    ),
    (
        "Brindle Athletic won the Harker Cup final in 2019.",
        "Brindle Athletic won the 2019 Harker Cup final.",
        "Brindle Athletic drew the Harker Cup final in 2019.",
    ),
    (
        "A woman was arrested over the Quarry Lane fire in Selsby.",
        "Police in Selsby arrested a woman over the Quarry Lane fire.",
        "A man was arrested over the Quarry Lane fire in Selsby.",
    ),
    (
        "Ostrava Hall's new wing will be paid for by public money.",
        "Ostrava Hall's new wing will be paid for with public money.",
        "Ostrava Hall's new wing will be paid for by private money.",
    ),
    (
        # (mid-sentence: a rare word opening a sentence reads as a name, and names are no members)
        "Cases of measles in Carrow doubled in 2024.",
        "Cases of measles in Carrow doubled during 2024.",
        "Cases of mumps in Carrow doubled in 2024.",
    ),
    (
        "Dunmere's only library closed in 2022.",
        "Dunmere's only library shut its doors in 2022.",
        "Dunmere's only museum closed in 2022.",
    ),
    (
        "Harker Foods bought the Selsby creamery in 2020.",
        "Harker Foods purchased the Selsby creamery in 2020.",
        "Harker Foods sold the Selsby creamery in 2020.",
    ),
    (
        "Every primary school in Westby will close early on Fridays.",
        "All primary schools in Westby will close early on Fridays.",
        "Every secondary school in Westby will close early on Fridays.",
    ),
    (
        "Tenants in Carrow will pay the new waste charge.",
        "Tenants in Carrow are to pay the new waste charge.",
        "Landlords in Carrow will pay the new waste charge.",
    ),
]


@pytest.mark.parametrize(("claim", "paraphrase", "near_miss"), CASES)
def test_a_near_miss_that_swaps_one_word_of_the_same_kind_is_not_flagged(claim, paraphrase, near_miss):
    entry = _fc(claim)
    assert _detect(claim, entry), claim  # the claim itself is flagged
    assert _detect(paraphrase, entry), paraphrase  # and so is a sentence stating it in other words
    assert _detect(near_miss, entry) == [], near_miss


@pytest.mark.parametrize(("claim", "paraphrase", "near_miss"), CASES)
def test_the_near_miss_is_ruled_out_by_the_swap_not_by_a_lower_score(claim, paraphrase, near_miss):
    found = assess(profile(near_miss), profile(claim))
    assert any(veto.startswith("contrast:") for veto in found.vetoes), near_miss
    assert not any(veto.startswith("contrast:") for veto in assess(profile(paraphrase), profile(claim)).vetoes)


def test_a_negated_contrary_word_may_state_the_claim():
    # "did not go ahead" is cancelled; "was not cancelled" against a claim that it went ahead.
    cancelled = _fc("The Kelby Music Festival was cancelled because of poor ticket sales.")
    assert _detect("The Kelby Music Festival did not go ahead because of poor ticket sales.", cancelled)
    went_ahead = _fc("The Kelby Music Festival went ahead despite poor ticket sales.")
    assert not any(
        veto.startswith("contrast:")
        for veto in assess(
            profile("The Kelby Music Festival was not cancelled despite poor ticket sales."),
            profile(went_ahead.claim_reviewed),
        ).vetoes
    )


def test_a_contrary_word_in_a_side_clause_fills_another_role():
    # "investors" belongs to the remark after the comma, not to who paid.
    claim = profile("Taxpayers paid £90 million for the Tarrow bypass.")
    sentence = profile("Taxpayers paid £90 million for the Tarrow bypass, a report for investors found.")
    assert not assess(sentence, claim).vetoes
    elided = profile("The council paid £90 million for the Tarrow bypass, a report for investors found.")
    assert not any(veto.startswith("contrast:") for veto in assess(elided, claim).vetoes)


def test_a_claim_naming_both_members_is_stated_by_a_sentence_naming_either():
    claim = _fc("Pupils and teachers at Oakhill Academy were sent home after a gas leak.")
    assert _detect("Teachers at Oakhill Academy were sent home after a gas leak.", claim)


def test_the_sentence_must_lack_the_claims_own_member():
    # Both halves of the world named: the claim's own is there, so it may be stated.
    claim = _fc("Storm Idris was the strongest storm ever recorded in the southern hemisphere.")
    assert _detect(
        "Storm Idris, which formed far from the northern hemisphere, was the strongest storm ever recorded "
        "in the southern hemisphere.",
        claim,
    )


def test_names_are_no_contrast_members():
    # "North" in a place name is not the compass point of the claim's role.
    claim = profile("The Brackwater flood was the worst ever recorded in the southern hemisphere.")
    sentence = profile(
        "The Brackwater flood, seen from North Pellow, was the worst ever recorded in the southern hemisphere."
    )
    assert not any(veto.startswith("contrast:") for veto in assess(sentence, claim).vetoes)


def test_voting_for_denies_voting_against():
    # "for" and "against" are function words; read as backing and opposing they carry the polarity.
    true_claim = _fc("Senator Ruth Calloway voted against the Brenmoor water bill in 2023.", "true")
    assert _detect("Senator Ruth Calloway voted for the Brenmoor water bill in 2023.", true_claim)
    assert _detect("Senator Ruth Calloway voted in favour of the Brenmoor water bill in 2023.", true_claim)
    assert _detect("Senator Ruth Calloway opposed the Brenmoor water bill in a 2023 vote.", true_claim) == []
    false_claim = _fc("Senator Ruth Calloway voted against the Brenmoor water bill in 2023.")
    assert _detect("Senator Ruth Calloway opposed the Brenmoor water bill in a 2023 vote.", false_claim)
    assert _detect("Senator Ruth Calloway voted for the Brenmoor water bill in 2023.", false_claim) == []


@pytest.mark.parametrize(("claim", "paraphrase", "near_miss"), CASES[:6])
def test_an_explicit_debunk_of_the_claim_is_never_flagged(claim, paraphrase, near_miss):
    entry = _fc(claim)
    for text in (
        f"There is no evidence that {claim[0].lower() + claim[1:]}",
        f"Posts falsely claimed that {paraphrase[0].lower() + paraphrase[1:]}",
    ):
        assert _detect(text, entry) == [], text


def test_a_modifier_contrasts_only_with_one_of_the_same_thing():
    # "public money" paid "private consultants": who was paid, not whose money.
    claim = profile("Selsby council spent £2 million of public money on consultants.")
    sentence = profile("Selsby council spent £2 million on private consultants.")
    assert not any(veto.startswith("contrast:") for veto in assess(sentence, claim).vetoes)
    swapped = profile("Selsby council spent £2 million of private money on consultants.")
    assert any(veto.startswith("contrast:") for veto in assess(swapped, claim).vetoes)
