"""Value types shared by the analysis pipeline. Plain Python: no Django, no I/O.

Offsets are ``str`` indices (code points) into the analysed text; for every Finding,
``quote == text[start:end]`` holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from credibility.analysis.claims.matching import Profile

FindingKind = Literal["typo", "unverified_claim", "source_attribution", "contradicted_claim"]
UnverifiedReason = Literal["unsourced", "vague_source", "hedged"]
SourceKind = Literal["person", "organization", "outlet", "government_body", "document", "vague"]


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Who a statement is attributed to, as the detector resolved it (canonical name when known)."""

    name: str
    kind: SourceKind
    # The job word or title the text gave the speaker ("broadcaster", "Halifax chief economist"),
    # stripped from ``name``; "" when none.
    role: str = ""

    @property
    def named(self) -> bool:
        """Whether the source has a name of its own (a Source row), not words that name nobody.

        Vague speakers ("officials"), unnamed documents ("the report") and a role nobody's name was
        given for ("spokesman", "the minister": no capital letter anywhere) are not.
        """
        if self.kind == "vague":
            return False
        if self.kind == "document":
            return not self.name[:1].islower()
        return self.kind != "person" or any(ch.isupper() for ch in self.name)


@dataclass(frozen=True, slots=True)
class KnownSource:
    """A Source the database already holds, handed to detectors so they can resolve aliases."""

    name: str
    kind: SourceKind
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FactCheckEntry:
    """A fact-check as the detectors see it.

    ``profile`` is the claim already analysed (``credibility.analysis.claims.matching.Profile``,
    read from the registry's profile store, checked against ``claim_reviewed`` and the analyser
    version): the contradiction detector then does not analyse the claim again. None: it does.
    """

    identifier: str | None
    url: str | None
    claim_reviewed: str
    verdict: str
    rating_label: str = ""
    profile: Profile | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A statement in another stored article, offered as evidence for article-against-article checks.

    ``annotation_id`` is the stored annotation covering it, when there is one.
    """

    article_id: int
    start: int
    end: int
    text: str
    annotation_id: int | None = None


@dataclass(frozen=True, slots=True)
class AnalysisContext:
    """Everything outside the text that detectors may use. Empty by default: analysis still works.

    ``factchecks`` are the candidates retrieval found for this text (or a whole small registry);
    ``other_claims`` are candidate statements from other stored articles.
    """

    sources: tuple[KnownSource, ...] = ()
    factchecks: tuple[FactCheckEntry, ...] = ()
    other_claims: tuple[StoredClaim, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """The text with its sentences, computed once and shared by every detector."""

    text: str
    sentences: tuple[Sentence, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    kind: FindingKind
    start: int
    end: int
    quote: str
    detector: str  # "name@version"
    rule: str  # the cue or rule that fired, e.g. "cue-verb:said" or "name-variant-of:Lukashenko"
    confidence: float  # in [0, 1]
    explanation: str = ""
    suggestion: str | None = None
    reason: UnverifiedReason | None = None
    source: SourceRef | None = None
    evidence: FactCheckEntry | None = None
    evidence_claim: StoredClaim | None = None
    # How worth a fact-checker's time the claim is, in [0, 1] (``claims.flag_value``): set on
    # unverified and contradicted claims, None on findings of other kinds. Ranks the report.
    checkworthiness: float | None = None
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def sentence_finding(
    document: Document,
    sentence: Sentence,
    *,
    kind: FindingKind,
    detector: str,
    rule: str,
    confidence: float,
    explanation: str,
    meta: dict[str, str] | None = None,
    **fields: Any,
) -> Finding:
    """A finding over a whole sentence (its span and quote), with its index in ``meta`` and the
    confidence clamped to [0, 1]; ``fields`` are the kind's own (``reason``, ``evidence`` ...)."""
    return Finding(
        kind=kind,
        start=sentence.start,
        end=sentence.end,
        quote=document.text[sentence.start : sentence.end],
        detector=detector,
        rule=rule,
        confidence=max(0.0, min(1.0, confidence)),
        explanation=explanation,
        meta={"sentence_index": str(sentence.index), **(meta or {})},
        **fields,
    )


# The languages a detector's word lists, patterns and models are written for (primary subtags,
# ISO 639-1); None on a detector means any language.
ENGLISH_ONLY: frozenset[str] = frozenset({"en"})


class Detector(Protocol):
    name: str
    version: int
    # The languages the detector can analyse (``ENGLISH_ONLY``...), None for any: the pipeline
    # does not run it on a text in another language (``pipeline.detectors_for_language``).
    languages: frozenset[str] | None

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        """Return findings for ``document``; ``earlier`` holds the findings of detectors run before."""
        ...
