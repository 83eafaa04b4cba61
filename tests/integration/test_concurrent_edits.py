"""Two clients edit one annotation at the same time (issue 6 done-when), on PostgreSQL with real threads.

Both read version 1 and send ``If-Match: "1"``. The first PATCH to lock the row wins; the other
waits on the lock, then finds version 2 and gets 412 with the current version, so it reloads and
reapplies its change: both changes are in the final row, none is lost.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from rest_framework.test import APIClient

from annotations.models import Annotation
from annotations.services.annotations import annotation_create
from annotations.services.articles import article_create

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BODY = "The council approved the budget on Tuesday. Taxes will rise by 4.99%, the council said."


def test_concurrent_patches_one_gets_412_and_no_update_is_lost(annotator, reviewer, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (row locks); set DATABASE_URL.")
    article = article_create(title="Budget", body=BODY)
    annotation = annotation_create(article=article, kind="note", start=0, end=11, created_by=annotator)

    # Hold the row lock a moment inside each write, so the two requests really overlap.
    original_save = Annotation.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.3)
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Annotation, "save", slow_save)

    edits = {
        "annotator": (annotator, {"comment": "Which council?"}),
        "reviewer": (reviewer, {"status": "confirmed", "review_note": "Checked the minutes."}),
    }
    url = f"/api/v1/annotations/{annotation.pk}/"
    etags: dict[str, str] = {}
    results: dict[str, tuple[int, dict]] = {}
    read_barrier = threading.Barrier(len(edits))

    def client_for(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user=user)
        return client

    def edit(name: str) -> None:
        user, payload = edits[name]
        try:
            client = client_for(user)
            etags[name] = client.get(url)["ETag"]
            read_barrier.wait(timeout=10)  # both have read version 1 before either writes
            response = client.patch(url, payload, format="json", HTTP_IF_MATCH=etags[name])
            results[name] = (response.status_code, response.json())
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(name,)) for name in edits]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert set(etags.values()) == {'"1"'}
    codes = sorted(code for code, _ in results.values())
    assert codes == [200, 412], results
    loser = next(name for name, (code, _) in results.items() if code == 412)
    assert results[loser][1]["current_version"] == 2

    # The loser reloads and reapplies: nothing is lost.
    user, payload = edits[loser]
    client = client_for(user)
    fresh = client.get(url)
    assert fresh["ETag"] == '"2"'
    retry = client.patch(url, payload, format="json", HTTP_IF_MATCH=fresh["ETag"])
    assert retry.status_code == 200, retry.content
    annotation.refresh_from_db()
    assert (annotation.comment, annotation.status, annotation.review_note, annotation.version) == (
        "Which council?",
        "confirmed",
        "Checked the minutes.",
        3,
    )
