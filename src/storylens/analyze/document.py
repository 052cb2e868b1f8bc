"""What the analysis stage adds to an Article (the interface every later stage relies on)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from storylens.model import Article


@dataclass
class Sentence:
    index: int
    text: str
    #: index of the paragraph (in ``article.paragraphs``) the sentence belongs to
    paragraph: int
    #: character offsets in ``article.text``
    start: int
    end: int


@dataclass
class Quote:
    """Words put in someone's mouth, without the quote marks."""

    text: str
    #: canonical speaker name ("Adel Abdul Mahdi"), or None when nobody can be named
    speaker: str | None
    #: index of the sentence that holds (the start of) the quote
    sentence: int


@dataclass
class Entity:
    text: str
    #: spaCy label: PERSON, GPE, LOC, ORG, NORP, FAC, EVENT, PRODUCT, LAW, WORK_OF_ART, …
    label: str
    #: normalised key so that variants meet ("Abdul Mahdi" == "Adel Abdul Mahdi")
    key: str
    sentence: int
    #: display form of ``key``: the full name for a person ("Ali al-Sistani"), else the text
    name: str = ""


@dataclass
class Quantity:
    """A number, amount, percentage or date, normalised so that variants compare equal."""

    text: str
    #: money | percent | number | date | time | ordinal | quantity
    kind: str
    #: comparable key: "money:USD:35000000000", "date:2020-01-03", "number:4"
    key: str
    sentence: int


@dataclass
class Analysis:
    """An Article enriched once by :func:`storylens.analyze.analyze`."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    #: one L2-normalised row per sentence, float32 (n_sentences x dim)
    sentence_embeddings: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), "float32"))
    #: L2-normalised embedding of title + opening (what a story is about), float32
    embedding: np.ndarray = field(default_factory=lambda: np.zeros(0, "float32"))
    #: L2-normalised embedding of the title alone (zeros when there is no title)
    title_embedding: np.ndarray = field(default_factory=lambda: np.zeros(0, "float32"))
    #: hashed word shingles of the body, for exact containment between two texts
    shingles: frozenset[int] = frozenset()
    #: MinHash signature of ``shingles`` (uint64, fixed number of permutations)
    minhash: np.ndarray = field(default_factory=lambda: np.zeros(0, "uint64"))
    # -- the story view (the ``lead``, ``gloss`` and ``signature`` steps, no spaCy) --
    #: headline and opening (:func:`storylens.analyze.opening.lead`)
    lead: str = ""
    #: ISO 639-1 code, declared or detected from ``lead``; None when too short to tell
    language: str | None = None
    #: name, number and year keys of the headline and opening (a little more than ``lead``)
    lead_names: frozenset[str] = frozenset()
    lead_numbers: frozenset[str] = frozenset()
    lead_years: frozenset[int] = frozenset()
    #: first and last day (ordinals) the report can be from: its publication date, else the
    #: first full date of ``lead``; None when unknown
    days: tuple[int, int] | None = None
    #: L2-normalised embedding of ``lead`` (float32; zeros for an empty one), by the options'
    #: embedding, or hashed with the language's stop words where the model cannot read it
    lead_embedding: np.ndarray = field(default_factory=lambda: np.zeros(0, "float32"))
    #: L2-normalised embedding of ``lead``'s English gloss; None for English and languages
    #: without a dictionary
    gloss_embedding: np.ndarray | None = None
    #: MinHash of title and text (``shingles``' scheme): what near-duplicate detection reads
    signature: np.ndarray = field(default_factory=lambda: np.zeros(0, "uint64"))
