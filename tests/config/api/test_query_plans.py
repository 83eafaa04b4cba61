"""Query plans (issue 8): the report and the annotation filters are served by an index at 10k rows.

No planner switches are touched (``enable_seqscan=off`` would prove nothing): the table holds
10,000 annotations over 100 articles in a realistic kind mix, is VACUUM ANALYZEd, and EXPLAIN
of the exact querysets the views run must name the index meant for them.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Annotation, Article
from annotations.selectors import annotation_list, annotation_read_rows, flagged_claim_annotation_list
from config.api.pagination import CappedCountPaginator

pytestmark = [pytest.mark.django_db(transaction=True)]

SENTENCE = "The council said taxes rose by 4% last year. "
KINDS = ("typo",) * 5 + ("source_attribution",) * 3 + ("unverified_claim",) + ("contradicted_claim",)


@pytest.fixture
def ten_thousand_annotations():
    if connection.vendor != "postgresql":
        pytest.fail("Query plans are checked on PostgreSQL (DATABASE_URL).")
    articles = Article.objects.bulk_create(
        [Article(title=f"Plan {n}", body=SENTENCE * 101, body_sha256="0" * 64) for n in range(100)]
    )
    Annotation.objects.bulk_create(
        [
            Annotation(
                article=article,
                kind=KINDS[n % len(KINDS)],
                start=n * len(SENTENCE),
                end=n * len(SENTENCE) + 7,
                quote=SENTENCE[:7],
                origin="machine",
                detector="plan@1",
                confidence=0.5,
                reason="unsourced" if KINDS[n % len(KINDS)] == "unverified_claim" else "",
            )
            for article in articles
            for n in range(100)
        ],
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE annotations_annotation")
        cursor.execute("VACUUM ANALYZE annotations_article")
    assert Annotation.objects.count() == 10_000


def _plan(queryset) -> str:
    return queryset.explain()


@pytest.mark.parametrize("selector", [annotation_list, annotation_read_rows])
def test_annotation_list_filtered_by_kind_uses_the_kind_ordered_index(ten_thousand_annotations, selector):
    """The list endpoint reads annotation_read_rows() (values); the write paths annotation_list()."""
    page = selector().filter(kind="unverified_claim").order_by("article_id", "start", "end", "id")[:50]
    plan = _plan(page)
    assert "annotation_kind_ordered" in plan, plan
    assert "Seq Scan on annotations_annotation" not in plan, plan


def _capped_count_plan(queryset) -> str:
    with CaptureQueriesContext(connection) as captured:
        CappedCountPaginator(queryset, 50, count_cap=1000).count  # noqa: B018
    (query,) = captured.captured_queries
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {query['sql']}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_annotation_list_capped_count_by_kind_uses_an_index_and_no_join(ten_thousand_annotations):
    """The count the list runs (at most 1,001 rows): PostgreSQL drops the unused LEFT JOINs of the rows."""
    plan = _capped_count_plan(annotation_read_rows().filter(kind="contradicted_claim", status="open"))
    assert "Index" in plan and "Seq Scan on annotations_annotation" not in plan, plan
    assert "credibility_source" not in plan and "credibility_factcheck" not in plan, plan


def test_annotation_list_count_by_kind_uses_an_index(ten_thousand_annotations):
    with connection.cursor() as cursor:
        sql, params = Annotation.objects.filter(kind="contradicted_claim").query.sql_with_params()
        cursor.execute(f"EXPLAIN SELECT COUNT(*) FROM ({sql}) AS sub", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index" in plan and "Seq Scan on annotations_annotation" not in plan, plan


def test_annotation_list_by_kind_and_status_uses_an_index(ten_thousand_annotations):
    page = (
        annotation_list()
        .filter(kind="unverified_claim", status="open")
        .order_by("article_id", "start", "end", "id")[:50]
    )
    plan = _plan(page)
    assert "Seq Scan on annotations_annotation" not in plan, plan
    assert "annotation" in plan and "Index" in plan, plan


def test_flagged_claim_report_page_uses_the_partial_recent_index(ten_thousand_annotations):
    plan = _plan(flagged_claim_annotation_list()[:50])
    assert "annotation_flagged_recent" in plan, plan
    assert "Seq Scan on annotations_annotation" not in plan, plan
