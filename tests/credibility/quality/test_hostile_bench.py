"""How the hostile stage of ``manage.py bench`` measures (not timed here): a real prose baseline,
the same repeat count for prose and hostile input, and the worst time and worst memory reported apart."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from credibility.management.commands import bench
from credibility.quality.benchmarks import hostile


def test_prose_texts_check_refuses_prose_that_would_repeat():
    assert hostile.prose_texts_check(["One short article."] * 3, size=100_000) is not None
    assert hostile.prose_texts_check(["x" * 60_000, "y" * 50_000], size=100_000) is None


def test_bench_hostile_refuses_a_missing_prose_file(tmp_path: Path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("bench", "--only", "hostile", "--prose", str(tmp_path / "absent.jsonl"), stdout=StringIO())


def test_bench_hostile_refuses_prose_too_short_to_compare(tmp_path: Path):
    short = tmp_path / "short.jsonl"
    short.write_text('{"text": "A single short article, repeated it would hit the sentence caches."}\n')
    with pytest.raises(CommandError, match="would repeat"):
        call_command("bench", "--only", "hostile", "--prose", str(short), stdout=StringIO())


def test_compare_times_the_input_and_prose_with_the_same_repeat_count(monkeypatch: pytest.MonkeyPatch):
    runs_seen: list[int] = []

    def fake_measure(text: str, *, memory: bool = False, runs: int = 1) -> hostile.Measurement:
        runs_seen.append(runs)
        return hostile.Measurement(chars=len(text), cpu_seconds=1.0, peak_bytes=1, findings=0)

    monkeypatch.setattr(hostile, "measure", fake_measure)
    baseline = hostile.ProseBaseline(["prose " * 100])
    hostile.compare({"kind": "repeat", "unit": "he said "}, 200, baseline)
    assert runs_seen == [hostile.RUNS, hostile.RUNS]


def _comparison(unit: str, *, time_ratio: float, memory_ratio: float) -> hostile.Comparison:
    prose = hostile.Measurement(chars=1000, cpu_seconds=1.0, peak_bytes=1000, findings=0)
    measured = hostile.Measurement(chars=1000, cpu_seconds=time_ratio, peak_bytes=int(1000 * memory_ratio), findings=0)
    return hostile.Comparison(recipe={"kind": "repeat", "unit": unit}, hostile=measured, prose=prose)


def test_the_summary_names_the_slowest_and_the_most_memory_hungry_input_apart(monkeypatch: pytest.MonkeyPatch):
    slow = _comparison("slow ", time_ratio=4.0, memory_ratio=1.0)
    hungry = _comparison("hungry ", time_ratio=1.5, memory_ratio=3.0)
    by_unit = {"slow ": slow, "hungry ": hungry}

    def fake_compare(recipe: dict[str, Any], size: int, prose: Any, **_: Any) -> hostile.Comparison:
        return by_unit[recipe["unit"]]

    monkeypatch.setattr(hostile, "load_corpus", lambda: [slow.recipe, hungry.recipe])
    monkeypatch.setattr(hostile, "compare", fake_compare)
    monkeypatch.setattr(hostile, "search", lambda **_: [])
    monkeypatch.setattr(hostile.ProseBaseline, "at", lambda self, size: slow.prose)
    out = StringIO()
    command = bench.Command(stdout=out)
    command._hostile(prose=["prose"], quick=True)
    lines = out.getvalue().splitlines()
    time_line = next(line for line in lines if line.startswith("worst hostile input for time"))
    memory_line = next(line for line in lines if line.startswith("worst hostile input for memory"))
    assert '"slow "' in time_line and "4.00x prose time" in time_line
    assert '"hungry "' in memory_line and "3.00x prose memory" in memory_line
