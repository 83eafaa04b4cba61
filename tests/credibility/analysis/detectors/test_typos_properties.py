"""Properties of the TypoDetector over the lexicon: a frequent dictionary word is never a typo."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credibility.analysis.detectors.typos import TypoDetector
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document

# Every word of the clean dictionary at or above this Zipf frequency (about one in a million words).
THRESHOLD = lexicon.COMMON_ZIPF
PROPERTY = settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# Sentences with no cue of the grammar rules (no "has", "to", modal) around the word: lower-case
# mid-sentence, capitalised as a sentence opener, and capitalised mid-sentence as in a title.
TEMPLATES = (
    "Officials said the {lower} was mentioned in the report.",
    "{capital} was mentioned in the report, officials said.",
    "The Northfield {capital} Review was mentioned in the report.",
)


@given(st.lists(st.sampled_from(lexicon.frequent_vocabulary(THRESHOLD)), min_size=1, max_size=8, unique=True))
@PROPERTY
def test_typo_detector_never_flags_a_frequent_dictionary_word(words: list[str]) -> None:
    text = " ".join(
        template.format(lower=word, capital=word[:1].upper() + word[1:]) for word in words for template in TEMPLATES
    )
    document = Document(text=text, sentences=split_sentences(text))
    findings = TypoDetector().detect(document, AnalysisContext(), ())
    flagged = {f.quote.lower() for f in findings}
    assert not flagged & set(words), [(f.quote, f.rule, f.suggestion) for f in findings]


def test_frequent_vocabulary_holds_common_words_and_no_known_misspelling() -> None:
    words = lexicon.frequent_vocabulary(THRESHOLD)
    assert len(words) > 20_000
    assert {"government", "council", "thursday"} <= set(words)
    assert all(lexicon.known_misspelling(word) is None for word in words[:: max(1, len(words) // 2000)])


def test_common_near_words_finds_the_common_words_near_words_finds_one_edit_away() -> None:
    for token in ("goverment", "natinal", "saturdy", "departmant", "comittee", "departmnet"):
        full = {c for c, d in lexicon.near_words(token) if d == 1 and lexicon.zipf(c) >= lexicon.CANDIDATE_ZIPF}
        assert {c for c, d in lexicon.common_near_words(token) if d == 1} == full
    assert lexicon.common_near_words("govrenmentt") == ()
    assert lexicon.common_near_words("govrenmentt", two=True)[0] == ("government", 2)
