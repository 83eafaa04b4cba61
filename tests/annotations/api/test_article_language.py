"""An article's language: detected on save, kept when an editor sets it, re-detected when the body changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from annotations.models import Article, LanguageOrigin
from annotations.services.articles import article_create, article_update
from credibility.models import AnalysisRun
from tests.language_texts import ARABIC, ENGLISH, UKRAINIAN

pytestmark = pytest.mark.django_db
ARTICLES = "/api/v1/articles/"


def detail(pk: int) -> str:
    return f"{ARTICLES}{pk}/"


@pytest.mark.parametrize(("body", "expected"), [(ENGLISH, "en"), (UKRAINIAN, "uk"), (ARABIC, "ar")])
def test_article_create_detects_the_language_of_the_body(client_for, annotator, body, expected):
    response = client_for(annotator).post(ARTICLES, {"title": "Parking", "body": body}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["language"] == expected
    assert response.json()["language_origin"] == "detected"
    article = Article.objects.get(pk=response.json()["id"])
    assert (article.language, article.language_origin) == (expected, LanguageOrigin.DETECTED)


def test_article_create_keeps_the_language_an_editor_sends(client_for, annotator):
    # The editor says English (say, a transliteration the detector misreads): their word stands.
    response = client_for(annotator).post(
        ARTICLES, {"title": "Parking", "body": UKRAINIAN, "language": "en"}, format="json"
    )
    assert response.status_code == 201
    assert (response.json()["language"], response.json()["language_origin"]) == ("en", "editor")


def test_article_create_of_a_short_body_keeps_the_default_language():
    article = article_create(title="Flash", body="Breaking news today")
    assert (article.language, article.language_origin) == ("en", LanguageOrigin.DEFAULT)


def test_article_create_falls_back_to_the_declared_language_when_the_body_is_too_short():
    article = article_create(title="Flash", body="Термінові новини", language_fallback="uk")
    assert (article.language, article.language_origin) == ("uk", LanguageOrigin.DEFAULT)


def test_body_change_re_detects_a_detected_language():
    article = article_create(title="Parking", body=ENGLISH)
    article = article_update(article=article, body=UKRAINIAN)
    assert (article.language, article.language_origin) == ("uk", LanguageOrigin.DETECTED)


def test_body_change_never_overwrites_an_editors_language(client_for, annotator):
    article = article_create(title="Parking", body=ENGLISH)
    client = client_for(annotator)
    response = client.patch(
        detail(article.pk), {"language": "en-GB"}, format="json", HTTP_IF_MATCH=f'"{article.version}"'
    )
    assert response.status_code == 200, response.content
    assert (response.json()["language"], response.json()["language_origin"]) == ("en-GB", "editor")
    article.refresh_from_db()
    response = client.patch(detail(article.pk), {"body": ARABIC}, format="json", HTTP_IF_MATCH=f'"{article.version}"')
    assert response.status_code == 200
    assert (response.json()["language"], response.json()["language_origin"]) == ("en-GB", "editor")


def test_language_auto_hands_the_language_back_to_detection(client_for, annotator):
    article = article_create(title="Parking", body=ARABIC, language="en")
    response = client_for(annotator).patch(
        detail(article.pk), {"language": "auto"}, format="json", HTTP_IF_MATCH=f'"{article.version}"'
    )
    assert response.status_code == 200
    assert (response.json()["language"], response.json()["language_origin"]) == ("ar", "detected")


def test_a_three_word_body_does_not_flip_the_language():
    article = article_create(title="Parking", body=UKRAINIAN)
    article = article_update(article=article, body="Breaking news today")
    assert (article.language, article.language_origin) == ("uk", LanguageOrigin.DETECTED)


def test_an_invalid_language_is_400_and_changes_nothing(client_for, annotator):
    article = article_create(title="Parking", body=ENGLISH)
    response = client_for(annotator).patch(
        detail(article.pk), {"language": "english!"}, format="json", HTTP_IF_MATCH=f'"{article.version}"'
    )
    assert response.status_code == 400
    assert "is not a language tag" in response.json()["language"][0]
    article.refresh_from_db()
    assert (article.language, article.version) == ("en", 1)
    with pytest.raises(ValidationError):
        article_create(title="Parking", body=ENGLISH, language="en_GB")


def test_a_language_change_alone_requests_a_new_analysis(django_capture_on_commit_callbacks):
    article = article_create(title="Parking", body=UKRAINIAN, language="en")
    runs = AnalysisRun.objects.filter(article=article).count()
    with django_capture_on_commit_callbacks(execute=True):
        article_update(article=article, language="uk")
    assert AnalysisRun.objects.filter(article=article).count() == runs + 1
    article.refresh_from_db()
    # The editor's "uk" is not supported by the detectors: the new analysis says so.
    assert "Ukrainian" in article.analysis_notice


def test_detect_languages_command_detects_articles_stored_before_detection(django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    from tests.annotations.factories import ArticleFactory

    legacy = ArticleFactory(body=ARABIC)  # stored as before: "en", never detected
    editors = ArticleFactory(body=ARABIC, language="en", language_origin=LanguageOrigin.EDITOR)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("detect_languages", stdout=out)
    legacy.refresh_from_db()
    editors.refresh_from_db()
    assert (legacy.language, legacy.language_origin) == ("ar", LanguageOrigin.DETECTED)
    assert "Arabic" in legacy.analysis_notice  # analysed again under its real language
    assert (editors.language, editors.language_origin) == ("en", LanguageOrigin.EDITOR)
    assert "1 article(s) checked; en -> ar: 1." in out.getvalue()
