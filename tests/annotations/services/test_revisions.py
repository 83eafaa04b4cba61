"""Issue 6: revisions, re-anchoring on edit, orphans and re-attaching, ETags, the audit trail."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from annotations.models import Annotation, Article, ArticleRevision, ReviewLog
from annotations.services.annotations import annotation_create, annotation_reattach, annotation_update
from annotations.services.articles import article_create, article_update
from annotations.services.errors import StaleVersionError
from credibility.services.sources import source_update
from tests.annotations.admin.form_data import annotation_admin_form
from tests.annotations.factories import ArticleFactory
from tests.credibility.factories import FactCheckFactory, SourceFactory

pytestmark = pytest.mark.django_db

BODY = "Fans 🎉🇺🇦 cheered in Kyiv. The mayor said taxes will rise by 4%. Critics disagreed."


def _annotate(article: Article, quote: str, **fields) -> Annotation:
    """An annotation over ``quote``; a decided ``status`` is set as a reviewer's decision would be."""
    start = article.body.index(quote)
    status = fields.pop("status", "open")
    annotation = annotation_create(
        article=article, kind=fields.pop("kind", "note"), start=start, end=start + len(quote), **fields
    )
    if status != "open":
        from annotations.services.reviews import review_transition_record
        from tests.annotations.factories import UserFactory

        decider = UserFactory(roles=["reviewer"])
        review_transition_record(annotation=annotation, to_status=status, note="decided", reviewer=decider)
        annotation.save()
    return annotation


@pytest.fixture
def article(annotator):
    return article_create(title="Taxes", body=BODY, created_by=annotator)


# --- revisions ---------------------------------------------------------------------------------


def test_article_create_and_text_updates_store_revisions(article, annotator, reviewer):
    article_update(article=article, body=BODY + " More.", changed_by=reviewer)
    article_update(article=Article.objects.get(pk=article.pk), url="https://example.org/taxes", changed_by=reviewer)
    article_update(article=Article.objects.get(pk=article.pk), title="Taxes rise", changed_by=reviewer)
    revisions = list(ArticleRevision.objects.filter(article=article).order_by("number"))
    assert [(r.number, r.title, r.author) for r in revisions] == [
        (1, "Taxes", annotator),
        (2, "Taxes", reviewer),
        (3, "Taxes rise", reviewer),
    ]
    assert revisions[1].body == BODY + " More." and len(revisions[1].sha256) == 64
    article.refresh_from_db()
    assert (article.revision, article.version) == (3, 4)  # the url change bumped only the version


def test_article_update_without_changes_keeps_version(article):
    article_update(article=article, title="Taxes", body=BODY)
    article.refresh_from_db()
    assert (article.revision, article.version) == (1, 1)


def test_article_update_backfills_the_revision_of_an_article_older_than_revisions():
    article = ArticleFactory(body="Old text.")  # made without the service: no revision row
    article_update(article=article, body="New text.")
    assert list(ArticleRevision.objects.filter(article=article).values_list("number", "body")) == [
        (1, "Old text."),
        (2, "New text."),
    ]


def test_api_revisions_list_and_diff_with_code_point_opcodes(client_for, annotator, article):
    article_update(article=article, body=BODY.replace("🎉🇺🇦", "🎉🎉🇺🇦"), changed_by=annotator)
    article_update(article=Article.objects.get(pk=article.pk), body=BODY.replace("4%", "5%"), changed_by=annotator)
    client = client_for(annotator)
    listed = client.get(f"/api/v1/articles/{article.pk}/revisions/").json()
    assert [r["number"] for r in listed] == [1, 2, 3]
    assert listed[0]["author"]["username"] == annotator.username

    diff = client.get(f"/api/v1/articles/{article.pk}/revisions/diff/", {"from": 1, "to": 2}).json()
    assert diff["from"] == 1 and diff["to"] == 2
    assert "-Fans 🎉🇺🇦" in diff["unified_diff"] and "+Fans 🎉🎉🇺🇦" in diff["unified_diff"]
    changed = [op for op in diff["opcodes"] if op["tag"] != "equal"]
    assert changed == [
        {"tag": "insert", "from_start": 6, "from_end": 6, "to_start": 6, "to_end": 7, "from_text": "", "to_text": "🎉"}
    ]
    latest = client.get(f"/api/v1/articles/{article.pk}/revisions/diff/", {"from": 1}).json()
    assert latest["to"] == 3
    assert client.get(f"/api/v1/articles/{article.pk}/revisions/diff/", {"from": 1, "to": 9}).status_code == 404
    assert client.get(f"/api/v1/articles/{article.pk}/revisions/diff/").status_code == 400


# --- re-anchoring through the service -------------------------------------------------------------


def test_body_edit_shifts_annotations_after_it_and_keeps_them_anchored(article, annotator):
    note = _annotate(article, "taxes will rise", created_by=annotator)
    article_update(article=article, body=BODY.replace("Fans 🎉🇺🇦", "Fans 🎉🎉🎉🇺🇦"))
    note.refresh_from_db()
    article.refresh_from_db()
    assert note.anchor_state == "anchored" and note.version == 2
    assert article.body[note.start : note.end] == "taxes will rise" == note.quote
    assert note.start == BODY.index("taxes will rise") + 2  # two emoji: two code points


def test_body_edit_moving_a_sentence_marks_the_annotation_moved(annotator):
    body = "Alpha opened the session. Beta objected to the budget plan. Gamma closed it."
    article = article_create(title="Session", body=body)
    note = _annotate(article, "Alpha opened the session.", created_by=annotator)
    article_update(article=article, body="Beta objected to the budget plan. Alpha opened the session. Gamma closed it.")
    note.refresh_from_db()
    assert note.anchor_state == "moved" and note.quote == "Alpha opened the session."
    assert Article.objects.get(pk=article.pk).body[note.start : note.end] == note.quote


def test_body_edit_changing_the_quote_orphans_a_human_annotation_and_keeps_its_span(article, annotator):
    note = _annotate(article, "taxes will rise by 4%", created_by=annotator, comment="check")
    start, end = note.start, note.end
    article_update(article=article, body=BODY.replace("taxes will rise by 4%", "taxes will rise by 5%"))
    note.refresh_from_db()
    assert (note.anchor_state, note.start, note.end, note.quote) == ("orphaned", start, end, "taxes will rise by 4%")
    assert note.status == "open"  # changed, not removed: a person decides

    # Other edits of an orphan keep its span; a span edit re-attaches it.
    annotation_update(annotation=note, changed_by=annotator, comment="still to check")
    note.refresh_from_db()
    assert (note.comment, note.anchor_state, note.quote) == ("still to check", "orphaned", "taxes will rise by 4%")


def test_body_edit_deleting_the_text_resolves_the_flag_with_the_revision(article, annotator):
    claim = _annotate(article, "Critics disagreed.", kind="unverified_claim", reason="unsourced", created_by=annotator)
    article_update(article=article, body=BODY.replace(" Critics disagreed.", ""))
    claim.refresh_from_db()
    assert (claim.anchor_state, claim.status, claim.review_note) == (
        "orphaned",
        "resolved",
        "text removed in revision 2",
    )
    log = ReviewLog.objects.get(annotation=claim)
    assert (log.from_status, log.to_status, log.decision, log.reviewer) == ("open", "resolved", "resolve", None)


def test_body_edit_deleting_dismissed_text_keeps_the_decision(article, annotator):
    claim = _annotate(article, "Critics disagreed.", kind="unverified_claim", reason="unsourced", status="dismissed")
    article_update(article=article, body=BODY.replace(" Critics disagreed.", ""))
    claim.refresh_from_db()
    assert (claim.anchor_state, claim.status) == ("orphaned", "dismissed")


def test_annotation_reattach_anchors_an_orphan_to_the_chosen_span(article, annotator, other_annotator):
    note = _annotate(article, "taxes will rise by 4%", created_by=annotator)
    new_body = BODY.replace("taxes will rise by 4%", "taxes may rise by 5%")
    article_update(article=article, body=new_body)
    note.refresh_from_db()
    with pytest.raises(PermissionDenied):
        annotation_reattach(annotation=note, start=0, end=4, changed_by=other_annotator)
    with pytest.raises(ValidationError):
        annotation_reattach(annotation=note, start=0, end=len(new_body) + 1, changed_by=annotator)
    start = new_body.index("taxes may rise by 5%")
    annotation_reattach(annotation=note, start=start, end=start + 20, changed_by=annotator)
    note.refresh_from_db()
    assert (note.anchor_state, note.quote) == ("anchored", "taxes may rise by 5%")
    assert note.prefix.endswith("The mayor said ")


def test_api_reattach_and_anchor_state_in_annotation_json(client_for, annotator, article):
    note = _annotate(article, "Critics disagreed.", created_by=annotator)
    article_update(article=article, body=BODY.replace("Critics disagreed.", "Critics 😀 agreed."))
    client = client_for(annotator)
    data = client.get(f"/api/v1/annotations/{note.pk}/").json()
    assert data["anchor_state"] == "orphaned" and data["quote"] == "Critics disagreed."
    orphans = client.get("/api/v1/annotations/", {"anchor_state": "orphaned"}).json()["results"]
    assert [a["id"] for a in orphans] == [note.pk]
    body = Article.objects.get(pk=article.pk).body
    start = body.index("Critics 😀 agreed.")
    response = client.post(
        f"/api/v1/annotations/{note.pk}/reattach/", {"start": start, "end": start + 17}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["anchor_state"] == "anchored" and response.json()["quote"] == "Critics 😀 agreed."
    stale = client.post(
        f"/api/v1/annotations/{note.pk}/reattach/", {"start": 0, "end": 4}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert stale.status_code == 412


def test_flagged_claim_report_lists_orphans_and_filters_on_anchor_state(client_for, reviewer, article, annotator):
    typo_like = _annotate(article, "Kyiv", created_by=annotator)  # a note: not a flagged kind
    claim = _annotate(article, "taxes will rise by 4%", kind="unverified_claim", reason="unsourced")
    article_update(article=article, body=BODY.replace("Kyiv", "Kiev").replace("rise by 4%", "rise by 6%"))
    client = client_for(reviewer)
    rows = client.get("/api/v1/reports/flagged-claims/", {"anchor_state": "orphaned"}).json()["results"]
    assert {r["id"] for r in rows} == {typo_like.pk, claim.pk}
    assert all(
        r["anchor_state"] == "orphaned" and r["context"]["quote"] in ("Kyiv", "taxes will rise by 4%") for r in rows
    )
    assert client.get("/api/v1/reports/flagged-claims/", {"anchor_state": "anchored"}).json()["results"] == []


# --- optimistic concurrency -----------------------------------------------------------------------


def test_annotation_etag_if_match_428_412_and_success(client_for, annotator, article):
    note = _annotate(article, "Kyiv", created_by=annotator)
    client = client_for(annotator)
    response = client.get(f"/api/v1/annotations/{note.pk}/")
    assert response["ETag"] == '"1"'
    missing = client.patch(f"/api/v1/annotations/{note.pk}/", {"comment": "a"}, format="json")
    assert missing.status_code == 428 and "If-Match" in missing.json()["detail"]
    ok = client.patch(
        f"/api/v1/annotations/{note.pk}/", {"comment": "a"}, format="json", HTTP_IF_MATCH=response["ETag"]
    )
    assert ok.status_code == 200 and ok["ETag"] == '"2"'
    stale = client.patch(f"/api/v1/annotations/{note.pk}/", {"comment": "b"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412 and stale.json()["current_version"] == 2 and stale["ETag"] == '"2"'
    weak = client.put(
        f"/api/v1/annotations/{note.pk}/",
        {"kind": "note", "start": note.start, "end": note.end, "comment": "c"},
        format="json",
        HTTP_IF_MATCH='W/"2"',
    )
    assert weak.status_code == 200, weak.content
    assert (
        client.patch(
            f"/api/v1/annotations/{note.pk}/", {"comment": "d"}, format="json", HTTP_IF_MATCH="abc"
        ).status_code
        == 400
    )
    note.refresh_from_db()
    assert (note.comment, note.version) == ("c", 3)


def test_article_etag_if_match(client_for, annotator, article):
    client = client_for(annotator)
    response = client.get(f"/api/v1/articles/{article.pk}/")
    assert response["ETag"] == '"1"' and response.json()["version"] == 1
    assert client.patch(f"/api/v1/articles/{article.pk}/", {"byline": "A"}, format="json").status_code == 428
    ok = client.patch(f"/api/v1/articles/{article.pk}/", {"byline": "A"}, format="json", HTTP_IF_MATCH='"1"')
    assert ok.status_code == 200 and ok["ETag"] == '"2"'
    stale = client.patch(f"/api/v1/articles/{article.pk}/", {"byline": "B"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412 and stale.json()["current_version"] == 2
    assert Article.objects.get(pk=article.pk).byline == "A"


def test_article_update_with_stale_expected_version_raises(article):
    with pytest.raises(StaleVersionError):
        article_update(article=article, byline="x", expected_version=7)


def test_edit_after_reanchoring_needs_the_new_version(client_for, annotator, article):
    """Re-anchoring changes offsets, so a client holding the old ETag must reload first."""
    note = _annotate(article, "Critics", created_by=annotator)
    article_update(article=article, body="Intro. " + BODY)
    response = client_for(annotator).patch(
        f"/api/v1/annotations/{note.pk}/", {"comment": "x"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 412


def test_admin_stale_article_form_is_an_error_not_an_overwrite(staff_client, article):
    url = reverse("admin:annotations_article_change", args=[article.pk])
    form = staff_client.get(url).context["adminform"].form
    assert form.initial.get("loaded_version") == 1 or form.fields["loaded_version"].initial == 1
    article_update(article=article, byline="Someone else")  # saved meanwhile: now version 2
    data = {
        "title": article.title,
        "body": BODY,
        "url": "",
        "outlet": "",
        "byline": "Mine",
        "published_at_0": "",
        "published_at_1": "",
        "language": "en",
        "low_value_flag_limit": "3",
        "loaded_version": "1",
        "annotations-TOTAL_FORMS": "0",
        "annotations-INITIAL_FORMS": "0",
        "annotations-MIN_NUM_FORMS": "0",
        "annotations-MAX_NUM_FORMS": "1000",
        "authors-TOTAL_FORMS": "0",
        "authors-INITIAL_FORMS": "0",
        "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "1000",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "changed since version 1" in response.content.decode()
    assert Article.objects.get(pk=article.pk).byline == "Someone else"


def test_admin_lists_filters_and_reattaches_orphans(staff_client, article, annotator):
    note = _annotate(article, "Critics disagreed.", created_by=annotator)
    article_update(article=article, body=BODY.replace("Critics disagreed.", "Critics agreed."))
    changelist = reverse("admin:annotations_annotation_changelist")
    page = staff_client.get(changelist, {"anchor_state__exact": "orphaned"})
    assert page.status_code == 200 and "Critics disagreed." in page.content.decode()
    url = reverse("admin:annotations_annotation_change", args=[note.pk])
    note.refresh_from_db()
    body = Article.objects.get(pk=article.pk).body
    start = body.index("Critics agreed.")
    data = {
        **annotation_admin_form(
            kind="note",
            start=str(start),
            end=str(start + len("Critics agreed.")),
            quote=note.quote,
            loaded_version=str(note.version),
        ),
        "review_logs-TOTAL_FORMS": "0",
        "review_logs-INITIAL_FORMS": "0",
        "review_logs-MIN_NUM_FORMS": "0",
        "review_logs-MAX_NUM_FORMS": "1000",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    note.refresh_from_db()
    assert (note.anchor_state, note.quote) == ("anchored", "Critics agreed.")
    history = staff_client.get(reverse("admin:annotations_annotation_history", args=[note.pk]))
    assert history.status_code == 200


# --- audit trail ---------------------------------------------------------------------------------


def test_history_endpoints_show_who_when_and_which_fields(client_for, staff, annotator, article):
    note = _annotate(article, "Kyiv", created_by=annotator)
    client = client_for(annotator)
    client.patch(f"/api/v1/annotations/{note.pk}/", {"comment": "city"}, format="json", HTTP_IF_MATCH='"1"')
    rows = client.get(f"/api/v1/annotations/{note.pk}/history/").json()["results"]
    assert rows[0]["type"] == "changed" and rows[0]["user"]["username"] == annotator.username
    assert {"comment", "version"} <= set(rows[0]["changed_fields"])
    assert rows[-1]["type"] == "created"

    client.patch(f"/api/v1/articles/{article.pk}/", {"title": "New"}, format="json", HTTP_IF_MATCH='"1"')
    rows = client.get(f"/api/v1/articles/{article.pk}/history/").json()["results"]
    assert {"title", "revision", "version"} <= set(rows[0]["changed_fields"])
    assert rows[0]["user"]["username"] == annotator.username

    source = SourceFactory(rating=40)
    source_update(source=source, changed_by=staff, rating=75)
    rows = client.get(f"/api/v1/sources/{source.pk}/history/").json()["results"]
    rating = next(c for c in rows[0]["changes"] if c["field"] == "rating")
    assert (rating["old"], rating["new"]) == (40, 75)

    factcheck = FactCheckFactory()
    staff_client = client_for(staff)
    response = staff_client.patch(f"/api/v1/factchecks/{factcheck.pk}/", {"verdict": "true"}, format="json")
    assert response.status_code == 200, response.content
    rows = staff_client.get(f"/api/v1/factchecks/{factcheck.pk}/history/").json()["results"]
    assert "verdict" in rows[0]["changed_fields"]
    assert rows[0]["user"]["username"] == staff.username


# --- the seed article ------------------------------------------------------------------------------

SEEDS = Path(settings.BASE_DIR) / "seeds"


def test_fixing_wasfollowed_in_the_seed_resolves_the_typo_and_keeps_every_other_review(
    django_capture_on_commit_callbacks, reviewer
):
    from annotations.services.reviews import annotation_review

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_seeds", stdout=io.StringIO(), stderr=io.StringIO())
    record = json.loads((SEEDS / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    article = Article.objects.get(body=record["text"])
    typo = article.annotations.get(kind="typo", quote="wasfollowed")
    others = list(article.annotations.exclude(pk=typo.pk).order_by("start", "id"))
    assert len(others) >= 6
    # Reviewers decide some of the other flags first.
    for index, annotation in enumerate(others[:6]):
        annotation_review(annotation=annotation, decision="confirm" if index % 2 else "dismiss", reviewer=reviewer)
    before = {a.pk: (a.status, a.quote) for a in article.annotations.exclude(pk=typo.pk)}

    with django_capture_on_commit_callbacks(execute=True):
        article_update(article=article, body=record["text"].replace("wasfollowed", "was followed"), changed_by=reviewer)

    typo.refresh_from_db()
    assert (typo.status, typo.anchor_state, typo.review_note) == ("resolved", "orphaned", "corrected in revision 2")
    assert ReviewLog.objects.filter(annotation=typo, to_status="resolved", note="corrected in revision 2").exists()
    article.refresh_from_db()
    after = {a.pk: a for a in article.annotations.all()}
    for pk, (status, quote) in before.items():
        assert pk in after, f"annotation {pk} ({quote!r}) disappeared"
        assert after[pk].status == status, (quote, status, after[pk].status)
        assert after[pk].quote == quote
        if after[pk].anchor_state != "orphaned":
            assert article.body[after[pk].start : after[pk].end] == quote
    # The analysis of the new revision was incremental: only the edited sentence was synced.
    run = article.analysis_runs.order_by("-id").first()
    assert run.state == "done" and run.article_revision == 2
    synced = run.counts["synced_ranges"]
    assert synced and all(start <= article.body.index("was followed") < end for start, end in synced)
    assert not article.annotations.filter(kind="typo", quote="was followed").exists()
