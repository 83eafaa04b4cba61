"""Issue 15: no web request does unbounded work. Each hostile request of the issue is sent here and
its behaviour asserted (refused with a clear 4xx, queued as a job, or completed without the
expensive step). CPU time is measured by ``manage.py bench --stage anchoring``, not here.
"""

from __future__ import annotations

import random
from unittest import mock

import pytest
from django.test import override_settings

from annotations.models import Annotation, Article
from annotations.services.annotations import annotation_create
from annotations.services.articles import article_create, article_update
from credibility.retrieval.statements import sentence_bounds_store
from tests.annotations.factories import AnnotationFactory, ArticleFactory
from tests.credibility.factories import SourceFactory

pytestmark = pytest.mark.django_db

WORDS = (
    "the council said taxes will rise by four percent next year according to officials who spoke "
    "on Tuesday after a long debate in parliament about the budget and the harbour bridge"
).split()


def prose(length: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < length:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + ". "
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts)[:length].rstrip() + "."


def scattered_edits(body: str, count: int = 20, seed: int = 2) -> str:
    rng = random.Random(seed)
    step = len(body) // count
    pieces, at = [], 0
    for i in range(count):
        cut = i * step + rng.randrange(step // 4, step // 2)
        pieces.append(body[at:cut] + f" edited{i} ")
        at = cut + 5
    return "".join(pieces) + body[at:]


# --- W3C import -----------------------------------------------------------------------------------


def _item(exact: str, prefix: str, suffix: str) -> dict:
    return {
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": "note", "purpose": "commenting"}],
        "target": {"selector": [{"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}]},
    }


def test_adversarial_w3c_import_is_answered_without_anchoring_every_occurrence(client_for, annotator):
    # The request: 10 items, quote "ab", 300-character prefix and suffix, a body of "ab " repeated.
    article = ArticleFactory(body=("ab " * 66_000).strip())
    items = [_item("ab", "ab " * 100, " ab" * 100) for _ in range(10)]
    with mock.patch("credibility.formats.w3c._context_score", side_effect=AssertionError("scored every occurrence")):
        response = client_for(annotator).post(f"/api/v1/articles/{article.pk}/import/", items, format="json")
    assert response.status_code == 200, response.content[:500]
    result = response.json()
    assert result["created"] == [] and [r["code"] for r in result["refused"]] == ["unanchored"] * 10
    assert "occurs more than" in result["refused"][0]["reason"]
    assert not Annotation.objects.filter(article=article).exists()


def test_w3c_import_context_is_compared_over_32_characters():
    from credibility.formats import w3c

    body = "x" * 100 + "A" * 40 + "quote" + "B" * 40 + " " + "y" * 100 + "A" * 40 + "quote" + "C" * 40
    # Beyond 32 characters the prefix no longer counts; the suffix tells the two apart.
    found = w3c.anchor(body, position=None, exact="quote", prefix="z" * 300 + "A" * 40, suffix="B" * 300)
    assert (found.start, found.method) == (140, "quote+context")
    tie = w3c.anchor(body, position=None, exact="quote", prefix="A" * 300, suffix="")
    assert not tie.anchored and "ambiguous" in tie.problem


def test_w3c_import_over_the_item_limit_is_refused(client_for, annotator):
    article = ArticleFactory()
    with override_settings(W3C_IMPORT_MAX_ITEMS=5):
        response = client_for(annotator).post(
            f"/api/v1/articles/{article.pk}/import/", [_item("council", "", "")] * 6, format="json"
        )
    assert response.status_code == 400
    assert "W3C_IMPORT_MAX_ITEMS" in response.content.decode()


def test_large_w3c_import_runs_as_a_job_with_progress(client_for, annotator, django_capture_on_commit_callbacks):
    body = " ".join(f"word{i} is here." for i in range(40))
    article = ArticleFactory(body=body)
    items = [_item(f"word{i} is", "", "") for i in range(30)]
    client = client_for(annotator)
    with override_settings(W3C_IMPORT_SYNC_MAX_ITEMS=10):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = client.post(f"/api/v1/articles/{article.pk}/import/", items, format="json")
        assert response.status_code == 202, response.content[:500]
        job = response.json()
        assert job["state"] == "pending" and job["total"] == 30 and job["done"] == 0
        assert response["Location"] == job["url"]
        assert not Annotation.objects.filter(article=article).exists()  # nothing done in the request
        for callback in callbacks:  # what the worker does (the test settings run tasks eagerly)
            callback()
    done = client.get(job["url"]).json()
    assert done["state"] == "done" and done["done"] == 30 and done["progress"] == 1.0
    assert len(done["result"]["created"]) == 30
    assert Annotation.objects.filter(article=article).count() == 30
    assert client.get(f"/api/v1/articles/{article.pk}/import/jobs/nosuchjob/").status_code == 404


# --- HTML input -------------------------------------------------------------------------------------


def test_html_of_many_paragraphs_is_refused_before_extraction(client_for, annotator):
    paragraph = "<p>" + prose(400) + "</p>\n"
    html = "<html><body><article>" + paragraph * (4_500_000 // len(paragraph)) + "</article></body></html>"
    with mock.patch("lxml.html.document_fromstring", side_effect=AssertionError("parsed")):
        response = client_for(annotator).post("/api/v1/articles/", {"title": "T", "html": html}, format="json")
    assert response.status_code == 413, response.content[:500]
    assert "refused before extraction" in response.content.decode()
    assert not Article.objects.exists()


def test_html_tag_with_very_many_attributes_is_cut_before_parsing(client_for, annotator):
    attributes = " ".join(f'data-a{i}="v"' for i in range(200_000))
    text = prose(600)
    html = f"<html><head><title>Many attributes</title></head><body><article><div {attributes}><p>{text}</p></div></article></body></html>"
    response = client_for(annotator).post("/api/v1/articles/", {"html": html}, format="json")
    assert response.status_code == 201, response.content[:500]
    assert Article.objects.get().body.startswith(text[:100])


@pytest.mark.parametrize("markup", ["<p></p>", "<div><span></span></div>", "<br>"])
def test_html_of_very_many_empty_elements_is_refused_before_extraction(client_for, annotator, markup):
    html = (
        "<html><body>" + markup * (3_000_000 // len(markup)) + f"<article><p>{prose(800)}</p></article></body></html>"
    )
    with mock.patch("lxml.html.document_fromstring", side_effect=AssertionError("parsed")):
        response = client_for(annotator).post("/api/v1/articles/", {"title": "T", "html": html}, format="json")
    assert response.status_code == 413, response.content[:300]
    assert "elements" in response.content.decode()


def test_html_attribute_values_of_megabytes_are_emptied_before_parsing():
    from annotations.text.html import html_extract

    image = '<img src="data:image/png;base64,' + "A" * 3_000_000 + '" alt="x">'
    page = html_extract(
        f"<html><head><title>T</title></head><body>{image}<article><p>{prose(800)}</p></article></body></html>"
    )
    assert page.text.startswith(prose(800)[:100])


@pytest.mark.parametrize("element", ["style", "script", "noscript", "template"])
def test_html_with_megabytes_of_invisible_text_is_parsed_without_it(element):
    from annotations.text.html import html_extract

    hidden = f"<{element}>" + "word and more words " * 200_000 + f"</{element}>"
    ld = '<script type="application/ld+json">{"datePublished": "2024-03-12T08:30:00Z"}</script>'
    page = html_extract(
        f"<html><head><title>T</title>{ld}</head><body>{hidden}<article><p>{prose(800)}</p></article></body></html>",
        max_text_chars=400_000,
    )
    assert page.text.startswith(prose(800)[:100]) and "more words" not in page.text
    assert page.published_at is not None and page.published_at.year == 2024  # JSON-LD is kept


def test_cap_attributes_keeps_the_first_ones():
    from annotations.text.html import MAX_ATTRIBUTES, _cap_attributes, html_text_estimate

    tag = "<div " + " ".join(f'a{i}="x y"' for i in range(1000)) + ">"
    capped = _cap_attributes(tag + "text</div>")
    assert (
        capped.count("=") == MAX_ATTRIBUTES
        and capped.startswith('<div a0="x y" a1="x y"')
        and capped.endswith(">text</div>")
    )
    assert html_text_estimate("<p>a  b</p><script>var x = '<p>long</p>';</script> c") == len(" a b c")


# --- revisions diff and edits -------------------------------------------------------------------------


def test_edit_of_a_200k_article_reanchors_and_its_diff_is_served_from_the_cache(client_for, annotator, reviewer):
    body = prose(199_000)
    article = article_create(title="Long", body=body, created_by=annotator)
    quotes = []
    for n in range(1, 30):
        start = body.index(" ", n * 6_000) + 1
        end = body.index(" ", start + 12)
        quotes.append(body[start:end])
        annotation_create(article=article, kind="note", start=start, end=end, comment="c", created_by=annotator)
    new_body = scattered_edits(body)
    client = client_for(annotator)
    article.refresh_from_db()
    response = client.patch(
        f"/api/v1/articles/{article.pk}/", {"body": new_body}, format="json", HTTP_IF_MATCH=f'"{article.version}"'
    )
    assert response.status_code == 200, response.content[:500]
    for annotation in Annotation.objects.filter(article=article):
        if annotation.anchor_state != "orphaned":
            assert new_body[annotation.start : annotation.end] == annotation.quote
    assert Annotation.objects.filter(article=article).exclude(anchor_state="orphaned").count() >= 25
    # The edit's own diff was stored when it was saved: the read computes nothing.
    with mock.patch("annotations.text.anchoring.text_opcodes", side_effect=AssertionError("diff computed on a read")):
        diff = client_for(reviewer).get(f"/api/v1/articles/{article.pk}/revisions/diff/", {"from": 1, "to": 2})
    assert diff.status_code == 200
    rebuilt = []
    for op in diff.json()["opcodes"]:
        rebuilt.append(body[op["from_start"] : op["from_end"]] if op["tag"] == "equal" else op["to_text"])
    assert "".join(rebuilt) == new_body


def test_revision_diff_is_computed_once_then_cached(client_for, annotator):
    article = article_create(title="T", body=prose(5_000), created_by=annotator)
    article_update(article=article, title="T2")
    article = Article.objects.get(pk=article.pk)
    article_update(article=article, body=article.body + " More.")
    client = client_for(annotator)
    first = client.get(f"/api/v1/articles/{article.pk}/revisions/diff/", {"from": 1, "to": 3})
    assert first.status_code == 200 and first.json()["title_changed"]
    with mock.patch("annotations.text.anchoring.text_opcodes", side_effect=AssertionError("computed again")):
        again = client.get(f"/api/v1/articles/{article.pk}/revisions/diff/", {"from": 1, "to": 3})
    assert again.json() == first.json()


def test_reanchoring_plan_made_outside_the_lock_is_redone_when_the_body_changed_meanwhile(annotator):
    body = "Alpha opened the session. Beta objected to the plan. Gamma closed it."
    article = article_create(title="T", body=body, created_by=annotator)
    start = body.index("Gamma")
    note = annotation_create(
        article=article, kind="note", start=start, end=start + 5, comment="c", created_by=annotator
    )
    stale = Article.objects.get(pk=article.pk)
    # Someone else saves first: the stale copy's plan describes an edit of a body that is gone.
    article_update(article=Article.objects.get(pk=article.pk), body="Intro. " + body)
    from annotations.text import anchoring

    with mock.patch.object(anchoring, "text_opcodes", wraps=anchoring.text_opcodes) as diffs:
        article_update(article=stale, body=body.replace("Alpha", "Alfa"))
    assert [call.args for call in diffs.call_args_list] == [
        (body, body.replace("Alpha", "Alfa")),  # the plan, before the lock
        ("Intro. " + body, body.replace("Alpha", "Alfa")),  # redone under the lock against the current body
    ]
    note.refresh_from_db()
    current = Article.objects.get(pk=article.pk).body
    assert current == body.replace("Alpha", "Alfa")
    assert current[note.start : note.end] == "Gamma" and note.anchor_state == "anchored"


# --- reads of a hostile article --------------------------------------------------------------------


def test_credibility_and_report_reads_of_a_hostile_article_use_stored_sentences(client_for, reviewer):
    body = "?!" * 20_000
    article = ArticleFactory(body=body)
    for n in range(5):
        AnnotationFactory(
            article=article,
            kind="unverified_claim",
            start=n * 100,
            end=n * 100 + 4,
            origin="machine",
            detector="bench@1",
            reason="unsourced",
            source=SourceFactory(),
        )
    sentence_bounds_store(
        article_id=article.pk, sha=article.body_sha256, bounds=tuple((i, i + 2) for i in range(0, len(body), 2))
    )
    client = client_for(reviewer)
    with mock.patch(
        "credibility.retrieval.statements.sentence_bounds_build", side_effect=AssertionError("segmented on a read")
    ):
        credibility = client.get(f"/api/v1/articles/{article.pk}/credibility/")
        report = client.get("/api/v1/reports/flagged-claims/")
    assert credibility.status_code == 200, credibility.content[:300]
    assert report.status_code == 200, report.content[:300]
    rows = report.json()["results"]
    assert rows and rows[0]["context"]["quote"] == "?!?!"


def test_analysis_stores_the_sentence_bounds_it_read(annotator, django_capture_on_commit_callbacks):
    from credibility.models import ArticleStatementIndex
    from credibility.retrieval.statements import SENTENCE_SCHEME, article_sentence_bounds, sentence_bounds_build

    body = "The council met on Tuesday. Taxes will rise by 4%, the mayor said. Nobody objected."
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="T", body=body, created_by=annotator)
    row = ArticleStatementIndex.objects.get(article=article)
    assert row.sentences_key == f"{SENTENCE_SCHEME}:{article.body_sha256}"
    with mock.patch("credibility.retrieval.statements.sentence_bounds_build", side_effect=AssertionError("segmented")):
        stored = article_sentence_bounds({article.pk: (article.body_sha256, body)})[article.pk]
    assert stored == sentence_bounds_build(body) and len(stored) == 3
