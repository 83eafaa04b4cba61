"""Pure retrieval terms: which words of a sentence select candidates, and how a candidate scores. No Django: both retrieval paths and the statement index share it."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

from credibility.analysis.claims.checkworthiness import checkworthiness
from credibility.analysis.claims.ranking import SuffixRules, strip_suffix
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import Sentence

# Sentences that assert nothing a fact-check could contradict (the contradiction detector
# skips them too), by check-worthiness feature; every other sentence with enough content is
# searched: contradicted claims are often plain assertions that score low on check-worthiness
# ("The vaccine contains microchips."), and a search costs well under a millisecond.


# Sentences that assert nothing a fact-check could contradict (the contradiction detector
# skips them too), by check-worthiness feature; every other sentence with enough content is
# searched: contradicted claims are often plain assertions that score low on check-worthiness
# ("The vaccine contains microchips."), and a search costs well under a millisecond.
NOT_ASSERTIONS = frozenset({"question", "prescriptive", "imperative", "first-person-opinion"})


MIN_SENTENCE_TERMS = 2


# A candidate must cover this share of its claim's (rarity-weighted) terms, and share two terms.
MIN_COVERAGE = 0.3


MIN_SHARED_TERMS = 2


# Lexemes in more than this share of the registry (and more than MIN_COMMON_DF rows) are too
# common to select candidates by (reading their GIN posting lists dominated the query time at
# 100k); they still count when ranking.
COMMON_SHARE = 0.01


MIN_COMMON_DF = 50


# The postings the index scans of one sentence may walk, whatever the registry's size (PostgreSQL
# path): the rarest lexemes select while the posting lists of the clause heads they make (three
# heads for pairs of four lexemes, two for their triples) stay within it. A claim is found
# through two shared lexemes that each sit in thousands of fact-checks only by walking those
# thousands; past the budget such sentences select by fewer lexemes, or none, and are left to
# the semantic path. At 100k no sentence of the bench reaches it.
POSTING_BUDGET = 5000


# Rows read per sentence before ranking, as a multiple of the rows ranked (the fetch): bounded,
# so that hundreds of claims sharing a sentence's rare words cost no more than a few dozen.
CANDIDATE_POOL_FACTOR = 2


# Per sentence: rare lexemes used to select, other lexemes they may pair with, rows ranked.
MAX_SELECTING_TERMS = 4


PAIR_TERMS = 4


MAX_UNKNOWN_SELECTING = 2


FETCH_PER_SENTENCE_FACTOR = 8


TRIGRAM_SIMILARITY = 0.45


# A sentence's MAX_ANCHORS rarest registry lexemes in at most ANCHOR_DF fact-checks each anchor:
# a claim holding one and any other registry lexeme of the sentence is selected (half a
# sentence's fetch at most). Each anchor costs one more GIN scan: at 100k, ANCHOR_DF 40 cost 15%
# more database time than 20 and found no more; a third anchor found the dev corpus's
# "Commissioner ... on Monday ... flu shot" claim at 10k. Lexemes the lexicon does not know only
# select in pairs: nearly all are in no fact-check at all.
ANCHOR_DF = 20


MAX_ANCHORS = 3


STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves also said says say saying told claim
    claims claimed according would could may might must shall us mr mrs ms dr""".split()
)


# Negations and other stance words are not stopwords to the detector, but they carry no topic.
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d[\d,.]*\d|\d")


# The retrieval index's own rules (a few more than claim ranking's ``stem``); stored search
# terms depend on them, so they stay as they are.
_STEM_RULES: SuffixRules = (
    ("ational", "ate", 8),
    ("ization", "ize", 8),
    ("ations", "ate", 7),
    ("ation", "ate", 6),
    ("iveness", "ive", 8),
    ("fulness", "ful", 8),
    ("ousness", "ous", 8),
    ("ments", "", 7),
    ("ment", "", 7),
    ("ies", "y", 5),
    ("ied", "y", 5),
    ("ing", "", 6),
    ("edly", "", 7),
    ("ed", "", 5),
    ("ly", "", 6),
    ("es", "", 5),
    ("s", "", 4),
)


@lru_cache(maxsize=1 << 16)  # a pure function of one word, called for every word of every text
def _stem(word: str) -> str:
    """A light, deterministic suffix stripper: enough to meet "vaccines"/"vaccinated"/"vaccine"."""
    if word.endswith("'s"):
        word = word[:-2]
    return strip_suffix(word, _STEM_RULES)


def text_terms(text: str) -> list[str]:
    """Normalised content terms in order: case-folded, stemmed, numbers without separators."""
    out = []
    for token in _TOKEN.findall(text.casefold().replace("’", "'")):
        if token[0].isdigit():
            out.append(token.replace(",", "").rstrip("."))
        elif token not in STOPWORDS and len(token) > 1:
            stem = _stem(token)
            if stem not in STOPWORDS:
                out.append(stem[:64])
    return out


def candidate_score(
    sentence_terms: AbstractSet[str],
    claim_terms: AbstractSet[str],
    idf: Callable[[str], float],
    nearby: Iterable[str] = (),
    *,
    claim_weight: float | None = None,
) -> float:
    """Rarity-weighted share of the claim's terms the sentence repeats; 0 when below the bar.

    Terms of the neighbouring sentences (``nearby``: the name introduced just before "He said
    ...") count half, but at least ``MIN_SHARED_TERMS`` must be in the sentence itself.
    ``claim_weight`` is the claim terms' summed ``idf`` when the caller already knows it.
    """
    shared = sentence_terms & claim_terms
    if len(shared) < min(MIN_SHARED_TERMS, len(claim_terms)) or not shared:
        return 0.0
    # fsum: exactly rounded, so the score does not depend on the order a set gives (the hash seed).
    total = math.fsum([idf(t) for t in claim_terms]) if claim_weight is None else claim_weight
    if not total:
        return 0.0
    around = (claim_terms & (nearby if isinstance(nearby, AbstractSet) else set(nearby))) - shared
    coverage = (math.fsum([idf(t) for t in shared]) + 0.5 * math.fsum([idf(t) for t in around])) / total
    return coverage if coverage >= MIN_COVERAGE else 0.0


def candidate_scores(
    sentence_terms: AbstractSet[str],
    claims: Iterable[tuple[int, frozenset[str], float]],
    idf: dict[str, float],
    nearby: AbstractSet[str] = frozenset(),
) -> dict[int, float]:
    """``candidate_score`` of many claims for one sentence, by claim id, those above the bar only.

    ``claims``: (id, terms, their summed ``idf``); ``idf`` holds every claim term. The same tests and
    sums as ``candidate_score``, written out once for the batch: over the hundreds of claims an
    article's sentences fetch, a call per claim cost as much as the scoring itself.
    """
    scored: dict[int, float] = {}
    fsum = math.fsum
    for pk, claim_terms, total in claims:
        shared = sentence_terms & claim_terms
        if not shared or (len(shared) < MIN_SHARED_TERMS and len(shared) < len(claim_terms)) or not total:
            continue
        around = (claim_terms & nearby) - shared if nearby else ()
        coverage = (fsum([idf[t] for t in shared]) + 0.5 * fsum([idf[t] for t in around])) / total
        if coverage >= MIN_COVERAGE:
            scored[pk] = coverage
    return scored


def nearby_terms(per_sentence: Sequence[set[str]], index: int) -> set[str]:
    return set().union(*per_sentence[max(0, index - 2) : index]) if index else set()


def selecting_df_limit(total: int) -> float:
    """The most fact-checks a lexeme may be in and still select candidates, for a registry of ``total``."""
    return max(MIN_COMMON_DF, COMMON_SHARE * total)


def within_posting_budget(frequencies: Sequence[int], budget: int = POSTING_BUDGET) -> int:
    """How many of the rarest lexemes (``frequencies`` ascending) may select within ``budget`` postings.

    With m selecting lexemes the pair clauses walk the posting lists of the m-1 rarest (every
    pair holds one of them) and the triple clauses those of the m-2 rarest.
    """
    chosen = 0
    for m in range(1, len(frequencies) + 1):
        if sum(frequencies[: m - 1]) + sum(frequencies[: max(0, m - 2)]) > budget:
            break
        chosen = m
    return chosen


def idf_weight(df: dict[str, int], total: int) -> Callable[[str], float]:
    return lambda term: math.log(1.0 + total / (1.0 + df.get(term, 0)))


def retrieval_statements(text: str) -> list[tuple[Sentence, list[str]]]:
    """The sentences worth looking up, with their terms: assertions with at least two content terms."""
    chosen = []
    for sentence in split_sentences(text):
        body = sentence.text
        if len(body) > 1000:
            continue
        terms = text_terms(body)
        if len(terms) < MIN_SENTENCE_TERMS or NOT_ASSERTIONS.intersection(checkworthiness(body).features):
            continue
        chosen.append((sentence, terms))
    return chosen


def retrieval_sentences(text: str) -> list[Sentence]:
    """The sentences worth looking up (``retrieval_statements`` without the terms)."""
    return [sentence for sentence, _ in retrieval_statements(text)]
