"""Semantic retrieval: the embedding store kept in step with the registry, the per-process index,
and its fusion with the lexical paths (PostgreSQL full-text and the portable term rows)."""

from __future__ import annotations

import numpy as np
import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from credibility.analysis.claims import semantic as encoder
from credibility.models import FactCheck, FactCheckEmbedding
from credibility.retrieval import semantic
from credibility.retrieval.factchecks import factcheck_candidates, factcheck_lexicon_refresh, retrieval_backend
from credibility.services.factchecks import factcheck_create, factcheck_delete, factcheck_import, factcheck_update
from credibility.services.recheck import factcheck_recheck_periodic

pytestmark = pytest.mark.django_db

CLAIMS = [
    ("fc-phones", "Mobile phones cause brain cancer."),
    ("fc-carrots", "Carrots help you see in the dark."),
    ("fc-tunnel", "The Valmora tunnel is the longest railway tunnel in the world."),
]
# Shares one word ("brain") with fc-phones: the lexical paths need two rare shared words.
PARAPHRASE = "Smartphone radiation gives users brain tumours."


def _records(claims=CLAIMS):
    return [{"identifier": i, "claimReviewed": c, "reviewRating": {"alternateName": "False"}} for i, c in claims]


def _vector(identifier: str) -> np.ndarray:
    row = FactCheckEmbedding.objects.get(factcheck__identifier=identifier)
    return semantic.vectors_from_bytes([row.vector])[0]


@pytest.fixture(params=["postgres", "terms"])
def backend(request, settings, django_db_setup):
    from django.db import connection

    if request.param == "postgres" and connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text path")
    settings.FACTCHECK_RETRIEVAL = request.param
    settings.SEMANTIC_INDEX_RECONCILE_SECONDS = 0.0
    factcheck_import(records=_records(), recheck=False)
    factcheck_lexicon_refresh()
    assert retrieval_backend() == request.param
    return request.param


def test_import_stores_one_embedding_per_fact_check_of_the_current_encoder():
    factcheck_import(records=_records(), recheck=False)
    rows = FactCheckEmbedding.objects.all()
    assert rows.count() == 3
    assert {r.encoder_version for r in rows} == {encoder.ENCODER_VERSION}
    assert all(len(bytes(r.vector)) == 2 * encoder.EMBEDDING_DIM for r in rows)  # float16
    expected = encoder.encode(["Mobile phones cause brain cancer."])[0]
    assert float(_vector("fc-phones") @ expected) == pytest.approx(1.0, abs=1e-3)


def test_a_bulk_import_embeds_in_batches(monkeypatch):
    sizes = []
    real = encoder.encode
    monkeypatch.setattr(encoder, "encode", lambda texts: sizes.append(len(texts)) or real(texts))
    monkeypatch.setattr(semantic, "EMBED_BATCH", 4)
    semantic.factcheck_embeddings_store(batch_size=4)  # nothing yet
    factcheck_import(
        records=_records([(f"fc-{n}", f"Claim number {n} about taxes.") for n in range(10)]), recheck=False
    )
    assert FactCheckEmbedding.objects.count() == 10
    sizes.clear()
    assert semantic.factcheck_embeddings_store(batch_size=4) == 10
    assert sizes == [4, 4, 2]


def test_update_re_embeds_and_delete_removes_the_row():
    factcheck_import(records=_records(), recheck=False)
    factcheck = FactCheck.objects.get(identifier="fc-carrots")
    factcheck_update(factcheck=factcheck, claim_reviewed="Mobile phones cause brain cancer.")
    assert float(_vector("fc-carrots") @ _vector("fc-phones")) == pytest.approx(1.0, abs=1e-3)
    factcheck_import(  # a re-import changing the claim re-embeds it too
        records=_records([("fc-carrots", "The Valmora tunnel is the longest railway tunnel in the world.")]),
        recheck=False,
    )
    assert float(_vector("fc-carrots") @ _vector("fc-tunnel")) == pytest.approx(1.0, abs=1e-3)
    factcheck_delete(factcheck=factcheck)
    assert not FactCheckEmbedding.objects.filter(factcheck_id=factcheck.pk).exists()
    created = factcheck_create(identifier="fc-new", claim_reviewed="Carrots help you see in the dark.")
    assert FactCheckEmbedding.objects.filter(factcheck=created).exists()


def test_admin_saves_and_deletes_keep_the_store_in_step(admin_user):
    factcheck_import(records=_records(), recheck=False)
    admin = site._registry[FactCheck]
    request = RequestFactory().post("/")
    request.user = admin_user
    factcheck = FactCheck.objects.get(identifier="fc-carrots")
    factcheck.claim_reviewed = "Mobile phones cause brain cancer."
    admin.save_model(request, factcheck, form=None, change=True)
    assert float(_vector("fc-carrots") @ _vector("fc-phones")) == pytest.approx(1.0, abs=1e-3)
    admin.delete_queryset(request, FactCheck.objects.filter(identifier__in=["fc-carrots", "fc-tunnel"]))
    assert FactCheckEmbedding.objects.count() == 1


def test_an_encoder_change_is_caught_up_by_the_sync(monkeypatch):
    factcheck_import(records=_records(), recheck=False)
    monkeypatch.setattr(encoder, "ENCODER_VERSION", "another/2")
    assert semantic.factcheck_embeddings_sync() == 3
    assert set(FactCheckEmbedding.objects.values_list("encoder_version", flat=True)) == {"another/2"}
    assert semantic.factcheck_embeddings_sync() == 0
    FactCheckEmbedding.objects.filter(factcheck__identifier="fc-phones").delete()  # a write that bypassed the services
    factcheck_recheck_periodic()
    assert FactCheckEmbedding.objects.count() == 3


def test_a_paraphrase_with_one_shared_word_is_found_by_the_semantic_path_only(backend, settings):
    settings.FACTCHECK_SEMANTIC = False
    assert "fc-phones" not in [f.identifier for f in factcheck_candidates(sentences=[PARAPHRASE])]
    settings.FACTCHECK_SEMANTIC = True
    assert [f.identifier for f in factcheck_candidates(sentences=[PARAPHRASE])][0] == "fc-phones"
    # Unrelated text finds nothing above the floor.
    assert factcheck_candidates(sentences=["The council met on Tuesday evening in the town hall."]) == []


def test_lexical_and_semantic_candidates_are_fused(backend):
    sentences = [PARAPHRASE, "The Valmora tunnel is the longest railway tunnel anywhere in the world."]
    assert {f.identifier for f in factcheck_candidates(sentences=sentences)} == {"fc-phones", "fc-tunnel"}
    assert [f.identifier for f in factcheck_candidates(sentences=sentences, only_ids=[])] == []
    restricted = factcheck_candidates(sentences=sentences, only_ids=[FactCheck.objects.get(identifier="fc-tunnel").pk])
    assert [f.identifier for f in restricted] == ["fc-tunnel"]


def test_a_deleted_fact_check_is_never_returned(backend):
    assert factcheck_candidates(sentences=[PARAPHRASE])[0].identifier == "fc-phones"  # the index is built
    phones = FactCheck.objects.get(identifier="fc-phones")
    factcheck_delete(factcheck=phones)
    assert phones.pk not in semantic.semantic_index()
    assert "fc-phones" not in [f.identifier for f in factcheck_candidates(sentences=[PARAPHRASE])]
    # Deleted behind the services' back (another process, a raw delete): the read-back by id
    # drops it at once, and the next reconcile drops it from the index.
    factcheck_import(records=_records(), recheck=False)
    assert factcheck_candidates(sentences=[PARAPHRASE])[0].identifier == "fc-phones"
    FactCheck.objects.filter(identifier="fc-phones").delete()
    assert "fc-phones" not in [f.identifier for f in factcheck_candidates(sentences=[PARAPHRASE])]
    assert len(semantic.semantic_index()) == 2


def test_the_index_follows_new_and_changed_rows_without_a_rebuild(backend):
    index = semantic.semantic_index()
    assert len(index) == 3
    factcheck_create(identifier="fc-vax", claim_reviewed="Vaccines cause autism in children.")
    assert semantic.semantic_index() is index and len(index) == 4
    found = factcheck_candidates(sentences=["Inoculating children against measles leads to autism."])
    assert "fc-vax" in [f.identifier for f in found]


def test_embed_factchecks_command_fills_what_is_missing():
    import io

    from django.core.management import call_command

    factcheck_import(records=_records(), recheck=False)
    FactCheckEmbedding.objects.all().delete()
    out = io.StringIO()
    call_command("embed_factchecks", stdout=out)
    assert "Embedded 3 fact-checks" in out.getvalue() and FactCheckEmbedding.objects.count() == 3
    call_command("embed_factchecks", stdout=out)
    assert "Embedded 0 fact-checks" in out.getvalue()
    call_command("embed_factchecks", "--rebuild", stdout=out)
    assert "Embedded 3 fact-checks" in out.getvalue()


def test_the_index_file_is_read_and_caught_up_with_imports_updates_and_deletes(backend, settings, tmp_path):
    settings.SEMANTIC_INDEX_DIR = str(tmp_path)
    semantic.semantic_index_reset()
    assert len(semantic.semantic_index()) == 3
    assert semantic.semantic_index_source() == "store" and semantic.semantic_index_file().exists()
    # Written while no process held the index (as by another process): the next one reads the
    # file and catches up with all three kinds of change.
    semantic.semantic_index_reset()
    factcheck_create(identifier="fc-vax", claim_reviewed="Vaccines cause autism in children.")
    factcheck_update(
        factcheck=FactCheck.objects.get(identifier="fc-carrots"),
        claim_reviewed="The moon landing was filmed in a studio.",
    )
    factcheck_delete(factcheck=FactCheck.objects.get(identifier="fc-phones"))
    index = semantic.semantic_index()
    assert semantic.semantic_index_source() == "file"
    held = {f.identifier: f.pk for f in FactCheck.objects.all()}
    assert sorted(index.ids()) == sorted(held.values())
    moon = index.search(encoder.encode(["The moon landing was filmed in a studio."]), k=1)[0]
    assert moon[0].id == held["fc-carrots"] and moon[0].score > 0.9
    assert [f.identifier for f in factcheck_candidates(sentences=[PARAPHRASE])][:1] != ["fc-phones"]


def test_an_index_file_of_another_database_or_a_broken_one_is_not_used(backend, settings, tmp_path, monkeypatch):
    settings.SEMANTIC_INDEX_DIR = str(tmp_path)
    semantic.semantic_index_reset()
    semantic.semantic_index()
    semantic.semantic_index_reset()
    monkeypatch.setattr(semantic, "_database", lambda: "postgresql:elsewhere:5432:another")
    assert len(semantic.semantic_index()) == 3 and semantic.semantic_index_source() == "store"
    semantic.semantic_index_file().write_bytes(b"not an index")
    semantic.semantic_index_reset()
    assert len(semantic.semantic_index()) == 3 and semantic.semantic_index_source() == "store"


def test_embed_factchecks_writes_the_index_file_when_asked(settings, tmp_path):
    import io

    from django.core.management import call_command

    settings.SEMANTIC_INDEX_DIR = str(tmp_path)
    factcheck_import(records=_records(), recheck=False)
    out = io.StringIO()
    call_command("embed_factchecks", "--write-index", stdout=out)
    assert "Wrote the semantic index of 3 vectors" in out.getvalue()
    assert semantic.semantic_index_file().exists()
