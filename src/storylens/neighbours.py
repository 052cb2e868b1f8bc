"""usearch's HNSW index, the one way storylens imports it.

onnxruntime must be loaded before usearch: with usearch's extension loaded first, creating the
sentence encoder's inference session crashes the process (onnxruntime 1.31.1, usearch 2.26.6).
Every module that needs an index imports it from here, so the order holds whatever runs first.
"""

from __future__ import annotations

import onnxruntime  # noqa: F401  (see above: must precede usearch)
from usearch.index import Index

__all__ = ["Index"]
