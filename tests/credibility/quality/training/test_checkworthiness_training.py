"""The check-worthiness training script: deterministic to the byte, and its output is what the model module loads."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from credibility.analysis.claims.checkworthiness_model import FEATURE_VERSION, load_model
from credibility.quality.training import checkworthiness as training
from tests import paths

DATA = paths.FIXTURES / "checkworthiness"
ARGS = ["--train", str(DATA / "train.jsonl"), "--dev", str(DATA / "dev.jsonl"), "--buckets", "1024"]


def test_training_reproduces_the_model_byte_for_byte(tmp_path: Path) -> None:
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    training.main([*ARGS, "--output", str(first)])
    training.main([*ARGS, "--output", str(second)])
    assert first.read_bytes() == second.read_bytes()
    with np.load(first, allow_pickle=False) as data:
        assert str(data["feature_version"]) == FEATURE_VERSION
        assert str(data["version"]) == training.MODEL_VERSION
        assert "train.jsonl" in str(data["trained_on"])


def test_trained_model_separates_its_fixture(tmp_path: Path) -> None:
    output = tmp_path / "model.npz"
    training.main([*ARGS, "--output", str(output)])
    model = load_model(output)
    assert model.hashing.word_buckets == model.hashing.char_buckets == 1024
    texts, labels = training.read_sentences(DATA / "dev.jsonl")
    probability = model.probability(texts)
    assert probability[labels == 1].min() > probability[labels == 0].max()
    assert training.f1(probability >= model.threshold, labels) == 1.0


def test_best_threshold_takes_the_lowest_on_a_tie() -> None:
    gold = np.array([1, 0, 1, 0])
    assert training.best_threshold(np.array([0.9, 0.1, 0.8, 0.2]), gold) == 0.21
