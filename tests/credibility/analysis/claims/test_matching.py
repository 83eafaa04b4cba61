from credibility.analysis.claims.matching import assess, concept, document_words, match, profile


def test_a_name_written_without_its_diacritics_is_the_same_name():
    found = match(
        profile("Tam Kỳ, Quảng Ngãi's provincial capital, has the tallest waterfall in Vietnam."),
        profile("Quang Ngai province has the tallest waterfall in Vietnam."),
    )
    assert found is not None and "name-absent" not in " ".join(found.vetoes)


def test_a_number_in_words_agrees_with_the_same_number_in_digits():
    found = assess(
        profile("By the end of 2024 the county had logged twelve hundred measles cases."),
        profile("The county recorded 1,200 measles cases in 2024."),
    )
    assert found.numbers == "agree" and not found.vetoes


def test_a_superlative_written_as_no_other_is_an_assertion_of_the_record():
    sentence = profile("No other city in Ohio spends as much on policing for each resident as Brackton.")
    assert "record" in sentence.concepts
    found = assess(sentence, profile("Brackton has the highest police spending per resident in Ohio."))
    assert found.same


def test_a_figure_within_the_claims_bound_is_not_a_conflict():
    claim = profile("Greenhollow Foods has recalled more than 300,000 bags of salad.")
    within = assess(profile("Greenhollow Foods has pulled 340,000 bags of salad."), claim, numbers_may_conflict=True)
    below = assess(profile("Greenhollow Foods has pulled 30,000 bags of salad."), claim, numbers_may_conflict=True)
    assert within.numbers == "agree"
    assert below.numbers == "conflict"


def test_an_attributive_lower_or_higher_is_no_direction():
    claim = profile("The Corrin rose higher in the latest storm than in 2012.")
    # "the lower town" names a part of the town: nothing in it says the river fell.
    place = assess(profile("Shops in the lower town stayed shut as the Corrin rose in the latest storm."), claim)
    assert place.same
    fell = assess(profile("The Corrin was lower in the latest storm than in 2012."), claim)
    assert not fell.same


def test_led_to_is_not_read_inside_failed_to():
    # "failed to" must not contain "led to" (cause): the phrase patterns keep their word boundaries.
    analysed = profile("The academy failed to win a single trophy.")
    assert not any(head.startswith("fai") for head in analysed.concepts)
    assert "caus" not in analysed.concepts
    assert analysed.clause_negations == (1,)  # "failed to" is "did not"


def test_a_body_written_in_initials_is_the_body_named_in_full():
    full = profile("Westline Trains reported the derailment to the Office of Rail Regulation within a day.")
    initials = profile("Westline Trains reported the derailment to the ORR within a day.")
    for sentence, claim in ((initials, full), (full, initials)):
        found = assess(sentence, claim)
        assert not found.vetoes and not found.penalties
    # Other initials are another body.
    other = assess(profile("Westline Trains reported the derailment to the RAIB within a day."), full)
    assert other.vetoes or other.penalties


def test_initials_are_taken_only_from_names_of_three_words_or_more():
    from credibility.analysis.claims.matching import acronym

    assert acronym("Drinking Water Inspectorate") == "dwi"
    assert acronym("Bank of England") is None  # "boe": two words after "of", too short to trust
    assert acronym("the water regulator") is None


def _states(sentence: str, claim: str) -> bool:
    found = assess(profile(sentence), profile(claim))
    return not found.vetoes and found.same and found.score >= 0.55


def test_comparisons_with_every_rival_state_a_record_or_the_lowest():
    assert _states(
        "Okafor has now scored more goals for Dunmere than anyone in the club's history.",
        "Okafor has scored more goals than any other player in Dunmere's history.",
    )
    assert _states(
        "No hospital trust in the region gets less money per patient than Corrin.",
        "Corrin gets the lowest funding per patient of any hospital trust in the region.",
    )
    assert _states(
        "Never before has so much snow fallen on Corrin in a single night.",
        "Corrin had its highest single-night snowfall on record.",
    )


def test_most_of_is_a_share_not_a_record():
    share = profile("Most burglaries in Corrin in 2024 were committed by repeat offenders.")
    assert "record" not in share.concepts
    assert _states(
        "Repeat offenders carried out the majority of burglaries in Corrin in 2024.",
        "Most burglaries in Corrin in 2024 were committed by repeat offenders.",
    )


def test_cut_off_from_a_supply_is_losing_it():
    found = assess(
        profile("Some 8,000 homes in Corrin were cut off during the storm."),
        profile("The storm left 8,000 homes in Corrin without power."),
    )
    assert found.same and not found.vetoes and not found.penalties  # "lose" is there, not missing


def test_a_share_with_what_is_counted_in_between_is_a_percentage():
    found = assess(
        profile("Only one pupil in four across Corrin passed the test."),
        profile("A quarter of pupils in Corrin passed the test."),
    )
    assert found.numbers == "agree"
    # A rate is not a share.
    assert not any(q.percent for q in profile("Okafor scored two goals in three games.").quantities)


def test_how_often_as_a_number_of_years():
    every_year = profile("The fair has been held every single year since 1990.")
    assert [(q.value, q.unit) for q in every_year.quantities] == [(1.0, "annual")]
    found = assess(every_year, profile("The Corrin fair is held every two years."), numbers_may_conflict=True)
    assert found.numbers == "conflict"


def test_a_name_written_as_one_word_is_the_same_name():
    found = assess(
        profile("Walkers can climb Ben Corran, the highest peak in the county."),
        profile("Bencorran is the highest peak in the county."),
    )
    assert not found.vetoes


def test_receiving_and_preventing_carry_no_approval_polarity():
    # "received" is no approval and "prevents" no rejection: a sentence without them lacks a
    # content word, not a direction word.
    for claim in ("Half of Corrin's children have received both doses.", "Zinc tablets prevent colds."):
        found = assess(profile("Zinc tablets and doses in Corrin, a report says."), profile(claim))
        assert not any(p.startswith("direction-missing") for p in found.penalties), found.penalties


def test_a_chief_executive_walking_away_with_a_bonus_received_it():
    found = assess(
        profile("Corrin Foods' chief executive walked away with a £3 million bonus last year."),
        profile("The CEO of Corrin Foods received a £3 million bonus last year."),
    )
    assert not found.vetoes and found.same and found.content >= 0.8


def test_initials_in_capitals_may_stand_for_a_two_word_body():
    claim = profile("The FSA closed the Marlow Street bakery in 2022.")
    found = assess(
        profile("Food Standards had nothing to do with it; the Food Agency closed the bakery in 2022."), claim
    )
    assert "name-absent:FSA" in found.vetoes  # three initials, two words: not this body
    two = profile("The WB cut its grant to the Linden trust in 2023.")
    full = assess(profile("The World Bank cut its grant to the Linden trust in 2023."), two)
    assert not full.vetoes and not full.penalties
    # The article opening the name is not part of it.
    assert [name.surface for name in two.names][0] == "WB"


def test_a_place_or_time_that_sets_the_scene_is_not_another_subject():
    claim = profile("Tessa Marr spent £40,000 of council money on foreign trips.")
    sentence = profile(
        "Tessa Marr spent £40,000 of council money on foreign trips, the audit presented in Kendleby found."
    )
    assert not any(p.startswith("other-subject") for p in assess(sentence, claim).penalties)
    # Against a claim that sets its own scene, another place still counts.
    placed = profile("Flood defences in Arlow cost £3m.")
    elsewhere = assess(profile("Flood defences in Brenton cost £3m."), placed)
    assert elsewhere.vetoes or elsewhere.penalties


def test_a_demonym_is_its_place():
    found = assess(
        profile("Gales of 90mph hit exposed stretches of the Welsh coast overnight."),
        profile("Gales of 90mph hit the coast of Wales overnight."),
    )
    assert not found.vetoes and found.score > 0.9
    other = assess(
        profile("Gales of 90mph hit exposed stretches of the Scottish coast overnight."),
        profile("Gales of 90mph hit the coast of Wales overnight."),
    )
    assert "name-absent:Wales" in other.vetoes


def test_a_season_is_one_year_token():
    claim = profile("Amos Reade scored 30 goals in the 2021-22 season.")
    other_season = assess(profile("Amos Reade scored 12 league goals in 2022-23."), claim)
    assert "year-conflict" in other_season.vetoes
    same_year = assess(profile("Amos Reade scored 30 goals for Hexley in 2022."), claim)
    assert "year-conflict" not in same_year.vetoes


def test_british_double_l_before_ed_is_the_same_verb():
    found = assess(
        profile("Ministers cancelled the Dunmore bypass in 2019."),
        profile("The government canceled the Dunmore bypass in 2019."),
    )
    assert not found.vetoes and found.same and found.score > 0.8


def test_scrapping_and_cancelling_a_scheme_are_one_act():
    found = assess(
        profile("The trust scrapped its plan for a new maternity unit in 2020."),
        profile("The trust cancelled its plan for a new maternity unit in 2020."),
    )
    assert found.score > 0.9


def test_a_vote_of_no_confidence_negates_nothing():
    sentence = profile("The mayor faces a vote of no confidence after the bus cuts.")
    assert sum(sentence.clause_negations) == 0


def test_a_speaker_named_after_the_cue_is_not_the_subject():
    claim = profile("Harlow Foods will close its Denby plant with the loss of 400 jobs.")
    for text in (
        '"Harlow Foods will close the Denby plant and 400 jobs will go," said Ruth Pell, a union official.',
        '"Harlow Foods will close the Denby plant and 400 jobs will go," said the union\'s regional officer, Ruth Pell.',
        "'Our CEO told us Denby will close with 400 jobs lost,' a Harlow Foods worker said.",
    ):
        found = assess(profile(text), claim)
        assert not any(v.startswith("other-subject") for v in (*found.vetoes, *found.penalties)), text


def test_a_universal_statement_covers_the_claims_year():
    claim = profile("Morrow & Dale reported a pre-tax loss for 2018.")
    never = assess(
        profile("Morrow & Dale, which has never made a loss in its 90-year history, opened two stores."), claim
    )
    assert "year-conflict" not in never.vetoes and not never.same
    since = assess(profile("Morrow & Dale has made a profit every year since it was founded in 2001."), claim)
    assert not since.vetoes and not since.same  # a profit each year denies the loss
    before = assess(profile("Morrow & Dale has made a profit every year since it was sold in 2019."), claim)
    assert "year-conflict" in before.vetoes  # 2018 lies before what the sentence covers
    # Without a universal word, another year is another claim.
    plain = assess(profile("Morrow & Dale made a profit in 2001."), claim)
    assert "year-conflict" in plain.vetoes


def test_a_universal_statement_does_not_cover_another_figure():
    claim = profile("Morrow & Dale's sales rose 12% in 2025.")
    found = assess(
        profile("Morrow & Dale, which has made a profit every year since 1990, saw sales rise 3%."),
        claim,
        numbers_may_conflict=True,
    )
    assert "year-conflict" in found.vetoes


def test_in_the_black_and_in_the_red():
    claim = profile("Hexley University recorded a deficit in 2025.")
    black = assess(profile("Hexley University ended 2025 comfortably in the black."), claim)
    assert not black.vetoes and not black.same
    red = assess(profile("Hexley University slipped into the red in 2025."), claim)
    assert not red.vetoes and red.same


def test_durations_meet_as_days():
    from credibility.analysis.claims.normalise import numbers_as_digits

    assert numbers_as_digits("The battery lasts a week.") == "The battery lasts 7 days."
    assert numbers_as_digits("They waited more than a fortnight.") == "They waited more than 14 days."
    assert numbers_as_digits("within 72 hours") == "within 3 days"
    assert numbers_as_digits("two weeks later") == "14 days later"
    # A rate is no duration, and part of a day stays in hours.
    assert numbers_as_digits("paid £300 a week") == "paid £300 a week"
    assert numbers_as_digits("It took 36 hours") == "It took 36 hours"
    found = assess(
        profile("Owners get a full seven days between charges from the Vanta S3."),
        profile("The Vanta S3 runs for a week on one charge."),
    )
    assert found.numbers == "agree"


def test_a_model_name_is_no_quantity():
    assert profile("The Vanta S3 and the A380 were shown.").quantities == ()


def test_quicker_than_every_rival_is_the_fastest():
    claim = profile("Ida Brenner's century was the fastest in Shield history.")
    for text in (
        "No batter in the Shield's long history has reached a hundred more quickly than Ida Brenner did on Friday.",
        "Ida Brenner reached her century faster than anyone in Shield history.",
        "Ida Brenner's was the quickest century in Shield history.",
    ):
        found = assess(profile(text), claim)
        assert found.same and "crux-missing:fastest" not in found.penalties, text


def test_higher_than_at_any_point_since_records_began_is_a_record():
    found = assess(
        profile("The Wenning peaked at 5.1 metres on Friday, higher than at any point since records began in 1890."),
        profile("The Wenning reached its highest level since records began in the 2025 floods."),
    )
    assert "year-conflict" not in found.vetoes and "crux-missing:record" not in found.penalties


def test_general_synonyms_of_news_claims():
    # finding is discovering; the strongest is a record; needing is requiring
    found = assess(
        profile("The oldest bird fossil was found in Patagonia."),
        profile("The oldest bird fossil was discovered in Patagonia."),
    )
    assert found.score > 0.9
    storm = assess(
        profile("Storm Vera was the fiercest storm since records began."),
        profile("Storm Vera was the strongest storm on record."),
    )
    assert storm.same and not storm.vetoes and storm.score > 0.9
    need = assess(
        profile("Brinton voters need photo ID to vote."),
        profile("Brinton voters are required to show photo ID to vote."),
    )
    assert need.score > 0.7


def test_a_quoted_clause_ends_at_its_closing_mark():
    # The negation of the "because" clause belongs to it, not to "will not reopen" before it.
    found = assess(
        profile(
            "'Three of our schools will not reopen in September, because there aren't enough pupils,' said Cllr Jo Vale."
        ),
        profile("Three of the town's schools will close in September."),
    )
    assert found.same


def test_more_general_paraphrases_of_news_claims():
    share = assess(
        profile("Every fourth shop on the high street has gone out of business since 2021."),
        profile("A quarter of the high street's shops have closed since 2021."),
    )
    assert share.numbers == "agree" and share.same and not share.vetoes
    fraud = assess(
        profile("Savers were defrauded of £12m by the Kelmont scheme."),
        profile("Investors lost £12 million in the Kelmont scheme."),
    )
    assert fraud.same and fraud.score > 0.8
    direct = assess(
        profile("Passengers can now fly from Leeds to Faro without changing planes."),
        profile("There are direct flights between Leeds and Faro."),
    )
    assert direct.score > 0.7


def test_at_most_and_at_least_state_no_record():
    assert "record" not in profile("The scheme can at most save a few pounds a year.").concepts
    assert "lowest" not in profile("At least 40 homes were flooded.").concepts


def test_idioms_of_court_and_crime_reports():
    confession = assess(
        profile("After his arrest, Dale Morrow told police that he had started the fire."),
        profile("Dale Morrow confessed to setting the mill fire."),
    )
    assert confession.same and not confession.vetoes and confession.score > 0.6
    closed = assess(
        profile("Judge Amir ordered the rest of the hearing to be held behind closed doors."),
        profile("Judge Amir barred the public from the hearing."),
    )
    assert closed.same and closed.score > 0.6


def test_the_most_expensive_is_a_record_price():
    found = assess(
        profile("Lena Brandt became the most expensive player in the league's history."),
        profile("Lena Brandt cost a record fee for the league."),
    )
    assert "crux-missing:record" not in found.penalties and found.score > 0.6


def test_a_speakers_affiliation_is_not_another_subject():
    found = assess(
        profile('"The mill will shut with 200 jobs lost," said Ana Ruiz, an organiser with the Textile Workers Union.'),
        profile("Corran Mills will shut its mill with the loss of 200 jobs."),
        frozenset({"corran", "mills"}),
    )
    assert not any(p.startswith("other-subject") for p in (*found.vetoes, *found.penalties))


def test_football_and_duration_idioms():
    found = assess(
        profile("Mara Quist has found the net more times for Ellford than anyone in the club's history."),
        profile("Mara Quist has scored more goals than any other player in Ellford's history."),
    )
    assert found.same and found.score > 0.6
    week = assess(
        profile("Reviewers praised the Lumo 4's week-long battery life."), profile("The Lumo 4's battery lasts a week.")
    )
    assert week.numbers == "agree"


def test_protecting_a_share_is_an_efficacy_figure():
    found = assess(
        profile("Campaigners claim two doses of the jab protect fewer than half of the children who receive them."),
        profile("Two doses of the vaccine are about 90% effective."),
        numbers_may_conflict=True,
    )
    assert found.numbers == "conflict" and "direction-missing:effectiv" not in found.penalties


def test_doubling_and_halving_are_figures():
    claim = profile("Rents in Kelby have doubled since 2019.")
    assert assess(profile("Rents in Kelby have risen by 100% since 2019."), claim).numbers == "agree"
    rising = assess(profile("Tenants in Kelby marched against rising rents."), claim)
    assert rising.numbers == "missing" and rising.content < 0.54  # below the flagging bar


def test_a_restrictive_only_is_the_claims_core():
    claim = profile("Blue badges can now only be renewed online.")
    assert "only" in claim.concepts
    other = assess(profile("Renewing a blue badge also means sending a new photograph."), claim)
    assert "vital-missing:only" in other.vetoes
    same = assess(profile("Blue badges can be renewed only online from March."), claim)
    assert not same.vetoes
    # "only" before a figure is no qualifier of the claim.
    assert "only" not in profile("Only 10 of the 12 jurors need to agree.").concepts


def test_the_first_it_has_ever_done_is_a_first():
    claim = profile("This year's hosepipe ban is the first Lenmore Water has ever imposed.")
    assert "firstever" in claim.concepts
    found = assess(profile("A hosepipe ban by Lenmore Water starts on Friday after a dry summer."), claim)
    assert "vital-missing:firstever" in found.vetoes


def test_another_day_of_an_event_is_another_claim():
    claim = profile("About 900 shops were shut on the first day of the Dunmore strike.")
    third = assess(profile("The strike in Dunmore entered its third day with about 300 shops shut."), claim)
    assert "ordinal-conflict" in third.vetoes
    same = assess(profile("About 900 shops were shut on the opening day of the Dunmore strike."), claim)
    assert "ordinal-conflict" not in same.vetoes


def test_more_record_and_first_paraphrases():
    worst = profile("No airline in Europe posted a worse punctuality record than Skyline last year.")
    assert concept("worst")[0] in worst.concepts and sum(worst.clause_negations) == 0
    second = profile("Ana Mrak is only the second Slovene to win the race.")
    assert "firstever" in second.concepts and sum(second.clause_negations) == 1
    stage = profile("Ana Mrak won the second stage to take the lead.")
    assert "firstever" not in stage.concepts and sum(stage.clause_negations) == 0
    yet = profile("The drug has yet to be approved by the regulator.")
    assert sum(yet.clause_negations) == 1


def test_folds_are_times_and_twofold_is_doubled():
    from credibility.analysis.claims.normalise import numbers_as_digits

    assert numbers_as_digits("a tenfold breach of the limit") == "a ten times breach of the limit"
    assert numbers_as_digits("debt has risen twofold") == "debt has risen rose 100%"


def test_indian_numbering_rupees_and_kilometres():
    crore = profile("Kavery Bank earned a net profit of ₹2,150 crore in 2024-25.")
    billions = profile("Kavery Bank reported a net profit of Rs 21.5 billion for 2024-25.")
    assert assess(billions, crore).numbers == "agree"
    miles = profile("The Corra EV can drive 300 miles on one charge.")
    assert (
        assess(profile("The Corra EV travels about 483km between charges."), miles, numbers_may_conflict=True).numbers
        == "agree"
    )


def test_never_until_now_is_a_first():
    claim = profile("Dunholm has never had a woman as its mayor until now.")
    assert "firstever" in claim.concepts
    found = assess(profile("Ms Vale becomes Dunholm's first female mayor."), claim)
    assert found.same and not found.vetoes


def test_a_claim_is_not_stated_without_anything_it_says_of_its_subject():
    claim = profile("The mother of Hexley Zoo's new giraffe calf was captured in the wild.")
    assert claim.predicate == {concept("captured")[0], concept("wild")[0]}
    other = assess(profile("A giraffe calf born on Monday at Hexley Zoo is feeding well beside its mother."), claim)
    assert "predicate-missing" in other.vetoes
    same = assess(profile("The calf's mother was caught in the wild, Hexley Zoo said."), claim)
    assert "predicate-missing" not in same.vetoes
    # Without a recognisable verb form nothing is checked.
    assert profile("Vitamin C supplements prevent measles.").predicate == frozenset()


def test_a_short_nameless_claim_needs_its_key_word():
    claim = profile("Poverty levels are at an all-time high.")
    other = assess(profile("The agency gave the virus its second highest threat level."), claim)
    assert "key-missing:poverty" in other.vetoes
    same = assess(profile("Poverty has reached its highest level on record, the charity said."), claim)
    assert not any(v.startswith("key-missing") for v in same.vetoes)
    # A claim that names someone is anchored by the name instead.
    named = assess(
        profile("Corbury's jobless rate is at a record level."), profile("Corbury's poverty level is at a record high.")
    )
    assert not any(v.startswith("key-missing") for v in named.vetoes)


def test_a_first_person_claim_is_stated_only_in_first_person():
    claim = profile("I lowered taxes over the last two years.")
    assert "first-person-claim" in assess(profile("Taxes were lowered over the last two years."), claim).vetoes
    quoted = assess(profile('"I lowered taxes over the last two years," the mayor said.'), claim)
    assert "first-person-claim" not in quoted.vetoes


def test_first_person_is_read_as_written_and_says_he_needs_a_he():
    us = assess(
        profile("It cost us more to close the plant than to keep it open."),
        profile("Closing the plant cost more than keeping it open."),
    )
    assert "first-person-claim" not in us.vetoes  # the sentence is first person too
    claim = profile("It cost us more to close the plant than to keep it open.")
    assert "first-person-claim" in assess(profile("Closing the plant cost more than keeping it open."), claim).vetoes
    # "US" is a country, not "us".
    country = profile("US troops left the base in 2021.")
    assert "first-person-claim" not in assess(profile("American troops left the base in 2021."), country).vetoes
    says = profile("Says he never voted for a tax increase.")
    assert "unknown-speaker-claim" in assess(profile("MPs voted for a tax increase in May."), says).vetoes
    assert "unknown-speaker-claim" not in assess(profile("Ross said he never voted for a tax increase."), says).vetoes


def test_an_approximate_figure_states_the_round_figure_near_it():
    claim = profile("Harbourside Bank closed 40% of its branches in 2023.")
    near = assess(profile("Harbourside Bank shut almost two-fifths of its branches in 2023."), claim)
    far = assess(profile("Harbourside Bank shut about a quarter of its branches in 2023."), claim)
    assert near.numbers == "agree" and not near.vetoes
    assert "number-conflict" in far.vetoes


def test_an_approximate_figure_of_another_unit_is_no_shared_figure():
    claim = profile("The district has about 80,000 licensed drivers.")
    other = assess(profile("Inspectors checked more than 78,000 vehicles in the district."), claim)
    assert other.numbers != "agree"


def test_zero_before_what_it_counts_is_a_negation():
    claim = profile("Ferndale Mining paid no royalties in 2022.")
    assert assess(profile("Ferndale Mining paid zero royalties in 2022."), claim).same
    assert profile("Ferndale Mining paid zero royalties in 2022.").clause_negations == (1,)
    assert profile("The royalty rate fell to zero in 2022.").clause_negations == (0,)


def test_currency_letters_glued_to_an_amount_are_no_name():
    sentence = profile("The board approved a KSh4.2 billion upgrade of the Tana pipeline.")
    assert not any("4.2" in name.surface for name in sentence.names)
    claim = profile("The Tana pipeline upgrade will cost 4.2 billion shillings.")
    assert assess(sentence, claim).numbers == "agree"


def test_a_demonym_in_the_article_mentions_its_country():
    claim = profile("Lowther Steel moved its head office out of Canada.")
    sentence = profile("Lowther Steel moved its head office abroad last year.")
    words = document_words(["Lowther Steel, a Canadian firm, reported results on Monday."])
    assert "name-absent:Canada" not in assess(sentence, claim, words).vetoes


def test_a_speakers_affiliation_and_whoever_was_told_are_no_other_subject():
    claim = profile("The Corran reservoir was contaminated by farm run-off.")
    said = profile(
        '"The reservoir was contaminated by farm run-off," said Aled Price, secretary of the Corran Anglers Club.'
    )
    told = profile('"The reservoir was contaminated by farm run-off," she told the radio station Coast FM.')
    for sentence in (said, told):
        assert not [p for p in assess(sentence, claim).penalties if p.startswith("other-subject")]


def test_a_bound_before_a_multiplied_figure_bounds_it():
    claim = profile("Tarrow Mining's profit more than halved in 2024.")
    assert [(q.value, q.bound) for q in claim.quantities] == [(50.0, "min")]
    steeper = assess(profile("Tarrow Mining's profit fell 62% in 2024."), claim, numbers_may_conflict=True)
    assert steeper.numbers == "agree"


def test_a_change_in_the_other_direction_denies_the_claim_without_its_figure():
    claim = profile("Bus fares in Orlow fell by 12 per cent in 2024.")
    found = assess(profile("Bus fares in Orlow climbed in 2024."), claim, numbers_may_conflict=True)
    assert not found.same and "number-missing" not in found.penalties
    # The same direction without the figure is still short of the claim.
    assert "number-missing" in assess(profile("Bus fares in Orlow dropped in 2024."), claim).penalties


def test_minutes_and_hours_are_the_same_figure_in_seconds():
    claim = profile("The Harwood ferry crossing takes under an hour.")
    same = assess(profile("The Harwood ferry crossing takes less than sixty minutes."), claim)
    assert same.numbers == "agree"
    longer = profile("The Harwood ferry crossing takes 90 minutes.")
    assert [(q.value, q.unit) for q in longer.quantities] == [(5400.0, "second")] and not longer.years
    assert "number-conflict" in assess(longer, profile("The Harwood ferry crossing takes 30 minutes.")).vetoes


def test_a_majority_of_a_group_is_more_than_half_and_a_winning_majority_is_a_margin():
    claim = profile("More than half of the flats in Dunley Court are empty.")
    share = assess(profile("The majority of the flats in Dunley Court stand empty."), claim)
    assert share.numbers == "agree"
    margin = profile("Ms Ekwueme held the seat with a majority of 4,310.")
    assert [(q.value, q.percent) for q in margin.quantities] == [(4310.0, False)]


def test_a_name_left_out_earns_credit_only_from_the_text_before():
    claim = profile("Brindle Water will close its Ashcombe treatment works by June.")
    sentence = profile("The utility will close two treatment works by June, it said on Monday.")
    before = document_words(["Brindle Water announced cuts on Monday."])
    whole = before | document_words(["The utility will close two treatment works.", "Ashcombe residents protested."])
    credited = assess(sentence, claim, whole)
    named_after = assess(sentence, claim, whole, earlier=before)
    assert named_after.score < credited.score
    # Named before: the same credit as from anywhere in the article.
    assert assess(sentence, claim, whole, earlier=whole).score == credited.score


def test_the_generic_words_of_a_claims_name_are_no_content_it_must_share():
    claim = profile("Kelso Community Hospital is closing its Maternity Unit.")
    sentence = profile("The Maternity Unit, which will close in March, delivered 900 babies last year.")
    words = document_words(["Kelso Community Hospital announced cuts.", "The Maternity Unit will close in March."])
    assert "too-few-shared" not in assess(sentence, claim, words).vetoes


def test_an_approximate_figure_does_not_stand_for_another_figure_of_the_claim():
    claim = profile("The levy could reach nearly 50 percent, and 45 percent on inherited farms.")
    tenfold = profile("The levy could reach nearly 500 percent, and 45 percent on inherited farms.")
    assert "number-conflict" in assess(tenfold, claim).vetoes


def test_a_group_member_whose_stem_another_group_took_keeps_its_own_group():
    # "infection" stems as "infect" (a verb of causing) and "plane" as "plan"; each is listed
    # as an illness and a flight, and that listing wins.
    assert concept("infection") == concept("disease")
    assert concept("planes") == concept("aircraft")
    assert concept("plane") != concept("plan")
    found = assess(
        profile("Drinking nettle tea every morning wards off the flu, the shop's leaflet says."),
        profile("Drinking nettle tea prevents flu infection."),
    )
    assert found.score > 0.6


def test_a_compound_record_is_a_record():
    assert "record" in profile("Harlow Athletic broke their club-record fee for the winger.").concepts
    found = assess(
        profile("The record-breaking sale made Petra Lind the costliest swimmer ever signed by Ostby."),
        profile("Ostby paid a world-record price to sign swimmer Petra Lind."),
    )
    assert "record" in profile("Ostby paid a world-record price to sign swimmer Petra Lind.").concepts
    assert "too-few-shared" not in found.vetoes


def test_casting_a_ballot_is_voting():
    claim = profile("Residents of Marlow Heath must bring a utility bill to cast a ballot.")
    assert "cast" not in claim.concepts
    assert concept("vote")[0] in claim.concepts
    found = assess(profile("Marlow Heath residents need no utility bill to vote."), claim)
    assert not found.same


def test_a_demonym_in_a_claim_is_met_by_its_place():
    claim = profile("Hailstones the size of golf balls fell on the Welsh border towns on Sunday.")
    assert concept("Wales".lower())[0] in claim.concepts and concept("welsh")[0] not in claim.concepts
    found = assess(profile("On Sunday hailstones as big as golf balls fell on border towns in Wales."), claim)
    assert found.score > 0.8 and not found.vetoes


def test_a_demonym_that_names_a_people_stays_a_word():
    claim = profile("The Welsh are the biggest tea drinkers in Europe.")
    assert concept("welsh")[0] in claim.concepts


def test_an_off_the_record_briefing_states_no_record():
    assert "record" not in profile("Officials gave an off-the-record briefing on the port deal.").concepts
