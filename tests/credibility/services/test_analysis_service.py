"""Analysis runs as stored: enqueue on commit, run records, idempotent re-runs, what is never touched.

The detectors are replaced by a fixed result here so that these tests pin the storage rules,
not the detectors' current output (which has its own tests).
"""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from annotations.models import Annotation
from annotations.services.articles import article_create, article_update
from credibility.analysis.pipeline import AnalysisResult
from credibility.analysis.types import Finding
from credibility.models import AnalysisRun
from credibility.services import analysis as analysis_service
from credibility.services.analysis import analysis_request, analysis_run_execute, analysis_runs_requeue
from tests.annotations.factories import AnnotationFactory, ArticleFactory, claim_annotation
from tests.credibility.factories import AnalysisRunFactory

BODY = "The council approved the budget on Tuesday. Taxes will rise by 4.99%, the council said."
DETECTOR = "fake@1"


def _finding(body: str, quote: str, *, kind: str = "unverified_claim", detector: str = DETECTOR) -> Finding:
    start = body.index(quote)
    return Finding(
        kind=kind,  # type: ignore[arg-type]
        start=start,
        end=start + len(quote),
        quote=quote,
        detector=detector,
        rule="test-rule",
        confidence=0.8,
        reason="unsourced" if kind == "unverified_claim" else None,
    )


def _result(*findings: Finding, versions: dict[str, int] | None = None) -> AnalysisResult:
    return AnalysisResult(
        findings=tuple(findings), timings_ms={"segment": 0.1, "fake": 0.2}, detector_versions=versions or {"fake": 1}
    )


@pytest.fixture
def fake_pipeline():
    """Patch what the service runs; set ``.return_value`` to an AnalysisResult."""
    with mock.patch.object(analysis_service, "text_analyze") as patched:
        patched.return_value = _result()
        yield patched


def _machine(article, quote: str, *, status: str = "open", detector: str = DETECTOR) -> Annotation:
    return claim_annotation(article, quote, origin="machine", detector=detector, status=status)


@pytest.mark.django_db
def test_article_create_enqueues_analysis_on_commit(django_capture_on_commit_callbacks):
    with (
        mock.patch("credibility.tasks.analyze_article_task.apply_async") as apply_async,
        mock.patch("credibility.tasks.analyze_article_task.delay") as delay,
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            article = article_create(title="Budget", body=BODY)
        assert len(callbacks) == 1
        delay.assert_not_called()  # nothing reaches the broker before COMMIT
        run = AnalysisRun.objects.get(article=article)
        assert run.state == "pending"
        callbacks[0]()
    delay.assert_called_once_with(article.pk, run.pk)
    apply_async.assert_not_called()


@pytest.mark.django_db
def test_article_body_change_enqueues_a_new_run_on_commit(django_capture_on_commit_callbacks, fake_pipeline):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(title="Budget", body=BODY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article_update(article=article, body=BODY + " More text.")
    assert len(callbacks) == 1
    assert AnalysisRun.objects.filter(article=article).count() == 2
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article_update(article=article, byline="Someone")  # not a text change
    assert callbacks == []


@pytest.mark.django_db
def test_analysis_request_enqueues_nothing_when_rolled_back(django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with mock.patch("credibility.tasks.analyze_article_task.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            try:
                from django.db import transaction

                with transaction.atomic():
                    analysis_request(article=article)
                    raise RuntimeError("roll back")
            except RuntimeError:
                pass
    assert callbacks == []
    delay.assert_not_called()


@pytest.mark.django_db
def test_analysis_run_execute_records_state_timings_and_counts(fake_pipeline):
    article = ArticleFactory(body=BODY)
    fake_pipeline.return_value = _result(
        _finding(BODY, "Taxes will rise by 4.99%"), _finding(BODY, "the council said", kind="source_attribution")
    )
    run = AnalysisRunFactory(article=article)
    done = analysis_run_execute(run_id=run.pk)
    assert done is not None
    run.refresh_from_db()
    article.refresh_from_db()
    assert run.state == "done"
    assert run.attempts == 1
    assert run.started_at is not None and run.finished_at is not None and run.finished_at >= run.started_at
    assert run.duration_ms is not None and run.duration_ms >= 0
    assert set(run.timings_ms) == {"segment", "fake"}
    assert run.counts["findings"] == {"unverified_claim": 1, "source_attribution": 1}
    assert run.counts["created"] == 2 and run.counts["removed"] == 0
    assert run.detector_versions == {"fake": 1}
    assert article.analysis_state == "done" and article.analyzed_at is not None
    assert Annotation.objects.filter(article=article, origin="machine", detector=DETECTOR).count() == 2


@pytest.mark.django_db
def test_analysis_run_execute_is_idempotent(fake_pipeline):
    article = ArticleFactory(body=BODY)
    fake_pipeline.return_value = _result(_finding(BODY, "Taxes will rise by 4.99%"))
    run = AnalysisRunFactory(article=article)
    assert analysis_run_execute(run_id=run.pk) is not None
    before = list(Annotation.objects.filter(article=article).values("pk", "version", "updated_at"))
    assert analysis_run_execute(run_id=run.pk) is None  # simulated redelivery
    run.refresh_from_db()
    assert run.attempts == 1 and run.state == "done"
    assert list(Annotation.objects.filter(article=article).values("pk", "version", "updated_at")) == before
    assert fake_pipeline.call_count == 1


@pytest.mark.django_db
def test_rerun_replaces_only_its_own_open_machine_annotations(fake_pipeline):
    article = ArticleFactory(body=BODY)
    stale_open = _machine(article, "approved the budget")  # same version, open, no longer found
    kept_open = _machine(article, "Taxes will rise by 4.99%")  # same version, found again
    other_version = _machine(article, "on Tuesday", detector="fake@0")
    human = AnnotationFactory(article=article, kind="note", origin="editor", comment="check this")
    fake_pipeline.return_value = _result(_finding(BODY, "Taxes will rise by 4.99%"), _finding(BODY, "the council said"))

    analysis_run_execute(run_id=AnalysisRunFactory(article=article).pk)

    assert not Annotation.objects.filter(pk=stale_open.pk).exists()
    assert Annotation.objects.filter(pk=kept_open.pk).exists()  # updated in place, same id
    assert Annotation.objects.filter(pk=other_version.pk).exists()
    assert Annotation.objects.get(pk=human.pk).comment == "check this"
    assert set(Annotation.objects.filter(article=article, detector=DETECTOR).values_list("quote", flat=True)) == {
        "Taxes will rise by 4.99%",
        "the council said",
    }


@pytest.mark.django_db
def test_rerun_never_touches_human_annotations(fake_pipeline):
    article = ArticleFactory(body=BODY)
    quote = "Taxes will rise by 4.99%"
    human = claim_annotation(article, quote, origin="editor")
    fake_pipeline.return_value = _result()  # the detectors find nothing any more
    analysis_run_execute(run_id=AnalysisRunFactory(article=article).pk)
    human.refresh_from_db()
    assert human.origin == "editor" and human.version == 1 and human.status == "open"


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["confirmed", "dismissed", "resolved"])
def test_rerun_never_touches_reviewed_machine_annotations(fake_pipeline, status):
    article = ArticleFactory(body=BODY)
    gone = _machine(article, "approved the budget", status=status)  # no longer found
    again = _machine(article, "Taxes will rise by 4.99%", status=status)  # found again
    fake_pipeline.return_value = _result(_finding(BODY, "Taxes will rise by 4.99%"))
    run = analysis_run_execute(run_id=AnalysisRunFactory(article=article).pk)
    assert run is not None and run.counts["kept_reviewed"] == 1 and run.counts["created"] == 0
    for annotation in (gone, again):
        version = annotation.version
        annotation.refresh_from_db()
        assert annotation.status == status and annotation.version == version


@pytest.mark.django_db
def test_analysis_run_execute_skips_finished_runs(fake_pipeline):
    run = AnalysisRunFactory(state="failed")
    assert analysis_run_execute(run_id=run.pk) is None
    fake_pipeline.assert_not_called()


@pytest.mark.django_db
def test_analysis_runs_requeue_sends_stale_pending_runs_only():
    old = AnalysisRunFactory()
    AnalysisRun.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=1))
    AnalysisRunFactory()  # fresh: its own message is probably still on the way
    AnalysisRunFactory(state="done")
    with mock.patch.object(analysis_service, "analysis_run_enqueue", return_value=True) as enqueue:
        assert analysis_runs_requeue() == 1
    enqueue.assert_called_once_with(article_id=old.article_id, run_id=old.pk)


@pytest.mark.django_db
def test_analysis_runs_requeue_age_is_the_setting(settings):
    """ANALYSIS_REQUEUE_AFTER_SECONDS decides which pending runs count as left behind."""
    settings.ANALYSIS_REQUEUE_AFTER_SECONDS = 30
    old, young = AnalysisRunFactory(), AnalysisRunFactory()
    AnalysisRun.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(seconds=60))
    AnalysisRun.objects.filter(pk=young.pk).update(created_at=timezone.now() - timedelta(seconds=10))
    with mock.patch.object(analysis_service, "analysis_run_enqueue", return_value=True) as enqueue:
        assert analysis_runs_requeue() == 1
    enqueue.assert_called_once_with(article_id=old.article_id, run_id=old.pk)


@pytest.mark.django_db
def test_enqueue_failure_keeps_article_and_pending_run(django_capture_on_commit_callbacks):
    """A dead broker must not fail the write nor lose the article: the run stays pending for the sweep."""
    from credibility.tasks import analyze_article_task

    conf = analyze_article_task.app.conf
    eager = conf.task_always_eager
    conf.update(task_always_eager=False)
    try:
        with mock.patch.object(analyze_article_task, "apply_async", side_effect=ConnectionRefusedError("broker down")):
            with django_capture_on_commit_callbacks(execute=True):
                article = article_create(title="Budget", body=BODY)
    finally:
        conf.update(task_always_eager=eager)
    run = AnalysisRun.objects.get(article=article)
    assert run.state == "pending"
    article.refresh_from_db()
    assert article.analysis_state == "pending"


@pytest.mark.django_db
def test_a_runs_sources_are_found_by_name_or_alias_in_two_queries_and_new_ones_created(django_assert_num_queries):
    from credibility.analysis.types import SourceRef
    from credibility.models import Source
    from credibility.services.sources import source_create

    reuters = source_create(name="Reuters", kind="organization", aliases=["Thomson Reuters"])
    who = source_create(name="World Health Organization", kind="organization", aliases=["WHO"])

    def said(name: str, kind: str = "organization") -> Finding:
        return Finding(
            kind="source_attribution",
            start=0,
            end=4,
            quote="said",
            detector="attribution@1",
            rule="cue-verb:said",
            confidence=0.9,
            source=SourceRef(name=name, kind=kind),
        )

    findings = [
        said("reuters"),
        said("WHO"),
        said("Thomson Reuters"),
        said("Reuters"),
        said("Maria Lopez", "person"),
        said("Maria Lopez", "organization"),
        Finding(
            kind="typo", start=0, end=4, quote="teh", detector="typos@1", rule="r", confidence=0.9, suggestion="the"
        ),
    ]
    with django_assert_num_queries(2):
        found = analysis_service.sources_find(names=["reuters", "WHO", "Thomson Reuters", "Nobody Known"])
    assert found == {"reuters": reuters, "WHO": who, "Thomson Reuters": reuters}

    sources = analysis_service.findings_sources(findings)
    lopez = Source.objects.get(name="Maria Lopez")
    assert lopez.kind == "person"  # as the first finding naming her has it
    assert sources == {
        "reuters": reuters,
        "WHO": who,
        "Thomson Reuters": reuters,
        "Reuters": reuters,
        "Maria Lopez": lopez,
    }
    assert Source.objects.count() == 3


@pytest.mark.django_db
def test_known_sources_are_read_again_only_when_the_sources_change(django_assert_num_queries):
    from credibility.services.analysis import known_sources
    from credibility.services.sources import source_aliases_set, source_create, source_update

    source = source_create(name="Harbour Authority", kind="organization")
    first = known_sources()
    assert "Harbour Authority" in {s.name for s in first}
    with django_assert_num_queries(1):  # the change stamp only
        assert known_sources() is first
    source_aliases_set(source=source, aliases=["the Authority"])
    assert {a for s in known_sources() if s.name == "Harbour Authority" for a in s.aliases} == {"the Authority"}
    source_update(source=source, name="Harbour Board")
    assert "Harbour Board" in {s.name for s in known_sources()}
    source.delete()
    assert "Harbour Board" not in {s.name for s in known_sources()}


@pytest.mark.django_db
def test_a_run_stopped_by_its_budget_leaves_the_article_partial_with_a_notice_and_keeps_other_detectors_annotations(
    fake_pipeline,
):
    article = ArticleFactory(body=BODY)
    cut_detectors = _machine(
        article, "approved the budget", detector="later@1"
    )  # the cut detector's earlier annotation
    fake_pipeline.return_value = AnalysisResult(
        findings=(_finding(BODY, "Taxes will rise by 4.99%"),),
        timings_ms={"segment": 0.1, "fake": 0.2, "later": 9.0},
        detector_versions={"fake": 1, "later": 1},
        budget_exceeded=True,
        cut="later",
        completed=("fake",),
        budget_seconds=5.0,
    )
    run = AnalysisRunFactory(article=article)
    analysis_run_execute(run_id=run.pk)
    run.refresh_from_db()
    article.refresh_from_db()
    assert run.state == "done" and article.analysis_state == "partial" and article.analyzed_at is not None
    assert "exceeded its 5 s budget" in run.error and "'later'" in run.error
    assert run.counts["budget_exceeded"] == {"cut": "later", "completed": ["fake"], "budget_seconds": 5.0}
    assert Annotation.objects.filter(pk=cut_detectors.pk).exists()
    assert Annotation.objects.filter(article=article, detector=DETECTOR).count() == 1


@pytest.mark.django_db
def test_a_run_whose_detector_reached_an_allowance_leaves_the_article_partial_and_syncs_what_it_found(fake_pipeline):
    article = ArticleFactory(body=BODY)
    fake_pipeline.return_value = AnalysisResult(
        findings=(_finding(BODY, "Taxes will rise by 4.99%"),),
        timings_ms={"segment": 0.1, "fake": 0.2},
        detector_versions={"fake": 1},
        completed=("fake",),
        budget_seconds=5.0,
        limits_reached=(("the attribution check", 40, 42),),
    )
    run = AnalysisRunFactory(article=article)
    analysis_run_execute(run_id=run.pk)
    run.refresh_from_db()
    article.refresh_from_db()
    assert run.state == "done" and article.analysis_state == "partial"
    assert "the attribution check stopped at character 40" in run.error
    assert run.counts["limits_reached"] == [{"step": "the attribution check", "stopped_at": 40, "limit": 42}]
    assert Annotation.objects.filter(article=article, detector=DETECTOR).count() == 1


@pytest.mark.django_db
def test_an_article_of_thousands_of_one_word_lines_is_analysed_in_part_and_keeps_every_sentence_bound(
    django_capture_on_commit_callbacks,
):
    """The real pipeline stops at its sentence allowance; the reads still get the bounds of the
    whole body (segmented by the service), not only of the part analysed."""
    from credibility.models import ArticleStatementIndex

    body = "The council recieved the report on Tuesday.\n" + "a\n" * 20_000
    article = ArticleFactory(body=body)
    run = AnalysisRunFactory(article=article)
    with django_capture_on_commit_callbacks(execute=True):
        analysis_run_execute(run_id=run.pk)
    run.refresh_from_db()
    article.refresh_from_db()
    assert run.state == "done" and article.analysis_state == "partial"
    assert "the analysis of sentences stopped at character" in run.error
    assert [limit["step"] for limit in run.counts["limits_reached"]] == ["the analysis of sentences"]
    assert Annotation.objects.filter(article=article, kind="typo", quote="recieved").exists()
    stored = ArticleStatementIndex.objects.get(article=article).sentences
    assert len(stored) == 2 * 20_001 and stored[-2:] == [len(body) - 2, len(body) - 1]
