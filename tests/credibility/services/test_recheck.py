"""Storing contradiction findings and re-checking stored articles against new fact-checks.

A stub contradiction detector is injected (tests only) so these tests pin the plumbing:
what the database hands the detector, and how its findings are stored and synced.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pytest
from django.utils import timezone

from annotations.models import Annotation
from credibility.analysis import pipeline
from credibility.analysis.types import ENGLISH_ONLY, AnalysisContext, Document, Finding
from credibility.models import FactCheck, FactCheckRecheck
from credibility.services.analysis import analysis_run_create, analysis_run_execute
from credibility.services.factchecks import factcheck_import
from credibility.services.recheck import factcheck_recheck, factcheck_recheck_periodic
from tests.annotations.factories import AnnotationFactory, ArticleFactory

pytestmark = pytest.mark.django_db

CLAIM = "The Harwick bridge was built by Roman engineers"
BODY = f"Visitors came on Sunday. {CLAIM}. It is popular with tourists."


class StubContradiction:
    """Flags a sentence containing a false fact-check's claim, or repeating another article's statement with "not"."""

    name = "contradiction"
    version = 1

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        found = []
        for sentence in document.sentences:
            text = sentence.text.lower()
            for entry in context.factchecks:
                if entry.verdict in ("false", "mostly_false") and entry.claim_reviewed.lower().rstrip(".") in text:
                    found.append(self._finding(document, sentence, rule="stub", evidence=entry))
                    break
            else:
                for claim in context.other_claims:
                    if claim.text.lower().replace(" was ", " was not ") == text:
                        found.append(self._finding(document, sentence, rule="stub-article", evidence_claim=claim))
                        break
        return found

    def _finding(self, document, sentence, **kwargs) -> Finding:
        return Finding(
            kind="contradicted_claim",
            start=sentence.start,
            end=sentence.end,
            quote=document.text[sentence.start : sentence.end],
            detector="contradiction@1",
            confidence=0.9,
            **kwargs,
        )


@pytest.fixture(autouse=True)
def stub_detector(monkeypatch):
    monkeypatch.setattr(pipeline, "DEFAULT_DETECTORS", (StubContradiction(),))


def _import(identifier: str, claim: str = CLAIM, label: str = "False") -> FactCheck:
    factcheck_import(
        records=[{"identifier": identifier, "claimReviewed": claim + ".", "reviewRating": {"alternateName": label}}],
        recheck=False,
    )
    return FactCheck.objects.get(identifier=identifier)


def _flags(article) -> list[tuple[str, str | None, str]]:
    return [
        (a.quote, a.evidence_factcheck.identifier if a.evidence_factcheck else None, a.status)
        for a in Annotation.objects.filter(article=article, kind="contradicted_claim")
    ]


def test_analysis_stores_a_contradiction_with_its_fact_check_as_evidence():
    factcheck = _import("fc-bridge")
    article = ArticleFactory(body=BODY)
    analysis_run_execute(run_id=analysis_run_create(article=article).pk)
    annotation = Annotation.objects.get(article=article, kind="contradicted_claim")
    assert annotation.quote == CLAIM + "." and annotation.evidence_factcheck == factcheck
    assert annotation.detector == "contradiction@1" and annotation.origin == "machine"


def test_article_against_article_evidence_is_the_other_articles_annotation_or_a_new_anchor_note():
    other_body = f"Guides agree. {CLAIM.replace('was built', 'was built')}."
    other = ArticleFactory(body=other_body, analysis_state="done")
    article = ArticleFactory(body=f"Guides disagree. {CLAIM.replace(' was ', ' was not ')}.")
    analysis_run_execute(run_id=analysis_run_create(article=article).pk)
    flagged = Annotation.objects.get(article=article, kind="contradicted_claim")
    anchor = flagged.evidence_annotation
    assert anchor is not None and anchor.article == other and anchor.kind == "note" and anchor.origin == "machine"
    assert anchor.quote == CLAIM + "." and anchor.detector == "contradiction-evidence@1"
    assert f"article {article.pk}" in anchor.comment

    # Re-analysing the other article keeps the anchor (its detector takes part in no sync).
    analysis_run_execute(run_id=analysis_run_create(article=other).pk)
    assert Annotation.objects.filter(pk=anchor.pk).exists()
    # A second analysis reuses the anchor instead of creating another.
    analysis_run_execute(run_id=analysis_run_create(article=article).pk)
    assert Annotation.objects.filter(article=other, kind="note").count() == 1


def test_article_against_article_evidence_prefers_an_existing_annotation():
    other_body = f"Guides agree. {CLAIM}."
    other = ArticleFactory(body=other_body, analysis_state="done")
    start = other_body.index(CLAIM)
    existing = AnnotationFactory(
        article=other,
        kind="unverified_claim",
        start=start,
        end=len(other_body),
        quote=other_body[start:],
        prefix="",
        suffix="",
    )
    article = ArticleFactory(body=f"Guides disagree. {CLAIM.replace(' was ', ' was not ')}.")
    analysis_run_execute(run_id=analysis_run_create(article=article).pk)
    assert Annotation.objects.get(article=article, kind="contradicted_claim").evidence_annotation == existing
    assert not Annotation.objects.filter(article=other, kind="note").exists()


def test_recheck_flags_articles_inside_the_window_only(settings):
    recent = ArticleFactory(body=BODY, published_at=timezone.now() - timedelta(days=10))
    old = ArticleFactory(body=BODY, published_at=timezone.now() - timedelta(days=40))
    undated = ArticleFactory(body=BODY)  # stored just now
    factcheck = _import("fc-bridge")

    record = factcheck_recheck(factcheck_ids=[factcheck.pk])
    assert (record.factchecks, record.articles_checked, record.created) == (1, 2, 2)
    assert _flags(recent) == [(CLAIM + ".", "fc-bridge", "open")] == _flags(undated)
    assert _flags(old) == []

    settings.FACTCHECK_RECHECK_DAYS = 60
    factcheck_recheck(factcheck_ids=[factcheck.pk])
    assert _flags(old) == [(CLAIM + ".", "fc-bridge", "open")]


def test_recheck_skips_articles_in_a_language_the_detector_does_not_support(monkeypatch):
    monkeypatch.setattr(StubContradiction, "languages", ENGLISH_ONLY, raising=False)
    english = ArticleFactory(body=BODY, language="en")
    # Declared Ukrainian by an editor: the full analysis would not run the detector, nor does a re-check.
    declared_ukrainian = ArticleFactory(body=BODY, language="uk")
    factcheck = _import("fc-bridge")
    record = factcheck_recheck(factcheck_ids=[factcheck.pk])
    assert _flags(english) == [(CLAIM + ".", "fc-bridge", "open")]
    assert _flags(declared_ukrainian) == []
    assert record.created == 1


def test_recheck_is_idempotent_and_touches_only_the_rechecked_evidence():
    article = ArticleFactory(body=f"{CLAIM}. Tourists say the bridge is painted gold every spring.")
    first = _import("fc-bridge")
    factcheck_recheck(factcheck_ids=[first.pk])
    gold = _import("fc-gold", "the bridge is painted gold every spring")
    factcheck_recheck(factcheck_ids=[gold.pk])
    factcheck_recheck(factcheck_ids=[gold.pk])  # redelivery
    assert sorted(_flags(article)) == sorted(
        [
            (CLAIM + ".", "fc-bridge", "open"),
            ("Tourists say the bridge is painted gold every spring.", "fc-gold", "open"),
        ]
    )

    # The gold fact-check is corrected to "true": its annotation goes, the bridge one stays.
    factcheck_import(
        records=[
            {
                "identifier": "fc-gold",
                "claimReviewed": "the bridge is painted gold every spring.",
                "reviewRating": {"alternateName": "True"},
            }
        ],
        recheck=False,
    )
    record = factcheck_recheck(factcheck_ids=[gold.pk])
    assert record.removed == 1
    assert _flags(article) == [(CLAIM + ".", "fc-bridge", "open")]


def test_recheck_keeps_reviewed_annotations():
    article = ArticleFactory(body=BODY)
    factcheck = _import("fc-bridge")
    factcheck_recheck(factcheck_ids=[factcheck.pk])
    Annotation.objects.filter(article=article).update(status="dismissed")
    factcheck_import(
        records=[{"identifier": "fc-bridge", "claimReviewed": CLAIM + ".", "reviewRating": {"alternateName": "True"}}],
        recheck=False,
    )
    factcheck_recheck(factcheck_ids=[factcheck.pk])
    assert _flags(article) == [(CLAIM + ".", "fc-bridge", "dismissed")]


def test_import_triggers_the_recheck_task_on_commit(django_capture_on_commit_callbacks):
    article = ArticleFactory(body=BODY)
    with django_capture_on_commit_callbacks(execute=True):
        factcheck_import(
            records=[
                {"identifier": "fc-bridge", "claimReviewed": CLAIM + ".", "reviewRating": {"alternateName": "False"}}
            ]
        )
    assert _flags(article) == [(CLAIM + ".", "fc-bridge", "open")]
    assert FactCheckRecheck.objects.get().trigger == "import"


def test_periodic_recheck_covers_fact_checks_changed_since_its_last_run():
    article = ArticleFactory(body=BODY)
    first = factcheck_recheck_periodic()
    assert [r.factchecks for r in first] == [0]
    _import("fc-bridge")
    second = factcheck_recheck_periodic()
    assert [r.factchecks for r in second] == [1] and second[0].until > first[0].until
    assert _flags(article) == [(CLAIM + ".", "fc-bridge", "open")]
    assert [r.factchecks for r in factcheck_recheck_periodic()] == [0]


def test_recheck_without_a_contradiction_detector_does_nothing(monkeypatch):
    monkeypatch.setattr(pipeline, "DEFAULT_DETECTORS", ())
    article = ArticleFactory(body=BODY)
    record = factcheck_recheck(factcheck_ids=[_import("fc-bridge").pk])
    assert (record.factchecks, record.articles_checked) == (1, 0)
    assert _flags(article) == []
