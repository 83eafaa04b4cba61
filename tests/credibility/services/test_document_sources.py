"""Documents as sources and roles kept off names, through the stored analysis (issue 19, items 2 and 4)."""

from __future__ import annotations

import pytest

from annotations.models import Annotation
from credibility.models import Source
from credibility.services.analysis import analysis_run_execute
from tests.annotations.factories import ArticleFactory
from tests.credibility.factories import AnalysisRunFactory

pytestmark = pytest.mark.django_db

BODY = (
    "The Marlow Report concluded that the tram line had cost twice its budget. "
    "Commuters were surveyed across the city in the spring. The survey found that most riders wanted later trains. "
    "Broadcaster Ines Varga said the line had changed the city."
)


def test_analysis_stores_named_documents_as_sources_and_unnamed_ones_as_labels():
    run = AnalysisRunFactory(article=ArticleFactory(body=BODY))
    analysis_run_execute(run_id=run.pk)
    attributions = {a.quote: a for a in Annotation.objects.filter(article=run.article, kind="source_attribution")}
    report = attributions["The Marlow Report concluded"]
    assert (report.source.name, report.source.kind) == ("Marlow Report", "document")
    survey = attributions["The survey found"]
    assert survey.source_id is None and survey.vague_source == "the survey"
    assert not Source.objects.filter(name__iexact="the survey").exists()
    # The unnamed document sources the claim: no unsourced or vague flag stands on its sentence.
    assert not Annotation.objects.filter(
        article=run.article, kind="unverified_claim", start__gte=survey.start, end__lte=survey.end + 60
    ).exists()


def test_a_job_word_is_kept_as_the_role_not_in_the_name():
    run = AnalysisRunFactory(article=ArticleFactory(body=BODY))
    analysis_run_execute(run_id=run.pk)
    speaker = Annotation.objects.get(article=run.article, quote="Broadcaster Ines Varga said")
    assert (speaker.source.name, speaker.source.kind) == ("Ines Varga", "person")
    assert speaker.source.description == "Broadcaster"
    assert "(Broadcaster)" in speaker.explanation
    assert not Source.objects.filter(name__istartswith="Broadcaster").exists()


@pytest.mark.django_db(transaction=True)
def test_the_document_kind_migration_is_reversible(migrator):
    before = [("credibility", "0012_vague_sources_to_annotation_labels")]
    after = [("credibility", "0013_source_kind_document")]
    executor = migrator()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    NewSource = new.get_model("credibility", "Source")
    NewSource.objects.create(name="Hollis Report", normalized_name="hollis report", kind="document")
    executor = migrator()
    executor.migrate(before)  # the old check constraint must hold again
    old = executor.loader.project_state(before).apps
    assert old.get_model("credibility", "Source").objects.get(normalized_name="hollis report").kind == "organization"
