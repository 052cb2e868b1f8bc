"""Fixtures for the story tests: the real sentence encoder (loaded once) and small corpora."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import numpy as np
import pytest

from storylens.model import Article


def hashed_encoder(texts: list[str]) -> np.ndarray:
    """A model-free stand-in for MiniLM: normalised hashed bag of words (tests of plumbing).

    384 wide like MiniLM, since openings in other languages are hashed to that width."""
    out = np.zeros((len(texts), 384), "float32")
    for row, text in enumerate(texts):
        for word in re.findall(r"\w+", text.lower()):
            out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 384] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


@pytest.fixture(scope="session")
def encoder() -> Callable[[list[str]], np.ndarray]:
    from storylens.analyze.models import Models

    return Models.shared().encode


@pytest.fixture(scope="session")
def fake_encoder() -> Callable[[list[str]], np.ndarray]:
    return hashed_encoder


HURRICANE = [
    (
        "Hurricane Ian makes landfall in Florida as Category 4 storm",
        "Hurricane Ian made landfall near Cayo Costa, Florida on Wednesday with 150 mph winds, "
        "the National Hurricane Center said. Governor Ron DeSantis urged 2.5 million residents "
        "to evacuate as storm surge of 12 to 18 feet hit Fort Myers.",
    ),
    (
        "Ian slams into southwest Florida with 150 mph winds",
        "Hurricane Ian slammed into Florida's Gulf coast near Cayo Costa as a Category 4 storm "
        "with 150 mph winds. DeSantis said storm surge flooded Fort Myers and Naples.",
    ),
    (
        "Category 4 Hurricane Ian hits Florida coast, millions without power",
        "The powerful Category 4 hurricane came ashore at Cayo Costa on Wednesday afternoon with "
        "maximum winds of 150 mph; Gov. Ron DeSantis said rescue crews would reach Fort Myers.",
    ),
]
BILL = [
    (
        "DeSantis signs bill banning TikTok on Florida school devices",
        "Florida Governor Ron DeSantis on Monday signed a bill that bans TikTok on devices in "
        "public schools and requires lessons on social media safety, his office in Tallahassee "
        "said.",
    ),
    (
        "Florida governor signs school social media law",
        "Ron DeSantis signed legislation in Tallahassee banning TikTok from Florida public school "
        "networks and devices, and ordering schools to teach social media safety.",
    ),
    (
        "New Florida law bans TikTok in schools",
        "Gov. Ron DeSantis signed the school social media bill on Monday; TikTok is now banned on "
        "Florida public school devices and students will be taught about online safety.",
    ),
]


def corpus(items: list[tuple[str, str]], prefix: str, published: str | None) -> list[Article]:
    return [
        Article(title=t, text=x, id=f"{prefix}{i}", outlet=f"outlet{i}.com", published=published)
        for i, (t, x) in enumerate(items)
    ]


@pytest.fixture
def two_events() -> tuple[list[Article], list[Article]]:
    """Same governor, same state, same week: a hurricane and a bill signing."""
    return corpus(HURRICANE, "ian-", "2022-09-28"), corpus(BILL, "bill-", "2022-09-26")
