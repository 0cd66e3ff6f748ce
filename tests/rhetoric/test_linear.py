"""The pickle-free linear model file and its TF-IDF features."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from saywho.errors import ModelError
from saywho.pipeline.linear import LinearModel, fit_temperature, ngrams


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Taxes rose 5 percent.", ["taxes", "rose", "percent", "taxes rose", "rose percent"]),
        ("A b", []),
    ],
)
def test_ngrams_are_lowercased_words_and_bigrams(text: str, expected: list[str]) -> None:
    assert ngrams(text) == expected


def _model(vec_dim: int = 0) -> LinearModel:
    vocab = ["taxes", "rose", "taxes rose"]
    coef = np.array([[1.0, 0.5, 2.0] + [0.3] * vec_dim], dtype=np.float32)
    return LinearModel(
        classes=["No", "Yes"],
        coef=coef,
        intercept=np.array([-1.0], dtype=np.float32),
        vocab=vocab,
        idf=np.ones(3, dtype=np.float32),
        vec_dim=vec_dim,
        meta={"threshold": 0.4},
    )


def test_binary_scores_rise_with_weighted_words() -> None:
    m = _model()
    p = m.proba(["Taxes rose sharply.", "The weather was fine."])
    assert p.shape == (2,)
    assert p[0] > 0.5 > p[1]


def test_round_trip_without_pickle(tmp_path: Path) -> None:
    m = _model(vec_dim=2)
    path = tmp_path / "m.npz"
    m.save(path)
    with np.load(path, allow_pickle=False) as data:  # never needs pickle
        assert set(data.files) == {"header", "vocab", "idf", "coef", "intercept"}
    back = LinearModel.load(path)
    vec = np.array([[0.6, 0.8]], dtype=np.float32)
    assert back.meta == {"threshold": 0.4}
    assert back.proba(["taxes rose"], vec) == pytest.approx(m.proba(["taxes rose"], vec))


def test_vectors_are_required_when_the_model_uses_them() -> None:
    with pytest.raises(ModelError, match="2-dimensional sentence vectors"):
        _model(vec_dim=2).proba(["taxes rose"])


def test_a_broken_file_is_a_model_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.npz"
    path.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="cannot read the model file"):
        LinearModel.load(path)


def test_temperature_softens_overconfident_scores() -> None:
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400)
    scores = ((y * 2 - 1) * 6.0 + rng.normal(0, 6.0, 400))[:, None]  # too sharp by ~x3
    assert fit_temperature(scores, y, binary=True) > 1.5
