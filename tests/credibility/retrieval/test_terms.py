"""Candidate scores do not depend on the order a set gives its terms (that order follows the hash seed)."""

from __future__ import annotations

from credibility.retrieval.terms import candidate_score

# Weights whose float sum depends on the order they are added in: 1e16 + 1 + 1 is 1e16 one way
# and 1e16 + 2 the other.
_IDF = {"flood": 1e16, "river": 1.0, "bridge": 1.0}


def test_candidate_score_is_the_same_whatever_order_the_claim_terms_come_in():
    sentence = {"flood", "river", "bridge"}
    heavy_first = dict.fromkeys(["flood", "river", "bridge"]).keys()
    light_first = dict.fromkeys(["river", "bridge", "flood"]).keys()
    scores = {candidate_score(sentence, terms, _IDF.__getitem__) for terms in (heavy_first, light_first)}
    assert len(scores) == 1 and scores.pop() == 1.0
