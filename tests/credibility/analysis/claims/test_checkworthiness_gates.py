"""The rule scorer's word gates never skip a feature its pattern would find (random texts made of
the gate words, the words around them, odd case and the code points a case-blind pattern folds)."""

from __future__ import annotations

import pytest

from credibility.analysis.claims import checkworthiness as cw
from credibility.analysis.patterns import word_set
from tests.credibility.analysis.gate_texts import gate_texts

_PIECES = {
    "percent": ["5", "%", "per", "cent", "percent", "percentage", "points", "point", "rate", "12.5"],
    "superlative": ["the", "its", "their", "his", "her", "biggest", "greatest", "best", "most", "least", "worst"]
    + ["first", "only", "record", "all-time", "high", "low", "levels", "in", "history", "west", "est", "rare"]
    + ["the latest", "its most", "record high", "all-time low", "in their history"],
    "record": ["highest", "most", "least", "worst", "best", "fewest", "since", "ever", "on", "record", "in", "the"]
    + ["world", "europe", "anywhere", "records", "began", "recorded", "than", "any", "other", "from", "league"]
    + ["coldest since", "most people ever", "since records began", "ever recorded", "than any other", "in history"],
    "trivia": ["box", "office", "opening", "weekend", "grossed", "copies", "best", "selling", "bestseller"]
    + ["singles", "chart", "charts", "top", "10", "rankings", "seeded", "world", "number", "5", "in", "the"]
    + ["battery", "lasts", "hours", "megapixels", "16gb", "16", "gb", "ghz", "3mhz"],
    "money": ["$", "£", "€", "¥", "5", "3.5", "1,200", "m", "million", "billions", "bn", "5bn", "2.1bn", "trillion"]
    + ["of", "dollars", "pounds", "euros", "hundreds", "tens of millions", "tens", "thousands", "£5m", "$ 4"],
    "small-money": ["$", "£", "€", "¥", "5", "3.50", "12", "dollars", "pounds", "euros", "usd", "GBP", "eur"]
    + ["5eur", "amateur", "20 dollars", "£3"],
    "sport-routine": ["striker", "hat-trick", "semi-finals", "quarter-final", "player", "squad", "three", "sets"]
    + ["straight", "set", "close", "season", "on", "loan", "option", "to", "buy", "joined", "Arsenal", "from"],
}


def _texts(words: list[str], count: int = 6000, seed: int = 7) -> list[str]:
    fillers = ["a", "they", "was", "x", "2", "they said"]
    separators = [" ", " ", " ", "  ", "\n", ", ", ". ", "\u00a0", "-", "x", ""]
    return gate_texts(words, fillers, separators, count=count, seed=seed, most=8)


@pytest.mark.parametrize("name", sorted(cw._GATE_WORDS))
def test_gate_is_open_wherever_the_pattern_matches(name: str) -> None:
    pattern = next(p for n, _, p in cw._FEATURES if n == name)
    matched = 0
    for text in _texts(_PIECES[name]):
        if pattern.search(text):
            matched += 1
            assert cw._gate_open(name, text, word_set(text)), text
    assert matched > 200


def test_gated_features_search_the_text_the_gate_reads() -> None:
    assert not set(cw._GATE_WORDS) & cw._NEEDS_YEARS


def test_scores_as_without_the_gates(monkeypatch: pytest.MonkeyPatch) -> None:
    words = sorted({w for pieces in _PIECES.values() for w in pieces})
    texts = [f"{text}." for text in _texts(words, count=3000, seed=9)]
    gated = [cw.checkworthiness.__wrapped__(text) for text in texts]
    monkeypatch.setattr(cw, "_GATE_WORDS", {})
    assert [cw.checkworthiness.__wrapped__(text) for text in texts] == gated
