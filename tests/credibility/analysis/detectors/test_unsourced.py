from credibility.analysis.claims.news_topic import NewsTopic, news_topic
from credibility.analysis.detectors.unsourced import _worth_flagging
from credibility.analysis.pipeline import analyze_text

NEUTRAL = NewsTopic(public_interest=0, leisure=0)
PUBLIC = NewsTopic(public_interest=2, leisure=0)
LEISURE = NewsTopic(public_interest=0, leisure=2)


def test_a_claim_the_model_finds_checkworthy_is_flagged_unless_the_rules_read_a_prediction():
    assert _worth_flagging(0.9, 0.1, ("past-action",), NEUTRAL)
    assert not _worth_flagging(0.9, 0.1, ("future-or-conditional",), NEUTRAL)
    assert not _worth_flagging(0.9, 0.1, ("evaluative",), NEUTRAL)


def test_a_statistic_the_rules_score_high_needs_only_a_low_model_score():
    assert _worth_flagging(0.25, 0.75, ("statistic-noun",), NEUTRAL)
    assert not _worth_flagging(0.1, 0.75, ("statistic-noun",), NEUTRAL)
    assert not _worth_flagging(0.5, 0.3, ("past-action",), NEUTRAL)


def test_a_public_interest_statement_needs_only_a_middle_model_score():
    assert _worth_flagging(0.65, 0.1, ("past-action",), PUBLIC)
    assert not _worth_flagging(0.65, 0.1, ("past-action",), NEUTRAL)
    assert not _worth_flagging(0.65, 0.1, ("future-or-conditional",), PUBLIC)
    assert not _worth_flagging(0.65, 0.1, ("background",), PUBLIC)  # "X borders Y" is not news
    assert not _worth_flagging(0.4, 0.1, ("past-action",), PUBLIC)


def test_routine_leisure_news_is_not_flagged_unless_it_is_a_statistic():
    assert not _worth_flagging(0.95, 0.1, ("past-action",), LEISURE)
    assert _worth_flagging(0.3, 0.6, ("trend", "quantity"), LEISURE)
    # A count of routine events ("won four prizes") is not a measurement.
    assert not _worth_flagging(0.75, 0.5, ("quantity", "statistic-noun", "past-action"), LEISURE)


def test_news_topic_counts_public_interest_and_leisure_words():
    assert news_topic("The magistrates jailed the treasurer for fraud after a trial.").is_public_interest
    assert news_topic("The sitcom won two awards and the band's album went on tour.").is_leisure
    plain = news_topic("The bridge over the river was painted green.")
    assert not plain.is_public_interest and not plain.is_leisure
    # A plural counts as its singular.
    assert (
        news_topic("Regulators fined two lenders.").public_interest
        == news_topic("regulator fine lender").public_interest
    )


def test_a_film_prize_is_not_flagged_but_a_court_ruling_is():
    film = "The low-budget western won all four of the prizes it was nominated for at the festival in Berlin."
    court = "The appeal court quashed the convictions of the three men in 1991 and ordered their release."
    flagged = {
        text: [f.reason for f in analyze_text(text=text).findings if f.kind == "unverified_claim"]
        for text in (film, court)
    }
    assert flagged == {film: [], court: ["unsourced"]}


def test_unsourced_flags_carry_the_learned_probability():
    text = "Attendances at the ground have fallen by almost a quarter this season."
    findings = [f for f in analyze_text(text=text).findings if f.kind == "unverified_claim"]
    assert [f.reason for f in findings] == ["unsourced"]
    assert 0.0 < float(findings[0].meta["checkworthiness"]) < 1.0


def test_text_with_a_lone_surrogate_is_analysed_not_refused():
    text = "Unemployment rose to 12% last year \ud800 in the region."
    assert analyze_text(text=text).findings is not None


def test_can_states_a_present_ability_or_permission_not_a_prediction():
    from credibility.analysis.detectors.unsourced import _statement_features

    can = "From next month pharmacies can sell the pill without a prescription in every county."
    assert _statement_features(can, ("past-action", "future-or-conditional")) == ("past-action",)
    will = "From next month pharmacies will sell the pill, and they can refuse to stock it."
    assert "future-or-conditional" in _statement_features(will, ("future-or-conditional",))
    assert "future-or-conditional" in _statement_features(
        "Councils are expected to raise fees.", ("future-or-conditional",)
    )


def test_the_law_at_work_makes_a_leisure_sentence_public_interest():
    court = news_topic("The pop star and her drummer face a criminal hearing in Lisbon over the missing festival fees.")
    assert court.crime_or_courts and court.is_public_interest and not court.is_leisure
    # "took charge", a film role as a "drug" smuggler, a red-card suspension: not the law at work.
    for routine in (
        "The new manager took charge of the club before the cup final.",
        "The actress won an award for her role as a drug smuggler in the drama.",
        "The striker was suspended for two league matches after the red card.",
    ):
        assert news_topic(routine).is_leisure, routine


def test_a_reaction_to_someone_elses_act_is_the_act_of_speaking_not_a_claim():
    from credibility.analysis.detectors.unsourced import _reaction

    assert _reaction("The farmers' union, which represents 40,000 growers, welcomed the minister's decision.")
    assert _reaction("Retired judge Ann Brodie backed Kessler's ruling on the pension fund.")
    assert _reaction("Campaigners condemned the council's late announcement of the closures.")
    # Voicing a worry is the act of speaking too.
    assert _reaction("The nurses' union voiced concern about the closure of two wards.")
    assert _reaction("She highlighted her particular concern over the rising number of school exclusions.")
    # An act, not a reaction to one: still a claim.
    assert not _reaction("MPs backed the bill by 310 votes to 219 on Tuesday.")
    assert not _reaction("The regulator fined the bank £4m for the decision to hide losses.")
    flags = analyze_text(text="The haulage group, which runs 900 lorries, welcomed the ministry's decision.").findings
    assert not [f for f in flags if f.kind == "unverified_claim"]


def test_the_law_acting_on_someone_is_flagged_whatever_the_model_score():
    arrests = "Two of the caretaker's cousins were also arrested when they visited him in Leeds."
    assert news_topic(arrests).law_event
    assert _worth_flagging(0.05, 0.1, ("past-tense",), news_topic(arrests))
    flags = [f.reason for f in analyze_text(text=arrests).findings if f.kind == "unverified_claim"]
    assert flags == ["unsourced"]
    # Not a prediction, an opinion or background, even so.
    assert not _worth_flagging(0.05, 0.1, ("future-or-conditional",), news_topic("He could be arrested."))


def test_charged_counts_only_in_its_legal_sense():
    assert news_topic("The driver was charged with dangerous driving after the crash.").law_event
    assert news_topic("Detectives have charged two women over the burglaries.").law_event
    assert news_topic("Three teenagers were charged.").law_event
    for other in (
        "The clerk is charged with keeping the minutes of every meeting.",
        "Growth was strongest in charged messaging services.",
        "The garage charged drivers £40 for the repair.",
    ):
        assert not news_topic(other).law_event, other


def test_court_orders_lawsuits_and_custody_are_the_law_at_work():
    order = news_topic("The singer has won a restraining order against a former manager who followed her for weeks.")
    assert order.crime_or_courts and not order.is_leisure
    assert news_topic("The club sued its former coach over the unpaid transfer fees.").crime_or_courts
    assert news_topic("The actor took action against three photographers after the premiere.").crime_or_courts
    assert news_topic("The studio has begun legal action against two film websites.").crime_or_courts
    assert news_topic("The three fans were led away handcuffed after the match.").law_event
    assert news_topic("The former treasurer died in 2019 while serving a six-year sentence.").law_event
    assert news_topic("She is serving her sentence in an open prison.").law_event
    # An "order" for goods, a sentence of prose, serving a team: not the law at work.
    for other in (
        "The airline placed an order for 20 jets with the maker.",
        "The novel's opening sentence runs to three pages.",
        "The keeper served the club for 15 seasons.",
        "The film's action scenes were shot in Prague.",
    ):
        topic = news_topic(other)
        assert not topic.law_event and not topic.crime_or_courts, other


def test_what_a_named_law_does_is_the_law_at_work():
    law = news_topic("Since March, the Clean Air Act has barred lorries from the city centre.")
    assert law.law_event and law.is_public_interest
    assert news_topic("Ministers used the Official Secrets Act against the two clerks.").law_event
    assert news_topic("The treaty was signed under the European Convention on Human Rights in 1998.").law_event
    # A party's or a trade's gathering is no law.
    assert not news_topic("She spoke at the Republican National Convention in Cleveland.").law_event
    assert not news_topic("He met the minister at the Farmers Union Convention in Ames.").law_event
    # "Act" as a verb or a stage, a treaty named by no title: not a named law.
    for other in (
        "The second act of the opera opens in a garden.",
        "Council staff had to act quickly when the river rose.",
        "The play's last act was cut by ten minutes.",
    ):
        assert not news_topic(other).law_event, other


def _unsourced(text: str) -> list[str]:
    return [
        text[f.start : f.end]
        for f in analyze_text(text=text).findings
        if f.kind == "unverified_claim" and f.reason == "unsourced"
    ]


def test_a_state_held_since_a_past_date_is_background():
    for history in (
        "The brewery, on the north bank of the canal, has brewed ale since 1822.",
        "Ms Okoro was appointed in 2009 and has chaired the board ever since.",
        "He had managed the port authority's accounts since 2011 and signed every contract.",
    ):
        assert _unsourced(history) == [], history


def test_a_negated_record_or_a_measured_change_since_a_date_is_still_a_claim():
    assert _unsourced("The city has not raised its parking charges since 2015.") != []
    assert _unsourced("Hospital waiting lists have doubled since 2010.") != []


def test_a_first_person_or_a_reported_belief_is_someones_view_not_the_writers_claim():
    from credibility.analysis.detectors.unsourced import _voice_of_someone

    # A first person outside quotation marks: a quote that lost its marks, a letter, a column.
    assert _voice_of_someone("My landlord raised the rent from £400 to £950 without telling me.")
    assert _voice_of_someone("In our schools, three teachers in ten quit within five years.")
    assert _voice_of_someone("I cut the deficit by $90 billion in four years.")
    # A belief told for its holder.
    assert _voice_of_someone("The growers plainly believed the council had sided with the quarry.")
    assert _voice_of_someone("Ruth Oyelaran, who runs the Lagos depot, thinks it is time the port reopened.")
    # Not the explainer's "you", quoted speech, the epistemic passive (the hedge detector's), a
    # belief in a condition or a relative clause, or "US".
    assert not _voice_of_someone("The register lets you record the serial number of your bicycle.")
    assert not _voice_of_someone('The mayor said "we will rebuild the bridge" on Monday.')
    assert not _voice_of_someone("The ledger is widely believed to have burned in 1911.")
    assert not _voice_of_someone("Tenants can claim up to £2,000 if they think they were overcharged.")
    assert not _voice_of_someone("The US trade deficit widened to $61bn in March.")
    flags = analyze_text(text="My landlord raised the rent from £400 to £950 without telling me.").findings
    assert not [f for f in flags if f.kind == "unverified_claim"]


def test_what_moved_a_measure_or_what_figures_mean_is_checkable_whatever_the_subject():
    from credibility.analysis.detectors.unsourced import _explains_a_measure

    assert _explains_a_measure("Ticket sales were largely driven by the band's farewell tour.")
    assert _explains_a_measure("The rise in arrivals was boosted by cheaper ferry crossings.")
    assert _explains_a_measure("The latest figures mean the port has overtaken Felixstowe.")
    assert not _explains_a_measure("The band was driven by a love of folk music.")
    assert not _explains_a_measure("The figures were published on Tuesday.")
    # From the statistic bar, in leisure news too; never for a prediction or an opinion.
    assert _worth_flagging(0.3, 0.3, ("quantity",), LEISURE, explained=True)
    assert not _worth_flagging(0.3, 0.3, ("quantity",), LEISURE)
    assert not _worth_flagging(0.1, 0.3, ("quantity",), LEISURE, explained=True)
    assert not _worth_flagging(0.9, 0.3, ("future-or-conditional",), NEUTRAL, explained=True)
