"""Every analysis reads the newest analysed articles: an index walk, not a sort of the whole table.

As in tests/test_query_plans.py, no planner switch is touched: the table holds 3,000 articles
(half of them waiting for analysis, as in a backlog), is VACUUM ANALYZEd, and EXPLAIN of the
exact queryset must walk ``article_recent_analysed`` and stop at the limit.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from annotations.models import Article
from credibility.retrieval.statements import OTHER_ARTICLES_LIMIT, recent_analysed_articles

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def backlog():
    if connection.vendor != "postgresql":
        pytest.fail("Query plans are checked on PostgreSQL (DATABASE_URL).")
    now = timezone.now()
    Article.objects.bulk_create(
        [
            Article(
                title=f"Plan {n}",
                body="Officials met on Monday.",
                body_sha256=f"{n:064d}",
                analysis_state="done" if n % 2 else "pending",
                published_at=None if n % 3 else now - timedelta(hours=n),
            )
            for n in range(3000)
        ],
        batch_size=1000,
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE annotations_article")


def test_the_newest_analysed_articles_come_from_the_recency_index(backlog):
    queryset = recent_analysed_articles(exclude_article_id=7)
    plan = queryset.explain()
    assert "article_recent_analysed" in plan, plan
    assert "Sort" not in plan and "Seq Scan" not in plan, plan
    rows = list(queryset)
    assert len(rows) == OTHER_ARTICLES_LIMIT
    assert all(a.analysis_state == "done" for a in rows)
    recency = [a.published_at or a.created_at for a in rows]
    assert recency == sorted(recency, reverse=True)
