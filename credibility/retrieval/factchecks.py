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
  distinct sentence of the text. The work per sentence is bounded whatever the registry's
  size: the selecting lexemes' posting lists stay within ``POSTING_BUDGET``, and at most a
  pool of rows (those holding three selecting lexemes first) is read and ranked.
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
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count

from credibility.analysis.claims.ranking import reciprocal_rank_fusion
from credibility.analysis.types import FactCheckEntry
from credibility.models import FactCheck, FactCheckProfile, FactCheckTerm
from credibility.retrieval.ann import Hit
from credibility.retrieval.profiles import stored_profile, with_stored_profiles
from credibility.retrieval.semantic import semantic_enabled, semantic_search_prepared
from credibility.retrieval.terms import (
    ANCHOR_DF,
    CANDIDATE_POOL_FACTOR,
    FETCH_PER_SENTENCE_FACTOR,
    MAX_ANCHORS,
    MAX_SELECTING_TERMS,
    MAX_UNKNOWN_SELECTING,
    PAIR_TERMS,
    TRIGRAM_SIMILARITY,
    candidate_score,
    candidate_scores,
    idf_weight,
    nearby_terms,
    selecting_df_limit,
    text_terms,
    within_posting_budget,
)

# --- text ------------------------------------------------------------------------------------


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
    return factcheck_candidates_many(texts=[sentences], limit_per_sentence=limit_per_sentence, only_ids=only_ids)[0]


def factcheck_candidates_many(
    *, texts: Sequence[Sequence[str]], limit_per_sentence: int = 5, only_ids: Iterable[int] | None = None
) -> list[list[FactCheck]]:
    """``factcheck_candidates`` for the sentences of many texts at once, one list per text.

    The same answers as one call per text (every query keeps its own limit, and a sentence's
    neighbours are taken from its own text), in one round trip for the whole batch: what batch
    analysis (``analyze_jsonl``) spends its time on otherwise.
    """
    groups = [[s for s in sentences if s and s.strip()] for sentences in texts]
    restrict = None if only_ids is None else sorted(set(only_ids))
    if not any(groups) or restrict == []:
        return [[] for _ in groups]

    def lexical_ranked() -> list[list[list[_Ranked]]]:
        if retrieval_backend() == "postgres":
            return _postgres_ranked(groups, limit_per_sentence, restrict)
        return [_terms_ranked(group, limit_per_sentence, restrict) if group else [] for group in groups]

    if semantic_enabled():
        # The semantic search (encoding, faiss) runs in a thread while this one waits on the
        # lexical query: the database works in its own process and faiss releases the GIL, so
        # the two overlap (fully while this thread waits; the encoder's Python part and the
        # lexical scoring still take turns with the GIL). Measured at 1M: about 10 ms an article.
        search = semantic_search_prepared(texts=groups, limit=limit_per_sentence, restrict=restrict)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="semantic-search") as beside:
            pending = beside.submit(search)
            lexical = lexical_ranked()
            near = pending.result()
    else:
        lexical = lexical_ranked()
        near = [[[] for _ in group] for group in groups]
    best_groups = [
        _fused(lexical_text, near_text, limit_per_sentence)
        for lexical_text, near_text in zip(lexical, near, strict=True)
    ]
    rows = _candidate_rows(list({pk for best in best_groups for pk in best}))
    return [[rows[pk] for pk in sorted(best, key=lambda pk: (*best[pk], pk)) if pk in rows] for best in best_groups]


def _fused(lexical: list[list[_Ranked]], near: list[list[Hit]], limit: int) -> dict[int, tuple[float, float]]:
    """One text's candidates: per sentence, the lexical and semantic rankings fused (reciprocal rank
    fusion, at most ``limit``), then each fact-check's best fused score over the sentences.

    Values are sort keys (negated fused score, negated best lexical score), so that among equal
    fused scores the lexically closer claim comes first, as it did before the semantic path.
    """
    best: dict[int, tuple[float, float]] = {}
    for ranked, hits in zip(lexical, near, strict=True):
        lexical_score = {item.factcheck_id: item.score for item in ranked}
        fused = reciprocal_rank_fusion([[item.factcheck_id for item in ranked], [hit.id for hit in hits]])[:limit]
        for pk, score in fused:
            key = (-score, -lexical_score.get(pk, 0.0))
            best[pk] = min(best.get(pk, key), key)
    return best


def _candidate_rows(ids: list[int]) -> dict[int, FactCheck]:
    """The candidates' rows with their stored claim profiles (one query), without the imported
    record (``raw``: nothing on the analysis path reads it, and it is the widest column). Read back
    by id: a fact-check deleted since any index saw it is dropped here.

    On PostgreSQL the statement is the one ``with_stored_profiles(...defer("raw")).in_bulk(ids)``
    sends, written once: compiling that queryset cost about as much CPU as reading the rows. The
    rows become the same model instances (``from_db``, ``raw`` deferred) with the same two
    annotations ``stored_profile`` reads."""
    if connection.vendor != "postgresql":
        return with_stored_profiles(FactCheck.objects.defer("raw")).in_bulk(ids)
    if not ids:
        return {}
    sql, names = _candidate_rows_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids])
        rows = cursor.fetchall()
    out: dict[int, FactCheck] = {}
    for *values, version, data in rows:
        factcheck = FactCheck.from_db(connection.alias, names, values)
        factcheck.stored_profile_version = version  # type: ignore[attr-defined]
        factcheck.stored_profile_data = data  # type: ignore[attr-defined]
        out[factcheck.pk] = factcheck
    return out


@lru_cache(maxsize=1)
def _candidate_rows_sql() -> tuple[str, list[str]]:
    """``_candidate_rows``' statement and the attribute names of its leading columns."""
    fields = [field for field in FactCheck._meta.concrete_fields if field.attname != "raw"]
    table, profiles = FactCheck._meta.db_table, FactCheckProfile._meta.db_table
    columns = ", ".join(f'f."{field.column}"' for field in fields)
    sql = (
        f'SELECT {columns}, p."analyser_version", p."data" FROM "{table}" f '
        f'LEFT OUTER JOIN "{profiles}" p ON p."factcheck_id" = f."id" WHERE f."id" = ANY(%s)'
    )
    return sql, [field.attname for field in fields]


def factcheck_entry(factcheck: FactCheck) -> FactCheckEntry:
    """The fact-check as the detectors see it, with its claim's stored profile when that was read
    with it (``with_stored_profiles``, as retrieval reads candidates) and is current; never a query."""
    return FactCheckEntry(
        identifier=factcheck.identifier,
        url=factcheck.url,
        claim_reviewed=factcheck.claim_reviewed,
        verdict=factcheck.verdict,
        rating_label=factcheck.rating_label,
        profile=stored_profile(factcheck),
    )


def _top(scored: dict[int, float], limit: int) -> list[_Ranked]:
    order = sorted(scored.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [_Ranked(pk, score) for pk, score in order if score > 0]


def _terms_ranked(texts: list[str], limit: int, restrict: list[int] | None) -> list[list[_Ranked]]:
    """Each sentence's best candidates over the term rows."""
    per_sentence = [set(text_terms(t)) for t in texts]
    wanted = set().union(*per_sentence)
    if not wanted:
        return [[] for _ in texts]
    postings = FactCheckTerm.objects.filter(term__in=wanted)
    if restrict is not None:
        postings = postings.filter(factcheck_id__in=restrict)
    df = dict(postings.values_list("term").annotate(n=Count("id")).values_list("term", "n"))
    total = FactCheck.objects.count() if restrict is None else len(restrict)
    common = selecting_df_limit(total)
    idf = idf_weight(df, total)
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
    claim_terms = {
        pk: set(text_terms(claim))
        for pk, claim in FactCheck.objects.filter(pk__in=pool).values_list("pk", "claim_reviewed")
    }
    ranked: list[list[_Ranked]] = []
    for index, (terms, chosen) in enumerate(zip(per_sentence, by_sentence, strict=True)):
        nearby = nearby_terms(per_sentence, index)
        ranked.append(
            _top({pk: candidate_score(terms, claim_terms.get(pk, set()), idf, nearby) for pk in chosen}, limit)
        )
    return ranked


# Each sentence's lexemes with their registry document frequency (NULL: not in the lexicon), and
# the lexicon's spelling variants of the words it does not know; one equality lookup per distinct lexeme: with "word = ANY(...)" the planner picked the trigram
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
SELECT l.ord, l.lexeme, f.ndoc, NULL::text AS variant FROM l LEFT JOIN f ON f.w = l.lexeme
UNION ALL
-- A word no fact-check holds may be a spelling variant of registry words ("Zelenskyy"/"Zelensky"):
-- its nearest lexicon words by pg_trgm similarity, in the same statement (one round trip fewer).
-- Rows (NULL, word, the variant's ndoc, variant); words opening with a digit are dropped by the caller.
SELECT NULL, q.w, m.ndoc, m.word
FROM f q
CROSS JOIN LATERAL (
    SELECT word, ndoc FROM credibility_factcheck_lexeme
    WHERE word %% q.w AND similarity(word, q.w) >= %s
    ORDER BY word <-> q.w LIMIT 2
) m
WHERE q.ndoc IS NULL AND length(q.w) >= %s
"""
# claim_tsv is the stored to_tsvector('english', claim_reviewed) (migration 0004), GIN-indexed.
# Each distinct sentence query arrives as [whole, strict clauses, loose clauses], each clause
# "head & (a | b | ...)" for one head lexeme: a clause with a required lexeme lets GIN's fast
# scan walk the head's posting list and skip through the others, where one OR of pairs (no
# lexeme required) made it decode and test every posting of every selecting lexeme. The
# bitmap index scan ORs the clauses (ScalarArrayOp).
#
# The rows read from the table are bounded, whatever the registry's size: first the claims
# holding three of the sentence's rarest lexemes (or an anchor and another), then the ones
# holding only a pair, at most ``pool`` rows in all (the Append stops pulling once it has
# them, and a bitmap heap scan reads rows lazily); ts_rank orders only that pool. Ranking
# every match instead grew with the registry (hundreds of near-copies of a claim at a
# million: 86 ms an article).
_CANDIDATES_SQL = """
SELECT s.ord, f.id, f.lexemes
FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS s(query, ord)
CROSS JOIN LATERAL (
    SELECT (s.query ->> 0)::tsquery AS whole,
        ARRAY(SELECT jsonb_array_elements_text(s.query -> 1)::tsquery) AS strict,
        ARRAY(SELECT jsonb_array_elements_text(s.query -> 2)::tsquery) AS loose
) k
CROSS JOIN LATERAL (
    SELECT p.id, tsvector_to_array(p.claim_tsv) AS lexemes
    FROM (
        (SELECT c.id, c.claim_tsv FROM credibility_factcheck c
         WHERE c.claim_tsv @@ ANY(k.strict) {restrict} LIMIT %s)
        UNION ALL
        (SELECT c.id, c.claim_tsv FROM credibility_factcheck c
         WHERE c.claim_tsv @@ ANY(k.loose) AND NOT c.claim_tsv @@ ANY(k.strict) {restrict} LIMIT %s)
        LIMIT %s
    ) p
    ORDER BY ts_rank(p.claim_tsv, k.whole) DESC, p.id
    LIMIT %s
) f
"""


def _groups(selecting: list[str]) -> list[tuple[str, ...]]:
    """Which lexeme combinations select a candidate: any two of the ``PAIR_TERMS`` rarest, or any three.

    A group that contains another is dropped (it selects nothing more).
    """
    if len(selecting) <= PAIR_TERMS:
        return list(combinations(selecting, 2))
    groups: list[tuple[str, ...]] = list(combinations(selecting[:PAIR_TERMS], 2))
    groups += [
        g
        for g in combinations(selecting, 3)
        if not set(g) <= set(selecting[:PAIR_TERMS]) and not any(set(p) <= set(g) for p in groups)
    ]
    return groups


def _strict_groups(
    groups: list[tuple[str, ...]],
    selecting: list[str],
    anchors: list[str],
    rarity: Callable[[str], tuple[int, int, str]],
) -> list[tuple[str, ...]]:
    """The groups of the first, stricter tier: three selecting lexemes, or an anchor with another lexeme.

    A claim holding three of a sentence's rarest lexemes is a better candidate than one holding
    two; when more claims match than the pool holds, these are read first.
    """
    wanted = {tuple(sorted(g, key=rarity)) for g in combinations(selecting, 3)}
    wanted.update(g for g in groups if len(g) >= 3 or any(t in anchors for t in g))
    pairs = {g for g in wanted if len(g) == 2}
    kept = [g for g in wanted if len(g) == 2 or not any(set(p) <= set(g) for p in pairs)]
    return sorted(kept, key=lambda g: [rarity(t) for t in g])


def _with_anchors(
    groups: list[tuple[str, ...]], anchors: list[str], terms: list[str], rarity: Callable[[str], tuple[int, int, str]]
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


@lru_cache(maxsize=1 << 14)  # every clause of every sentence quotes its lexemes
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
_SETTINGS_SQL = "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"
# Unknown words this short are not mapped onto registry words (their trigrams say too little).
_VARIANT_MIN_LENGTH = 5


def _postgres_ranked(
    sentences_by_text: list[list[str]], limit: int, restrict: list[int] | None
) -> list[list[list[_Ranked]]]:
    """Each sentence's best candidates, per text, over PostgreSQL full-text search (two messages; see ``_Session``)."""
    with connection.cursor() as cursor:
        if _several_statements(cursor):
            if not connection.in_atomic_block:
                return _postgres_ranked_in(_Session(cursor), sentences_by_text, limit, restrict)
            with transaction.atomic():
                return _postgres_ranked_in(_Session(cursor, nested=True), sentences_by_text, limit, restrict)
        with transaction.atomic():  # one statement per execute: the settings need a transaction of their own
            return _postgres_ranked_in(_Session(cursor, nested=True, merged=False), sentences_by_text, limit, restrict)


def _several_statements(cursor: Any) -> bool:
    """Whether one ``execute`` may carry several statements with parameters: psycopg's client-side
    binding (Django's default) sends them as one simple-protocol message; server-side binding cannot."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg 3 is the project's driver
        return False
    return isinstance(getattr(cursor, "cursor", None), psycopg.ClientCursor)


class _Session:
    """The lexical search's statements, sent with the planner settings they need in as few round trips as possible.

    With client-side binding each ``send`` is one message of several statements. In autocommit (a
    worker checking an article outside a transaction) PostgreSQL runs such a message as one
    implicit transaction, so the settings each message opens with stay local to it: no BEGIN,
    COMMIT or restore is sent. Inside a caller's transaction (``nested``, within a savepoint) the
    first message also reads the caller's settings and the last one puts them back (SET LOCAL
    outlives a released savepoint; an error rolls back to the savepoint, which restores them).
    Without several statements per message (``merged`` off) each statement is its own round trip.
    """

    def __init__(self, cursor: Any, *, nested: bool = False, merged: bool = True) -> None:
        self.cursor, self.nested, self.merged = cursor, nested, merged
        self.before: list[str] | None = None

    def first(self, statements: list[tuple[str, list[object]]]) -> list[list[Any]]:
        """The first message: the settings and the registry size (``_SETUP_SQL``'s row first), then ``statements``."""
        sent = [(_SETUP_SQL, []), *statements]
        if self.nested:
            sent.insert(0, ("SELECT current_setting('enable_seqscan'), current_setting('jit')", []))
        results = self._send(sent)
        if self.nested:
            self.before = list(results.pop(0)[0])
        return results

    def last(self, statements: list[tuple[str, list[object]]]) -> list[list[Any]]:
        """The last message: ``statements`` (under the settings again in autocommit), the caller's settings put back."""
        sent = list(statements) if self.nested else [(_SETTINGS_SQL, []), *statements]
        if self.before is not None:
            sent.append(_restore(self.before))
            self.before = None
        results = self._send(sent)
        return results[0 if self.nested else 1 :][: len(statements)]

    def close(self) -> None:
        """Put the caller's settings back if no last message did."""
        if self.before is not None:
            self._send([_restore(self.before)])
            self.before = None

    def _send(self, statements: list[tuple[str, list[object]]]) -> list[list[Any]]:
        cursor = self.cursor
        if not self.merged:
            results = []
            for sql, params in statements:
                cursor.execute(sql, params)
                results.append(cursor.fetchall())
            return results
        cursor.execute(";\n".join(sql for sql, _ in statements), [p for _, params in statements for p in params])
        results = [cursor.fetchall()]
        while cursor.nextset():
            results.append(cursor.fetchall())
        return results


def _restore(before: list[str]) -> tuple[str, list[object]]:
    return ("SELECT set_config(n, v, true) FROM unnest(%s::text[], %s::text[]) AS s(n, v)", [list(_SETTINGS), before])


def _postgres_ranked_in(
    session: _Session, sentences_by_text: list[list[str]], limit: int, restrict: list[int] | None
) -> list[list[list[_Ranked]]]:
    try:
        return _postgres_session(sentences_by_text, limit, restrict, session)
    finally:
        session.close()


def _postgres_session(
    sentences_by_text: list[list[str]], limit: int, restrict: list[int] | None, session: _Session
) -> list[list[list[_Ranked]]]:
    texts = [sentence for sentences in sentences_by_text for sentence in sentences]
    # Sentence index -> (its text's number, where that text's sentences start and end).
    owner: list[tuple[int, int, int]] = []
    for number, sentences in enumerate(sentences_by_text):
        start = len(owner)
        owner += [(number, start, start + len(sentences))] * len(sentences)
    ranked: list[list[list[_Ranked]]] = [[[] for _ in sentences] for sentences in sentences_by_text]
    if not texts:
        return ranked
    (total_row, *_), lexeme_rows = session.first([(_LEXEMES_SQL, [texts, TRIGRAM_SIMILARITY, _VARIANT_MIN_LENGTH])])
    total = int(total_row[0])
    per_sentence: list[set[str]] = [set() for _ in texts]
    df: dict[str, int] = {}
    variant_rows = []
    for ordinal, lexeme, ndoc, variant in lexeme_rows:
        if variant is not None:
            variant_rows.append((lexeme, variant, ndoc))
            continue
        per_sentence[ordinal - 1].add(lexeme)
        if ndoc is not None:
            df[lexeme] = ndoc
    # (Applied after every lexeme row: a variant's own document frequency is the one kept.)
    variants: dict[str, list[str]] = defaultdict(list)
    for word, variant, ndoc in variant_rows:
        if not word[0].isdigit():
            variants[word].append(variant)
            df[variant] = ndoc
    common = selecting_df_limit(total)
    fetch = limit * FETCH_PER_SENTENCE_FACTOR
    pool = fetch * CANDIDATE_POOL_FACTOR
    queries: list[tuple[str, tuple[str, ...], tuple[str, ...]] | tuple[()]] = []
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
        selecting = selecting[: within_posting_budget([df[t] for t in selecting])]
        unknown_terms = [t for t in usable if t not in df]
        selecting += unknown_terms[
            : max(MAX_UNKNOWN_SELECTING, MAX_SELECTING_TERMS + MAX_UNKNOWN_SELECTING - len(selecting))
        ]
        rarity = {t: (df.get(t, 0), -len(t), t) for t in usable}
        known = [t for t in usable if t in df]
        anchors = [t for t in known if df[t] <= ANCHOR_DF][:MAX_ANCHORS]
        groups = _with_anchors(_groups(selecting), anchors, known, rarity.__getitem__)
        if groups:  # the whole query (what candidates are ranked by), then the strict and loose clauses
            whole = " | ".join(" & ".join(_tsquery_lexeme(t) for t in group) for group in groups)
            # Each clause matches at most its head's rows: when they all fit in the pool, every
            # match is ranked and the stricter tier would only repeat the index scan.
            if sum(df.get(head, 0) for head in {g[0] for g in groups}) <= pool:
                strict = []
            else:
                strict = _strict_groups(groups, selecting, anchors, rarity.__getitem__)
            queries.append((whole, tuple(_clauses(strict)), tuple(_clauses(groups))))
        else:
            queries.append(())
    # Identical sentences (a repeated line, a quote and its attribution) share one lookup.
    distinct = sorted({q for q in queries if q})
    if not distinct:
        return ranked
    restrict_sql = "AND c.id = ANY(%s)" if restrict is not None else ""
    restrict_params: list[object] = [] if restrict is None else [restrict]
    params: list[object] = [json.dumps(distinct), *restrict_params, pool, *restrict_params, pool, pool, fetch]
    (fetched,) = session.last([(_CANDIDATES_SQL.format(restrict=restrict_sql), params)])
    # Each lexeme's weight and each claim's total weight once per text, not once per pair.
    weight: dict[str, float] = {}
    idf = idf_weight(df, total)
    found: dict[int, list[tuple[int, frozenset[str], float]]] = defaultdict(list)
    claims: dict[int, tuple[frozenset[str], float]] = {}  # a claim fetched for several sentences is read once
    for ordinal, factcheck_id, lexemes in fetched:
        claim = claims.get(factcheck_id)
        if claim is None:
            for lexeme in lexemes:
                if lexeme not in weight:
                    weight[lexeme] = idf(lexeme)
            claim = claims[factcheck_id] = (frozenset(lexemes), math.fsum([weight[t] for t in lexemes]))
        found[ordinal - 1].append((factcheck_id, *claim))
    position = {q: i for i, q in enumerate(distinct)}
    for index, query in enumerate(queries):
        rows = found.get(position[query], ()) if query else ()
        if not rows:
            continue
        number, start, end = owner[index]
        nearby = nearby_terms(expanded[start:end], index - start)  # neighbours within its own text
        ranked[number][index - start] = _top(candidate_scores(expanded[index], rows, weight, nearby), limit)
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
    terms = [
        FactCheckTerm(factcheck_id=pk, term=term) for pk, claim in pairs for term in sorted(set(text_terms(claim)))
    ]
    FactCheckTerm.objects.bulk_create(terms, batch_size=5000)
    return len(terms)


# --- other articles ------------------------------------------------------------------------------
