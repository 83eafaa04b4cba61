"""Candidate retrieval: which stored fact-checks (and other articles' statements) a text may contradict.

Retrieval only proposes; the contradiction detector decides. It must therefore keep recall
on paraphrases (other word forms, reordered clauses, "X said that ...") while staying fast
at hundreds of thousands of fact-checks, and it only ever looks at check-worthy sentences.

Two interchangeable paths, chosen by ``FACTCHECK_RETRIEVAL`` (``auto``: PostgreSQL full-text
search on PostgreSQL, the term table elsewhere):

- ``postgres``: the sentences' English lexemes (PostgreSQL's own stemmer) are looked up in the
  ``credibility_factcheck_lexeme`` view (document frequencies); a lexeme the registry does not
  know is mapped onto its nearest registry lexemes by pg_trgm similarity (spelling variants:
  "Zelenskyy"/"Zelensky"). Each sentence selects the claims holding two of its rarest
  lexemes, or one of its very rare ones (a name) and any other of its lexemes, through the GIN
  index on the stored ``to_tsvector('english', claim_reviewed)``; one round trip serves every
  distinct sentence of the text.
- ``terms``: the same idea over ``FactCheckTerm`` rows (a light suffix-stripping stemmer in
  Python), plain ORM, so it runs on SQLite and is tested on PostgreSQL as well.

Both rank what they fetch with ``candidate_score``: how much of the fact-check's claim the
sentence covers, weighted by rarity. A fact-check sharing one keyword with a sentence never
qualifies; one whose distinctive words the sentence mostly repeats does.
"""
from __future__ import annotations

import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone

from credibility.analysis.claims.checkworthiness import checkworthiness
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import FactCheckEntry, Sentence, StoredClaim
from credibility.models import FactCheck, FactCheckTerm
from credibility.retrieval.statements import Location, StatementWindow, process_window

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

# --- text ------------------------------------------------------------------------------------

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


def _stem(word: str) -> str:
    """A light, deterministic suffix stripper: enough to meet "vaccines"/"vaccinated"/"vaccine"."""
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, replacement, min_len in (
        ("ational", "ate", 8), ("ization", "ize", 8), ("ations", "ate", 7), ("ation", "ate", 6),
        ("iveness", "ive", 8), ("fulness", "ful", 8), ("ousness", "ous", 8),
        ("ments", "", 7), ("ment", "", 7), ("ies", "y", 5), ("ied", "y", 5), ("ing", "", 6), ("edly", "", 7),
        ("ed", "", 5), ("ly", "", 6), ("es", "", 5), ("s", "", 4),
    ):
        if word.endswith(suffix) and len(word) >= min_len and not (suffix == "s" and word.endswith(("ss", "us", "is"))):
            word = word[: len(word) - len(suffix)] + replacement
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


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
    sentence_terms: set[str], claim_terms: set[str], idf: Callable[[str], float], nearby: Iterable[str] = (),
    *, claim_weight: float | None = None,
) -> float:
    """Rarity-weighted share of the claim's terms the sentence repeats; 0 when below the bar.

    Terms of the neighbouring sentences (``nearby``: the name introduced just before "He said
    ...") count half, but at least ``MIN_SHARED_TERMS`` must be in the sentence itself.
    ``claim_weight`` is the claim terms' summed ``idf`` when the caller already knows it.
    """
    shared = sentence_terms & claim_terms
    if len(shared) < min(MIN_SHARED_TERMS, len(claim_terms)) or not shared:
        return 0.0
    total = sum(idf(t) for t in claim_terms) if claim_weight is None else claim_weight
    if not total:
        return 0.0
    around = (set(nearby) & claim_terms) - shared
    coverage = (sum(idf(t) for t in shared) + 0.5 * sum(idf(t) for t in around)) / total
    return coverage if coverage >= MIN_COVERAGE else 0.0


def _nearby(per_sentence: Sequence[set[str]], index: int) -> set[str]:
    return set().union(*per_sentence[max(0, index - 2) : index]) if index else set()


def _idf(df: dict[str, int], total: int) -> Callable[[str], float]:
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


def retrieval_backend() -> str:
    configured = getattr(settings, "FACTCHECK_RETRIEVAL", None) or os.environ.get("FACTCHECK_RETRIEVAL") or "auto"
    if configured == "auto":
        return "postgres" if connection.vendor == "postgresql" else "terms"
    if configured not in ("postgres", "terms"):
        raise ValueError(f"FACTCHECK_RETRIEVAL must be auto, postgres or terms, not {configured!r}")
    if configured == "postgres" and connection.vendor != "postgresql":
        raise ValueError("FACTCHECK_RETRIEVAL=postgres needs a PostgreSQL database")
    return configured


def term_index_maintained() -> bool:
    """Whether registry writes must keep ``FactCheckTerm`` rows (only the term path reads them)."""
    return retrieval_backend() == "terms"


# --- fact-check candidates ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ranked:
    factcheck_id: int
    score: float


def factcheck_candidates(
    *, sentences: Sequence[str], limit_per_sentence: int = 5, only_ids: Iterable[int] | None = None
) -> list[FactCheck]:
    """Fact-checks the sentences may contradict, best first, at most ``limit_per_sentence`` each.

    ``only_ids`` restricts the search to those fact-checks (re-checking against new ones).
    """
    texts = [s for s in sentences if s and s.strip()]
    restrict = None if only_ids is None else sorted(set(only_ids))
    if not texts or restrict == []:
        return []
    if retrieval_backend() == "postgres":
        ranked = _postgres_ranked(texts, limit_per_sentence, restrict)
    else:
        ranked = _terms_ranked(texts, limit_per_sentence, restrict)
    best: dict[int, float] = {}
    for item in ranked:
        best[item.factcheck_id] = max(best.get(item.factcheck_id, 0.0), item.score)
    rows = FactCheck.objects.in_bulk(list(best))
    return [rows[pk] for pk in sorted(best, key=lambda pk: (-best[pk], pk)) if pk in rows]


def factcheck_entry(factcheck: FactCheck) -> FactCheckEntry:
    return FactCheckEntry(
        identifier=factcheck.identifier,
        url=factcheck.url,
        claim_reviewed=factcheck.claim_reviewed,
        verdict=factcheck.verdict,
        rating_label=factcheck.rating_label,
    )


def _top(scored: dict[int, float], limit: int) -> list[_Ranked]:
    order = sorted(scored.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [_Ranked(pk, score) for pk, score in order if score > 0]


def _terms_ranked(texts: list[str], limit: int, restrict: list[int] | None) -> list[_Ranked]:
    per_sentence = [set(text_terms(t)) for t in texts]
    wanted = set().union(*per_sentence)
    if not wanted:
        return []
    postings = FactCheckTerm.objects.filter(term__in=wanted)
    if restrict is not None:
        postings = postings.filter(factcheck_id__in=restrict)
    df = dict(postings.values_list("term").annotate(n=Count("id")).values_list("term", "n"))
    total = FactCheck.objects.count() if restrict is None else len(restrict)
    common = max(MIN_COMMON_DF, COMMON_SHARE * total)
    idf = _idf(df, total)
    selecting = {t for t in wanted if 0 < df.get(t, 0) <= common}
    hits: dict[str, list[int]] = defaultdict(list)
    for term, factcheck_id in postings.filter(term__in=selecting).values_list("term", "factcheck_id"):
        hits[term].append(factcheck_id)
    pool: set[int] = set()
    by_sentence: list[set[int]] = []
    for terms in per_sentence:
        counts: dict[int, int] = defaultdict(int)
        # Rarest first; among equally rare terms the longer (names, compounds) first, so the
        # choice never depends on set order (which Python varies per process).
        for term in sorted(terms & selecting, key=lambda t: (df[t], -len(t), t))[:MAX_SELECTING_TERMS]:
            for factcheck_id in hits[term]:
                counts[factcheck_id] += 1
        chosen = set(sorted(counts, key=lambda pk: (-counts[pk], pk))[: limit * FETCH_PER_SENTENCE_FACTOR * 4])
        by_sentence.append(chosen)
        pool |= chosen
    claim_terms = {pk: set(text_terms(claim)) for pk, claim in FactCheck.objects.filter(pk__in=pool).values_list("pk", "claim_reviewed")}
    ranked: list[_Ranked] = []
    for index, (terms, chosen) in enumerate(zip(per_sentence, by_sentence)):
        nearby = _nearby(per_sentence, index)
        ranked += _top({pk: candidate_score(terms, claim_terms.get(pk, set()), idf, nearby) for pk in chosen}, limit)
    return ranked


# Each sentence's lexemes with their registry document frequency (NULL: not in the lexicon), one
# equality lookup per distinct lexeme: with "word = ANY(...)" the planner picked the trigram
# index (pg_trgm's GIN class also serves "=") at a hundred times the cost of the unique btree.
_LEXEMES_SQL = """
WITH l AS MATERIALIZED (
    SELECT s.ord, l.lexeme
    FROM unnest(%s::text[]) WITH ORDINALITY AS s(txt, ord)
    CROSS JOIN LATERAL unnest(tsvector_to_array(to_tsvector('english'::regconfig, s.txt))) AS l(lexeme)
), f AS MATERIALIZED (
    -- The lexicon view is refreshed after large imports and hourly; a word it does not know yet
    -- (a fact-check imported since) is counted live through the GIN index, so new claims are
    -- findable at once. Words in no fact-check at all stay NULL.
    SELECT q.w, COALESCE(v.ndoc, (
        SELECT NULLIF(count(*), 0) FROM credibility_factcheck fc
        WHERE fc.claim_tsv @@ to_tsquery('simple'::regconfig, quote_literal(q.w))
    )) AS ndoc
    FROM (SELECT DISTINCT lexeme AS w FROM l) q
    LEFT JOIN LATERAL (SELECT ndoc FROM credibility_factcheck_lexeme WHERE word = q.w) v ON true
)
SELECT l.ord, l.lexeme, f.ndoc FROM l LEFT JOIN f ON f.w = l.lexeme
"""
_VARIANTS_SQL = """
SELECT q.w, m.word, m.ndoc
FROM unnest(%s::text[]) AS q(w)
CROSS JOIN LATERAL (
    SELECT word, ndoc FROM credibility_factcheck_lexeme
    WHERE word %% q.w AND similarity(word, q.w) >= %s
    ORDER BY word <-> q.w LIMIT 2
) m
"""
# claim_tsv is the stored to_tsvector('english', claim_reviewed) (migration 0004), GIN-indexed.
# Each distinct sentence query arrives as an array of clauses "head & (a | b | ...)", one per
# head lexeme: a clause with a required lexeme lets GIN's fast scan walk the head's posting
# list and skip through the others, where one OR of pairs (no lexeme required) made it decode
# and test every posting of every selecting lexeme. The bitmap index scan ORs the clauses
# (ScalarArrayOp), and ts_rank only orders the few rows that matched.
_CANDIDATES_SQL = """
SELECT s.ord, f.id, f.lexemes
FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS s(query, ord)
CROSS JOIN LATERAL (
    SELECT (s.query ->> 0)::tsquery AS whole, ARRAY(SELECT jsonb_array_elements_text(s.query - 0)::tsquery) AS clauses
) k
CROSS JOIN LATERAL (
    SELECT c.id, tsvector_to_array(c.claim_tsv) AS lexemes
    FROM credibility_factcheck c
    WHERE c.claim_tsv @@ ANY(k.clauses) {restrict}
    ORDER BY ts_rank(c.claim_tsv, k.whole) DESC, c.id
    LIMIT %s
) f
"""


def _groups(selecting: list[str]) -> list[tuple[str, ...]]:
    """Which lexeme combinations select a candidate: any two of the ``PAIR_TERMS`` rarest, or any three.

    A group that contains another is dropped (it selects nothing more).
    """
    if len(selecting) <= PAIR_TERMS:
        return list(combinations(selecting, 2))
    groups = list(combinations(selecting[:PAIR_TERMS], 2))
    groups += [
        g for g in combinations(selecting, 3)
        if not set(g) <= set(selecting[:PAIR_TERMS]) and not any(set(p) <= set(g) for p in groups)
    ]
    return groups


def _with_anchors(
    groups: list[tuple[str, ...]], anchors: list[str], terms: list[str], rarity: Callable[[str], object]
) -> list[tuple[str, ...]]:
    """``groups`` plus each anchor paired with every other term, rarest lexeme first in each group.

    An anchor is a lexeme so rare that every claim holding it can be fetched: such a claim is
    selected when it shares any second lexeme with the sentence, not only one of the few rarest
    ("Northline ... profit", where "profit" is the sixth rarest at 100k fact-checks). GIN's fast
    scan walks only the anchor's short posting list, so this costs little. Groups containing a
    pair are dropped.
    """
    wanted = {tuple(sorted(g, key=rarity)) for g in groups}
    for anchor in anchors:
        for term in terms:
            if term != anchor:
                wanted.add(tuple(sorted((anchor, term), key=rarity)))
    pairs = {g for g in wanted if len(g) == 2}
    kept = [g for g in wanted if len(g) == 2 or not any(set(p) <= set(g) for p in pairs)]
    return sorted(kept, key=lambda g: [rarity(t) for t in g])


def _clauses(groups: list[tuple[str, ...]]) -> list[str]:
    """Lexeme groups (rarest first) as tsqueries, one per head: "head & (rest | rest ...)".

    The head is a group's first (rarest) lexeme. GIN evaluates an OR of ANDs with no required
    lexeme by testing every posting of every lexeme in it; with a required head its fast scan
    walks the head's posting list and skips through the others, so a sentence costs about the
    postings of its three rarest lexemes instead of all of them.
    """
    by_head: dict[str, list[tuple[str, ...]]] = {}
    for group in groups:
        by_head.setdefault(group[0], []).append(group[1:])
    clauses = []
    for head, rests in by_head.items():
        alternatives = [" & ".join(_tsquery_lexeme(t) for t in rest) for rest in rests]
        if len(alternatives) == 1:
            clauses.append(f"{_tsquery_lexeme(head)} & {alternatives[0]}")
        else:
            joined = " | ".join(f"( {a} )" if " & " in a else a for a in alternatives)
            clauses.append(f"{_tsquery_lexeme(head)} & ( {joined} )")
    return clauses


def _tsquery_lexeme(lexeme: str) -> str:
    return "'" + lexeme.replace("'", "''").replace("\\", "\\\\") + "'"


# Planner settings for the retrieval queries, local to their transaction:
# - enable_seqscan off: the planner's estimate for trigram GIN scans is poor and it fell back
#   to comparing every lexicon word (10 ms per word at 5k fact-checks; the index answers in
#   0.1 ms);
# - jit off: the candidate query's estimates (dozens of sentences, thousands of matches each)
#   pass jit_above_cost on long articles, and compiling it took 400 ms for a query that runs
#   in 15.
# The same statement reads the registry size: an estimate is enough for rarity (the planner's
# row count), or an exact count when small.
_SETUP_SQL = """
SELECT CASE WHEN c.reltuples < 10000 THEN (SELECT count(*) FROM credibility_factcheck) ELSE c.reltuples::bigint END,
    set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)
FROM pg_class c WHERE c.oid = 'credibility_factcheck'::regclass
"""
_SETTINGS = ("enable_seqscan", "jit")


def _postgres_ranked(texts: list[str], limit: int, restrict: list[int] | None) -> list[_Ranked]:
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if nested:  # SET LOCAL outlives a released savepoint: the caller's transaction gets its settings back
            cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit')")
            before = list(cursor.fetchone())
        cursor.execute(_SETUP_SQL)
        total = int(cursor.fetchone()[0])
        try:
            return _postgres_ranked_in(cursor, texts, limit, restrict, total)
        finally:
            if nested:
                cursor.execute("SELECT set_config(n, v, true) FROM unnest(%s::text[], %s::text[]) AS s(n, v)", [list(_SETTINGS), before])


def _postgres_ranked_in(cursor: Any, texts: list[str], limit: int, restrict: list[int] | None, total: int) -> list[_Ranked]:
    cursor.execute(_LEXEMES_SQL, [texts])
    per_sentence: list[set[str]] = [set() for _ in texts]
    df: dict[str, int] = {}
    unknown: set[str] = set()
    for ordinal, lexeme, ndoc in cursor.fetchall():
        per_sentence[ordinal - 1].add(lexeme)
        if ndoc is None:
            unknown.add(lexeme)
        else:
            df[lexeme] = ndoc
    variants: dict[str, list[str]] = defaultdict(list)
    candidates_for_variants = sorted(w for w in unknown if len(w) >= 5 and not w[0].isdigit())
    if candidates_for_variants:
        cursor.execute(_VARIANTS_SQL, [candidates_for_variants, TRIGRAM_SIMILARITY])
        for word, variant, ndoc in cursor.fetchall():
            variants[word].append(variant)
            df[variant] = ndoc
    common = max(MIN_COMMON_DF, COMMON_SHARE * total)
    queries: list[tuple[str, ...]] = []
    expanded: list[set[str]] = []
    for lexemes in per_sentence:
        terms = set(lexemes)
        for lexeme in lexemes:
            terms.update(variants.get(lexeme, ()))
        expanded.append(terms)
        # The rarest known lexemes, then unknown ones (new since the statistics were refreshed,
        # so a fresh fact-check is findable at once): a candidate must contain two of them.
        # Only rare posting lists enter the GIN scan, which keeps it fast at any size.
        usable = sorted(terms, key=lambda t: (t not in df, df.get(t, 0), -len(t), t))
        selecting = [t for t in usable if t in df and df[t] <= common][:MAX_SELECTING_TERMS]
        unknown_terms = [t for t in usable if t not in df]
        selecting += unknown_terms[: max(MAX_UNKNOWN_SELECTING, MAX_SELECTING_TERMS + MAX_UNKNOWN_SELECTING - len(selecting))]
        rarity = {t: (df.get(t, 0), -len(t), t) for t in usable}
        known = [t for t in usable if t in df]
        anchors = [t for t in known if df[t] <= ANCHOR_DF][:MAX_ANCHORS]
        groups = _with_anchors(_groups(selecting), anchors, known, rarity.__getitem__)
        if groups:  # the whole query first (what candidates are ranked by), then its clauses
            whole = " | ".join(" & ".join(_tsquery_lexeme(t) for t in group) for group in groups)
            queries.append((whole, *_clauses(groups)))
        else:
            queries.append(())
    # Identical sentences (a repeated line, a quote and its attribution) share one lookup.
    distinct = sorted({q for q in queries if q})
    if not distinct:
        return []
    restrict_sql = "AND c.id = ANY(%s)" if restrict is not None else ""
    params: list[object] = [json.dumps(distinct)]
    if restrict is not None:
        params.append(restrict)
    params.append(limit * FETCH_PER_SENTENCE_FACTOR)
    cursor.execute(_CANDIDATES_SQL.format(restrict=restrict_sql), params)
    fetched = cursor.fetchall()
    # Each lexeme's weight and each claim's total weight once per text, not once per pair.
    weight: dict[str, float] = {}
    idf = _idf(df, total)
    found: dict[int, list[tuple[int, set[str], float]]] = defaultdict(list)
    for ordinal, factcheck_id, lexemes in fetched:
        for lexeme in lexemes:
            if lexeme not in weight:
                weight[lexeme] = idf(lexeme)
        found[ordinal - 1].append((factcheck_id, set(lexemes), sum(weight[t] for t in lexemes)))
    position = {q: i for i, q in enumerate(distinct)}
    ranked: list[_Ranked] = []
    for index, query in enumerate(queries):
        rows = found.get(position[query], ()) if query else ()
        if not rows:
            continue
        nearby = _nearby(expanded, index)
        ranked += _top({
            pk: candidate_score(expanded[index], lexemes, weight.__getitem__, nearby, claim_weight=claim_weight)
            for pk, lexemes, claim_weight in rows
        }, limit)
    return ranked


def factcheck_lexicon_refresh() -> None:
    """Recompute the registry's lexeme frequencies (PostgreSQL); readers are not blocked."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY credibility_factcheck_lexeme")
        cursor.execute("ANALYZE credibility_factcheck_lexeme")


def factcheck_terms_rebuild(*, factcheck_ids: Iterable[int] | None = None) -> int:
    """Rewrite the term rows of these fact-checks (all when None); returns the rows written."""
    rows = FactCheck.objects.all() if factcheck_ids is None else FactCheck.objects.filter(pk__in=list(factcheck_ids))
    pairs = list(rows.values_list("pk", "claim_reviewed"))
    FactCheckTerm.objects.filter(factcheck_id__in=[pk for pk, _ in pairs]).delete()
    terms = [FactCheckTerm(factcheck_id=pk, term=term) for pk, claim in pairs for term in sorted(set(text_terms(claim)))]
    FactCheckTerm.objects.bulk_create(terms, batch_size=5000)
    return len(terms)


# --- other articles ------------------------------------------------------------------------------

# Annotation kinds whose span may be cited as the other article's statement.
_CITABLE_KINDS = ("unverified_claim", "source_attribution", "contradicted_claim", "note")
OTHER_ARTICLES_LIMIT = 200
OTHER_CLAIMS_PER_SENTENCE = 3


def recheck_days() -> int:
    value = getattr(settings, "FACTCHECK_RECHECK_DAYS", None) or os.environ.get("FACTCHECK_RECHECK_DAYS") or 30
    return int(value)


def article_recency() -> Coalesce:
    """When an article counts as having appeared: published, or stored when undated (indexed on Article)."""
    return Coalesce("published_at", "created_at")


def recent_articles_q(*, days: int | None = None) -> Q:
    """Articles published (or, undated, stored) within the re-check window."""
    cutoff = timezone.now() - timedelta(days=recheck_days() if days is None else days)
    return Q(GreaterThanOrEqual(article_recency(), cutoff))


def recent_analysed_articles(*, exclude_article_id: int | None = None) -> QuerySet[Any]:
    """The ``OTHER_ARTICLES_LIMIT`` newest analysed articles of the re-check window (index ``article_recent_analysed``)."""
    from annotations.models import AnalysisState, Article

    articles = Article.objects.filter(recent_articles_q(), analysis_state__in=[AnalysisState.DONE, AnalysisState.FAILED])
    if exclude_article_id is not None:
        articles = articles.exclude(pk=exclude_article_id)
    return articles.order_by(article_recency().desc(), "-pk")[:OTHER_ARTICLES_LIMIT]


def _similar_statements(
    statements: StatementWindow, *, queries: list[set[str]], limit_per_sentence: int
) -> set[Location]:
    """Per query sentence, the ``limit_per_sentence`` statements that best cover it and that it best covers."""
    # Rarity is counted over every statement of the window, for the query terms only (a term no
    # query holds weighs as if unseen, as in fact-check ranking).
    wanted = set().union(*queries)
    idf = _idf({term: statements.statement_count.get(term, 0) for term in wanted}, statements.statements)
    # Summed term rarity of each statement (the denominator of its coverage), computed once.
    statement_weight: dict[frozenset[str], float] = {}
    chosen: set[Location] = set()
    for terms in queries:
        query_weight = sum(idf(t) for t in terms)
        shared: dict[frozenset[str], int] = defaultdict(int)
        for term in terms:
            for statement_terms in statements.postings.get(term, ()):
                shared[statement_terms] += 1
        scored = []
        for statement_terms, count in shared.items():
            if count < MIN_SHARED_TERMS:
                continue
            if statement_terms not in statement_weight:
                statement_weight[statement_terms] = sum(idf(t) for t in statement_terms)
            # Symmetric: both statements must mostly be about the same thing.
            score = min(
                candidate_score(terms, statement_terms, idf, claim_weight=statement_weight[statement_terms]),
                candidate_score(statement_terms, terms, idf, claim_weight=query_weight),
            )
            if score > 0:
                scored.extend((score, *where) for where in statements.copies[statement_terms])
        for _, article_id, start, end in sorted(scored, key=lambda x: (-x[0], x[1], x[2]))[:limit_per_sentence]:
            chosen.add((article_id, start, end))
    return chosen


def other_claim_candidates(
    *, sentences: Sequence[str], exclude_article_id: int | None = None, limit_per_sentence: int = OTHER_CLAIMS_PER_SENTENCE
) -> list[StoredClaim]:
    """Statements of other recent, already analysed articles that share a sentence's distinctive terms.

    Bounded: the ``OTHER_ARTICLES_LIMIT`` most recent articles in the re-check window, read
    from their statement indexes through this process's ``StatementWindow``. Each statement
    carries the id of a non-dismissed annotation covering it, when there is one.

    Articles waiting for (or in) analysis are left out: each is compared with this one when its
    own turn comes, so a pair is found once, by whichever is analysed second, as it is when
    articles arrive one by one. Reading them too would make every worker of a backlog build
    the newest articles' indexes again and again.
    """
    from annotations.models import Annotation, Article

    queries = [set(text_terms(s)) for s in sentences if s.strip()]
    queries = [q for q in queries if q]
    if not queries:
        return []
    window = dict(recent_analysed_articles(exclude_article_id=exclude_article_id).values_list("pk", "body_sha256"))
    with process_window.locked() as statements:
        statements.sync(window)
        chosen = _similar_statements(statements, queries=queries, limit_per_sentence=limit_per_sentence)
    if not chosen:
        return []
    by_article: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for article_id, start, end in chosen:
        by_article[article_id].append((start, end))
    bodies = dict(Article.objects.filter(pk__in=by_article).values_list("pk", "body"))
    covering: dict[tuple[int, int], int] = {}
    spans = Annotation.objects.filter(article_id__in=by_article, kind__in=_CITABLE_KINDS).exclude(status="dismissed")
    for annotation_id, article_id, start, end in spans.order_by("id").values_list("pk", "article_id", "start", "end"):
        for sentence_start, sentence_end in by_article[article_id]:
            if start < sentence_end and end > sentence_start:
                covering.setdefault((article_id, sentence_start), annotation_id)
    return [
        StoredClaim(
            article_id=article_id, start=start, end=end, text=bodies[article_id][start:end],
            annotation_id=covering.get((article_id, start)),
        )
        for article_id, start, end in sorted(chosen)
        if article_id in bodies  # deleted since its index was read
    ]
