"""The static sentence embedding: loads offline, reads news, and a rebuild gives the same model."""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pytest

from storylens.analyze import static

from .conftest import fresh_build, install_recipe, makefile_recipe

#: what `make static-model` builds on this stack (model2vec 0.10.0, MiniLM 0.1.0, PCA 256)
FINGERPRINT = "a986f862c5e9bf5f"


def test_loads_offline_and_gives_unit_rows_256_wide() -> None:
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    vectors = static.encode(list(static.PROBES))
    assert vectors.shape == (len(static.PROBES), static.DIMS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert static.encode([]).shape == (0, static.DIMS)


def test_same_event_is_closer_than_same_topic_or_other_news() -> None:
    quake, quake_again, rate, rate_again, strike, sport = static.encode(list(static.PROBES))
    assert quake @ quake_again > quake @ rate + 0.2
    assert rate @ rate_again > rate @ strike
    assert quake @ quake_again > quake @ sport


def test_installed_model_is_the_pinned_build() -> None:
    assert static.fingerprint() == FINGERPRINT


def test_makefile_builds_with_this_module_without_letting_pip_move_torch() -> None:
    recipe = makefile_recipe("static-model")
    assert "--no-deps model2vec==0.10.0 skeletoken==0.6.1" in recipe
    assert re.search(r"python -m storylens\.analyze\.static$", recipe, re.M)
    assert "$(MAKE) static-model" in install_recipe()


@pytest.mark.slow
def test_a_fresh_build_gives_the_same_model(tmp_path: Path) -> None:
    """What `make static-model` runs, into an empty folder, offline (a minute or two)."""
    assert fresh_build("storylens.analyze.static", tmp_path / "m", timeout=900) == FINGERPRINT
    rebuilt = static.encode(list(static.PROBES), tmp_path / "m")
    installed = static.encode(list(static.PROBES))
    assert np.allclose(rebuilt @ rebuilt.T, installed @ installed.T, atol=1e-3)
