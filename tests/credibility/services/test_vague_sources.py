"""Source hygiene: unnamed speakers are labels on annotations, never Source rows; a new source's kind is asked."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from annotations.admin.rendering import annotator_config
from annotations.models import Annotation
from credibility.models import Source
from credibility.services.analysis import analysis_run_execute
from credibility.services.sources import source_create, source_update
from tests.annotations.factories import ArticleFactory
from tests.credibility.factories import AnalysisRunFactory, SourceFactory

pytestmark = pytest.mark.django_db

BODY = (
    "The bridge will close for repairs next month, officials said. Sources close to the council said the cost "
    "had doubled to 4 million pounds. Mayor Anna Kovacs said the closure was unavoidable."
)


def test_analysis_keeps_vague_speakers_as_labels_and_named_ones_as_sources():
    run = AnalysisRunFactory(article=ArticleFactory(body=BODY))
    analysis_run_execute(run_id=run.pk)
    assert not Source.objects.filter(kind="vague").exists()
    attributions = Annotation.objects.filter(article=run.article, kind="source_attribution")
    labels = {a.quote: a.vague_source for a in attributions if a.source_id is None}
    assert labels == {
        "officials said": "officials",
        "Sources close to the council said": "sources close to the council",
    }
    named = [a.source.name for a in attributions if a.source_id is not None]
    assert named and all(Source.objects.get(name=name).kind != "vague" for name in named)
    # The vague-source flags carry the same label, so the report can show who was cited.
    flags = Annotation.objects.filter(article=run.article, kind="unverified_claim", reason="vague_source")
    assert {f.vague_source for f in flags} == {"officials", "sources close to the council"}
    assert all(f.source_id is None for f in flags)


def test_the_api_shows_the_label(client_for, annotator):
    run = AnalysisRunFactory(article=ArticleFactory(body=BODY))
    analysis_run_execute(run_id=run.pk)
    annotations = client_for(annotator).get(f"/api/v1/articles/{run.article_id}/").json()["annotations"]
    officials = next(a for a in annotations if a["quote"] == "officials said")
    assert (officials["source"], officials["vague_source"]) == (None, "officials")


def test_an_editor_can_label_an_annotation_with_a_vague_source(client_for, annotator):
    article = ArticleFactory(body=BODY)
    start = BODY.index("officials said")
    response = client_for(annotator).post(
        "/api/v1/annotations/",
        {
            "article": article.pk,
            "kind": "source_attribution",
            "start": start,
            "end": start + 14,
            "vague_source": "officials",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["vague_source"] == "officials"
    assert Annotation.objects.get(pk=response.json()["id"]).vague_source == "officials"


def test_a_source_cannot_be_created_without_a_kind_or_as_vague(client_for, staff):
    client = client_for(staff)
    missing = client.post("/api/v1/sources/", {"name": "Two councillors"}, format="json")
    assert missing.status_code == 400
    assert "kind" in missing.json()
    vague = client.post("/api/v1/sources/", {"name": "officials", "kind": "vague"}, format="json")
    assert vague.status_code == 400
    assert "vague_source" in vague.json()["kind"][0]
    made = client.post("/api/v1/sources/", {"name": "Two councillors", "kind": "organization"}, format="json")
    assert made.status_code == 201 and made.json()["kind"] == "organization"
    assert not Source.objects.filter(kind="vague").exists()
    with pytest.raises(ValidationError):
        source_update(source=Source.objects.get(name="Two councillors"), kind="vague")
    with pytest.raises(ValidationError):
        source_create(name="experts", kind="vague")


def test_the_admin_add_form_asks_for_the_kind(staff_client):
    page = staff_client.get(reverse("admin:credibility_source_add")).content.decode()
    assert '<option value="" selected>---------</option>' in page
    assert 'value="vague"' not in page
    response = staff_client.post(reverse("admin:credibility_source_add"), {"name": "Two councillors", "kind": ""})
    assert response.status_code == 200  # the form again, with its error
    assert "This field is required" in response.content.decode()
    assert not Source.objects.filter(name="Two councillors").exists()


def test_the_annotator_panel_offers_the_kinds_of_a_new_source(rf, staff):
    request = rf.get("/")
    request.user = staff
    kinds = [k["value"] for k in annotator_config(request=request, article=ArticleFactory())["source_kinds"]]
    assert kinds == ["person", "organization", "outlet", "government_body", "document"]


def test_the_outlet_filter_lists_outlets_only(staff_client):
    herald = SourceFactory(name="The Herald", kind="outlet")
    SourceFactory(name="Anna Kovacs", kind="person")
    SourceFactory(name="officials", kind="vague")
    SourceFactory(name="City Council", kind="organization")
    wire = SourceFactory(name="Wire Service", kind="organization")  # an organisation some article names as outlet
    ArticleFactory(outlet=wire)
    page = staff_client.get(reverse("admin:annotations_article_changelist")).content.decode()
    listed = page[page.index("By outlet") :]
    listed = listed[: listed.index("</details>") if "</details>" in listed else listed.index("</ul>")]
    assert "The Herald" in listed and "Wire Service" in listed
    assert "Anna Kovacs" not in listed and "officials" not in listed and "City Council" not in listed
    assert f"outlet__id__exact={herald.pk}" in listed


@pytest.mark.django_db(transaction=True)
def test_migration_turns_vague_sources_into_labels_and_keeps_curated_ones(migrator):
    before = [
        ("annotations", "0013_article_language_origin_notice_annotation_vague_source"),
        ("credibility", "0011_analysisrun_language_skipped_detectors"),
    ]
    after = [("credibility", "0012_vague_sources_to_annotation_labels")]
    executor = migrator()
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldSource = old.get_model("credibility", "Source")
    OldAnnotation = old.get_model("annotations", "Annotation")
    officials = OldSource.objects.create(name="officials", normalized_name="officials", kind="vague")
    experts = OldSource.objects.create(
        name="experts", normalized_name="experts", kind="vague", rating=40, rating_rationale="rated by the desk"
    )
    person = OldSource.objects.create(name="Anna Kovacs", normalized_name="anna kovacs", kind="person")
    article = old.get_model("annotations", "Article").objects.create(title="t", body=BODY, body_sha256="0" * 64)

    def attribution(quote, source):
        start = BODY.index(quote)
        return OldAnnotation.objects.create(
            article=article, kind="source_attribution", start=start, end=start + len(quote), quote=quote, source=source
        ).pk

    by_officials = attribution("officials said", officials)
    by_experts = attribution("Sources close to the council said", experts)
    by_person = attribution("Mayor Anna Kovacs said", person)

    executor = migrator()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    Source_, Annotation_ = new.get_model("credibility", "Source"), new.get_model("annotations", "Annotation")
    rows = {a.pk: (a.source_id, a.vague_source) for a in Annotation_.objects.all()}
    assert rows[by_officials] == (None, "officials")
    assert rows[by_experts] == (None, "experts")
    assert rows[by_person] == (person.pk, "")
    assert not Source_.objects.filter(pk=officials.pk).exists()  # nothing but a name: now a label
    assert Source_.objects.get(pk=experts.pk).rating == 40  # curated: kept, rating and all

    # Reversible: the labels become vague Sources again, linked as before.
    executor = migrator()
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    restored = old.get_model("annotations", "Annotation").objects.get(pk=by_officials)
    assert restored.source.name == "officials" and restored.source.kind == "vague"
    assert old.get_model("annotations", "Annotation").objects.get(pk=by_experts).source_id == experts.pk


def test_the_article_page_names_the_unnamed_source(staff_client):
    run = AnalysisRunFactory(article=ArticleFactory(body=BODY))
    analysis_run_execute(run_id=run.pk)
    page = staff_client.get(reverse("admin:annotations_article_change", args=[run.article_id])).content.decode()
    assert "unnamed source: officials" in page


def test_the_unstored_annotation_json_carries_the_label_too():
    from credibility.analysis.pipeline import analyze_text, finding_to_json

    items = [finding_to_json(f) for f in analyze_text(text=BODY, budget_seconds=None).findings]
    officials = next(i for i in items if i["quote"] == "officials said")
    assert officials["vague_source"] == "officials"
    assert officials["source"] == {"id": None, "name": "officials", "kind": "vague"}  # as the scorer reads it
    assert all(i["vague_source"] == "" for i in items if i["source"] and i["source"]["kind"] != "vague")
