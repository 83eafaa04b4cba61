"""The sentence encoder: the interface the vector store and its index rely on."""

from __future__ import annotations

import numpy as np

from credibility.analysis.claims import semantic


def test_encode_returns_normalised_float32_rows() -> None:
    vectors = semantic.encode(["The MMR vaccine causes autism.", "Floods cut off two villages."])
    assert vectors.shape == (2, semantic.EMBEDDING_DIM)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_encode_is_deterministic_and_batch_independent() -> None:
    texts = ["Vitamin C tablets stop measles.", "A tenth of households will pay more tax."]
    assert np.array_equal(semantic.encode(texts)[1], semantic.encode(texts[1:])[0])


def test_encode_empty_inputs() -> None:
    assert semantic.encode([]).shape == (0, semantic.EMBEDDING_DIM)
    assert not semantic.encode([""]).any()


def test_encode_puts_paraphrases_closer_than_other_topics() -> None:
    claim, paraphrase, other = semantic.encode(
        [
            "Full credit card numbers of about 4 million customers were stolen.",
            "Complete payment card numbers for roughly four million shoppers were taken by hackers.",
            "The new bridge cost twice its original budget.",
        ]
    )
    assert float(claim @ paraphrase) > float(claim @ other)


def test_preload_and_version() -> None:
    semantic.preload()
    assert semantic.ENCODER_VERSION.startswith("wordllama-")


def test_preload_does_not_import_wordllama() -> None:
    """Importing wordllama calls logging.basicConfig; the encoder reads the package's files instead."""
    import subprocess
    import sys

    code = "import sys; from credibility.analysis.claims import semantic; semantic.preload(); print('wordllama' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False"


def test_the_codebook_is_held_as_stored_and_encodes_as_a_float32_one_would() -> None:
    """The codebook stays float16 in memory (half the bytes); the sums are taken in float32, so the
    vectors are exactly those of the same codebook widened to float32 (stored vectors stay valid)."""
    encoder = semantic._encoder()
    assert encoder.table.dtype == np.float16
    texts = ["Ferry fares on the northern route doubled last spring.", "", "Tidal power now lights 40,000 homes."]
    held = encoder.table
    try:
        encoder.table = held.astype(np.float32)
        widened = semantic.encode(texts)
    finally:
        encoder.table = held
    assert np.array_equal(semantic.encode(texts), widened)
