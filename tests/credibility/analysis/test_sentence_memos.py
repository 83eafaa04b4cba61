"""The per-sentence memos of the claim detectors change no finding: a sentence read before gives
what it gives when read for the first time, whatever article it sits in."""

from __future__ import annotations

from credibility.analysis.detectors import hedges, unsourced
from credibility.analysis.pipeline import analyze_text, finding_to_json
from credibility.quality.benchmarks.analysis import sentence_caches_clear

_SHARED = (
    "The county's bus fares rose by 14% last year, the steepest rise in two decades. "
    "Ridership is thought to have fallen sharply since then. "
    "Some commuters say the service has never been worse."
)
_FIRST = f"Marta Quell, who runs the depot, said the timetable would change in May.\n\n{_SHARED}"
_SECOND = f"{_SHARED}\n\n\u201cWe cannot keep the night routes,\u201d the operator said in a statement."


def _findings(text: str) -> list[dict[str, object]]:
    return [finding_to_json(f) for f in analyze_text(text=text, budget_seconds=None).findings]


def test_findings_are_the_same_with_warm_and_cold_sentence_memos() -> None:
    sentence_caches_clear()
    cold = [_findings(_FIRST), _findings(_SECOND)]
    warm = [_findings(_FIRST), _findings(_SECOND)]  # every sentence now read before
    sentence_caches_clear()
    reversed_order = [_findings(_SECOND), _findings(_FIRST)]
    assert warm == cold
    assert reversed_order[::-1] == cold
    assert any(f["kind"] == "unverified_claim" for f in cold[0])


def test_sentence_caches_clear_empties_the_claim_detectors_memos() -> None:
    _findings(_FIRST)
    assert unsourced._screen.cache_info().currsize > 0
    sentence_caches_clear()
    assert unsourced._screen.cache_info().currsize == 0
    assert hedges._named_cue.cache_info().currsize == 0
