"""The analyze_jsonl and import_factchecks management commands, on small fixture files."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from annotations.models import Annotation, Article
from credibility.models import AnalysisRun, FactCheck, Source, SourceAlias
from credibility.services.sources import source_create
from tests import paths

pytestmark = pytest.mark.django_db

FIXTURES = paths.FIXTURES
ANNOTATION_KEYS = {
    "kind",
    "start",
    "end",
    "quote",
    "confidence",
    "detector",
    "origin",
    "status",
    "suggestion",
    "reason",
    "source",
    "evidence",
}


def _run(name: str, *args: str, **options: object) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(name, *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def _row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Article, Annotation, AnalysisRun, Source, SourceAlias, FactCheck)
    }


def _inputs(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- analyze_jsonl ----------------------------------------------------------------------------


def test_analyze_jsonl_writes_one_line_per_input_and_stores_nothing(tmp_path):
    source_create(name="City council", kind="government_body", aliases=["council", "the council"])
    before = _row_counts()
    output = tmp_path / "pred.jsonl"
    _, err = _run("analyze_jsonl", str(FIXTURES / "analyze_articles.jsonl"), output=str(output))

    assert _row_counts() == before
    inputs = _inputs(FIXTURES / "analyze_articles.jsonl")
    results = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == [i["id"] for i in inputs]
    assert all(set(r) == {"id", "annotations"} for r in results)
    for item, result in zip(inputs, results, strict=True):
        for annotation in result["annotations"]:
            assert ANNOTATION_KEYS <= set(annotation)
            assert annotation["quote"] == item["text"][annotation["start"] : annotation["end"]]
            assert annotation["origin"] == "machine" and annotation["status"] == "open"
    assert "Analysed 3 articles" in err and "0 lines skipped" in err


def test_analyze_jsonl_matches_the_celery_pipeline(tmp_path):
    """The command's findings are what text_analyze (the task's computation) finds for the same text."""
    from credibility.services.analysis import findings_to_json, text_analyze

    output = tmp_path / "pred.jsonl"
    _run("analyze_jsonl", str(FIXTURES / "analyze_articles.jsonl"), output=str(output))
    for item, line in zip(
        _inputs(FIXTURES / "analyze_articles.jsonl"), output.read_text(encoding="utf-8").splitlines(), strict=True
    ):
        expected = findings_to_json(text_analyze(text=item["text"], title=item.get("title", "")).findings)
        assert json.loads(line)["annotations"] == json.loads(json.dumps(expected))


def test_analyze_jsonl_resolves_sources_to_existing_rows_only():
    council = source_create(name="City council", kind="government_body", aliases=["council"])
    out, _ = _run("analyze_jsonl", str(FIXTURES / "analyze_articles.jsonl"))
    sources = [a["source"] for line in out.splitlines() for a in json.loads(line)["annotations"] if a["source"]]
    assert sources, "the fixture has attributions"
    assert {"id": council.pk, "name": "City council", "kind": "government_body"} in sources
    # Speakers with no row keep a null id; none is created.
    assert all(s["id"] in (None, council.pk) for s in sources)
    assert Source.objects.count() == 1


def test_analyze_jsonl_writes_to_stdout_without_output():
    out, _ = _run("analyze_jsonl", str(FIXTURES / "analyze_articles.jsonl"))
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["fx-1", "fx-2", "fx-3"]


def test_analyze_jsonl_bad_lines_are_reported_and_the_rest_still_run(tmp_path):
    output = tmp_path / "pred.jsonl"
    _, err = _run("analyze_jsonl", str(FIXTURES / "analyze_articles_bad.jsonl"), output=str(output))
    assert [json.loads(line)["id"] for line in output.read_text(encoding="utf-8").splitlines()] == ["ok-1", "ok-2"]
    assert "line 2: invalid JSON" in err
    assert 'line 3: missing "text"' in err
    assert 'line 4: "text" must be a string' in err
    assert "line 6: expected a JSON object" in err
    assert "line 5" not in err  # a blank line is not an input
    assert "2 articles" in err and "4 lines skipped" in err


def test_analyze_jsonl_strict_fails_on_a_bad_line(tmp_path):
    output = tmp_path / "pred.jsonl"
    with pytest.raises(CommandError, match="4 lines"):
        _run("analyze_jsonl", str(FIXTURES / "analyze_articles_bad.jsonl"), output=str(output), strict=True)
    assert len(output.read_text(encoding="utf-8").splitlines()) == 2  # the good lines are still written


def test_analyze_jsonl_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*nope.jsonl: No such file"):
        _run("analyze_jsonl", str(tmp_path / "nope.jsonl"))
    with pytest.raises(CommandError, match="Cannot write"):
        _run("analyze_jsonl", str(FIXTURES / "analyze_articles.jsonl"), output=str(tmp_path / "no-dir" / "out.jsonl"))


def test_analyze_jsonl_missing_file_exits_non_zero_without_traceback(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    completed = subprocess.run(
        [sys.executable, "manage.py", "analyze_jsonl", str(tmp_path / "nope.jsonl")],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode != 0
    assert "Cannot read" in completed.stderr and "nope.jsonl" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stdout == ""


# --- import_factchecks ------------------------------------------------------------------------


def test_import_factchecks_twice_changes_nothing():
    out, _ = _run("import_factchecks", str(FIXTURES / "claimreviews.json"))
    assert "created 3, updated 0, unchanged 0, skipped 0" in out
    assert "unknown rating label 'Needs a nap'" in out
    rows = {f.pk: (f.updated_at, f.verdict) for f in FactCheck.objects.all()}
    assert FactCheck.objects.get(identifier="fx-fc-1").verdict == "false"
    assert FactCheck.objects.get(url="https://factcheck.example.org/fixtures/water-wet").verdict == "mostly_true"

    out, _ = _run("import_factchecks", str(FIXTURES / "claimreviews.json"))
    assert "created 0, updated 0, unchanged 3, skipped 0" in out
    assert {f.pk: (f.updated_at, f.verdict) for f in FactCheck.objects.all()} == rows


def test_import_factchecks_reads_a_datafeed():
    out, _ = _run("import_factchecks", str(FIXTURES / "claimreviews_feed.json"))
    assert "2 records; created 2" in out
    assert FactCheck.objects.get(identifier="fx-feed-1").verdict == "mixed"
    assert FactCheck.objects.get(identifier="fx-feed-2").verdict == "true"


def test_import_factchecks_skips_and_reports_a_bad_record_by_position():
    out, _ = _run("import_factchecks", str(FIXTURES / "claimreviews_bad_record.json"))
    assert "created 2, updated 0, unchanged 0, skipped 1" in out
    assert "skipped record 2: claimReviewed is missing" in out
    assert set(FactCheck.objects.values_list("identifier", flat=True)) == {"fx-bad-1", "fx-bad-3"}
    with pytest.raises(CommandError, match="1 record"):
        _run("import_factchecks", str(FIXTURES / "claimreviews_bad_record.json"), strict=True)


def test_import_factchecks_json_summary():
    out, _ = _run("import_factchecks", str(FIXTURES / "claimreviews_bad_record.json"), json=True)
    summary = json.loads(out)
    assert summary["created"] == 2 and summary["skipped"] == [{"position": 2, "error": "claimReviewed is missing"}]


def test_import_factchecks_unreadable_or_invalid_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        _run("import_factchecks", str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match="not valid JSON"):
        _run("import_factchecks", str(FIXTURES / "claimreviews_not_json.json"))
    scalar = tmp_path / "scalar.json"
    scalar.write_text("42", encoding="utf-8")
    with pytest.raises(CommandError, match="expected a JSON list"):
        _run("import_factchecks", str(scalar))
    assert FactCheck.objects.count() == 0
