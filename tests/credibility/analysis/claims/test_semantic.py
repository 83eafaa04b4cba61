"""The sentence encoder's contract: shape, dtype, unit rows, offline, paraphrases nearer than unrelated text."""

from __future__ import annotations

import numpy as np

from credibility.analysis.claims import semantic


def test_encode_returns_unit_float32_rows_of_the_declared_dimension():
    vectors = semantic.encode(["Mobile phones cause brain cancer.", "The council met on Tuesday.", ""])
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, semantic.EMBEDDING_DIM)
    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-5)
    assert not np.isnan(vectors).any()  # an empty text is a zero row, not NaN
    assert semantic.encode([]).shape == (0, semantic.EMBEDDING_DIM)
    assert semantic.ENCODER_VERSION


def test_a_paraphrase_is_nearer_than_an_unrelated_sentence():
    claim, paraphrase, unrelated = semantic.encode(
        [
            "Mobile phones cause brain cancer.",
            "Smartphone radiation gives users brain tumours.",
            "The council met on Tuesday evening to discuss the proposals.",
        ]
    )
    assert float(claim @ paraphrase) > 0.5 > float(claim @ unrelated) + 0.3
