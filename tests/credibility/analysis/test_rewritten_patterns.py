"""Patterns rewritten for speed give the same matches as the forms they replaced (random strings)."""

import random
import re

from credibility.analysis import segment
from tests.credibility.analysis.gate_texts import gate_texts


def _random_texts(alphabet: str, count: int = 3000, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(pattern.groups + 1)) for m in pattern.finditer(text)]


def test_sentence_boundary_as_before():
    former = re.compile(r"(?<![.!?…])[.!?…]++[\"'\u201d\u2019)\]]*+(?=\s)|\n\s*\n|\n")
    for text in [*_random_texts("ab .!?…\n\t\"'\u201d\u2019)]"), 'Dr. Who?! Yes.\n\nNo… "Fine." ok']:
        assert _spans(segment._BOUNDARY, text) == _spans(former, text), text


def test_first_person_as_before():
    from credibility.analysis.detectors import hedges

    former = re.compile(
        r"(?<!War )(?<!Phase )\bI(?:['\u2019](?:m|ve|d|ll)\b|\s+[a-z])|\b(?:[Ww]e|[Oo]urs?|us|[Mm]y|me)\b"
    )
    rng = random.Random(3)
    pieces = [
        "I",
        "i",
        "War ",
        "Phase ",
        "we",
        "We",
        "ours",
        "Our",
        "us",
        "my",
        "My",
        "me",
        "m",
        "'",
        "\u2019",
        "ve",
        "ll",
    ]
    pieces += [" ", "  ", "x", "\n", ".", "_", "\u00e9", "a"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for text in [*texts, "World War I was over", "Phase I trials", "I'm sure we won", "Bus my"]:
        assert _spans(hedges._FIRST_PERSON, text) == _spans(former, text), text


def test_word_set_holds_what_case_blind_patterns_match():
    from credibility.analysis.patterns import word_set

    assert word_set("Prices SA\u017fD \u212aept \u0130NSISTED d\u0131d it-now") >= {
        "prices",
        "sasd",
        "kept",
        "insisted",
        "did",
    }
    for text in ["\u0130mplied", "\u017faid", "\u212a"]:
        for word in re.findall(r"\w+", text):
            assert re.fullmatch(r"implied|said|k", word, re.I)
        assert word_set(text) & {"implied", "said", "k"}


def _gated_texts(words: list[str], count: int = 4000, seed: int = 5) -> list[str]:
    fillers = ["the", "figures", "they", "we", "by", "that", "will", "to", "x", "analysts", "data", "sales", "'ll"]
    separators = [" ", "  ", "\n", ", ", ". ", "\u00a0", "-", "x"]
    return gate_texts(words, fillers, separators, count=count, seed=seed, most=9)


def test_word_gates_never_skip_a_sentence_their_pattern_matches():
    from credibility.analysis.detectors import hedges, unsourced
    from credibility.analysis.patterns import word_set

    def measure_gate(words: frozenset[str]) -> bool:
        return ("by" in words and not words.isdisjoint(unsourced._MEASURE_NOUNS)) or (
            not words.isdisjoint(unsourced._MEANING_VERBS) and not words.isdisjoint(unsourced._FIGURE_NOUNS)
        )

    cases = [
        (
            unsourced._MEASURE_EXPLAINED,
            measure_gate,
            [*unsourced._MEASURE_NOUNS, *unsourced._MEANING_VERBS, "was", "hit"],
        ),
        (
            hedges._OPINION_OF_FUTURE,
            lambda w: not w.isdisjoint(hedges._OPINION_VERBS),
            [*hedges._OPINION_VERBS, "could"],
        ),
        (
            hedges._FORECAST_CUE,
            lambda w: not w.isdisjoint(hedges._FORECAST_VERBS),
            [*hedges._FORECAST_VERBS, "experts"],
        ),
        (hedges._EXPECTATION, lambda w: not w.isdisjoint(hedges._FORECAST_VERBS), [*hedges._FORECAST_VERBS, "has"]),
        (hedges._INTENTION, lambda w: not w.isdisjoint(hedges._INTENTION_PRONOUNS), ["said", "say", "told", "plan"]),
    ]
    for pattern, gate, words in cases:
        matched = 0
        for text in _gated_texts(sorted(words)):
            if pattern.search(text):
                matched += 1
                assert gate(word_set(text)), (pattern.pattern[:40], text)
        assert matched, pattern.pattern[:40]


def test_portion_tail_gate_finds_what_the_pattern_finds():
    from credibility.analysis.detectors.attribution import subjects

    rng = random.Random(2)
    pieces = ["some ", "nearly ", "12", "%", " percent", "twenty", "sixty-five", " per cent", "one", " in ", "five"]
    pieces += [" out of ", "ten", "two", "thirds", "a ", "quarter", "half", "a majority", "those polled", " of voters"]
    pieces += [" also", " ", "x", "\u0665", "\u0131", "TWENTY", "Half", ",", "\u201c"]
    matched = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for lo in range(0, len(text) + 1, 4):
            found = subjects._portion_tail(text, lo, len(text))
            expected = subjects._PORTION_TAIL.search(text, lo, len(text))
            assert (found and found.span()) == (expected and expected.span()), text
            matched += expected is not None
    assert matched > 100
