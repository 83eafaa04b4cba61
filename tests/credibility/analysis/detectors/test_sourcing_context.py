"""Sourcing with context (issue 18): the attribution detector and the claim detectors agree."""

from __future__ import annotations

from credibility.analysis.detectors.hedges import HedgeDetector
from credibility.analysis.detectors.unsourced import UnsourcedDetector
from credibility.analysis.pipeline import analyze_text
from credibility.analysis.types import Finding


def _findings(text: str, kind: str) -> list[Finding]:
    return [f for f in analyze_text(text=text).findings if f.kind == kind]


def _sources(text: str) -> list[tuple[str, str]]:
    return [(f.source.name, f.source.kind) for f in _findings(text, "source_attribution") if f.source is not None]


def test_figures_from_a_named_body_are_a_source() -> None:
    text = "Figures from the Office for National Statistics showed unemployment rose by 20,000 to 1.4 million."
    assert _sources(text) == [("Office for National Statistics", "government_body")]
    assert _findings(text, "unverified_claim") == []


def test_a_bodys_figures_have_shown_is_a_source() -> None:
    text = "Mortgage approvals fell to 80,000 in March, official Bank of England figures have shown."
    assert _sources(text) == [("Bank of England", "organization")]
    assert _findings(text, "unverified_claim") == []


def test_the_report_found_credits_the_body_named_before() -> None:
    text = "The Audit Commission looked at 40 councils. The report found that 40% of schools had no qualified teacher."
    assert ("Audit Commission", "government_body") in _sources(text)
    assert _findings(text, "unverified_claim") == []


def test_a_source_in_the_next_sentence_covers_the_claim() -> None:
    text = (
        "Mortgage lending fell to a near 10-year low last month.\n\n"
        "The figures from the Bank of England showed a drop of 5% in approvals."
    )
    assert _findings(text, "unverified_claim") == []
    closing = "Germany's economy grew 1.7% in 2004.\n\nExports rose by 8% last year, the statistical office said."
    assert _findings(closing, "unverified_claim") == []


def test_a_new_statement_opening_the_next_sentence_does_not_cover_the_claim() -> None:
    text = (
        "Attendances at the ground have fallen by almost a quarter this season.\n\n"
        "A spokesperson for the club said the manager would stay."
    )
    assert [f.reason for f in _findings(text, "unverified_claim")] == ["unsourced"]


def test_unnamed_data_is_a_vague_source() -> None:
    text = "More than 63,000 mobile phones have been left in London cabs in six months, according to a survey."
    assert [f.reason for f in _findings(text, "unverified_claim")] == ["vague_source"]


def test_unnamed_data_whose_owner_the_next_sentence_names_is_sourced() -> None:
    text = (
        "House building slowed to its lowest rate in three years in May, according to a survey. "
        "The Federation of Master Builders said its activity index dropped to 44 from 49."
    )
    assert _findings(text, "unverified_claim") == []


def test_unnamed_data_followed_by_a_quote_stays_vague() -> None:
    text = (
        "House building slowed to its lowest rate in three years in May, according to a survey. "
        '"It is a grim picture," said builder Tom Arkwright.'
    )
    assert [f.reason for f in _findings(text, "unverified_claim")] == ["vague_source"]


def test_named_outlets_firms_and_bodies_are_never_vague() -> None:
    for text in (
        "Up to 3,000 jobs could be lost at the plant, according to the Observer.",
        "Chasing away unwanted animals was exempt from the ban, according to Defra's lawyers.",
        "Spending on software rose by 20% in 2004, analysts Gartner said.",
        '"The UK is in a two-tier economy again," said Prebon Yamane economist Lena Komileva.',
    ):
        assert all(kind != "vague" for _, kind in _sources(text)), text
        assert [f for f in _findings(text, "unverified_claim") if f.reason == "vague_source"] == [], text


def test_forecasts_credited_to_analysts_are_opinions_not_unverified_facts() -> None:
    text = "Economists predict that a rate rise is unlikely to come until the second half of 2005."
    assert _findings(text, "unverified_claim") == []


def test_the_claim_detectors_fallback_reads_data_cues_like_the_attribution_detector() -> None:
    # Without the attribution detector, the hedge and unsourced detectors read the same document list.
    detectors = (HedgeDetector(), UnsourcedDetector())
    for text in (
        "Unemployment rose by 20,000 to 1.4 million, figures from the Office for National Statistics showed.",
        "Mortgage approvals fell by 12% to 80,000 in March, the Bank of England's figures have shown.",
        "About 40% of schools had no qualified teacher, the inquiry found.",
    ):
        assert analyze_text(text=text).findings and not [
            f for f in analyze_text(text=text, detectors=detectors).findings if f.kind == "unverified_claim"
        ], text


def test_a_direct_quote_credited_in_the_next_sentence_does_not_source_the_claim() -> None:
    text = 'Unemployment rose by 40% last year. "We will not give in," Vitaliy Kyrylov said on Tuesday.'
    assert [f.reason for f in _findings(text, "unverified_claim")] == ["unsourced"]


def test_a_vague_source_inside_a_continued_quote_is_the_speakers_words() -> None:
    text = (
        "Coach Ann Berg told reporters that the plan was sound. "
        '"I back the winter break. It gives players a rest, which some suggest helps teams in Europe. '
        '"Other coaches say it is a disadvantage. "We will see."'
    )
    assert [f for f in _findings(text, "unverified_claim") if f.reason == "vague_source"] == []


def test_a_vague_source_crediting_a_quote_from_outside_it_stays_vague() -> None:
    text = '"The plant will close in May with the loss of 300 jobs," sources said.'
    assert [f.reason for f in _findings(text, "unverified_claim")] == ["vague_source"]


def test_a_speech_cue_in_a_subordinate_clause_sources_only_its_own_clause() -> None:
    text = (
        "In May the regulator moved £2.1bn of rail subsidies off the public books - shortly before "
        "the transport secretary announced that he would meet his borrowing target."
    )
    assert [f.reason for f in _findings(text, "unverified_claim")] == ["unsourced"]
    assert _sources(text)  # the attribution detector still records who announced what


def test_a_speech_cue_heading_the_main_clause_still_sources_the_sentence() -> None:
    # The speaker's relative clause sits inside the subject: "the man who was arrested said".
    text = "The man who was arrested last week said the council had paid £4m for the land."
    assert _findings(text, "unverified_claim") == []
    # "as X said" credits the main clause.
    credited = "Council tax bills will rise by 4% in April, as the finance director said."
    assert not [f for f in _findings(credited, "unverified_claim") if f.reason == "unsourced"]


def test_the_writers_clause_is_judged_without_the_speakers_clause() -> None:
    from credibility.analysis.detectors.hedges import _subordinate_clause

    text = "Shares in the brewer fell 3% after the company said sales had dropped by a fifth."
    assert text[: _subordinate_clause(text, text.index("the company"))].endswith("fell 3%")
    assert _subordinate_clause("The minister said the scheme cost £4m.", 4) == 0
    # What a speaker reports in the clause is theirs: the writer's clause alone carries no claim.
    reported = "Shares in the brewer have fallen after the company reported that losses had deepened to £40m."
    assert not [f for f in _findings(reported, "unverified_claim") if f.reason == "unsourced"]


def test_a_closing_credit_inside_another_speakers_report_does_not_source_the_sentence_before() -> None:
    text = (
        "In June the agency moved £900m of hospital building costs into the capital budget.\n\n"
        "Labour's Ann Peters said that the agency had received a letter from the Treasury."
    )
    assert [f.reason for f in _findings(text, "unverified_claim")] == ["unsourced"]


def test_an_unnamed_source_before_a_closing_credit_is_part_of_what_it_reports() -> None:
    text = (
        "The average price of a flat in Leeds now stands at £98,450.\n\n"
        "Most buyers now expect prices to rise by 2% over the next year, Ms Okafor said."
    )
    assert not [f for f in _findings(text, "unverified_claim") if f.reason == "unsourced"]


def test_a_closing_credit_in_the_next_paragraph_covers_only_its_own_point() -> None:
    text = (
        "The bridge reopened to lorries on Monday after three weeks of repairs.\n\n"
        "The ferry operator appeared to cut its winter timetable by a third and did not run on Sunday.\n\n"
        "Tolls raised £2.1m last year, according to the harbour board."
    )
    assert [f.reason for f in _findings(text, "unverified_claim")] == ["hedged"]
    same_paragraph = (
        "The bridge reopened to lorries on Monday after three weeks of repairs.\n\n"
        "Freight traffic fell by a third during the closure. "
        "Tolls raised £2.1m last year, according to the harbour board."
    )
    assert _findings(same_paragraph, "unverified_claim") == []
    pointing_back = (
        "The bridge reopened to lorries on Monday after three weeks of repairs.\n\n"
        "Freight traffic fell by a third during the closure.\n\n"
        "This cost the port £2.1m in lost tolls, according to the harbour board."
    )
    assert _findings(pointing_back, "unverified_claim") == []


def test_a_noun_like_cue_closing_the_sentence_is_a_credit() -> None:
    text = "Hospital admissions for asthma rose by 14% over the winter, the agency reports."
    assert _sources(text) == [("agency", "government_body")]
    assert _findings(text, "unverified_claim") == []
    assert _sources("Staff filed the agency reports.") == []


def test_a_document_whose_publisher_its_postmodifier_names_is_that_publishers() -> None:
    text = "The figures, published on Monday by the Scottish Prison Service, put the jail population at 8,100."
    assert _sources(text) == [("Scottish Prison Service", "government_body")]
    assert _findings(text, "unverified_claim") == []
    before = (
        "Fewer than half of the prisoners in the jail were offered work last year. "
        "The data, compiled by the Prison Reform Trust, places it last among 20 jails."
    )
    assert _findings(before, "unverified_claim") == []


def test_a_plural_common_noun_opening_the_sentence_is_an_unnamed_group_not_a_name() -> None:
    for text, group in (
        ("Beekeepers say the number of hives in the county has halved since 2010.", "beekeepers"),
        ("Lifeguards have warned that 30 swimmers drowned on the coast last summer.", "lifeguards"),
        ("Reports say the ferry operator will cut 400 jobs.", "reports"),
        ("Teachers' associations have pointed out that 600 posts remain vacant.", "teachers' associations"),
    ):
        assert _sources(text) == [(group, "vague")], text


def test_a_one_word_name_keeps_its_name_when_the_text_capitalises_it_mid_sentence_or_the_verb_is_singular() -> None:
    text = "Beekeepers say honey prices have doubled. The co-operative, Beekeepers, sells to 40 shops."
    assert ("beekeepers", "vague") not in _sources(text)
    assert _sources("Lifeguards said 30 swimmers drowned on the coast last summer.") != [("lifeguards", "vague")]
    # A group that names its members is not unnamed.
    members = "Proponents, including the National League of Cities, have urged Congress to keep the grant."
    assert all(kind != "vague" for _, kind in _sources(members))


def test_a_document_cited_before_speaks_again_as_the_subject() -> None:
    text = (
        "According to the lawsuit filed by the Harbour Tenants Union, the landlord ignored 40 complaints about damp. "
        "The lawsuit names three managers, including two former council officials."
    )
    assert _findings(text, "unverified_claim") == []
    # A statement about the document is the writer's, not the document's.
    about = (
        "According to the lawsuit filed by the Harbour Tenants Union, the landlord ignored 40 complaints about damp. "
        "The lawsuit was filed in 2019 on behalf of 40 tenants."
    )
    assert [f.reason for f in _findings(about, "unverified_claim")] == ["unsourced"]


def test_a_definite_document_filed_by_unnamed_people_is_the_source_not_a_vague_one() -> None:
    text = "The firm paid $3m in bribes to customs officers, according to the indictment filed by prosecutors in Ohio."
    assert _sources(text) == [("the indictment", "document")]
    assert _findings(text, "unverified_claim") == []


def test_a_spokesperson_for_a_body_referred_back_to_speaks_for_that_named_body() -> None:
    text = (
        "Dr Ruth Amara, the Kellow Valley Water District's chief engineer, said the reservoir was low. "
        'A spokeswoman for the district said there were "no plans" to ration water.'
    )
    assert ("Kellow Valley Water District", "organization") in _sources(text)
    assert [f for f in _findings(text, "unverified_claim") if f.reason == "vague_source"] == []
    # People at the body who do not speak for it stay an unnamed source.
    staff = "The Kellow Valley Water District runs the dam. Some officials at the district say 40 of the valves leak."
    assert [f.reason for f in _findings(staff, "unverified_claim")] == ["vague_source"]
