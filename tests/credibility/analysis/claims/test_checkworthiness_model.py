"""The shipped check-worthiness model: it loads, matches this module's features, and ranks obvious cases."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from credibility.analysis.claims.checkworthiness_model import (
    MODEL_PATH,
    CheckworthinessModel,
    checkworthy_probability,
    checkworthy_score,
    is_checkworthy,
    load_model,
)

STATISTIC = "Unemployment rose to 8.5 percent last year, the highest level since 1983."
OPINION = "I think our policy on trade has been a complete disaster for working families."
QUESTION = "What are you going to do about the price of gas?"


def test_shipped_model_is_plain_arrays() -> None:
    with zipfile.ZipFile(MODEL_PATH) as archive:
        assert all(name.endswith(".npy") for name in archive.namelist())
    model = load_model()
    assert 0.05 <= model.threshold <= 0.95
    assert "crowdsourced" in model.trained_on


def test_shipped_model_ranks_statistic_over_opinion_over_question() -> None:
    statistic, opinion, question = checkworthy_probability([STATISTIC, OPINION, QUESTION])
    assert statistic > opinion > question
    assert is_checkworthy(STATISTIC)
    assert not is_checkworthy(OPINION)
    assert not is_checkworthy(QUESTION)


@pytest.mark.parametrize(
    "sentence",
    [
        "We will cut taxes for every family in America.",  # promise
        "Thank you all for being here tonight.",  # courtesy
        "He is the worst candidate this party has ever nominated.",  # opinion
    ],
)
def test_shipped_model_rejects_non_claims(sentence: str) -> None:
    assert not is_checkworthy(sentence)


def test_batched_and_single_scores_agree() -> None:
    texts = [STATISTIC, OPINION, QUESTION, "", "42"]
    batched = checkworthy_probability(texts)
    single = np.array([checkworthy_score(t) for t in texts])
    np.testing.assert_allclose(batched, single, rtol=1e-9)
    assert checkworthy_probability([]).shape == (0,)


def test_model_of_another_feature_version_is_refused() -> None:
    with np.load(MODEL_PATH, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    arrays["feature_version"] = np.array("cw-features-v0")
    with pytest.raises(ValueError, match="features"):
        CheckworthinessModel.from_arrays(arrays)


def test_model_round_trips_through_its_arrays() -> None:
    model = load_model()
    buffer = io.BytesIO()
    np.savez(buffer, **model.arrays())
    buffer.seek(0)
    with np.load(buffer, allow_pickle=False) as data:
        again = CheckworthinessModel.from_arrays({key: data[key] for key in data.files})
    np.testing.assert_array_equal(again.probability([STATISTIC, OPINION]), model.probability([STATISTIC, OPINION]))
