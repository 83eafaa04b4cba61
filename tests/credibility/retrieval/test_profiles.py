"""The claim profile store: written on import, create and update, removed on delete, refused when
stale (another analyser, another claim), caught up by the sync; retrieval hands it to the detector,
which then finds exactly what it finds analysing the claims itself."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from credibility.analysis.claims.matching import profile
from credibility.analysis.claims.profile_codec import analyser_version, profile_loads
from credibility.analysis.detectors import contradiction
from credibility.analysis.detectors.contradiction import ContradictionDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document
from credibility.models import FactCheck, FactCheckProfile
from credibility.retrieval import profiles
from credibility.retrieval.factchecks import factcheck_candidates, factcheck_entry, factcheck_lexicon_refresh
from credibility.services.factchecks import factcheck_create, factcheck_delete, factcheck_import, factcheck_update
from credibility.services.recheck import factcheck_recheck_periodic

pytestmark = pytest.mark.django_db

CLAIMS = [
    ("fc-ferry", "The Orlen ferry carried more than 90,000 passengers in 2022."),
    ("fc-mast", "Phone masts near the Kessel school cause headaches in children."),
    ("fc-levy", "The Dunmore tourist levy raised four million pounds in its first year."),
]
ARTICLE = (
    "Councillors met on Monday. The Orlen ferry carried more than 90,000 passengers in 2022, the operator said. "
    "Parents claimed that phone masts near the Kessel school cause headaches in children. "
    "The Dunmore tourist levy raised only two million pounds in its first year."
)


def _records(claims=CLAIMS, rating="False"):
    return [{"identifier": i, "claimReviewed": c, "reviewRating": {"alternateName": rating}} for i, c in claims]


def _stored(identifier: str):
    row = FactCheckProfile.objects.get(factcheck__identifier=identifier)
    return row.analyser_version, profile_loads(row.factcheck.claim_reviewed, row.data)


def _read(identifier: str) -> FactCheck:
    return profiles.with_stored_profiles(FactCheck.objects.filter(identifier=identifier)).get()


def test_import_stores_every_claims_profile_of_the_current_analyser():
    factcheck_import(records=_records(), recheck=False)
    assert FactCheckProfile.objects.count() == 3
    for identifier, claim in CLAIMS:
        version, stored = _stored(identifier)
        assert version == analyser_version()
        assert stored == profile(claim)


def test_update_create_reimport_and_admin_rewrite_the_profile_and_delete_removes_it(admin_user):
    factcheck_import(records=_records(), recheck=False)
    ferry = FactCheck.objects.get(identifier="fc-ferry")
    factcheck_update(factcheck=ferry, claim_reviewed="The Orlen ferry sank twice in 2021.")
    assert _stored("fc-ferry")[1] == profile("The Orlen ferry sank twice in 2021.")
    factcheck_import(records=_records([("fc-ferry", "The Orlen ferry was sold to Norway.")]), recheck=False)
    assert _stored("fc-ferry")[1] == profile("The Orlen ferry was sold to Norway.")
    created = factcheck_create(identifier="fc-new", claim_reviewed="Kessel has no school.")
    assert _stored("fc-new")[1] == profile("Kessel has no school.")
    admin = site._registry[FactCheck]
    request = RequestFactory().post("/")
    request.user = admin_user
    mast = FactCheck.objects.get(identifier="fc-mast")
    mast.claim_reviewed = "Phone masts were banned in Kessel."
    admin.save_model(request, mast, form=None, change=True)
    assert _stored("fc-mast")[1] == profile("Phone masts were banned in Kessel.")
    factcheck_delete(factcheck=created)
    assert not FactCheckProfile.objects.filter(factcheck_id=created.pk).exists()
    assert FactCheckProfile.objects.count() == 3


def test_a_stored_profile_is_read_with_the_candidates_and_handed_to_the_detector(settings):
    factcheck_import(records=_records(), recheck=False)
    factcheck_lexicon_refresh()
    found = factcheck_candidates(sentences=[s.text for s in split_sentences(ARTICLE)])
    assert {f.identifier for f in found} >= {"fc-ferry", "fc-mast", "fc-levy"}
    entries = [factcheck_entry(f) for f in found]
    for entry in entries:
        assert entry.profile is not None and entry.profile == profile(entry.claim_reviewed)
    # A fact-check read without the join carries none (and factcheck_entry never queries for it).
    assert factcheck_entry(FactCheck.objects.get(identifier="fc-ferry")).profile is None


def test_the_detector_finds_the_same_with_a_stored_profile_and_never_analyses_that_claim(monkeypatch):
    factcheck_import(records=_records(), recheck=False)
    document = Document(text=ARTICLE, sentences=split_sentences(ARTICLE), title="Council notes")
    with_profiles = tuple(factcheck_entry(_read(i)) for i, _ in CLAIMS)
    without = tuple(factcheck_entry(FactCheck.objects.get(identifier=i)) for i, _ in CLAIMS)
    assert all(e.profile is not None for e in with_profiles) and all(e.profile is None for e in without)
    analysed: list[str] = []
    real = contradiction.profile
    monkeypatch.setattr(contradiction, "profile", lambda text: analysed.append(text) or real(text))
    stored_findings = ContradictionDetector().detect(document, AnalysisContext(factchecks=with_profiles), ())
    assert not set(analysed) & {claim for _, claim in CLAIMS}
    own_findings = ContradictionDetector().detect(document, AnalysisContext(factchecks=without), ())
    assert {claim for _, claim in CLAIMS} <= set(analysed)
    assert stored_findings == own_findings
    assert {f.evidence.identifier for f in stored_findings if f.evidence} >= {"fc-ferry", "fc-mast"}


def test_a_profile_of_another_analyser_is_recomputed_never_trusted_and_the_sync_rewrites_it(monkeypatch):
    factcheck_import(records=_records(), recheck=False)
    assert factcheck_entry(_read("fc-levy")).profile is not None
    monkeypatch.setattr(profiles, "analyser_version", lambda: "profile1-another")
    assert factcheck_entry(_read("fc-levy")).profile is None  # stale: the detector analyses the claim
    assert profiles.factcheck_profiles_sync() == 3
    assert set(FactCheckProfile.objects.values_list("analyser_version", flat=True)) == {"profile1-another"}
    assert profiles.factcheck_profiles_sync() == 0
    assert factcheck_entry(_read("fc-levy")).profile == profile(dict(CLAIMS)["fc-levy"])


def test_a_claim_edited_behind_the_services_back_is_not_matched_with_its_old_profile():
    factcheck_import(records=_records(), recheck=False)
    FactCheck.objects.filter(identifier="fc-levy").update(claim_reviewed="The Dunmore levy was scrapped.")
    assert factcheck_entry(_read("fc-levy")).profile is None  # the digest is the old claim's
    assert profiles.factcheck_profiles_sync(rebuild=True) == 3
    assert factcheck_entry(_read("fc-levy")).profile == profile("The Dunmore levy was scrapped.")


def test_the_periodic_recheck_stores_missing_and_outdated_profiles():
    factcheck_import(records=_records(), recheck=False)
    FactCheckProfile.objects.filter(factcheck__identifier="fc-mast").delete()  # a write that bypassed the services
    FactCheckProfile.objects.filter(factcheck__identifier="fc-ferry").update(analyser_version="profile0-old")
    factcheck_recheck_periodic()
    assert {v for v, _ in (_stored(i) for i, _ in CLAIMS)} == {analyser_version()}
    assert _stored("fc-mast")[1] == profile(dict(CLAIMS)["fc-mast"])


def test_candidate_rows_are_the_instances_the_orm_reads():
    from credibility.retrieval.factchecks import _candidate_rows

    factcheck_import(records=_records(), recheck=False)
    FactCheckProfile.objects.filter(factcheck__identifier="fc-levy").delete()  # a row without a profile
    ids = [*FactCheck.objects.values_list("pk", flat=True), 10**9]  # and an id deleted since
    expected = profiles.with_stored_profiles(FactCheck.objects.defer("raw")).in_bulk(ids)
    read = _candidate_rows(ids)
    assert read.keys() == expected.keys() and len(read) == 3
    for pk, factcheck in expected.items():
        mine = read[pk]
        assert {k: v for k, v in vars(mine).items() if k != "_state"} == {
            k: v for k, v in vars(factcheck).items() if k != "_state"
        }
        assert mine.get_deferred_fields() == factcheck.get_deferred_fields() == {"raw"}
        assert factcheck_entry(mine) == factcheck_entry(factcheck)
    assert read[FactCheck.objects.get(identifier="fc-levy").pk].stored_profile_data is None
    assert _candidate_rows([]) == {}
