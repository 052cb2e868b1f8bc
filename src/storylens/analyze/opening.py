"""The story view of an article: its headline and opening, read without spaCy.

Story grouping compares thousands of articles and cannot afford a parse of each one (a light
spaCy analysis measured 2.9x slower), so the ``lead``, ``gloss`` and ``signature`` steps
(:data:`storylens.analyze.pipeline.STORY`) read only the headline and the opening, where a news
story says what happened, to whom, when and how many: one embedding, cheap name keys (runs of
capitalised words), number keys, year keys and a day range. These carry the evidence that tells
two events apart when their topic is the same (Fed +75 bp in 2022 vs -50 bp in 2024).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from storylens.days import EVENT_YEAR, MONTH_NAME, day_range, month_number
from storylens.languages import detect_language
from storylens.model import Article
from storylens.tokens import HASHING_TOKEN

if TYPE_CHECKING:
    from storylens.analyze.document import Analysis

#: characters of the opening read after the headline
LEAD_CHARS = 700
#: characters scanned for names and numbers (a little more than is embedded)
KEY_CHARS = 1200

Encoder = Callable[[list[str]], np.ndarray]

#: the embeddings of an opening: MiniLM (the default) and model-free feature hashing
#: (``cluster --fast``, for huge corpora)
EMBEDDINGS = ("minilm", "hashing")
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


def body(article: Article) -> str:
    """Title and text: what the ``signature`` step signs, and what near-duplicate detection
    reads again for a story's members."""
    return f"{article.title or ''}\n{article.text or ''}"


def text_date(text: str) -> tuple[int, int] | None:
    """The first full date printed in an opening ("May 12, 2015", "18 November 2023")."""
    found: list[tuple[int, date]] = []
    # the groups holding year, month and day in each pattern
    for pattern, (y, mo, d) in ((_DATE_MDY, (3, 1, 2)), (_DATE_DMY, (3, 2, 1))):
        for m in pattern.finditer(text):
            try:
                day = date(int(m.group(y)), month_number(m.group(mo)), int(m.group(d)))
            except ValueError:
                continue
            found.append((m.start(), day))
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


def read_leads(analyses: Sequence[Analysis], encode: Encoder) -> None:
    """The ``lead`` step for a batch: lead, language, keys, days and the lead embedding.

    ``encode`` embeds the openings in the :data:`MODEL_LANGUAGES`, a hashing encoder with each
    language's stop words the rest (so ``encode`` must give vectors as wide as the hashing
    encoder's: 384, like MiniLM). An empty opening's embedding is zeros: there is nothing to
    embed, and a zero vector's cosine links it to nothing."""
    # a pass per kind of work, in the order grouping's own reading had: the order its speed
    # was measured in (bench/bench_cluster.py), and one model or pattern set at a time
    for analysis in analyses:
        analysis.lead = lead(analysis.article)
    for analysis in analyses:
        analysis.language = analysis.article.language or detect_language(analysis.lead)
    by_encoder: dict[str | None, list[Analysis]] = {}
    for analysis in analyses:
        language = None if model_reads(analysis.language) else analysis.language
        by_encoder.setdefault(language, []).append(analysis)
    for language, group in by_encoder.items():
        encoder = encode if language is None else hashing_encoder(language=language)
        # empty openings go to the encoder too, so a caller's own encoder (a test's stand-in
        # that batches) sees the batch grouping's earlier reading gave it
        vectors = np.asarray(encoder([a.lead for a in group]), dtype="float32")
        for analysis, vector in zip(group, vectors, strict=True):
            analysis.lead_embedding = _unit(vector) if analysis.lead else np.zeros_like(vector)
    for analysis in analyses:
        article = analysis.article
        names, numbers, years = keys(lead(article, KEY_CHARS))
        analysis.lead_names, analysis.lead_numbers, analysis.lead_years = names, numbers, years
        analysis.days = day_range(article.published) or text_date(analysis.lead)


def gloss_leads(analyses: Sequence[Analysis], encode: Encoder) -> None:
    """The ``gloss`` step: for each opening in a language other than English that a dictionary
    joins to English, the L2-normalised embedding of its English gloss by ``encode``; None for
    the rest (English openings meet others through their own embedding)."""
    from storylens.analyze.bridge import bridge

    glossed, texts = [], []
    for analysis in analyses:
        analysis.gloss_embedding = None
        if analysis.language in (None, "en"):
            continue
        view = bridge(analysis.lead, analysis.language)
        if view.method is not None and view.gloss:
            glossed.append(analysis)
            texts.append(view.gloss_text)
    if texts:
        vectors = np.asarray(encode(texts), dtype="float32")
        for analysis, vector in zip(glossed, vectors, strict=True):
            analysis.gloss_embedding = _unit(vector)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


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


class HashingEncoder:
    """A model-free encoder: signed feature hashing of word uni/bigrams, stop words dropped.

    Orders of magnitude faster than MiniLM and blind to paraphrase, so grouping leans more on
    shared words, names and numbers; ``bench/bench_cluster.py`` measures both paths. Without
    its language's stop words ("de", "la", "el") every pair of texts in it would look alike.
    A class, not a closure, so that analysis options holding one still pickle (Spark).
    """

    def __init__(self, dim: int = 384, language: str = "en") -> None:
        self.dim = dim
        self.language = language
        self._vectorizer: object | None = None

    def __call__(self, texts: list[str]) -> np.ndarray:
        if self._vectorizer is None:
            from sklearn.feature_extraction.text import HashingVectorizer

            self._vectorizer = HashingVectorizer(
                n_features=self.dim,
                ngram_range=(1, 2),
                alternate_sign=True,
                norm="l2",
                stop_words=list(stop_words(self.language)) or None,
            )
        matrix = self._vectorizer.transform(texts)  # type: ignore[attr-defined]
        return np.asarray(matrix.toarray(), dtype="float32")

    def __repr__(self) -> str:
        return f"HashingEncoder(dim={self.dim}, language={self.language!r})"

    def __getstate__(self) -> dict[str, object]:
        return {"dim": self.dim, "language": self.language}  # the vectorizer is rebuilt

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(**state)  # type: ignore[misc, arg-type]


@cache
def hashing_encoder(dim: int = 384, language: str = "en") -> HashingEncoder:
    """The :class:`HashingEncoder` of a language, one per process."""
    return HashingEncoder(dim, language)
