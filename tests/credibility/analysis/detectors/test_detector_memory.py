"""What the detectors leave behind and share (not timed here): memory on hostile text stays bounded."""

from __future__ import annotations

import gc

from credibility.analysis.detectors.attribution import AttributionDetector
from credibility.analysis.detectors.typos import TypoDetector
from credibility.analysis.detectors.typos.name_variants import _add_name, _names_at, _with
from credibility.analysis.detectors.typos.tokens import _Token
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document


def _document(text: str) -> Document:
    return Document(text=text, sentences=split_sentences(text))


def test_typo_detector_leaves_no_token_cycles_for_the_garbage_collector():
    text = "Mr Okafor said the plan was late. Mr Okafur said it was not. " * 20
    gc.collect()
    gc.disable()
    try:
        TypoDetector().detect(_document(text), AnalysisContext(), ())
        # type(), not isinstance(): the heap may hold dead weak proxies, which raise when probed.
        alive = sum(type(o) is _Token for o in gc.get_objects())
    finally:
        gc.enable()
    assert alive == 0


def test_attribution_findings_of_one_verb_share_their_rule_string():
    text = " ".join(f"Mr {name} said the plan was late." for name in ("Okafor", "Lindqvist", "Moreau"))
    findings = AttributionDetector().detect(_document(text), AnalysisContext(), ())
    assert len(findings) == 3
    assert {f.rule for f in findings} == {"cue-verb:said"}
    assert findings[0].rule is findings[1].rule is findings[2].rule


def test_attribution_finding_names_the_cue_as_written():
    text = "The plan was late, Mr Okafor said on Monday."
    (finding,) = AttributionDetector().detect(_document(text), AnalysisContext(), ())
    assert finding.explanation == f'Statement attributed to Okafor by "{finding.quote}"'


def test_name_forms_introduced_by_one_title_share_one_introducer_set():
    single: dict[str, frozenset[str]] = {}
    first = _with(frozenset(), "mr", single)
    assert _with(frozenset(), "mr", single) is first == frozenset({"mr"})
    assert _with(first, "dr", single) == frozenset({"mr", "dr"})


def test_name_index_keeps_lone_names_unwrapped_and_lists_from_the_second():
    table: dict[str, str | list[str]] = {}
    _add_name(table, "k", "Okafor")
    assert table["k"] == "Okafor" and list(_names_at(table, "k")) == ["Okafor"]
    _add_name(table, "k", "Okafur")
    _add_name(table, "k", "Okafar")
    assert list(_names_at(table, "k")) == ["Okafor", "Okafur", "Okafar"]
    assert list(_names_at(table, "absent")) == []


def test_name_variant_findings_of_one_canonical_name_share_rule_and_detector_strings():
    text = (
        "Ingrid Okafor spoke first. Ms Okafor said the plan was late. Ms Okafor said it again. "
        "Later Okafur agreed. Then Okafar left."
    )
    findings = [
        f for f in TypoDetector().detect(_document(text), AnalysisContext(), ()) if f.rule == "name-variant-of:Okafor"
    ]
    assert len(findings) == 2
    assert findings[0].rule is findings[1].rule
    assert findings[0].detector is findings[1].detector


def test_quoted_regions_are_the_spans_inside_double_quotes_as_two_arrays():
    from credibility.analysis.detectors import hedges

    text = 'He said "yes" and \u201cno\u201d.\n"open to the line end\nrest'
    starts, ends = hedges.quoted_regions(text)
    assert [text[s:e] for s, e in zip(starts, ends, strict=True)] == [
        '"yes"',
        "\u201cno\u201d",
        '"open to the line end',
    ]


def test_quoted_regions_end_a_quote_at_the_next_opening_mark_of_a_continued_quote():
    # A quote running over paragraphs opens each with a mark and closes only at the end; with
    # the paragraph breaks lost, the narration between two quotes must stay outside them.
    from credibility.analysis.detectors import hedges

    text = (
        '"We sold the depot in May," said Ms Ode. The council bought it for £2m. '
        '"We needed the cash. "It was the right call."'
    )
    starts, ends = hedges.quoted_regions(text)
    regions = [text[s:e] for s, e in zip(starts, ends, strict=True)]
    assert regions == ['"We sold the depot in May,"', '"We needed the cash. ', '"It was the right call."']
    assert not any("council bought" in region for region in regions)
