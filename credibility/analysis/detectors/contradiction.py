"""Sentences that contradict a known fact-check, or a statement in another stored article.

A sentence *contradicts* a fact-check when it asserts what was rated ``false`` or
``mostly_false``, or denies what was rated ``true`` or ``mostly_true``. Asserting a true
claim or denying a false one *supports* the fact-check; ``mixed`` and ``unproven`` verdicts
never contradict anything. Reported speech ("X claimed that ...") is still an assertion in
the text and is flagged: the reviewer decides whether the article endorses it.

Only contradictions become findings. Every stance decision, supporting ones included, is
returned by ``stance_decisions`` so a service can log or record them; when the flagged
sentence also supports another fact-check, the finding's explanation says so.

Matching (``credibility.analysis.claim_matching``) needs the claim's names in the article,
its numbers in the sentence, its core qualifier ("the highest", "caused") in the sentence,
and enough of its weighted concepts. Article-against-article conflicts (same names and
predicate with the opposite polarity, or the same measured thing with a different figure)
are held to a stricter match and always get a lower confidence than fact-check matches:
another article is weaker evidence than a published fact-check.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from credibility.analysis.checkworthiness import checkworthiness
from credibility.analysis.claim_matching import Match, Profile, assess, document_words, match, profile
from credibility.analysis.types import AnalysisContext, Document, FactCheckEntry, Finding, Sentence, StoredClaim

DETECTOR_VERSION = 1

# A fact-check matches when the sentence covers this share of the claim's weighted concepts
# (names mentioned earlier in the article count half) and this share of its non-name concepts.
FACTCHECK_SCORE = 0.6
FACTCHECK_CONTENT = 0.5
# Statements from other articles are noisier than curated claims: a stricter bar.
ARTICLE_SCORE = 0.7
ARTICLE_CONTENT = 0.6
ARTICLE_MAX_CONFIDENCE = 0.6

FALSE_VERDICTS = frozenset({"false", "mostly_false"})
TRUE_VERDICTS = frozenset({"true", "mostly_true"})
# Sentences that assert nothing a fact-check could contradict.
_NOT_ASSERTIONS = frozenset({"question", "prescriptive", "imperative", "first-person-opinion", "fragment"})

Relation = Literal["contradicts", "supports", "related"]


@dataclass(frozen=True, slots=True)
class StanceDecision:
    """How one sentence stands towards one fact-check or stored statement."""

    sentence: Sentence
    relation: Relation
    stance: Literal["asserts", "denies", "conflicts"]
    score: float
    rule: str
    explanation: str
    factcheck: FactCheckEntry | None = None
    claim: StoredClaim | None = None

    @property
    def confidence(self) -> float:
        if self.factcheck is not None:
            return round(min(0.95, 0.55 + 0.4 * self.score), 3)
        return round(min(ARTICLE_MAX_CONFIDENCE, 0.3 + 0.3 * self.score), 3)


def _is_assertion(sentence: Sentence) -> bool:
    return not _NOT_ASSERTIONS.intersection(checkworthiness(sentence.text).features)


def _context(document: Document, sentence: Sentence, title: Profile) -> frozenset[str]:
    concepts = set(title.concepts)
    for previous in document.sentences[max(0, sentence.index - 2) : sentence.index]:
        concepts.update(profile(previous.text).concepts)
    return frozenset(concepts)


def _factcheck_decision(sentence: Sentence, entry: FactCheckEntry, found: Match) -> StanceDecision:
    ident = entry.identifier or entry.url or "?"
    stance: Literal["asserts", "denies"] = "asserts" if found.same else "denies"
    label = entry.rating_label or entry.verdict
    if entry.verdict in FALSE_VERDICTS:
        relation: Relation = "contradicts" if found.same else "supports"
    elif entry.verdict in TRUE_VERDICTS:
        relation = "supports" if found.same else "contradicts"
    else:
        relation = "related"
    polarity = "false" if entry.verdict in FALSE_VERDICTS else "true" if entry.verdict in TRUE_VERDICTS else entry.verdict
    explanation = (
        f"The sentence {stance} the claim \u201c{entry.claim_reviewed}\u201d, which fact-check {ident} rated "
        f"{label} ({entry.verdict}); match {found.score:.2f}."
    )
    return StanceDecision(
        sentence=sentence, relation=relation, stance=stance, score=found.score,
        rule=f"{stance}-{polarity}:{ident}", explanation=explanation, factcheck=entry,
    )


def stance_decisions(document: Document, context: AnalysisContext) -> list[StanceDecision]:
    """Every sentence-candidate pair that matched, with its relation; pure and deterministic."""
    if not context.factchecks and not context.other_claims:
        return []
    claims = [(entry, profile(entry.claim_reviewed)) for entry in context.factchecks]
    stored = [(claim, profile(claim.text)) for claim in context.other_claims]
    title = profile(document.title)
    words = document_words([document.title, *(s.text for s in document.sentences)])
    decisions: list[StanceDecision] = []
    for sentence in document.sentences:
        if not _is_assertion(sentence):
            continue
        analysed = profile(sentence.text)
        keys = analysed.concepts.keys() | analysed.name_concepts
        nearby = _context(document, sentence, title)
        for entry, claim in claims:
            if len(keys & claim.concepts.keys()) < 2:
                continue  # cheap pre-check: a match needs at least two shared concepts
            found = match(analysed, claim, words, nearby)
            if found is not None and found.score >= FACTCHECK_SCORE and found.content >= FACTCHECK_CONTENT:
                decisions.append(_factcheck_decision(sentence, entry, found))
        for other, statement in stored:
            if len(keys & statement.concepts.keys()) < 2:
                continue
            found = match(analysed, statement, words, frozenset(), numbers_may_conflict=True)
            if found is None or found.score < ARTICLE_SCORE or found.content < ARTICLE_CONTENT:
                continue
            if found.numbers == "conflict":
                why = "gives a different figure for"
            elif not found.same:
                why = "states the opposite of"
            else:
                decisions.append(StanceDecision(
                    sentence=sentence, relation="supports", stance="asserts", score=found.score,
                    rule=f"agrees-with-article:{other.article_id}",
                    explanation=f"The sentence agrees with article {other.article_id}: \u201c{other.text}\u201d.",
                    claim=other,
                ))
                continue
            decisions.append(StanceDecision(
                sentence=sentence, relation="contradicts", stance="conflicts", score=found.score,
                rule=f"conflicts-with-article:{other.article_id}",
                explanation=(
                    f"The sentence {why} a statement in article {other.article_id}: \u201c{other.text}\u201d "
                    f"(match {found.score:.2f}). Another article is weaker evidence than a fact-check."
                ),
                claim=other,
            ))
    return decisions


def diagnose(document: Document, sentence: Sentence, entry: FactCheckEntry) -> str:
    """Why one sentence does or does not match one fact-check: rules and scores, no text."""
    title = profile(document.title)
    words = document_words([document.title, *(s.text for s in document.sentences)])
    found = assess(profile(sentence.text), profile(entry.claim_reviewed), words, _context(document, sentence, title))
    return (
        f"assertion={_is_assertion(sentence)} score={found.score:.2f} content={found.content:.2f} same={found.same} "
        f"numbers={found.numbers} vetoes={list(found.vetoes)} penalties={list(found.penalties)} {' '.join(found.reasons)}"
    )


class ContradictionDetector:
    """``contradicted_claim`` findings: at most one per sentence, the strongest evidence first."""

    name = "contradiction"
    version = DETECTOR_VERSION

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        by_sentence: dict[int, list[StanceDecision]] = {}
        for decision in stance_decisions(document, context):
            by_sentence.setdefault(decision.sentence.index, []).append(decision)
        findings: list[Finding] = []
        for index in sorted(by_sentence):
            decisions = by_sentence[index]
            against = [d for d in decisions if d.relation == "contradicts"]
            if not against:
                continue
            best = max(against, key=lambda d: (d.factcheck is not None, d.score))
            supports = [d for d in decisions if d.relation == "supports" and d.factcheck is not None]
            explanation = best.explanation
            if supports:
                explanation += " Supporting: " + "; ".join(
                    f"{d.stance} {d.factcheck.identifier or d.factcheck.url} ({d.factcheck.verdict})"
                    for d in supports if d.factcheck is not None
                ) + "."
            sentence = best.sentence
            findings.append(
                Finding(
                    kind="contradicted_claim",
                    start=sentence.start,
                    end=sentence.end,
                    quote=document.text[sentence.start : sentence.end],
                    detector=f"{self.name}@{self.version}",
                    rule=best.rule,
                    confidence=best.confidence,
                    explanation=explanation,
                    evidence=best.factcheck,
                    evidence_claim=best.claim,
                    meta={"sentence_index": str(index), "match": f"{best.score:.2f}"},
                )
            )
        return findings
