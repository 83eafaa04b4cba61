"""What the ``workspace`` stage of ``manage.py bench`` measures (figures printed, nothing timed here)."""

from __future__ import annotations

from io import StringIO

import pytest

from credibility.management.commands import bench
from credibility.quality.benchmarks import service

pytestmark = pytest.mark.django_db


def test_workspace_stage_measures_the_article_page_and_its_api_read():
    figures = service.workspace_stage(chars=20_000, annotations=120, runs=1)
    assert figures["chars"] >= 20_000 and figures["annotations"] == 120
    page = figures["page"]
    # Every annotation is drawn in the served text; no inline table of annotations any more.
    assert page["segments"] >= 120 and page["elements"] > page["segments"]
    assert page["table_rows"] < 40
    assert page["bytes"] > 20_000 and figures["api"]["bytes"] > 20_000
    assert page["cpu_s"] > 0 and page["wall_s"] > 0

    out = StringIO()
    bench.Command(stdout=out)._print_workspace(figures)
    assert "article workspace (20,0" in out.getvalue() and "elements served" in out.getvalue()
