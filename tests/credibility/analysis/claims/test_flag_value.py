import pytest

from credibility.analysis.claims.checkworthiness_model import checkworthy_score
from credibility.analysis.claims.flag_value import (
    calibration_from_json,
    claim_checkworthiness,
    flag_calibration,
    flag_confidence,
)
from credibility.analysis.pipeline import analyze_text, finding_to_json
from credibility.analysis.types import AnalysisContext, FactCheckEntry


def test_claim_checkworthiness_is_the_learned_probability():
    sentence = "Unemployment rose to 7.2% in March, the highest rate since 1998."
    assert claim_checkworthiness(sentence) == checkworthy_score(sentence)
    assert claim_checkworthiness(sentence) > claim_checkworthiness("What a wonderful evening that was!")


def test_shipped_calibration_starts_at_zero_and_rises():
    bins = flag_calibration().bins
    assert bins[0].low == 0.0
    confidences = [b.confidence for b in bins]
    assert confidences == sorted(confidences)
    assert all(0 < c < 1 for c in confidences)


def test_flag_confidence_reads_the_bin_of_the_score():
    calibration = calibration_from_json(
        {
            "bins": [
                {"low": 0, "flags": 4, "positives": 1, "confidence": 0.2},
                {"low": 0.5, "flags": 2, "positives": 1, "confidence": 0.4},
            ]
        }
    )
    assert [calibration.confidence(s) for s in (0.0, 0.49, 0.5, 1.0)] == [0.2, 0.2, 0.4, 0.4]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"bins": []},
        {"bins": [{"low": 0.1, "flags": 1, "positives": 0, "confidence": 0.2}]},
        {"bins": [{"low": 0, "flags": 1, "positives": 0, "confidence": 2}]},
    ],
)
def test_calibration_from_json_refuses_a_malformed_table(data):
    with pytest.raises((ValueError, KeyError)):
        calibration_from_json(data)


def test_unverified_findings_carry_the_score_and_the_calibrated_confidence():
    text = (
        "Unemployment rose to 7.2% in March, the highest rate since 1998. "
        "Prices have reportedly doubled in two years. Officials say the contracts were needed."
    )
    findings = [f for f in analyze_text(text=text).findings if f.kind == "unverified_claim"]
    assert {f.reason for f in findings} == {"unsourced", "hedged", "vague_source"}
    for finding in findings:
        assert finding.checkworthiness == claim_checkworthiness(finding.quote)
        assert finding.confidence == flag_confidence(checkworthiness=finding.checkworthiness)
        assert finding_to_json(finding)["checkworthiness"] == round(finding.checkworthiness, 3)


def test_findings_of_other_kinds_have_no_score():
    findings = analyze_text(text="The council recieved 4,000 complaints, the mayor said on Tuesday.").findings
    assert findings and all(f.checkworthiness is None for f in findings if f.kind != "unverified_claim")


def test_contradicted_claims_carry_the_score():
    entry = FactCheckEntry(
        "fc-1",
        "https://fc.example.org/1",
        "Mayor Helen Ostrova cut the Brackwater fire service budget by 30%.",
        "false",
        "False",
    )
    text = "Residents were angry. Mayor Helen Ostrova cut the Brackwater fire service budget by 30%."
    context = AnalysisContext(factchecks=(entry,))
    found = [f for f in analyze_text(text=text, context=context).findings if f.kind == "contradicted_claim"]
    assert found
    assert found[0].checkworthiness == claim_checkworthiness(found[0].quote)


def test_scores_of_many_sentences_match_one_at_a_time_and_repeat():
    from credibility.analysis.claims.flag_value import claim_checkworthiness_many

    texts = ["Unemployment rose to 7.2% in March.", "What a night!", "Unemployment rose to 7.2% in March."]
    many = claim_checkworthiness_many(texts)
    assert many[0] == many[2]
    assert many == pytest.approx([claim_checkworthiness(t) for t in texts], abs=1e-9)
    assert claim_checkworthiness_many([]) == []
