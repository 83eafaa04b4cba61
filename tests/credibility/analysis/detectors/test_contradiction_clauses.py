"""Claims stated in passing inside relative clauses (issue 17): matched as clauses of their own."""

from __future__ import annotations

from credibility.analysis.claims.clauses import embedded_claims
from credibility.analysis.detectors.contradiction import ContradictionDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, FactCheckEntry, Finding

REGISTRY = (
    FactCheckEntry(
        "fc-c-01",
        "https://fc.example.org/c01",
        "The Dunmere maternity unit will close at weekends from June.",
        "false",
        "False",
    ),
    FactCheckEntry(
        "fc-c-02",
        "https://fc.example.org/c02",
        "The cost of the Dunmere tram extension has risen to £410m.",
        "false",
        "False",
    ),
    FactCheckEntry(
        "fc-c-03",
        "https://fc.example.org/c03",
        "Garlic capsules protect children against whooping cough.",
        "false",
        "False",
    ),
)


def _detect(text: str) -> list[Finding]:
    document = Document(text=text, sentences=split_sentences(text))
    return ContradictionDetector().detect(document, AnalysisContext(factchecks=REGISTRY), ())


def _ids(findings: list[Finding]) -> list[str | None]:
    return [f.evidence.identifier if f.evidence else None for f in findings]


def test_relative_clauses_are_read_as_sentences_of_their_own():
    assert embedded_claims("Shops ran out of garlic capsules, which protect children against croup, by noon.") == (
        "garlic capsules protect children against croup.",
    )
    assert embedded_claims("The tram extension, whose cost has risen to £410m, opens in May.") == (
        "tram extension cost has risen to £410m.",
    )
    # What someone told an audience, inside a "who" clause, is the claim; not who they are.
    assert embedded_claims(
        "Councillor Ada Fenn, who told a rally on Saturday that the unit would shut at weekends, spoke again."
    ) == ("the unit would shut at weekends.",)
    assert embedded_claims("The mayor, who is 60, spoke.") == ()  # too short to claim anything
    assert embedded_claims("The unit will stay open, the trust said.") == ()


def test_a_false_claim_in_a_whose_clause_is_flagged():
    findings = _detect(
        "Work on the Dunmere tram extension began in 2021. The scheme, whose cost has risen to £410m, has been "
        "attacked by Green Party councillors as a vanity project."
    )
    assert _ids(findings) == ["fc-c-02"]


def test_a_false_claim_told_to_an_audience_in_a_who_clause_is_flagged():
    # Read whole, the sentence puts another named subject first (the MP) and the claim's own name
    # (Dunmere) is only in the sentence before: not flagged without reading the clause alone.
    findings = _detect(
        "Dunmere General Hospital is short of midwives. Local MP Lena Castro, who told the Commons last week "
        "that the maternity unit would close at weekends from June, said the town felt ignored."
    )
    assert _ids(findings) == ["fc-c-01"]


def test_a_relative_clause_that_denies_the_claim_is_not_flagged():
    findings = _detect(
        "Parents queued for garlic capsules, which do not protect children against whooping cough, at two "
        "Dunmere chemists."
    )
    assert findings == []


def test_a_relative_clause_on_another_matter_is_not_flagged():
    findings = _detect("The Dunmere maternity unit, which opened a new birthing pool in June, has hired six midwives.")
    assert findings == []


def test_one_shared_word_and_a_covered_year_reach_a_claim():
    # "never made a loss in its 90-year history" shares one word with the claim ("loss") and
    # covers its year: enough to be analysed, and it denies a loss rated true.
    true_loss = FactCheckEntry(
        "fc-c-04", "https://fc.example.org/c04", "Ashcombe Dairies made a loss in 2021.", "true", "True"
    )
    text = (
        "Ashcombe Dairies opened a new plant in Devon. The firm, which has never made a loss in its 90-year "
        "history, employs 400 people."
    )
    document = Document(text=text, sentences=split_sentences(text))
    findings = ContradictionDetector().detect(document, AnalysisContext(factchecks=(true_loss,)), ())
    assert _ids(findings) == ["fc-c-04"]


def test_one_shared_word_and_another_figure_do_not_reach_a_claim():
    claim = FactCheckEntry(
        "fc-c-05", "https://fc.example.org/c05", "Ashcombe Dairies made a loss of £4m in 2021.", "false", "False"
    )
    text = "Ashcombe Dairies opened a new plant in Devon. A loss of 12 jobs was announced in 2019."
    document = Document(text=text, sentences=split_sentences(text))
    assert ContradictionDetector().detect(document, AnalysisContext(factchecks=(claim,)), ()) == []
