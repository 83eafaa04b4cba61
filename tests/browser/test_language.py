"""An Arabic article in the admin, in real Chromium: its text reads right to left and says it was not analysed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from annotations.services.articles import article_create
from tests.annotations.factories import UserFactory
from tests.language_texts import ARABIC, ENGLISH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DIRECTION_JS = "el => getComputedStyle(el).direction"


@pytest.fixture
def staff_user(transactional_db: Any) -> Any:
    return UserFactory(username="editor", is_staff=True, is_superuser=True)


def test_an_arabic_article_reads_right_to_left_with_its_language_notice(
    page: Any, live_server: Any, login: Any, staff_user: Any, artifacts_dir: Path
) -> None:
    # Created through the service like any article: language detected, analysis run on commit (eager Celery).
    arabic = article_create(title="مواقف السيارات", body=ARABIC)
    english = article_create(title="Parking", body=ENGLISH)
    login(page, staff_user)

    page.goto(live_server.url + reverse("admin:annotations_article_change", args=[arabic.pk]))
    body = page.locator("[data-annotator-body]")
    assert body.get_attribute("lang") == "ar"
    assert body.evaluate(DIRECTION_JS) == "rtl"
    assert page.locator("#id_body").evaluate(DIRECTION_JS) == "rtl"  # the text area as well
    notice = page.locator("[data-analysis-notice]")
    assert notice.is_visible()
    assert "Arabic (ar)" in notice.inner_text() and "nothing was checked" in notice.inner_text()
    assert page.locator("#id_language").input_value() == "ar"
    page.screenshot(path=str(artifacts_dir / "arabic-article.png"), full_page=False)

    page.goto(live_server.url + reverse("admin:annotations_article_change", args=[english.pk]))
    assert page.locator("[data-annotator-body]").evaluate(DIRECTION_JS) == "ltr"
    assert page.locator("[data-analysis-notice]").count() == 0
    assert not page.js_errors  # type: ignore[attr-defined]
