"""The pure credibility arithmetic: Bayesian source score, track records, article credibility."""

from __future__ import annotations

import pytest

from credibility.analysis.scoring import (
    PRIOR_STRENGTH,
    CitedSource,
    SpanRow,
    article_credibility,
    article_track_record,
    flag_sources,
    sentence_indices,
    source_score,
    source_score_explain,
)

# Two sentences: [0, 40) and [41, 80).
BOUNDS = ((0, 40), (41, 80))


def test_source_score_without_history_is_the_prior():
    assert source_score(rating=80, contradicted=0, unverified=0, dismissed=0, sourced=0).score == 80
    assert source_score(rating=None, contradicted=0, unverified=0, dismissed=0, sourced=0).score == 50


def test_source_score_prior_dominates_little_history():
    one_bad = source_score(rating=90, contradicted=1, unverified=0, dismissed=0, sourced=0)
    # 100 * 9 / 11: one contradiction moves a strongly rated source only ~8 points.
    assert one_bad.score == pytest.approx(100 * 9 / 11, abs=0.01)
    assert one_bad.score > 80


def test_source_score_moves_with_evidence_towards_the_record():
    few = source_score(rating=90, contradicted=3, unverified=0, dismissed=0, sourced=0).score
    many = source_score(rating=90, contradicted=30, unverified=0, dismissed=0, sourced=0).score
    assert 90 > few > many and many < 30
    good = source_score(rating=20, contradicted=0, unverified=0, dismissed=40, sourced=0).score
    assert good > 80


def test_source_score_weights_are_as_documented():
    result = source_score(rating=50, contradicted=1, unverified=2, dismissed=1, sourced=2)
    assert (result.held_up, result.against) == (2.0, 2.0)
    assert result.score == pytest.approx(100 * (5 + 2) / (PRIOR_STRENGTH + 4), abs=0.01)


def test_source_score_explanation_contains_the_arithmetic():
    text = source_score_explain(rating=None, contradicted=1, unverified=0, dismissed=0, sourced=0, pending=2)
    assert "no editorial rating" in text and "= 45.45" in text and "2 open flag(s)" in text


def test_sentence_indices_overlap_and_gap():
    assert sentence_indices(BOUNDS, 5, 10) == {0}
    assert sentence_indices(BOUNDS, 30, 50) == {0, 1}
    assert sentence_indices(BOUNDS, 40, 41) == {0}  # the gap between sentences belongs to the one before


def test_flag_sources_same_sentence_attribution_and_own_source():
    rows = [
        SpanRow(1, "source_attribution", 0, 10, "open", source_id=7),
        SpanRow(2, "contradicted_claim", 12, 39, "confirmed"),
        SpanRow(3, "unverified_claim", 45, 60, "open", source_id=8, reason="vague_source"),
        SpanRow(4, "source_attribution", 61, 70, "dismissed", source_id=9),  # dismissed: not S's claim
    ]
    assert flag_sources(rows, BOUNDS) == {2: {7}, 3: {8}}


def test_article_track_record_buckets():
    rows = [
        SpanRow(1, "source_attribution", 0, 10, "open", source_id=7),
        SpanRow(2, "contradicted_claim", 12, 39, "confirmed"),
        SpanRow(3, "source_attribution", 41, 50, "confirmed", source_id=7),  # no flag in sentence: sourced
    ]
    record = article_track_record(source_id=7, rows=rows, bounds=BOUNDS)
    assert (record.contradicted, record.unverified, record.dismissed, record.sourced, record.pending) == (1, 0, 0, 1, 0)
    assert record.evidence == {"contradicted": [2], "sourced": [3]}
    dismissed = article_track_record(
        source_id=7, rows=[rows[0], SpanRow(2, "contradicted_claim", 12, 39, "dismissed")], bounds=BOUNDS
    )
    assert (dismissed.dismissed, dismissed.sourced) == (1, 0)
    pending = article_track_record(
        source_id=7, rows=[rows[0], SpanRow(2, "unverified_claim", 12, 39, "open")], bounds=BOUNDS
    )
    assert (pending.pending, pending.sourced, pending.unverified) == (1, 0, 0)
    resolved = article_track_record(
        source_id=7, rows=[rows[0], SpanRow(2, "unverified_claim", 12, 39, "resolved", reason="hedged")], bounds=BOUNDS
    )
    assert resolved.unverified == 1


def test_article_credibility_counts_and_formula():
    body = "One two three four five six seven eight nine ten. " * 10  # 100 words
    bounds = tuple((i * 51, i * 51 + 50) for i in range(10))
    rows = [
        SpanRow(1, "source_attribution", 0, 5, "open", source_id=1),  # sentence 0: sourced
        SpanRow(2, "unverified_claim", 51, 60, "confirmed", reason="unsourced"),  # sentence 1: unsourced
        SpanRow(3, "unverified_claim", 102, 110, "open", reason="hedged"),  # sentence 2: hedged
        SpanRow(4, "contradicted_claim", 153, 160, "confirmed"),  # sentence 3
        SpanRow(5, "typo", 204, 207, "open"),
        SpanRow(6, "typo", 255, 258, "dismissed"),  # dismissed: not counted
        SpanRow(7, "unverified_claim", 306, 310, "dismissed", reason="unsourced"),
    ]
    result = article_credibility(body=body, rows=rows, bounds=bounds, cited=[CitedSource(1, "A", 70.0, True)])
    counts = result["counts"]
    assert counts["words"] == 100 and counts["claim_sentences"] == 4 and counts["sourced_claim_sentences"] == 1
    assert (counts["unsourced_claims"], counts["vague_or_hedged_claims"], counts["contradicted_claims"]) == (1, 1, 1)
    assert counts["typos"] == 1 and result["typo_density_per_1000_words"] == 10.0
    components = result["components"]
    assert components["sourcing"]["subscore"] == 25.0
    assert components["vagueness"]["subscore"] == pytest.approx(100 * (1 - 0.5 / 4))
    assert components["contradictions"]["subscore"] == 50.0
    assert components["typos"]["subscore"] == 0.0
    assert components["sources"]["subscore"] == 70.0
    expected = 0.30 * 25 + 0.15 * 87.5 + 0.25 * 50 + 0.10 * 0 + 0.20 * 70
    assert result["score"] == pytest.approx(expected, abs=0.01)


def test_article_credibility_without_claims_renormalises_weights():
    result = article_credibility(body="Plain words only here.", rows=[], bounds=((0, 22),), cited=[])
    assert set(result["components"]) == {"contradictions", "typos"}
    assert result["score"] == 100.0 and result["sourced_share"] is None
