"""Contradiction detection against fact-checks and other articles. Pure Python: an invented registry."""

from __future__ import annotations

from credibility.analysis.detectors.contradiction import (
    REPORTED_MAX_CONFIDENCE,
    ContradictionDetector,
    stance_decisions,
)
from credibility.analysis.pipeline import DEFAULT_DETECTORS, finding_to_json
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, FactCheckEntry, Finding, StoredClaim
from credibility.quality.evaluation.factcheck_eval import ClaimRecord, factcheck_figures, negated, number_changed

REGISTRY = (
    FactCheckEntry(
        "fc-t-01",
        "https://fc.example.org/t01",
        "The Brackwater dam collapse killed more than 800 people.",
        "false",
        "False",
    ),
    FactCheckEntry(
        "fc-t-02",
        "https://fc.example.org/t02",
        "Mayor Helen Ostrova cut the Brackwater fire service budget by 30%.",
        "false",
        "False",
    ),
    FactCheckEntry(
        "fc-t-03",
        "https://fc.example.org/t03",
        "Kelvor Pharma's new inhaler is approved for children under twelve.",
        "true",
        "True",
    ),
    FactCheckEntry(
        "fc-t-04",
        "https://fc.example.org/t04",
        "The Brackwater reservoir has never run dry before this summer.",
        "mostly_true",
        "Mostly True",
    ),
    FactCheckEntry(
        "fc-t-05",
        "https://fc.example.org/t05",
        "Tap water in Brackwater contains dangerous levels of lead.",
        "false",
        "Pants on Fire",
    ),
    FactCheckEntry(
        "fc-t-06", "https://fc.example.org/t06", "Unemployment in Brackwater fell last year.", "true", "True"
    ),
    FactCheckEntry(
        "fc-t-07",
        "https://fc.example.org/t07",
        "Brackwater General Hospital has the longest waiting times in the region.",
        "mixed",
        "Half True",
    ),
)


def _detect(
    text: str, *, factchecks: tuple[FactCheckEntry, ...] = REGISTRY, claims: tuple[StoredClaim, ...] = ()
) -> list[Finding]:
    document = Document(text=text, sentences=split_sentences(text))
    return ContradictionDetector().detect(document, AnalysisContext(factchecks=factchecks, other_claims=claims), ())


def _ids(findings: list[Finding]) -> list[str | None]:
    return [f.evidence.identifier if f.evidence else None for f in findings]


def test_contradiction_asserting_a_false_claim_fires():
    findings = _detect("Residents said the water was brown. Tap water in Brackwater contains dangerous levels of lead.")
    assert _ids(findings) == ["fc-t-05"]
    finding = findings[0]
    assert finding.kind == "contradicted_claim" and finding.detector == "contradiction@1"
    assert finding.rule == "asserts-false:fc-t-05"
    assert "Pants on Fire" in finding.explanation and "dangerous levels of lead" in finding.explanation
    assert 0.0 <= finding.confidence <= 1.0


def test_contradiction_denying_a_true_claim_fires():
    findings = _detect("Kelvor Pharma's new inhaler is not approved for children under twelve.")
    assert _ids(findings) == ["fc-t-03"]
    assert findings[0].rule == "denies-true:fc-t-03"


def test_contradiction_antonym_denies_a_true_claim():
    findings = _detect("Unemployment in Brackwater rose last year, official figures show.")
    assert _ids(findings) == ["fc-t-06"]


def test_contradiction_asserting_true_or_denying_false_does_not_fire():
    assert _detect("Kelvor Pharma's new inhaler is approved for children under twelve, the regulator said.") == []
    assert _detect("Tap water in Brackwater does not contain dangerous levels of lead, the utility said.") == []
    assert _detect("The council falsely claimed that tap water in Brackwater contains dangerous levels of lead.") == []


def test_contradiction_supporting_stances_are_recorded_not_emitted():
    text = "Kelvor Pharma's new inhaler is approved for children under twelve."
    document = Document(text=text, sentences=split_sentences(text))
    decisions = stance_decisions(document, AnalysisContext(factchecks=REGISTRY))
    assert [(d.factcheck.identifier if d.factcheck else None, d.relation, d.stance) for d in decisions] == [
        ("fc-t-03", "supports", "asserted")
    ]


def test_contradiction_number_mismatch_does_not_fire():
    assert _detect("The Brackwater dam collapse killed more than 8,000 people.") == []
    assert _detect("Mayor Helen Ostrova cut the Brackwater fire service budget by 3%.") == []


def test_contradiction_number_match_fires():
    assert _ids(_detect("The Brackwater dam collapse killed more than 800 people.")) == ["fc-t-01"]


def test_contradiction_entity_mismatch_does_not_fire():
    assert _detect("Mayor Piotr Lanski cut the Brackwater fire service budget by 30%.") == []
    assert _detect("Tap water in Dunhollow contains dangerous levels of lead.") == []


def test_contradiction_paraphrase_fires():
    text = "Brackwater's fire service saw its budget slashed by 30% under Mayor Helen Ostrova."
    assert _ids(_detect(text)) == ["fc-t-02"]
    assert _ids(_detect("The Brackwater dam disaster left over 800 people dead.")) == ["fc-t-01"]


def test_contradiction_reported_assertion_fires_as_reported_with_the_speaker_named():
    text = "Councillor Joe Marsh claimed that tap water in Brackwater contains dangerous levels of lead."
    findings = _detect(text)
    assert _ids(findings) == ["fc-t-05"]
    reported = findings[0]
    assert reported.rule == "reports-assertion-false:fc-t-05"
    assert reported.meta["stance"] == "reported" and reported.meta["speaker"] == "Joe Marsh"
    assert "Joe Marsh" in reported.explanation
    own = _detect("Tap water in Brackwater contains dangerous levels of lead.")[0]
    assert reported.confidence < own.confidence and reported.confidence <= REPORTED_MAX_CONFIDENCE


def test_contradiction_reported_denial_of_a_true_claim_fires_as_reported():
    text = "Kelvor Pharma's new inhaler is not approved for children under twelve, the company's rival Dana Voss said."
    findings = _detect(text)
    assert [f.rule for f in findings] == ["reports-denial-true:fc-t-03"]


def test_contradiction_debunk_of_a_false_claim_never_fires_while_the_assertion_does():
    assert _ids(_detect("Tap water in Brackwater contains dangerous levels of lead.")) == ["fc-t-05"]
    debunks = (
        "Contrary to claims circulating online, tap water in Brackwater does not contain dangerous levels of lead.",
        "There is no evidence that tap water in Brackwater contains dangerous levels of lead.",
        "Councillor Joe Marsh falsely claimed that tap water in Brackwater contains dangerous levels of lead.",
        "The myth that tap water in Brackwater contains dangerous levels of lead refuses to die.",
        "Baseless claims that tap water in Brackwater contains dangerous levels of lead spread on Facebook.",
        "It is not true that tap water in Brackwater contains dangerous levels of lead.",
        "A viral post said tap water in Brackwater contains dangerous levels of lead. That claim is false.",
    )
    for text in debunks:
        assert _detect(text) == [], text


def test_contradiction_debunk_decision_is_recorded_as_support():
    text = "There is no evidence that tap water in Brackwater contains dangerous levels of lead."
    document = Document(text=text, sentences=split_sentences(text))
    decisions = stance_decisions(document, AnalysisContext(factchecks=REGISTRY))
    assert [(d.relation, d.stance) for d in decisions] == [("supports", "debunked")]


def test_contradiction_question_never_fires():
    assert _detect("Could tap water in Brackwater really contain dangerous levels of lead?") == []
    assert _detect("Residents asked whether tap water in Brackwater contains dangerous levels of lead.") == []


def test_contradiction_claim_in_a_relative_clause_is_asserted():
    text = "Brackwater residents are drinking tap water, which contains dangerous levels of lead, every day."
    assert [f.rule for f in _detect(text)] == ["asserts-false:fc-t-05"]


def test_contradiction_first_ever_matches_never_before():
    assert _detect("This summer the Brackwater reservoir ran dry for the first time in its history.") == []
    assert _ids(_detect("The Brackwater reservoir has run dry many times before this summer.")) == []


def test_contradiction_mixed_verdict_never_fires():
    assert _detect("Brackwater General Hospital has the longest waiting times in the region.") == []


def test_contradiction_keyword_overlap_alone_does_not_fire():
    assert _detect("Brackwater's tap water was tested for lead at ten schools on Tuesday.") == []


def test_contradiction_article_conflicting_numbers_fires_with_lower_confidence():
    other = StoredClaim(
        article_id=41,
        start=0,
        end=60,
        text="The Harlow Street fire killed 12 residents of the tower block.",
        annotation_id=7,
    )
    findings = _detect("The Harlow Street fire killed 19 residents of the tower block.", factchecks=(), claims=(other,))
    assert len(findings) == 1
    assert findings[0].evidence_claim == other and findings[0].evidence is None
    assert findings[0].rule == "conflicts-with-article:41"
    fact = _detect("Tap water in Brackwater contains dangerous levels of lead.")[0]
    assert findings[0].confidence < fact.confidence
    assert finding_to_json(findings[0])["evidence"] == {"article": 41, "annotation": 7, "quote": other.text}


def test_contradiction_article_opposite_polarity_fires_and_agreement_does_not():
    other = StoredClaim(article_id=9, start=0, end=50, text="The Harlow Street tower block had working sprinklers.")
    assert _detect("The Harlow Street tower block had no working sprinklers.", factchecks=(), claims=(other,))[
        0
    ].rule == ("conflicts-with-article:9")
    assert (
        _detect("Inspectors said the Harlow Street tower block had working sprinklers.", factchecks=(), claims=(other,))
        == []
    )


def test_contradiction_quote_is_the_sentence_span():
    text = "Fire crews worked overnight.\n\nTap water in Brackwater contains dangerous levels of lead, a post claimed."
    findings = _detect(text)
    assert findings and all(f.quote == text[f.start : f.end] for f in findings)
    assert findings[0].quote.startswith("Tap water")


def test_contradiction_is_registered_after_the_claim_detectors():
    names = [d.name for d in DEFAULT_DETECTORS]
    assert names.index("contradiction") > names.index("unsourced")


def test_contradiction_finding_json_names_the_factcheck():
    finding = _detect("Tap water in Brackwater contains dangerous levels of lead.")[0]
    evidence = finding_to_json(finding)["evidence"]
    assert evidence == {
        "identifier": "fc-t-05",
        "url": "https://fc.example.org/t05",
        "claim_reviewed": "Tap water in Brackwater contains dangerous levels of lead.",
        "rating": "Pants on Fire",
        "verdict": "false",
    }


def test_factcheck_figures_templates():
    assert negated("The mayor has cut 300 jobs.") == "The mayor has not cut 300 jobs."
    assert number_changed("The mayor has cut 300 jobs since 2019.") == "The mayor has cut 3,000 jobs since 2019."
    records = [
        ClaimRecord("r1", "The governor has cut 300 teaching jobs in Ohio.", "false", "jane-doe"),
        ClaimRecord("r2", "Ohio has the lowest income tax in the Midwest.", "true"),
    ]
    figures = factcheck_figures(records)
    assert figures.false_claims == 1 and figures.flagged_right == 1.0
    assert figures.negated_flagged == 0.0 and figures.number_matched == 0.0


SOFT = (
    FactCheckEntry("fc-s-01", None, "Two-thirds of Brackwater households lost power in the storm.", "false", "False"),
    FactCheckEntry("fc-s-02", None, "Bus fares in Brackwater rose sharply last year.", "false", "False"),
    FactCheckEntry("fc-s-03", None, "The Ostrova bridge repairs were approved by the council.", "true", "True"),
)


def test_contradiction_number_formats_agree_and_conflict():
    assert _ids(_detect("In the storm, 66% of Brackwater households lost power.", factchecks=SOFT)) == ["fc-s-01"]
    assert _detect("In the storm, 16% of Brackwater households lost power.", factchecks=SOFT) == []


def test_contradiction_direction_paraphrase_and_denial_frames():
    assert _ids(_detect("Brackwater hiked its bus fares sharply last year.", factchecks=SOFT)) == ["fc-s-02"]
    assert _detect("There is no evidence that bus fares in Brackwater rose sharply last year.", factchecks=SOFT) == []
    # a negative prefix denies the true claim
    assert _ids(_detect("The Ostrova bridge repairs remain unapproved by the council.", factchecks=SOFT)) == ["fc-s-03"]


def test_contradiction_possessive_speaker_is_not_another_subject():
    text = "Bus fares in Brackwater are a sore point. Mayor Ostrova's spokesman said bus fares rose sharply last year."
    assert _ids(_detect(text, factchecks=SOFT)) == ["fc-s-02"]


def test_contradiction_a_weak_echo_of_a_flagged_claim_is_not_flagged_again():
    text = (
        "Bus fares in Brackwater rose sharply last year, a viral post claimed. "
        "Bus fares rose in Brackwater, the post went on."
    )
    # The second sentence repeats the claim (without "sharply"): a repetition, flagged again.
    assert _ids(_detect(text, factchecks=SOFT)) == ["fc-s-02", "fc-s-02"]
    echo = (
        "Bus fares in Brackwater rose sharply last year, a viral post claimed. The post drew angry replies about fares."
    )
    assert _ids(_detect(echo, factchecks=SOFT)) == ["fc-s-02"]


TRAMS = FactCheckEntry(
    "fc-t-08",
    "https://fc.example.org/t08",
    "Westgate trams run every 10 minutes at peak times.",
    "true",
    "True",
)


def test_contradiction_another_figure_for_a_true_claim_denies_it():
    findings = _detect("At peak times Westgate trams run only every 20 minutes.", factchecks=(TRAMS,))
    assert _ids(findings) == ["fc-t-08"]
    assert findings[0].rule.startswith("denies-true")


def test_contradiction_the_true_figure_or_one_within_its_bound_is_no_contradiction():
    assert _detect("At peak times Westgate trams run every ten minutes.", factchecks=(TRAMS,)) == []
    recall = FactCheckEntry(
        None, "https://fc.example.org/t09", "Greenhollow recalled more than 300,000 bags of salad.", "true", "True"
    )
    assert _detect("Greenhollow has recalled 340,000 bags of salad.", factchecks=(recall,)) == []


def test_contradiction_a_false_claim_written_with_diacritics_or_number_words_still_matches():
    dam = FactCheckEntry(
        None, "https://fc.example.org/t10", "The Suoi Da dam collapse killed 1,200 people.", "false", "False"
    )
    assert len(_detect("The Suối Đá dam collapse killed twelve hundred people.", factchecks=(dam,))) == 1


# A claim about one town's council tax; the articles below set the topic first, then state the
# claim without repeating it, as news does.
_TAX_CLAIM = FactCheckEntry(
    "fc-t-topic",
    "https://fc.example.org/topic",
    "Dunmere residents pay the highest council tax in Corbyshire.",
    "false",
    "False",
)
_TAX_SHARE = FactCheckEntry(
    "fc-t-share",
    "https://fc.example.org/share",
    "Council tax makes up 40% of Dunmere's income this year.",
    "true",
    "True",
)


def test_contradiction_topic_set_by_the_sentence_before_counts():
    elided = "Council tax went up again in April. The new bills mean Dunmere households pay more than any other town in Corbyshire."
    assert _ids(_detect(elided, factchecks=(_TAX_CLAIM,))) == ["fc-t-topic"]
    # Without the sentence that sets the topic, the second sentence alone does not carry the claim.
    alone = "The new bills mean Dunmere households pay more than any other town in Corbyshire."
    assert _detect(alone, factchecks=(_TAX_CLAIM,)) == []


def test_contradiction_another_figure_denies_a_true_claim_only_when_the_rest_is_the_same_claim():
    assert _ids(_detect("Council tax makes up 25% of Dunmere's income this year.", factchecks=(_TAX_SHARE,))) == [
        "fc-t-share"
    ]
    # Some other percentage of the same subject is another claim, with or without the topic set
    # by the sentence before.
    assert _detect("Dunmere's income rose 12% this year.", factchecks=(_TAX_SHARE,)) == []
    text = "Council tax went up again in April. Dunmere's income rose 12% this year."
    assert _detect(text, factchecks=(_TAX_SHARE,)) == []


def _fc(claim: str, verdict: str = "false") -> FactCheckEntry:
    return FactCheckEntry("fc-t-x", "https://fc.example.org/x", claim, verdict, verdict.title())


def test_contradiction_not_passing_is_failing():
    claim = _fc("Two thirds of Dunmere pupils failed their driving theory test in 2023.")
    assert _ids(
        _detect("Two in three Dunmere pupils did not pass the driving theory test in 2023.", factchecks=(claim,))
    )
    # Passing is the opposite: it denies the false claim, and is never flagged.
    assert _detect("Two in three Dunmere pupils passed the driving theory test in 2023.", factchecks=(claim,)) == []


def test_contradiction_left_without_is_lost():
    claim = _fc("The Corbyshire floods left 40,000 homes without electricity.")
    text = "Some 40,000 homes lost electricity when the Corbyshire floods peaked."
    assert _ids(_detect(text, factchecks=(claim,))) == ["fc-t-x"]


def test_contradiction_nobody_before_is_the_first():
    claim = _fc("Dunmere was the first town in Corbyshire to ban plastic bags.")
    text = "No town in Corbyshire had banned plastic bags before Dunmere did so in 2019."
    assert _ids(_detect(text, factchecks=(claim,))) == ["fc-t-x"]


def test_contradiction_an_elliptical_answer_denies_the_question():
    claim = _fc("Dunmere council is scrapping its weekly bin collections.")
    text = (
        "Is Dunmere council scrapping its weekly bin collections, as posts online say? "
        "It is not: weekly collections are written into the council's waste contract until 2030."
    )
    assert _detect(text, factchecks=(claim,)) == []
    asserted = "Dunmere council is scrapping its weekly bin collections, the posts say. It is: the vote was on Monday."
    assert _ids(_detect(asserted, factchecks=(claim,)))


def test_contradiction_a_sentence_led_by_another_subject_is_another_claim():
    claim = _fc("Dunmere Rovers were fined £40,000 for crowd trouble in 2024.")
    other = "Dunmere Rovers drew 1-1 on Saturday. Rivals Corbyn Athletic were fined £40,000 for crowd trouble in 2024."
    assert _detect(other, factchecks=(claim,)) == []
    same = "Dunmere Rovers drew 1-1 on Saturday. The club were fined £40,000 for crowd trouble in 2024."
    assert _ids(_detect(same, factchecks=(claim,))) == ["fc-t-x"]


def test_contradiction_a_correction_by_contrast_is_a_debunk():
    claim = _fc("The Dunmere bypass will cost £2 billion.")
    corrected = "The Dunmere bypass is budgeted at £900 million, far below the £2 billion figure cited in posts on social media."
    assert _detect(corrected, factchecks=(claim,)) == []
    reported = "The Dunmere bypass will cost £2 billion, according to a post shared on social media."
    assert _ids(_detect(reported, factchecks=(claim,))) == ["fc-t-x"]


def test_contradiction_claims_called_exaggerated_or_premature_are_rejected():
    claim = _fc("Dunmere's new bridge cost £90 million.")
    for verdict_word in ("exaggerated", "premature", "overblown"):
        text = f"Claims online that Dunmere's new bridge cost £90 million were {verdict_word}, the council said."
        assert _detect(text, factchecks=(claim,)) == [], verdict_word


def test_contradiction_a_claim_the_article_denies_is_not_asserted_by_its_background_sentence():
    claim = _fc("The Corbyn probe has found ice on Mars.")
    background = "Scientists have long thought the Corbyn probe could find ice on Mars near the pole."
    denied = "Reports that the Corbyn probe has found ice on Mars were premature, the agency said."
    assert _ids(_detect(background + " It has found ice on Mars, the team said.", factchecks=(claim,)))
    assert _detect(denied + " The Corbyn probe has found ice on Mars near the pole.", factchecks=(claim,)) == []


def test_contradiction_a_false_claim_repeated_in_several_sentences_is_flagged_each_time():
    claim = _fc("Knife crime in Oldbridge rose by a half in 2024.")
    text = (
        "Knife crime in Oldbridge rose by 50% in 2024, according to a leaflet from the Safer Oldbridge campaign. "
        "The campaign's chair, Ava Linton, told a meeting that knife offences in the town had climbed by half last year, "
        "in 2024. Police figures for the town will be published in March."
    )
    flagged = _detect(text, factchecks=(claim,))
    assert len(flagged) == 2 and _ids(flagged) == ["fc-t-x", "fc-t-x"]


def test_contradiction_a_claim_of_deaths_needs_the_deaths():
    claim = _fc("A child has died of whooping cough in Marl County this year.")
    assert (
        _detect("Marl County confirmed nine new whooping cough cases in children this year.", factchecks=(claim,)) == []
    )
    assert _ids(_detect("A child in Marl County has died of whooping cough this year.", factchecks=(claim,))) == [
        "fc-t-x"
    ]


def test_contradiction_near_misses_that_share_everything_but_the_claim_are_not_flagged():
    # Each sentence shares the claim's names and most of its words, and states another claim: a
    # free transfer is no record fee, a denial no admission, the shortest no tallest. (WordLlama's
    # word vectors rank such near misses as close to the claim as its paraphrases, or closer: README,
    # "Eleventh pass".)
    pairs = (
        (
            "Halberd Rovers broke the British transfer record to sign Tomas Verlaan.",
            "Halberd Rovers signed Tomas Verlaan on a free transfer in June.",
        ),
        (
            "Dariusz Kowal admitted setting fire to the Elmstead warehouse.",
            "Dariusz Kowal denied setting fire to the Elmstead warehouse.",
        ),
        (
            "Greywater Tower is the tallest building in Marlow Bay.",
            "Greywater Tower is the shortest building in Marlow Bay.",
        ),
        ("The Tarrow bypass cost taxpayers £90 million.", "The Tarrow bypass cost taxpayers £19 million."),
        (
            "Marsh Lane library closed its doors for good in 2019.",
            "Marsh Lane library closed its doors for good in 2021.",
        ),
    )
    for claim, sentence in pairs:
        assert _ids(_detect(claim, factchecks=(_fc(claim),))) == ["fc-t-x"], claim  # the claim itself is flagged
        assert _detect(sentence, factchecks=(_fc(claim),)) == [], sentence


def test_contradiction_an_explicit_debunk_of_a_paraphrased_claim_is_never_flagged():
    claim = _fc("The Aldermoor rocket exploded on the launch pad.")
    for text in (
        "Contrary to claims online, the Aldermoor rocket did not explode on the launch pad.",
        "There is no evidence that the Aldermoor rocket exploded on the launch pad, the agency said.",
    ):
        assert _detect(text, factchecks=(claim,)) == [], text
    assert _ids(_detect("The Aldermoor rocket exploded on the launch pad on Monday.", factchecks=(claim,))) == [
        "fc-t-x"
    ]


def test_contradiction_a_sentence_lacking_a_negative_claims_negation_does_not_reject_it_elsewhere():
    never = FactCheckEntry(
        identifier="fc-t-never",
        url="https://fc.example.org/never",
        claim_reviewed="Westholm District Council has not opened a single public swimming pool since 2012.",
        verdict="false",
        rating_label="False",
    )
    text = (
        "Westholm District Council opened the doors of a single public swimming pool to families on Saturday. "
        "The council, which has not opened a single public swimming pool since 2012, is short of money."
    )
    # The first sentence lacks the claim's negation but negates nothing itself: the assertion in
    # the second still counts.
    assert _ids(_detect(text, factchecks=(never,))) == ["fc-t-never"]
    # An explicit rejection elsewhere still makes the assertion background.
    rejected = text.replace(
        "opened the doors of a single public swimming pool to families on Saturday",
        "said it was untrue that it has not opened a single public swimming pool since 2012",
    )
    assert _detect(rejected, factchecks=(never,)) == []


# --- the shortcuts of the registry check (issue 17): each must change no finding ---------------

_SHORTCUT_TEXT = (
    "Mayor Helen Ostrova cut the Brackwater fire service budget by 30% last spring, residents said. "
    "The Brackwater dam collapse killed more than 800 people. Officials in Dunmore disagreed. "
    "The reservoir has run dry before, and Kelvor Pharma's inhaler is not approved for children under twelve. "
    "Brackwater General Hospital has the longest waiting times in the region, a nurse claimed. "
    "Unemployment in Brackwater rose last year, according to the council."
)


def test_contradiction_candidate_probe_keys_are_the_head_keys_of_their_concepts():
    # _Postings indexes a candidate's concepts by head_keys: the keys claim_probes gives them.
    from credibility.analysis.claims.matching import head_keys, profile, profile_probes

    for entry in REGISTRY:
        analysed = profile(entry.claim_reviewed)
        assert tuple(head_keys(head) for head in analysed.concepts) == profile_probes(analysed)
    for sentence in split_sentences(_SHORTCUT_TEXT):
        analysed = profile(sentence.text)
        assert tuple(head_keys(head) for head in analysed.concepts) == profile_probes(analysed)


def test_contradiction_names_pretest_rules_out_only_pairs_that_match_rules_out():
    from credibility.analysis.claims.matching import document_words, match, names_rule_out, profile

    sentences = split_sentences(_SHORTCUT_TEXT)
    words = document_words([s.text for s in sentences])
    other_claims = ["Dunmore officials approved the levy.", "Helen Ostrova resigned as mayor of Kessel."]
    claims = [profile(e.claim_reviewed) for e in REGISTRY] + [profile(c) for c in other_claims]
    ruled_out = 0
    for sentence in sentences:
        analysed = profile(sentence.text)
        for claim in claims:
            if claim.names and names_rule_out(analysed, claim, words | analysed.words):
                ruled_out += 1
                assert match(analysed, claim, words) is None
    assert ruled_out  # the test exercises the shortcut


def test_contradiction_findings_are_the_same_without_undecided_verdicts():
    document = Document(text=_SHORTCUT_TEXT, sentences=split_sentences(_SHORTCUT_TEXT), title="Brackwater news")
    plain = ContradictionDetector().detect(document, AnalysisContext(factchecks=REGISTRY), ())
    decisive = tuple(e for e in REGISTRY if e.verdict not in ("mixed", "unproven"))
    without = ContradictionDetector().detect(document, AnalysisContext(factchecks=decisive), ())
    assert plain and plain == without
    # stance_decisions still reports the undecided verdict's pairs (a service may log them).
    decisions = stance_decisions(document, AnalysisContext(factchecks=REGISTRY))
    assert any(d.factcheck is not None and d.factcheck.verdict == "mixed" for d in decisions)
