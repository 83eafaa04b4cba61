"""Patterns rewritten for speed give the same matches as the forms they replaced (random strings)."""

import random
import re

from credibility.analysis import segment


def _random_texts(alphabet: str, count: int = 3000, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(pattern.groups + 1)) for m in pattern.finditer(text)]


def test_sentence_boundary_as_before():
    former = re.compile(r"(?<![.!?…])[.!?…]++[\"'\u201d\u2019)\]]*+(?=\s)|\n\s*\n|\n")
    for text in [*_random_texts("ab .!?…\n\t\"'\u201d\u2019)]"), 'Dr. Who?! Yes.\n\nNo… "Fine." ok']:
        assert _spans(segment._BOUNDARY, text) == _spans(former, text), text
