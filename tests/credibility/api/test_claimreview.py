"""ClaimReview that search engines accept (issue 22, item 4): the export validates against the
schema.org vocabulary, each record's url is a public page embedding the same JSON-LD, the
claim's author and text come from its sentence's attribution, inLanguage travels both ways, our
own exports are recognised on re-import and never cited against their article, and the DataFeed
import takes elements without @type and application/ld+json bodies."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from credibility.models import FactCheck
from credibility.services.analysis import analysis_context_build
from tests.annotations.factories import AnnotationFactory, ArticleFactory
from tests.credibility.factories import FactCheckFactory, SourceFactory
from tests.credibility.schemaorg import schema_problems

pytestmark = pytest.mark.django_db

CLAIM = "Taxes will rise by 4.99%, the council said."
BODY = f"The council approved the budget on Tuesday. {CLAIM} Officials said the plan was agreed in March."
IMPORT = "/api/v1/factchecks/import/"
JSONLD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _article(**fields):
    values = {
        "body": BODY,
        "title": "Council raises tax",
        "url": "https://news.example.org/budget",
        "published_at": datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        **fields,
    }
    return ArticleFactory(**values)


def _span(article, text, **fields):
    start = article.body.index(text)
    return AnnotationFactory(article=article, start=start, end=start + len(text), **fields)


def _reviewed_claim(article, *, status="confirmed", **fields):
    factcheck = FactCheckFactory(
        claim_reviewed="Taxes will rise by 4.99%.", rating_label="False", rating_value=1, best_rating=5, worst_rating=1
    )
    values = {
        "kind": "contradicted_claim",
        "status": status,
        "evidence_factcheck": factcheck,
        "reviewed_at": timezone.now(),
        "review_note": "Rates are frozen <until> 2027 & beyond.",
        **fields,
    }
    return _span(article, CLAIM, **values)


def _council_attribution(article, **fields):
    council = SourceFactory(name="Kelby council", kind="government_body")
    return _span(article, "the council said", kind="source_attribution", source=council, **fields)


def _export(client, article, fmt="claimreview", **params):
    response = client.get(f"/api/v1/articles/{article.pk}/export/", {"format": fmt, **params})
    assert response.status_code == 200, response.content
    return response


def test_export_of_a_confirmed_contradicted_claim_validates_against_schema_org(client_for, annotator):
    article = _article()
    claim = _reviewed_claim(article)
    _council_attribution(article)
    records = _export(client_for(annotator), article).json()
    assert len(records) == 1
    record = records[0]
    # Every part the validation must cover is there: author, attribution-free claim, language, rating.
    assert record["itemReviewed"]["author"] == {"@type": "Organization", "name": "Kelby council"}
    assert record["claimReviewed"] == "Taxes will rise by 4.99%."
    assert record["inLanguage"] == "en" and record["identifier"] == f"annotation-{claim.pk}"
    assert record["reviewRating"]["ratingValue"] == 1 and record["isBasedOn"].startswith("https://")
    assert list(schema_problems(records)) == []


def test_the_review_url_is_a_public_page_embedding_the_same_jsonld(client_for, annotator):
    article = _article()
    _reviewed_claim(article)
    _council_attribution(article)
    record = _export(client_for(annotator), article).json()[0]
    address = urlsplit(record["url"])
    assert address.path.startswith("/claims/")

    page = Client().get(address.path)  # no session, no token
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    (embedded,) = JSONLD_SCRIPT.findall(html)
    assert json.loads(embedded) == record
    assert "</until>" not in embedded and "<until>" not in embedded  # cannot close the script element
    assert "Taxes will rise by 4.99%." in html and "Kelby council" in html
    assert "Rates are frozen &lt;until&gt; 2027 &amp; beyond." in html  # autoescaped for people


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "open"},
        {"status": "dismissed"},
        {"status": "resolved"},
        {"kind": "unverified_claim", "reason": "unsourced"},
    ],
)
def test_the_public_page_shows_only_reviewed_claims(fields):
    article = _article()
    annotation = _reviewed_claim(article, **fields)
    assert Client().get(f"/claims/{annotation.pk}/").status_code == 404


def test_the_public_page_of_a_missing_claim_is_404_and_it_is_read_only():
    article = _article()
    claim = _reviewed_claim(article)
    assert Client().get(f"/claims/{claim.pk + 1000}/").status_code == 404
    assert Client().post(f"/claims/{claim.pk}/").status_code == 405


def test_the_public_base_url_setting_places_the_pages(client_for, annotator, settings):
    settings.CLAIMREVIEW_PUBLIC_BASE_URL = "https://checks.example.org"
    article = _article()
    claim = _reviewed_claim(article)
    record = _export(client_for(annotator), article).json()[0]
    assert record["url"] == f"https://checks.example.org/claims/{claim.pk}/"
    (embedded,) = JSONLD_SCRIPT.findall(Client().get(f"/claims/{claim.pk}/").content.decode())
    assert json.loads(embedded)["url"] == record["url"]


def test_author_and_claim_come_only_from_a_live_attribution_in_the_same_sentence(client_for, annotator):
    article = _article()
    _reviewed_claim(article)
    _council_attribution(article, status="dismissed")  # a reviewer said it is not an attribution
    officials = SourceFactory(name="Officials", kind="vague")
    _span(article, "Officials said", kind="source_attribution", source=officials)  # the next sentence
    record = _export(client_for(annotator), article).json()[0]
    assert "author" not in record["itemReviewed"]
    assert record["claimReviewed"] == CLAIM


def test_an_attribution_without_a_source_is_cut_but_names_no_author(client_for, annotator):
    article = _article()
    _reviewed_claim(article)
    _span(article, "the council said", kind="source_attribution", source=None)
    record = _export(client_for(annotator), article).json()[0]
    assert record["claimReviewed"] == "Taxes will rise by 4.99%."
    assert "author" not in record["itemReviewed"]


def test_in_language_is_the_article_language(client_for, annotator):
    article = _article(language="de")
    _reviewed_claim(article)
    assert _export(client_for(annotator), article).json()[0]["inLanguage"] == "de"


def test_an_empty_export_stays_an_array_and_says_why(client_for, annotator):
    article = _article()
    claim = _reviewed_claim(article, status="open")
    response = _export(client_for(annotator), article)
    assert response.json() == []
    assert response["X-Export-Empty-Reason"] == (
        "No confirmed contradicted claims: its contradicted claims are 1 open; only confirmed ones are exported."
    )
    claim.status = "confirmed"  # one confirmed claim: a record, and the header goes
    claim.save(update_fields=["status"])
    confirmed = _export(client_for(annotator), article)
    assert len(confirmed.json()) == 1 and "X-Export-Empty-Reason" not in confirmed


def test_fact_check_import_accepts_ld_json_bodies_feeds_without_types_and_keeps_in_language(client_for, staff):
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [
            {
                "item": [
                    {
                        "@type": "ClaimReview",
                        "url": "https://factcheck.example.org/bridges",
                        "claimReviewed": "The bridge was built in 1890.",
                        "inLanguage": "pt-BR",
                        "reviewRating": {"@type": "Rating", "alternateName": "False"},
                    }
                ]
            }
        ],
    }
    response = client_for(staff).post(IMPORT, data=json.dumps(feed), content_type="application/ld+json; charset=utf-8")
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 1 and response.json()["skipped"] == []
    stored = FactCheck.objects.get(url="https://factcheck.example.org/bridges")
    assert (stored.language, stored.verdict) == ("pt-BR", "false")
    assert client_for(staff).get(f"/api/v1/factchecks/{stored.pk}/").json()["language"] == "pt-BR"


def test_our_own_export_is_recognised_on_reimport_and_never_cited_against_its_article(client_for, annotator, staff):
    article = _article()
    claim = _reviewed_claim(article)
    _council_attribution(article)
    exported = _export(client_for(annotator), article).json()

    response = client_for(staff).post(IMPORT, data=exported, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["own_reviews"] == 1
    own = FactCheck.objects.get(identifier=f"annotation-{claim.pk}")
    assert own.own_review_article == article and own.verdict == "false" and own.language == "en"

    # The same sentence in another article may cite our review; its own article never does.
    other = _article(url="https://news.example.org/budget-copy", title="Copy")
    cited_elsewhere = {f.identifier for f in analysis_context_build(article=other).factchecks}
    cited_here = {f.identifier for f in analysis_context_build(article=article).factchecks}
    assert own.identifier in cited_elsewhere
    assert own.identifier not in cited_here


def test_a_review_from_another_host_is_not_taken_for_ours(client_for, staff):
    article = _article()
    claim = _reviewed_claim(article)
    record = {
        "@type": "ClaimReview",
        "identifier": f"annotation-{claim.pk}",
        "url": f"https://another-deployment.example.org/claims/{claim.pk}/",
        "claimReviewed": "Taxes will rise by 4.99%.",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }
    response = client_for(staff).post(IMPORT, data=[record], format="json")
    assert response.json()["own_reviews"] == 0
    assert FactCheck.objects.get(identifier=f"annotation-{claim.pk}").own_review_article is None


def test_the_recheck_after_an_import_never_cites_our_review_against_its_article(client_for, annotator, staff):
    from annotations.models import Annotation
    from credibility.analysis import pipeline
    from credibility.services.recheck import _recheck_detectors, article_recheck

    pipeline.preload()  # warm, as a worker starts: a cold lexicon load alone can outlast the 5 s analysis budget
    article = _article()
    claim = _reviewed_claim(article)
    exported = _export(client_for(annotator), article).json()
    client_for(staff).post(IMPORT, data=exported, format="json")
    own = FactCheck.objects.get(identifier=f"annotation-{claim.pk}")
    other = _article(url="https://news.example.org/budget-copy", title="Copy")

    detectors = _recheck_detectors()
    article_recheck(article=article, factcheck_ids=[own.pk], detectors=detectors)
    article_recheck(article=other, factcheck_ids=[own.pk], detectors=detectors)
    assert not Annotation.objects.filter(article=article, evidence_factcheck=own).exists()
    assert Annotation.objects.filter(article=other, evidence_factcheck=own, kind="contradicted_claim").exists()


def test_our_public_page_uploaded_as_html_is_recognised_as_our_own_review(client_for, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = _article()
    claim = _reviewed_claim(article)
    page = Client().get(f"/claims/{claim.pk}/").content
    upload = SimpleUploadedFile("claim.html", page, content_type="text/html")
    response = client_for(staff).post(IMPORT, {"file": upload, "format": "html"}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 1 and response.json()["own_reviews"] == 1
    assert FactCheck.objects.get(identifier=f"annotation-{claim.pk}").own_review_article == article
