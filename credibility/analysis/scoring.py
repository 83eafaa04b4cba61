"""Credibility arithmetic: source track records, the Bayesian source score and article credibility.

Pure Python (no Django, no I/O): the services hand in plain rows and store or serve what comes out,
so every number here can be recomputed by hand from the rows it was given.

Source track record
-------------------
A claim *involves* a source S when

* it is an annotation whose ``source`` is S, or
* it is an ``unverified_claim`` or ``contradicted_claim`` flag in the same sentence as a
  ``source_attribution`` to S that reviewers have not dismissed ("Kyrylov said X" with X flagged:
  the flag is a verdict on what S said).

Counted for S:

* ``contradicted`` - involving contradicted-claim flags that were confirmed (or confirmed then
  resolved: the article was corrected, S still said it);
* ``unverified`` - involving unsourced / vague-source / hedged flags confirmed or resolved;
* ``dismissed`` - involving flags reviewers dismissed (the claim held up);
* ``sourced`` - attributions to S (open or confirmed; a dismissed attribution was judged not to be
  S's) in a sentence holding no flag that involves S. A flag in the sentence is the verdict on that
  claim and is counted instead, so no statement counts twice;
* ``pending`` - involving flags still open: shown, not counted.

Source score
------------
A Beta prior centred on the editorial rating (``rating / 100``; 0.5 unrated) with
``PRIOR_STRENGTH`` pseudo-observations, updated with weighted evidence::

    alpha = m * k + W_DISMISSED * dismissed + W_SOURCED * sourced
    beta  = (1 - m) * k + W_CONTRADICTED * contradicted + W_UNVERIFIED * unverified
    score = 100 * alpha / (alpha + beta)

With little history the prior dominates; each reviewed claim moves the score by roughly
``100 / (k + n)`` points. Unreviewed sourced attributions weigh half a reviewed decision, and a
vague or hedged claim half a contradicted one.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

PRIOR_STRENGTH = 10.0
DEFAULT_PRIOR = 50.0  # rating assumed for an unrated source, 0-100

W_CONTRADICTED = 1.0
W_UNVERIFIED = 0.5
W_DISMISSED = 1.0
W_SOURCED = 0.5

FLAG_KINDS = frozenset({"unverified_claim", "contradicted_claim"})
ATTRIBUTION = "source_attribution"
DECIDED_AGAINST = frozenset({"confirmed", "resolved"})  # review statuses that count a flag against its sources


@dataclass(frozen=True, slots=True)
class SpanRow:
    """What scoring needs of one stored annotation."""

    id: int
    kind: str
    start: int
    end: int
    status: str
    source_id: int | None = None
    reason: str = ""


# --- sentences -----------------------------------------------------------------------------------


# The sentence starts of the bounds read last: a scoring pass asks about one article's bounds once per
# annotation, and a long article has thousands of sentences (issue 15: reads cost O(log n) per span).
_last_starts: tuple[object, list[int]] = (None, [])


def sentence_indices(bounds: Sequence[tuple[int, int]], start: int, end: int) -> frozenset[int]:
    """Indices of the sentences ``[s, e)`` in ``bounds`` (sorted, disjoint) that ``[start, end)`` overlaps.

    A span that falls between sentences (whitespace) belongs to the sentence before it.
    """
    global _last_starts
    last = _last_starts
    if last[0] is bounds:
        starts = last[1]
    else:
        starts = [s for s, _ in bounds]
        _last_starts = (bounds, starts)
    first = max(0, bisect.bisect_right(starts, start) - 1)
    found = set()
    for i in range(first, len(bounds)):  # sorted and disjoint: nothing overlaps past the first start >= end
        if bounds[i][0] >= end:
            break
        if start < bounds[i][1]:
            found.add(i)
    if not found and bounds:
        found = {first}
    return frozenset(found)


def flag_sources(rows: Sequence[SpanRow], bounds: Sequence[tuple[int, int]]) -> dict[int, frozenset[int]]:
    """For every flag in ``rows``: the ids of the sources it involves (see the module docstring)."""
    attributions = [
        (sentence_indices(bounds, r.start, r.end), r.source_id)
        for r in rows
        if r.kind == ATTRIBUTION and r.source_id is not None and r.status != "dismissed"
    ]
    involved: dict[int, frozenset[int]] = {}
    for row in rows:
        if row.kind not in FLAG_KINDS:
            continue
        sentences = sentence_indices(bounds, row.start, row.end)
        ids = {source for where, source in attributions if where & sentences}
        if row.source_id is not None:
            ids.add(row.source_id)
        involved[row.id] = frozenset(ids)
    return involved


# --- source track record and score -----------------------------------------------------------------


@dataclass(slots=True)
class TrackRecord:
    contradicted: int = 0
    unverified: int = 0
    dismissed: int = 0
    sourced: int = 0
    pending: int = 0
    # Annotation ids behind each count, so the figures can be traced back to rows.
    evidence: dict[str, list[int]] = field(default_factory=dict)

    def add(self, bucket: str, annotation_id: int) -> None:
        setattr(self, bucket, getattr(self, bucket) + 1)
        self.evidence.setdefault(bucket, []).append(annotation_id)

    def merge(self, other: TrackRecord) -> None:
        for bucket in ("contradicted", "unverified", "dismissed", "sourced", "pending"):
            for annotation_id in other.evidence.get(bucket, []):
                self.add(bucket, annotation_id)


def article_track_record(*, source_id: int, rows: Sequence[SpanRow], bounds: Sequence[tuple[int, int]]) -> TrackRecord:
    """The evidence one article's annotations give about ``source_id``."""
    record = TrackRecord()
    involved = flag_sources(rows, bounds)
    flagged_sentences: set[int] = set()
    for row in rows:
        if row.kind not in FLAG_KINDS or source_id not in involved.get(row.id, frozenset()):
            continue
        flagged_sentences |= sentence_indices(bounds, row.start, row.end)
        if row.status in DECIDED_AGAINST:
            record.add("contradicted" if row.kind == "contradicted_claim" else "unverified", row.id)
        elif row.status == "dismissed":
            record.add("dismissed", row.id)
        else:
            record.add("pending", row.id)
    for row in rows:
        if row.kind != ATTRIBUTION or row.source_id != source_id or row.status == "dismissed":
            continue
        if sentence_indices(bounds, row.start, row.end) & flagged_sentences:
            continue
        record.add("sourced", row.id)
    return record


@dataclass(frozen=True, slots=True)
class SourceScore:
    score: float  # 0-100
    prior: float  # 0-100
    prior_strength: float
    held_up: float  # weighted evidence for
    against: float  # weighted evidence against
    alpha: float
    beta: float


def source_score(
    *,
    rating: int | None,
    contradicted: int,
    unverified: int,
    dismissed: int,
    sourced: int,
    prior_strength: float = PRIOR_STRENGTH,
) -> SourceScore:
    """The Bayesian estimate of the module docstring. ``rating`` None means unrated (prior 50)."""
    prior = DEFAULT_PRIOR if rating is None else float(rating)
    mean = prior / 100.0
    held_up = W_DISMISSED * dismissed + W_SOURCED * sourced
    against = W_CONTRADICTED * contradicted + W_UNVERIFIED * unverified
    alpha = mean * prior_strength + held_up
    beta = (1.0 - mean) * prior_strength + against
    total = alpha + beta
    score = 100.0 * alpha / total if total > 0 else prior
    return SourceScore(
        score=round(score, 2),
        prior=prior,
        prior_strength=prior_strength,
        held_up=held_up,
        against=against,
        alpha=round(alpha, 4),
        beta=round(beta, 4),
    )


def source_score_explain(
    *,
    rating: int | None,
    contradicted: int,
    unverified: int,
    dismissed: int,
    sourced: int,
    pending: int = 0,
    prior_strength: float = PRIOR_STRENGTH,
) -> str:
    """One paragraph a reader can check with a calculator."""
    result = source_score(
        rating=rating,
        contradicted=contradicted,
        unverified=unverified,
        dismissed=dismissed,
        sourced=sourced,
        prior_strength=prior_strength,
    )
    prior_text = (
        f"editorial rating {rating}" if rating is not None else f"no editorial rating (default {DEFAULT_PRIOR:g})"
    )
    return (
        f"Prior: {prior_text}, worth {prior_strength:g} observations. "
        f"Held up: {dismissed} dismissed flag(s) x {W_DISMISSED:g} + {sourced} sourced claim(s) x {W_SOURCED:g} "
        f"= {result.held_up:g}. "
        f"Against: {contradicted} confirmed contradicted x {W_CONTRADICTED:g} + {unverified} confirmed "
        f"unsourced/vague/hedged x {W_UNVERIFIED:g} = {result.against:g}. "
        f"Score = 100 x ({result.prior / 100:g} x {prior_strength:g} + {result.held_up:g}) / "
        f"({prior_strength:g} + {result.held_up:g} + {result.against:g}) = {result.score:g}. "
        f"{pending} open flag(s) are not counted until reviewed."
    )


# --- article credibility ---------------------------------------------------------------------------

# Component weights of the article score; components without data drop out and the rest renormalise.
ARTICLE_WEIGHTS: Mapping[str, float] = {
    "sourcing": 0.30,
    "vagueness": 0.15,
    "contradictions": 0.25,
    "typos": 0.10,
    "sources": 0.20,
}
OPEN_WEIGHT = 0.5  # an open (unreviewed) flag counts half a confirmed one
CONTRADICTION_PENALTY = 50.0  # points of the contradictions component per weighted contradicted claim
TYPO_DENSITY_ZERO = 10.0  # typos per 1,000 words at which the typo component reaches 0
ACTIVE = frozenset({"open", "confirmed"})  # dismissed flags were wrong, resolved ones were corrected


@dataclass(frozen=True, slots=True)
class CitedSource:
    id: int
    name: str
    score: float  # the stored score, else the prior (rating or 50)
    score_is_computed: bool


def _weighted(rows: Iterable[SpanRow]) -> float:
    return sum(1.0 if r.status == "confirmed" else OPEN_WEIGHT for r in rows)


def word_count(text: str) -> int:
    return len(text.split())


def article_credibility(
    *, body: str, rows: Sequence[SpanRow], bounds: Sequence[tuple[int, int]], cited: Sequence[CitedSource]
) -> dict[str, object]:
    """The article score (0-100) with every count, sub-score, weight and formula behind it.

    Check-worthy claims are the sentences holding an active (open or confirmed) unverified-claim,
    contradicted-claim or attribution annotation. A claim sentence is *sourced* when it holds an
    active attribution and no active unsourced or vague-source flag.
    """
    active = [r for r in rows if r.status in ACTIVE]
    claim_sentences: set[int] = set()
    attributed: set[int] = set()
    unsourced_sentences: set[int] = set()
    for row in active:
        if row.kind in FLAG_KINDS or row.kind == ATTRIBUTION:
            where = sentence_indices(bounds, row.start, row.end)
            claim_sentences |= where
            if row.kind == ATTRIBUTION:
                attributed |= where
            elif row.kind == "unverified_claim" and row.reason in ("unsourced", "vague_source"):
                unsourced_sentences |= where
    sourced = attributed - unsourced_sentences
    claims = len(claim_sentences)
    unsourced = [r for r in active if r.kind == "unverified_claim" and r.reason == "unsourced"]
    vague_hedged = [r for r in active if r.kind == "unverified_claim" and r.reason in ("vague_source", "hedged")]
    contradicted = [r for r in active if r.kind == "contradicted_claim"]
    typos = [r for r in active if r.kind == "typo"]
    words = word_count(body)
    density = 1000.0 * len(typos) / words if words else 0.0

    components: dict[str, dict[str, float | str]] = {}
    if claims:
        share = len(sourced) / claims
        components["sourcing"] = {
            "value": round(share, 4),
            "subscore": round(100 * share, 2),
            "formula": f"100 x sourced claim sentences / claim sentences = 100 x {len(sourced)}/{claims}",
        }
        vh = _weighted(vague_hedged)
        components["vagueness"] = {
            "value": vh,
            "subscore": round(100 * max(0.0, 1 - vh / claims), 2),
            "formula": f"100 x (1 - weighted vague/hedged {vh:g} / claim sentences {claims}), floor 0",
        }
    cw = _weighted(contradicted)
    components["contradictions"] = {
        "value": cw,
        "subscore": round(max(0.0, 100 - CONTRADICTION_PENALTY * cw), 2),
        "formula": f"100 - {CONTRADICTION_PENALTY:g} x weighted contradicted claims {cw:g}, floor 0",
    }
    if words:
        components["typos"] = {
            "value": round(density, 3),
            "subscore": round(100 * max(0.0, 1 - density / TYPO_DENSITY_ZERO), 2),
            "formula": f"100 x (1 - {len(typos)} typos per {words} words x 1000 / {TYPO_DENSITY_ZERO:g}), floor 0",
        }
    if cited:
        mean = sum(s.score for s in cited) / len(cited)
        components["sources"] = {
            "value": round(mean, 2),
            "subscore": round(mean, 2),
            "formula": f"mean score of {len(cited)} cited source(s)",
        }
    total_weight = sum(ARTICLE_WEIGHTS[name] for name in components)
    for name, component in components.items():
        component["weight"] = round(ARTICLE_WEIGHTS[name] / total_weight, 4) if total_weight else 0.0
    score = sum(float(c["subscore"]) * float(c["weight"]) for c in components.values())
    return {
        "score": round(score, 2),
        "counts": {
            "words": words,
            "claim_sentences": claims,
            "sourced_claim_sentences": len(sourced),
            "unsourced_claims": len(unsourced),
            "vague_or_hedged_claims": len(vague_hedged),
            "contradicted_claims": len(contradicted),
            "contradicted_confirmed": sum(1 for r in contradicted if r.status == "confirmed"),
            "typos": len(typos),
            "cited_sources": len(cited),
        },
        "sourced_share": round(len(sourced) / claims, 4) if claims else None,
        "typo_density_per_1000_words": round(density, 3),
        "mean_cited_source_score": round(sum(s.score for s in cited) / len(cited), 2) if cited else None,
        "components": components,
        "cited_sources": [
            {"id": s.id, "name": s.name, "score": s.score, "score_is_computed": s.score_is_computed} for s in cited
        ],
        "formula": (
            "score = sum(subscore x weight) over the components present; weights "
            + ", ".join(f"{k} {v:g}" for k, v in ARTICLE_WEIGHTS.items())
            + " renormalised over those present. Only open and confirmed annotations count "
            f"(open ones x {OPEN_WEIGHT:g} where weighted); dismissed were wrong, resolved were corrected."
        ),
    }
