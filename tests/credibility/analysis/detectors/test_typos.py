"""TypoDetector on small hand-written texts. Pure Python: no database, no shared data."""

from __future__ import annotations

import pytest

from credibility.analysis.detectors.typos import TypoDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, Finding, KnownSource


def _detect(text: str, *, title: str = "", context: AnalysisContext | None = None) -> list[Finding]:
    document = Document(text=text, sentences=split_sentences(text), title=title)
    findings = TypoDetector().detect(document, context or AnalysisContext(), ())
    for finding in findings:
        assert finding.kind == "typo"
        assert finding.quote == text[finding.start : finding.end]
        assert 0.0 <= finding.confidence <= 1.0
        assert finding.detector == "typo@1"
        assert finding.explanation
    return findings


def _by_quote(findings: list[Finding]) -> dict[str, Finding]:
    return {finding.quote: finding for finding in findings}


def test_typo_detector_declares_name_and_version() -> None:
    assert TypoDetector.name == "typo"
    assert TypoDetector.version == 1


def test_typo_detector_flags_known_misspelling_with_correction() -> None:
    findings = _detect("The council said it had recieved the letter on Monday.")
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [("recieved", "received", "known-misspelling")]


def test_typo_detector_flags_unlisted_non_word_with_nearest_frequent_word() -> None:
    findings = _detect("Dozens of enginers were sent to inspect the bridge after the storm.")
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [("enginers", "engineers", "non-word")]


def test_typo_detector_keeps_capitalisation_of_sentence_initial_misspelling() -> None:
    findings = _detect("Goverment officials declined to comment on the report.")
    assert [(f.quote, f.suggestion) for f in findings] == [("Goverment", "Government")]


def test_typo_detector_splits_run_together_words() -> None:
    findings = _by_quote(_detect("The vote wasfollowed by a protest outside thecouncil offices."))
    assert findings["wasfollowed"].suggestion == "was followed"
    assert findings["wasfollowed"].rule == "run-together"
    assert findings["thecouncil"].suggestion == "the council"


def test_typo_detector_corrects_name_to_spelling_used_more_often() -> None:
    text = (
        "President Viktor Lukashenko met the delegation on Monday. Lukashenko later said the talks went well. "
        "Critics of Luksahenko say the vote was rigged."
    )
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [
        ("Luksahenko", "Lukashenko", "name-variant-of:Lukashenko")
    ]


def test_typo_detector_corrects_single_mention_to_name_introduced_with_first_name() -> None:
    text = (
        '"We are ready," said Dr. Amara Lindqvist, the county health officer. '
        "Lindquist's department will run an extra clinic on Thursday."
    )
    findings = _detect(text)
    assert [(f.quote, f.suggestion) for f in findings] == [("Lindquist", "Lindqvist")]


def test_typo_detector_flags_name_variant_that_is_itself_a_dictionary_word() -> None:
    text = (
        "The club sacked manager Callum Brodie on Sunday. Brodie had been in charge for four years. "
        "Fans said Brodie lost the dressing room. Brody's assistant will take charge on Tuesday."
    )
    findings = _detect(text)
    assert [(f.quote, f.suggestion) for f in findings] == [("Brody", "Brodie")]


def test_typo_detector_keeps_genuinely_different_names_apart() -> None:
    text = (
        "John Smith met Joan Smith in Austria. Later John flew to Australia, and Joan stayed in Austria. "
        "John said Australia was warm; Joan said Austria was cold. Iran and Iraq sent envoys. "
        "Officials from Iran met officials from Iraq. Russia and Russian diplomats attended. "
        "Senator Mark Hart spoke first, and the actor Bret Harte's biographer spoke after Hart."
    )
    assert _detect(text) == []


def test_typo_detector_flags_credit_glued_to_next_sentence() -> None:
    text = (
        "The border is close to the capital.\n\nGoogle MapsDespite the denials, troops have gathered there.\n\n"
        "Photo: Jane Roe/City HeraldAt the clinic on Saturday, people waited for hours."
    )
    findings = _by_quote(_detect(text))
    assert findings["Google Maps"].suggestion == ""
    assert findings["Google Maps"].rule == "glued-credit"
    assert findings["Photo: Jane Roe/City Herald"].suggestion == ""


def test_typo_detector_flags_base_form_after_have() -> None:
    findings = _detect("In recent years he has strengthen ties with the bloc, and they have open borders.")
    assert [(f.quote, f.suggestion) for f in findings] == [("strengthen", "strengthened")]


def test_typo_detector_ignores_names_acronyms_urls_numbers_and_british_spelling() -> None:
    text = (
        "Oleksandr Kovalenko of the NATO liaison office told Reuters on 3 March that the organisation's "
        "colour-coded alerts had been revised. See https://example.org/alerts?id=42 or write to "
        "press@ministry.example.gov for details. The 2nd and 23rd brigades, about 1,200 troops, moved "
        "94km north at 3am; #StandWithUkraine trended and @kyivindependent posted maps. "
        "She'd organised a well-known cross-border café meeting in Chernihiv with Volodymyr Zelenskyy. "
        "The livestream drew 40,000 viewers, the frontrunner's team said. Washington pre-empted talks with "
        "Chiang Kai-shek in 1959. "
        'Locals call it "la belle époque" and "das kleine Haus", though it isn\'t anyone\'s home.'
    )
    assert _detect(text) == []


def test_typo_detector_protects_known_source_names() -> None:
    context = AnalysisContext(sources=(KnownSource(name="Kestrel Labs", kind="organization", aliases=("Kestral",)),))
    text = "According to Kestrel Labs, the files were stolen. Kestral researchers confirmed the breach."
    assert _detect(text, context=context) == []


@pytest.mark.parametrize("text", ["", "   \n\n  ", "12,000 and 3.5%."])
def test_typo_detector_handles_empty_and_wordless_text(text: str) -> None:
    assert _detect(text) == []


def test_typo_detector_splits_unseen_token_into_two_content_words() -> None:
    text = (
        "Queues formed outside the pollingstations before dawn. Later several governmentofficials "
        "toured the district. They met the mayor duringnegotiations with the union."
    )
    findings = _by_quote(_detect(text))
    assert findings["pollingstations"].suggestion == "polling stations"
    assert findings["governmentofficials"].suggestion == "government officials"
    assert findings["duringnegotiations"].suggestion == "during negotiations"
    assert all(f.rule == "run-together" for f in findings.values())


def test_typo_detector_prefers_the_split_that_is_a_common_word_pair() -> None:
    findings = _detect("Prices rose for most householdsin the region last winter.")
    assert [(f.quote, f.suggestion) for f in findings] == [("householdsin", "households in")]


def test_typo_detector_leaves_rare_solid_compounds_alone() -> None:
    text = (
        "The flannelbush grows on dry slopes, and sunscreen limits photodamage. Many editors call the "
        "forum a timesink, and the project runs in three workstreams under former trusteeships."
    )
    assert _detect(text) == []


def test_typo_detector_flags_all_caps_credit_glued_to_next_sentence() -> None:
    text = (
        "Floodwater reached the town hall on Friday.\n\n"
        "Picture: EPAMost shops stayed closed through the weekend, traders said.\n\n"
        "Image by Sam Lee/PA WireOn Monday the council opened two shelters."
    )
    findings = _by_quote(_detect(text))
    assert findings["Picture: EPA"].suggestion == ""
    assert findings["Picture: EPA"].rule == "glued-credit"
    assert findings["Image by Sam Lee/PA Wire"].suggestion == ""
    assert len(findings) == 2


def test_typo_detector_flags_simple_past_after_infinitive_to_or_modal() -> None:
    text = (
        "Ticket prices are likely to grew again next year. The minister said she could went further, "
        "but the board did not took a vote."
    )
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [
        ("grew", "grow", "past-after-to-or-modal"),
        ("went", "go", "past-after-to-or-modal"),
        ("took", "take", "past-after-to-or-modal"),
    ]


def test_typo_detector_allows_past_after_preposition_to_noun_modal_and_stranded_verb() -> None:
    text = (
        "The walls turned from pink to rose. Delays led to lost orders. The will came to light in June. "
        "Anyone who wanted to went home, and those who could took the early bus. What we did was legal."
    )
    assert _detect(text) == []


def test_typo_detector_flags_lone_name_variant_that_is_a_common_word() -> None:
    text = (
        "Chef Lena Strand opened her bistro in 2019. Strand said prices would rise. "
        "Critics say Stand cut corners on the refit, but Strand denies it."
    )
    findings = _detect(text)
    assert [(f.quote, f.suggestion) for f in findings] == [("Stand", "Strand")]


def test_typo_detector_keeps_common_words_that_merely_resemble_a_name() -> None:
    text = (
        "Coach Ellen Marsh praised the squad. Marsh said the season starts in March. "
        "Chef Lena Strand opened a bistro at the Stand arcade, and Strand said it was busy. "
        "Ivan Petrov met Anna Petrova, and Petrova said Petrov agreed."
    )
    assert _detect(text) == []


def test_typo_detector_flags_surname_missing_its_last_vowel() -> None:
    text = "Rita Baeza was charged in May. Baeza denied the charges. Prosecutors said Baez moved the money."
    findings = _detect(text)
    assert [(f.quote, f.suggestion) for f in findings] == [("Baez", "Baeza")]


def test_typo_detector_flags_name_that_lost_its_diacritic() -> None:
    text = "Mesut Özil scored twice. Özil said it was his best game. Fans said Ozil looked tired."
    findings = _detect(text)
    assert [(f.quote, f.suggestion) for f in findings] == [("Ozil", "Özil")]


def test_typo_detector_corrects_unlisted_double_edit_misspelling() -> None:
    findings = _detect("The panel issued one recomendaton on Friday, and unions asked for compnsaton.")
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [
        ("recomendaton", "recommendation", "non-word"),
        ("compnsaton", "compensation", "non-word"),
    ]


def test_typo_detector_leaves_unseen_derived_and_foreign_words_without_a_clear_double_edit() -> None:
    assert _detect("It binds as a tripodal ligand, and the dish is served with tablata on the side.") == []


def test_typo_agency_slash_photographer_credit_glued_to_prose_is_deleted():
    text = "The harvest failed.\n\nCoast Wire/Mai Anh NguyenGrowers in the delta say the salt came early."
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [("Coast Wire/Mai Anh Nguyen", "", "glued-credit")]


def test_typo_slash_inside_a_sentence_is_not_a_credit():
    assert _detect("The AC/DC concert and the Tel Aviv/Jaffa festival were cancelled on Friday night.") == []


def test_typo_doubled_consonant_before_plural_s_is_a_misspelling():
    findings = _detect("Officials counted just over 38,000 ballotts on Sunday.")
    assert [(f.quote, f.suggestion) for f in findings] == [("ballotts", "ballots")]


def test_typo_doubled_consonant_before_vowel_suffix_is_a_real_word():
    assert _detect("The planners stopped planning after the shopping centre opened.") == []


def test_typo_double_barrelled_name_with_one_part_misspelt_is_corrected_whole():
    text = (
        "The survey was led by Ingrid Holm-Okafor, a marine biologist at the institute. Holm-Okafor spent six "
        "years on the project. According to Holm-Okafer, the colony has shrunk by a third since 2015. "
        "Holm-Okafor says warmer water is the likeliest cause."
    )
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [
        ("Holm-Okafer", "Holm-Okafor", "name-variant-of:Holm-Okafor")
    ]


def test_typo_double_barrelled_name_with_first_part_misspelt_and_lone_part_misspelt():
    text = (
        "Coach Daniel Wierzbicki-Lund named his squad on Monday. Wierzbicki-Lund said two players were injured, "
        "and critics of Wierzbiki-Lund called the choice timid. Fans cheered when Wierzbicki-Lund arrived."
    )
    findings = _detect(text)
    assert [(f.quote, f.suggestion) for f in findings] == [("Wierzbiki-Lund", "Wierzbicki-Lund")]
    text = (
        "Ingrid Holm-Okafor chairs the inquiry. Holm-Okafor said hearings would start in May, and Holm-Okafor "
        "later added a second venue. Okafer also asked for more staff."
    )
    findings = _detect(text)
    assert [(f.quote, f.suggestion) for f in findings] == [("Okafer", "Okafor")]


def test_typo_double_barrelled_names_that_legitimately_differ_are_left_alone():
    text = (
        "Anna Holm-Okafor chairs the board. Holm-Okafor said the vote was close. Her cousin, Ben Holm-Okafer, "
        "runs the rival firm. The Franco-German treaty was signed in 1963; Franco-German ties have frayed, "
        "and the Franco-Germans of Alsace noticed. Rolls-Royce said two Rolls-Royces were recalled, and "
        "Rolls-Royce apologised. The North-West region voted first; North-West turnout beat the North-East. "
        "Jean-Marc Ayrault met the unions, Jean-Marc Ayrault said, and Jean-Marcq Dupont agreed."
    )
    assert _detect(text) == []


def test_typo_credit_line_separated_by_a_space_from_the_sentence_is_deleted():
    text = (
        "The plant closed in March.\n\n"
        "Photo: Jane Doe/City Courier The recall was ordered on Friday after two fires.\n\n"
        "Picture: AFP via Getty Images Police said the crowd had dispersed by midnight.\n\n"
        "Credit: Anna de Vries for The Herald Despite the warnings, crowds gathered at the gates."
    )
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [
        ("Photo: Jane Doe/City Courier", "", "caption-line"),
        ("Picture: AFP via Getty Images", "", "caption-line"),
        ("Credit: Anna de Vries for The Herald", "", "caption-line"),
    ]


def test_typo_credit_prefix_opening_a_real_sentence_or_headline_is_not_a_caption():
    text = (
        "Photo: the mayor said the square would reopen in June.\n\n"
        "Photo: A man walks past the damaged school in Kharkiv.\n\n"
        "Photo by Sam Lee, who covered the war, shows the port.\n\n"
        "Photos: The Best Of 2023 At The Festival\n\n"
        "Image: Getty Images\n\n"
        "The recall was ordered on Friday."
    )
    assert _detect(text) == []


def test_typo_web_seen_misspelling_outside_the_english_dictionary_is_corrected():
    text = (
        "The tournement drew 40 teams this year. Old ennemies met in the final, officials said. "
        "The ministry also cut the budget for traditional medecine. Several goverments objected."
    )
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [
        ("tournement", "tournament", "non-word"),
        ("ennemies", "enemies", "non-word"),
        ("medecine", "medicine", "non-word"),
        # codespell lists "goverment": its plural is read through the ending first
        ("goverments", "governments", "known-misspelling"),
    ]


def test_typo_rare_real_words_and_names_seen_on_the_web_are_not_corrected():
    text = (
        "The book has a named dedicatee. Such bawds appear in the play, and a polje is a karst plain. "
        "Prices are quoted in reais. Those bundlers and clitics confuse parsers. The result appals critics, "
        "and the cushier seats sold out. The brewers made a hoppy ale while blaggers gabbed at the bar. "
        "The Tournement family run the mill; the tournement estate is theirs."
    )
    assert _detect(text) == []


def test_name_checks_against_a_large_source_table_answer_as_against_the_relevant_sources_alone():
    from credibility.analysis.detectors.typos import TypoDetector
    from credibility.analysis.pipeline import analyze_text
    from credibility.analysis.types import AnalysisContext, KnownSource

    text = "Minister Haruto Kobayashi spoke first. Later Kobayshi said the plan would go ahead."
    wanted = KnownSource(name="Haruto Kobayashi", kind="person", aliases=())
    # Thousands of unrelated sources, as a production table holds: they must change nothing.
    crowd = tuple(KnownSource(name=f"Person Number{n:05d}x", kind="person", aliases=()) for n in range(3000))
    alone = analyze_text(text=text, context=AnalysisContext(sources=(wanted,)), detectors=(TypoDetector(),))
    crowded = analyze_text(text=text, context=AnalysisContext(sources=(*crowd, wanted)), detectors=(TypoDetector(),))
    assert [(f.quote, f.suggestion) for f in crowded.findings] == [(f.quote, f.suggestion) for f in alone.findings]
    assert ("Kobayshi", "Kobayashi") in [(f.quote, f.suggestion) for f in alone.findings]


def test_typo_name_suffix_test_matches_the_concatenations() -> None:
    from credibility.analysis.detectors.typos.capitalised import _NAME_SUFFIXES, _suffixed

    for a, b in [("russia", "russian"), ("iraq", "iraqi"), ("baez", "baeza"), ("holm", "holm"), ("holm", "helm")]:
        expected = any(b == a + s or a == b + s for s in _NAME_SUFFIXES)
        assert _suffixed(a, b) is expected
        assert _suffixed(b, a) is expected
    assert _suffixed("russia", "russian") and not _suffixed("holm", "holm")


def test_typo_compound_name_chain_flags_each_slip_with_no_state_per_form_beyond_its_occurrences() -> None:
    # "Dr. Holm-Okafor" chained with hyphens: every compound keeps one form and its occurrences,
    # and the slip among many well-attested names is still found, once.
    names = ["Holm-Okafor", "Lind-Berger", "Ruiz-Acosta"]
    text = " ".join(f"Dr. {name} spoke." for name in names * 4) + " Dr. Holm-Okafer spoke."
    findings = _detect(text)
    assert [(f.quote, f.rule) for f in findings] == [("Holm-Okafer", "name-variant-of:Holm-Okafor")]
    document = Document(text=text, sentences=split_sentences(text))
    from credibility.analysis.detectors.typos.name_variants import _compound_names
    from credibility.analysis.detectors.typos.tokens import _tokens

    tokens = _tokens(document, [], {})
    compounds, inside = _compound_names(text, tokens)
    assert {form: entry.count for form, entry in compounds.items()} == {
        "Holm-Okafor": 4,
        "Lind-Berger": 4,
        "Ruiz-Acosta": 4,
        "Holm-Okafer": 1,
    }
    # "Dr." with its full stop does not introduce (the gap is ". "); no form holds a set of its own for that.
    assert all(entry.introducers == frozenset() and not entry.introduced for entry in compounds.values())
    assert len(inside) == len(text) + 1 and sum(inside) == 2 * 13


# -- capitalised words read with a name model (issue 20, item 1) ------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "suggestion"),
    [
        ("Officials at the Departmant of Health said the plan was ready.", "Departmant", "Department"),
        ("The Natinal Trust bought the house last year.", "Natinal", "National"),
        ("The match was played on Saturdy in the rain.", "Saturdy", "Saturday"),
        ("Meanwhle, the council said the plan was ready.", "Meanwhle", "Meanwhile"),
    ],
)
def test_typo_detector_flags_capitalised_misspelling_of_frequent_word(text: str, quote: str, suggestion: str) -> None:
    findings = _detect(text)
    assert [(f.quote, f.suggestion) for f in findings] == [(quote, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "Ana Corney said the plan was ready.",  # a multi-word name: the surname beside a first name
        "Dr Moyse said the vaccine worked.",  # after a title
        "Kearny said the team was ready.",  # a sentence opener the web knows as a name
        "The plan, said Corney, was ready. Corney later said more.",  # repeated in the article
        "Officials at the Departmant of Health met. Departmant staff agreed.",  # repeated: a name, not a slip
        "Officials from Germany and France met in Berlin on Monday.",  # dictionary places
    ],
)
def test_typo_detector_leaves_capitalised_names_alone(text: str) -> None:
    assert _detect(text) == []


def test_typo_detector_does_not_check_capitalised_known_source_name() -> None:
    context = AnalysisContext(sources=(KnownSource(name="Departmant Weekly", kind="outlet"),))
    assert _detect("Officials at the Departmant of Health said the plan was ready.", context=context) == []


# -- jargon handled word by word (issue 20, item 3) -------------------------------------------


def test_typo_detector_checks_a_misspelling_in_a_sentence_of_jargon() -> None:
    text = "Each kubelet reads the podspec and the daemonset before the sheduler assigns the node."
    findings = _detect(text)
    assert [(f.quote, f.suggestion) for f in findings] == [("sheduler", "scheduler")]


@pytest.mark.parametrize(
    "text",
    [
        "Set `maxretrys` in the config file before the run.",  # inside a code span
        "The function calls fetchrow(cursor) and returns the row.",  # a call
        "Pass the flag as verbos=true to see more.",  # an assignment
        "Use $HOMEDIR or {usrname} in the template.",  # a variable or a placeholder
        "Speeds reached 40km/hr on the bridge.",  # a unit
        "Fans shared the #wintr hashtag and tagged @cityfc.",  # a hashtag and a handle
        "The value is stored in user_acount_id for each row.",  # an identifier
    ],
)
def test_typo_detector_skips_tokens_that_look_like_code_units_or_identifiers(text: str) -> None:
    assert _detect(text) == []


# -- candidates beyond codespell: rare but real corrections (issue 20, item 2) ----------------


@pytest.mark.parametrize(
    ("text", "quote", "suggestion"),
    [
        ("Critics questioned the reproducibilty of the trial.", "reproducibilty", "reproducibility"),
        ("The vendors promised better interoperabilty between the systems.", "interoperabilty", "interoperability"),
        ("The grant was the millionith awarded.", "millionith", "millionth"),
        ("The town marked its two-thousanth year with a parade.", "thousanth", "thousandth"),
        ("She learnd the rules quickly.", "learnd", "learned"),  # not "learn" + "d"
    ],
)
def test_typo_detector_reaches_rare_corrections_and_slips_that_parse_as_affixed_words(
    text: str, quote: str, suggestion: str
) -> None:
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [(quote, suggestion, "non-word")]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry decentralises power to the regions.",  # not "decentralised": another inflection
        "The archive digitises old maps every year.",
    ],
)
def test_typo_detector_does_not_turn_an_inflection_of_a_rare_word_into_another(text: str) -> None:
    assert _detect(text) == []


# -- a careful name-variant rule (issue 20, item 4) -------------------------------------------


def test_typo_detector_does_not_merge_two_people_listed_side_by_side() -> None:
    text = (
        "The starting line-up: P Dunne; S Kearney, B Walsh, D Kearny, T Quinn; R Doyle. "
        "Kearney captained the side and Kearney scored twice."
    )
    assert _detect(text) == []


def test_typo_detector_never_corrects_a_known_place_into_a_known_word() -> None:
    text = (
        "Ferries link Wales, Ireland and Germany, and the line has grown. "
        "Engineers at the Fraunwald German lab built it. The German firm said more data would follow."
    )
    assert _detect(text) == []


def test_typo_detector_does_not_correct_comparatives_of_rare_adjectives() -> None:
    assert _detect("Shoppers wanted bendier, wobblier toys this year.") == []


# -- confusables: real words written for their twin (issue 20, item 5) ------------------------


@pytest.mark.parametrize(
    ("text", "quote", "suggestion"),
    [
        ("The company said it\u2019s own staff were to blame.", "it\u2019s", "its"),
        ("Its a shame, the mayor said.", "Its", "It's"),
        ("The team was lead by its captain.", "lead", "led"),
        ("Fans fear they will loose their seats.", "loose", "lose"),
        ("Prices rose more then expected.", "then", "than"),
        ("Your not alone, she said.", "Your", "You're"),
        ("Their is no plan yet.", "Their", "There"),
        ("They kept there own counsel.", "there", "their"),
        ("The ban had little affect on sales.", "affect", "effect"),
        ("The plan was agreed in principal.", "principal", "principle"),
        ("Whose going to pay for it?", "Whose", "Who's"),
        ("Voters say they thing the tax is unfair.", "thing", "think"),
        ("I thing so, the coach said.", "thing", "think"),
        ("The council failed to reply in a timely matter.", "matter", "manner"),
        ("Requests were handled in an entirely orderly matter and on time.", "matter", "manner"),
    ],
)
def test_typo_detector_flags_confusable_where_the_context_allows_only_its_twin(
    text: str, quote: str, suggestion: str
) -> None:
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule, f.confidence) for f in findings] == [(quote, suggestion, "confusable", 0.5)]


def test_typo_detector_leaves_confusables_that_fit_their_context() -> None:
    text = (
        "Its own staff said then-President Smith lead a loose coalition; the principal said their plan would "
        "affect jobs. The firm cut its not-for-profit arm and its very existence, its true value and its going "
        "rate. Staff earn more. Then they leave. Your welcome pack and your being here matter. The principal "
        "investor lives in principal residence. The screw was not loose, and the lead held."
    )
    assert _detect(text) == []


# -- confusables scored in context with the bigram model (issue 20, item 5) ---------------------


@pytest.mark.parametrize(
    ("text", "quote", "suggestion"),
    [
        ("He asked weather the plan would work at all.", "weather", "whether"),
        ("She was not aloud to speak at the meeting.", "aloud", "allowed"),
        ("She said she wanted too be mayor.", "too", "to"),
    ],
)
def test_typo_detector_flags_a_confusable_its_neighbours_rule_out(text: str, quote: str, suggestion: str) -> None:
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule, f.confidence) for f in findings] == [
        (quote, suggestion, "confusable-context", 0.4)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The two men were too tired to talk.",
        "He was too tired, and she was tired too.",
        # the bigram model never scores "to" as a slip for "too" (it cannot settle it); "to late"
        # is read by the grammar of `_classic_confusion` instead, and "to" before a verb is right
        "The plan is to open for business in May, and the aim is to clear the backlog.",
        "He asked whether the weather would improve.",
        "She passed the test last year and moved past the old rules.",
        "Their house is over there by the river.",
        "It was quite a quiet night in the village.",
        "The principal reason is a matter of principle.",
        "They want to right a wrong done years ago.",  # "right" is a verb too: never read as "write"
        "The plane took off the runway an hour late.",  # "off the" is no slip for "of the"
        "The soldiers were led into the hall by the guards.",
        "He had no idea where they were going.",
        "Police said they will accept everything except the last demand.",
        "We now know the answer, and we will hear it here.",
        "She read the letter aloud to the court.",
        "The team had a piece of luck before the peace talks.",
        "Where were you?",
        "Weather permitting, the match goes ahead.",
    ],
)
def test_typo_detector_leaves_confusables_their_neighbours_allow(text: str) -> None:
    assert _detect(text) == []


def test_confusable_context_reads_only_plain_neighbours() -> None:
    # Punctuation, a name or a figure beside the word gives no context: nothing to score.
    assert _detect("Asked about it, Weather, a local firm, said nothing; weather, 2024.") == []


# -- real-word slips read with parts of speech (issue 20, sixth pass) -----------------------------


@pytest.mark.parametrize(
    ("text", "quote", "suggestion"),
    [
        # a subject pronoun one letter from "the" before a word that can only be a noun
        ("The report said he closures of three depots would save money.", "he", "the"),
        ("Inspectors found that they buildings had no fire doors.", "they", "the"),
        # an adjective one letter from a frequent verb, right after its subject
        ("Most residents hard trouble finding the new office.", "hard", "had"),
        ("The tenants mad problems with damp for years.", "mad", "had"),
        # a pronoun or preposition one letter from a determiner, before a bare singular subject
        ("Even so, out attitude is unchanged.", "out", "our"),
        ("Since then, you application has been lost twice.", "you", "your"),
        # "then" after any comparative the lexicon knows (the fixed patterns list the common ones)
        ("The river is wider then it looks.", "then", "than"),
        # classic confusions read from their neighbours (``_classic_confusion``):
        # "form" after a participle, a noun or a verb, before a noun phrase
        ("The letters were posted form the depot on Monday.", "form", "from"),
        ("Residents got little help form their landlord.", "form", "from"),
        ("The mayor's messages form her private account were released.", "form", "from"),
        # "form" before a gerund; after a noun, before a name
        ("Rain stopped the crews form finishing the road.", "form", "from"),
        ("A survey form Ipsos found the same.", "form", "from"),
        # "their" before a modal or ending a clause; "you're" after a preposition, before a noun
        ("Officials said their would be no delay.", "their", "there"),
        ("Nobody we asked had been their, the report said.", "their", "there"),
        ("Send the forms to you're employees first.", "you're", "your"),
        # "to" for "too" before a bare adjective; "where" for "were" after a plural subject
        ("The ferry was to slow, critics said.", "to", "too"),
        ("It is to late to change the plan now.", "to", "too"),
        ("They where stopped at the border.", "where", "were"),
        # "lose" after an article; "breath"/"breathe" swapped; "the passed" before a span
        ("Officials found a lose panel on the bridge.", "lose", "loose"),
        ("Patients struggled to breath without help.", "breath", "breathe"),
        ("She paused for a short breathe.", "breathe", "breath"),
        ("The charity wrote to they're members.", "they're", "their"),
        # "there" before a noun, after a preposition or a verb
        ("Tenants have lost there savings twice this year.", "there", "their"),
        ("Parents spoke of there anger at the closure.", "there", "their"),
        # "it's" after a preposition
        ("The charity moved staff out of it's headquarters.", "it's", "its"),
        # "loose" after "to" or a subject, "loosing" before an object
        ("Farmers are expected to loose most of the harvest.", "loose", "lose"),
        ("The club is loosing money on every match.", "loosing", "losing"),
        # "lead by" after a noun, with or without a comma
        ("The review, lead by a retired judge, reported in May.", "lead", "led"),
        # "than" opening a clause after "but"; a subject and "past"
        ("They waited an hour, but than they left.", "than", "then"),
        ("The storm weakened as it past over the coast.", "past", "passed"),
    ],
)
def test_typo_detector_flags_a_real_word_slip_the_parts_of_speech_rule_out(
    text: str, quote: str, suggestion: str
) -> None:
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule, f.confidence) for f in findings] == [
        (quote, suggestion, "real-word-pos", 0.35)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the word after the pronoun can be a verb: "trails", "fears" (a verb stem), "traffic"
        # ("trafficking"), or an -ing form the lexicon calls a noun
        "He trails the mayor in the polls, and she fears the worst.",
        "They traffic in rumours and half-truths.",
        "Isn't she funding the project herself?",
        # an inverted subject after an auxiliary; an appositive after "we"; a reflexive
        "All members, be they women or men, may vote.",
        "Are they doctors or nurses?",
        "We Americans pay more, and they themselves agree.",
        "He bit an apple and she kicked a ball.",
        # an adjective before a verb is an adverb; before a conjunction, an object's complement
        "Last year he last spoke to reporters in March.",
        "The plan would turn tenants angry if rents rose.",
        "Farmers old and young came to the meeting.",
        "They own shares in the firm, and we own the building.",
        "The hard winter left farmers short of feed.",
        # a particle after its verb, and "out" before an adverb or a plural
        "The workers carried out repairs last week.",
        "Out loud, the crowd cheered, and out front the band played.",
        "The council gave residents free parking.",
        # "then" after a time adverb, after a comma, or inside a compound
        "He left earlier then came back.",
        "Prices fell further, then rose.",
        "The then-president spoke.",
        # classic confusions their neighbours allow:
        # "form" as a verb after a subject, "to" or a modal; as a noun; in a compound
        "They form the largest group, and the parties will form a coalition.",
        "Cells form the lining of the gut.",
        "Fill in the application form before Friday.",
        "The council said the form the vote takes is not yet settled.",
        # "be to" before a verb or a noun; "where" after a singular subject; objects before "loose"
        "The mayor is to blame, and the plan was to build it by May.",
        "He asked where told stories end.",
        "The court cut it loose, and the judge set you loose.",
        "Bills passed the house.",
        # "their will" and "their might" are nouns; "you're" before a predicate noun
        "They acted against their will, with all their might.",
        "When you're president of a club, you're busy; if you're neighbors, you help.",
        # "there" as an adverb or the subject of "is"
        "She went there yesterday and stayed there overnight.",
        "Is there evidence of fraud?",
        # "it's" after a conjunction; "loose" as an adjective; "lead by example"
        "Because it's late, the shop shut.",
        "Officials say there are loose ends to tie up.",
        "Parents lead by example.",
        # "than" after a comparative; "past" after a verb
        "It was better than they expected, and more than he hoped.",
        "They drove past the school.",
    ],
)
def test_typo_detector_leaves_words_whose_parts_of_speech_fit(text: str) -> None:
    assert _detect(text) == []


# -- codespell's misspellings through an inflection, and jumbled function words -------------------


@pytest.mark.parametrize(
    ("text", "quote", "suggestion"),
    [
        # a listed misspelling's stem with an ending: "goverment" + s
        ("Several goverments objected to the treaty.", "goverments", "governments"),
        # as a sentence opener the web has seen as a misspelling's inflection
        ("The vote was close. Campaingers said they would appeal.", "Campaingers", "Campaigners"),
        # inside an organisation's name, beside a name
        ("A spokesman for Dunmore Independants said the seat was safe.", "Independants", "Independents"),
        # three letters: a jumbled "the" or "and"
        ("Teh bridge reopened on Sunday.", "Teh", "The"),
        ("Bread adn milk ran short.", "adn", "and"),
    ],
)
def test_typo_detector_flags_listed_misspellings_through_endings_names_and_jumbles(
    text: str, quote: str, suggestion: str
) -> None:
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [(quote, suggestion, "known-misspelling")]


def test_typo_detector_leaves_a_lone_brand_and_a_three_letter_name() -> None:
    # A listed misspelling alone mid-sentence is a brand; "Teh" after a title is a surname.
    assert _detect("He poured a glass of Absolut for the guests, and Mr Teh declined.") == []


# -- "Mr X" referring back to a person named in full (issue 20, item 4) --------------------------


def test_typo_detector_flags_a_courtesy_title_reference_one_letter_off_the_full_name_given_earlier() -> None:
    text = (
        "The inquiry was opened by Transport Commissioner Jacques Barrow on Monday. "
        '"We will look at every detail," said Mr Barow.'
    )
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [("Barow", "Barrow", "name-variant-of:Barrow")]


@pytest.mark.parametrize(
    "text",
    [
        # A listed surname of its own: another person.
        "The inquiry was opened by Commissioner Jacques Barrow on Monday. Later Mrs Barlow spoke.",
        # The title came first: no full name to refer back to.
        "Mr Barow spoke first. Then Commissioner Jacques Barrow opened the inquiry.",
    ],
)
def test_typo_detector_leaves_courtesy_title_names_that_are_not_a_reference_back(text: str) -> None:
    assert [f for f in _detect(text) if f.rule and f.rule.startswith("name-variant")] == []


# -- a name the web has never seen, one slip from a well-known one (issue 20, items 1 and 4) -------


def test_typo_detector_flags_an_unseen_name_one_left_out_letter_from_a_well_known_name() -> None:
    findings = _detect("The novelist Margaret Atwod read from her new book.")
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [("Atwod", "Atwood", "name-misspelling")]


@pytest.mark.parametrize(
    "text",
    [
        "The guests included Noam Chomsky and Margaret Atwood.",
        # Different people a letter apart, both listed names.
        "The squad named Peter Horan and Sean Horgan, with Anna Petersen and Mark Peterson.",
        # A rare name a letter longer than a known one is a name of its own, not a slip.
        "The spokesman, Tomas Atwoodz, said the hearing was over.",
        # Repeated: the article vouches for it.
        "Margaret Atwod spoke first. Later Atwod answered questions.",
    ],
)
def test_typo_detector_leaves_names_the_web_or_the_article_vouch_for(text: str) -> None:
    assert [f for f in _detect(text) if f.rule == "name-misspelling"] == []


def test_typo_detector_leaves_matter_where_it_is_the_noun_meant() -> None:
    text = "In a different matter, the court ruled. It was settled in a timely matter of weeks. No matter."
    assert _detect(text) == []


def test_typo_detector_leaves_thing_after_a_pronoun_used_as_a_noun_or_before_it() -> None:
    text = "The first thing they did was vote. It is a we thing, not an I thing that they want."
    assert _detect(text) == []


def test_typo_detector_splits_a_name_run_into_the_next_word_when_the_article_writes_the_name_alone() -> None:
    text = "Officer Dana Kowalskiand her partner arrived first. Kowalski said the door was open."
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [("Kowalskiand", "Kowalski and", "run-together")]


def test_typo_detector_does_not_split_names_that_end_like_a_word() -> None:
    assert _detect("Bill Clinton met Clint Eastwood in Boston, and Clinton said it went well.") == []
    assert _detect("Ms Perrand met the board. Perrand said no.") == []  # no "Perr" alone in the article


def test_typo_detector_prefers_a_dropped_letter_to_a_split_ending_in_a_two_letter_word() -> None:
    findings = _detect("The protecton order was lifted. The mayor wasin the hall.")
    assert [(f.quote, f.suggestion) for f in findings] == [("protecton", "protection"), ("wasin", "was in")]


# -- issue 20, second pass: kinds of non-word misses (own sentences) ------------------------------


def test_typo_listed_misspelling_of_a_long_word_needs_only_a_clear_frequency_lead() -> None:
    # codespell lists it; the web writes it often, but the correction is still clearly ahead.
    findings = _detect("The guide was very knowledgable about the history of the old harbour.")
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [
        ("knowledgable", "knowledgeable", "known-misspelling")
    ]


def test_typo_listed_misspelling_that_only_lost_its_apostrophe_is_flagged() -> None:
    findings = _detect("The club said the womens team would play its home games at the stadium.")
    assert [(f.quote, f.suggestion) for f in findings] == [("womens", "women's")]


def test_typo_short_listed_words_with_close_frequencies_stay_unflagged() -> None:
    # Short codespell entries that are also names or rare words ("Tennant", "hander") are left alone.
    assert _detect("The tennant farmers met a left hander from the market when the rain started.") == []


def test_typo_listed_misspelling_inside_a_title_case_name_of_ordinary_words() -> None:
    # The web has never seen the token, so it is no name; no neighbouring pair is needed.
    findings = _detect("The plans were sent to the National Agricultre Council for approval last week.")
    assert [(f.quote, f.suggestion) for f in findings] == [("Agricultre", "Agriculture")]


def test_typo_unseen_stem_of_a_rare_word_is_its_last_letter_lost() -> None:
    findings = _detect("The firm said the new packaging was fully recyclabl and cheaper to make.")
    assert [(f.quote, f.suggestion) for f in findings] == [("recyclabl", "recyclable")]


def test_typo_long_word_with_two_stray_letters_gets_its_correction() -> None:
    findings = _detect("The council is considering the alternatitives put forward by the residents.")
    assert [(f.quote, f.suggestion) for f in findings] == [("alternatitives", "alternatives")]


def test_typo_two_letters_left_out_beats_a_wrong_letter_in_the_ranking() -> None:
    from credibility.analysis.detectors.typos.candidates import _slip_cost

    # A letter left out (0.2) < a neighbouring key (0.4) < any other wrong letter (1.0).
    assert _slip_cost("goverment", "government") < _slip_cost("govermment", "government")
    assert _slip_cost("govermment", "government") < _slip_cost("goverzment", "government")
    assert _slip_cost("teh", "the") < _slip_cost("tje", "the") < _slip_cost("tqe", "the")
    # Two letters left out cost less than one wrong letter far from the right key.
    assert round(_slip_cost("comitee", "committee"), 1) == 0.4 < _slip_cost("goverzment", "government")


def test_typo_contraction_without_its_apostrophe_is_flagged() -> None:
    findings = _detect("Weve asked the council twice, and theyre still not answering our letters.")
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [
        ("Weve", "We've", "contraction"),
        ("theyre", "they're", "contraction"),
    ]


def test_typo_contraction_a_letter_off_is_flagged_and_real_ones_are_not() -> None:
    findings = _detect("The landlord did'nt reply, and the tenant says she could't wait any longer.")
    assert [(f.quote, f.suggestion) for f in findings] == [("did'nt", "didn't"), ("could't", "couldn't")]
    assert _detect("We'll see, but they'd said it won't open and we're not sure who'd pay.") == []


def test_typo_bare_forms_that_are_words_are_never_read_as_contractions() -> None:
    assert _detect("Those were the cant phrases we heard well before the shell of the hall was built.") == []


def test_typo_slash_between_prose_words_is_checked_but_paths_and_units_are_not() -> None:
    findings = _detect("The rules are applied/enforcd by the regulator on every firm.")
    assert [(f.quote, f.suggestion) for f in findings] == [("enforcd", "enforced")]
    assert _detect("Install it under usr/lcoalbin and cap the speed at 30 km/h on the road.") == []


def test_typo_word_with_its_last_letter_lost_is_not_read_as_a_compound() -> None:
    # "departmen" parses as "depart" + "men", but "department" is the token plus one letter.
    findings = _detect("She moved to the planning departmen after the election in May.")
    assert [(f.quote, f.suggestion) for f in findings] == [("departmen", "department")]


def test_typo_words_the_web_writes_with_a_prefix_a_are_not_split() -> None:
    assert _detect("The clinic treats atopic eczema in young children and adults.") == []
    findings = _detect("It was abig day for the village when the new bridge opened.")
    assert [(f.quote, f.suggestion) for f in findings] == [("abig", "a big")]


def test_typo_suggestion_is_ranked_by_the_content_word_next_to_it() -> None:
    # Without context "mther" is "other"; before "tongue" or "nature" it is "mother".
    assert [(f.quote, f.suggestion) for f in _detect("They met the mther day.")] == [("mther", "other")]
    findings = _detect("She spoke her mther tongue at home with the children.")
    assert [(f.quote, f.suggestion) for f in findings] == [("mther", "mother")]


def test_typo_a_common_word_one_cheap_slip_away_beats_a_split_nobody_writes() -> None:
    # "wat her" and "the or" are splits on a function word, but few write those pairs.
    findings = _detect("The local wather forecast warned of heavy snow, and farmers moved theor sheep.")
    assert [(f.quote, f.suggestion) for f in findings] == [("wather", "weather"), ("theor", "their")]
    findings = _detect("Police said the man was standing onthe bridge.")
    assert [(f.quote, f.suggestion) for f in findings] == [("onthe", "on the")]


def test_typo_listed_misspelling_whose_correction_is_a_rare_affixed_word() -> None:
    # Neither form is frequent; the web has never seen the token, and the correction is accommodating + ly.
    findings = _detect("The hotel staff smiled accomodatingly and found the family another room.")
    assert [(f.quote, f.suggestion) for f in findings] == [("accomodatingly", "accommodatingly")]


def test_typo_surnames_in_the_census_gazetteer_are_names_not_slips() -> None:
    # "Portner" is one letter from "partner", but the Census surname list holds it.
    assert _detect("Portner said the survey would be published in the spring.") == []
    assert _detect("Researchers Anna Sicotte and Tom Reed wrote the report.") == []


def test_typo_a_capitalised_word_beside_a_first_name_is_a_name() -> None:
    # "Brisker" is no listed surname, but it follows a first name.
    assert _detect("Researchers Anna Brisker and Tom Reed wrote the report.") == []


def test_typo_a_common_surname_with_two_letters_swapped_after_a_first_name_is_flagged() -> None:
    # The Census list itself holds "thomspon" far below "thompson": a slip there too.
    findings = _detect("Researchers Anna Thomspon and Tom Reed wrote the report.")
    assert [(f.quote, f.suggestion) for f in findings] == [("Thomspon", "Thompson")]


def test_typo_name_variant_rule_skips_a_name_followed_by_a_particle() -> None:
    text = "Obama spoke in Cairo on Monday. Later Obama thanked the soldiers who found Osama bin Laden."
    assert _detect(text) == []


def test_typo_words_the_web_uses_are_not_split_into_two() -> None:
    # American spellings the clean dictionary lacks, and compounds English writes solid.
    assert _detect("The leak caused a furor in the capital and a clamor for answers.") == []
    assert _detect("The weekslong strike ended after a monthslong dispute over pay.") == []
    assert _detect("Officials said the tax plan was distributionally neutral.") == []
    # A web-known token is split only into a pair the bigram list holds.
    assert _detect("Critics pointed to his inauthenticity on the stump.") == []
    findings = _detect("The vote was delayed atthe request of the mayor.")
    assert [(f.quote, f.suggestion) for f in findings] == [("atthe", "at the")]
    findings = _detect("Police said the man was standing onthe bridge.")
    assert [(f.quote, f.suggestion) for f in findings] == [("onthe", "on the")]


def test_typo_encoding_damage_is_not_a_misspelling() -> None:
    # UTF-8 read as Latin-1, composed and decomposed: the letters beside the damage are no slip
    # (the fragments "averal", "phine" are one letter from "aerial" and "phone").
    assert _detect("Officials named Ca\u00c3\u00b1averal and Jos\u00c3\u00a9phine spoke.") == []
    assert _detect("Officials named CaA\u0303\u00b1averal and JosA\u0303\u00a9phine spoke.") == []
    # Only the damaged word is skipped: a slip elsewhere in the sentence is still found.
    findings = _detect("The judge, Maria Gonz\u00c3\u00a1lez, said the case was clossed on Friday.")
    assert [(f.quote, f.suggestion) for f in findings] == [("clossed", "closed")]


def test_typo_a_style_sheet_left_in_the_text_is_not_prose() -> None:
    assert _detect("Read more below.\n.mheader { width:100%; padding-top:20px; }\nThe council met on Monday.") == []


def test_typo_a_camel_case_brand_is_not_a_credit_run_into_a_sentence() -> None:
    assert _detect("Smith's LinkedIn page lists her as a director of the firm.") == []


def test_typo_a_spelling_marked_sic_is_reproduced_as_written() -> None:
    # The quoted spelling is neither flagged nor used to "correct" the article's own.
    text = "A letter from Mayor Hollistor [sic] was read out. Mayor Hollistor [sic] had signed it. Later Mayor Hollister spoke."
    assert _detect(text) == []


def test_typo_a_name_a_final_vowel_off_a_common_word_is_another_form() -> None:
    text = (
        "Clinton won Nevada's Latino voters by a wide margin. Among Latino voters under 30 she led. "
        "The band played Latin hits all night."
    )
    assert _detect(text) == []


def test_typo_the_plural_of_a_rare_dictionary_word_is_not_a_slip() -> None:
    assert _detect("The field winnows down as the primaries go on.") == []


def test_typo_one_letter_of_a_double_left_out_is_the_likeliest_slip() -> None:
    # "scented" is more frequent, but writing a double letter once is the commonest slip of all.
    findings = _detect("Her strongly acented English charmed the jury.")
    assert [(f.quote, f.suggestion) for f in findings] == [("acented", "accented")]


def test_typo_a_productive_prefix_written_solid_is_not_a_run_together() -> None:
    assert _detect("Critics called him an archreformer who outhustled his rivals.") == []
    findings = _detect("The bridge was closed overthe weekend for repairs.")
    assert [(f.quote, f.suggestion) for f in findings] == [("overthe", "over the")]


def test_typo_a_rare_dictionary_word_is_reachable_from_a_web_seen_slip() -> None:
    # "hundreth" is common enough on the web (Zipf 1.2) to pass as a word; "hundredth" is rare
    # (2.8) but the one dictionary word a letter away, inside a compound too.
    for text in ("She won by a hundreth of a second.", "She won by one-hundreth of a second."):
        assert [(f.quote, f.suggestion) for f in _detect(text)] == [("hundreth", "hundredth")]


def test_typo_name_seen_once_each_way_follows_the_spelling_the_web_knows() -> None:
    # One mention each, none introduced: the web knows "Hendricks" and has never seen the other.
    text = 'Hendrciks had already qualified for the final. "I will not run again," said Hendricks.'
    assert [(f.quote, f.suggestion) for f in _detect(text)] == [("Hendrciks", "Hendricks")]
    # Surnames with a capital inside are compared too.
    text = 'Both McGarvy and Watkins had qualified for the final. "I will not run again," said McGarvey.'
    assert [(f.quote, f.suggestion) for f in _detect(text)] == [("McGarvy", "McGarvey")]


def test_typo_a_web_known_name_is_never_corrected_into_an_unseen_spelling() -> None:
    # "Tom McGarvy" is introduced first, but the web knows only "McGarvey": neither is flagged.
    assert _detect('The winner, Tom McGarvy, led from the start. "It was hard," said McGarvey.') == []


def test_typo_a_preposition_run_into_a_figure_is_flagged_but_codes_are_not() -> None:
    findings = _detect("Sales of the phones rose by12% in the year to March, from2019 levels.")
    assert [(f.quote, f.suggestion) for f in findings] == [("by12%", "by 12%"), ("from2019", "from 2019")]
    assert _detect("Python3 files, mp3 players, the B2B market and in-2 tests; see in2.example.com.") == []


def test_typo_article_agreement_reads_the_sound_the_spelling_gives() -> None:
    findings = _detect("The council made an offer in an bid to end the strike, and a 80-page report followed.")
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [
        ("an", "a", "article-agreement"),
        ("a", "an", "article-agreement"),
    ]
    assert [(f.quote, f.suggestion) for f in _detect("An second vote was held.")] == [("An", "A")]
    # Sounds the first letter does not give, acronyms, and a capital A that is a letter or a name.
    clean = (
        "He waited an hour at a university, an uninformed guess, a one-off, a euro, an MP, a NATO plan, "
        "an 18-year-old, a 1.5% rise, Plan A and Serie A matches, an X-rated film, a U-turn. She said: An apple a day."
    )
    assert _detect(clean) == []


def test_typo_a_word_written_twice_is_flagged_but_doubles_english_uses_are_not() -> None:
    findings = _detect("The mayor said the the budget was sent to to the council.")
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [
        ("the the", "the", "doubled-word"),
        ("to to", "to", "doubled-word"),
    ]
    assert _detect("She had had enough. He said that that was all. They came in in 1999. Duran Duran played.") == []


def test_typo_of_after_a_modal_and_advise_as_a_noun_are_confusables() -> None:
    findings = _detect("They could of been hurt, she said. On legal advise, the club will appeal.")
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [
        ("of", "have", "confusable"),
        ("advise", "advice", "confusable"),
    ]
    assert _detect("They would of course agree. We advise on tax and advise clients to wait.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Sales at the chain fell in to decline after the new store opened.",
        "The winger broke in to the first team at the age of seventeen.",
    ],
)
def test_typo_detector_flags_in_to_written_for_into(text: str) -> None:
    found = _by_quote(_detect(text))
    assert found["in to"].suggestion == "into" and found["in to"].rule == "confusable"


@pytest.mark.parametrize(
    "text",
    [
        "She handed the keys in to the front desk.",
        "Thieves broke in to steal the lead from the roof.",
        "He went in to see the doctor.",
    ],
)
def test_typo_detector_leaves_in_to_where_in_stands_alone(text: str) -> None:
    assert "in to" not in _by_quote(_detect(text))


def test_typo_detector_flags_must_before_a_comparison() -> None:
    found = _by_quote(_detect("The new lines are must faster than the old copper ones."))
    assert found["must"].suggestion == "much"
    # A modal before a verb that looks like a comparative is grammatical.
    assert "must" not in _by_quote(_detect("Suppliers must lower their prices than face a fine."))
    assert "must" not in _by_quote(_detect("Suppliers must lower their prices, the regulator said."))


def test_typo_detector_splits_a_surname_run_into_and_after_a_first_name() -> None:
    found = _by_quote(_detect("The strip was drawn by Steve Ditkoand Jack Kirby in 1962."))
    assert found["Ditkoand"].suggestion == "Ditko and" and found["Ditkoand"].rule == "run-together"
    # Surnames that end in "and" are names: listed by the Census or known to the web.
    assert _detect("Reporters Anna Garland and David Sutherland filed the story.") == []


def test_typo_detector_reads_a_key_next_to_the_right_one_as_a_slip() -> None:
    found = _by_quote(_detect("Patients reported symptons of fever after the trip."))
    assert found["symptons"].suggestion == "symptoms"


def test_typo_detector_ignores_a_correction_that_changes_the_first_letter_when_ranking() -> None:
    # "cleared" (a letter added in front) never wins, so it does not crowd out "learned".
    found = _by_quote(_detect("Only later she leared that the plan had failed."))
    assert found["leared"].suggestion == "learned"


def test_typo_detector_reads_a_sentence_opening_function_word_as_no_name() -> None:
    found = _by_quote(_detect("On Thrusday the minister resigned."))
    assert found["Thrusday"].suggestion == "Thursday"
    assert _detect("In Wetherby the council met.") == []


def test_typo_detector_checks_an_unseen_sentence_opener_as_an_ordinary_word() -> None:
    found = _by_quote(_detect("Reisurance firms expect heavy losses after the storm."))
    assert found["Reisurance"].suggestion == "Reinsurance"
    assert _detect("Okonjo said the plan was sound.") == []


# -- a common word written as two -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "suggestion"),
    [
        ("The council wants to repair the infra structure first.", "infra structure", "infrastructure"),
        ("Sales fell, al though prices held.", "al though", "although"),
        ("The firm moved its head quarters to Leeds.", "head quarters", "headquarters"),
    ],
)
def test_typo_detector_flags_a_common_word_split_in_two(text: str, quote: str, suggestion: str) -> None:
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [(quote, suggestion, "split-word")]


@pytest.mark.parametrize(
    "text",
    [
        # pairs writers use as two words ("every one", "with out" in the pair list), and phrases
        # that open with a function word or end with a number
        "Every one of the nine members voted, and any more delays may be costly.",
        "They engaged in credible talks, as sure as the sun rises.",
        "We've got ten new stores this year.",
    ],
)
def test_typo_detector_leaves_two_words_that_are_meant(text: str) -> None:
    assert _detect(text) == []


# -- more real-word slips the grammar rules out (issue 20, item 5) ------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "suggestion"),
    [
        # an irregular plural with a bare "s" before its noun: the possessive
        ("The charity funds other peoples schemes in the city.", "peoples", "people's"),
        # a plural one key ("s" for "d") from the participle the passive after "be" needs
        ("New permits will be issues when the survey ends.", "issues", "issued"),
        ("Refunds will be processes by the bank.", "processes", "processed"),
        # a sentence opening "One" with a clause, a comma and a main clause: "Once"
        ("One we're back from the trip, we will call you.", "One", "Once"),
        ("One you have the key, you can open the shed.", "One", "Once"),
        # "by" between two adjectives of an article's noun: "but"
        ("They chose a simple by effective plan.", "by", "but"),
        # "it's"/"who's" before a noun that a finite verb follows: the possessive
        ("The company said it's profits rose.", "it's", "its"),
        ("It's cost was high.", "It's", "Its"),
        ("The firm, who's budget is tiny, closed.", "who's", "whose"),
        # one letter from the word the neighbours need
        ("This is the town were he grew up.", "were", "where"),
        ("More that 50 people came.", "that", "than"),
        ("He was lead to the exit by guards.", "lead", "led"),
        ("I would except the offer if I could.", "except", "accept"),
        ("He did not no the answer.", "no", "know"),
        ("I don't no why.", "no", "know"),
        ("The weather was quiet cold.", "quiet", "quite"),
        ("The results where published on Monday.", "where", "were"),
        # "then" opening the infinitive clause that completes an earlier comparative
        ("It is cheaper to mend the roof now, then it will be to replace it later.", "then", "than"),
    ],
)
def test_typo_detector_flags_a_real_word_slip_its_clause_rules_out(text: str, quote: str, suggestion: str) -> None:
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule, f.confidence) for f in findings] == [
        (quote, suggestion, "real-word-pos", 0.35)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # "peoples" as nations, before a verb or after a word the bigram list pairs it with
        "Indigenous peoples live along the river.",
        "Many peoples share the valley.",
        # a plural after "be" as its complement: after "there", before a preposition, or a noun
        "There will be changes when the board meets.",
        "The outcome would be increases in rents.",
        "It could be issues like these that decide it.",
        "The real problems will be issues for the next mayor.",
        # "One" as a pronoun: with its verb, "of", or a comment set off by commas
        "One we spoke to said it was fine.",
        "One they call the Bridge is closed.",
        "One of them, we heard, left.",
        "One you know well, I think, is Tom.",
        # "by" after a noun, or before a noun phrase with no adjective
        "She read a book by famous authors, and a car made by Italian engineers.",
        "He saw a man by large windows in a house by the sea.",
        # "it's" as "it is" or "it has"; "who's" before a participle
        "It's time we left, it's been a year and it's set to rise.",
        "The man who's run the firm for years retired.",
        # an inverted condition; "where" with an elliptic or attributive participle
        "The party would fall were he to resign.",
        "Help is given to families where needed.",
        "In zones where known groups are active, troops stay.",
        # "that" after a comparative before no number; "except" as a preposition; "no" as an answer
        "More than that, 50 people came, and it cost more that year.",
        "Nobody except the mayor came.",
        "No, I do not, no.",
        # "quiet" before "enough", a comma or "and"
        "The road is quiet enough, and it was quiet, cold and dark.",
        # "then" after a condition, or before no infinitive
        "If the roof is cheaper, then it will be to our benefit.",
        "Prices were lower, then it was time to buy.",
        "It was harder at first, then it was easy.",
    ],
)
def test_typo_detector_leaves_the_words_these_clauses_allow(text: str) -> None:
    assert _detect(text) == []


# -- names: the rarer telltale slips (issue 20, item 1) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "suggestion"),
    [
        # a doubled letter shifted to the letter beside it
        ("The report was written by Beenett Harris and Tom Blake.", "Beenett", "Bennett"),
        # a vowel left out of a Census surname right after a first name
        ("The panel thanked Sarah Arsenalt for the survey.", "Arsenalt", "Arsenault"),
        ("The panel thanked Mark Boudrea and Ann Lee.", "Boudrea", "Boudreau"),
    ],
)
def test_typo_detector_flags_a_name_with_a_telltale_slip(text: str, quote: str, suggestion: str) -> None:
    findings = _detect(text)
    assert [(f.quote, f.suggestion, f.rule) for f in findings] == [(quote, suggestion, "name-misspelling")]


@pytest.mark.parametrize(
    "text",
    [
        "The panel thanked Sarah Arsenault and Mark Boudreau for the survey.",
        "The report was written by Anne Bennett and Tom Blake.",
        # a known name with a double letter, and a vowel-less name nobody lists near a surname
        "Talks with Maxx Dunne ended, said Rhys Bwlch.",
        # a middle name is often a family name of its own
        "The prize went to Clara Boudrea Hughes last year.",
    ],
)
def test_typo_detector_leaves_names_without_a_telltale_slip(text: str) -> None:
    assert [f for f in _detect(text) if f.rule == "name-misspelling"] == []
