"""Seed analyses (real models, loaded once) and hand-built analyses for model-free unit tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from storylens.analyze.document import Analysis, Entity, Quantity, Quote, Sentence
from storylens.compare import Comparison, compare
from storylens.model import Article

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_analysis(
    sentences: Sequence[str],
    embeddings: np.ndarray | None = None,
    quotes: Sequence[Quote] = (),
    entities: Sequence[Entity] = (),
    quantities: Sequence[Quantity] = (),
    **article: object,
) -> Analysis:
    """An Analysis built by hand: one sentence per paragraph, optional unit embeddings."""
    text = "\n\n".join(sentences)
    rows, start = [], 0
    for i, sentence in enumerate(sentences):
        rows.append(Sentence(i, sentence, i, start, start + len(sentence)))
        start += len(sentence) + 2
    if embeddings is None:
        embeddings = np.zeros((len(sentences), 0), "float32")
    return Analysis(
        article=Article(text=text, **article),  # type: ignore[arg-type]
        sentences=rows,
        quotes=list(quotes),
        entities=list(entities),
        quantities=list(quantities),
        sentence_embeddings=embeddings.astype("float32"),
    )


@pytest.fixture(scope="session")
def analyse():
    """The real analysis stage (loads spaCy and the sentence encoder once per session)."""
    from storylens.analyze import analyze
    from storylens.read import read_path

    def run(path: Path) -> Analysis:
        articles = read_path(path)
        assert len(articles) == 1
        return analyze(articles[0])

    return run


@pytest.fixture(scope="session")
def seed_analyses(seeds: tuple[Path, Path], analyse) -> tuple[Analysis, Analysis]:
    wire, rewrite = seeds
    return analyse(wire), analyse(rewrite)


@pytest.fixture(scope="session")
def seed_comparison(seed_analyses: tuple[Analysis, Analysis]) -> Comparison:
    """wire (004) as A, rewrite (000) as B."""
    return compare(*seed_analyses)


@pytest.fixture(scope="session")
def swapped_comparison(seed_analyses: tuple[Analysis, Analysis]) -> Comparison:
    return compare(seed_analyses[1], seed_analyses[0])


@pytest.fixture(scope="session")
def different_events(analyse) -> Comparison:
    """Two attacks on the same base, same actors, different dates and casualties."""
    return compare(
        analyse(FIXTURES / "base_attack_january.txt"), analyse(FIXTURES / "base_attack_march.txt")
    )
