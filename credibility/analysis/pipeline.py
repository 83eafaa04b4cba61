"""Runs the detectors over one text. The single entry point used by Celery, commands and benchmarks."""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from credibility.analysis import budget
from credibility.analysis.detectors.attribution import AttributionDetector
from credibility.analysis.detectors.contradiction import ContradictionDetector
from credibility.analysis.detectors.hedges import HedgeDetector
from credibility.analysis.detectors.typos import TypoDetector
from credibility.analysis.detectors.unsourced import UnsourcedDetector
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Detector, Document, Finding

# Order matters: the claim detectors read the attributions found before them.
DEFAULT_DETECTORS: tuple[Detector, ...] = (
    TypoDetector(),
    AttributionDetector(),
    HedgeDetector(),
    UnsourcedDetector(),
    ContradictionDetector(),
)


# A run that takes longer stops (see ``AnalysisResult.budget_exceeded``). Ordinary prose at the
# 200,000-character body limit takes about 1-3 s on one core; hostile text is capped here.
DEFAULT_BUDGET_SECONDS = 5.0
# Sentences analysed per 1,000 characters (above a floor of 300). Every sentence costs each
# detector a fixed amount of time and memory whatever its length, so a text of thousands of
# two-character "sentences" ("a\n" repeated) cost 2-3x the memory of prose. Edited news has at
# most about 17 per 1,000 characters (300 BBC articles, the dev and held-out sets); past 50 the
# rest of the text is left unchecked and the run says so (``limits_reached``).
SENTENCES_PER_1000_CHARS = 50


@dataclass(frozen=True, slots=True)
class AnalysisResult:
    findings: tuple[Finding, ...]
    timings_ms: dict[str, float]
    detector_versions: dict[str, int]
    # Set when the run went past its time budget and stopped: ``cut`` names the step that was
    # interrupted ("segment" or a detector name); ``completed`` the detectors whose findings
    # are all in ``findings`` (the cut one's and any later ones' are missing).
    budget_exceeded: bool = False
    cut: str | None = None
    completed: tuple[str, ...] = ()
    budget_seconds: float | None = None
    # The (start, end) of every sentence of the text; empty when the run did not segment all of it
    # (cut by the time budget while segmenting, or past the sentence allowance).
    sentences: tuple[tuple[int, int], ...] = ()
    # The costly steps a detector stopped because the text needed far more of them than prose
    # does (``budget.Allowance``): (what was skipped, from which character, the limit).
    limits_reached: tuple[tuple[str, int, int], ...] = ()
    # The text's language as given (None: not given, every detector ran), and the detectors that
    # did not run because they do not support it (``detectors_for_language``).
    language: str | None = None
    skipped: tuple[str, ...] = ()

    @property
    def partial(self) -> bool:
        """Whether part of the text went unchecked (time budget or a step's allowance)."""
        return self.budget_exceeded or bool(self.limits_reached)

    @property
    def notice(self) -> str:
        """A short explanation for a run that did not check everything, "" for a complete one."""
        parts: list[str] = []
        if self.budget_exceeded:
            kept = ", ".join(self.completed) or "none"
            parts.append(
                f"Analysis stopped: it exceeded its {self.budget_seconds:g} s budget in step '{self.cut}'. "
                f"Findings kept from completed detectors: {kept}; later detectors did not run."
            )
        for step, position, limit in self.limits_reached:
            parts.append(
                f"The text is far denser than edited prose: {step} stopped at character {position} "
                f"(limit {limit} for this length); the rest of the text was not checked for it."
            )
        return " ".join(parts)


def detector_versions(detectors: Sequence[Detector] = DEFAULT_DETECTORS) -> dict[str, int]:
    return {detector.name: detector.version for detector in detectors}


def detector_supports(detector: Detector, language: str | None) -> bool:
    """Whether ``detector`` can analyse text in ``language`` (a tag; "en-GB" counts as "en").

    A detector without ``languages`` (or None) takes any language; so does any detector when
    the language is unknown (None or ""), as before languages were recorded.
    """
    supported = getattr(detector, "languages", None)
    if supported is None or not language:
        return True
    return language.split("-", 1)[0].lower() in supported


def detectors_for_language(
    language: str | None, detectors: Sequence[Detector] = DEFAULT_DETECTORS
) -> tuple[tuple[Detector, ...], tuple[Detector, ...]]:
    """(the detectors that run on a text in ``language``, the ones that do not), in pipeline order."""
    runs = tuple(d for d in detectors if detector_supports(d, language))
    return runs, tuple(d for d in detectors if not detector_supports(d, language))


def supported_languages(detectors: Sequence[Detector] = DEFAULT_DETECTORS) -> dict[str, list[str] | None]:
    """Each detector's languages (sorted), None for any: what the README and the API report."""
    result: dict[str, list[str] | None] = {}
    for detector in detectors:
        languages = getattr(detector, "languages", None)
        result[detector.name] = None if languages is None else sorted(languages)
    return result


def analyze_text(
    *,
    text: str,
    title: str = "",
    context: AnalysisContext | None = None,
    detectors: Sequence[Detector] = DEFAULT_DETECTORS,
    budget_seconds: float | None = DEFAULT_BUDGET_SECONDS,
    language: str | None = None,
) -> AnalysisResult:
    """Segment ``text`` and run ``detectors`` in order.

    With ``language`` only the detectors that support it run; the others are listed in the
    result's ``skipped`` (and ``detector_versions`` still names every detector).

    ``budget_seconds`` (None: unlimited) caps the whole run: past it the run stops inside the
    current step, keeps the findings of the detectors that finished, and says so in the
    result (``budget_exceeded``, ``cut``, ``completed``, ``notice``).
    """
    context = context or AnalysisContext()
    _resources_load()
    timings: dict[str, float] = {}
    findings: list[Finding] = []
    completed: list[str] = []
    step = "segment"
    document: Document | None = None
    sentence_allowance: budget.Allowance | None = None
    exceeded = False
    runs, skipped = detectors_for_language(language, detectors)
    began = time.perf_counter()
    try:
        with budget.deadline(budget_seconds), budget.allowances() as spent:
            sentence_allowance = budget.allowance(
                "the analysis of sentences", text_length=len(text), floor=300, per_1000_chars=SENTENCES_PER_1000_CHARS
            )
            document = Document(text=text, sentences=split_sentences(text, allowance=sentence_allowance), title=title)
            timings["segment"] = (time.perf_counter() - began) * 1000
            for detector in runs:
                step = detector.name
                budget.check()
                began = time.perf_counter()
                found = detector.detect(document, context, tuple(findings))
                findings.extend(found)
                timings[detector.name] = (time.perf_counter() - began) * 1000
                completed.append(detector.name)
    except budget.BudgetExceeded:
        timings[step] = (time.perf_counter() - began) * 1000
        exceeded = True
    return AnalysisResult(
        findings=tuple(sorted(findings, key=lambda f: (f.start, f.end, f.kind, f.detector))),
        timings_ms=timings,
        detector_versions=detector_versions(detectors),
        budget_exceeded=exceeded,
        cut=step if exceeded else None,
        completed=tuple(completed),
        budget_seconds=budget_seconds,
        sentences=()
        if document is None or sentence_allowance is None or sentence_allowance.exhausted
        else tuple((s.start, s.end) for s in document.sentences),
        limits_reached=tuple(
            (allowance.step, allowance.stopped_at, allowance.limit)
            for allowance in spent
            if allowance.stopped_at is not None
        ),
        language=language,
        skipped=tuple(d.name for d in skipped),
    )


@cache
def _resources_load() -> None:
    """Load the word lists and models once per process, before any run's deadline opens.

    Loading takes seconds on a busy machine; inside the budget it would cut the first
    article's run short (its typo findings lost) wherever nothing preloaded them.
    """
    from credibility.analysis.claims import semantic
    from credibility.analysis.claims.checkworthiness_model import load_model
    from credibility.analysis.lexicons import english as lexicon

    lexicon.warm_up()
    semantic.preload()
    load_model()
    # The word lists and models are a few hundred thousand objects that live as long as the
    # process. Left to the cyclic garbage collector, each full collection walks them all (about
    # 100 ms, 1 ms per article averaged over a stream of articles) and finds nothing: frozen,
    # they are never walked again. Objects made later are collected as before.
    gc.freeze()


_PRELOAD_TEXT = (
    "Officials said on Tuesday that the council had recieved 4,000 complaints, according to a report by "
    "the Herald. Prices are thought to have risen by 12%, sources close to the company told reporters."
)


def preload() -> None:
    """Load the word lists and run every detector once on a short text, so the next analysis starts warm.

    For a worker process that is about to analyse (``credibility.receivers``): the lexicons take
    seconds to load, which the first article would otherwise wait for.
    """
    from credibility.analysis.lexicons import english as lexicon

    lexicon.warm_up()
    analyze_text(text=_PRELOAD_TEXT, title="Council complaints", budget_seconds=None)


def finding_vague_source(finding: Finding) -> str:
    """The unnamed source a finding cites, as the text names it ("officials"); "" for a named one.

    Attributions to a vague speaker carry it as their ``source`` (kind "vague"); vague-source flags
    name it in their rule ("vague-source:officials"). Stored annotations keep it as a label, never
    as a Source.
    """
    if finding.source is not None and not finding.source.named:  # "officials", "the report"
        return finding.source.name
    if finding.reason == "vague_source" and finding.rule.startswith("vague-source:"):
        return finding.rule.partition(":")[2]
    return ""


def finding_to_json(finding: Finding) -> dict[str, object]:
    """The annotation JSON of DESIGN.md for a finding that is not stored (ids are null)."""
    evidence: dict[str, object] | None = None
    if finding.evidence is not None:
        evidence = {
            "identifier": finding.evidence.identifier,
            "url": finding.evidence.url,
            "claim_reviewed": finding.evidence.claim_reviewed,
            "rating": finding.evidence.rating_label,
            "verdict": finding.evidence.verdict,
        }
    elif finding.evidence_claim is not None:
        evidence = {
            "article": finding.evidence_claim.article_id,
            "annotation": finding.evidence_claim.annotation_id,
            "quote": finding.evidence_claim.text,
        }
    return {
        "kind": finding.kind,
        "start": finding.start,
        "end": finding.end,
        "quote": finding.quote,
        "confidence": round(finding.confidence, 3),
        "checkworthiness": None if finding.checkworthiness is None else round(finding.checkworthiness, 3),
        "detector": finding.detector,
        "origin": "machine",
        "status": "open",
        "suggestion": finding.suggestion,
        "reason": finding.reason,
        # A vague speaker stays here as {"kind": "vague"} (the shape the evaluation scorer reads);
        # stored annotations keep it as the ``vague_source`` label only.
        "source": None
        if finding.source is None
        else {"id": None, "name": finding.source.name, "kind": finding.source.kind},
        "vague_source": finding_vague_source(finding),
        "evidence": evidence,
        "rule": finding.rule,
        "explanation": finding.explanation,
    }
