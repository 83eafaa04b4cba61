"""A claim's profile stored as data: read back equal to a fresh analysis, or not at all."""

from __future__ import annotations

import ast
import importlib.util
import json
from pathlib import Path

import pytest

from credibility.analysis.claims import profile_codec
from credibility.analysis.claims.matching import profile
from credibility.analysis.claims.profile_codec import (
    analyser_version,
    profile_decode,
    profile_dumps,
    profile_encode,
    profile_loads,
)

# Our own sentences, one per kind of thing a profile holds: names (a speaker among them),
# places inside larger places, figures with bounds, fractions, years and ranges, negations in
# clauses, denial frames, diacritics, number words, synonyms, antonyms and contrast-class members.
TEXTS = [
    "Councillor Maren Olsby said the Harbour Line carried more than 40,000 passengers a day in 2019.",
    "The Brackwater reservoir did not fall below a third of its capacity, although the drought lasted until 2021.",
    "Spending on school meals rose by 12% between 2015-18, the highest rise in Costa Blanca.",
    "Officials denied that the bridge had been closed for repairs for about four million pounds.",
    "Tam Kỳ and Suối Đá were never flooded, according to the provincial weather office.",
    "Unapproved vaccines caused a quarter of a million hospital visits; the ministry disputed the figure.",
    "A dozen fishermen lost their licences after the ban, which costs £1,200 a year.",
    "The northern festival went ahead, though pupils (not teachers) did not go ahead with the strike.",
    "",
    "Nobody.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_stored_profile_reads_back_equal_to_a_fresh_analysis(text):
    fresh = profile(text)
    read = profile_loads(text, profile_dumps(fresh))
    assert read == fresh
    # Order matters where assess iterates: its penalties and products follow the concepts' order.
    assert list(read.concepts) == list(fresh.concepts)
    assert list(read.weights) == list(fresh.weights)
    assert read.names == fresh.names
    assert read.quantities == fresh.quantities
    assert read.families == fresh.families
    assert read.contrasts == fresh.contrasts


def test_the_data_survives_json_and_is_compact():
    text = TEXTS[0]
    data = profile_dumps(profile(text))
    assert json.loads(data) == profile_encode(profile(text))
    assert data == json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":"))  # no padding


def test_data_made_from_another_text_is_never_used():
    data = profile_dumps(profile(TEXTS[0]))
    assert profile_loads(TEXTS[0].replace("40,000", "4,000"), data) is None
    assert profile_loads(TEXTS[1], data) is None


@pytest.mark.parametrize("data", ["", "not json", "[]", "{}", '["x"]', "null", "[1,2,3,4,5,6,7,8,9,10,11]"])
def test_unreadable_data_is_refused_not_raised(data):
    assert profile_loads(TEXTS[0], data) is None


def test_weights_out_of_step_with_the_concepts_are_refused():
    encoded = profile_encode(profile(TEXTS[0]))
    encoded[2] = encoded[2][:-1]
    assert profile_decode(TEXTS[0], encoded) is None


def test_the_version_is_a_fingerprint_of_the_analysers_code_and_data(monkeypatch):
    before = analyser_version()
    assert before == analyser_version()
    analyser_version.cache_clear()
    monkeypatch.setattr(profile_codec, "_package_version", lambda name: "9.9" if name == "wordfreq" else "1")
    changed_package = analyser_version()
    assert changed_package != before
    analyser_version.cache_clear()
    monkeypatch.undo()
    original = Path.read_bytes

    def edit(addition: bytes) -> str:
        """The version with ``addition`` at the end of the stance word lists."""
        analyser_version.cache_clear()
        monkeypatch.setattr(
            Path, "read_bytes", lambda path: original(path) + (addition if path.name == "stance.py" else b"")
        )
        version = analyser_version()
        analyser_version.cache_clear()
        monkeypatch.undo()
        return version

    assert edit(b"\n# a comment, and the layout\n\n\n") == before  # changes nothing the analysis runs
    changed_lexicon = edit(b'\nEXTRA_NEGATIONS = frozenset({"nae"})\n')
    assert changed_lexicon not in (before, changed_package)
    assert analyser_version() == before


def _analysis_imports(module: str, seen: set[str]) -> set[str]:
    """The credibility.analysis modules ``module`` imports at module level, transitively."""
    if module in seen:
        return seen
    seen.add(module)
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    for node in tree.body:
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            if name.startswith("credibility.analysis"):
                _analysis_imports(name, seen)
    return seen


def test_the_fingerprint_covers_every_module_the_analysis_of_a_claim_runs():
    """A module matching starts to import must join ANALYSER_MODULES, or its changes would go unnoticed."""
    needed = _analysis_imports("credibility.analysis.claims.matching", set()) - {"credibility.analysis"}
    covered = {module.__name__ for module in profile_codec.ANALYSER_MODULES}
    assert needed <= covered, sorted(needed - covered)
