"""Candidate retrieval: PostgreSQL full-text + trigram path, the portable term path, and the analysis context."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from annotations.models import Annotation
from credibility.models import FactCheckTerm
from credibility.retrieval.factchecks import factcheck_candidates, factcheck_lexicon_refresh, retrieval_backend
from credibility.retrieval.statements import other_claim_candidates
from credibility.retrieval.terms import retrieval_sentences, text_terms
from credibility.services.analysis import analysis_context_build
from credibility.services.factchecks import factcheck_import
from tests import paths
from tests.annotations.factories import AnnotationFactory, ArticleFactory

ROOT = paths.ROOT
pytestmark = pytest.mark.django_db

REGISTRY = [
    ("fc-flu", "Getting a flu shot gives many recipients the flu.", "False"),
    ("fc-tunnel", "The Valmora tunnel is the longest railway tunnel in the world.", "False"),
    ("fc-bridge", "The Harwick bridge was built in 1902 by Roman engineers.", "False"),
    ("fc-zelensky", "Volodymyr Zelensky resigned as president in March.", "False"),
    ("fc-budget", "The council budget for schools was cut by half.", "Mostly false"),
    ("fc-wind", "Wind turbines cause cancer in people living nearby.", "False"),
]
# Distractors sharing one word each with the queries below.
DISTRACTORS = [
    f"The {word} festival attracted record crowds this summer in town number {n}."
    for n, word in enumerate(["flu", "tunnel", "bridge", "president", "council", "wind"] * 20)
]


@pytest.fixture(params=["postgres", "terms"])
def backend(request, settings):
    settings.FACTCHECK_RETRIEVAL = request.param
    records = [{"identifier": i, "claimReviewed": c, "reviewRating": {"alternateName": r}} for i, c, r in REGISTRY]
    records += [{"identifier": f"noise-{n}", "claimReviewed": text} for n, text in enumerate(DISTRACTORS)]
    factcheck_import(records=records, recheck=False)
    factcheck_lexicon_refresh()
    assert retrieval_backend() == request.param
    return request.param


def _ids(sentences, **kwargs):
    return [f.identifier for f in factcheck_candidates(sentences=sentences, **kwargs)]


def test_text_terms_stem_word_forms_and_drop_stopwords():
    assert text_terms("Vaccinations gave recipients the flu, he said.") == text_terms("vaccinate gave recipient flu")
    assert text_terms("Vaccinations gave recipients the flu, he said.")[1:] == ["gave", "recipient", "flu"]
    assert text_terms("More than 8,000 died") == ["8000", "died"]
    assert set(text_terms("recipients")) == set(text_terms("recipient"))


def test_retrieval_sentences_keep_claims_and_names_and_skip_chatter():
    text = "Thanks! The vaccine contains microchips. Should we worry? Officials in Harwick met. Unemployment rose 4%."
    assert [s.text for s in retrieval_sentences(text)] == [
        "The vaccine contains microchips.",
        "Officials in Harwick met.",
        "Unemployment rose 4%.",
    ]


def test_a_paraphrase_with_other_word_forms_is_found(backend):
    found = _ids(["Many people who got flu shots were given the flu by them, he claimed."])
    assert found[0] == "fc-flu"
    assert _ids(["Valmora is the world's longest rail tunnel."])[0] == "fc-tunnel"


def test_an_unrelated_sentence_sharing_one_word_finds_nothing(backend):
    assert "fc-flu" not in _ids(["The flu season started early in the north."])
    assert _ids(["The council met on Tuesday to discuss parking."]) == []


def test_only_ids_restricts_the_search(backend):
    from credibility.models import FactCheck

    tunnel = FactCheck.objects.get(identifier="fc-tunnel")
    sentence = ["Valmora is the world's longest rail tunnel.", "Flu shots give many recipients the flu."]
    assert set(_ids(sentence)) >= {"fc-tunnel", "fc-flu"}
    assert _ids(sentence, only_ids=[tunnel.pk]) == ["fc-tunnel"]
    assert _ids(sentence, only_ids=[]) == []


def test_postgres_path_maps_a_misspelt_name_onto_the_registry(settings):
    settings.FACTCHECK_RETRIEVAL = "postgres"
    factcheck_import(records=[{"identifier": i, "claimReviewed": c} for i, c, _ in REGISTRY], recheck=False)
    factcheck_lexicon_refresh()
    # "Zelenskyy" is not a registry lexeme; the trigram lexicon maps it onto "zelenski".
    assert _ids(["Zelenskyy resigned as president."]) == ["fc-zelensky"]


def test_a_fresh_fact_check_is_found_before_the_lexicon_is_refreshed(backend):
    factcheck_import(
        records=[{"identifier": "fc-new", "claimReviewed": "Quokkas were banned from Perth airport."}], recheck=False
    )
    assert _ids(["Perth airport has banned quokkas."]) == ["fc-new"]


def test_a_rare_name_qualifies_a_claim_with_any_second_shared_word(backend):
    """The sentence's four rarest registry words are "Northline" and three the claim lacks; the claim
    still comes back, through "Northline" (in one fact-check) and "profit" (sixth rarest)."""
    records = [{"identifier": "fc-northline", "claimReviewed": "Northline Metals made a record profit last year."}]
    records += [
        {"identifier": f"word-{n}", "claimReviewed": text}
        for n, text in enumerate(
            [
                "Shops had bare shelves for a week.",
                "The annual parade was cancelled.",
                "The biggest pumpkin weighed a tonne.",
            ]
        )
    ]
    records += [
        {"identifier": f"firm-{n}", "claimReviewed": f"Company {n} made a small profit this year."} for n in range(10)
    ]
    factcheck_import(records=records, recheck=False)
    factcheck_lexicon_refresh()
    assert "fc-northline" in _ids(
        ["The cuts come barely a year after Northline made the biggest annual profit in its history."]
    )


def test_repeated_sentences_are_looked_up_once_and_each_ranked(backend):
    sentence = "Many people who got flu shots were given the flu by them, he claimed."
    assert _ids([sentence, "Chatter about the weather.", sentence]) == _ids([sentence]) == ["fc-flu"]


def test_the_postgres_path_leaves_the_callers_planner_settings_alone(settings):
    from django.db import connection, transaction

    settings.FACTCHECK_RETRIEVAL = "postgres"
    factcheck_import(records=[{"identifier": i, "claimReviewed": c} for i, c, _ in REGISTRY], recheck=False)
    factcheck_lexicon_refresh()
    with transaction.atomic(), connection.cursor() as cursor:  # SET LOCAL in a savepoint would outlive it
        cursor.execute("SET LOCAL jit = on")
        assert _ids(["Zelenskyy resigned as president."]) == ["fc-zelensky"]
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit')")
        assert cursor.fetchone() == ("on", "on")


@pytest.mark.django_db(transaction=True)
def test_the_postgres_path_in_autocommit_answers_as_in_a_transaction_in_two_round_trips(settings):
    """Outside a transaction (a worker analysing an article) the lexical search sends two messages,
    each several statements run as one implicit transaction: no BEGIN or COMMIT, the same candidates
    (a misspelt name mapped onto the registry included), and the session's settings untouched."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text path")
    settings.FACTCHECK_RETRIEVAL = "postgres"
    settings.FACTCHECK_SEMANTIC = False
    records = [{"identifier": i, "claimReviewed": c} for i, c, _ in REGISTRY]
    records += [{"identifier": f"noise-{n}", "claimReviewed": text} for n, text in enumerate(DISTRACTORS)]
    factcheck_import(records=records, recheck=False)
    factcheck_lexicon_refresh()
    sentences = ["Zelenskyy resigned as president.", "Valmora is the world's longest rail tunnel.", "It rained."]
    sent: list[str] = []

    def spy(execute, sql, params, many, context):
        sent.append(sql)
        return execute(sql, params, many, context)

    with connection.cursor() as cursor:
        cursor.execute("SET jit = on")
    with connection.execute_wrapper(spy):
        outside = _ids(sentences)
    with transaction.atomic():
        inside = _ids(sentences)
    assert outside == inside and {"fc-zelensky", "fc-tunnel"} <= set(outside)
    lexical = [sql for sql in sent if "credibility_factcheck_lexeme" in sql or "f.lexemes" in sql]
    assert len(lexical) == 2 and all("set_config" in sql for sql in lexical)
    assert not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit')")
        assert cursor.fetchone() == ("on", "on")
        cursor.execute("RESET jit")


@pytest.mark.parametrize(
    "selecting",
    [
        ["a1", "b2"],
        ["a1", "b2", "c3"],
        ["a1", "b2", "c3", "d4"],
        ["a1", "b2", "c3", "d4", "e5", "f6"],
        ["catch-up", "o'neil", "back\\slash", "d4", "e5"],
    ],
)
def test_postgres_clauses_select_exactly_the_lexeme_groups(selecting):
    """Per head "head & (rest | ...)" clauses, and the whole query candidates are ranked by,
    match a claim's lexemes exactly when one of the groups is among them (lexemes quoted verbatim)."""
    from itertools import chain, combinations

    from django.db import connection

    from credibility.retrieval.factchecks import _clauses, _groups, _tsquery_lexeme, _with_anchors

    if connection.vendor != "postgresql":
        pytest.skip("tsquery semantics")
    rarity = {t: n for n, t in enumerate(selecting)}.__getitem__
    for groups in (_groups(selecting), _with_anchors(_groups(selecting), selecting[:1], selecting, rarity)):
        whole = " | ".join(" & ".join(_tsquery_lexeme(t) for t in g) for g in groups)
        clauses = _clauses(groups)
        subsets = list(chain.from_iterable(combinations(selecting, k) for k in range(len(selecting) + 1)))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT array_to_tsvector(x.lexemes) @@ ANY(%s::tsquery[]), array_to_tsvector(x.lexemes) @@ %s::tsquery"
                " FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS s(j, i)"
                " CROSS JOIN LATERAL (SELECT ARRAY(SELECT jsonb_array_elements_text(s.j))::text[] AS lexemes) x ORDER BY s.i",
                [clauses, whole, json.dumps([list(sub) for sub in subsets])],
            )
            got = cursor.fetchall()
        expected = [any(set(g) <= set(sub) for g in groups) for sub in subsets]
        assert [a for a, _ in got] == expected and [b for _, b in got] == expected


def test_term_rows_are_kept_only_for_the_term_path(settings):
    settings.FACTCHECK_RETRIEVAL = "postgres"
    factcheck_import(records=[{"identifier": "a", "claimReviewed": "Alpha claims."}], recheck=False)
    assert not FactCheckTerm.objects.exists()
    settings.FACTCHECK_RETRIEVAL = "terms"
    factcheck_import(records=[{"identifier": "b", "claimReviewed": "Beta wording here."}], recheck=False)
    assert set(FactCheckTerm.objects.values_list("term", flat=True)) == {"beta", "word"}


def test_analysis_context_holds_the_candidates_for_the_text(backend):
    context = analysis_context_build(text="Chatter first. Flu shots give many recipients the flu, a doctor said.")
    assert [entry.identifier for entry in context.factchecks] == ["fc-flu"]
    assert context.factchecks[0].verdict == "false" and context.factchecks[0].rating_label == "False"
    assert analysis_context_build().factchecks == ()


def test_other_articles_statements_come_with_their_covering_annotation():
    body = "Officials met on Monday. The Harwick bridge was closed for repairs in May after an inspection."
    other = ArticleFactory(body=body, analysis_state="done")
    start = body.index("The Harwick")
    annotation = AnnotationFactory(
        article=other, kind="unverified_claim", start=start, end=len(body), quote=body[start:], prefix="", suffix=""
    )
    unrelated = ArticleFactory(
        body="Bananas are rich in potassium, nutritionists in Leeds said.", analysis_state="done"
    )
    claims = other_claim_candidates(sentences=["The Harwick bridge was not closed for repairs in May."])
    assert [(c.article_id, c.text, c.annotation_id) for c in claims] == [
        (other.pk, body[start:], annotation.pk),
    ]
    assert other_claim_candidates(sentences=["The Harwick bridge was not closed."], exclude_article_id=other.pk) == []
    assert unrelated.pk not in {c.article_id for c in claims}
    assert Annotation.objects.count() == 1


def test_the_portable_path_runs_on_sqlite(tmp_path):
    """The embedded default: migrate a fresh SQLite database, import, and retrieve through the term index."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "1",
        "CELERY_BROKER_URL": "",
        "SEMANTIC_INDEX_DIR": str(tmp_path / "semantic-index"),  # not the checkout's var/
    }
    env.pop("FACTCHECK_RETRIEVAL", None)
    script = (
        "from credibility.retrieval.factchecks import retrieval_backend, factcheck_candidates\n"
        "from credibility.services.factchecks import factcheck_import\n"
        "factcheck_import(records=[{'identifier': 'fc-flu', 'claimReviewed': 'Getting a flu shot gives many recipients the flu.'},"
        " {'identifier': 'fc-x', 'claimReviewed': 'The flu festival drew crowds.'}], recheck=False)\n"
        "print(retrieval_backend(), [f.identifier for f in factcheck_candidates(sentences=['Flu shots gave recipients the flu.'])])\n"
    )
    for args in (["migrate", "-v", "0"], ["shell", "-v", "0", "-c", script]):
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "terms ['fc-flu']"


def test_retrieval_postgres_finds_a_small_import_before_the_lexicon_refresh(settings):
    """Imports below the refresh threshold leave the lexeme statistics stale; retrieval must still see them."""
    settings.FACTCHECK_RETRIEVAL = "postgres"
    factcheck_import(
        records=[
            {
                "identifier": "fc-profit",
                "claimReviewed": "Northline Metals made a record profit last year.",
                "reviewRating": {"alternateName": "False"},
            }
        ],
        recheck=False,
    )
    assert _ids(["The cuts come a year after Northline made the biggest annual profit in its history."]) == [
        "fc-profit"
    ]


# --- other articles' statement indexes --------------------------------------------------------
BRIDGE_BODY = "Officials met on Monday. The Harwick bridge was closed for repairs in May after an inspection."
BRIDGE_QUERY = ["The Harwick bridge was not closed for repairs in May."]


def test_other_articles_statement_indexes_are_stored_after_commit_and_rebuilt_when_the_body_changes(
    django_capture_on_commit_callbacks,
):
    from annotations.services.articles import article_update
    from credibility.models import ArticleStatementIndex
    from credibility.retrieval.statements import STATEMENT_INDEX_SCHEME, statement_index

    other = ArticleFactory(body=BRIDGE_BODY, analysis_state="done")
    with django_capture_on_commit_callbacks(execute=False) as pending:
        claims = other_claim_candidates(sentences=BRIDGE_QUERY)
    assert [c.text for c in claims] == [BRIDGE_BODY[BRIDGE_BODY.index("The Harwick") :]]
    assert not ArticleStatementIndex.objects.exists()  # nothing written inside the caller's transaction
    for callback in pending:
        callback()
    row = ArticleStatementIndex.objects.get(article=other)
    assert (row.body_sha256, row.scheme) == (other.body_sha256, STATEMENT_INDEX_SCHEME)
    assert row.statements == [[s.start, s.end, sorted(s.terms)] for s in statement_index(BRIDGE_BODY)]

    new_body = "Officials met on Monday. The Harwick bridge reopened to traffic on Friday afternoon."
    old_sha = other.body_sha256
    with django_capture_on_commit_callbacks(execute=True):
        article_update(article=other, body=new_body)
        assert other_claim_candidates(sentences=BRIDGE_QUERY) == []  # waiting for its re-analysis
    # The re-analysis (eager Celery) ran on commit: the article is read again, from its new body.
    with django_capture_on_commit_callbacks(execute=True):
        assert other_claim_candidates(sentences=BRIDGE_QUERY) == []  # the old statement is gone
        claims = other_claim_candidates(sentences=["The Harwick bridge reopened to traffic on Friday."])
    assert [c.text for c in claims] == [new_body[new_body.index("The Harwick") :]]
    row.refresh_from_db()
    assert row.body_sha256 == type(other).objects.get(pk=other.pk).body_sha256 != old_sha


def test_a_stored_statement_index_is_read_instead_of_the_body(django_capture_on_commit_callbacks, monkeypatch):
    from credibility.retrieval import statements as module

    other = ArticleFactory(body=BRIDGE_BODY, analysis_state="done")
    with django_capture_on_commit_callbacks(execute=True):
        first = other_claim_candidates(sentences=BRIDGE_QUERY)
    module.process_window.clear()  # a fresh worker process: nothing read yet

    def must_not_split(text):
        raise AssertionError("an indexed body was split again")

    monkeypatch.setattr(module, "statement_index", must_not_split)
    assert other_claim_candidates(sentences=BRIDGE_QUERY) == first
    assert first[0].article_id == other.pk


def test_word_for_word_copies_are_all_candidates_in_article_order():
    copies = [ArticleFactory(body=BRIDGE_BODY, analysis_state="done") for _ in range(4)]
    claims = other_claim_candidates(sentences=BRIDGE_QUERY, limit_per_sentence=3)
    assert [c.article_id for c in claims] == sorted(a.pk for a in copies)[:3]
    assert {c.text for c in claims} == {BRIDGE_BODY[BRIDGE_BODY.index("The Harwick") :]}


@pytest.mark.django_db(transaction=True)  # the foreign key is checked at commit, as after a real run
def test_storing_the_index_of_an_article_deleted_meanwhile_is_not_an_error():
    from credibility.models import ArticleStatementIndex
    from credibility.retrieval.statements import statement_index, statement_indexes_store

    gone = ArticleFactory(body=BRIDGE_BODY)
    sha, pk = gone.body_sha256, gone.pk
    gone.delete()
    statement_indexes_store({pk: (sha, statement_index(BRIDGE_BODY))})
    assert not ArticleStatementIndex.objects.exists()


def test_articles_waiting_for_analysis_are_not_read_or_indexed(django_capture_on_commit_callbacks):
    from credibility.models import ArticleStatementIndex

    waiting = [ArticleFactory(body=BRIDGE_BODY, analysis_state=state) for state in ("pending", "running")]
    failed = ArticleFactory(body=BRIDGE_BODY, analysis_state="failed")  # analysed, if unsuccessfully
    with django_capture_on_commit_callbacks(execute=True):
        claims = other_claim_candidates(sentences=BRIDGE_QUERY)
    assert [c.article_id for c in claims] == [failed.pk]
    assert list(ArticleStatementIndex.objects.values_list("article_id", flat=True)) == [failed.pk]
    assert all(a.pk not in {c.article_id for c in claims} for a in waiting)


def test_a_window_kept_in_step_equals_one_read_afresh():
    import random

    from credibility.retrieval.statements import StatementWindow

    bodies = [
        BRIDGE_BODY,
        "Officials met on Monday. The Harwick bridge reopened to traffic on Friday afternoon.",
        "Bananas are rich in potassium, nutritionists in Leeds said. Officials met on Monday.",
        "The council budget for schools was cut by half, the mayor claimed on Tuesday.",
    ]
    articles = {
        a.pk: a.body_sha256 for a in (ArticleFactory(body=bodies[n % 4], analysis_state="done") for n in range(10))
    }
    ids = sorted(articles)
    kept = StatementWindow()
    rng = random.Random(7)

    def state(window: StatementWindow):
        return (
            {terms: sorted(where) for terms, where in window.copies.items()},
            {term: sets for term, sets in window.postings.items()},
            dict(window.statement_count),
            window.statements,
        )

    for _ in range(25):
        chosen = {pk: articles[pk] for pk in rng.sample(ids, rng.randint(0, len(ids)))}
        kept.sync(chosen)
        fresh = StatementWindow()
        fresh.sync(chosen)
        assert state(kept) == state(fresh)
    kept.sync({})
    assert state(kept) == ({}, {}, {}, 0)


def test_a_batch_retrieval_answers_exactly_like_one_call_per_text(backend, settings):
    from credibility.retrieval.factchecks import factcheck_candidates_many

    texts = [
        ["Flu shots give many recipients the flu, a doctor said.", "The festival was busy."],
        [],
        # Neighbouring sentences count within a text only: the tunnel text must not help the bridge one.
        ["The Valmora tunnel is the world's longest railway tunnel.", "Roman engineers built it."],
        ["Roman engineers built the Harwick bridge in 1902.", "   "],
        ["Wind turbines near homes cause cancer, residents claim."],
    ]
    batched = factcheck_candidates_many(texts=texts)
    assert [[f.identifier for f in found] for found in batched] == [
        [f.identifier for f in factcheck_candidates(sentences=sentences)] for sentences in texts
    ]
    assert [f.identifier for f in batched[0]][0] == "fc-flu" and batched[1] == []
    # The lexical paths alone: the "flu festival" distractors share one word only. (The semantic
    # path may propose them, as near in meaning; the detector decides.)
    settings.FACTCHECK_SEMANTIC = False
    assert [f.identifier for f in factcheck_candidates_many(texts=texts)[0]] == ["fc-flu"]


def test_batch_contexts_equal_one_context_per_text(backend):
    from credibility.services.analysis import analysis_contexts_build, known_sources

    texts = [
        "Flu shots give many recipients the flu, a doctor said.",
        "",
        "Wind turbines cause cancer nearby, they say.",
    ]
    sources = known_sources()
    assert analysis_contexts_build(texts=texts, sources=sources) == [
        analysis_context_build(text=text, sources=sources) for text in texts
    ]


def test_postgres_reads_a_bounded_pool_and_reads_claims_holding_three_rare_words_first(settings):
    """More claims share a pair of the sentence's rare words than the pool holds; the one holding all
    four, stored last, is still read (the stricter tier first) and ranked first."""
    from django.db import connection

    from credibility.retrieval import factchecks

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text path")
    settings.FACTCHECK_RETRIEVAL = "postgres"
    settings.FACTCHECK_SEMANTIC = False
    pairs = [("Zorvath", "Quillmere")] * 25 + [("Brenhold", "Tascavia")] * 25
    pairs += [("Zorvath", "Brenhold")] * 20 + [("Quillmere", "Tascavia")] * 20
    records = [
        {"identifier": f"pair-{n}", "claimReviewed": f"{a} and {b} signed agreement {n} on shipping."}
        for n, (a, b) in enumerate(pairs)
    ]
    records += [{"identifier": f"other-{n}", "claimReviewed": f"Filler claim {n} about weather."} for n in range(60)]
    records.append(
        {"identifier": "fc-four", "claimReviewed": "Zorvath, Quillmere, Brenhold and Tascavia formed a customs union."}
    )
    factcheck_import(records=records, recheck=False)
    factcheck_lexicon_refresh()
    sentence = "Officials confirmed that Zorvath, Quillmere, Brenhold and Tascavia formed a customs union."
    heap_rows: list[int] = []

    def explaining(execute, sql, params, many, context):  # the candidate query also runs under EXPLAIN ANALYZE
        if sql.startswith("EXPLAIN"):
            return execute(sql, params, many, context)
        offset = 0
        for statement in sql.split(";\n"):  # one message may carry several statements
            taken = statement.replace("%%", "").count("%s")
            if "f.lexemes" in statement:
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, params[offset : offset + taken])
                    heap_rows.append(_rows_read(cursor.fetchone()[0][0]["Plan"]))
            offset += taken
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explaining):
        found = _ids([sentence])
    assert found[0] == "fc-four"
    # 91 claims match; the table rows read stay within the pool.
    pool = 5 * factchecks.FETCH_PER_SENTENCE_FACTOR * factchecks.CANDIDATE_POOL_FACTOR
    assert heap_rows and heap_rows[0] <= pool < 91


def _rows_read(plan: dict) -> int:
    own = plan["Actual Rows"] * plan["Actual Loops"] if plan["Node Type"] == "Bitmap Heap Scan" else 0
    return own + sum(_rows_read(child) for child in plan.get("Plans", ()))


def test_selecting_lexemes_stay_within_the_posting_budget():
    from credibility.retrieval.terms import within_posting_budget

    # Four lexemes: pair heads walk the three rarest lists, triple heads the two rarest.
    assert within_posting_budget([10, 20, 30, 40], budget=100) == 4
    assert within_posting_budget([800, 900, 1000, 1100], budget=5000) == 4  # 2700 + 1700
    assert within_posting_budget([1500, 1600, 1700, 1800], budget=5000) == 3  # 3100 + 1500
    assert within_posting_budget([3000, 4000, 5000], budget=5000) == 2  # one head, 3000 postings
    assert within_posting_budget([6000, 7000], budget=5000) == 1  # a lone lexeme selects nothing
    assert within_posting_budget([], budget=5000) == 0
