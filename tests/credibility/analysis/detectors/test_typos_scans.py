"""The typo detector's whole-text scans and its one-walk tokeniser: what they must still find.

The patterns open with a literal character and look behind it (so they are not tried at every
character), and the tokeniser marks initials and links neighbours as it goes; these tests pin the
boundaries those rewrites had to keep. Pure Python, hand-written sentences.
"""

from __future__ import annotations

import pytest

from credibility.analysis import budget
from credibility.analysis.detectors.typos import TypoDetector
from credibility.analysis.detectors.typos.name_variants import _compound_names
from credibility.analysis.detectors.typos.real_words import _HAVE_BASE
from credibility.analysis.detectors.typos.tokens import _SHORT_QUOTE, _tokens, _unlink, _web_spans
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document


def _document(text: str) -> Document:
    return Document(text=text, sentences=split_sentences(text))


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Read it at WWW.Lakeside-Ferries.org today.", ["WWW.Lakeside-Ferries.org"]),
        ("The timetable is on ferries.COM now.", ["ferries.COM"]),
        ("Write to desk@harbour.example or tag #ferries.", ["desk@harbour.example", "#ferries"]),
        ("See https://pier.test/page for more.", ["https://pier.test/page"]),
        ("The word .com alone is no address, nor is www without its dot.", []),
    ],
)
def test_web_spans_find_addresses_in_any_case_and_nothing_else(text: str, spans: list[str]) -> None:
    assert [text[a:b] for a, b in _web_spans(text)] == spans


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('The "slow ferry" left.', ['"slow ferry"']),
        (
            'He called it (\u201cquiet\u201d) and \u2018odd\u2019 and "fine".',
            ["\u201cquiet\u201d", "\u2018odd\u2019", '"fine"'],
        ),
        ("It's the pier's 'new look' now.", ["'new look'"]),
        ('Two words"glued" stay unquoted.', []),
    ],
)
def test_short_quotations_open_only_after_a_blank_or_bracket(text: str, quoted: list[str]) -> None:
    assert [match.group(0) for match in _SHORT_QUOTE.finditer(text)] == quoted


@pytest.mark.parametrize(
    ("text", "bases"),
    [
        ("The board has strengthen its rules.", ["strengthen"]),
        ("They've simplify the forms.", ["simplify"]),
        ("A shave often helps; the chad often wins.", []),  # "has"/"had" only as whole words
        ("The cat'sve broken it.", []),
    ],
)
def test_have_pattern_needs_a_whole_have_or_a_contracted_ve(text: str, bases: list[str]) -> None:
    assert [match.group(1) for match in _HAVE_BASE.finditer(text)] == bases


def test_compound_names_found_with_and_without_a_prefixed_part() -> None:
    text = "Aoife O'Brien-Kelly met Tomas Holm-Okafor. Later O'Brien-Kelly left; re-Holm-Okafor is no name."
    document = _document(text)
    tokens = _tokens(document, [], {})
    compounds, _ = _compound_names(text, tokens)
    assert {form: entry.count for form, entry in compounds.items()} == {"O'Brien-Kelly": 2, "Holm-Okafor": 1}
    plain = "No hyphenated name here, only a well-known phrase."
    assert _compound_names(plain, _tokens(_document(plain), [], {}))[0] == {}


def test_tokens_mark_initials_and_link_neighbours_in_one_walk() -> None:
    text = "Harbour Ferry Times Report Today. The mayor's office said: Ferries run - Late ones too."
    tokens = _tokens(_document(text), [], {})
    by_text = {token.text: token for token in tokens}
    # a headline-case sentence: every word initial
    assert all(token.initial for token in tokens if token.sentence == 0)
    assert by_text["The"].initial and by_text["Ferries"].initial and by_text["Late"].initial
    assert not by_text["mayor"].initial and not by_text["office"].initial
    # "mayor's" links across its possessive to "office"; ":" breaks the chain
    assert by_text["mayor"].next is by_text["office"] and by_text["office"].prev is by_text["mayor"]
    assert by_text["said"].next is None and by_text["Ferries"].prev is None
    # a new sentence is never linked to the last one
    assert by_text["Today"].next is None and by_text["The"].prev is None
    _unlink(tokens)


def test_tokens_stop_at_their_allowance_and_say_where() -> None:
    text = "A-" * 2000 + "end."
    with budget.allowances() as spent:
        tokens = _tokens(_document(text), [], {})
    (words,) = [allowance for allowance in spent if allowance.step == "the typo check"]
    assert len(tokens) == words.limit == words.used
    assert words.stopped_at == 2 * words.limit


def test_detector_still_flags_glued_credit_and_misspelling_after_the_faster_scans() -> None:
    text = "Harbour Press/Jo BellThe ferry was late. Officials said it had recieved complaints."
    document = _document(text)
    findings = TypoDetector().detect(document, AnalysisContext(), ())
    assert [(f.quote, f.rule) for f in findings] == [
        ("Harbour Press/Jo Bell", "glued-credit"),
        ("recieved", "known-misspelling"),
    ]
