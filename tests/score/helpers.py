"""Hand-built analyses for tests that must not load the language models."""

from __future__ import annotations

import numpy as np

from storylens.analyze.document import Analysis, Entity, Quantity, Quote, Sentence
from storylens.model import Article

DIM = 8


def unit(*values: float) -> np.ndarray:
    v = np.zeros(DIM, "float32")
    v[: len(values)] = values
    return v / np.linalg.norm(v)


def analysis(
    text: str,
    vectors: list[np.ndarray],
    entities: list[tuple[str, str]] = (),
    quantities: list[tuple[str, str]] = (),
    quotes: list[tuple[str, str | None]] = (),
    title: str = "",
    shingles: set[int] = frozenset(),
    language: str = "en",
) -> Analysis:
    """An Analysis whose sentences are the ``.``-separated parts of ``text``."""
    parts = [p.strip() + "." for p in text.split(".") if p.strip()]
    sentences = [Sentence(i, p, 0, 0, len(p)) for i, p in enumerate(parts)]
    matrix = np.vstack(vectors).astype("float32")
    assert len(matrix) == len(sentences), "one vector per sentence"
    mean = matrix[:3].mean(axis=0)
    sig = np.array(sorted(shingles)[:4] + [2**63] * (4 - min(4, len(shingles))), "uint64")
    return Analysis(
        article=Article(title=title, text=text, language=language),
        sentences=sentences,
        quotes=[Quote(q, s, 0) for q, s in quotes],
        entities=[Entity(k, label, k.lower(), 0) for label, k in entities],
        quantities=[Quantity(k, kind, k, 0) for kind, k in quantities],
        sentence_embeddings=matrix,
        embedding=(mean / np.linalg.norm(mean)).astype("float32"),
        title_embedding=unit(1.0) if title else np.zeros(DIM, "float32"),
        shingles=frozenset(shingles),
        minhash=sig,
    )


def wire() -> Analysis:
    return analysis(
        "Rockets hit the Ain al-Asad base in Iraq on Tuesday. Ten rockets struck the base. "
        "No one was hurt, officials said.",
        [unit(1, 0.1), unit(0.9, 0.3), unit(0.2, 1)],
        entities=[("GPE", "Iraq"), ("FAC", "Ain al-Asad"), ("ORG", "Pentagon")],
        quantities=[("date", "date:2021-03-02"), ("number", "number:10")],
        quotes=[("We will respond at a time of our choosing", "John Kirby")],
        title="Rockets hit Iraq base",
        shingles={1, 2, 3, 4, 5, 6},
    )


def rewrite() -> Analysis:
    return analysis(
        "Ten rockets struck the Ain al-Asad air base in Iraq on Tuesday. Nobody was injured. "
        "The Pentagon said it would respond.",
        [unit(1, 0.15), unit(0.25, 1), unit(0.8, 0.2, 0.3)],
        entities=[("GPE", "Iraq"), ("FAC", "Ain al-Asad"), ("ORG", "Pentagon")],
        quantities=[("date", "date:2021-03-02"), ("number", "number:10")],
        quotes=[("we will respond at a time of our choosing", "John Kirby")],
        title="Iraq base hit by rockets",
        shingles={3, 4, 5, 6, 7, 8},
    )


def other_event() -> Analysis:
    return analysis(
        "Iranian missiles hit the Ain al-Asad base in Iraq. Twenty two missiles were fired.",
        [unit(0.9, 0.1, 0.4), unit(0.5, 0.1, 0.8)],
        entities=[("GPE", "Iraq"), ("FAC", "Ain al-Asad"), ("GPE", "Iran")],
        quantities=[("date", "date:2020-01-08"), ("number", "number:22")],
        title="Iran strikes Iraq base",
        shingles={40, 41, 42},
        language="en",
    )
