"""The light per-article view that story grouping works on.

Grouping thousands of articles cannot afford a full spaCy parse of each one, so it reads only
the headline and the opening (where a news story says what happened, to whom, when and how
many) and turns them into: one sentence embedding, cheap name keys (runs of capitalised words),
number keys, year keys and a day range. These carry the evidence that tells two events apart
when their topic is the same (Fed +75 bp in 2022 vs -50 bp in 2024).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np

from storylens.days import EVENT_YEAR, MONTH_NAME, day_range, month_number
from storylens.model import Article
from storylens.stories.dedup import sign_many
from storylens.tokens import HASHING_TOKEN

#: characters of the opening read after the headline
LEAD_CHARS = 700
#: characters scanned for names and numbers (a little more than is embedded)
KEY_CHARS = 1200

Encoder = Callable[[list[str]], np.ndarray]

#: the embeddings grouping can run on, each with the light-decision threshold fitted for it:
#: MiniLM (the default) and model-free feature hashing (``cluster --fast``, for huge corpora)
EMBEDDINGS = {"minilm": 0.62, "hashing": 0.25}
#: languages the sentence model reads; openings in any other are hashed with their own stop
#: words, since an English-only model maps all text it cannot read to one crowded corner
MODEL_LANGUAGES = frozenset({"en"})

_NAME = re.compile(r"\b(?:[A-Z][\w’'.-]*[a-z0-9][\w’'-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w’'-]+|of|de))*")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")
_DATE_MDY = re.compile(rf"\b({MONTH_NAME})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_NAME})\s+(\d{{4}})\b", re.I)
#: capitalised words that name no one: sentence openers, days, months, page furniture
_NOT_NAMES = frozenset(
    str.split(
        """a an the in on at by for from to of and or but as after before with this that these those
    it its he she they we his her their our there here what when where who why how new more
    most some all one two three monday tuesday wednesday thursday friday saturday sunday
    today yesterday mr mrs ms dr share facebook twitter email whatsapp sms photo image video
    advertisement read watch updated posted published subscribe getty images ap afp reuters cnn
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec i if so not no"""
    )
)


@dataclass(slots=True)
class StoryFeatures:
    """What grouping knows about one article: picklable, so Spark can ship it.

    Slotted and with interned keys: a 100k-article run holds 100k of these.
    """

    id: str
    #: L2-normalised embedding of headline + opening (float32)
    embedding: np.ndarray
    names: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    #: first and last day (ordinals) the publication date can be; None when unknown
    days: tuple[int, int] | None = None
    #: title and text: what near-duplicate detection signs and the link check reads
    body: str = ""
    title: str = ""
    #: ISO 639-1 code, declared or detected; None when the opening is too short to tell
    language: str | None = None
    #: the opening glossed into English and embedded by the model's encoder (non-English
    #: languages with a dictionary, :mod:`.crossing`); None otherwise
    bridge: np.ndarray | None = None
    #: MinHash of ``body`` (:func:`storylens.stories.dedup.signature`), made with the rest of
    #: the features (on a Spark executor too); None for features read back from a store, whose
    #: signature grouping makes again from ``body``
    signature: np.ndarray | None = None

    @property
    def cross_vector(self) -> np.ndarray | None:
        """The vector this article meets other languages with: its gloss's, or its own when the
        model reads its language; None when it cannot meet them."""
        if self.bridge is not None:
            return self.bridge
        return self.embedding if self.language == "en" else None

    @property
    def model_encoded(self) -> bool:
        """Whether the embedding came from the encoder given to :func:`featurize`."""
        return model_reads(self.language)


def model_reads(language: str | None) -> bool:
    """Whether the sentence model embeds openings in ``language`` (None: too short to tell)."""
    return language is None or language in MODEL_LANGUAGES


def interned(values: Iterable[str]) -> frozenset[str]:
    """Keys with one copy of each string: the same names recur across thousands of articles."""
    return frozenset(map(sys.intern, values))


def lead(article: Article, chars: int = LEAD_CHARS) -> str:
    """Headline and opening, without repeating a headline that the page text starts with."""
    title = (article.title or "").strip()
    text = " ".join((article.text or "").split())
    if title and text.startswith(title):
        text = text[len(title) :].lstrip()
    opening = text[:chars]
    return f"{title}. {opening}" if title else opening


def text_date(text: str) -> tuple[int, int] | None:
    """The first full date printed in an opening ("May 12, 2015", "18 November 2023")."""
    found: list[tuple[int, date]] = []
    for m in _DATE_MDY.finditer(text):
        try:
            found.append(
                (m.start(), date(int(m.group(3)), month_number(m.group(1)), int(m.group(2))))
            )
        except ValueError:
            continue
    for m in _DATE_DMY.finditer(text):
        try:
            found.append(
                (m.start(), date(int(m.group(3)), month_number(m.group(2)), int(m.group(1))))
            )
        except ValueError:
            continue
    if not found:
        return None
    ordinal = min(found)[1].toordinal()
    return ordinal, ordinal


def keys(text: str) -> tuple[frozenset[str], frozenset[str], frozenset[int]]:
    """Name, number and year keys of a piece of text."""
    names: set[str] = set()
    for m in _NAME.finditer(text):
        words = [w.strip(".’'").lower() for w in m.group(0).split()]
        words = [w for w in words if w and w not in _NOT_NAMES]
        # single words and the full run both count, so "Jerome Powell" meets "Powell"
        names.update(w for w in words if len(w) > 2)
        if len(words) > 1:
            names.add(" ".join(words))
    years = frozenset(int(y) for y in EVENT_YEAR.findall(text))
    numbers: set[str] = set()
    for raw in _NUMBER.findall(text):
        value = raw.replace(",", "")
        if len(value) == 4 and value.isdigit() and int(value) in years:
            continue
        # one-digit counts ("2 adults", "5 things") are too common to tell events apart
        if value.isdigit() and len(value) < 2:
            continue
        numbers.add(value.rstrip("0").rstrip(".") if "." in value else value)
    return interned(names), interned(numbers), years


def load_encoder() -> Encoder:
    """The analysis stage's sentence encoder (MiniLM, int8 ONNX): one space for every vector a
    store or a judgement compares."""
    from storylens.analyze.models import Models

    return Models.shared().encode


def get_encoder(embedding: str = "minilm") -> Encoder:
    """The encoder behind an :data:`EMBEDDINGS` name."""
    check_embedding(embedding)
    return hashing_encoder() if embedding == "hashing" else load_encoder()


def check_embedding(embedding: str) -> str:
    if embedding not in EMBEDDINGS:
        known = ", ".join(EMBEDDINGS)
        raise ValueError(f"unknown embedding {embedding!r} (known: {known})")
    return embedding


def featurize(
    articles: Sequence[Article], encoder: Encoder, cross_lingual: bool = False
) -> list[StoryFeatures]:
    """One :class:`StoryFeatures` per article; ``encoder`` embeds the openings in the
    :data:`MODEL_LANGUAGES`, a hashing encoder with each language's stop words the rest (so
    ``encoder`` must give vectors as wide as the hashing encoder's: 384, like MiniLM)."""
    from storylens.read.language import detect_language

    leads = [lead(a) for a in articles]
    languages = [
        a.language or detect_language(text) for a, text in zip(articles, leads, strict=True)
    ]
    by_encoder: dict[str | None, list[int]] = {}
    for i, language in enumerate(languages):
        by_encoder.setdefault(None if model_reads(language) else language, []).append(i)
    vectors: list[np.ndarray] = [np.zeros(0, "float32")] * len(articles)
    for language, rows in by_encoder.items():
        encode = encoder if language is None else hashing_encoder(language=language)
        for i, vector in zip(rows, encode([leads[i] for i in rows]), strict=True):
            vectors[i] = vector
    from storylens.stories.crossing import cross_views

    # glossing costs an encoder pass per non-English opening: only when links may cross
    bridges = cross_views(leads, languages, encoder) if cross_lingual else [None] * len(leads)
    bodies = [f"{a.title or ''}\n{a.text or ''}" for a in articles]
    out: list[StoryFeatures] = []
    for article, text, vector, language, crossed, body, signed in zip(
        articles, leads, vectors, languages, bridges, bodies, sign_many(bodies), strict=True
    ):
        names, numbers, years = keys(lead(article, KEY_CHARS))
        days = day_range(article.published) or text_date(text)
        vec = np.asarray(vector, dtype="float32")
        norm = float(np.linalg.norm(vec))
        out.append(
            StoryFeatures(
                id=article.id,
                embedding=vec / norm if norm else vec,
                names=names,
                numbers=numbers,
                years=years,
                days=days,
                body=body,
                title=article.title or "",
                language=language,
                bridge=crossed,
                signature=signed,
            )
        )
    return out


@cache
def stop_words(language: str) -> tuple[str, ...]:
    """Stop words for a language: scikit-learn's for English, spaCy's (no model needed) for the
    rest; empty for a language spaCy lacks."""
    if language == "en":
        # scikit-learn's list spares `--fast` runs on English the seconds of importing spaCy
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as words
    else:
        from spacy.util import get_lang_class

        try:
            words = get_lang_class(language).Defaults.stop_words
        except (ImportError, KeyError, AttributeError):
            return ()
    # only words the vectorizer's tokenizer yields whole ("n't" and "'s" it cannot)
    lowered = {w.lower() for w in words}
    return tuple(sorted(w for w in lowered if HASHING_TOKEN.findall(w) == [w]))


@cache
def hashing_encoder(dim: int = 384, language: str = "en") -> Encoder:
    """A model-free encoder: signed feature hashing of word uni/bigrams, stop words dropped.

    Orders of magnitude faster than MiniLM and blind to paraphrase, so grouping leans more on
    shared words, names and numbers; ``bench/bench_cluster.py`` measures both paths. Without
    its language's stop words ("de", "la", "el") every pair of texts in it would look alike.
    """
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(
        n_features=dim,
        ngram_range=(1, 2),
        alternate_sign=True,
        norm="l2",
        stop_words=list(stop_words(language)) or None,
    )

    def encode(texts: list[str]) -> np.ndarray:
        return np.asarray(vectorizer.transform(texts).toarray(), dtype="float32")

    return encode
