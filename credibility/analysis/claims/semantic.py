"""The sentence encoder of semantic claim matching: static token embeddings, mean-pooled.

Model: WordLlama ``l2_supercat_256`` (PyPI ``wordllama`` 0.4.0.post1, MIT, by its author Lee
Miller, github.com/dleemiller/WordLlama). The 32,000 x 256 float16 codebook and its tokenizer
ship inside the locked wheel; nothing is downloaded, ever. Its README says the codebook was
initialised from the LLaMA 2 70B / phi-3 token embeddings and then trained; the package itself
is MIT. SHA-256 of the files read here:

- ``wordllama/weights/l2_supercat_256.safetensors``  64b47a2dc493cb8e85944076601189739852d7b64e0e1eedcb1937a251cd9fd5
- ``wordllama/tokenizers/l2_supercat_tokenizer_config.json``  93248f2a9ec36c7b35f700a033d5f36228aae48db61aee31007fa49062cdeb68

Invariants other modules rely on (the fact-check vector store and its faiss index):

- ``encode(texts)`` returns float32 ``(len(texts), EMBEDDING_DIM)``, each row L2-normalised (an
  empty or all-unknown text gives the zero vector), so inner product is cosine similarity;
- the same text always gives the same vector; ``ENCODER_VERSION`` changes whenever the model,
  the pooling or the text preparation changes, and stored vectors of another version are stale.

The pooling is WordLlama's own (``WordLlamaInference.embed``: token ids, codebook rows, mean over
the attention mask), written out here, and the package is never imported (its files are found
with ``find_spec``): importing ``wordllama`` calls ``logging.basicConfig(level=INFO)``, which would
reconfigure the logging of whichever process loads the encoder, and ``WordLlama.load()`` tries to
fetch from Hugging Face.
"""

from __future__ import annotations

import re
import threading
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy.typing as npt

# A lone surrogate (from a broken decode upstream) cannot be tokenised; it becomes U+FFFD.
_SURROGATE = re.compile("[\ud800-\udfff]")

ENCODER_VERSION = "wordllama-l2_supercat_256-mean-v1"

EMBEDDING_DIM = 256

# Token cap per text: a claim is a sentence, and a mean over thousands of tokens says nothing.
MAX_TOKENS = 256

_BATCH = 256
# Up to this many texts are tokenised one by one, in this thread (see ``_Encoder._encodings``).
_SERIAL = 64

_WEIGHTS = ("weights", "l2_supercat_256.safetensors")
_TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")

_lock = threading.Lock()
_model: _Encoder | None = None


class _Encoder:
    def __init__(self) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        package = _package_dir()
        with safe_open(str(package.joinpath(*_WEIGHTS)), framework="np") as f:
            table = np.asarray(f.get_tensor("embedding.weight"), dtype=np.float16)
        if table.shape[1] != EMBEDDING_DIM:
            raise RuntimeError(f"wordllama codebook has dimension {table.shape[1]}, expected {EMBEDDING_DIM}")
        # Held as stored, float16 (16 MB in every process that encodes, instead of 32 MB as float32):
        # the sums below are taken in float32, into which every float16 value converts exactly, so
        # the vectors are bit for bit those of a float32 table.
        self.table: npt.NDArray[np.float16] = np.ascontiguousarray(table)
        tokenizer: Any = Tokenizer.from_file(str(package.joinpath(*_TOKENIZER)))
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer = tokenizer

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        vocabulary = self.table.shape[0]
        for start in range(0, len(texts), _BATCH):
            chunk = [_SURROGATE.sub("\ufffd", text) for text in texts[start : start + _BATCH]]
            pieces = [encoding.ids for encoding in self._encodings(chunk)]  # ``ids`` builds a new list
            lengths = np.fromiter((len(p) for p in pieces), dtype=np.int64, count=len(pieces))
            total = int(lengths.sum())
            if not total:
                continue
            ids = np.fromiter((i for p in pieces for i in p), dtype=np.int64, count=total)
            np.clip(ids, 0, vocabulary - 1, out=ids)
            present = np.flatnonzero(lengths)  # reduceat needs non-empty segments
            offsets = np.concatenate(([0], np.cumsum(lengths[present])[:-1]))
            sums = np.add.reduceat(self.table[ids], offsets, axis=0, dtype=np.float32)
            out[start + present] = sums / lengths[present, None].astype(np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out

    def _encodings(self, chunk: list[str]) -> list[Any]:
        """The tokenizer's encodings of ``chunk``, token ids only (``encode_batch_fast`` leaves the
        character offsets out; the ids are those of ``encode_batch``). A few texts, the sentences of
        one article, are encoded one call each: a batch is spread over the tokenizer's threads,
        which on 20 sentences costs more CPU time in all (34 against 18 us a sentence) for less
        wall time, and the throughput that counts is per core."""
        if len(chunk) > _SERIAL:
            return list(self.tokenizer.encode_batch_fast(chunk, add_special_tokens=False))
        fast = self.tokenizer.encode_batch_fast
        return [fast([text], add_special_tokens=False)[0] for text in chunk]


def _package_dir() -> Path:
    """The installed wordllama package's folder, found without importing it (its __init__ calls
    ``logging.basicConfig``)."""
    spec = find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordllama package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _encoder() -> _Encoder:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _Encoder()
    return _model


def preload() -> None:
    """Load the codebook and tokenizer now (about 0.2 s), e.g. in a worker before it forks."""
    _encoder()


def encode(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """L2-normalised float32 vectors, one row per text, ``(len(texts), EMBEDDING_DIM)``."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    return _encoder().encode(texts)
