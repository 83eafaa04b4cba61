"""Issue 16, finding 8: roles mean model permissions; ``is_staff`` only opens the admin.

Also documents and tests the "reviewer with admin access" role: a reviewer with ``is_staff``
may browse the admin read-only, change annotation review fields and decide flags in the
flagged-claim report, and nothing else.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from annotations.models import Annotation, Article
from credibility.models import Source
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.credibility.factories import SourceFactory

pytestmark = pytest.mark.django_db
REPORT = "/admin/credibility/flagged-claim-report/"


def _admin(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_without_permissions_cannot_bulk_confirm_in_the_report():
    flag = AnnotationFactory(kind="unverified_claim", reason="unsourced")
    client = _admin(UserFactory(is_staff=True))
    assert client.get(REPORT).status_code == 403
    response = client.post(
        REPORT, {"bulk": "apply", "bulk_decision": "confirm", "ids": [flag.pk], f"version-{flag.pk}": 1}
    )
    assert response.status_code == 403
    flag.refresh_from_db()
    assert flag.status == "open"


def test_staff_without_permissions_cannot_delete_a_source(client_for):
    source = SourceFactory()
    assert client_for(UserFactory(is_staff=True)).delete(f"/api/v1/sources/{source.pk}/").status_code == 403
    assert Source.objects.filter(pk=source.pk).exists()


def test_staff_annotator_cannot_delete_an_article(client_for):
    article = ArticleFactory()
    user = UserFactory(roles=["annotator"], is_staff=True)
    assert client_for(user).delete(f"/api/v1/articles/{article.pk}/").status_code == 403
    assert _admin(user).post(f"/admin/annotations/article/{article.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_the_delete_permission_is_what_allows_deleting(client_for):
    article = ArticleFactory()
    user = UserFactory(roles=["annotator"])
    user.user_permissions.add(Permission.objects.get(codename="delete_article", content_type__app_label="annotations"))
    assert client_for(user).delete(f"/api/v1/articles/{article.pk}/").status_code == 204


def test_source_writes_follow_the_model_permissions(client_for):
    source = SourceFactory()
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="change_source"))
    client = client_for(user)
    assert client.patch(f"/api/v1/sources/{source.pk}/", {"rating": 70}, format="json").status_code == 200
    assert client.delete(f"/api/v1/sources/{source.pk}/").status_code == 403


def test_reviewer_with_admin_access():
    user = UserFactory(roles=["reviewer"], is_staff=True)
    flag = AnnotationFactory(kind="unverified_claim", reason="unsourced")
    article, source = flag.article, SourceFactory()
    client = _admin(user)
    # Reads: the admin index, articles, annotations, sources, the report.
    for url in (
        "/admin/",
        "/admin/annotations/article/",
        "/admin/annotations/annotation/",
        f"/admin/annotations/annotation/{flag.pk}/change/",
        "/admin/credibility/source/",
        REPORT,
    ):
        assert client.get(url).status_code == 200, url
    # Decides flags in the report.
    client.post(REPORT, {"single": f"{flag.pk}:confirm", f"version-{flag.pk}": flag.version})
    flag.refresh_from_db()
    assert (flag.status, flag.reviewer) == ("confirmed", user)
    # Nothing beyond the role: no article deletion, no source edits, no users.
    assert client.post(f"/admin/annotations/article/{article.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"/admin/credibility/source/{source.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"/admin/credibility/source/{source.pk}/change/").content.count(b'name="_save"') == 0
    assert client.get("/admin/auth/user/").status_code == 403
    assert Article.objects.filter(pk=article.pk).exists() and Source.objects.filter(pk=source.pk).exists()
    # Content of someone else's annotation stays the owner's (the services say so, admin or API).
    assert Annotation.objects.get(pk=flag.pk).comment == flag.comment
