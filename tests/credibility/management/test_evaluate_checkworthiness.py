"""``manage.py evaluate`` prints the learned check-worthiness figures beside the baselines, and skips missing sets."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from tests import paths

FIXTURE = paths.FIXTURES / "checkworthiness" / "dev.jsonl"


def test_evaluate_prints_checkworthiness_systems_and_skips_missing_sets(tmp_path: Path) -> None:
    checkthat = tmp_path / "checkthat-checkworthiness" / "2024-task1-en"
    checkthat.mkdir(parents=True)
    shutil.copy(FIXTURE, checkthat / "dev_test.jsonl")
    out = StringIO()
    call_command(
        "evaluate",
        data=str(tmp_path),
        dev=str(tmp_path / "missing.jsonl"),
        scorer=str(tmp_path / "missing.py"),
        no_baseline=True,
        stdout=out,
        stderr=StringIO(),
    )
    text = out.getvalue()
    section = text[text.index("Check-worthiness, learned") :]
    assert "CheckThat! 2024 test: skipped" in section
    assert "ClaimBuster groundtruth: skipped" in section
    assert "CheckThat! 2024 dev_test (n=6, positive F1)" in section
    for system in ("majority (none)", "all positive", "old rules", "learned"):
        assert system in section
    majority = next(line for line in section.splitlines() if "majority (none)" in line)
    assert majority.split()[-3:] == ["precision=0.0", "recall=0.0", "f1=0.0"]
