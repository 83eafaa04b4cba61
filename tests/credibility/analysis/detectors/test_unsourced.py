from credibility.analysis.detectors.unsourced import _worth_flagging
from credibility.analysis.pipeline import analyze_text


def test_a_claim_the_model_finds_checkworthy_is_flagged_unless_the_rules_read_a_prediction():
    assert _worth_flagging(0.9, 0.1, ("past-action",))
    assert not _worth_flagging(0.9, 0.1, ("future-or-conditional",))
    assert not _worth_flagging(0.9, 0.1, ("evaluative",))


def test_a_statistic_the_rules_score_high_needs_only_a_low_model_score():
    assert _worth_flagging(0.25, 0.75, ("statistic-noun",))
    assert not _worth_flagging(0.1, 0.75, ("statistic-noun",))
    assert not _worth_flagging(0.5, 0.3, ("past-action",))


def test_unsourced_flags_carry_the_learned_probability():
    text = "Attendances at the ground have fallen by almost a quarter this season."
    findings = [f for f in analyze_text(text=text).findings if f.kind == "unverified_claim"]
    assert [f.reason for f in findings] == ["unsourced"]
    assert 0.0 < float(findings[0].meta["checkworthiness"]) < 1.0


def test_text_with_a_lone_surrogate_is_analysed_not_refused():
    text = "Unemployment rose to 12% last year \ud800 in the region."
    assert analyze_text(text=text).findings is not None
