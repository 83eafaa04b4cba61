"""The stance of a sentence towards a claim it matched: asserted, denied, reported, debunked, question. Pure."""

from __future__ import annotations

import pytest

from credibility.analysis.claims.stance import read_stance

MMR = "The MMR vaccine causes autism."
LOSS = "The retailer reported a net loss for its 2016 fiscal year."
MAST = "The new phone mast causes headaches."


def test_stance_plain_statement_is_asserted():
    reading = read_stance(
        "The MMR vaccine causes autism, the leaflet's author believes.", claim=MMR, content_holds=True
    )
    assert (reading.stance, reading.holds) == ("asserted", True)


def test_stance_claim_in_a_relative_clause_is_asserted():
    text = "Parents queued for vitamin C tablets, which can stop people from catching measles, on Monday."
    reading = read_stance(text, claim="Vitamin C tablets can stop people from catching measles.", content_holds=True)
    assert (reading.stance, reading.holds) == ("asserted", True)


def test_stance_negation_in_the_articles_voice_is_denied():
    reading = read_stance("The retailer has never recorded an annual loss.", claim=LOSS, content_holds=False)
    assert (reading.stance, reading.holds, reading.rejection) == ("denied", False, False)


def test_stance_reported_assertion_names_the_speaker():
    text = "Councillor Joe Marsh claimed that the new phone mast causes headaches."
    reading = read_stance(text, claim=MAST, content_holds=True, speakers=[("Joe Marsh", 11)])
    assert (reading.stance, reading.holds, reading.speaker) == ("reported", True, "Joe Marsh")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("According to a viral post, the new phone mast causes headaches.", "a viral post"),
        ("The new phone mast causes headaches, a widely shared video told viewers.", "a widely shared video"),
    ],
)
def test_stance_media_the_attribution_detector_skips_are_still_speakers(text, speaker):
    reading = read_stance(text, claim=MAST, content_holds=True)
    assert (reading.stance, reading.speaker) == ("reported", speaker)


def test_stance_reported_denial_keeps_the_speakers_position():
    text = "There is no evidence that the retailer reported a net loss in 2016, its chairman Ian Roe told shareholders."
    reading = read_stance(text, claim=LOSS, content_holds=True, speakers=[("Ian Roe", 80)])
    assert (reading.stance, reading.holds, reading.speaker) == ("reported", False, "Ian Roe")


@pytest.mark.parametrize(
    ("text", "content_holds"),
    [
        ("Contrary to claims circulating in parenting groups, the MMR vaccine does not cause autism.", False),
        ("Contrary to claims that the MMR vaccine causes autism, it has a strong safety record.", True),
        ("There is no evidence that the MMR vaccine causes autism.", True),
        ("It is not true that the MMR vaccine causes autism.", True),
        ("The myth that the MMR vaccine causes autism has cost lives.", True),
        ("Scientists long ago debunked the idea that the MMR vaccine causes autism.", True),
        ("Baseless claims that the MMR vaccine causes autism are spreading again.", True),
        ("The MMR vaccine causes autism, a claim that is unfounded.", True),
    ],
)
def test_stance_debunk_forms_reject_the_claim_in_the_articles_voice(text, content_holds):
    reading = read_stance(text, claim=MMR, content_holds=content_holds)
    assert (reading.stance, reading.holds) == ("debunked", False)


@pytest.mark.parametrize(
    "text",
    [
        "Hensley falsely claimed that the MMR vaccine causes autism.",
        "Hensley wrongly said the MMR vaccine causes autism.",
        "Hensley repeated the debunked claim that the MMR vaccine causes autism.",
    ],
)
def test_stance_a_rebutted_report_is_the_articles_debunk_not_a_report(text):
    reading = read_stance(text, claim=MMR, content_holds=True, speakers=[("Hensley", 0)])
    assert (reading.stance, reading.holds, reading.speaker) == ("debunked", False, None)


def test_stance_take_back_in_the_next_sentence_or_a_later_clause():
    following = read_stance(MMR, claim=MMR, content_holds=True, following="That claim is false.")
    later = read_stance(
        "Hensley said the MMR vaccine causes autism, but there is no evidence for this.",
        claim=MMR,
        content_holds=True,
        speakers=[("Hensley", 0)],
    )
    assert (following.stance, following.holds) == ("debunked", False)
    assert (later.stance, later.holds) == ("debunked", False)


def test_stance_double_negation_under_a_rejection_is_marked():
    reading = read_stance(
        "There is no evidence that the MMR vaccine does not cause autism.", claim=MMR, content_holds=False
    )
    assert reading.holds is True and reading.rejection  # the detector never flags it against a false verdict


def test_stance_counter_opening_keeps_an_own_voice_assertion():
    reading = read_stance(
        "Contrary to official assurances, the new phone mast causes headaches.", claim=MAST, content_holds=True
    )
    assert (reading.stance, reading.holds, reading.rejection) == ("asserted", True, False)


def test_stance_a_denial_elsewhere_does_not_govern_the_claim():
    text = "The operator denied any wrongdoing, but the new phone mast causes headaches."
    assert read_stance(text, claim=MAST, content_holds=True).stance == "asserted"


def test_stance_falsely_denied_restores_the_claim():
    reading = read_stance(
        "The operator falsely denied that the new phone mast causes headaches.", claim=MAST, content_holds=True
    )
    assert (reading.stance, reading.holds, reading.rejection) == ("asserted", True, False)


@pytest.mark.parametrize(
    "text",
    [
        "Could the new mast really cause headaches?",
        '"Does the new phone mast cause headaches?" one resident asked.',
        "Residents asked whether the new phone mast causes headaches.",
        "It is unclear whether the new phone mast causes headaches.",
    ],
)
def test_stance_question_asserts_nothing(text):
    reading = read_stance(text, claim=MAST, content_holds=True)
    assert (reading.stance, reading.holds) == ("question", None)


def test_the_record_set_against_a_claim_in_the_same_sentence_rebuts_it():
    from credibility.analysis.claims.stance import read_stance

    claim = "Ticket prices at Orwell Park have doubled since 2021."
    for text in (
        "The club's chairman claimed that ticket prices had doubled since 2021; the club's own figures show a rise of 12%.",
        "The chairman claimed ticket prices had doubled since 2021, though figures published by the supporters' trust point to a far smaller rise.",
        "A fan group claimed that ticket prices had doubled since 2021, although it offered no evidence.",
        "A fan group claimed, without citing figures, that ticket prices had doubled since 2021.",
    ):
        reading = read_stance(text, claim=claim, content_holds=True)
        assert reading.rejection, text
    # Figures in the next sentence may confirm what was said: no rebuttal from them alone.
    reading = read_stance(
        "The chairman said ticket prices had risen by 12% since 2021.",
        claim=claim,
        content_holds=True,
        following="Figures published by the supporters' trust show a rise of 12%.",
    )
    assert not reading.rejection


def test_a_claim_its_subject_denies_or_nobody_could_verify_is_kept_at_a_distance():
    from credibility.analysis.claims.stance import read_stance

    claim = "Harlow Bank hid a £9m fraud at one of its branches."
    for text in (
        "Some users alleged that Harlow Bank hid a £9m fraud at a branch, though the bank has denied the allegation.",
        "A forum claimed Harlow Bank hid a £9m fraud at a branch, an allegation the bank rejects.",
        "A post alleged that Harlow Bank hid a £9m fraud at a branch; the post could not be independently verified.",
        "Videos purporting to show Harlow Bank hiding a £9m fraud at a branch circulated online.",
    ):
        assert read_stance(text, claim=claim, content_holds=True).rejection, text


@pytest.mark.parametrize(
    "following",
    [
        "The health board said the claim was false.",
        "A spokesman for the trust told reporters that was untrue.",
        "But the hospital's chief executive insisted the rumour was baseless.",
    ],
)
def test_stance_a_speaker_taking_the_claim_back_in_the_next_sentence_rebuts_it(following):
    text = "Messages shared on a parents' forum claimed that the Ridgeway maternity unit would close in May."
    claim = "The Ridgeway maternity unit will close in May."
    reading = read_stance(text, claim=claim, content_holds=True, following=following)
    assert reading.rejection


def test_stance_a_speaker_in_the_next_sentence_who_adds_news_does_not_rebut():
    text = "Messages shared on a parents' forum claimed that the Ridgeway maternity unit would close in May."
    claim = "The Ridgeway maternity unit will close in May."
    following = "The health board said the unit had delivered 2,000 babies last year."
    assert not read_stance(text, claim=claim, content_holds=True, following=following).rejection


def test_stance_a_question_cue_after_the_claim_does_not_make_it_a_question():
    text = "The striker, whose contract pays him £90,000 a week, would not say whether he plans to stay."
    reading = read_stance(text, claim="The striker is paid £90,000 a week.", content_holds=True)
    assert (reading.stance, reading.holds) == ("asserted", True)
    # The cue still asks about what follows it.
    asked = "The striker would not say whether his contract pays him £90,000 a week."
    assert read_stance(asked, claim="The striker is paid £90,000 a week.", content_holds=True).stance == "question"
