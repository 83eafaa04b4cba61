"""Sentence embeddings for semantic claim retrieval (PROVISIONAL: replaced when branch ``match`` merges).

The interface is the contract between retrieval and the encoder: ``EMBEDDING_DIM``,
``ENCODER_VERSION`` (stored beside every vector; a vector of another version is never compared
with this encoder's), ``preload()`` and ``encode(texts)``, which returns float32 rows of unit
length, so a dot product is the cosine.

This stand-in uses WordLlama's static token embeddings (``l2_supercat_256``, shipped inside the
locked ``wordllama`` package) with mean pooling: numpy only, loaded from the package's own files,
nothing downloaded. ``WordLlama.load()`` is never called: it may try to fetch from Hugging Face.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from wordllama.inference import WordLlamaInference

EMBEDDING_DIM: int = 256
ENCODER_VERSION: str = "wordllama-l2-supercat-256-mean/1"

_WEIGHTS = "l2_supercat_256.safetensors"
_TOKENIZER = "l2_supercat_tokenizer_config.json"
_lock = threading.Lock()
_model: WordLlamaInference | None = None


def _load() -> WordLlamaInference:
    global _model
    with _lock:
        if _model is None:
            from safetensors import safe_open
            from tokenizers import Tokenizer
            from wordllama.inference import WordLlamaInference

            package = resources.files("wordllama")
            with resources.as_file(package / "weights" / _WEIGHTS) as weights_path:
                with safe_open(str(weights_path), framework="np") as weights:
                    embedding: Any = weights.get_tensor("embedding.weight")
            with resources.as_file(package / "tokenizers" / _TOKENIZER) as tokenizer_path:
                tokenizer = Tokenizer.from_file(str(tokenizer_path))
            if embedding.shape[1] != EMBEDDING_DIM:
                raise RuntimeError(f"{_WEIGHTS} has {embedding.shape[1]} dimensions, not {EMBEDDING_DIM}")
            _model = WordLlamaInference(embedding, tokenizer)
        return _model


def preload() -> None:
    """Load the weights (about 30 MB) now rather than on the first encode."""
    _load()


def encode(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """One unit-length float32 row per text, shape ``(len(texts), EMBEDDING_DIM)``.

    A text with no known token gets a zero row (cosine 0 with everything).
    """
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    with np.errstate(invalid="ignore", divide="ignore"):  # an empty text divides 0 by 0
        vectors = np.asarray(_load().embed(list(texts), norm=True), dtype=np.float32)
    vectors = np.nan_to_num(vectors, nan=0.0, posinf=0.0, neginf=0.0)
    return np.ascontiguousarray(vectors.reshape(len(texts), EMBEDDING_DIM))
