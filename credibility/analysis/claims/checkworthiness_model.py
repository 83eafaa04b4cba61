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
def _char_columns(word: str, size: int, offset: int) -> npt.NDArray[np.int64]:
    """The columns (``offset`` + bucket) of one word's character 2-5-grams (inside word
    boundaries), sorted, without repeats, read-only: words recur, so each is hashed once per
    process, not once per sentence."""
    padded = f" {word} "
    crc = zlib.crc32
    if padded.isascii():  # one byte a character: a gram's UTF-8 is a slice of the word's
        data = padded.encode("ascii")
        grams = {data[i : i + n] for n in (2, 3, 4, 5) for i in range(len(data) - n + 1)}
    else:
        grams = {
            padded[i : i + n].encode("utf-8", "surrogatepass") for n in (2, 3, 4, 5) for i in range(len(padded) - n + 1)
        }
    columns = np.array(sorted({offset + crc(g, _CHAR_SEED) % size for g in grams}), dtype=np.int64)
    columns.flags.writeable = False
    return columns


def _crc_table() -> npt.NDArray[np.uint32]:
    """zlib's CRC-32 table (reflected polynomial 0xEDB88320), one entry a byte value."""
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> 1) ^ np.uint32(0xEDB88320), table >> 1).astype(np.uint32)
    return table


_CRC_TABLE = _crc_table()


def _ascii_char_columns(
    words: Sequence[str], size: int, offset: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """``_char_columns`` of many ASCII words at once, in numpy: the column of every 2-5-gram of
    every word (repeats kept), and the index of the word each gram is in.

    The CRC-32 of each gram is zlib's (``zlib.crc32(gram, _CHAR_SEED)``: the same table, the
    same inversion before and after), taken a byte position at a time over all the grams of one
    length; an ASCII character is one byte, so a gram's UTF-8 is the slice of the padded word.
    """
    # The padded words " w " one after another, and where each starts.
    data = np.frombuffer((" " + "  ".join(words) + " ").encode("ascii"), dtype=np.uint8)
    padded = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) + 2
    begins = np.concatenate(([0], np.cumsum(padded)[:-1]))
    index = np.arange(len(words), dtype=np.int64)
    columns: list[npt.NDArray[np.int64]] = []
    owners: list[npt.NDArray[np.int64]] = []
    for n in (2, 3, 4, 5):
        per_word = np.maximum(padded - n + 1, 0)
        total = int(per_word.sum())
        first = np.concatenate(([0], np.cumsum(per_word)[:-1]))
        starts = np.repeat(begins - first, per_word) + np.arange(total, dtype=np.int64)
        crc = np.full(total, ~np.uint32(_CHAR_SEED), dtype=np.uint32)
        for step in range(n):
            crc = _CRC_TABLE[(crc ^ data[starts + step]) & 0xFF] ^ (crc >> 8)
        columns.append((~crc).astype(np.int64) % size + offset)
        owners.append(np.repeat(index, per_word))
    return np.concatenate(columns), np.concatenate(owners)


def _word_buckets(folded: str, size: int) -> set[int]:
    """The buckets of a folded text's word unigrams and bigrams (with sentence start and end)."""
    tokens = _TOKEN.findall(folded)
    grams = tokens + [f"{a} {b}" for a, b in zip(["<s>", *tokens], [*tokens, "</s>"], strict=True)]
    if folded.isascii():  # one encoding for all the grams, split again on a byte that is in none
        encoded = "\n".join(grams).encode("ascii").split(b"\n")
    else:
        encoded = [g.encode("utf-8", "surrogatepass") for g in grams]
    crc = zlib.crc32
    return {crc(g, _WORD_SEED) % size for g in encoded}


def _hashed_rows(
    texts: Sequence[str], hashing: Hashing
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """Column indices, values and row lengths of the hashed blocks (word block first).

    A row holds its word block's columns in increasing order, then its character block's (all
    after the word buckets, so the row is in increasing order), each column once, valued one over
    the square root of its block's column count. The batch is made in numpy: each column is keyed
    by its row (``row * width + column``), the keys of all the texts are sorted at once and
    repeats dropped, which gives the rows in order and each row as described.
    """
    if len(texts) > _CHUNK:  # bounds the keys held at once
        parts = [_hashed_rows(texts[i : i + _CHUNK], hashing) for i in range(0, len(texts), _CHUNK)]
        return (
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]),
        )
    words, chars = hashing.word_buckets, hashing.char_buckets
    width = words + chars
    if not width or not texts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32), np.zeros(len(texts), dtype=np.int64)
    pieces: list[npt.NDArray[np.int64]] = []  # the columns of each non-ASCII word
    piece_rows: list[int] = []
    ascii_words: list[str] = []
    ascii_rows: list[int] = []
    word_columns: list[int] = []
    word_counts: list[int] = []
    for row, text in enumerate(texts):
        folded = _fold(text)
        if words:
            buckets = _word_buckets(folded, words)
            word_columns.extend(buckets)
            word_counts.append(len(buckets))
        if chars:
            split = folded.split()
            if folded.isascii():
                ascii_words += split
                ascii_rows += [row] * len(split)
                continue
            for word in split:
                if word.isascii():
                    ascii_words.append(word)
                    ascii_rows.append(row)
                else:
                    pieces.append(_char_columns(word, chars, words))
                    piece_rows.append(row)
    rows = np.arange(len(texts), dtype=np.int64)
    keys = [np.array(word_columns, dtype=np.int64) + np.repeat(rows * width, word_counts)] if words else []
    if pieces:
        sizes = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
        keys.append(np.concatenate(pieces) + np.repeat(np.array(piece_rows, dtype=np.int64) * width, sizes))
    if ascii_words:
        found, owners = _ascii_char_columns(ascii_words, chars, words)
        keys.append(found + np.array(ascii_rows, dtype=np.int64)[owners] * width)
    key = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
    key.sort()
    if len(key):
        fresh = np.empty(len(key), dtype=np.bool_)
        fresh[0] = True
        np.not_equal(key[1:], key[:-1], out=fresh[1:])
        key = key[fresh]
    key_rows, columns = np.divmod(key, width)
    # Row and block of each column (0 word, 1 character): counts, then each column's value.
    block = key_rows * 2 + (columns >= words)
    counts = np.bincount(block, minlength=2 * len(texts))
    # Python's ``n ** -0.5`` for each count, rounded to float32 as the values always were.
    value_of = np.array([n**-0.5 if n else 0.0 for n in counts.tolist()], dtype=np.float32)
    lengths = np.bincount(key_rows, minlength=len(texts)).astype(np.int64)
    return columns.astype(np.int64), value_of[block], lengths


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
# Texts featurised at a time (the hashed columns of a batch are sorted together).
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
