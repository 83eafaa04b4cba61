"""The numpy featuriser of the hashed blocks gives the columns and values of the per-word Python
form it replaced (written out here), in the same order, on random texts."""

from __future__ import annotations

import random
import zlib

import numpy as np

from credibility.analysis.claims import checkworthiness_model as cw
from credibility.analysis.claims.checkworthiness_model import Hashing


def _former_rows(texts: list[str], hashing: Hashing) -> tuple[list[int], list[float], list[int]]:
    columns: list[int] = []
    values: list[float] = []
    lengths: list[int] = []
    for text in texts:
        folded = cw._fold(text)
        start = len(columns)
        if hashing.word_buckets:
            tokens = cw._TOKEN.findall(folded)
            grams = tokens + [f"{a} {b}" for a, b in zip(["<s>", *tokens], [*tokens, "</s>"], strict=True)]
            buckets = {
                zlib.crc32(g.encode("utf-8", "surrogatepass"), cw._WORD_SEED) % hashing.word_buckets for g in grams
            }
            columns += sorted(buckets)
            values += [len(buckets) ** -0.5] * len(buckets)
        if hashing.char_buckets:
            buckets = set()
            for word in folded.split():
                padded = f" {word} "
                grams = {padded[i : i + n] for n in (2, 3, 4, 5) for i in range(len(padded) - n + 1)}
                buckets |= {
                    zlib.crc32(g.encode("utf-8", "surrogatepass"), cw._CHAR_SEED) % hashing.char_buckets for g in grams
                }
            if buckets:
                columns += sorted(hashing.word_buckets + b for b in buckets)
                values += [len(buckets) ** -0.5] * len(buckets)
        lengths.append(len(columns) - start)
    return columns, values, lengths


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = ["a", "b", "Zq", "ox", " ", "  ", "\n", "\t", "7", "3.5", "'", "\u2019", "%", "£", "€", "?", "!"]
    pieces += ["caf\u00e9", "\u00c9t\u00e9", "na\u00efve", "\u4e2d\u6587", "\ud800", "\u00a0", "-", "x" * 40, "<s>"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def test_crc_table_is_zlibs() -> None:
    rng = random.Random(2)
    words = ["".join(chr(rng.randint(32, 126)) for _ in range(rng.randint(1, 12))) for _ in range(500)]
    columns, owners = cw._ascii_char_columns(words, 1 << 32, 0)
    expected: list[list[int]] = [[] for _ in words]
    for n in (2, 3, 4, 5):
        for index, word in enumerate(words):
            padded = f" {word} ".encode("ascii")
            expected[index] += [zlib.crc32(padded[i : i + n], cw._CHAR_SEED) for i in range(len(padded) - n + 1)]
    got: list[list[int]] = [[] for _ in words]
    for column, owner in zip(columns.tolist(), owners.tolist(), strict=True):
        got[owner].append(column)
    assert got == expected


def test_hashed_rows_as_before() -> None:
    texts = _texts(700, seed=4)  # more than one chunk of 256
    for hashing in (
        Hashing(1024, 1024, False),
        Hashing(1 << 18, 1 << 18, True),
        Hashing(0, 97, False),
        Hashing(61, 0, False),
    ):
        columns, values, lengths = cw._hashed_rows(texts, hashing)
        former = _former_rows(texts, hashing)
        assert columns.dtype == np.int64 and values.dtype == np.float32 and lengths.dtype == np.int64
        assert columns.tolist() == former[0]
        assert values.tobytes() == np.array(former[1], dtype=np.float32).tobytes()
        assert lengths.tolist() == former[2]
    empty = cw._hashed_rows([], Hashing(1024, 1024, False))
    assert [len(part) for part in empty] == [0, 0, 0]
