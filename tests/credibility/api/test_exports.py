"""Exports (W3C Web Annotation, ClaimReview, CSV) and the W3C / Hypothesis import with re-anchoring."""

from __future__ import annotations

import csv
import io
import json

import pytest

from annotations.models import Annotation
from annotations.services.articles import article_create
from credibility.formats.claimreview import parse_claim_review
from credibility.formats.csv import csv_cell
from credibility.formats.w3c import anchor
from tests import paths
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.credibility.factories import FactCheckFactory, SourceFactory

pytestmark = pytest.mark.django_db

SEED = paths.ROOT / "seeds" / "articles.jsonl"
ASTRAL_BODY = (
    "🚀 Launch day 🌍: the agency 𝕏 said the rocket reached orbit. "
    "Experts say costs rose by 40% 😬 last year. "
    "The agency said the rocket reached orbit."
)


def _spans(article) -> set[tuple]:
    return set(Annotation.objects.filter(article=article).values_list("kind", "start", "end"))


def _export(client, article, fmt="w3c"):
    response = client.get(f"/api/v1/articles/{article.pk}/export/?format={fmt}")
    assert response.status_code == 200, response.content
    return response


def _import(client, article, document):
    response = client.post(f"/api/v1/articles/{article.pk}/import/?format=w3c", document, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def _copy(article, user):
    return article_create(title=f"Copy of {article.title}", body=article.body, created_by=user)  # not analysed


def test_w3c_export_of_the_seed_article_imports_into_a_copy_with_every_span(
    client_for, annotator, django_capture_on_commit_callbacks
):
    seed = json.loads(SEED.read_text().splitlines()[0])
    with django_capture_on_commit_callbacks(execute=True):  # analysis runs eagerly on commit
        article = article_create(title=seed["title"], body=seed["text"], created_by=annotator)
    assert Annotation.objects.filter(article=article).count() > 5
    client = client_for(annotator)
    exported = _export(client, article).json()
    assert exported["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert exported["type"] == "AnnotationCollection" and exported["total"] == len(exported["first"]["items"])

    copy = _copy(article, annotator)
    result = _import(client, copy, exported)
    assert result["refused"] == [] and len(result["created"]) == exported["total"]
    assert _spans(copy) == _spans(article)
    assert {c["anchored_by"] for c in result["created"]} == {"position"}


def test_w3c_round_trip_uses_code_point_offsets_with_astral_characters(client_for, annotator, reviewer):
    article = ArticleFactory(body=ASTRAL_BODY)
    source = SourceFactory(name="The agency")
    start = ASTRAL_BODY.index("the agency 𝕏 said")
    AnnotationFactory(article=article, kind="source_attribution", start=start, end=start + 17, source=source)
    claim = ASTRAL_BODY.index("Experts say costs rose by 40% 😬 last year.")
    AnnotationFactory(
        article=article,
        kind="unverified_claim",
        reason="vague_source",
        status="confirmed",
        start=claim,
        end=claim + 42,
        comment="Which experts?",
    )
    AnnotationFactory(article=article, kind="note", start=ASTRAL_BODY.index("🌍"), end=ASTRAL_BODY.index("🌍") + 1)

    exported = _export(client_for(annotator), article).json()
    items = exported["first"]["items"]
    by_kind = {i["kind"]: i for i in items}
    position = next(s for s in by_kind["unverified_claim"]["target"]["selector"] if s["type"] == "TextPositionSelector")
    quote = next(s for s in by_kind["unverified_claim"]["target"]["selector"] if s["type"] == "TextQuoteSelector")
    assert (position["start"], position["end"]) == (claim, claim + 42)  # code points, not UTF-16 units
    assert quote["exact"] == ASTRAL_BODY[claim : claim + 42] and quote["prefix"].endswith("orbit. ")
    extension = by_kind["unverified_claim"]
    assert (extension["status"], extension["reason"]) == ("confirmed", "vague_source")
    assert by_kind["source_attribution"]["attributed_source"]["name"] == "The agency"

    copy = _copy(article, reviewer)
    result = _import(client_for(reviewer), copy, exported)
    assert len(result["created"]) == 3 and result["refused"] == []
    assert _spans(copy) == _spans(article)
    stored = Annotation.objects.get(article=copy, kind="unverified_claim")
    assert (stored.status, stored.reason, stored.comment) == ("confirmed", "vague_source", "Which experts?")
    # Issue 16, finding 3: the imported decision is recorded as the importing reviewer's, through
    # the review service (issue 22: with the exported review note, not a note of the import's own).
    assert stored.reviewer == reviewer and stored.reviewed_at is not None
    log = stored.review_logs.get()
    assert (log.reviewer, log.from_status, log.to_status) == (reviewer, "open", "confirmed")
    assert log.note == stored.review_note == extension["review_note"]
    assert Annotation.objects.get(article=copy, kind="source_attribution").source == source

    again = _import(client_for(reviewer), copy, exported)  # importing twice stores nothing new
    assert again["created"] == again["merged"] == [] and len(again["unchanged"]) == 3


def test_import_by_an_annotator_keeps_review_status_open(client_for, annotator):
    article = ArticleFactory(body=ASTRAL_BODY)
    AnnotationFactory(article=article, kind="contradicted_claim", status="confirmed", start=0, end=1)
    exported = _export(client_for(annotator), article).json()
    result = _import(client_for(annotator), _copy(article, annotator), exported)
    [created] = result["created"]
    assert created["refused"] == [{"field": "status", "reason": "Only reviewers and staff may review annotations."}]
    assert Annotation.objects.get(pk=created["annotation"]).status == "open"


def _utf16_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def test_hypothesis_export_is_imported_and_re_anchored(client_for, annotator):
    article = ArticleFactory(body=ASTRAL_BODY)
    exact = "costs rose by 40%"
    start = ASTRAL_BODY.index(exact)
    hypothesis = {
        "total": 2,
        "rows": [
            {
                "id": "hyp-1",
                "uri": "https://example.org/launch",
                "text": "Needs a source.",
                "tags": ["unverified_claim", "economy"],
                "target": [
                    {
                        "source": "https://example.org/launch",
                        "selector": [
                            {
                                "type": "RangeSelector",
                                "startContainer": "/main[1]/p[1]",
                                "startOffset": 40,
                                "endContainer": "/main[1]/p[1]",
                                "endOffset": 57,
                            },
                            # Hypothesis counts UTF-16 units: off by the astral characters before the quote.
                            {
                                "type": "TextPositionSelector",
                                "start": _utf16_offset(ASTRAL_BODY, start),
                                "end": _utf16_offset(ASTRAL_BODY, start + len(exact)),
                            },
                            {
                                "type": "TextQuoteSelector",
                                "exact": exact,
                                "prefix": "Experts say ",
                                "suffix": " 😬 last",
                            },
                        ],
                    }
                ],
            },
            {
                "id": "hyp-2",
                "text": "A page note with no selector.",
                "tags": [],
                "target": [{"source": "https://example.org/launch"}],
            },
        ],
    }
    result = _import(client_for(annotator), article, hypothesis)
    # Issue 22: Hypothesis positions count UTF-16 units; converted, they anchor (before: the quote did).
    assert [(c["id"], c["start"], c["end"], c["kind"], c["anchored_by"]) for c in result["created"]] == [
        ("hyp-1", start, start + len(exact), "unverified_claim", "position"),
    ]
    assert result["created"][0]["unmapped"] == [
        "target[0].selector[0]: RangeSelector (a range in the page's DOM, not in the article's plain text)"
    ]
    stored = Annotation.objects.get(article=article)
    assert stored.quote == exact and stored.comment == "Needs a source.\n\nTags: economy"
    assert [(u["id"], u["code"]) for u in result["refused"]] == [("hyp-2", "unanchored")]


def test_unanchorable_annotations_are_listed_and_not_stored(client_for, annotator):
    article = ArticleFactory(body=ASTRAL_BODY)
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "first": {
            "type": "AnnotationPage",
            "items": [
                {
                    "id": "gone",
                    "type": "Annotation",
                    "target": {"selector": [{"type": "TextQuoteSelector", "exact": "a sentence that is not there"}]},
                },
                {
                    "id": "ambiguous",
                    "type": "Annotation",
                    "target": {
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": "the rocket reached orbit"},
                            {"type": "TextPositionSelector", "start": 9999, "end": 10020},
                        ]
                    },
                },
                {
                    "id": "context-decides",
                    "type": "Annotation",
                    "target": {
                        "selector": [
                            {
                                "type": "TextQuoteSelector",
                                "exact": "the rocket reached orbit",
                                "prefix": "The agency said ",
                            }
                        ]
                    },
                },
            ],
        },
    }
    result = _import(client_for(annotator), article, collection)
    assert {u["id"]: u["reason"].split(":")[0] for u in result["refused"]} == {
        "gone": "the quote does not occur in the article body",
        "ambiguous": "ambiguous",
    }
    assert [(c["id"], c["anchored_by"]) for c in result["created"]] == [("context-decides", "quote+context")]
    assert Annotation.objects.get(article=article).start == ASTRAL_BODY.rindex("the rocket reached orbit")


def test_anchor_prefers_position_only_when_the_quote_reads_there():
    body = "abc abc abc"
    assert anchor(body, position=(4, 7), exact="abc").method == "position"
    assert anchor(body, position=(5, 8), exact="abc").problem.startswith("ambiguous")
    assert anchor(body, position=(4, 7), exact=None).start == 4


def test_import_needs_an_annotator_and_a_collection(client_for, annotator):
    article = ArticleFactory()
    nobody = UserFactory()
    response = client_for(nobody).post(
        f"/api/v1/articles/{article.pk}/import/?format=w3c", {"items": []}, format="json"
    )
    assert response.status_code == 403
    response = client_for(annotator).post(f"/api/v1/articles/{article.pk}/import/?format=w3c", {"x": 1}, format="json")
    assert response.status_code == 400


def test_csv_export_neutralises_formula_injection(client_for, annotator):
    article = ArticleFactory()
    for text in ('=HYPERLINK("http://evil")', "+1+2", "-3", "@SUM(A1)", "fine"):
        AnnotationFactory(article=article, kind="note", comment=text)
    response = _export(client_for(annotator), article, "csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sorted(r["comment"] for r in rows) == sorted(
        ['\'=HYPERLINK("http://evil")', "'+1+2", "'-3", "'@SUM(A1)", "fine"]
    )
    assert all(r["quote"] == "The" and r["kind"] == "note" for r in rows)
    assert csv_cell(-3) == -3 and csv_cell("\tcmd") == "'\tcmd"


def test_claimreview_export_holds_only_confirmed_contradicted_claims(client_for, annotator):
    article = ArticleFactory(url="https://news.example.org/budget")
    factcheck = FactCheckFactory(rating_label="False", rating_value=1, best_rating=5, worst_rating=1)
    speaker = SourceFactory(name="The council", kind="government_body")
    confirmed = AnnotationFactory(
        article=article,
        kind="contradicted_claim",
        status="confirmed",
        evidence_factcheck=factcheck,
        source=speaker,
        review_note="Rates did not rise.",
    )
    AnnotationFactory(article=article, kind="contradicted_claim", status="open", start=4, end=11)
    AnnotationFactory(article=article, kind="contradicted_claim", status="dismissed", start=12, end=20)
    AnnotationFactory(article=article, kind="unverified_claim", status="confirmed", start=21, end=29)

    records = _export(client_for(annotator), article, "claimreview").json()
    assert len(records) == 1
    record = records[0]
    assert record["@context"] == "https://schema.org" and record["@type"] == "ClaimReview"
    assert record["claimReviewed"] == confirmed.quote and record["identifier"] == f"annotation-{confirmed.pk}"
    assert record["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "False",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert record["itemReviewed"]["author"] == {"@type": "Organization", "name": "The council"}
    assert record["itemReviewed"]["appearance"]["url"] == "https://news.example.org/budget"
    assert record["isBasedOn"] == factcheck.url and record["reviewBody"] == "Rates did not rise."
    assert parse_claim_review(record).claim_reviewed == confirmed.quote  # our own importer reads it back


def test_exports_need_login(anonymous_client):
    article = ArticleFactory()
    assert anonymous_client.get(f"/api/v1/articles/{article.pk}/export/?format=w3c").status_code in (401, 403)


@pytest.mark.parametrize("fmt", ["xml", "json", "W3C"])
def test_unknown_export_format_is_400_listing_the_valid_ones(client_for, annotator, fmt):
    article = ArticleFactory()
    response = client_for(annotator).get(f"/api/v1/articles/{article.pk}/export/?format={fmt}")
    assert response.status_code == 400, response.content
    data = json.loads(response.content)
    assert data["valid_formats"] == ["w3c", "claimreview", "csv"]
    assert f"Unknown export format '{fmt}'" in data["format"][0]


def test_unknown_export_format_of_a_missing_article_is_still_a_400(client_for, annotator):
    """The format is checked first: the caller learns the valid formats whatever the id."""
    response = client_for(annotator).get("/api/v1/articles/999999/export/?format=pdf")
    assert response.status_code == 400


def test_export_without_a_format_is_w3c(client_for, annotator):
    article = ArticleFactory()
    response = client_for(annotator).get(f"/api/v1/articles/{article.pk}/export/")
    assert response.status_code == 200
    assert response.json()["type"] == "AnnotationCollection"


def test_unknown_export_format_asks_an_anonymous_caller_to_log_in_first(anonymous_client):
    article = ArticleFactory()
    assert anonymous_client.get(f"/api/v1/articles/{article.pk}/export/?format=pdf").status_code == 401
