import random
import re

import pytest

from credibility.analysis.patterns import word_alternation

WORDS = ["a", "an", "ten", "tenth", "three", "thirteen", "thirty", "third", "two", "twelve", "o'neill", "st. ives"]


def _plain(words):
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@pytest.mark.parametrize("word", WORDS)
def test_every_word_matches_whole(word):
    assert re.fullmatch(word_alternation(WORDS), word)


@pytest.mark.parametrize("text", ["te", "tent", "thirt", "twenty", "", "o'neil"])
def test_nothing_else_matches_whole(text):
    assert not re.fullmatch(word_alternation(WORDS), text)


def test_same_matches_as_the_longest_first_alternation():
    trie = re.compile(r"\b" + word_alternation(WORDS) + r"\b", re.I)
    plain = re.compile(r"\b" + _plain(WORDS) + r"\b", re.I)
    rng = random.Random(7)
    pieces = [*WORDS, "tens", "Tenth", "x", " ", "-", ".", "thirtyish", "an"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(8))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], text
