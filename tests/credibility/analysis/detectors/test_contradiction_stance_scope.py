"""Stance across sentences: a report the article debunks in part, and a speaker ruling a claim out.

Invented registry and sentences; pure Python.
"""

from __future__ import annotations

from credibility.analysis.detectors.contradiction import ContradictionDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, FactCheckEntry, Finding

REGISTRY = (
    FactCheckEntry(
        "fc-s-01",
        "https://fc.example.org/s01",
        "A Pellmoor College lecturer has been charged over the flooding of the Pellmoor library.",
        "false",
        "False",
    ),
    FactCheckEntry(
        "fc-s-02",
        "https://fc.example.org/s02",
        "Tessaly Mining is moving its head office out of Norway.",
        "false",
        "False",
    ),
    FactCheckEntry(
        "fc-s-03",
        "https://fc.example.org/s03",
        "Tessaly Mining will close its Brekke smelter next year.",
        "true",
        "True",
    ),
)


def _detect(text: str) -> list[Finding]:
    document = Document(text=text, sentences=split_sentences(text))
    return ContradictionDetector().detect(document, AnalysisContext(factchecks=REGISTRY), ())


def _rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


LEDE = "The Pellmoor library was badly damaged by flooding at Pellmoor College on Sunday, a college lecturer said."


def test_report_of_the_topic_is_not_flagged_when_a_debunk_adds_what_it_leaves_out():
    text = LEDE + " Contrary to rumours online, nobody has been charged over the flooding, police said."
    assert _detect(text) == []


def test_report_that_states_the_claim_in_full_stays_a_reported_assertion_despite_a_debunk():
    text = (
        "Councillor Ines Marrow claimed that a Pellmoor College lecturer had been charged over the flooding "
        "of the Pellmoor library. Contrary to rumours online, nobody has been charged over the flooding, police said."
    )
    assert _rules(_detect(text)) == ["reports-assertion-false:fc-s-01"]


def test_report_of_the_topic_stays_flagged_without_a_debunk():
    # Only a debunk (a rejection cue in the article's voice) takes such a report out: alone, or
    # next to a plain denial, the lede is still read as reporting the claim.
    assert _rules(_detect(LEDE)) == ["reports-assertion-false:fc-s-01"]
    plain = _detect(LEDE + " Nobody has been charged over the flooding, police said.")
    assert _rules(plain) == ["reports-assertion-false:fc-s-01"]


def test_ruling_a_false_claim_out_denies_it():
    text = "Chief executive Maren Holt ruled out moving Tessaly Mining's head office out of Norway."
    assert _detect(text) == []


def test_ruling_a_true_claim_out_is_a_reported_denial():
    findings = _detect(
        "Chief executive Maren Holt told shareholders that she had ruled out closing Tessaly Mining's Brekke "
        "smelter next year."
    )
    assert _rules(findings) == ["reports-denial-true:fc-s-03"]
    assert findings[0].meta.get("speaker") == "Maren Holt"


def test_not_ruling_a_claim_out_is_no_denial():
    findings = _detect(
        "Chief executive Maren Holt refused to rule out moving Tessaly Mining's head office out of Norway."
    )
    assert all(not f.rule.startswith("reports-denial") for f in findings)


def test_stopping_short_of_an_act_denies_it():
    # Against a claim rated true, stopping short of it is a denial; against a false one, agreement.
    assert _rules(_detect("Tessaly Mining stopped short of closing its Brekke smelter next year.")) == [
        "denies-true:fc-s-03"
    ]
    assert _detect("Tessaly Mining refrained from moving its head office out of Norway.") == []
