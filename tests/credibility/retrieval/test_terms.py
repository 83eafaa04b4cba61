"""Candidate scores do not depend on the order a set gives its terms (that order follows the hash seed), and
the batch form gives what the per-claim one gives."""

from __future__ import annotations

import math
import random

from credibility.retrieval.terms import candidate_score, candidate_scores

# Weights whose float sum depends on the order they are added in: 1e16 + 1 + 1 is 1e16 one way
# and 1e16 + 2 the other.
_IDF = {"flood": 1e16, "river": 1.0, "bridge": 1.0}


def test_candidate_score_is_the_same_whatever_order_the_claim_terms_come_in():
    sentence = {"flood", "river", "bridge"}
    heavy_first = dict.fromkeys(["flood", "river", "bridge"]).keys()
    light_first = dict.fromkeys(["river", "bridge", "flood"]).keys()
    scores = {candidate_score(sentence, terms, _IDF.__getitem__) for terms in (heavy_first, light_first)}
    assert len(scores) == 1 and scores.pop() == 1.0


def test_candidate_scores_of_a_batch_are_candidate_score_of_each_claim_above_the_bar():
    rng = random.Random(4)
    vocabulary = [f"t{i}" for i in range(12)]
    idf = {term: rng.choice([0.0, 0.5, 1.0, 2.5, 7.0]) for term in vocabulary}
    for _ in range(300):
        sentence = set(rng.sample(vocabulary, rng.randint(0, 6)))
        nearby = set(rng.sample(vocabulary, rng.randint(0, 4)))
        claims = [frozenset(rng.sample(vocabulary, rng.randint(1, 5))) for _ in range(8)]
        rows = [(pk, terms, math.fsum([idf[t] for t in terms])) for pk, terms in enumerate(claims)]
        single = {pk: candidate_score(sentence, terms, idf.__getitem__, nearby) for pk, terms in enumerate(claims)}
        assert candidate_scores(sentence, rows, idf, nearby) == {pk: s for pk, s in single.items() if s}
