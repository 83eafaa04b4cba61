"""The schema.org validator the ClaimReview export tests rely on, checked on records it must refuse."""

from __future__ import annotations

from tests.credibility.schemaorg import schema_problems, vocabulary

VALID = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://example.org/claims/1/",
    "claimReviewed": "Taxes rose 40%.",
    "author": {"@type": "Organization", "name": "Checkers"},
    "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": 1, "bestRating": 5},
    "itemReviewed": {"@type": "Claim", "appearance": {"@type": "CreativeWork", "headline": "Budget"}},
}


def test_vocabulary_subset_follows_inheritance_to_thing():
    vocab = vocabulary()
    assert vocab.ancestors("ClaimReview") == {"ClaimReview", "Review", "CreativeWork", "Thing"}
    assert vocab.ancestors("Rating") == {"Rating", "Intangible", "Thing"}
    assert vocab.domains["claimReviewed"] == {"ClaimReview"}


def test_a_valid_claim_review_has_no_problems():
    assert list(schema_problems(VALID)) == []


def test_unknown_types_and_properties_are_problems():
    record = {**VALID, "@type": "FactCheck", "verdict": "false"}
    problems = list(schema_problems(record))
    assert any("'FactCheck' is not a schema.org class" in p for p in problems)
    assert any("'verdict' is not a schema.org property" in p for p in problems)


def test_a_property_outside_its_domain_is_a_problem_even_when_inherited_elsewhere():
    # claimReviewed belongs to ClaimReview, not to the Claim it reviews; reviewBody not to a Rating.
    record = {
        **VALID,
        "itemReviewed": {"@type": "Claim", "claimReviewed": "x"},
        "reviewRating": {"@type": "Rating", "reviewBody": "x"},
    }
    problems = list(schema_problems(record))
    assert any(p.startswith("$.itemReviewed.claimReviewed:") for p in problems)
    assert any(p.startswith("$.reviewRating.reviewBody:") for p in problems)


def test_a_nested_node_outside_the_property_range_is_a_problem():
    record = {**VALID, "reviewRating": {"@type": "Person", "name": "x"}}
    assert any("not in the range of 'reviewRating'" in p for p in schema_problems(record))
