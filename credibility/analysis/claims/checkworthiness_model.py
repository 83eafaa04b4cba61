"""Learned check-worthiness: the probability that a sentence is a check-worthy factual claim.

Pure (numpy and the sentence encoder, no Django, no scikit-learn). A logistic regression over
four blocks of features, trained on ClaimBuster ``crowdsourced`` (CFS against UFS + NFS) by
``credibility.quality.training.checkworthiness`` and shipped as ``checkworthiness_model.npz``
beside this module (plain arrays, no pickle):

- hashed word unigrams and bigrams (``word``) and hashed character 2-5-grams inside word
  boundaries (``char``), binary, each block L2-normalised: hashing (CRC-32, a fixed seed per
  block) means no vocabulary is shipped, only one weight per bucket;
- the WordLlama sentence vector (``semantic.encode``, 256-d, already unit length);
- the rule-based scorer's fired features and score (``checkworthiness.checkworthiness``).

Invariants: ``featurize`` is the one feature function, used by the training script and at run
time, so a model file and this module cannot disagree on what a bucket means (the file carries
the hashing parameters and ``FEATURE_VERSION``, and loading refuses a file of another version);
the same text always gets the same probability.

Why this design: the comparison table (dev splits only; the test splits were scored once, at the
end) is in ``credibility/quality/training/checkworthiness.py`` and the README.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from credibility.analysis.claims import semantic
from credibility.analysis.claims.checkworthiness import _FEATURES, checkworthiness

if TYPE_CHECKING:
    import numpy.typing as npt

MODEL_PATH = Path(__file__).with_name("checkworthiness_model.npz")

# Changes whenever ``featurize`` changes what a column means.
FEATURE_VERSION = "cw-features-v1"

RULE_FEATURES: tuple[str, ...] = (*(name for name, _, _ in _FEATURES), "fragment", "rule_score")

_WORD_SEED = 0x5EED0001
_CHAR_SEED = 0x5EED0002
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[%$£€?!]")
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class Hashing:
    """Bucket counts per hashed block; ``0`` leaves a block out."""

    word_buckets: int
    char_buckets: int
    dense: bool  # sentence vector and rule features


def _fold(text: str) -> str:
    return _DIGITS.sub("0", text.replace("\u2019", "'").replace("\u2018", "'").lower())


@lru_cache(maxsize=16_384)  # ~5 MB at most
def _char_buckets(word: str, size: int) -> frozenset[int]:
    """The buckets of one word's character 2-5-grams (inside word boundaries): words recur, so
    each is hashed once per process, not once per sentence."""
    padded = f" {word} "
    grams = {padded[i : i + n] for n in (2, 3, 4, 5) for i in range(len(padded) - n + 1)}
    return frozenset(zlib.crc32(g.encode("utf-8", "surrogatepass"), _CHAR_SEED) % size for g in grams)


def _hashed_rows(
    texts: Sequence[str], hashing: Hashing
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """Column indices, values and row lengths of the hashed blocks (word block first)."""
    columns: list[int] = []
    values: list[float] = []
    lengths: list[int] = []
    crc = zlib.crc32
    for text in texts:
        folded = _fold(text)
        start = len(columns)
        if hashing.word_buckets:
            tokens = _TOKEN.findall(folded)
            grams = tokens + [f"{a} {b}" for a, b in zip(["<s>", *tokens], [*tokens, "</s>"], strict=True)]
            buckets = {crc(g.encode("utf-8", "surrogatepass"), _WORD_SEED) % hashing.word_buckets for g in grams}
            if buckets:
                columns += sorted(buckets)
                values += [len(buckets) ** -0.5] * len(buckets)
        if hashing.char_buckets:
            buckets = set()
            for word in folded.split():
                buckets |= _char_buckets(word, hashing.char_buckets)
            if buckets:
                columns += sorted(hashing.word_buckets + b for b in buckets)
                values += [len(buckets) ** -0.5] * len(buckets)
        lengths.append(len(columns) - start)
    return (
        np.array(columns, dtype=np.int64),
        np.array(values, dtype=np.float32),
        np.array(lengths, dtype=np.int64),
    )


def rule_features(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """One row per text: 1 for each rule feature that fired, then the rule score."""
    out = np.zeros((len(texts), len(RULE_FEATURES)), dtype=np.float32)
    index = {name: i for i, name in enumerate(RULE_FEATURES)}
    for row, text in enumerate(texts):
        result = checkworthiness(text)
        for name in result.features:
            out[row, index[name]] = 1.0
        out[row, -1] = result.score
    return out


@dataclass(frozen=True)
class Features:
    """A batch's features: the hashed blocks as CSR parts and the dense block (may be empty)."""

    columns: npt.NDArray[np.int64]
    values: npt.NDArray[np.float32]
    lengths: npt.NDArray[np.int64]
    dense: npt.NDArray[np.float32]


# A claim is a sentence: a longer "sentence" (a run-on list, garbled text) is read from its
# start, as the encoder caps its tokens. Without the cap one 100,000-character run holds
# 400,000 character n-grams in memory at once.
MAX_FEATURE_CHARS = 1_500
# Texts featurised at a time: the hashed columns of a batch are Python lists first.
_CHUNK = 256


def featurize(texts: Sequence[str], hashing: Hashing) -> Features:
    texts = [text[:MAX_FEATURE_CHARS] for text in texts]
    columns, values, lengths = _hashed_rows(texts, hashing)
    if hashing.dense:
        dense = np.hstack([semantic.encode(texts), rule_features(texts)])
    else:
        dense = np.zeros((len(texts), 0), dtype=np.float32)
    return Features(columns, values, lengths, dense)


DENSE_WIDTH = semantic.EMBEDDING_DIM + len(RULE_FEATURES)


@dataclass(frozen=True)
class CheckworthinessModel:
    """Logistic regression: sparse weights per bucket, dense weights, a bias and a threshold."""

    hashing: Hashing
    sparse_weights: npt.NDArray[np.float32]
    dense_weights: npt.NDArray[np.float32]
    bias: float
    threshold: float
    version: str
    trained_on: str = ""  # data files and their hashes, for the record

    def logits(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        if len(texts) <= _CHUNK:
            return self._logits(texts)
        return np.concatenate([self._logits(texts[i : i + _CHUNK]) for i in range(0, len(texts), _CHUNK)])

    def _logits(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        if not texts:
            return np.zeros(0, dtype=np.float64)
        features = featurize(texts, self.hashing)
        contributions = self.sparse_weights[features.columns].astype(np.float64) * features.values
        sparse = np.zeros(len(texts), dtype=np.float64)
        present = np.flatnonzero(features.lengths)
        if len(present):
            offsets = np.concatenate(([0], np.cumsum(features.lengths[present])[:-1]))
            sparse[present] = np.add.reduceat(contributions, offsets)
        dense = features.dense.astype(np.float64) @ self.dense_weights.astype(np.float64)
        return np.asarray(sparse + dense + self.bias, dtype=np.float64)

    def probability(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        return np.asarray(1.0 / (1.0 + np.exp(-self.logits(texts))), dtype=np.float64)

    def arrays(self) -> dict[str, npt.NDArray[np.generic]]:
        """The model as the named arrays of its ``.npz`` file."""
        return {
            "feature_version": np.array(FEATURE_VERSION),
            "version": np.array(self.version),
            "hashing": np.array(
                [self.hashing.word_buckets, self.hashing.char_buckets, int(self.hashing.dense)], dtype=np.int64
            ),
            "sparse_weights": self.sparse_weights.astype(np.float16),
            "dense_weights": self.dense_weights.astype(np.float32),
            "bias_threshold": np.array([self.bias, self.threshold], dtype=np.float64),
            "trained_on": np.array(self.trained_on),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, npt.NDArray[np.generic]]) -> CheckworthinessModel:
        if str(arrays["feature_version"]) != FEATURE_VERSION:
            raise ValueError(f"model built for features {arrays['feature_version']}, this module is {FEATURE_VERSION}")
        word, char, dense = (int(x) for x in arrays["hashing"])
        hashing = Hashing(word, char, bool(dense))
        sparse_weights = np.asarray(arrays["sparse_weights"], dtype=np.float32)
        dense_weights = np.asarray(arrays["dense_weights"], dtype=np.float32)
        if len(sparse_weights) != word + char or len(dense_weights) != (DENSE_WIDTH if dense else 0):
            raise ValueError("model weights do not match its hashing parameters")
        bias, threshold = (float(x) for x in np.asarray(arrays["bias_threshold"], dtype=np.float64))
        trained_on = str(arrays["trained_on"]) if "trained_on" in arrays else ""
        return cls(hashing, sparse_weights, dense_weights, bias, threshold, str(arrays["version"]), trained_on)


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> CheckworthinessModel:
    with np.load(path, allow_pickle=False) as data:
        return CheckworthinessModel.from_arrays({key: data[key] for key in data.files})


def checkworthy_probability(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """Probability, per sentence, that it is a check-worthy factual claim (shipped model)."""
    return load_model().probability(texts)


def checkworthy_score(sentence: str) -> float:
    """``checkworthy_probability`` of one sentence."""
    return float(load_model().probability([sentence])[0])


def is_checkworthy(sentence: str) -> bool:
    """The shipped model's decision at its threshold (chosen on the dev split for positive-class F1)."""
    model = load_model()
    return float(model.probability([sentence])[0]) >= model.threshold
