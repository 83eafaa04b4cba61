"""Two analyses cite the same statement of a third article at once (found by the e2e benchmark).

Each creates the machine ``note`` that anchors the cited span, in its own transaction. The
second insert waits on the first's uncommitted row, fails on the unique machine-span
constraint once it commits, and must then return the winner's note instead of failing the run.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from annotations.models import Annotation
from annotations.services.articles import article_create
from annotations.services.machine import machine_annotation_anchor

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BODY = "Officials met on Monday. The Harwick bridge was closed for repairs in May after an inspection."


def test_two_transactions_anchoring_one_span_share_one_note():
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (concurrent transactions); set DATABASE_URL.")
    article = article_create(title="Bridge", body=BODY)
    start = BODY.index("The Harwick")
    first_inserted = threading.Event()
    anchors: dict[str, int] = {}
    errors: list[BaseException] = []

    def anchor(name: str) -> Annotation | None:
        return machine_annotation_anchor(
            article_id=article.pk,
            start=start,
            end=len(BODY),
            detector="contradiction-evidence@1",
            comment=f"Statement cited as contradicting evidence by {name}.",
        )

    def first() -> None:
        try:
            with transaction.atomic():
                anchors["first"] = anchor("first").pk
                first_inserted.set()
                second_thread.join(timeout=1.0)  # the second is now blocked on this row
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
            first_inserted.set()
        finally:
            connection.close()

    def second() -> None:
        try:
            first_inserted.wait(timeout=10)
            with transaction.atomic():
                anchors["second"] = anchor("second").pk
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    second_thread = threading.Thread(target=second)
    first_thread = threading.Thread(target=first)
    second_thread.start()
    first_thread.start()
    first_thread.join(timeout=30)
    second_thread.join(timeout=30)
    assert errors == []
    assert anchors["first"] == anchors["second"]
    notes = Annotation.objects.filter(article=article, kind="note", detector="contradiction-evidence@1")
    assert [(n.start, n.end, n.comment) for n in notes] == [
        (start, len(BODY), "Statement cited as contradicting evidence by first.")
    ]
