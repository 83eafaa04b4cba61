"""``manage.py evaluate`` prints the learned check-worthiness figures beside the baselines, and skips missing sets."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from tests import paths

FIXTURE = paths.FIXTURES / "checkworthiness" / "dev.jsonl"


def _learned_section(tmp_path: Path, **options: object) -> str:
    out = StringIO()
    call_command(
        "evaluate",
        data=str(tmp_path),
        dev=str(tmp_path / "missing.jsonl"),
        scorer=str(tmp_path / "missing.py"),
        no_baseline=True,
        stdout=out,
        stderr=StringIO(),
        **options,
    )
    text = out.getvalue()
    return text[text.index("Check-worthiness, learned") :]


def test_evaluate_prints_checkworthiness_systems_and_skips_missing_sets(tmp_path: Path) -> None:
    checkthat = tmp_path / "checkthat-checkworthiness" / "2024-task1-en"
    checkthat.mkdir(parents=True)
    shutil.copy(FIXTURE, checkthat / "dev_test.jsonl")
    section = _learned_section(tmp_path, checkthat_test=True)
    assert "CheckThat! 2024 test: skipped" in section
    assert "ClaimBuster groundtruth: skipped" in section
    assert "CheckThat! 2024 dev_test (n=6, positive F1)" in section
    for system in ("majority (none)", "all positive", "old rules", "learned"):
        assert system in section
    majority = next(line for line in section.splitlines() if "majority (none)" in line)
    assert majority.split()[-3:] == ["precision=0.0", "recall=0.0", "f1=0.0"]


def test_evaluate_scores_the_checkthat_test_split_only_when_asked(tmp_path: Path) -> None:
    checkthat = tmp_path / "checkthat-checkworthiness" / "2024-task1-en"
    checkthat.mkdir(parents=True)
    shutil.copy(FIXTURE, checkthat / "test.jsonl")
    shutil.copy(FIXTURE, checkthat / "dev_test.jsonl")
    tuning = _learned_section(tmp_path)
    assert "CheckThat! 2024 test: not scored" in tuning
    assert "CheckThat! 2024 test (n=" not in tuning
    assert "CheckThat! 2024 dev_test (n=6, positive F1)" in tuning
    assert "CheckThat! 2024 test (n=6, positive F1)" in _learned_section(tmp_path, checkthat_test=True)
