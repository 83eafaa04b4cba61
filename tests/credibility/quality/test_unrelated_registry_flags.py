"""The false-flag measure of contradicted claims against an unrelated registry, on a small fixture."""

from credibility.quality.evaluation.factcheck_eval import ClaimRecord, unrelated_registry_flags

ARTICLES = [
    {
        "id": "a1",
        "title": "Rail fares",
        "text": "Rail fares rose by 3% in January. Commuters said the trains were late.",
    },
    {"id": "a2", "title": "Ferries", "text": "Ferry services to the island resumed on Monday after the storm."},
]


def test_every_contradicted_flag_against_the_registry_is_counted():
    records = [
        # Asserted word for word by a1's first sentence and rated false: one flag.
        ClaimRecord(identifier="r1", claim="Rail fares rose by 3% in January.", verdict="false", speaker=""),
        # Shares nothing with either article: no flag.
        ClaimRecord(
            identifier="r2", claim="The senator voted against the farm bill twice.", verdict="false", speaker=""
        ),
    ]
    figures = unrelated_registry_flags(ARTICLES, records)
    assert figures.articles == 2
    assert [(article, claim) for article, _, claim in figures.flags] == [("a1", "Rail fares rose by 3% in January.")]
    summary = figures.as_dict()
    assert summary["flags"] == 1 and summary["flagged_articles"] == 1
    assert summary["per_1000_words"] == round(1000 / figures.words, 3)


def test_a_registry_sharing_no_claim_raises_no_flag():
    records = [
        ClaimRecord(
            identifier="r2", claim="The senator voted against the farm bill twice.", verdict="false", speaker=""
        )
    ]
    assert unrelated_registry_flags(ARTICLES, records).flags == ()
