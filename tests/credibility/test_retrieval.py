"""Candidate retrieval: PostgreSQL full-text + trigram path, the portable term path, and the analysis context."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.models import Annotation
from credibility.models import FactCheckTerm
from credibility.retrieval import (
    factcheck_candidates,
    factcheck_lexicon_refresh,
    other_claim_candidates,
    retrieval_backend,
    retrieval_sentences,
    text_terms,
)
from credibility.services.analysis import analysis_context_build
from credibility.services.factchecks import factcheck_import
from tests.factories import AnnotationFactory, ArticleFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db

REGISTRY = [
    ("fc-flu", "Getting a flu shot gives many recipients the flu.", "False"),
    ("fc-tunnel", "The Valmora tunnel is the longest railway tunnel in the world.", "False"),
    ("fc-bridge", "The Harwick bridge was built in 1902 by Roman engineers.", "False"),
    ("fc-zelensky", "Volodymyr Zelensky resigned as president in March.", "False"),
    ("fc-budget", "The council budget for schools was cut by half.", "Mostly false"),
    ("fc-wind", "Wind turbines cause cancer in people living nearby.", "False"),
]
# Distractors sharing one word each with the queries below.
DISTRACTORS = [f"The {word} festival attracted record crowds this summer in town number {n}." for n, word in
               enumerate(["flu", "tunnel", "bridge", "president", "council", "wind"] * 20)]


@pytest.fixture(params=["postgres", "terms"])
def backend(request, settings):
    settings.FACTCHECK_RETRIEVAL = request.param
    records = [{"identifier": i, "claimReviewed": c, "reviewRating": {"alternateName": r}} for i, c, r in REGISTRY]
    records += [{"identifier": f"noise-{n}", "claimReviewed": text} for n, text in enumerate(DISTRACTORS)]
    factcheck_import(records=records, recheck=False)
    factcheck_lexicon_refresh()
    assert retrieval_backend() == request.param
    return request.param


def _ids(sentences, **kwargs):
    return [f.identifier for f in factcheck_candidates(sentences=sentences, **kwargs)]


def test_text_terms_stem_word_forms_and_drop_stopwords():
    assert text_terms("Vaccinations gave recipients the flu, he said.") == text_terms("vaccinate gave recipient flu")
    assert text_terms("Vaccinations gave recipients the flu, he said.")[1:] == ["gave", "recipient", "flu"]
    assert text_terms("More than 8,000 died") == ["8000", "died"]
    assert set(text_terms("recipients")) == set(text_terms("recipient"))


def test_retrieval_sentences_keep_claims_and_names_and_skip_chatter():
    text = "Thanks! The vaccine contains microchips. Should we worry? Officials in Harwick met. Unemployment rose 4%."
    assert [s.text for s in retrieval_sentences(text)] == [
        "The vaccine contains microchips.", "Officials in Harwick met.", "Unemployment rose 4%.",
    ]


def test_a_paraphrase_with_other_word_forms_is_found(backend):
    found = _ids(["Many people who got flu shots were given the flu by them, he claimed."])
    assert found[0] == "fc-flu"
    assert _ids(["Valmora is the world's longest rail tunnel."])[0] == "fc-tunnel"


def test_an_unrelated_sentence_sharing_one_word_finds_nothing(backend):
    assert "fc-flu" not in _ids(["The flu season started early in the north."])
    assert _ids(["The council met on Tuesday to discuss parking."]) == []


def test_only_ids_restricts_the_search(backend):
    from credibility.models import FactCheck

    tunnel = FactCheck.objects.get(identifier="fc-tunnel")
    sentence = ["Valmora is the world's longest rail tunnel.", "Flu shots give many recipients the flu."]
    assert set(_ids(sentence)) >= {"fc-tunnel", "fc-flu"}
    assert _ids(sentence, only_ids=[tunnel.pk]) == ["fc-tunnel"]
    assert _ids(sentence, only_ids=[]) == []


def test_postgres_path_maps_a_misspelt_name_onto_the_registry(settings):
    settings.FACTCHECK_RETRIEVAL = "postgres"
    factcheck_import(records=[{"identifier": i, "claimReviewed": c} for i, c, _ in REGISTRY], recheck=False)
    factcheck_lexicon_refresh()
    # "Zelenskyy" is not a registry lexeme; the trigram lexicon maps it onto "zelenski".
    assert _ids(["Zelenskyy resigned as president."]) == ["fc-zelensky"]


def test_a_fresh_fact_check_is_found_before_the_lexicon_is_refreshed(backend):
    factcheck_import(records=[{"identifier": "fc-new", "claimReviewed": "Quokkas were banned from Perth airport."}], recheck=False)
    assert _ids(["Perth airport has banned quokkas."]) == ["fc-new"]


def test_term_rows_are_kept_only_for_the_term_path(settings):
    settings.FACTCHECK_RETRIEVAL = "postgres"
    factcheck_import(records=[{"identifier": "a", "claimReviewed": "Alpha claims."}], recheck=False)
    assert not FactCheckTerm.objects.exists()
    settings.FACTCHECK_RETRIEVAL = "terms"
    factcheck_import(records=[{"identifier": "b", "claimReviewed": "Beta wording here."}], recheck=False)
    assert set(FactCheckTerm.objects.values_list("term", flat=True)) == {"beta", "word"}


def test_analysis_context_holds_the_candidates_for_the_text(backend):
    context = analysis_context_build(text="Chatter first. Flu shots give many recipients the flu, a doctor said.")
    assert [entry.identifier for entry in context.factchecks] == ["fc-flu"]
    assert context.factchecks[0].verdict == "false" and context.factchecks[0].rating_label == "False"
    assert analysis_context_build().factchecks == ()


def test_other_articles_statements_come_with_their_covering_annotation():
    body = "Officials met on Monday. The Harwick bridge was closed for repairs in May after an inspection."
    other = ArticleFactory(body=body)
    start = body.index("The Harwick")
    annotation = AnnotationFactory(article=other, kind="unverified_claim", start=start, end=len(body),
                                   quote=body[start:], prefix="", suffix="")
    unrelated = ArticleFactory(body="Bananas are rich in potassium, nutritionists in Leeds said.")
    claims = other_claim_candidates(sentences=["The Harwick bridge was not closed for repairs in May."])
    assert [(c.article_id, c.text, c.annotation_id) for c in claims] == [
        (other.pk, body[start:], annotation.pk),
    ]
    assert other_claim_candidates(sentences=["The Harwick bridge was not closed."], exclude_article_id=other.pk) == []
    assert unrelated.pk not in {c.article_id for c in claims}
    assert Annotation.objects.count() == 1


def test_the_portable_path_runs_on_sqlite(tmp_path):
    """The embedded default: migrate a fresh SQLite database, import, and retrieve through the term index."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DJANGO_SETTINGS_MODULE": "config.settings.local",
           "DEBUG": "1", "CELERY_BROKER_URL": ""}
    env.pop("FACTCHECK_RETRIEVAL", None)
    script = (
        "from credibility.retrieval import retrieval_backend, factcheck_candidates\n"
        "from credibility.services.factchecks import factcheck_import\n"
        "factcheck_import(records=[{'identifier': 'fc-flu', 'claimReviewed': 'Getting a flu shot gives many recipients the flu.'},"
        " {'identifier': 'fc-x', 'claimReviewed': 'The flu festival drew crowds.'}], recheck=False)\n"
        "print(retrieval_backend(), [f.identifier for f in factcheck_candidates(sentences=['Flu shots gave recipients the flu.'])])\n"
    )
    for args in (["migrate", "-v", "0"], ["shell", "-v", "0", "-c", script]):
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "terms ['fc-flu']"
