"""A language-neutral view of an article, so that two articles in different languages can meet.

The sentence encoder and the English features read English only. :func:`bridge` turns an article
in any language into what carries across languages:

- ``gloss``: its content words lemmatised (simplemma) and looked up word by word in a bilingual
  dictionary into English (:mod:`.glossary`); English articles keep their own lemmas;
- ``names``: capitalised words written in ASCII (anyascii), so that Путин meets Putin;
- ``lemmas``: its content lemmas in its own language (for two articles in one language that the
  English models read poorly).

``method`` names the dictionaries used, "english" for English, or None when the language has no
installed dictionary: the pair is then scored without a gloss.

:func:`article_bridge` is the view of a whole article the pair features read: where Apertium has
a pair into English installed (:mod:`.translate`; Spanish), its gloss is the English of the
machine translation, read as an English text is, and ``method`` names the Apertium mode;
:func:`sentence_glosses` does the same for the sentences of one article (the alignment of a
cross-lingual compare), in one Apertium process. The story-view facts and the gloss of an opening
keep the dictionary gloss of :func:`bridge`, read text by text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from storylens.analyze.glossary import COMPOUNDING, glossary, segment_chinese
from storylens.analyze.translate import Apertium
from storylens.languages import primary

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", re.UNICODE)
#: a capitalised word that does not open a sentence: a script-agnostic proxy for a name
_NAME = re.compile(r"(?<=[^\s.!?\"'“”«»]\s)([A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ][\w\-]{2,})")
_HAN = re.compile(r"[\u3400-\u9fff]+")
#: characters of an article read to guess its language when the reader did not say
_GUESS_CHARS = 1500


@dataclass(frozen=True)
class Bridged:
    language: str
    #: the dictionaries used ("freedict-deu-eng", "cc-cedict"), "english", or None (no bridge)
    method: str | None
    #: English content words in text order: the article as the English side can read it
    gloss: tuple[str, ...]
    #: content lemmas in the article's own language
    lemmas: frozenset[str]
    #: capitalised words in ASCII, lower case
    names: frozenset[str]
    #: share of content words the dictionary knew (1.0 for English; 0.0 without a bridge)
    coverage: float

    @property
    def gloss_text(self) -> str:
        return " ".join(self.gloss)


def guess_language(text: str) -> str:
    """The language py3langid reads in the opening of ``text`` ("und" for none): the one guess
    the bridge and the pair features share."""
    return _guess(text[:_GUESS_CHARS])


@lru_cache(maxsize=8192)
def _guess(opening: str) -> str:
    # cached: an article met in many pairs is guessed again for each (a third of a compare of
    # ready analyses once went here)
    import py3langid

    return str(py3langid.classify(opening)[0]) if opening.strip() else "und"


def bridge(text: str, language: str | None = None) -> Bridged:
    """The dictionary-bridged view of ``text``; ``language`` is guessed when None."""
    return _bridge(text, language_in(text, language))


@lru_cache(maxsize=8192)
def _bridge(text: str, language: str) -> Bridged:
    from anyascii import anyascii

    names = frozenset(anyascii(n).lower() for n in _NAME.findall(text))
    if language == "zh":
        return _chinese(text, names)
    stop = _stop_words(language)
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    lemmas = [_lemma(w, language) for w in words]
    content = [
        (w, lemma)
        for w, lemma in zip(words, lemmas, strict=True)
        if w.lower() not in stop and lemma not in stop
    ]
    own = frozenset(lemma for _, lemma in content)
    if language == "en":
        return Bridged(language, "english", tuple(lemma for _, lemma in content), own, names, 1.0)
    book = glossary(language)
    if book is None:
        return Bridged(language, None, (), own, names, 0.0)
    gloss: list[str] = []
    known = 0
    english_stop = _stop_words("en")
    compounds = language in COMPOUNDING
    for word, lemma in content:
        found = book.english(lemma) or book.english(word)
        if not found and compounds:
            found = book.compound(word)
        known += bool(found)
        gloss += [_lemma(g, "en") for g in found if g not in english_stop]
    coverage = known / len(content) if content else 0.0
    return Bridged(language, book.name, tuple(gloss), own, names, coverage)


def article_bridge(text: str, language: str | None = None) -> Bridged:
    """The bridged view of a whole article (title and body): from its Apertium translation where
    a pair into English is installed, else :func:`bridge`'s."""
    return _article_bridge(text, language_in(text, language))


def sentence_glosses(texts: Sequence[str], language: str | None) -> list[tuple[str, ...]]:
    """The English content words of each sentence of one article: from one Apertium process for
    all of them where a pair into English is installed, else each sentence's dictionary gloss."""
    lang = primary(language or "en")
    found = Apertium.shared().to_english(texts, lang) if lang != "en" else [None] * len(texts)
    return [
        _bridge(t.text, "en").gloss if t is not None else _bridge(text, lang).gloss
        for text, t in zip(texts, found, strict=True)
    ]


def prepare_articles(items: Iterable[tuple[str, str | None]]) -> None:
    """Translate, one Apertium process per language, the article texts (with their languages,
    None to guess) that :func:`article_bridge` is about to read."""
    apertium = Apertium.shared()
    by_language: dict[str, list[str]] = {}
    for text, language in items:
        lang = language_in(text, language)
        if lang != "en" and apertium.mode(lang) is not None:
            by_language.setdefault(lang, []).append(text)
    for lang, texts in by_language.items():
        apertium.to_english(texts, lang)


def language_in(text: str, language: str | None) -> str:
    """The language the bridge reads ``text`` in: ``language`` as declared, else guessed."""
    return primary(language or guess_language(text))


@lru_cache(maxsize=8192)
def _article_bridge(text: str, language: str) -> Bridged:
    own = _bridge(text, language)
    if language == "en":
        return own
    found = Apertium.shared().to_english([text], language)[0]
    if found is None:
        return own
    # the translation is read as English text is; lemmas and names stay the original's
    english = _bridge(found.text, "en")
    method = f"apertium-{found.method}"
    return Bridged(language, method, english.gloss, own.lemmas, own.names, found.known)


def senses(text: str, language: str) -> list[frozenset[str]]:
    """Per content word of ``text``, the English words it may mean (every listed sense's first
    words, lemmatised); an English word is its own lemma. Empty without a dictionary."""
    lang = primary(language)
    stop, english_stop = _stop_words(lang), _stop_words("en")
    if lang == "zh":
        book = glossary("zh")
        words = (
            []
            if book is None
            else [w for r in _HAN.findall(text) for w in segment_chinese(r, book)]
        )
        pairs = [(w, w) for w in words if w not in stop]
    else:
        book = None if lang == "en" else glossary(lang)
        found = [w for w in _WORD.findall(text) if len(w) > 1]
        pairs = [(w, _lemma(w, lang)) for w in found]
        pairs = [(w, m) for w, m in pairs if w.lower() not in stop and m not in stop]
    if lang == "en":
        return [frozenset({lemma}) for _, lemma in pairs]
    if book is None:
        return []
    from anyascii import anyascii

    out = []
    for word, lemma in pairs:
        meant = book.senses(lemma) or book.senses(word)
        english = frozenset(_lemma(g, "en") for g in meant if g not in english_stop)
        # a word no dictionary knows is most often a name: it meets itself in ASCII
        out.append(english or frozenset({anyascii(word).lower()}))
    return out


def _chinese(text: str, names: frozenset[str]) -> Bridged:
    book = glossary("zh")
    if book is None:
        return Bridged("zh", None, (), frozenset(), names, 0.0)
    stop = _stop_words("zh")
    english_stop = _stop_words("en")
    words = [w for run in _HAN.findall(text) for w in segment_chinese(run, book)]
    content = [w for w in words if w not in stop]
    gloss: list[str] = []
    known = 0
    for word in content:
        found = book.english(word)
        known += bool(found)
        gloss += [_lemma(g, "en") for g in found if g not in english_stop]
    coverage = known / len(content) if content else 0.0
    return Bridged("zh", book.name, tuple(gloss), frozenset(content), names, coverage)


@lru_cache(maxsize=64)
def _stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words for ``language`` (lower case); empty when spaCy has none."""
    from importlib import import_module

    try:
        module = import_module(f"spacy.lang.{language}.stop_words")
    except ImportError:
        return frozenset()
    return frozenset(w.lower() for w in module.STOP_WORDS)


@lru_cache(maxsize=200_000)
def _lemma(word: str, language: str) -> str:
    import simplemma

    try:
        return simplemma.lemmatize(word, lang=language).lower()
    except ValueError:  # a language simplemma does not know: the word as written
        return word.lower()
