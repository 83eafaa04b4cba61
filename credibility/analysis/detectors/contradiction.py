"""Sentences that contradict a known fact-check, or a statement in another stored article.

A sentence *contradicts* a fact-check when the article's own stance is against the verdict:
it asserts what was rated ``false`` or ``mostly_false``, or denies what was rated ``true``
or ``mostly_true``. Asserting a true claim or denying a false one *supports* the fact-check;
``mixed`` and ``unproven`` verdicts never contradict anything. The stance
(``credibility.analysis.claims.stance``) separates the article's voice from what it reports:

- a **debunk** (the article rejects the claim: "There is no evidence that ...", "X falsely
  claimed that ...", "the myth that ...", "Contrary to claims ..., P") is the article's own
  denial: against a false verdict it is agreement and is never flagged, whatever else the
  sentence says;
- a **report** ("X claimed that ...", "according to X", a quote, "the council announced
  that ...") that the article does not rebut is flagged only as a reported assertion (or
  denial): lower confidence (at most ``REPORTED_MAX_CONFIDENCE``, below any own-voice
  finding), the speaker named in the explanation and in ``meta["speaker"]``, and the rule
  ``reports-assertion-false:...`` or ``reports-denial-true:...``;
- a **question** ("Could the mast really cause headaches?", "asked whether ...") is never flagged.

Speakers come from the attribution detector's findings in the same sentence (``earlier``), so
a finding names the speaker as the attribution annotation does.

Only contradictions become findings. Every stance decision, supporting ones included, is
returned by ``stance_decisions`` so a service can log or record them; when the flagged
sentence also supports another fact-check, the finding's explanation says so.

Matching (``credibility.analysis.claims.matching.assess``) weighs soft evidence: weighted
concept coverage (stems, synonyms, word families, negative prefixes), names, figures and
years, the claim's qualifier ("the highest", "caused") and direction word ("rose"). Only
hard conflicts veto (a claim name absent from the article, a different figure for the same
kind of quantity, a different year); a missing qualifier, direction word or figure, or
another named subject, lowers the score. When several sentences match one fact-check, only
the best (within ``SAME_CLAIM_MARGIN``) is flagged. Sentences that cannot reach a candidate
(two shared concepts and enough of its content weight, judged from their words alone) are
skipped before the full analysis. Article-against-article conflicts (same names and
predicate with the opposite polarity, or the same measured thing with a different figure)
are held to a stricter match and always get a lower confidence than fact-check matches:
another article is weaker evidence than a published fact-check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Literal

from credibility.analysis.budget import check
from credibility.analysis.claims.checkworthiness import checkworthiness
from credibility.analysis.claims.clauses import embedded_claims
from credibility.analysis.claims.flag_value import claim_checkworthiness_many
from credibility.analysis.claims.matching import (
    Match,
    Profile,
    assess,
    content_bounds,
    content_concepts_in,
    document_words,
    figures_shared,
    head_keys,
    match,
    names_rule_out,
    profile,
    profile_bounds,
    quick_concepts,
    topic_concepts,
)
from credibility.analysis.claims.normalise import numbers_as_digits
from credibility.analysis.claims.stance import Reading, Stance, read_stance
from credibility.analysis.detectors.attribution import AttributionDetector
from credibility.analysis.types import (
    ENGLISH_ONLY,
    AnalysisContext,
    Document,
    FactCheckEntry,
    Finding,
    Sentence,
    StoredClaim,
    sentence_finding,
)

DETECTOR_VERSION = 1

# A fact-check matches when the sentence covers this share of the claim's weighted concepts
# (names mentioned earlier in the article count half) and this share of its non-name concepts.
FACTCHECK_SCORE = 0.55
FACTCHECK_CONTENT = 0.54
# Statements from other articles are noisier than curated claims: a stricter bar.
ARTICLE_SCORE = 0.7
ARTICLE_CONTENT = 0.6
ARTICLE_MAX_CONFIDENCE = 0.6
# A reported assertion is the speaker's, not the newsroom's: always below an own-voice finding
# (whose confidence starts at 0.55 + 0.4 * FACTCHECK_SCORE = 0.79).
REPORTED_MAX_CONFIDENCE = 0.7
# Sentences matching one fact-check less well than the best one by more than this are not flagged
# (echoes of the topic after the claim itself), unless their own match is at least REPEAT_SCORE:
# an article that repeats a false claim in a quote, a leaflet and a statement repeats it three times.
SAME_CLAIM_MARGIN = 0.05
REPEAT_SCORE = 0.65

FALSE_VERDICTS = frozenset({"false", "mostly_false"})
TRUE_VERDICTS = frozenset({"true", "mostly_true"})
_DECISIVE = FALSE_VERDICTS | TRUE_VERDICTS
# Sentences that assert nothing a fact-check could contradict.
# First-person sentences still carry claims ("I believe the vote was rigged").
_NOT_ASSERTIONS = frozenset({"question", "fragment"})

Relation = Literal["contradicts", "supports", "related"]


@dataclass(frozen=True, slots=True)
class StanceDecision:
    """How one sentence stands towards one fact-check or stored statement."""

    sentence: Sentence
    relation: Relation
    stance: Stance | Literal["conflicts"]
    score: float
    rule: str
    explanation: str
    factcheck: FactCheckEntry | None = None
    claim: StoredClaim | None = None
    speaker: str | None = None  # who holds the claim when ``stance == "reported"``
    # The sentence rejects or negates the claim in its own words, not merely without the claim's
    # own negation ("homes were approved" against "has not built a single home" says no such thing).
    explicit: bool = False

    @property
    def confidence(self) -> float:
        if self.factcheck is not None and self.stance == "reported":
            return round(min(REPORTED_MAX_CONFIDENCE, 0.4 + 0.3 * self.score), 3)
        if self.factcheck is not None:
            return round(min(0.95, 0.55 + 0.4 * self.score), 3)
        return round(min(ARTICLE_MAX_CONFIDENCE, 0.3 + 0.3 * self.score), 3)


# Advice ("should", "must") asserts nothing unless the sentence also narrates what happened.
_ADVICE = frozenset({"prescriptive", "imperative"})
_NARRATION = frozenset({"past-tense", "past-action", "event-narration"})


def _is_assertion(sentence: Sentence) -> bool:
    features = checkworthiness(sentence.text).features
    if _NOT_ASSERTIONS.intersection(features):
        return False
    return not (_ADVICE.intersection(features) and not _NARRATION.intersection(features))


def _context(
    document: Document,
    sentence: Sentence,
    title: frozenset[str],
    concepts_of: Callable[[str], frozenset[str]] = quick_concepts,
) -> frozenset[str]:
    """Concepts of the title and the two sentences before, each read by ``concepts_of``: names
    there earn half credit; read by ``topic_concepts`` (which skips a sentence that negates or
    denies) they are the topic the sentence may elide."""
    concepts = set(title)
    for previous in document.sentences[max(0, sentence.index - 2) : sentence.index]:
        concepts |= concepts_of(previous.text)
    return frozenset(concepts)


def _relation(reading: Reading, verdict: str) -> Relation:
    if reading.holds is None or verdict not in FALSE_VERDICTS | TRUE_VERDICTS:
        return "related"  # a question, or a verdict that neither confirms nor refutes
    against = reading.holds == (verdict in FALSE_VERDICTS)
    if against and reading.rejection and verdict in FALSE_VERDICTS:
        return "related"  # an explicit rejection of a false claim is never an accusation
    return "contradicts" if against else "supports"


_VERBS: dict[Stance, str] = {"asserted": "asserts", "denied": "denies", "debunked": "debunks", "question": "asks about"}


def _factcheck_decision(sentence: Sentence, entry: FactCheckEntry, found: Match, reading: Reading) -> StanceDecision:
    ident = entry.identifier or entry.url or "?"
    label = entry.rating_label or entry.verdict
    polarity = (
        "false" if entry.verdict in FALSE_VERDICTS else "true" if entry.verdict in TRUE_VERDICTS else entry.verdict
    )
    rated = f"fact-check {ident} rated it {label} ({entry.verdict}); match {found.score:.2f}."
    if reading.stance == "reported":
        act = "assertion" if reading.holds else "denial"
        rule = f"reports-{act}-{polarity}:{ident}"
        explanation = (
            f"Reported {act}: {reading.speaker} is reported {'asserting' if reading.holds else 'denying'} the claim "
            f"\u201c{entry.claim_reviewed}\u201d and the article does not rebut it; {rated}"
        )
    else:
        verb = _VERBS[reading.stance]
        rule = f"{verb.split()[0]}-{polarity}:{ident}"
        cue = f" ({reading.cue!r})" if reading.cue else ""
        explanation = f"The sentence {verb} the claim \u201c{entry.claim_reviewed}\u201d{cue}; {rated}"
    return StanceDecision(
        sentence=sentence,
        relation=_relation(reading, entry.verdict),
        stance=reading.stance,
        score=found.score,
        rule=rule,
        explanation=explanation,
        factcheck=entry,
        speaker=reading.speaker,
        explicit=reading.rejection or found.says_no,
    )


_DIGIT = re.compile(r"\d")


def _has_figures(text: str) -> bool:
    return bool(_DIGIT.search(numbers_as_digits(text)))


def _shares_figure(sentence: Profile, candidates: Sequence[tuple[object, Profile, str]], position: int) -> bool:
    return figures_shared(sentence, candidates[position][1])


def _may_share_figure(position: int) -> bool:
    return True  # before the sentence is analysed: any candidate with a figure or year may


def _accepted(found: Match | None) -> bool:
    return found is not None and found.score >= FACTCHECK_SCORE and found.content >= FACTCHECK_CONTENT


def _reachable(
    hit: dict[int, int],
    around: dict[int, int],
    bounds: list[tuple[tuple[float, ...], float, float]],
    figures: Callable[[int], bool] | None = None,
) -> set[int]:
    """The candidates a sentence may match, given ``hit`` (``_Postings.masks`` of its concepts, or of
    a superset of them) and ``around`` (those of the ``topic`` set before it): two concepts shared
    by the sentence itself at least, and enough of the claim's content weight within reach of the
    sentence and the topic. One concept is enough with a candidate whose position ``figures``
    accepts (the sentence states one of its figures or years): the figure is the second ("a crime
    that has risen threefold", after a sentence on catalytic converter thefts, against "thefts
    have tripled this year")."""
    out = set()
    for position, mask in hit.items():
        weights, fixed, total = bounds[position]
        single = mask & (mask - 1) == 0
        if single and (fixed <= 0 or figures is None):
            continue  # fewer than two shared concepts
        mask |= around.get(position, 0)
        if mask & (mask - 1) == 0:
            continue  # fewer than two, the topic's included
        reach = fixed + sum(weight for slot, weight in enumerate(weights) if mask >> slot & 1)
        if (total <= 0 or reach / total >= FACTCHECK_CONTENT) and not (single and figures and not figures(position)):
            out.add(position)
    return out


class _Postings:
    """The candidates' concepts as an inverted index, built once per call: probe key -> (candidate,
    which of its concepts). ``masks`` gives, per candidate, the bit mask of its concepts that some
    of ``heads`` may be; each head's own masks are kept, since the sentences of an article (and the
    topic sets made of them) share most of their concepts."""

    __slots__ = ("by_head", "postings")

    def __init__(self) -> None:
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.by_head: dict[str, tuple[tuple[int, int], ...]] = {}

    def add(self, position: int, heads: Iterable[str]) -> None:
        """Candidate ``position``'s concepts, in ``claim_probes`` order (a concept's probe keys are its ``head_keys``)."""
        for slot, head in enumerate(heads):
            for key in head_keys(head):
                self.postings.setdefault(key, []).append((position, slot))

    def masks(self, heads: Iterable[str]) -> dict[int, int]:
        out: dict[int, int] = {}
        by_head, postings = self.by_head, self.postings
        for head in heads:
            found = by_head.get(head)
            if found is None:
                merged: dict[int, int] = {}
                for key in head_keys(head):
                    for position, slot in postings.get(key, ()):
                        merged[position] = merged.get(position, 0) | (1 << slot)
                found = by_head[head] = tuple(merged.items())
            for position, bits in found:
                out[position] = out.get(position, 0) | bits
        return out


def _speakers(document: Document, attributions: Sequence[Finding]) -> dict[int, list[tuple[str, int]]]:
    """Per sentence index, (speaker, offset in the sentence) of each attribution it holds."""
    out: dict[int, list[tuple[str, int]]] = {}
    for finding in attributions:
        if finding.kind != "source_attribution" or finding.source is None:
            continue
        index = int(finding.meta.get("sentence_index", -1))
        if 0 <= index < len(document.sentences):
            offset = finding.start - document.sentences[index].start
            out.setdefault(index, []).append((finding.source.name, offset))
    return out


def stance_decisions(
    document: Document, context: AnalysisContext, attributions: Sequence[Finding] | None = None
) -> list[StanceDecision]:
    """Every sentence-candidate pair that matched, with its relation; pure and deterministic.

    ``attributions`` are the attribution detector's findings for the document (the pipeline
    passes them in); without them the attribution detector runs here, once, when a sentence
    first matches. Candidates are analysed once per call; a sentence is analysed in full only
    when its words may share two concepts with some candidate (a cheap superset test), and its
    check-worthiness only when a candidate passes the per-candidate pre-check.
    """
    if not context.factchecks and not context.other_claims:
        return []
    # A fact-check's claim comes analysed from the registry's profile store when it can; it is
    # analysed here (once per process, cached) only when it does not.
    claims = [
        (entry, entry.profile or profile(entry.claim_reviewed), entry.claim_reviewed) for entry in context.factchecks
    ]
    stored = [(claim, profile(claim.text), claim.text) for claim in context.other_claims]
    # Inverted index, built once per call: probe key -> (candidate, which of its concepts).
    everything = (*claims, *stored)
    index = _Postings()
    for position, (_, analysed, _) in enumerate(everything):
        index.add(position, analysed.concepts)
    # (Bounds of a claim analysed here are cached by its text; a stored profile's are computed
    # from it, a few microseconds.)
    bounds = [
        profile_bounds(analysed)
        if position < len(claims) and claims[position][0].profile is not None
        else content_bounds(text)
        for position, (_, analysed, text) in enumerate(everything)
    ]
    title = quick_concepts(document.title)
    words: frozenset[str] | None = None
    words_of: list[frozenset[str]] = []  # the title's words, then each sentence's
    speakers: dict[int, list[tuple[str, int]]] | None = None
    decisions: list[StanceDecision] = []
    for sentence in document.sentences:
        check()
        hit = index.masks(quick_concepts(sentence.text))
        if not hit:
            continue  # no candidate shares a concept: skip the full analysis
        # The topic words of the title and the sentences just before may stand in for the claim's
        # (``matching.TOPIC_CREDIT``), so they count towards reaching a candidate too.
        topic = _context(document, sentence, title, topic_concepts)
        around = index.masks(topic)
        maybe_figures = _may_share_figure if _has_figures(sentence.text) else None
        if not _reachable(hit, around, bounds, maybe_figures):
            continue  # no candidate within reach: skip the full analysis
        analysed = profile(sentence.text)
        # Claims stated in passing, in a relative clause, are matched as clauses of their own too.
        clauses = [profile(clause) for clause in embedded_claims(sentence.text)]
        # (Each clause is tried only on the candidates it can reach on its own.)
        clause_reach = [
            _reachable(index.masks(clause.concepts.keys() | clause.name_concepts), around, bounds) for clause in clauses
        ]
        reach = _reachable(
            index.masks(analysed.concepts.keys() | analysed.name_concepts),
            around,
            bounds,
            partial(_shares_figure, analysed, everything)
            if analysed.quantities or analysed.years or analysed.covers_from is not None
            else None,
        )
        facts = [(position, entry, claim) for position, (entry, claim, _) in enumerate(claims) if position in reach]
        others = [
            (other, statement)
            for position, (other, statement, _) in enumerate(stored, len(claims))
            if position in reach
        ]
        if not (facts or others):
            continue
        found_here = len(decisions)
        if words is None:
            words_of = [document_words([text]) for text in (document.title, *(s.text for s in document.sentences))]
            words = frozenset().union(*words_of)
        nearby = _context(document, sentence, title)
        # A name the sentence leaves out refers back (or to the very next sentence), not further on.
        earlier = frozenset().union(*words_of[: sentence.index + 3])
        known: frozenset[str] | None = None  # the article's words and the sentence's, as ``assess`` joins them
        for position, entry, claim in facts:
            # A different figure for what a fact-check rated true denies it ("trams run every
            # twenty minutes" against a true "every ten minutes"); against a false claim it is
            # another claim, and stays ruled out.
            figures_may_differ = entry.verdict in TRUE_VERDICTS
            # The claim matched against the sentence, or against one of its clauses.
            stated_in = partial(
                match,
                claim=claim,
                document_words=words,
                context=nearby,
                topic=topic,
                numbers_may_conflict=figures_may_differ,
                earlier=earlier,
            )
            if claim.names and known is None:
                known = words | analysed.words
            # (A claim name the article never mentions rules the pair out before the full weighing.)
            found = (
                None if claim.names and names_rule_out(analysed, claim, known or frozenset()) else stated_in(analysed)
            )
            if not _accepted(found):
                # The whole sentence does not state it: one of its relative clauses may.
                for clause, reachable in zip(clauses, clause_reach, strict=True):
                    if position not in reachable:
                        continue
                    found_in_clause = stated_in(clause)
                    if _accepted(found_in_clause):
                        found = found_in_clause
                        break
            if found is not None and _accepted(found):
                if speakers is None:
                    if attributions is None:
                        attributions = AttributionDetector().detect(document, context, ())
                    speakers = _speakers(document, attributions)
                following = (
                    document.sentences[sentence.index + 1].text if sentence.index + 1 < len(document.sentences) else ""
                )
                reading = read_stance(
                    sentence.text,
                    claim=entry.claim_reviewed,
                    content_holds=found.content_same and found.numbers != "conflict",
                    speakers=speakers.get(sentence.index, ()),
                    following=following,
                )
                decisions.append(_factcheck_decision(sentence, entry, found, reading))
        for other, statement in others:
            found = match(analysed, statement, words, frozenset(), numbers_may_conflict=True)
            if found is None or found.score < ARTICLE_SCORE or found.content < ARTICLE_CONTENT:
                continue
            if found.numbers == "conflict":
                why = "gives a different figure for"
            elif not found.same:
                why = "states the opposite of"
            else:
                decisions.append(
                    StanceDecision(
                        sentence=sentence,
                        relation="supports",
                        stance="asserted",
                        score=found.score,
                        rule=f"agrees-with-article:{other.article_id}",
                        explanation=f"The sentence agrees with article {other.article_id}: \u201c{other.text}\u201d.",
                        claim=other,
                    )
                )
                continue
            decisions.append(
                StanceDecision(
                    sentence=sentence,
                    relation="contradicts",
                    stance="conflicts",
                    score=found.score,
                    rule=f"conflicts-with-article:{other.article_id}",
                    explanation=(
                        f"The sentence {why} a statement in article {other.article_id}: \u201c{other.text}\u201d "
                        f"(match {found.score:.2f}). Another article is weaker evidence than a fact-check."
                    ),
                    claim=other,
                )
            )
        if len(decisions) > found_here and not _is_assertion(sentence):
            del decisions[found_here:]  # a question or a fragment asserts nothing (checked only when it matters)
    return decisions


def diagnose(document: Document, sentence: Sentence, entry: FactCheckEntry) -> str:
    """Why one sentence does or does not match one fact-check: rules and scores, no text."""
    title = quick_concepts(document.title)
    words = document_words([document.title, *(s.text for s in document.sentences)])
    found = assess(
        profile(sentence.text),
        profile(entry.claim_reviewed),
        words,
        _context(document, sentence, title),
        topic=_context(document, sentence, title, topic_concepts),
    )
    return (
        f"assertion={_is_assertion(sentence)} score={found.score:.2f} content={found.content:.2f} same={found.same} "
        f"numbers={found.numbers} vetoes={list(found.vetoes)} penalties={list(found.penalties)} {' '.join(found.reasons)}"
    )


def _rejection_says_more(report: StanceDecision, rejections: Sequence[StanceDecision]) -> bool:
    """Another sentence debunks the claim with a concept of it the ``report`` leaves out: the
    report is of something else on the same topic ("the attack", not "an arrest over it"). (A
    sentence that merely says no, "had lower blood sugar but were not cured", debunks nothing.)"""
    if report.factcheck is None:
        return False
    claim = report.factcheck.profile or profile(report.factcheck.claim_reviewed)
    reported = content_concepts_in(profile(report.sentence.text), claim)
    return any(
        rejection.stance == "debunked"
        and rejection.sentence.index != report.sentence.index
        and not content_concepts_in(profile(rejection.sentence.text), claim) <= reported
        for rejection in rejections
    )


def _factcheck_key(entry: FactCheckEntry) -> str:
    """One fact-check however it is identified (its identifier, else its URL)."""
    return entry.identifier or entry.url or ""


class ContradictionDetector:
    """``contradicted_claim`` findings: at most one per sentence, the strongest evidence first."""

    name = "contradiction"
    version = DETECTOR_VERSION
    # Claim matching uses English stems, synonyms, number words and stance cues, and the
    # registry's claims are English: a sentence in another language never matches fairly.
    languages: frozenset[str] | None = ENGLISH_ONLY

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        # Run alone (no attribution findings before it), it finds the speakers itself.
        attributions = earlier if any(f.kind == "source_attribution" for f in earlier) else None
        # A fact-check rated neither true nor false ("mixed", "unproven") is never contradicted, and
        # its "related" decisions touch no finding below: its pairs are not weighed at all.
        if any(entry.verdict not in _DECISIVE for entry in context.factchecks):
            context = replace(
                context, factchecks=tuple(entry for entry in context.factchecks if entry.verdict in _DECISIVE)
            )
        decisions_all = stance_decisions(document, context, attributions)
        # When several sentences match the same fact-check, the one that states it best is the
        # assertion; the weaker ones are background or follow-up ("the claim spread quickly")
        # unless they state it well themselves (REPEAT_SCORE): a leaflet and a quote repeat it.
        best_for: dict[str, float] = {}
        for decision in decisions_all:
            if decision.relation == "contradicts" and decision.factcheck is not None:
                key = _factcheck_key(decision.factcheck)
                best_for[key] = max(best_for.get(key, 0.0), decision.score)
        # A false claim the article denies or rejects somewhere ("Reports that ... were premature,
        # the company said") is not asserted in its own voice elsewhere: another sentence that
        # seems to state it is background. So is a report that leaves out what the rejection
        # rejects: the lede's "officials said" of the attack itself, and later "contrary to
        # rumours, nobody has been arrested over it" (a report that holds the claim in full
        # stays a reported assertion: the speaker said it, whatever the article adds).
        rejections: dict[str, list[StanceDecision]] = {}
        for decision in decisions_all:
            if (
                decision.factcheck is not None
                and decision.factcheck.verdict in FALSE_VERDICTS
                and decision.stance != "question"
                and decision.relation in ("supports", "related")
                and decision.explicit
            ):
                rejections.setdefault(_factcheck_key(decision.factcheck), []).append(decision)
        rejected = {
            _factcheck_key(decision.factcheck)
            for decision in decisions_all
            if decision.factcheck is not None
            and decision.factcheck.verdict in FALSE_VERDICTS
            and decision.stance != "question"
            and decision.relation in ("supports", "related")
            and decision.explicit
        }
        by_sentence: dict[int, list[StanceDecision]] = {}
        for decision in decisions_all:
            if decision.relation == "contradicts" and decision.factcheck is not None:
                key = _factcheck_key(decision.factcheck)
                if decision.score < min(best_for[key] - SAME_CLAIM_MARGIN, REPEAT_SCORE):
                    continue
                if key in rejected and decision.stance == "asserted":
                    continue
                if decision.stance == "reported" and _rejection_says_more(decision, rejections.get(key, ())):
                    continue
            by_sentence.setdefault(decision.sentence.index, []).append(decision)
        chosen: list[tuple[StanceDecision, list[StanceDecision]]] = []
        for index in sorted(by_sentence):
            decisions = by_sentence[index]
            against = [d for d in decisions if d.relation == "contradicts"]
            if against:
                chosen.append((max(against, key=lambda d: (d.factcheck is not None, d.score)), decisions))
        # One batch for the flagged sentences (the classifier's cost is mostly per call).
        scores = claim_checkworthiness_many([best.sentence.text for best, _ in chosen])
        findings: list[Finding] = []
        for (best, decisions), worth in zip(chosen, scores, strict=True):
            supports = [d for d in decisions if d.relation == "supports" and d.factcheck is not None]
            explanation = best.explanation
            if supports:
                explanation += (
                    " Supporting: "
                    + "; ".join(
                        f"{d.stance} {d.factcheck.identifier or d.factcheck.url} ({d.factcheck.verdict})"
                        for d in supports
                        if d.factcheck is not None
                    )
                    + "."
                )
            findings.append(
                sentence_finding(
                    document,
                    best.sentence,
                    kind="contradicted_claim",
                    detector=f"{self.name}@{self.version}",
                    rule=best.rule,
                    confidence=best.confidence,
                    explanation=explanation,
                    evidence=best.factcheck,
                    evidence_claim=best.claim,
                    checkworthiness=worth,
                    meta={
                        "match": f"{best.score:.2f}",
                        "stance": best.stance,
                        **({"speaker": best.speaker} if best.speaker else {}),
                    },
                )
            )
        return findings
