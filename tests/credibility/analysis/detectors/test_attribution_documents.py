"""Documents and data as sources, and clean source names with the role kept apart (issue 19, items 2 and 4).

Plain Python, on sentences written for these tests.
"""

from __future__ import annotations

import pytest

from credibility.analysis.detectors.attribution import AttributionDetector
from credibility.analysis.pipeline import analyze_text, finding_to_json, finding_vague_source
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, Finding, SourceRef


def _detect(text: str) -> list[Finding]:
    document = Document(text=text, sentences=split_sentences(text))
    return AttributionDetector().detect(document, AnalysisContext(), ())


def _sources(text: str) -> list[SourceRef]:
    return [f.source for f in _detect(text) if f.source is not None]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Rents climbed again in the spring. The report said that students were hit hardest.", "the report"),
        ("The survey found that most cyclists wear a helmet.", "the survey"),
        ("Ferry crossings fell by a third. The latest figures showed a further drop in March.", "the latest figures"),
        ("The study concluded that the drug halved relapses.", "the study"),
    ],
)
def test_a_document_nobody_is_named_for_is_the_source(text: str, name: str) -> None:
    (ref,) = _sources(text)
    assert (ref.name, ref.kind) == (name, "document")
    assert not ref.named  # "the report" is no Source row of its own: it stays a label


def test_a_document_with_an_owner_named_close_by_is_the_owners() -> None:
    text = "Larkfield Council published its audit on Tuesday. The audit found that repairs were running late."
    refs = _sources(text)
    assert [(r.name, r.kind) for r in refs] == [("Larkfield Council", "government_body")]


def test_a_document_with_a_name_of_its_own_is_a_named_document() -> None:
    (ref,) = _sources("The Hollis Report concluded that the scheme had wasted money.")
    assert (ref.name, ref.kind) == ("Hollis Report", "document")
    assert ref.named


def test_a_surname_that_spells_a_document_word_stays_a_person() -> None:
    refs = _sources("Dr Lena Audit said the light was too poor to carry on.")
    assert [(r.name, r.kind) for r in refs] == [("Lena Audit", "person")]


def test_an_unnamed_document_is_a_label_in_the_annotation_json() -> None:
    (finding,) = _detect("The review found that waiting times had doubled.")
    assert finding_vague_source(finding) == "the review"
    assert finding_to_json(finding)["source"] == {"id": None, "name": "the review", "kind": "document"}


def test_a_claim_attributed_to_a_document_is_sourced_not_vague() -> None:
    text = (
        "Waiting lists were published for the first time this year. "
        "The analysis found that 41% of patients waited more than a year for surgery."
    )
    result = analyze_text(text=text, title="")
    doc = [f for f in result.findings if f.kind == "source_attribution"]
    assert [(f.source.name, f.source.kind) for f in doc if f.source] == [("the analysis", "document")]
    second = result.sentences[1]
    flags = [f for f in result.findings if f.kind == "unverified_claim" and f.start >= second[0]]
    assert flags == []


@pytest.mark.parametrize(
    "text, name, role",
    [
        ("Gardener Nell Ashby said the frost had killed the tulips.", "Nell Ashby", "Gardener"),
        ("Singer Tomas Rieu told fans the tour was cancelled.", "Tomas Rieu", "Singer"),
        ("Referee Owen Clay said the tackle deserved a red card.", "Owen Clay", "Referee"),
        ("Clinic director Hana Wolde said the queues had doubled.", "Hana Wolde", "director"),
        ("said Brightwater chief economist Pia Lund.", "Pia Lund", "Brightwater chief economist"),
    ],
)
def test_job_words_leave_the_name_and_become_the_role(text: str, name: str, role: str) -> None:
    if text.startswith("said"):
        text = "Mortgage approvals will fall this year, " + text
    (finding,) = _detect(text)
    assert finding.source is not None
    assert (finding.source.name, finding.source.kind, finding.source.role) == (name, "person", role)
    # The annotation keeps the role where a reviewer reads it.
    assert finding.explanation.startswith(f"Statement attributed to {name} ({role}) by ")


def test_no_role_without_a_job_word() -> None:
    text = "Jonas Petter chairs the panel. And Mr Petter said the vote was fair."
    refs = [r for r in _sources(text) if r.name == "Jonas Petter"]
    assert refs and all(r.role == "" for r in refs)


@pytest.mark.parametrize("title", ["Mr", "Ms", "Dr"])
def test_a_courtesy_title_makes_a_person_even_of_an_outlet_name(title: str) -> None:
    text = f"Rita Sky ran the inquiry for two years. {title} Sky said the evidence was clear."
    refs = _sources(text)
    assert ("Rita Sky", "person") in [(r.name, r.kind) for r in refs]
    assert all(r.kind != "outlet" for r in refs)


def test_organisations_are_not_typed_as_persons() -> None:
    refs = _sources("The Orchard Housing Trust said rents would be frozen.")
    assert [(r.name, r.kind) for r in refs] == [("Orchard Housing Trust", "organization")]


def test_a_role_word_that_names_nobody_is_a_label_not_a_source() -> None:
    (finding,) = _detect("A spokeswoman said the depot would reopen in May.")
    assert finding.source is not None and finding.source.kind == "person"
    assert not finding.source.named  # no Source row called "spokeswoman"
    assert finding_vague_source(finding) == finding.source.name


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("Ohio Attorney General Rosa Lind said the merger was unlawful.", "Rosa Lind", "person"),
        ("General Hale Burton said the troops would leave by June.", "Hale Burton", "person"),
        ("General Motors said its sales fell in March.", "General Motors", "organization"),
    ],
)
def test_general_is_a_title_before_a_person_and_part_of_a_company_name(text: str, name: str, kind: str) -> None:
    (ref,) = _sources(text)
    assert (ref.name, ref.kind) == (name, kind)


def test_a_pronoun_subject_speaks_through_a_participle() -> None:
    text = "Rita Vane chairs the board. She rejected the offer on Monday, saying it was far too low."
    refs = _sources(text)
    assert [(r.name, r.kind) for r in refs] == [("Rita Vane", "person")]


def test_it_before_a_participle_is_no_speaker() -> None:
    assert _sources("It rained all week, adding to the misery of the stranded drivers.") == []


@pytest.mark.parametrize(
    "text, name, role",
    [
        (
            "Mira Olsen, chief economist at Harbour Bank, said rates would fall.",
            "Mira Olsen",
            "chief economist at Harbour Bank",
        ),
        ("Tom Reyes, a spokesman for the port, said ships were waiting.", "Tom Reyes", "spokesman for the port"),
        ("Dana Kipp, who runs the shelter, said the beds were full.", "Dana Kipp", ""),
    ],
)
def test_an_appositive_description_is_the_role(text: str, name: str, role: str) -> None:
    (ref,) = _sources(text)
    assert (ref.name, ref.kind, ref.role) == (name, "person", role)


@pytest.mark.parametrize(
    "text", ["Labour said the levy would be scrapped.", "The Greens warned the dam would flood the valley."]
)
def test_a_party_named_by_one_word_is_an_organisation(text: str) -> None:
    (ref,) = _sources(text)
    assert ref.kind == "organization"


def test_a_party_word_that_is_a_known_name_keeps_the_full_name() -> None:
    text = "The Labour Party published its plan. Labour said the levy would be scrapped."
    names = {r.name for r in _sources(text)}
    assert "Labour" not in names


@pytest.mark.parametrize(
    "text, name",
    [
        ("The tenants won their case. According to the ruling, the landlord must repay the deposits.", "the ruling"),
        ("The judgment found that the council had acted unlawfully.", "the judgment"),
    ],
)
def test_a_court_ruling_is_a_document_source(text: str, name: str) -> None:
    (ref,) = _sources(text)
    assert (ref.name, ref.kind) == (name, "document")
