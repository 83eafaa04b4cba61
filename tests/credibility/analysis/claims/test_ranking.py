"""Claim ranking: normalisation, fusion, the re-ranker and the index, on tiny cases."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from credibility.analysis.claims import semantic
from credibility.analysis.claims.ranking import (
    DOCUMENT_FEATURES,
    FEATURES,
    RRF_K,
    ClaimIndex,
    FactCheckText,
    LexicalIndex,
    Reranker,
    Rerankers,
    fold,
    load_reranker,
    normalise_tokens,
    query_text,
    reciprocal_rank_fusion,
    split_tag,
    stem,
    terms,
    text_date,
    top_indices,
    tweet_author,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("four million customers", ["4000000", "customers"]),
        ("about 4 million", ["about", "4000000"]),
        ("1.2 million", ["1200000"]),
        ("one hundred and twenty", ["120"]),
        ("a dozen eggs", ["12", "eggs"]),
        ("$2bn deal", ["2000000000", "dollars", "deal"]),
        ("4m people", ["4000000", "people"]),
    ],
)
def test_normalise_tokens_writes_numbers_as_digits(text: str, expected: list[str]) -> None:
    assert normalise_tokens(text) == expected


def test_normalise_tokens_money_forms_agree() -> None:
    assert normalise_tokens("a £1,000 fine") == ["a", "1000", "pounds", "fine"]
    assert terms("£1,000") == terms("a thousand pounds") == terms("1000 pounds") == ["1000", "pound"]


def test_normalise_tokens_shares_are_percentages() -> None:
    assert terms("a tenth") == terms("10%") == terms("10 per cent") == terms("ten percent") == ["10", "percent"]
    assert terms("two thirds") == ["67", "percent"]


def test_normalise_tokens_leaves_plural_scales_alone() -> None:
    assert normalise_tokens("thousands of people") == ["thousands", "of", "people"]


def test_fold_drops_diacritics() -> None:
    assert fold("Tam Kỳ and Suối Đá") == "tam ky and suoi da"
    assert terms("Tam Kỳ, Suối Đá") == terms("Tam Ky, Suoi Da")
    assert fold("Crème Brûlée ’s") == "creme brulee 's"


def test_stem_meets_word_families() -> None:
    assert stem("vaccines") == stem("vaccinated") == stem("vaccine") == stem("vaccinate")
    assert stem("1000") == "1000"


def test_query_text_drops_links_and_tweet_signature() -> None:
    tweet = "Big news https://t.co/abc — Jane Doe (@jane) February 25, 2016"
    assert query_text(tweet) == "Big news"
    assert text_date(tweet) == date(2016, 2, 25)
    assert text_date("no date here") is None


def test_query_text_writes_hashtags_and_handles_as_words() -> None:
    assert split_tag("ReginaldVelJohnson") == "Reginald Vel Johnson"
    assert split_tag("covid19Vaccine") == "covid 19 Vaccine"
    assert split_tag("NASA_Moon") == "NASA Moon"
    assert query_text("Tickets gone #FyreFestival via @BigCityNews") == "Tickets gone Fyre Festival via Big City News"
    assert query_text("#rip") == "rip"


def test_tweet_author_reads_the_embed_signature() -> None:
    tweet = "My barn did not burn down! — Polly Farmer (@PollyFarms) May 2, 2018"
    assert tweet_author(tweet) == "Polly Farmer Polly Farms"
    assert tweet_author("no signature here") == ""


def test_reciprocal_rank_fusion_sums_reciprocal_ranks() -> None:
    fused = dict(reciprocal_rank_fusion([[7, 8], [8, 9]], k=60))
    assert fused[8] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[7] == pytest.approx(1 / 61)
    assert max(fused, key=fused.__getitem__) == 8


def test_top_indices_orders_ties_by_index() -> None:
    assert top_indices(np.array([0.5, 0.9, 0.5, 0.1], dtype=np.float32), 3) == [1, 0, 2]
    assert top_indices(np.array([], dtype=np.float32), 3) == []


def test_lexical_index_prefers_rarer_shared_terms() -> None:
    index = LexicalIndex([["vaccin", "autism"], ["vaccin", "flu"], ["vaccin", "covid"]])
    scores = index.scores(["vaccin", "autism"])
    assert int(np.argmax(scores)) == 0
    assert scores[1] == scores[2] > 0


def test_reranker_applies_standardised_linear_weights() -> None:
    model = Reranker(("rrf", "cos_all"), np.array([1.0, 0.0]), np.array([2.0, 1.0]), np.array([1.0, -1.0]), 0.5, "t")
    scores = model.score(np.array([[3.0, 0.5], [1.0, 0.0]]))
    assert scores.tolist() == [1.0 - 0.5 + 0.5, 0.5]
    again = Reranker.from_json(json.loads(json.dumps(model.to_json())))
    assert again.score(np.array([[3.0, 0.5]])).tolist() == [1.0]


def test_reranker_rejects_unknown_features() -> None:
    data = {"version": "x", "features": ["nope"], "mean": [0], "scale": [1], "weights": [1], "bias": 0}
    with pytest.raises(ValueError, match="unknown features"):
        Reranker.from_json(data)


def test_shipped_reranker_uses_known_features() -> None:
    models = load_reranker()
    for model in (models.sentence, models.document):
        assert set(model.features) <= set(FEATURES)
        assert np.all(model.scale > 0)
    assert not set(models.sentence.features) & set(DOCUMENT_FEATURES)
    assert set(DOCUMENT_FEATURES) <= set(models.document.features)


def test_rerankers_refuse_document_features_in_the_sentence_model() -> None:
    model = Reranker(("claimant_doc",), np.zeros(1), np.ones(1), np.ones(1), 0.0, "t").to_json()
    with pytest.raises(ValueError, match="sentence model"):
        Rerankers.from_json({"sentence": model, "document": model})
    with pytest.raises(ValueError, match="no document model"):
        Rerankers.from_json({"sentence": model})


def _registry() -> list[FactCheckText]:
    return [
        FactCheckText("cards", "Full credit card numbers of about 4 million customers were stolen.", "Retailer breach"),
        FactCheckText(
            "fine", "Drivers face a £1,000 fine for splashing pedestrians.", "Puddle fines", date(2019, 6, 1)
        ),
        FactCheckText("moon", "Astronauts planted a flag on the Moon in 1969.", ""),
        FactCheckText("flood", "Floods cut off the villages of Tam Kỳ and Suối Đá.", "Flooding"),
    ]


def test_claim_index_ranks_number_and_diacritic_variants_first() -> None:
    index = ClaimIndex(_registry(), encode=semantic.encode, reranker=load_reranker())
    assert index.rank("Complete card numbers for roughly four million shoppers were stolen", top=1)[0].id == "cards"
    assert index.rank("You can be fined a thousand pounds for splashing people", top=1)[0].id == "fine"
    assert index.rank("Flooding isolated Tam Ky and Suoi Da", top=1)[0].id == "flood"


def test_claim_index_features_one_row_per_candidate() -> None:
    index = ClaimIndex(_registry(), encode=semantic.encode)
    candidates, matrix = index.features("a £1,000 fine — Road Watch (@rw) June 3, 2019")
    assert sorted(candidates) == [0, 1, 2, 3]  # every fact-check is a semantic candidate in a registry this small
    assert matrix.shape == (4, len(FEATURES))
    row = matrix[candidates.index(1)]
    assert row[FEATURES.index("date_known")] == 1.0
    assert row[FEATURES.index("numbers_shared")] == 1.0
    assert len(index.rank("", top=3)) == 3  # an empty text still gets the closest vectors, scored


def test_reciprocal_rank_fusion_puts_items_both_rankings_hold_first():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "d", "b"]])
    assert [item for item, _ in fused] == ["c", "b", "a", "d"]  # c: ranks 3 and 1; b: ranks 2 and 3
    scores = dict(fused)
    assert scores["b"] == pytest.approx(1 / (RRF_K + 2) + 1 / (RRF_K + 3))
    assert scores["a"] == pytest.approx(1 / (RRF_K + 1))


def test_reciprocal_rank_fusion_of_one_ranking_keeps_its_order():
    assert [item for item, _ in reciprocal_rank_fusion([[3, 1, 2]])] == [3, 1, 2]
    assert reciprocal_rank_fusion([[], []]) == []


def test_reciprocal_rank_fusion_breaks_ties_by_first_meeting_and_counts_repeats_once():
    fused = reciprocal_rank_fusion([["x", "y", "x"], ["y", "x"]])
    assert [item for item, _ in fused] == ["x", "y"]  # equal sums: x was met first
    assert dict(fused)["x"] == pytest.approx(1 / (RRF_K + 1) + 1 / (RRF_K + 2))


def test_reciprocal_rank_fusion_weights_rankings():
    fused = reciprocal_rank_fusion([["a"], ["b"]], weights=[1.0, 2.0])
    assert [item for item, _ in fused] == ["b", "a"]
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"]], weights=[1.0, 2.0])


def test_claim_index_author_cover_finds_the_tweet_author_in_the_fact_check() -> None:
    index = ClaimIndex(
        [
            FactCheckText("barn", "Singer Polly Farmer's barn burned down in May 2018.", "Farmer's barn fire"),
            FactCheckText("other", "A barn fire destroyed a historic farm in May 2018.", "Historic farm fire"),
        ],
        encode=semantic.encode,
    )
    candidates, matrix = index.features("My barn did not burn down! — Polly Farmer (@PollyFarms) May 2, 2018")
    cover = {index.factchecks[c].id: matrix[j, FEATURES.index("author_cover")] for j, c in enumerate(candidates)}
    # the author's terms "polly", "farmer" and (from the handle) "farm": two of three, one of three
    assert cover["barn"] == pytest.approx(2 / 3)
    assert cover["other"] == pytest.approx(1 / 3)


def _speeches() -> list[FactCheckText]:
    return [
        FactCheckText("roe-jobs", "Unemployment is the lowest in fifty years.", "", date(2019, 6, 3), "Jane Roe"),
        FactCheckText("doe-jobs", "Unemployment is the lowest in fifty years.", "", date(2015, 1, 9), "John Doe"),
        FactCheckText("roe-schools", "We built 300 new schools in two years.", "", date(2019, 6, 3), "Jane Roe"),
        FactCheckText("roe-bridge", "The river bridge was finished under budget.", "", date(2019, 6, 2), "Jane Roe"),
        FactCheckText("doe-tax", "Property taxes doubled in a decade.", "", date(2015, 1, 9), "John Doe"),
    ]


# A sharp first pass by cosine; the document model adds the claimant share of the other sentences.
_FIRST = Reranker(("cos_all",), np.zeros(1), np.ones(1), np.array([20.0]), 0.0, "t")
_WITH_CLAIMANT = Reranker(("cos_all", "claimant_doc"), np.zeros(2), np.ones(2), np.array([20.0, 5.0]), 0.0, "t")


def test_document_features_count_only_the_other_sentences() -> None:
    index = ClaimIndex(_speeches(), encode=semantic.encode)
    rows = [
        index.features(t) for t in ("We built 300 new schools in two years.", "Property taxes doubled in a decade.")
    ]
    index.document_features(rows, _FIRST)
    claimant, when = FEATURES.index("claimant_doc"), FEATURES.index("date_doc")
    shares, days = [], []
    for candidates, matrix in rows:
        shares.append({index.factchecks[c].claimant: matrix[j, claimant] for j, c in enumerate(candidates)})
        days.append({index.factchecks[c].id: matrix[j, when] for j, c in enumerate(candidates)})
    # each sentence sees what the *other* one matched, never itself
    assert shares[0]["John Doe"] > 0.9 > 0.1 > shares[0]["Jane Roe"]
    assert shares[1]["Jane Roe"] > 0.9 > 0.1 > shares[1]["John Doe"]
    assert days[0]["doe-jobs"] > 0.9 > 0.1 > days[0]["roe-jobs"]  # the taxes match is dated 2015-01-09
    single = [index.features("Property taxes doubled in a decade.")]
    index.document_features(single, _FIRST)
    assert not single[0][1][:, [claimant, when]].any()  # a lone sentence has no document to learn from


def test_document_rows_add_the_other_sentences_best_match_as_pooled_candidates() -> None:
    index = ClaimIndex(_speeches(), encode=semantic.encode)
    index.LEXICAL_DEPTH = index.SEMANTIC_DEPTH = 1  # each list finds only its best, as in a large registry
    texts = ["We built 300 new schools in two years.", "Property taxes doubled in a decade."]
    alone = [index.features(t) for t in texts]
    rows = index.document_rows(texts, first=_FIRST)
    pooled = FEATURES.index("pooled")
    found = [{index.factchecks[c].id: matrix[j, pooled] for j, c in enumerate(cands)} for cands, matrix in rows]
    assert "doe-tax" not in {index.factchecks[c].id for c in alone[0][0]}
    assert found[0] == {"roe-schools": 0.0, "doe-tax": 1.0}  # the other sentence's best match joins, marked
    assert found[1] == {"doe-tax": 0.0, "roe-schools": 1.0}
    claimant = FEATURES.index("claimant_doc")
    assert rows[0][1][1, claimant] > 0.9  # document features are filled on the pooled rows too
    (single,) = index.document_rows(texts[:1], first=_FIRST)
    assert not single[1][:, pooled].any()  # a lone sentence has nothing to pool


def test_document_rows_pool_only_nearby_sentences_when_positions_are_known() -> None:
    index = ClaimIndex(_speeches(), encode=semantic.encode)
    index.LEXICAL_DEPTH = index.SEMANTIC_DEPTH = 1
    texts = ["We built 300 new schools in two years.", "Property taxes doubled in a decade."]
    for positions, expected in (([10, 12], {"roe-schools", "doe-tax"}), ([10, 40], {"roe-schools"})):
        rows = index.document_rows(texts, first=_FIRST, positions=positions)
        assert {index.factchecks[c].id for c in rows[0][0]} == expected
    with pytest.raises(ValueError, match="one position"):
        index.document_rows(texts, first=_FIRST, positions=[1])


def test_rank_document_prefers_the_claimant_the_other_sentences_match() -> None:
    index = ClaimIndex(_speeches(), encode=semantic.encode, reranker=Rerankers(_FIRST, _WITH_CLAIMANT))
    speech = [
        "We built 300 new schools in two years.",
        "The river bridge was finished under budget.",
        "Unemployment is the lowest in fifty years.",
    ]
    ranked = index.rank_document(speech, top=2)
    assert [matches[0].id for matches in ranked] == ["roe-schools", "roe-bridge", "roe-jobs"]
    alone = index.rank(speech[2], top=2)  # the sentence model cannot tell the two speakers apart
    assert alone[0].score == pytest.approx(alone[1].score)
    assert ranked[2][0].score > ranked[2][1].score
