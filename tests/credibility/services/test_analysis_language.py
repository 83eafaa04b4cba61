"""Detectors declare their languages; an article in another language is not run through them and says so.

The notice (``Article.analysis_notice``) reaches the admin, the article and credibility endpoints
and the flagged-claim report, so no findings never reads as a clean article.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotations.models import Annotation
from annotations.services.articles import article_create, article_update
from annotations.services.reviews import annotation_review
from credibility.analysis.pipeline import DEFAULT_DETECTORS, analyze_text, detector_supports, supported_languages
from credibility.analysis.types import ENGLISH_ONLY
from credibility.models import AnalysisRun
from tests.language_texts import ARABIC, UKRAINIAN

DETECTOR_NAMES = [d.name for d in DEFAULT_DETECTORS]
# English prose every English detector has something to say about.
FLAGGED = (
    "Crime rose 40% last year, experts say. The council recieved 4,000 complaints, officials said. "
    "Prices are thought to have doubled since the bridge closed."
)


class SpyDetector:
    def __init__(self, name: str, languages: frozenset[str] | None) -> None:
        self.name, self.version, self.languages, self.calls = name, 1, languages, 0

    def detect(self, document, context, earlier):
        self.calls += 1
        return []


def test_detectors_declare_english_only():
    assert supported_languages() == {name: ["en"] for name in DETECTOR_NAMES}
    assert all(d.languages == ENGLISH_ONLY for d in DEFAULT_DETECTORS)


def test_detector_supports_matches_the_primary_subtag():
    english_only = SpyDetector("spy", ENGLISH_ONLY)
    assert detector_supports(english_only, "en") and detector_supports(english_only, "en-GB")
    assert not detector_supports(english_only, "uk")
    assert detector_supports(english_only, None)  # no language given: as before languages existed
    assert detector_supports(SpyDetector("any", None), "ar")


def test_analyze_text_does_not_run_a_detector_on_a_language_it_does_not_support():
    english, anything = SpyDetector("english", ENGLISH_ONLY), SpyDetector("anything", None)
    result = analyze_text(text=UKRAINIAN, detectors=(english, anything), language="uk", budget_seconds=None)
    assert (english.calls, anything.calls) == (0, 1)
    assert result.skipped == ("english",)
    assert "english" not in result.timings_ms and "anything" in result.timings_ms
    assert result.detector_versions == {"english": 1, "anything": 1}


def test_the_real_detectors_are_skipped_for_an_unsupported_language():
    english = analyze_text(text=FLAGGED, language="en", budget_seconds=None)
    assert english.findings and english.skipped == ()
    # The same English text declared Ukrainian: no detector runs, so nothing is found, and it says which.
    declared_uk = analyze_text(text=FLAGGED, language="uk", budget_seconds=None)
    assert declared_uk.findings == ()
    assert declared_uk.skipped == tuple(DETECTOR_NAMES)


@pytest.fixture
def ukrainian_article(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="Паркування", body=UKRAINIAN)
    article.refresh_from_db()
    return article


def test_an_unsupported_language_is_recorded_on_the_run_and_the_article(ukrainian_article):
    run = AnalysisRun.objects.get(article=ukrainian_article)
    assert run.state == "done"
    assert run.language == "uk"
    assert run.skipped_detectors == DETECTOR_NAMES
    notice = ukrainian_article.analysis_notice
    assert "Ukrainian (uk)" in notice and "English (en)" in notice
    assert "nothing was checked" in notice
    assert "typos" in notice and "contradicted claims" in notice
    assert not Annotation.objects.filter(article=ukrainian_article, origin="machine").exists()


def test_an_english_article_has_no_notice(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="Crime", body=FLAGGED)
    article.refresh_from_db()
    assert article.language == "en"
    assert article.analysis_notice == ""
    run = AnalysisRun.objects.get(article=article)
    assert (run.language, run.skipped_detectors) == ("en", [])
    assert Annotation.objects.filter(article=article, origin="machine").exists()


def test_the_notice_is_in_the_article_and_credibility_endpoints(ukrainian_article, client_for, annotator):
    client = client_for(annotator)
    article = client.get(f"/api/v1/articles/{ukrainian_article.pk}/").json()
    assert article["analysis_notice"] == ukrainian_article.analysis_notice
    assert (article["language"], article["language_origin"]) == ("uk", "detected")
    listed = client.get("/api/v1/articles/").json()["results"][0]
    assert listed["analysis_notice"] == ukrainian_article.analysis_notice
    credibility = client.get(f"/api/v1/articles/{ukrainian_article.pk}/credibility/").json()
    assert credibility["language"] == "uk"
    assert credibility["analysis_notice"] == ukrainian_article.analysis_notice


def test_the_flagged_claim_report_lists_articles_not_fully_analysed(
    ukrainian_article, db, django_capture_on_commit_callbacks, client_for, reviewer
):
    with django_capture_on_commit_callbacks(execute=True):
        english = article_create(title="Crime", body=FLAGGED)
    report = client_for(reviewer).get("/api/v1/reports/flagged-claims/").json()
    assert report["count"] > 0  # the English article's flags
    assert report["analysis_notices"]["count"] == 1
    (listed,) = report["analysis_notices"]["articles"]
    assert listed == {
        "id": ukrainian_article.pk,
        "title": "Паркування",
        "language": "uk",
        "notice": ukrainian_article.analysis_notice,
    }
    # Narrowed by the report's article filter like the flags are.
    narrowed = client_for(reviewer).get("/api/v1/reports/flagged-claims/", {"article": english.pk}).json()
    assert narrowed["analysis_notices"] == {"count": 0, "articles": []}


def test_the_admin_shows_the_notice_and_renders_the_text_right_to_left(
    db, django_capture_on_commit_callbacks, staff_client
):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="مواقف السيارات", body=ARABIC)
    article.refresh_from_db()
    assert article.language == "ar"
    page = staff_client.get(reverse("admin:annotations_article_change", args=[article.pk])).content.decode()
    assert "data-analysis-notice" in page and "Arabic (ar)" in page
    assert 'dir="auto" lang="ar" data-annotator-body' in page
    report = staff_client.get(reverse("admin:credibility_flagged_claim_report")).content.decode()
    assert "1 article not fully analysed" in report
    assert reverse("admin:annotations_article_change", args=[article.pk]) in report


def test_switching_to_an_unsupported_language_clears_open_machine_flags_and_keeps_reviewed_ones(
    db, django_capture_on_commit_callbacks, reviewer
):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="Crime", body=FLAGGED, language="en")
    machine = Annotation.objects.filter(article=article, origin="machine")
    assert machine.count() >= 2
    kept = machine.first()
    annotation_review(annotation=kept, decision="confirm", reviewer=reviewer)
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        article_update(article=article, language="uk")  # the editor says the text is Ukrainian
    assert list(Annotation.objects.filter(article=article, origin="machine").values_list("pk", flat=True)) == [kept.pk]
    article.refresh_from_db()
    assert "Ukrainian" in article.analysis_notice
    # And back: English again, the detectors run and the notice goes.
    with django_capture_on_commit_callbacks(execute=True):
        article_update(article=article, language="en")
    article.refresh_from_db()
    assert article.analysis_notice == ""
    assert Annotation.objects.filter(article=article, origin="machine").count() >= 2


def test_the_flag_report_command_names_articles_not_fully_analysed(ukrainian_article):
    from io import StringIO

    from django.core.management import call_command

    out, err = StringIO(), StringIO()
    call_command("flag_report", "--format", "json", stdout=out, stderr=err)
    assert f"article {ukrainian_article.pk} (uk): This article is in Ukrainian" in err.getvalue()
    assert "Ukrainian" not in out.getvalue()  # the JSON on stdout stays the flags alone


def test_the_run_endpoint_shows_the_language_and_skipped_detectors(ukrainian_article, client_for, annotator):
    runs = client_for(annotator).get("/api/v1/analysis-runs/", {"article": ukrainian_article.pk}).json()["results"]
    assert (runs[0]["language"], runs[0]["skipped_detectors"]) == ("uk", DETECTOR_NAMES)
