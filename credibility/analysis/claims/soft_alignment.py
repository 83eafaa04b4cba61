"""Soft concept alignment: a claim word with no lexical match may meet a sentence word whose
WordLlama word vector is close (cosine >= ``TAU``).

A word's vector is the mean of its tokens' rows in the encoder's codebook (``semantic``), L2
normalised; vectors are cached per word. Only plain content concepts are aligned this way (the
caller decides which): names, figures, years, qualifiers, direction words and negation are
matched exactly, because they are what separates a claim from its near misses.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from credibility.analysis.claims import semantic
from credibility.analysis.claims.matching import SOFT_UNALIGNED

if TYPE_CHECKING:
    import numpy.typing as npt

    from credibility.analysis.claims.matching import Profile

import os

PREFIX = int(os.environ.get("SOFT_PREFIX", "0"))
_LOG = os.environ.get("SOFT_LOG") == "1"
TAU = float(os.environ.get("SOFT_TAU", "0.45"))


@lru_cache(maxsize=32768)
def word_vector(word: str) -> npt.NDArray[np.float32]:
    """The unit vector of one lower-case word (zero for a word with no tokens)."""
    encoder = semantic._encoder()
    ids = encoder.tokenizer.encode(word, add_special_tokens=False).ids
    if not ids:
        return np.zeros(semantic.EMBEDDING_DIM, dtype=np.float32)
    vector: npt.NDArray[np.float32] = encoder.table[ids].mean(axis=0, dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / np.float32(norm) if norm > 0 else vector


@lru_cache(maxsize=8192)
def _matrix(words: tuple[str, ...]) -> npt.NDArray[np.float32]:
    if not words:
        return np.zeros((0, semantic.EMBEDDING_DIM), dtype=np.float32)
    return np.stack([word_vector(word) for word in words])


def align(word: str, sentence: Profile, exclude: frozenset[str], tau: float = TAU) -> tuple[str, float] | None:
    """The sentence concept nearest to ``word`` (cosine >= ``tau``), not one of ``exclude`` and not a name."""
    heads = tuple(
        head
        for head in sentence.surfaces
        if head not in exclude
        and head not in SOFT_UNALIGNED
        and head not in sentence.name_concepts
        and sentence.surfaces[head] not in sentence.name_words
        and (not PREFIX or sentence.surfaces[head][:PREFIX] == word[:PREFIX])
    )
    if not heads:
        return None
    matrix = _matrix(tuple(sentence.surfaces[head] for head in heads))
    cosines = matrix @ word_vector(word)
    best = int(np.argmax(cosines))
    if _LOG and cosines[best] >= tau:
        import sys

        print(f"ALIGN {word} ~ {sentence.surfaces[heads[best]]} {cosines[best]:.2f}", file=sys.stderr)
    return (heads[best], float(cosines[best])) if cosines[best] >= tau else None
