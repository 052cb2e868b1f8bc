"""The analysis steps: what each one produces, and the code that computes them for a batch.

:class:`~storylens.analyze.Analyzer` runs them; this module keeps no state between calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storylens.analyze import entities as entity_step
from storylens.analyze import opening, quantities, quotes, sentences
from storylens.analyze.document import Analysis, Sentence
from storylens.analyze.models import ENCODER, Models
from storylens.analyze.shingles import minhash, minhash_many, shingle, shingle_arrays
from storylens.languages import detect_language
from storylens.model import Article


@dataclass(frozen=True)
class Step:
    """One analysis step: the ``Analysis`` fields it fills and the steps it reads."""

    name: str
    produces: tuple[str, ...]
    needs: tuple[str, ...] = ()


#: the keys the ``lead`` step reads from an opening
_LEAD_KEYS = ("lead_names", "lead_numbers", "lead_years")

STEPS: dict[str, Step] = {
    s.name: s
    for s in (
        Step("sentences", ("sentences",)),
        Step("entities", ("entities",), ("sentences",)),
        Step("quantities", ("quantities",), ("sentences",)),
        Step("quotes", ("quotes",), ("sentences", "entities")),
        Step("shingles", ("shingles", "minhash")),
        Step("embeddings", ("sentence_embeddings", "embedding", "title_embedding"), ("sentences",)),
        # the story view (:mod:`.opening`): headline and opening read without spaCy
        Step("lead", ("lead", "language", "days", "lead_embedding", *_LEAD_KEYS)),
        Step("gloss", ("gloss_embedding",), ("lead",)),
        Step("signature", ("signature",)),
    )
}
#: what story grouping reads of an article: no spaCy, one encoder pass over the openings
STORY = frozenset({"lead", "signature"})
#: :data:`STORY` with the English gloss of other languages' openings: how the model's embedding
#: reads two openings in one such language, and how links cross languages
CROSS_STORY = STORY | {"gloss"}
#: everything compare and the story view read (not the story grouping's light reading)
FULL = frozenset(STEPS) - CROSS_STORY
#: what the same-event judgement reads (dates, places, counts, actors, embeddings): what story
#: grouping's link check runs on each opening, without quotes and shingles
LIGHT = frozenset({"sentences", "entities", "quantities", "embeddings"})
#: no encoder: quick text-only runs
TEXT = FULL - {"embeddings"}
#: the steps that need a spaCy pass
_PARSED = frozenset({"sentences", "entities", "quantities", "quotes"})


def closed(steps: frozenset[str]) -> frozenset[str]:
    """``steps`` with every step they need; ValueError names an unknown step."""
    unknown = sorted(steps - set(STEPS))
    if unknown:
        raise ValueError(f"unknown analysis step {unknown[0]!r} (known: {', '.join(STEPS)})")
    out = set(steps)
    while True:
        more = {n for s in out for n in STEPS[s].needs} - out
        if not more:
            return frozenset(out)
        out |= more


@dataclass(frozen=True)
class AnalyzeOptions:
    """What to compute; the defaults are what compare and the story view expect."""

    #: names from :data:`STEPS`; the steps they need run too
    steps: frozenset[str] = FULL
    #: MinHash permutations
    num_perm: int = 128
    #: words per shingle
    shingle_size: int = 5
    #: sentences after the title that make up ``Analysis.embedding``
    opening_sentences: int = 3
    #: the sentence encoder: part of every cache key, so no cache hands back another's vectors
    encoder: str = ENCODER
    #: what embeds an opening for the ``lead`` and ``gloss`` steps: the sentence encoder
    #: ("minilm") or model-free feature hashing ("hashing", ``cluster --fast``)
    embedding: str = "minilm"
    #: an encoder used in place of ``embedding``'s (a test's stand-in, a caller's own model);
    #: compared by identity, so analyses it made are never handed to another
    lead_encoder: opening.Encoder | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "steps", closed(frozenset(self.steps)))
        if self.embedding not in opening.EMBEDDINGS:
            known = ", ".join(opening.EMBEDDINGS)
            raise ValueError(f"unknown embedding {self.embedding!r} (known: {known})")


def compute(
    articles: Sequence[Article], options: AnalyzeOptions, batch_size: int, models: Models
) -> list[Analysis]:
    """The analyses of a batch: ``models``' spaCy runs once over all of it, and each step that
    encodes runs the encoder once over the batch."""
    parsed = bool(options.steps & _PARSED)
    block_lists = [sentences.blocks(a.text or "") if parsed else [] for a in articles]
    texts = [b.text for blocks in block_lists for b in blocks]
    docs = models.parse(texts, batch_size=max(batch_size, 64)) if texts else []
    out: list[Analysis] = []
    position = 0
    for article, blocks in zip(articles, block_lists, strict=True):
        if not parsed:
            # nothing parsed, nothing to read entities or sentences from: the story steps'
            # 100k-article runs skip that per-article work outright
            out.append(_shingled(Analysis(article=article), options))
            continue
        article_docs = docs[position : position + len(blocks)]
        position += len(blocks)
        out.append(_text_analysis(article, blocks, article_docs, options))
    if "embeddings" in options.steps:
        _embed(out, options, models)
    if "lead" in options.steps:
        encode = lead_encoder(options, models)
        opening.read_leads(out, encode)
        if "gloss" in options.steps:
            opening.gloss_leads(out, encode)
    if "signature" in options.steps:
        # one numpy pass for the batch
        bodies = [opening.body(a) for a in articles]
        signed = minhash_many(shingle_arrays(bodies, options.shingle_size), options.num_perm)
        for analysis, signature in zip(out, signed, strict=True):
            analysis.signature = signature
    return out


def lead_encoder(options: AnalyzeOptions, models: Models) -> opening.Encoder:
    """What embeds openings in the languages the sentence model reads."""
    if options.lead_encoder is not None:
        return options.lead_encoder
    if options.embedding == "hashing":
        return opening.hashing_encoder()
    return models.encode


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
    steps = options.steps
    book = entity_step.people(raw, text)
    analysis = Analysis(article=article, sentences=sents)
    if "quotes" in steps:
        analysis.quotes = quotes.extract(sents, raw, book, text)
    if "entities" in steps:
        analysis.entities = entity_step.normalise(raw, book)
    if "quantities" in steps:
        language = article.language or detect_language(text)
        analysis.quantities = quantities.extract(sents, numeric, article.published, language)
    return _shingled(analysis, options)


def _shingled(analysis: Analysis, options: AnalyzeOptions) -> Analysis:
    if "shingles" in options.steps:
        text = analysis.article.text or ""
        analysis.shingles = shingle(text, options.shingle_size) if text.strip() else frozenset()
        analysis.minhash = minhash(analysis.shingles, options.num_perm)
    return analysis


def _sentence_at(sents: Sequence[Sentence], offset: int) -> int | None:
    for sentence in sents:
        if sentence.start <= offset < sentence.end:
            return sentence.index
    return None


def _embed(analyses: list[Analysis], options: AnalyzeOptions, models: Models) -> None:
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
