"""ClaimReview reader and writer, pure: attribution cut from the claim, own-review urls,
inLanguage, DataFeed elements without @type, the empty-export reason."""

from __future__ import annotations

import pytest

from credibility.formats.claimreview import (
    ClaimAttribution,
    claim_page_url,
    claim_review,
    claim_without_attribution,
    empty_export_reason,
    language_tag,
    own_review_annotation_id,
    parse_claim_review,
    read_claimreview_json,
)


def _cut(text: str, attribution: str) -> str:
    start = text.index(attribution)
    return claim_without_attribution(text, [(start, start + len(attribution))])


@pytest.mark.parametrize(
    ("sentence", "attribution", "claim"),
    [
        ("The council said taxes rose by 40% last year.", "The council said", "Taxes rose by 40% last year."),
        ("The council said that taxes rose by 40% last year.", "The council said", "Taxes rose by 40% last year."),
        ("According to Mayor John Smith, crime fell by 20% in 2023.", "According to Mayor John Smith", "Crime fell by 20% in 2023."),
        ("Taxes will rise by 4.99%, the council said.", "the council said", "Taxes will rise by 4.99%."),
        ("Taxes rose by 40% last year, according to the council.", "according to the council", "Taxes rose by 40% last year."),
        ("Unemployment fell to 3%, Finance Minister Lena Brandt told reporters on Monday.", "Finance Minister Lena Brandt told", "Unemployment fell to 3%."),
        ("Taxes, the mayor said, rose by 40%.", "the mayor said", "Taxes rose by 40%."),
        ('"Taxes rose by 40%," the mayor said.', "the mayor said", "Taxes rose by 40%."),
        ("Did taxes rise by 40%, the mayor asked?", "the mayor asked", "Did taxes rise by 40%?"),
    ],
)  # fmt: skip
def test_claim_without_attribution_cuts_it_out_cleanly(sentence, attribution, claim):
    assert _cut(sentence, attribution) == claim


def test_claim_without_attribution_keeps_the_claim_when_nothing_overlaps_or_nothing_would_be_left():
    text = "Taxes rose by 40% last year."
    assert claim_without_attribution(text, []) == text
    assert claim_without_attribution(text, [(40, 50)]) == text  # outside the quote
    assert claim_without_attribution("The council said.", [(0, 16)]) == "The council said."


def test_claim_review_takes_the_author_and_claim_from_the_sentence_attribution():
    quote = "Taxes will rise by 4.99%, the council said."
    start = quote.index("the council said")
    item = {"id": 7, "kind": "contradicted_claim", "status": "confirmed", "quote": quote, "source": None}
    record = claim_review(
        item,
        article={"title": "Budget", "language": "de"},
        review_url=claim_page_url("https://checks.example.org/", 7),
        publisher="Us",
        attribution=ClaimAttribution(
            source={"name": "Kelby council", "kind": "government_body"}, spans=((start, start + 16),)
        ),
    )
    assert record["claimReviewed"] == "Taxes will rise by 4.99%."
    assert record["itemReviewed"]["author"] == {"@type": "Organization", "name": "Kelby council"}
    assert record["inLanguage"] == "de"
    assert record["url"] == "https://checks.example.org/claims/7/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://checks.example.org/claims/12/", 12),
        ("https://CHECKS.example.org/claims/12", 12),
        ("https://checks.example.org/claims/12/?utm=x#top", 12),
        ("https://checks.example.org/api/v1/annotations/12/", 12),  # exports made before the public page
        ("https://elsewhere.example.org/claims/12/", None),
        ("https://checks.example.org.evil.example/claims/12/", None),
        ("https://checks.example.org/claims/12/extra/", None),
        (None, None),
    ],
)
def test_own_review_urls_are_recognised_only_under_our_bases(url, expected):
    assert own_review_annotation_id(url, bases=["https://checks.example.org/"]) == expected


def test_own_review_urls_under_a_base_with_a_path():
    bases = ["https://example.org/factcheck"]
    assert own_review_annotation_id("https://example.org/factcheck/claims/3/", bases=bases) == 3
    assert own_review_annotation_id("https://example.org/claims/3/", bases=bases) is None


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("en", "en"),
        ("pt-BR", "pt-BR"),
        ({"@type": "Language", "name": "German", "alternateName": "de"}, "de"),
        ({"@type": "Language", "name": "es"}, "es"),
        (["fr", "en"], "fr"),
        ("English", None),
        ({"@type": "Language", "name": "English"}, None),
        (3, None),
        (None, None),
    ],
)
def test_language_tag(value, tag):
    assert language_tag(value) == tag


def test_in_language_is_read_from_the_review_or_its_claim():
    base = {"url": "https://fc.example.org/1", "claimReviewed": "x", "reviewRating": {"alternateName": "False"}}
    assert parse_claim_review({**base, "inLanguage": "pt-BR"}).language == "pt-BR"
    assert parse_claim_review({**base, "itemReviewed": {"@type": "Claim", "inLanguage": "de"}}).language == "de"
    assert parse_claim_review(base).language is None


def test_datafeed_elements_need_no_type():
    review = {"@type": "ClaimReview", "url": "https://fc.example.org/1", "claimReviewed": "x"}
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [
            {"item": [review]},  # no @type
            {"@type": "DataFeedItem", "item": {**review, "url": "https://fc.example.org/2"}},
            {**review, "url": "https://fc.example.org/3"},  # a bare ClaimReview as the element
        ],
    }
    document = read_claimreview_json(feed, require_feed=True)
    assert [r.parsed.url for r in document.records if r.parsed] == [
        "https://fc.example.org/1",
        "https://fc.example.org/2",
        "https://fc.example.org/3",
    ]
    assert all(r.error is None for r in document.records)


def test_empty_export_reason_names_what_the_contradicted_claims_are():
    items = [
        {"kind": "contradicted_claim", "status": "open"},
        {"kind": "contradicted_claim", "status": "open"},
        {"kind": "contradicted_claim", "status": "dismissed"},
        {"kind": "typo", "status": "confirmed"},
    ]
    assert empty_export_reason(items) == (
        "No confirmed contradicted claims: its contradicted claims are 1 dismissed, 2 open; "
        "only confirmed ones are exported."
    )
    assert "has no contradicted claims" in empty_export_reason([])
