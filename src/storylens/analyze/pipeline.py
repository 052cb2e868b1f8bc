"""``analyze`` / ``analyze_many``: an Article in, its Analysis out, computed once and cached."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storylens.analyze import entities as entity_step
from storylens.analyze import models, quantities, quotes, sentences
from storylens.analyze.document import Analysis, Sentence
from storylens.analyze.shingles import minhash, shingle
from storylens.errors import StorylensError
from storylens.isolate import Failed, isolate
from storylens.model import Article


@dataclass(frozen=True)
class AnalyzeOptions:
    """What to compute; the defaults are what compare and stories expect."""

    #: sentence, opening and title embeddings (the slow part: off for quick text-only runs)
    embeddings: bool = True
    #: MinHash permutations
    num_perm: int = 128
    #: words per shingle
    shingle_size: int = 5
    #: sentences after the title that make up ``Analysis.embedding``
    opening_sentences: int = 3


#: analyses kept in memory; the oldest is dropped first
CACHE_SIZE = 4096
_cache: OrderedDict[tuple[str, str, AnalyzeOptions], Analysis] = OrderedDict()
_cache_lock = threading.Lock()


def cache_key(article: Article, options: AnalyzeOptions) -> tuple[str, str, AnalyzeOptions]:
    # Every field, not just the words: the Analysis carries its Article, and the same text read
    # from another outlet or file must come back with that outlet, not the first one cached.
    record = json.dumps(article.to_dict(), sort_keys=True, ensure_ascii=False)
    digest = hashlib.blake2b(record.encode("utf-8", "surrogatepass"), digest_size=16)
    return article.id, digest.hexdigest(), options


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def _remember(key: tuple[str, str, AnalyzeOptions], analysis: Analysis) -> None:
    with _cache_lock:
        _cache[key] = analysis
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def _lookup(key: tuple[str, str, AnalyzeOptions]) -> Analysis | None:
    with _cache_lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
        return found


def analyze(article: Article, options: AnalyzeOptions | None = None) -> Analysis:
    """Sentences, quotes, entities, quantities, embeddings and shingles of one article."""
    return analyze_many([article], options)[0]


def analyze_many(
    articles: Sequence[Article], options: AnalyzeOptions | None = None, batch_size: int = 32
) -> list[Analysis]:
    """:func:`analyze` for many articles, with spaCy and the encoder run in batches.

    Raises :class:`AnalysisFailed` for the first article that cannot be analysed even alone;
    :func:`analyze_each` gives the others anyway.
    """
    out: list[Analysis] = []
    for item in analyze_each(articles, options, batch_size):
        if isinstance(item, Failed):
            raise AnalysisFailed(item.item, item.reason)
        out.append(item)
    return out


class AnalysisFailed(StorylensError):
    """An article that spaCy or the encoder fails on, even on its own."""

    def __init__(self, article: Article, reason: str) -> None:
        super().__init__(f"{article.source or article.id}: cannot analyse this article ({reason})")
        self.article = article


def analyze_each(
    articles: Sequence[Article], options: AnalyzeOptions | None = None, batch_size: int = 32
) -> list[Analysis | Failed[Article]]:
    """:func:`analyze_many` where an article that fails costs only itself: a failed batch is
    run again one article at a time, and what fails alone comes back as ``Failed``."""
    options = options or AnalyzeOptions()
    keys = [cache_key(a, options) for a in articles]
    results: dict[tuple[str, str, AnalyzeOptions], Analysis | Failed[Article]] = {}
    todo: dict[tuple[str, str, AnalyzeOptions], Article] = {}
    for key, article in zip(keys, articles, strict=True):
        if key in results or key in todo:
            continue
        cached = _lookup(key)
        if cached is not None:
            results[key] = cached
        else:
            todo[key] = article
    pending = list(todo.items())
    step = max(1, batch_size)
    for start in range(0, len(pending), step):
        chunk = pending[start : start + step]
        done = isolate([a for _, a in chunk], lambda batch: _compute(batch, options, batch_size))
        for (key, _), analysis in zip(chunk, done, strict=True):
            results[key] = analysis
            if not isinstance(analysis, Failed):
                _remember(key, analysis)
    return [results[key] for key in keys]


def _compute(
    articles: Sequence[Article], options: AnalyzeOptions, batch_size: int
) -> list[Analysis]:
    block_lists = [sentences.blocks(a.text or "") for a in articles]
    texts = [b.text for blocks in block_lists for b in blocks]
    docs = models.parse(texts, batch_size=max(batch_size, 64)) if texts else []
    out: list[Analysis] = []
    position = 0
    for article, blocks in zip(articles, block_lists, strict=True):
        article_docs = docs[position : position + len(blocks)]
        position += len(blocks)
        out.append(_text_analysis(article, blocks, article_docs, options))
    if options.embeddings:
        _embed(out, options)
    return out


def _text_analysis(
    article: Article,
    blocks: list[sentences.Block],
    docs: list[object],
    options: AnalyzeOptions,
) -> Analysis:
    text = article.text or ""
    sents = list(sentences.build(blocks, docs, text))
    raw: list[entity_step.RawEntity] = []
    numeric: list[tuple[int, int, str, str]] = []
    for block, doc in zip(blocks, docs, strict=True):
        for ent in doc.ents:  # type: ignore[attr-defined]
            start, end = block.start + ent.start_char, block.start + ent.end_char
            if ent.label_ in entity_step.QUANTITY_LABELS:
                numeric.append((start, end, ent.text, ent.label_))
            elif ent.label_ in entity_step.ENTITY_LABELS:
                index = _sentence_at(sents, start)
                if index is not None:
                    raw.append(entity_step.RawEntity(ent.text, ent.label_, start, end, index))
    book = entity_step.people(raw, text)
    shingles = shingle(text, options.shingle_size) if text.strip() else frozenset()
    return Analysis(
        article=article,
        sentences=sents,
        quotes=quotes.extract(sents, raw, book, text),
        entities=entity_step.normalise(raw, book),
        quantities=quantities.extract(sents, numeric, article.published),
        shingles=shingles,
        minhash=minhash(shingles, options.num_perm),
    )


def _sentence_at(sents: Sequence[Sentence], offset: int) -> int | None:
    for sentence in sents:
        if sentence.start <= offset < sentence.end:
            return sentence.index
    return None


def _embed(analyses: list[Analysis], options: AnalyzeOptions) -> None:
    """Sentence, opening and title embeddings of a batch, in one pass through the encoder."""
    texts: list[str] = []
    for analysis in analyses:
        texts.extend(s.text for s in analysis.sentences)
        opening = [analysis.article.title] if analysis.article.title.strip() else []
        opening += [s.text for s in analysis.sentences[: options.opening_sentences]]
        texts.append(" ".join(opening))
        if analysis.article.title.strip():
            texts.append(analysis.article.title)
    # each distinct text once: copies of one wire story repeat most of their sentences
    distinct = list(dict.fromkeys(texts))
    where = {text: row for row, text in enumerate(distinct)}
    vectors = models.encode(distinct)[[where[text] for text in texts]]
    width = vectors.shape[1]
    row = 0
    for analysis in analyses:
        count = len(analysis.sentences)
        analysis.sentence_embeddings = vectors[row : row + count].copy()
        row += count
        has_opening = bool(analysis.article.title.strip() or analysis.sentences)
        analysis.embedding = vectors[row].copy() if has_opening else np.zeros(width, "float32")
        row += 1
        if analysis.article.title.strip():
            analysis.title_embedding = vectors[row].copy()
            row += 1
        else:
            analysis.title_embedding = np.zeros(width, "float32")
        if not count:
            analysis.sentence_embeddings = np.zeros((0, width), "float32")
