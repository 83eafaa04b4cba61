"""CSV for people (issue 22, item 5): an optional UTF-8 byte order mark (``?bom=1``, set by the
admin's download link), one header style (snake_case) in every CSV, and every export sent as a
download with a file name."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.annotations.factories import AnnotationFactory, ArticleFactory, machine_flag
from tests.credibility.factories import FactCheckFactory, SourceFactory

pytestmark = pytest.mark.django_db

BOM = "\ufeff".encode()
SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
REPORT = "/api/v1/reports/flagged-claims/"
SUMMARY = "/api/v1/reports/flagged-claims/summary/"


@pytest.fixture
def article():
    outlet = SourceFactory(name="Gazeta Łódzka", kind="outlet")
    article = ArticleFactory(
        body="Crime fell by 20% in Łódź last year, experts say. The mayor said ‘more police’ helped.",
        title="Łódź crime — a report",
        outlet=outlet,
        url="https://news.example.org/lodz",
    )
    machine_flag(article, "Crime fell by 20% in Łódź last year, experts say.")
    AnnotationFactory(
        article=article,
        kind="contradicted_claim",
        status="confirmed",
        start=0,
        end=5,
        evidence_factcheck=FactCheckFactory(),
        source=SourceFactory(name="Żaneta Nowak", kind="person"),
    )
    return article


def _downloads(client, article_id):
    return {
        "article export": client.get(f"/api/v1/articles/{article_id}/export/?format=csv"),
        "flagged-claim report": client.get(REPORT, {"format": "csv"}),
        "flagged-claim summary": client.get(SUMMARY, {"format": "csv"}),
    }


def _with_bom(client, article_id, value="1"):
    return {
        "article export": client.get(f"/api/v1/articles/{article_id}/export/", {"format": "csv", "bom": value}),
        "flagged-claim report": client.get(REPORT, {"format": "csv", "bom": value}),
        "flagged-claim summary": client.get(SUMMARY, {"format": "csv", "bom": value}),
    }


def test_bom_is_optional_and_the_rest_of_the_file_is_unchanged(client_for, reviewer, article):
    client = client_for(reviewer)
    plain = _downloads(client, article.pk)
    marked = _with_bom(client, article.pk)
    for where, response in plain.items():
        assert response.status_code == 200, where
        assert not response.content.startswith(BOM), where
        assert marked[where].status_code == 200, where
        assert marked[where].content == BOM + response.content, where
        # A spreadsheet-style reader (utf-8-sig) sees the same header and the same non-ASCII text.
        rows = list(csv.DictReader(io.StringIO(marked[where].content.decode("utf-8-sig"))))
        assert rows and list(rows[0])[0] in ("id", "group"), where
    assert "Żaneta Nowak" in marked["article export"].content.decode("utf-8-sig")
    for where, response in _with_bom(client, article.pk, value="0").items():
        assert not response.content.startswith(BOM), where


def test_bom_never_prefixes_an_error_body(client_for, reviewer):
    response = client_for(reviewer).get("/api/v1/articles/999999/export/", {"format": "csv", "bom": "1"})
    assert response.status_code == 404
    assert not response.content.startswith(BOM)


def test_every_csv_uses_snake_case_headers(client_for, reviewer, article):
    for where, response in _downloads(client_for(reviewer), article.pk).items():
        header = next(csv.reader(io.StringIO(response.content.decode())))
        assert header, where
        assert [h for h in header if not SNAKE_CASE.fullmatch(h)] == [], where
    report = next(
        csv.DictReader(
            io.StringIO(_downloads(client_for(reviewer), article.pk)["flagged-claim report"].content.decode())
        )
    )
    assert report["article_title"] == "Łódź crime — a report" and report["article_outlet_name"] == "Gazeta Łódzka"


@pytest.mark.parametrize(
    ("path", "params", "filename"),
    [
        ("/api/v1/articles/{id}/export/", {"format": "csv"}, "article-{id}-annotations.csv"),
        ("/api/v1/articles/{id}/export/", {"format": "w3c"}, "article-{id}-annotations.jsonld"),
        ("/api/v1/articles/{id}/export/", {"format": "claimreview"}, "article-{id}-claimreview.jsonld"),
        (REPORT, {"format": "csv"}, "flagged-claims.csv"),
        (SUMMARY, {"format": "csv"}, "flagged-claims-summary.csv"),
    ],
)
def test_every_export_is_a_named_download(client_for, reviewer, article, path, params, filename):
    response = client_for(reviewer).get(path.format(id=article.pk), params)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{filename.format(id=article.pk)}"'


def test_the_admin_download_link_asks_for_a_bom(staff_client, article):
    page = staff_client.get("/admin/credibility/flagged-claim-report/")
    assert page.status_code == 200
    link = re.search(r'href="([^"]*format=csv[^"]*)"', page.content.decode())
    assert link is not None
    url = link.group(1).replace("&amp;", "&")
    assert "bom=1" in url.split("?", 1)[1].split("&")
    assert staff_client.get(url).content.startswith(BOM)


def test_flag_report_command_writes_the_same_snake_case_csv_with_an_optional_bom(article):
    from django.core.management import call_command

    plain, marked = io.StringIO(), io.StringIO()
    call_command("flag_report", "--format", "csv", stdout=plain)
    call_command("flag_report", "--format", "csv", "--bom", stdout=marked)
    assert not plain.getvalue().startswith("\ufeff")
    assert marked.getvalue() == "\ufeff" + plain.getvalue()
    header = next(csv.reader(io.StringIO(plain.getvalue())))
    assert "article_title" in header and all(SNAKE_CASE.fullmatch(h) for h in header)
