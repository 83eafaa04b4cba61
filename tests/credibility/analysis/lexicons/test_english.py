"""The English word knowledge: only what does not need the word lists loaded."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from credibility.analysis.lexicons import english
from credibility.analysis.lexicons.english import damerau_levenshtein


def _osa_reference(a: str, b: str) -> int:
    """The optimal-string-alignment distance by the textbook dynamic programme (the old implementation)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


@given(st.text(alphabet="abcé-", max_size=10), st.text(alphabet="abcé-", max_size=10))
def test_damerau_levenshtein_is_the_optimal_string_alignment_distance(a: str, b: str) -> None:
    assert damerau_levenshtein(a, b) == _osa_reference(a, b)


def test_damerau_levenshtein_counts_an_adjacent_swap_once_but_not_a_moved_letter_twice() -> None:
    assert damerau_levenshtein("okafor", "okafro") == 1
    assert damerau_levenshtein("ca", "abc") == 3  # OSA, not unrestricted Damerau (which gives 2)
    assert damerau_levenshtein("", "abc") == 3
    assert damerau_levenshtein("holm", "holm") == 0


def test_personal_name_gazetteer_holds_census_names_but_not_its_own_slips() -> None:
    assert english.is_surname("schott") and english.is_surname("thompson")
    assert english.is_given_name("peter") and not english.is_surname("xqzv")
    # The Census list keeps data-entry slips ranked far below the name: they are not names here.
    assert not english.is_surname("thomspon") and not english.is_surname("smtih")
    assert english.surname_rank("smith") < english.surname_rank("schott") < 1 << 30


def test_confusion_sets_are_symmetric_and_closed() -> None:
    for group in english.CONFUSION_SETS:
        for word in group:
            twins = english.confusion_twins(word)
            assert set(group) - {word} <= set(twins)
            assert word not in twins
            assert all(word in english.confusion_twins(twin) for twin in twins)
    assert english.confusion_twins("table") == ()


def test_confusable_in_context_needs_a_neighbour_and_a_wide_margin() -> None:
    assert english.confusable_in_context("weather", None, None) is None
    assert english.confusable_in_context("table", "the", "was") is None
    twin, margin = english.confusable_in_context("weather", "asked", "the") or ("", 0.0)
    assert twin == "whether" and margin >= english.CONFUSABLE_MARGIN
    assert english.confusable_in_context("whether", "asked", "the") is None
    # A neighbour that favours the written word vetoes the twin.
    assert english.confusable_in_context("weather", "the", "forecast") is None


def test_confusable_evidence_is_neutral_when_neither_pair_is_listed() -> None:
    prior, left, right, listed = english.confusable_evidence("quiet", "quite", "zyzzyva", "zyzzyva")
    assert (left, right, listed) == (0.0, 0.0, False)
    assert prior > 0  # "quite" is the commoner word


def test_scored_confusables_leave_out_words_with_only_unlikely_slips() -> None:
    scored = english.scored_confusables()
    assert "too" in scored and "to" not in scored  # "to" for "too" is not scored; "too" for "to" is
    assert "right" not in scored and "write" in scored and "rite" in scored
    assert "were" in scored and "where" in scored
    assert english.confusable_in_context("to", "was", "late") is None


def test_pos_tag_reads_the_brill_lexicon() -> None:
    assert english.pos_tag("the") == "DT"
    assert english.pos_tag("closures") == "NNS"
    assert english.pos_tag("qzxv") == ""


def test_noun_only_refuses_nouns_that_can_be_verbs() -> None:
    assert english.noun_only("closures")
    assert english.noun_only("attitude")
    assert not english.noun_only("trails")  # "he trails": a verb ("trailed")
    assert not english.noun_only("fears")  # "fear" is a verb
    assert not english.noun_only("funding")  # an -ing form is a participle too
    assert not english.noun_only("quickly")


def test_slip_tables_come_from_the_tags() -> None:
    assert "had" in english.adjective_slips()["hard"]
    assert english.determiner_slips()["out"] == ("our",)
    assert "the" in english.determiner_slips()["he"]
    assert all(english.pos_tag(adjective) == "JJ" for adjective in english.adjective_slips())


def test_the_tables_hold_each_word_once():
    """A word the misspellings and the edit index share with wordfreq is one string object,
    wordfreq's key, not a copy per table."""
    data = english._data()
    key = dict(zip(data.freq, data.freq, strict=True))
    corrections = [word for options in data.misspellings.values() for word in options if word in key]
    assert len(corrections) > 10_000 and all(key[word] is word for word in corrections)
    assert all(key[word] is word for word in data.misspellings if word in key)
    assert all(type(words) is tuple and words for words in data.deletes.values())
    assert data.vocab is english._vocabulary()
    # wordfreq's keys are the vocabulary's strings where the two hold a word, and so are the tag table's.
    vocabulary = {word: word for word in data.vocab}
    assert all(vocabulary[word] is word for word in data.freq if word in vocabulary)
    tags = english._pos_tags()
    assert all(vocabulary[word] is word for word in tags if word in vocabulary)
    assert len({id(tag) for tag in tags.values()}) == len(set(tags.values()))


@given(st.lists(st.text(alphabet="ab \n", max_size=6), max_size=40), st.lists(st.text(alphabet="ab \n", max_size=6)))
def test_the_pair_table_answers_as_the_dict_it_is_built_from(keys: list[str], probes: list[str]) -> None:
    """Same look-ups (hits, misses, probes spanning two stored pairs), order, items and values."""
    source = {key: n * 10**10 + 7 for n, key in enumerate(keys) if "\n" not in key}
    table = english._PairCounts(source)
    assert list(table) == list(source) and len(table) == len(source)
    assert list(table.items()) == list(source.items()) and list(table.values()) == list(source.values())
    for probe in [*probes, *source, "a\nb", "\n"]:
        assert (probe in table) == (probe in source)
        assert table.get(probe, -1) == source.get(probe, -1)
    assert all(table[key] == count for key, count in source.items())


def test_the_vocabulary_answers_without_the_full_lexicon():
    english._data.cache_clear()
    try:
        assert english.in_vocabulary("colour") and not english.in_vocabulary("recieved")
        assert english._data.cache_info().currsize == 0
    finally:
        english._data()
