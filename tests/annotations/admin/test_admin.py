"""The admin: pages render, highlights are drawn and escaped, and every write goes through services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotations.admin.rendering import annotated_segments
from annotations.models import Annotation, Article
from credibility.models import AnalysisRun, Source
from tests.annotations.admin.form_data import annotation_admin_form
from tests.annotations.factories import AnnotationFactory, ArticleFactory
from tests.credibility.factories import AnalysisRunFactory, FactCheckFactory, SourceFactory

pytestmark = pytest.mark.django_db

BODY = "Crime rose 40% last year, experts say. The mayor said teh figures were wrong."


def _inline_management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _article_form(article: Article | None = None, **overrides: str) -> dict[str, str]:
    data = {
        "title": article.title if article else "A new article",
        "body": article.body if article else BODY,
        "url": (article.url or "") if article else "",
        "outlet": "",
        "byline": "",
        "published_at_0": "",
        "published_at_1": "",
        "language": "en",
        "low_value_flag_limit": str(article.low_value_flag_limit) if article else "3",
        "loaded_version": str(article.version) if article else "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def annotated_article():
    article = ArticleFactory(body=BODY, title="Crime figures")
    source = SourceFactory(name="The mayor", rating=55)
    # Overlapping: the unverified claim covers the whole first sentence, the typo sits in the second.
    AnnotationFactory(
        article=article,
        kind="unverified_claim",
        start=0,
        end=38,
        reason="unsourced",
        origin="machine",
        detector="unsourced@1",
    )
    AnnotationFactory(
        article=article,
        kind="source_attribution",
        start=39,
        end=53,
        source=source,
        origin="machine",
        detector="attribution@1",
    )
    start = BODY.index("teh")
    AnnotationFactory(
        article=article, kind="typo", start=start, end=start + 3, suggestion="the", origin="machine", detector="typo@1"
    )
    AnnotationFactory(article=article, kind="note", start=0, end=5, comment="check the police data")
    return article


def test_article_changelist_renders_for_staff(staff_client, annotated_article):
    response = staff_client.get(reverse("admin:annotations_article_changelist"))
    assert response.status_code == 200
    assert b"Crime figures" in response.content
    assert b"Re-run analysis" in response.content


def test_article_changelist_search_and_filters(staff_client, annotated_article):
    ArticleFactory(title="Something else")
    url = reverse("admin:annotations_article_changelist")
    response = staff_client.get(url, {"q": "mayor", "analysis_state__exact": "pending"})
    assert response.status_code == 200
    assert b"Crime figures" in response.content
    assert b"Something else" not in response.content


def test_article_change_page_highlights_annotations(staff_client, annotated_article):
    response = staff_client.get(reverse("admin:annotations_article_change", args=[annotated_article.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for kind in ("typo", "unverified_claim", "source_attribution", "note"):
        assert f'class="hl hl-{kind}"' in html
    assert "annotated-legend" in html
    assert "annotations/admin.css" in html
    # Tooltips name the kind, detector, reason, suggestion and source.
    assert "typo@1" in html and "suggestion: &#x27;the&#x27;" in html
    assert "reason: Unsourced" in html
    assert "source: The mayor (rating 55)" in html
    # The inline lists the annotations and links to adding one.
    assert "check the police data" in html
    assert reverse("admin:annotations_annotation_add") + f"?article={annotated_article.pk}" in html


def test_article_change_page_escapes_body(staff_client):
    body = 'Officials said <script>alert("owned")</script> and <b>bold</b> & more.'
    article = ArticleFactory(title="<script>alert('title')</script>", body=body)
    start = body.index("<script>")
    AnnotationFactory(
        article=article,
        kind="note",
        start=start,
        end=body.index("</script>") + 9,
        comment="<img src=x onerror=alert(1)>",
    )
    response = staff_client.get(reverse("admin:annotations_article_change", args=[article.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<script>alert("owned")' not in html
    assert "<script>alert('title')" not in html
    assert "<img src=x" not in html
    assert "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more." in html


def test_annotated_segments_split_at_every_boundary():
    article = ArticleFactory(body="abcdefghij")
    spans = [
        Annotation(article=article, kind="unverified_claim", start=0, end=6),
        Annotation(article=article, kind="typo", start=4, end=8),
        Annotation(article=article, kind="note", start=20, end=30),  # stale span: ignored
    ]
    segments = annotated_segments(article.body, spans)
    assert [(s.text, s.kinds) for s in segments] == [
        ("abcd", ("unverified_claim",)),
        ("ef", ("unverified_claim", "typo")),
        ("gh", ("typo",)),
        ("ij", ()),
    ]
    assert "".join(s.text for s in segments) == article.body


def test_rerun_action_creates_analysis_run(staff_client, annotated_article, django_capture_on_commit_callbacks):
    url = reverse("admin:annotations_article_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"action": "rerun_analysis", "_selected_action": [annotated_article.pk]})
    assert response.status_code == 302
    run = AnalysisRun.objects.get(article=annotated_article)
    assert run.state == "done"
    annotated_article.refresh_from_db()
    assert annotated_article.analysis_state == "done"
    # Human annotations survive a re-run.
    assert annotated_article.annotations.filter(origin="editor", kind="note").count() == 1


def test_admin_add_article_goes_through_service(staff_client, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = staff_client.post(reverse("admin:annotations_article_add"), _article_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="A new article")
    assert article.body == BODY
    assert len(article.body_sha256) == 64
    assert article.created_by == staff
    # The analysis was enqueued on commit, once (the eager run then stores the article's statement index).
    assert [cb.__qualname__ for cb in callbacks].count("analysis_request.<locals>.<lambda>") == 1
    assert AnalysisRun.objects.filter(article=article).count() == 1


def test_admin_article_body_change_requests_reanalysis(staff_client, django_capture_on_commit_callbacks):
    article = ArticleFactory(body=BODY)
    url = reverse("admin:annotations_article_change", args=[article.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = staff_client.post(url, _article_form(article, body=BODY + " More text."))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body.endswith("More text.") and article.revision == 2
    assert len(callbacks) == 1 and AnalysisRun.objects.filter(article=article).count() == 1


def test_admin_article_crlf_resubmission_is_not_a_change(staff_client, django_capture_on_commit_callbacks):
    body = "First paragraph.\n\nSecond paragraph."
    article = ArticleFactory(body=body)
    url = reverse("admin:annotations_article_change", args=[article.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = staff_client.post(url, _article_form(article, body=body.replace("\n", "\r\n")))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == body and article.revision == 1
    assert callbacks == []


def test_admin_article_empty_body_is_a_form_error(staff_client):
    response = staff_client.post(reverse("admin:annotations_article_add"), _article_form(body="   "))
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert not Article.objects.filter(title="A new article").exists()
    assert AnalysisRun.objects.count() == 0


def test_article_change_page_is_a_workspace_without_the_annotation_inline(staff_client, annotated_article):
    # The inline (one form per annotation) made a long article's page slow and too wide; the
    # workspace's flag list replaces it and reviews go through the API (tests/browser/test_workspace.py).
    html = staff_client.get(reverse("admin:annotations_article_change", args=[annotated_article.pk])).content.decode()
    assert 'id="workspace"' in html and 'id="workspace-side"' in html
    assert "annotations-TOTAL_FORMS" not in html
    assert "annotations/workspace.js" in html and "annotations/workspace.css" in html
    assert 'dir="auto"' in html and 'lang="en"' in html
    listing = reverse("admin:annotations_annotation_changelist") + f"?article__id__exact={annotated_article.pk}"
    assert listing in html
    other = AnnotationFactory(article=ArticleFactory(body="Another body."), comment="not this article")
    response = staff_client.get(listing)
    assert response.status_code == 200 and f"/{other.pk}/change/" not in response.content.decode()
    assert annotated_article.annotations.count() == response.context["cl"].result_count
    for kind in ("typo", "unverified_claim", "source_attribution", "note"):
        assert f'data-kind="{kind}" aria-pressed="false"' in html  # the legend filters by kind


def test_article_change_page_legend_counts_only_annotations_drawn_in_the_text(staff_client, annotated_article):
    typo = annotated_article.annotations.get(kind="typo")
    Annotation.objects.filter(pk=typo.pk).update(anchor_state="orphaned")
    html = staff_client.get(reverse("admin:annotations_article_change", args=[annotated_article.pk])).content.decode()
    assert '<span class="hl hl-typo">Typo</span> <span class="annotated-count">0</span>' in html
    assert f'data-ids="{typo.pk}"' not in html


def test_annotation_admin_changelist_filters_and_search(staff_client, annotated_article):
    url = reverse("admin:annotations_annotation_changelist")
    for params in (
        {},
        {"kind__exact": "typo"},
        {"origin__exact": "machine"},
        {"status__exact": "open"},
        {"detector": "typo@1"},
        {"q": "teh"},
    ):
        response = staff_client.get(url, params)
        assert response.status_code == 200, params


def test_annotation_admin_create_validates_through_service(staff_client, staff):
    article = ArticleFactory(body=BODY)
    url = reverse("admin:annotations_annotation_add")
    base = annotation_admin_form(article=str(article.pk), kind="typo", start="0", end="5")

    response = staff_client.post(url, {**base, "end": str(len(BODY) + 10)})
    assert response.status_code == 200
    assert b"past the end of the body" in response.content

    response = staff_client.post(url, {**base, "quote": "Nope!"})
    assert response.status_code == 200
    assert b"does not match the body" in response.content

    response = staff_client.post(url, {**base, "kind": "typo", "reason": "hedged"})
    assert response.status_code == 200
    assert b"only to unverified claims" in response.content
    assert Annotation.objects.count() == 0

    response = staff_client.post(url, {**base, "suggestion": "Krime"})
    assert response.status_code == 302, response.content.decode()[:2000]
    annotation = Annotation.objects.get()
    assert annotation.quote == "Crime" and annotation.origin == "editor" and annotation.created_by == staff
    assert annotation.suffix.startswith(" rose")


def test_annotation_admin_machine_offsets_are_read_only(staff_client, annotated_article):
    typo = annotated_article.annotations.get(kind="typo")
    response = staff_client.get(reverse("admin:annotations_annotation_change", args=[typo.pk]))
    assert response.status_code == 200
    assert b'name="start"' not in response.content and b'name="status"' in response.content
    note = annotated_article.annotations.get(kind="note")
    response = staff_client.get(reverse("admin:annotations_annotation_change", args=[note.pk]))
    assert b'name="start"' in response.content


def test_source_admin_saves_through_service_with_aliases(staff_client):
    data = {
        "name": "  Vitaliy   Kyrylov ",
        "kind": "person",
        "description": "",
        "domain": "",
        "rating": "60",
        "rating_rationale": "Named spokesman on the record.",
        **_inline_management("aliases", total=2, initial=0),
        "aliases-0-alias": "Kyrylov",
        "aliases-1-alias": "",
    }
    response = staff_client.post(reverse("admin:credibility_source_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    source = Source.objects.get()
    assert source.name == "Vitaliy   Kyrylov".strip() and source.normalized_name == "vitaliy kyrylov"
    assert [a.normalized_alias for a in source.aliases.all()] == ["kyrylov"]

    response = staff_client.get(reverse("admin:credibility_source_changelist"))
    assert response.status_code == 200 and b"Kyrylov" in response.content
    response = staff_client.get(reverse("admin:credibility_source_change", args=[source.pk]))
    assert response.status_code == 200 and b"Named spokesman on the record." in response.content

    # A second source whose name normalises to the same key is refused as a form error.
    response = staff_client.post(
        reverse("admin:credibility_source_add"), {**data, "name": "VITALIY KYRYLOV", "aliases-0-alias": ""}
    )
    assert response.status_code == 200 and b"already exists" in response.content
    assert Source.objects.count() == 1


def test_source_admin_rename_updates_normalized_name(staff_client):
    source = SourceFactory(name="Verkhovna  Rada", kind="government_body")
    data = {
        "name": "The Verkhovna Rada",
        "kind": "government_body",
        "description": "",
        "domain": "rada.gov.ua",
        "rating": "70",
        "rating_rationale": "",
        **_inline_management("aliases", total=0, initial=0),
    }
    response = staff_client.post(reverse("admin:credibility_source_change", args=[source.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    source.refresh_from_db()
    assert source.normalized_name == "the verkhovna rada" and source.rating == 70


def test_factcheck_and_analysis_run_admin_pages(staff_client):
    FactCheckFactory(claim_reviewed="Belarusian troops entered Chernihiv.", publisher="Example Fact Check")
    run = AnalysisRunFactory()
    response = staff_client.get(
        reverse("admin:credibility_factcheck_changelist"), {"q": "Chernihiv", "verdict__exact": "false"}
    )
    assert response.status_code == 200 and b"Belarusian troops" in response.content
    assert staff_client.get(reverse("admin:credibility_analysisrun_changelist")).status_code == 200
    response = staff_client.get(reverse("admin:credibility_analysisrun_change", args=[run.pk]))
    assert response.status_code == 200 and b'name="state"' not in response.content
    assert staff_client.get(reverse("admin:credibility_analysisrun_add")).status_code == 403


def test_admin_requires_staff(client, annotator):
    client.force_login(annotator)
    response = client.get(reverse("admin:annotations_article_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_article_change_page_maps_segments_to_code_points_and_configures_the_annotator(staff_client):
    body = "Emoji \U0001f389 then teh typo."
    article = ArticleFactory(body=body)
    start = body.index("teh")
    typo = AnnotationFactory(article=article, kind="typo", start=start, end=start + 3)
    html = staff_client.get(reverse("admin:annotations_article_change", args=[article.pk])).content.decode()
    # Code points, not UTF-16 units: the emoji counts once.
    assert f'<span class="seg" data-start="{start}" data-ids="{typo.pk}">' in html
    assert f'<span class="seg" data-start="{start + 3}">' in html
    assert 'id="annotator-config"' in html and "annotations/annotator.js" in html
    assert '"can_create_sources": true' in html


def test_admin_save_calls_the_service_once(staff_client, monkeypatch):
    from annotations.admin import articles as article_admin

    calls = []
    real = article_admin.article_update

    def counting(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(article_admin, "article_update", counting)
    article = ArticleFactory(body=BODY)
    url = reverse("admin:annotations_article_change", args=[article.pk])
    response = staff_client.post(url, _article_form(article, title="Retitled"))
    assert response.status_code == 302
    assert len(calls) == 1  # no dry run before the real save
    article.refresh_from_db()
    assert article.title == "Retitled" and article.version == 2


def test_admin_page_refused_after_the_service_ran_leaves_nothing_behind(staff_client):
    # The source form is valid (the service saves it while the form is cleaned), then an inline is
    # refused: the whole page is refused, so the service's write must be rolled back.
    source = SourceFactory(name="The Rada", kind="government_body")
    data = {
        "name": "Should not stick",
        "kind": "government_body",
        "description": "",
        "domain": "",
        "rating": "",
        "rating_rationale": "",
        **_inline_management("aliases", total=1, initial=0),
        "aliases-0-alias": "x" * 301,  # longer than SourceAlias.alias allows
    }
    response = staff_client.post(reverse("admin:credibility_source_change", args=[source.pk]), data)
    assert response.status_code == 200 and b"errorlist" in response.content
    source.refresh_from_db()
    assert source.name == "The Rada" and not source.aliases.exists()
