"""Polarity of "rather than" / "instead of", and of a claim that negates only one of its clauses (issue 17)."""

from credibility.analysis.claims.matching import assess, concept, profile

CLAIM = "The Kelby lido was paid for by the county council."


def test_what_follows_rather_than_is_denied():
    found = assess(
        profile("The Kelby lido was paid for by a swimming charity rather than by the county council."), profile(CLAIM)
    )
    assert not found.same


def test_what_precedes_rather_than_is_asserted():
    found = assess(
        profile("The Kelby lido was paid for by the county council rather than by a charity."), profile(CLAIM)
    )
    assert found.same


def test_instead_of_denies_what_follows():
    found = assess(profile("A swimming charity paid for the Kelby lido instead of the county council."), profile(CLAIM))
    assert not found.same


def test_a_claims_negated_side_clause_does_not_negate_the_claim():
    # "..., not X": the claim asserts its first clause; a sentence that asserts it agrees.
    claim = profile("Trout in the River Orrin were killed by a chemical spill, not low water.")
    agrees = assess(profile("The Orrin trout were killed by a chemical spill from the tannery, officials said."), claim)
    assert agrees.same
    denies = assess(profile("The Orrin trout were not killed by a chemical spill."), claim)
    assert not denies.same


def test_a_participle_with_its_agent_is_no_predicate():
    # "bought by the museum" describes the painting; what the claim says of it is "a fake".
    claim = profile("The Orrin landscape bought by the Kelby Museum is a fake.")
    assert claim.predicate == frozenset({concept("fake")[0]})
    found = assess(profile("The Kelby Museum bought the Orrin landscape at auction in May."), claim)
    assert "predicate-missing" in found.vetoes
