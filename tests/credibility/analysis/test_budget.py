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


# --- allowances: costly steps capped in proportion to the text -----------------------------


def test_an_allowance_grants_floor_plus_rate_then_records_where_it_ran_out():
    spent = budget.allowance("the check", text_length=2_000, floor=3, per_1000_chars=1)
    assert spent.limit == 5
    assert [spent.take(position) for position in range(10, 17)] == [True] * 5 + [False] * 2
    assert spent.exhausted and spent.stopped_at == 15  # the first refusal, not the last


def test_allowances_opened_inside_a_run_are_collected_and_outside_are_not():
    outside = budget.allowance("outside", text_length=0, floor=1, per_1000_chars=0)
    with budget.allowances() as registry:
        inside = budget.allowance("inside", text_length=0, floor=1, per_1000_chars=0)
    assert registry == [inside] and outside not in registry


class _Greedy:
    """Takes from an allowance for every character, as a detector does per cue or word."""

    name = "greedy"
    version = 1

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        steps = budget.allowance("the greedy check", text_length=len(document.text), floor=2, per_1000_chars=0)
        found = []
        for position in range(len(document.text)):
            if not steps.take(position):
                break
            found.append(
                Finding(
                    kind="typo",
                    start=position,
                    end=position + 1,
                    quote=document.text[position],
                    detector="greedy@1",
                    rule="r",
                    confidence=0.5,
                )
            )
        return found


def test_a_run_whose_detector_used_up_an_allowance_is_partial_keeps_its_findings_and_says_so():
    result = analyze_text(text=TEXT, detectors=[_Greedy(), _Marker()])
    assert [f.start for f in result.findings if f.detector == "greedy@1"] == [0, 1]
    assert result.completed == ("greedy", "marker")  # the run went on to the next detector
    assert result.limits_reached == (("the greedy check", 2, 2),)
    assert result.partial and not result.budget_exceeded
    assert "the greedy check stopped at character 2" in result.notice


def test_prose_uses_up_no_allowance():
    prose = (
        "The council approved the budget on Tuesday after a long debate. Its leader, Maria Okafor-Hale, "
        'said the plan would protect libraries. "We had no choice," she told reporters. Critics said '
        "the rise was unfair, according to a statement from the Taxpayers' Alliance. "
    ) * 20
    result = analyze_text(text=prose, budget_seconds=None)
    assert result.limits_reached == () and not result.partial and result.notice == ""


@pytest.mark.parametrize(
    ("recipe", "step"),
    [
        ({"kind": "counter", "case": "title", "length": 3, "prefix": "", "suffix": " said "}, "the attribution check"),
        (
            {"kind": "counter", "case": "lower", "length": 10, "prefix": "Mr ", "suffix": " said "},
            "the typo check of unknown words",
        ),
        (
            {"kind": "counter", "case": "title", "length": 3, "prefix": "Dr. ", "suffix": "-"},
            "the spelling check of hyphenated names",
        ),
        (
            {"kind": "counter", "case": "title", "length": 7, "prefix": "Mr ", "suffix": ", "},
            "the spelling check of names",
        ),
        ({"kind": "repeat", "unit": "A-"}, "the typo check"),
        (
            {"kind": "counter", "case": "title", "length": 12, "prefix": "Mr ", "suffix": ". "},
            "the spelling check of names (index)",
        ),
        (
            {"kind": "counter", "case": "title", "length": 11, "prefix": "the ", "suffix": " "},
            "the correction search for sentence openers",
        ),
        ({"kind": "repeat", "unit": "a\n"}, "the analysis of sentences"),
        ({"kind": "repeat", "unit": 'Ok! "'}, "the analysis of sentences"),
    ],
)
def test_text_denser_than_prose_stops_the_costly_step_it_is_made_of(recipe, step):
    from credibility.quality.benchmarks import hostile

    result = analyze_text(text=hostile.build(recipe, 60_000), budget_seconds=None)
    assert step in [limit[0] for limit in result.limits_reached], result.limits_reached
    assert result.partial and "far denser than edited prose" in result.notice


def test_past_the_sentence_allowance_the_rest_goes_unchecked_and_no_partial_bounds_are_reported():
    """Thousands of one-word sentences: the first ones are analysed, the run says where it stopped,
    and it reports no sentence bounds (the caller segments the whole text itself)."""
    head = "The council recieved the report on Tuesday.\n"
    text = head + "a\n" * 20_000
    result = analyze_text(text=text, budget_seconds=None)
    (limit,) = [lim for lim in result.limits_reached if lim[0] == "the analysis of sentences"]
    _, stopped_at, allowed = limit
    assert allowed == 300 + 50 * len(text) // 1000
    assert stopped_at == len(head) + 2 * (allowed - 1)  # the first sentence refused
    assert result.sentences == ()
    assert [f.quote for f in result.findings if f.kind == "typo"] == ["recieved"]  # what came first was checked
    assert "the analysis of sentences stopped at character" in result.notice


def test_prose_of_short_lines_stays_within_the_sentence_allowance():
    """A results table or a list of one-line items is far denser in sentences than prose and still
    well within the allowance."""
    lines = "".join(f"Team {chr(65 + i % 26)}{i} won {i % 5}-{i % 3} at home.\n" for i in range(400))
    result = analyze_text(text=lines, budget_seconds=None)
    assert "the analysis of sentences" not in [lim[0] for lim in result.limits_reached]
    assert len(result.sentences) == 400
