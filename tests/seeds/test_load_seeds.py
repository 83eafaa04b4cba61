"""`manage.py load_seeds`: loads seeds/ through the services and can be run any number of times."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from annotations.models import Annotation, Article
from credibility.models import AnalysisRun, FactCheck, Source, SourceAlias
from credibility.services.sources import source_create

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"


def _seed_articles() -> list[dict[str, str]]:
    return [
        json.loads(line) for line in (SEEDS / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _counts() -> dict[str, int]:
    return {
        "sources": Source.objects.count(),
        "aliases": SourceAlias.objects.count(),
        "factchecks": FactCheck.objects.count(),
        "articles": Article.objects.count(),
        "annotations": Annotation.objects.count(),
        "runs": AnalysisRun.objects.count(),
    }


def _load(capture, **options) -> str:
    out = io.StringIO()
    with capture(execute=True):
        call_command("load_seeds", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_seed_files_hold_only_id_title_text():
    articles = _seed_articles()
    assert [a["id"] for a in articles] == ["seed-belarus"]
    assert all(set(a) == {"id", "title", "text"} for a in articles)


def test_load_seeds_twice_gives_the_same_counts(django_capture_on_commit_callbacks):
    first = _load(django_capture_on_commit_callbacks)
    after_first = _counts()
    assert after_first["articles"] == 1 and after_first["runs"] == 1
    assert after_first["factchecks"] == len(json.loads((SEEDS / "factchecks.json").read_text(encoding="utf-8")))
    assert after_first["sources"] >= len(json.loads((SEEDS / "sources.json").read_text(encoding="utf-8")))
    assert "Articles: created 1" in first

    second = _load(django_capture_on_commit_callbacks)
    assert _counts() == after_first
    assert "Sources: created 0, updated 0" in second
    assert "Fact-checks: created 0, updated 0" in second
    assert "Articles: created 0, updated 0, unchanged 1" in second


def test_seed_article_body_equals_seed_file_and_is_analysed(django_capture_on_commit_callbacks):
    _load(django_capture_on_commit_callbacks)
    seed = _seed_articles()[0]
    article = Article.objects.get(url="https://example.org/seed/seed-belarus")
    assert article.body == seed["text"]
    assert article.title == seed["title"]
    assert article.analysis_state == "done"
    assert article.annotations.filter(origin="machine").exists()
    rada = Source.objects.get(normalized_name="verkhovna rada")
    assert rada.kind == "government_body" and rada.rating is not None and rada.rating_rationale
    assert set(rada.aliases.values_list("normalized_alias", flat=True)) >= {"ukrainian parliament", "the rada"}


def test_load_seeds_updates_a_changed_article_and_adopts_an_existing_source(
    tmp_path, django_capture_on_commit_callbacks
):
    # A source the analysis created earlier from a short name is adopted, not duplicated.
    source_create(name="Lukashenko", kind="person")
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    _load(django_capture_on_commit_callbacks, seeds_dir=seeds)
    assert Source.objects.filter(normalized_name__contains="lukashenko").count() == 1
    assert Source.objects.get(normalized_name="alexander lukashenko").rating is not None

    article = _seed_articles()[0]
    article["text"] += "\n\nAn added closing paragraph."
    (seeds / "articles.jsonl").write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")
    output = _load(django_capture_on_commit_callbacks, seeds_dir=seeds)
    assert "Articles: created 0, updated 1" in output
    stored = Article.objects.get()
    assert stored.body.endswith("An added closing paragraph.") and stored.revision == 2
    assert AnalysisRun.objects.filter(article=stored).count() == 2


def test_load_seeds_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load_seeds", seeds_dir=tmp_path / "nowhere", stdout=io.StringIO())
