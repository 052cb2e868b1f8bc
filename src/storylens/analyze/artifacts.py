"""What the encoder built at install needs: a folder written whole or not at all, and a
fingerprint of what a build says about a few news sentences."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

#: sentences whose cosines a fingerprint hashes: two builds that agree on these cosines behave
#: alike, whichever CPU ran the int8 kernels
PROBES = (
    "A magnitude 6.1 earthquake struck southern Turkey on Monday, killing at least 40 people.",
    "Rescuers searched collapsed buildings after a strong quake hit Turkey's south.",
    "The Federal Reserve cut its benchmark interest rate by half a percentage point.",
    "Central bank lowers rates by 50 basis points as inflation cools.",
    "Thousands of rail workers walked out on strike demanding a 7 percent raise.",
    "The home side won the cup final 2-1 after extra time.",
)


@contextmanager
def building(target: Path, prefix: str) -> Iterator[Path]:
    """A fresh folder beside ``target`` to build in; renamed onto ``target`` when the block ends
    without error, removed otherwise, so a reader never sees half a model."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    try:
        yield tmp
        tmp.chmod(0o755)  # mkdtemp's 0700 would hide the model from other users
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def fingerprint(vectors: np.ndarray, decimals: int) -> str:
    """A short hash of the rows' cosines rounded to ``decimals``."""
    cosines = np.round(vectors @ vectors.T, decimals) + 0.0  # + 0.0: no "-0.0"
    return hashlib.sha256(cosines.astype("float32").tobytes()).hexdigest()[:16]
