"""Random texts for proving a word gate safe: words a pattern needs, the words around them, odd case
and the code points a case-blind pattern folds to an ASCII letter (long s, Kelvin sign, dotless i)."""

from __future__ import annotations

import random
from collections.abc import Sequence

_FOLDED = {"s": "\u017f", "k": "\u212a", "i": "\u0131"}


def gate_texts(
    words: Sequence[str], fillers: Sequence[str], separators: Sequence[str], count: int, seed: int, most: int
) -> list[str]:
    """`count` texts of 1 to `most` pieces, each a word or filler in random case and a separator."""
    rng = random.Random(seed)
    pool = [*words, *fillers]
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, most)):
            word = rng.choice(pool)
            word = "".join(c.upper() if rng.random() < 0.2 else c for c in word)
            word = "".join(_FOLDED.get(c, c) if rng.random() < 0.05 else c for c in word)
            parts.append(word + rng.choice(separators))
        texts.append("".join(parts))
    return texts
