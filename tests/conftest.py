"""Fixtures shared across the suite: paths to ../shared, a headless Debian Chromium and models
that count their calls."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storylens.analyze.models import Models

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
WIRE = SEEDS / "004_ad8205b13b026261.txt"
REWRITE = SEEDS / "000_5106ceb30cf12f44.txt"
ARTIFACTS = REPO / "tests" / "artifacts"

#: flags that keep Chromium off the network on a machine with none
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def need(path: Path) -> Path:
    """Skip (with the reason) when a shared data file is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: run from a checkout with ../shared beside it")
    return path


@pytest.fixture(scope="session")
def seeds() -> tuple[Path, Path]:
    """(wire, rewrite): the Reuters story and the Al Jazeera page rewritten from it."""
    return need(WIRE), need(REWRITE)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright; in CI its absence is a failure, not a skip."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: `make test` installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def artifacts() -> Path:
    """Folder for screenshots and other files a person may want to look at after a run."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the checkout (seeds/ and data/)."""
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent: run from a checkout with ../shared beside it")
    return SHARED


class CountingModels(Models):
    """Models that note every text they are asked to parse or encode. They borrow the shared
    models' loaded weights (a second copy costs seconds and hundreds of MB), but never call the
    shared object's own ``parse`` or ``encode``."""

    def __init__(self) -> None:
        super().__init__()
        self.parsed: list[str] = []
        self.encoded: list[str] = []
        shared = Models.shared()
        self._nlp, self._encoder = shared.nlp(), shared.encoder()

    def parse(self, texts: Sequence[str], batch_size: int = 64) -> list[Any]:
        self.parsed += texts
        return super().parse(texts, batch_size)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded += texts
        return super().encode(texts)


@pytest.fixture
def counting_models(monkeypatch: pytest.MonkeyPatch) -> CountingModels:
    """A :class:`CountingModels`, with the shared models' ``parse`` and ``encode`` made to fail:
    a test using it proves that whoever holds it never falls back on the shared ones."""
    held = CountingModels()
    shared = Models.shared()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the shared models were used instead of the held ones")

    monkeypatch.setattr(shared, "parse", refuse)
    monkeypatch.setattr(shared, "encode", refuse)
    return held
