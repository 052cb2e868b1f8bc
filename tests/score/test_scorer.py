from __future__ import annotations

import pickle

import numpy as np
import pytest

from storylens.errors import StorylensError
from storylens.score import FEATURE_NAMES, Scorer


def synthetic(n: int = 240, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Scores that fall as the first feature (an embedding cosine) rises, plus noise and NaNs."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(0, 1, (n, len(FEATURE_NAMES)))
    X[rng.uniform(size=X.shape) < 0.1] = np.nan
    signal = np.nan_to_num(X[:, 0], nan=0.5)
    Y = np.column_stack([np.clip(4 - 3 * signal + rng.normal(0, 0.2, n), 1, 4) for _ in range(7)])
    return X, Y


@pytest.fixture(scope="module")
def fitted() -> Scorer:
    X, Y = synthetic()
    return Scorer(max_iter=60).fit(X, Y)


def test_init_only_stores_parameters() -> None:
    model = Scorer(max_iter=7, random_state=3)
    assert model.get_params()["max_iter"] == 7
    assert not [k for k in vars(model) if k.endswith("_")]


def test_fit_returns_self_and_learns_the_signal(fitted: Scorer) -> None:
    X, Y = synthetic(seed=2)
    predicted = fitted.predict(X)
    assert predicted.shape == (len(X), 7)
    assert ((predicted >= 1) & (predicted <= 4)).all()
    assert np.corrcoef(predicted[:, 0], Y[:, 0])[0, 1] > 0.8


def test_training_is_deterministic(fitted: Scorer) -> None:
    X, Y = synthetic()
    again = Scorer(max_iter=60).fit(X, Y)
    np.testing.assert_array_equal(again.predict(X), fitted.predict(X))


def test_pickles_and_saves(fitted: Scorer, tmp_path) -> None:
    X, _ = synthetic(seed=3)
    clone = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(clone.predict(X), fitted.predict(X))
    fitted.save(tmp_path / "m.pkl")
    np.testing.assert_array_equal(Scorer.load(tmp_path / "m.pkl").predict(X), fitted.predict(X))


def test_unfitted_and_misshapen_inputs_are_refused(fitted: Scorer, tmp_path) -> None:
    with pytest.raises(StorylensError):
        Scorer().predict(np.zeros((1, len(FEATURE_NAMES))))
    with pytest.raises(ValueError):
        fitted.predict(np.zeros((1, 3)))
    with pytest.raises(ValueError):
        Scorer().fit(np.zeros((5, 3)), np.zeros((5, 7)))
    with pytest.raises(StorylensError, match="make train"):
        Scorer.load(tmp_path / "absent.pkl")
    assert fitted.predict(np.zeros((0, len(FEATURE_NAMES)))).shape == (0, 7)
