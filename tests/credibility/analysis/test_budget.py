"""The pipeline-wide time budget: a run past it stops, says where, and keeps finished detectors' findings."""

from __future__ import annotations

import time
from collections.abc import Sequence

import pytest

from credibility.analysis import budget
from credibility.analysis.pipeline import DEFAULT_BUDGET_SECONDS, analyze_text
from credibility.analysis.types import AnalysisContext, Document, Finding

TEXT = "The council approved the budget on Tuesday. Taxes will rise by 4.99%, the council said."


class _Marker:
    """Finds the first sentence, then nothing else."""

    name = "marker"
    version = 1

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        s = document.sentences[0]
        return [
            Finding(kind="typo", start=s.start, end=s.end, quote=s.text, detector="marker@1", rule="r", confidence=0.5)
        ]


class _Slow:
    """Loops like a detector on hostile text, checking the budget as the real ones do."""

    name = "slow"
    version = 1

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        while True:
            budget.check()
            time.sleep(0.001)


class _Never:
    name = "never"
    version = 1
    ran = False

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        _Never.ran = True
        return []


def test_a_complete_run_is_not_flagged():
    result = analyze_text(text=TEXT)
    assert not result.budget_exceeded and result.cut is None and result.notice == ""
    assert result.budget_seconds == DEFAULT_BUDGET_SECONDS
    assert result.completed == ("typo", "attribution", "hedge", "unsourced", "contradiction")


def test_a_run_past_its_budget_stops_in_the_detector_and_keeps_earlier_findings():
    began = time.perf_counter()
    result = analyze_text(text=TEXT, detectors=(_Marker(), _Slow(), _Never()), budget_seconds=0.05)
    assert time.perf_counter() - began < 2
    assert result.budget_exceeded and result.cut == "slow" and result.completed == ("marker",)
    assert [f.detector for f in result.findings] == ["marker@1"]
    assert not _Never.ran
    assert "slow" in result.notice and "marker" in result.notice and "0.05 s" in result.notice
    assert set(result.timings_ms) == {"segment", "marker", "slow"}


def test_the_real_detectors_check_the_budget_inside_their_loops():
    text = " ".join(["Officials told reporters said the plan was said to work."] * 400)
    result = analyze_text(text=text, budget_seconds=0.0)
    assert result.budget_exceeded and result.cut == "segment" and result.findings == ()
    # Past the segmenter, the first detector stops at its first check.
    result = analyze_text(text=text, budget_seconds=1e-9)
    assert result.budget_exceeded and result.completed == ()


@pytest.mark.parametrize("budget_seconds", [None, 30.0])
def test_no_budget_or_a_generous_one_changes_nothing(budget_seconds):
    base = analyze_text(text=TEXT)
    other = analyze_text(text=TEXT, budget_seconds=budget_seconds)
    assert other.findings == base.findings and not other.budget_exceeded


def test_check_outside_a_deadline_never_raises_and_deadlines_nest():
    budget.check()
    with budget.deadline(100.0):
        with budget.deadline(None):
            budget.check()
        with budget.deadline(0.0):
            time.sleep(0.001)
            with pytest.raises(budget.BudgetExceeded):
                budget.check()
            with (
                budget.deadline(100.0),
                pytest.raises(budget.BudgetExceeded),
            ):  # an inner, longer deadline keeps the outer one
                budget.check()
        budget.check()
