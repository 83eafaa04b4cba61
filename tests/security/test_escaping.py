"""Article text is data, never markup or formulas, wherever it is shown.

One hostile article (script tags, event handlers, ``javascript:`` links and URL, HTML in the
title, an annotation comment, a source name, a fact-check claim and a review note) is rendered
by every admin page that shows it, the flagged-claim report page and every export; none may
carry the markup through unescaped. Every CSV export must neutralise cells a spreadsheet would
run as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from annotations.models import Annotation
from annotations.services.articles import article_create
from tests.credibility.factories import FactCheckFactory, SourceFactory

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
IMG = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(2)">click</a>'
TITLE = f"Budget {SCRIPT} news"
BODY = f'Taxes rose 40% last year. =HYPERLINK("http://evil.example") {SCRIPT} said {IMG} and {LINK}. +1 @SUM(A1) -2'
RAW_MARKERS = ("<script>alert", "<img src=x onerror", 'href="javascript:', '<a href="javascript')
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _span(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


@pytest.fixture
def hostile(staff):
    article = article_create(title=TITLE, body=BODY, url="javascript:alert(4)", created_by=staff)
    source = SourceFactory(name=f"@Source {IMG}", description=SCRIPT)
    factcheck = FactCheckFactory(
        claim_reviewed=f"=cmd|' /C calc'!A0 {SCRIPT}",
        url="javascript:alert(5)",
        publisher=f"-Pub {IMG}",
        rating_label="+False",
    )
    rows = []
    for text, kind, extra in (
        (SCRIPT, "unverified_claim", {"reason": "unsourced"}),
        ('=HYPERLINK("http://evil.example")', "contradicted_claim", {"evidence_factcheck": factcheck}),
        (IMG, "unverified_claim", {"reason": "vague_source"}),
        ("+1 @SUM(A1) -2", "unverified_claim", {"reason": "hedged"}),
    ):
        start, end = _span(text)
        rows.append(
            Annotation.objects.create(
                article=article,
                kind=kind,
                start=start,
                end=end,
                quote=text,
                prefix=BODY[max(0, start - 32) : start],
                suffix=BODY[end : end + 32],
                origin="machine",
                detector="test@1",
                rule=f"rule {IMG}",
                explanation=f"@explained {SCRIPT}",
                comment=f"\tcomment {LINK}",
                suggestion=f"\rsuggest {IMG}",
                source=source,
                status="confirmed",
                review_note=f"-note {SCRIPT}",
                confidence=0.5,
                **extra,
            )
        )
    return {"article": article, "annotations": rows, "source": source, "factcheck": factcheck}


def _assert_escaped(html: str, where: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in html, f"{where}: {marker!r} reached the page unescaped"
    shown = ("&lt;script&gt;", "&lt;img src=x onerror")
    assert any(escaped in html for escaped in shown), f"{where}: the hostile text is not on the page at all"


def _admin(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def test_admin_pages_escape_article_text(hostile, staff):
    client = _admin(staff)
    article, annotation = hostile["article"], hostile["annotations"][0]
    pages = {
        "article list": reverse("admin:annotations_article_changelist"),
        "article page": reverse("admin:annotations_article_change", args=[article.pk]),
        "article history": reverse("admin:annotations_article_history", args=[article.pk]),
        "annotation list": reverse("admin:annotations_annotation_changelist"),
        "annotation page": reverse("admin:annotations_annotation_change", args=[annotation.pk]),
        "source list": reverse("admin:credibility_source_changelist"),
        "source page": reverse("admin:credibility_source_change", args=[hostile["source"].pk]),
        "fact-check list": reverse("admin:credibility_factcheck_changelist"),
        "fact-check page": reverse("admin:credibility_factcheck_change", args=[hostile["factcheck"].pk]),
    }
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        _assert_escaped(response.content.decode(), where)


def test_flagged_claim_report_page_escapes_and_never_links_javascript(hostile, staff):
    # Every state: the hostile fixture's flags are reviewed ones, and the page opens on open flags.
    response = _admin(staff).get(reverse("admin:credibility_flagged_claim_report"), {"status": ""})
    assert response.status_code == 200
    html = response.content.decode()
    _assert_escaped(html, "flagged-claim report")
    assert not re.search(r"""href=["']\s*javascript:""", html, re.I)


@pytest.mark.parametrize("fmt", ["w3c", "claimreview"])
def test_json_ld_exports_escape_markup_and_keep_the_text(fmt, hostile, staff, client_for):
    response = client_for(staff).get(f"/api/v1/articles/{hostile['article'].pk}/export/?format={fmt}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert response["X-Content-Type-Options"] == "nosniff"
    raw = response.content
    assert b"<" not in raw and b">" not in raw, "markup must travel as \\u003c / \\u003e"
    text = json.dumps(json.loads(raw), ensure_ascii=False)
    assert SCRIPT.replace('"', '\\"') in text, "the exact text survives, only its encoding changes"


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_no_formula(cells: list[str], where: str) -> None:
    assert cells, where
    for cell in cells:
        if re.fullmatch(r"-?\d+(\.\d+)?(e-?\d+)?", cell):
            continue  # numbers stay numbers
        assert not cell.startswith(FORMULA_STARTS), f"{where}: {cell!r} would run as a formula"


def _csv_exports(client, article_id: int) -> dict[str, object]:
    return {
        "article export": client.get(f"/api/v1/articles/{article_id}/export/?format=csv"),
        "flagged-claim report": client.get("/api/v1/reports/flagged-claims/?format=csv"),
        "flagged-claim summary": client.get("/api/v1/reports/flagged-claims/summary/?format=csv"),
    }


def test_every_csv_endpoint_neutralises_formulas(hostile, staff, client_for):
    for where, response in _csv_exports(client_for(staff), hostile["article"].pk).items():
        assert response.status_code == 200, where
        assert response["Content-Type"].startswith("text/csv"), where
        assert response["X-Content-Type-Options"] == "nosniff", where
        cells = _csv_cells(response.content.decode("utf-8"))
        _assert_no_formula(cells, where)
        if where != "flagged-claim summary":
            assert any(cell.startswith("'=HYPERLINK") for cell in cells), f"{where}: the payload was not exported"
            assert "attachment" in response["Content-Disposition"], where
        else:
            assert any(cell.startswith("'@Source") for cell in cells), where


def test_flag_report_command_csv_neutralises_formulas(hostile):
    out = io.StringIO()
    call_command("flag_report", "--format", "csv", stdout=out)
    cells = _csv_cells(out.getvalue())
    _assert_no_formula(cells, "manage.py flag_report --format csv")
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
